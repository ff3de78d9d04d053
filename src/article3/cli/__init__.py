"""The command line: ``article3 <noun> <verb>``."""

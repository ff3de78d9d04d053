"""One module of pages per domain."""

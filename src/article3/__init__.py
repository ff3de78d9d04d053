"""article3: wanted-person notices that cannot be turned into a tool of political persecution."""

__version__ = "0.1.0"

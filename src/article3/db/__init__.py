"""Storage: the declarative base, engines, sessions and migrations."""

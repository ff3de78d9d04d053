"""Benchmarks of the person search engine (see README.md)."""

"""Person search: normalisation, transliteration, matching and the in-memory candidate index.

Every module in this package is pure (no database, no web framework, no I/O beyond the
streams handed to `lists`), so the same engine serves border searches, list matching and
the benchmark under bench/search.
"""

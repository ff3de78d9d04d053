"""The audit chain: an append-only, hash-linked record of every change to data."""

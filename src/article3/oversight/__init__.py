"""Graduated measures on a member country, applied and lifted only by a recorded, published decision."""

"""Read-only statistics per requesting country, the graduated measures' proposals, and the signed
yearly transparency reports (docs/transparency.md)."""

"""The protected-persons register: refugees, officials of international bodies, journalists,
human-rights defenders, and persons whose data the complaints commission ordered deleted."""

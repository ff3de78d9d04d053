"""Member countries and their National Central Bureaus."""

"""The review queue: nothing reaches another country before a person decides."""

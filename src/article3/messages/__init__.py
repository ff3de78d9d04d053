"""Messages between National Central Bureaus, monitored before delivery against their use to locate
or arrest persons the sender was refused, or who are protected against it (rules §8 C)."""

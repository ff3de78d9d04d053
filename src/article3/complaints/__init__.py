"""The complaints commission: cases, statutory clocks, provisional blocks and binding decisions."""

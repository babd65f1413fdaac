"""What the tool writes: round-trip documents (`writers`)."""

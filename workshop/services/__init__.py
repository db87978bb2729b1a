"""Use cases of the workshop: every page calls these, never the database directly."""

"""The run of a meeting: a state machine fed with commands and the time (no Textual)."""

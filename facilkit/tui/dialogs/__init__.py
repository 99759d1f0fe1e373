"""Small typed modal dialogs: each returns one value through ``dismiss``."""

"""facilkit: plan learning meetings with I DO ART and a YAML library of methods."""

__version__ = "0.1.0"

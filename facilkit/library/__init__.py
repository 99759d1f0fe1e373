"""The method library: model, strict loading, search path and search."""

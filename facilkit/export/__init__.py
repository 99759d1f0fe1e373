"""Pure functions that turn methods and plans into Markdown text."""

"""The Textual UI. The only package in facilkit that imports Textual."""

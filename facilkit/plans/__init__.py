"""Plans: the I DO ART plan model, schedule, checks and safe storage."""

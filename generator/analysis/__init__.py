"""Cross-source analysis: which articles are copies of one story (syndication), how well each
fact is corroborated, and where articles disagree (discrepancies)."""

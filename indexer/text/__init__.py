"""Text handling shared by ingest and search: cleaning, the junk-line filter, publication dates, terminal output."""

"""The Wegweiser sync server: the tablets' counterpart (FastAPI, SQLite or PostgreSQL)."""

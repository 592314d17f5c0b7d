"""The sync client: outbox, pull, conflicts, scheduling. Independent of Flet.

`engine.SyncEngine` runs one sync; `scheduler.SyncScheduler` decides when; `outbox`
records local edits; `client.SyncClient` speaks HTTP. `python -m app.sync` drives it
from a command line (tests, support).
"""

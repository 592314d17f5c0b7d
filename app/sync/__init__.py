"""The sync client: outbox, push, pull, conflicts, scope, scheduling. Independent of Flet.

`engine.SyncEngine` runs one sync through its phases `push` and `pull` (`apply` writes
pages); `scheduler.SyncScheduler` decides when; `outbox` records local edits; `problems`
keeps conflicts for a person; `scope` the Kommunen; `enrolment` sign-in and wipe;
`client.SyncClient` speaks HTTP. `python -m app.sync` drives it from a command line.
"""

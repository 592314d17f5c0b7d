"""The domain shared by the app and the sync server.

One definition of every entity (`model`), of the dataset/wire format (`dataset`),
of opening hours (`opening_hours`) and of search text folding (`text`).
"""

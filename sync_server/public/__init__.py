"""The open Wegweiser: published content as web pages for partners, interested people
and newcomers, served by the sync server without an account (`pages.py`)."""

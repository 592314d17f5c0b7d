"""Wegweiser Harz: the Flet app the Integrationslotsen carry on their tablets."""

VERSION = "0.1.0"
"""The app's version, as `pyproject.toml` says (a test keeps them equal). A constant: on a
tablet the sources are packed, not installed, so there is no package metadata to read."""

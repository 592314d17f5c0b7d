"""Wegweiser Harz: the Flet app the Integrationslotsen carry on their tablets."""

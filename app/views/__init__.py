"""Flet views: each builds controls from state and calls services, nothing else."""

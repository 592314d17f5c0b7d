"""Builds the example dataset of the Landkreis Harz (`assets/demo/landkreis-harz.json`)."""

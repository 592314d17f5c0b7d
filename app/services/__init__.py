"""What the views call: plain Python over the store, testable without Flet."""

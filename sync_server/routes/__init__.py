"""The server's HTTP routes, one module each."""

"""Hosts: one rule for "this machine", which app and server both apply."""

import ipaddress


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine itself ("localhost", 127.0.0.0/8, ::1): where
    plain http never leaves the device. A name that may resolve to anything is not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

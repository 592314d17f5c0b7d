"""Entity tags as RFC 9110 reads them (section 13.1.2): `If-None-Match` holds `*` or a
list of tags, each strong or weak ("W/…"), compared weakly. Read once here, for the
handouts and the public pages alike."""


def matches(if_none_match: str | None, tag: str, exists: bool = True) -> bool:
    """Whether `If-None-Match` names the current representation, whose tag is `tag`.
    `*` matches any representation of a resource that `exists` (the caller checked;
    where it cannot say before rendering, `*` is left to the full answer)."""
    if not if_none_match:
        return False
    wanted = _opaque(tag)
    for item in if_none_match.split(","):
        item = item.strip()
        if (item == "*" and exists) or (item and _opaque(item) == wanted):
            return True
    return False


def _opaque(tag: str) -> str:
    """The tag without its weakness: weak comparison takes "W/\\"x\\"" for "\\"x\\""."""
    return tag.removeprefix("W/")

"""What a sheet's Markdown may link to: https, mailto, tel and the Wegweiser's own
entries, and no images.

A sheet is read on a guide's tablet during a home visit; an image from a remote host
would tell that host who reads what and where (and cost mobile data), a `http:` link
would send the newcomer somewhere unencrypted, `javascript:` and friends are worse. The
app's editor checks this as the person types, the server again on every edit.
"""

import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from wegweiser.kinds import ENTRY_KINDS

ALLOWED_SCHEMES = ("https", "mailto", "tel", "eintrag")

ENTRY_LINK = re.compile(
    rf"eintrag:({'|'.join(kind.entity for kind in ENTRY_KINDS)})/([0-9a-f-]{{36}})"
)
"""A link to an entry of the Wegweiser itself ("eintrag:contact_point/<id>"): the app
opens it in place, offline; the editor's help names it."""


def _reader() -> MarkdownIt:
    """CommonMark as written, with tables; every link kept whatever its target (the
    parser's own check drops `javascript:` silently, where the person must hear why) and
    as written (percent-encoded, "tel:+49 3941" would read as another number)."""
    reader = MarkdownIt("commonmark", {"html": True}).enable("table")
    reader.validateLink = lambda url: True  # type: ignore[method-assign]
    reader.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return reader


_READER = _reader()
_HTML_IMAGE = re.compile(r"<\s*img\b", re.IGNORECASE)
# What GitHub-flavoured Markdown (the app's renderer) makes a link by itself, which
# CommonMark leaves as text: "www.…" and "scheme://…".
_BARE = re.compile(r"(?<![\w/(<\[])((?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s)>\]]+)")


def link_problem(markdown: str) -> str | None:
    """The first image, raw HTML or link the text may not hold, as a German message;
    None if fine (what the editor shows as the person types)."""
    return next(iter(link_problems(markdown)), None)


def link_problems(markdown: str) -> list[str]:
    """Every image, raw HTML and link the text may not hold, each message once, images
    and HTML first. Read as a CommonMark parser reads it, so that brackets inside a
    link's words, escapes, code spans and references in quotes hide nothing."""
    env: dict[str, Any] = {}
    problems: list[str] = []
    targets: list[str] = []
    for token in _tokens(_READER.parse(markdown, env)):
        if token.type == "image":
            problems.append(_NO_IMAGES)
        elif token.type in ("html_inline", "html_block"):
            problems.append(_NO_IMAGES if _HTML_IMAGE.search(token.content) else _NO_HTML)
        elif token.type == "link_open":
            targets.append(str(token.attrGet("href") or ""))
    # Definitions no link uses yet: a later edit may use them.
    targets += [str(found["href"]) for found in env.get("references", {}).values()]
    targets += _BARE.findall(markdown)
    problems += [problem for target in targets if (problem := target_problem(target))]
    return list(dict.fromkeys(problems))


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def openable(url: str) -> bool:
    """Whether the app may hand `url` to the device (browser, mail, phone): what the
    rules allow, whatever reached the device (older data, another server)."""
    return target_problem(url) is None and not url.startswith("eintrag:")


def target_problem(target: str) -> str | None:
    """Why a link target is not allowed, in German; None for https, mailto and tel."""
    scheme, colon, rest = target.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in ALLOWED_SCHEMES:
        return (
            f"Der Link „{target}“ ist nicht erlaubt: nur https://, mailto:, tel: und "
            "eintrag: (z. B. https://www.kreis-hz.de)."
        )
    if scheme == "https" and not rest.startswith("//"):
        return f"Der Link „{target}“ ist keine vollständige Adresse (https://…)."
    if scheme == "mailto" and ("?" in rest or "@" not in rest):
        # "?bcc=…" would copy the newcomer's mail to someone they never see.
        return f"Der Link „{target}“ ist keine einfache E-Mail-Adresse (mailto:name@beispiel.de)."
    if scheme == "tel" and not re.fullmatch(r"\+?[0-9 ()/-]{3,30}", rest):
        return f"Der Link „{target}“ ist keine Telefonnummer (tel:+49 3941 5970)."
    if scheme == "eintrag" and not ENTRY_LINK.fullmatch(target):
        return (
            f"Der Link „{target}“ nennt keinen Eintrag (eintrag:contact_point/<ID> einer "
            "Anlaufstelle, eines Angebots, Partners oder Blatts)."
        )
    return None


_IMAGE = re.compile(r"!\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])?")
_HTML_TAG_IMAGE = re.compile(r"<\s*img\b[^>]*>?", re.IGNORECASE)


def without_images(markdown: str) -> str:
    """The text as the app draws it: every image replaced by its description.

    The rules keep images out of new text; this keeps the app from fetching one that
    reached a device another way (older data, a server of another version): drawing a
    remote image would tell its host who reads what, and where.
    """
    return _HTML_TAG_IMAGE.sub("", _IMAGE.sub(lambda m: m.group(1), markdown))


_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")


def tables_as_lists(markdown: str) -> str:
    """Every table as its header row in bold and a list item per row, cells joined by
    " – ": how the printed page and a phone's narrow screen show a table, whose columns
    there would break "Bereitschaftsdienst" inside the word."""
    lines: list[str] = []
    in_table = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped.startswith("|"):
            if in_table:
                lines.append("")
            in_table = False
            lines.append(line)
            continue
        if _TABLE_RULE.match(stripped):
            continue
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        text = " – ".join(cell for cell in cells if cell)
        if in_table:
            lines.append(f"- {text}")
        else:
            lines.extend(["", f"**{text}**", ""])
            in_table = True
    return "\n".join(lines)


_NO_IMAGES = (
    "Bilder sind in Informationsblättern nicht erlaubt: sie würden beim Lesen von fremden "
    "Servern geladen."
)
_NO_HTML = (
    "HTML (etwa „<a href=…>“) ist in Informationsblättern nicht erlaubt; Links bitte so: "
    "[Text](https://…)."
)

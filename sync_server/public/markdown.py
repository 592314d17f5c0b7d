"""A sheet's Markdown as HTML for the public pages, under the app's link rules.

No raw HTML passes (markdown-it escapes it), no images (`without_images`), and a link is
kept only when `target_problem` allows it: https, mailto, tel, and `eintrag:` links,
which become links to the entry's own public page. Any other link is shown as its words.
"""

from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from wegweiser.markdown_rules import ENTRY_LINK, target_problem, without_images

EntryUrl = Callable[[str, str], str | None]
"""(kind, id) -> the entry's public address, or None where it has no public page."""


def to_html(markdown: str, entry_url: EntryUrl) -> str:
    """`markdown` rendered; tables stay tables (a page can scroll them on a phone)."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    tokens = parser.parse(without_images(markdown))
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _allowed_links(token.children, entry_url)
    html: str = parser.renderer.render(tokens, parser.options, {})
    return html


def _allowed_links(children: Sequence[Token], entry_url: EntryUrl) -> list[Token]:
    """The inline tokens with each forbidden link reduced to its words; `eintrag:`
    links pointed at the public page (or reduced to their words, where there is none)."""
    kept: list[Token] = []
    dropping: list[bool] = []
    for child in children:
        if child.type == "link_open":
            target = str(child.attrGet("href") or "")
            address = _address(target, entry_url)
            dropping.append(address is None)
            if address is None:
                continue
            child.attrSet("href", address)
            if target.startswith("https://"):
                child.attrSet("rel", "noopener noreferrer")
        elif child.type == "link_close" and dropping.pop():
            continue
        kept.append(child)
    return kept


def _address(target: str, entry_url: EntryUrl) -> str | None:
    if target_problem(target) is not None:
        return None
    entry = ENTRY_LINK.fullmatch(target)
    if entry is not None:
        return entry_url(entry.group(1), entry.group(2))
    return target

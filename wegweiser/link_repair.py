"""Links of a district's existing content made to fit the rules (`markdown_rules`,
`addresses`), for `load --repair-links`: content from other systems holds dozens of
`http://` links and bare "www." addresses, and one of them refused the whole file.

- `http://…` and a bare `www.…` become `https://…` (the same address, encrypted);
- a link that cannot stay (`javascript:`, `ftp:`, a mail link with a hidden copy …)
  becomes its words alone, an image its description;
- nothing else is touched, and every change is named.

The rules still decide afterwards: what a repair could not mend is refused as before.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wegweiser.addresses import website_problem
from wegweiser.dataset import SECTIONS, record_label
from wegweiser.edits import WEBSITE_FIELDS
from wegweiser.markdown_rules import target_problem
from wegweiser.model import InfoSheet


@dataclass(frozen=True)
class Repair:
    """One change: the link as it was and what became of it, in German."""

    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"


# [words](target "title") and ![description](source): words may hold one level of
# brackets ("[Formular [PDF]](…)"), the target one level of parentheses, or stand in <…>.
_INLINE = re.compile(
    r"(?P<image>!?)\[(?P<words>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?P<title>(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?)\s*\)"
)
# Bounded, so that a text of unclosed tags costs a pass, not a pass per tag.
_HTML_LINK = re.compile(
    r"<a\s[^<>]{0,1000}?href\s*=\s*[\"']([^\"'<>]{0,2000})[\"'][^<>]{0,1000}>"
    r"([^<]{0,1000})</a\s*>",
    re.IGNORECASE,
)
_HTML_IMAGE = re.compile(r"<\s*img\b[^<>]{0,2000}>", re.IGNORECASE)
_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(http://[^\s>]+)", re.MULTILINE)
_AUTOLINK = re.compile(r"<(http://[^<>\s]+)>")
# As markdown_rules reads a bare address: not inside a link's target or words.
_BARE = re.compile(r"(?<![\w/(<\[@.:-])((?:http://|www\.)[^\s)>\]]+)")
_TRAILING = ".,;:!?"
"""Punctuation after a bare address ends the sentence, not the address."""


def repair_links(document: Any) -> list[str]:
    """Mend the links of a dataset file's JSON values in place (`dataset.read_document`;
    `dataset.check_document` checks them afterwards): each sheet's Markdown and each
    website. One German line per change, naming the record and field as a problem would."""
    lines: list[str] = []
    if not isinstance(document, dict):
        return lines
    for section, cls in SECTIONS.items():
        items = document.get(section)
        if section == "region":
            located = [("region", items)]
        elif isinstance(items, list):
            located = [(f"{section}[{index}]", item) for index, item in enumerate(items)]
        else:
            continue
        for where, item in located:
            if not isinstance(item, dict):
                continue
            label = record_label(where, item)
            for name, value in item.items():
                if not isinstance(value, str):
                    continue
                if name == "body" and cls is InfoSheet:
                    item[name], repairs = repaired_markdown(value)
                elif name in WEBSITE_FIELDS:
                    item[name], repairs = repaired_website(value)
                else:
                    continue
                lines += [f"{label}, Feld „{name}“: {repair}" for repair in repairs]
    return lines


def as_https(address: str) -> str | None:
    """`address` encrypted, if that makes an allowed web address: "http://a.de/x" and
    "www.a.de" become "https://…"; None otherwise."""
    if address.lower().startswith("http://"):
        mended = "https://" + address[len("http://") :]
    elif address.lower().startswith("www."):
        mended = "https://" + address
    else:
        return None
    return mended if website_problem(mended) is None else None


def repaired_website(value: str) -> tuple[str, list[Repair]]:
    """A website field as an https address where the same address is meant."""
    if website_problem(value) is None:
        return value, []
    mended = as_https(value.strip())
    return (mended, [Repair(f"„{value}“", f"„{mended}“")]) if mended else (value, [])


def repaired_markdown(text: str) -> tuple[str, list[Repair]]:
    """A sheet's Markdown with every link the rules refuse mended or made plain text."""
    repairs: list[Repair] = []

    def link(kind: str, words: str, target: str, title: str = "") -> str:
        """A refused link with its target mended where it can be, else its words alone."""
        mended = as_https(target)
        if mended is None:
            repairs.append(Repair(f"{kind} „{words}“ ({target})", "nur der Text"))
            return words
        repairs.append(Repair(f"„{target}“", f"„{mended}“"))
        return f"[{words}]({mended}{title})"

    def inline(match: re.Match[str]) -> str:
        words, target = match.group("words"), match.group("target")
        bare_target = target[1:-1] if target.startswith("<") else target
        if match.group("image"):
            repairs.append(Repair(f"Bild „{words}“ ({bare_target})", "nur die Beschreibung"))
            return words
        if target_problem(bare_target) is None:
            return match.group(0)
        return link("Link", words, bare_target, match.group("title"))

    def html_link(match: re.Match[str]) -> str:
        target, words = match.group(1), match.group(2).strip()
        if target_problem(target) is None:
            repairs.append(Repair(f"HTML-Link „{words}“ ({target})", f"[{words}]({target})"))
            return f"[{words}]({target})"
        return link("HTML-Link", words, target)

    def html_image(match: re.Match[str]) -> str:
        repairs.append(Repair(f"Bild {match.group(0)[:60]}", "entfernt"))
        return ""

    text = _INLINE.sub(inline, text)
    text = _HTML_LINK.sub(html_link, text)
    text = _HTML_IMAGE.sub(html_image, text)
    text = _DEFINITION.sub(_encrypted(repairs, lambda m: m.group(2), prefix=1), text)
    text = _AUTOLINK.sub(_encrypted(repairs, lambda m: m.group(1), wrap=True), text)
    text = _BARE.sub(_bare(repairs), text)
    return text, repairs


def _encrypted(
    repairs: list[Repair],
    address_of: Callable[[re.Match[str]], str],
    prefix: int | None = None,
    wrap: bool = False,
) -> Callable[[re.Match[str]], str]:
    """A replacement that makes the matched http address https (left alone if it cannot)."""

    def replace(match: re.Match[str]) -> str:
        address = address_of(match)
        mended = as_https(address)
        if mended is None:
            return match.group(0)
        repairs.append(Repair(f"„{address}“", f"„{mended}“"))
        before = match.group(prefix) if prefix is not None else ""
        return f"{before}<{mended}>" if wrap else f"{before}{mended}"

    return replace


def _bare(repairs: list[Repair]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        found = match.group(1)
        address = found.rstrip(_TRAILING)
        mended = as_https(address)
        if mended is None:
            return found
        repairs.append(Repair(f"„{address}“", f"„{mended}“"))
        return mended + found[len(address) :]

    return replace

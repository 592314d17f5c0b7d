"""Benchmark figures printed and kept: each benchmark's last full run is a section of
`docs/benchmarks.md` between markers of its own, written anew by each run."""

import platform
import re
from datetime import date
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


class Report:
    """Lines printed as they come, then written to the benchmark's section."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        print(text, flush=True)
        self.lines.append(text)

    def write(self) -> None:
        """Replace the section between `<!-- name -->` and `<!-- /name -->` (or append
        it) with this run's lines, dated."""
        start, end = f"<!-- {self.name} -->", f"<!-- /{self.name} -->"
        stamp = f"Last run {date.today().isoformat()}, Python {platform.python_version()}:"
        block = "\n".join([start, stamp, "", "```", *self.lines, "```", end])
        text = DOCS.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
        if pattern.search(text):
            text = pattern.sub(lambda _: block, text)
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
        DOCS.write_text(text, encoding="utf-8")

"""The app's web page (assets/index.html) is Flet's own page plus one block: Flutter's
renderer on the page's own thread (docs/web-renderer.md)."""

from pathlib import Path

import flet_web

from tests.conftest import ROOT

OURS = ROOT / "assets" / "index.html"
FLETS = Path(flet_web.__file__).parent / "web" / "index.html"
MARKER = "  <!-- fletAppConfig -->\n"


def _our_block() -> str:
    page = OURS.read_text(encoding="utf-8")
    start = page.index(MARKER) + len(MARKER)
    end = page.index("  </script>\n", start) + len("  </script>\n")
    return page[start:end]


def test_the_page_is_flets_own_plus_the_renderer_block() -> None:
    # Flet serves an index.html from the assets folder instead of its own: after an
    # update of Flet this fails until the page is copied anew with the block.
    page = OURS.read_text(encoding="utf-8")
    assert page.replace(_our_block(), "", 1) == FLETS.read_text(encoding="utf-8")


def test_the_block_asks_flutter_for_a_single_thread() -> None:
    block = _our_block()
    assert "forceSingleThreadedSkwasm: true" in block
    assert block.count("<script>") == 1

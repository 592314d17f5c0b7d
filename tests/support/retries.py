"""Every second try a test needed, written down: a tap that did not take the focus, a
key that was dropped, a screenshot the renderer was late for, a page opened again. The
test command prints the list at the
end, so a green run says how green it was, and CI's log shows it.
"""

import json
import os
from pathlib import Path

RETRIES = Path(__file__).resolve().parents[2] / "build" / "retries.jsonl"
"""One JSON object per line: the test and the step that needed another try."""


def note(step: str) -> None:
    """Write down that the running test needed another try at `step`."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" (", 1)[0]
    RETRIES.parent.mkdir(parents=True, exist_ok=True)
    with RETRIES.open("a", encoding="utf-8") as log:
        log.write(json.dumps({"test": test, "step": step}, ensure_ascii=False) + "\n")

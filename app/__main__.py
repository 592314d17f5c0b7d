"""`python -m app --port 8550`: the app in web mode (how it runs on this machine and in tests)."""

import argparse
import faulthandler
import signal
from pathlib import Path

import flet as ft

from app.main import main

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def run() -> None:
    parser = argparse.ArgumentParser(prog="python -m app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8550)
    args = parser.parse_args()
    # `kill -USR1 <pid>` writes every thread's stack to stderr: what a stalled app was
    # doing (the browser tests ask for it when a step needs another try).
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    # no_cdn: CanvasKit and fonts come from flet-web itself, so the app loads offline.
    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        host=args.host,
        port=args.port,
        assets_dir=str(ASSETS),
        no_cdn=True,
    )


if __name__ == "__main__":
    run()

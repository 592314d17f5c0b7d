"""Entry point of the packaged tablet app (`flet build apk|ipa` starts `main.py` at the
app's root). In development the app runs with `python -m app`, in web mode."""

import flet as ft

from app.main import main

if __name__ == "__main__":
    ft.run(main, assets_dir="assets")

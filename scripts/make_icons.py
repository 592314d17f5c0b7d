#!/usr/bin/env python3
"""Draw the app's icon and splash image (assets/icon.png, assets/splash.png).

A white signpost on the app's teal: run again after changing the design; the PNGs are
committed, so a build needs nothing but them. Needs Pillow (a development dependency).
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
TEAL = (0, 105, 92, 255)
WHITE = (255, 255, 255, 255)


def signpost(size: int, background: tuple[int, int, int, int] | None) -> Image.Image:
    """A post with two signs pointing left and right, on `background` (None: clear)."""
    image = Image.new("RGBA", (size, size), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = size / 16
    draw.rectangle((7.25 * unit, 3 * unit, 8.75 * unit, 13.5 * unit), fill=WHITE)
    draw.polygon(
        [(4 * unit, 4 * unit), (11 * unit, 4 * unit), (12.5 * unit, 5.5 * unit),
         (11 * unit, 7 * unit), (4 * unit, 7 * unit)],
        fill=WHITE,
    )  # fmt: skip
    draw.polygon(
        [(12 * unit, 8 * unit), (5 * unit, 8 * unit), (3.5 * unit, 9.5 * unit),
         (5 * unit, 11 * unit), (12 * unit, 11 * unit)],
        fill=WHITE,
    )  # fmt: skip
    draw.rectangle((5.5 * unit, 13.25 * unit, 10.5 * unit, 14 * unit), fill=WHITE)
    return image


def main() -> None:
    assets = ROOT / "assets"
    signpost(1024, TEAL).save(assets / "icon.png")
    signpost(512, None).save(assets / "splash.png")  # on the splash colour of pyproject
    print(f"written: {assets / 'icon.png'}, {assets / 'splash.png'}")


if __name__ == "__main__":
    main()

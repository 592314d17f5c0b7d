"""Text sizes and themes: one place for how big text is and how the app looks.

Text uses the theme's named styles (`heading`, `hint`, ...), so the person's text size
setting scales all of them at once through `theme(scale)`; Markdown, which has styles of
its own, is scaled by `markdown_style(scale)`. The scale is passed in, never kept here:
two sessions of the web app may use different sizes.
"""

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, Literal

import flet as ft

from app.i18n import t
from app.views.fonts import FALLBACK

# Base sizes at scale 1.0, a little larger than Material's defaults: tablets held at
# arm's length during a visit, read by volunteers of every age.
_BASE_SIZES = {
    "title_large": 22,
    "title_medium": 18,
    "title_small": 16,
    "body_large": 17,
    "body_medium": 16,
    "body_small": 13,
    "label_large": 15,
    # Navigation labels and chips: they grow with the person's text size too.
    "label_medium": 13,
    "label_small": 12,
}


def _max_growth(tabs: int) -> dict[str, float]:
    """Navigation labels grow, but less: "Einstellungen" must stay whole in a phone's
    tab. In a third of 360 px it does at 1.2 times; in a quarter (the office's four tabs)
    only unscaled: at "Sehr groß" it broke into "Einstellung" and "en"."""
    return {"label_medium": 1.2 if tabs <= 3 else 1.0}


def theme(scale: float = 1.0, tabs: int = 3) -> ft.Theme:
    """The app theme with text styles at `scale` (light and dark use the same), for a
    navigation of `tabs` destinations."""
    # The colour is the scheme's role, not a value: Flet builds these styles on the light
    # defaults, so without it dark mode would draw black text on a dark background.
    # Every style falls back to the Arabic font: any text may be Arabic or Farsi (a
    # language's own name in the "Sprachen" row, a place's name), and without it those
    # letters are drawn as boxes.
    growth = _max_growth(tabs)
    styles = {
        name: ft.TextStyle(
            size=round(size * min(scale, growth.get(name, scale)), 1),
            color=ft.Colors.ON_SURFACE,
            font_family_fallback=FALLBACK,
        )
        for name, size in _BASE_SIZES.items()
    }
    return ft.Theme(
        color_scheme_seed=ft.Colors.TEAL,
        text_theme=ft.TextTheme(**styles),
        # A tablet's density everywhere: in a browser Flutter takes the desktop's compact
        # one, which cuts icon buttons, checkboxes and the Kommune picker's arrow to 40
        # or 32 px; on Android and iOS this is the default anyway.
        visual_density=ft.VisualDensity.STANDARD,
        # Every icon button 48 px (24 and 12 around it), those Flet builds itself too:
        # the Kommune picker's arrow was 40.
        icon_button_theme=ft.IconButtonTheme(style=ft.ButtonStyle(padding=12)),
    )


def heading(text: str, large: bool = False) -> ft.Text:
    """A section heading."""
    style = ft.TextThemeStyle.TITLE_LARGE if large else ft.TextThemeStyle.TITLE_MEDIUM
    return ft.Text(text, theme_style=style, weight=ft.FontWeight.W_600)


def hint(text: str) -> ft.Text:
    """Small print: explanations beside a field."""
    return ft.Text(
        text, theme_style=ft.TextThemeStyle.BODY_SMALL, color=ft.Colors.ON_SURFACE_VARIANT
    )


def lead(text: str) -> ft.Text:
    """The first sentence of a screen, slightly larger than body text."""
    return ft.Text(text, theme_style=ft.TextThemeStyle.BODY_LARGE)


def markdown_style(scale: float = 1.0) -> ft.MarkdownStyleSheet:
    """Sheet text at `scale`; every style falls back to the Arabic font."""

    def scaled(size: float) -> float:
        return round(size * scale, 1)

    def text(size: int) -> ft.TextStyle:
        return ft.TextStyle(
            font_family_fallback=FALLBACK, size=scaled(size), color=ft.Colors.ON_SURFACE
        )

    body = text(17)
    return ft.MarkdownStyleSheet(
        p_text_style=body,
        # Links stay recognisable as links: the theme colour, underlined.
        a_text_style=ft.TextStyle(
            font_family_fallback=FALLBACK,
            size=scaled(17),
            color=ft.Colors.PRIMARY,
            decoration=ft.TextDecoration.UNDERLINE,
        ),
        em_text_style=body,
        strong_text_style=body,
        del_text_style=body,
        blockquote_text_style=body,
        list_bullet_text_style=body,
        table_head_text_style=body,
        table_body_text_style=body,
        h1_text_style=text(26),
        h2_text_style=text(22),
        h3_text_style=text(19),
        h4_text_style=text(18),
        h5_text_style=text(17),
        h6_text_style=text(17),
    )


TOUCH = 48
"""A finger's target on a tablet, in logical pixels (Material's minimum)."""


def touch_row(control: ft.Control, on_tap: Callable[[], None]) -> ft.Control:
    """A radio or checkbox in a row of 48 px at least that takes the tap too (the box
    itself is 40 px at a tablet's density): for fingers, not only for a mouse. Not a
    fixed height: a label a large text wraps would be cut ("An Feiertagen geschlossen")."""
    return ft.GestureDetector(
        ft.Container(control, padding=ROW_PADDING, alignment=ft.Alignment.CENTER_LEFT),
        on_tap=lambda _: on_tap(),
    )


def check_row(label: str, value: bool, on_change: Callable[[bool], None]) -> ft.Control:
    """A checkbox with a label that wraps at a large text, in a `touch_row`: Flet's own
    label keeps to one line and was cut at a phone's edge ("An Feiertagen geschloss")."""
    box = ft.Checkbox(
        value=value,
        semantics_label=label,
        on_change=lambda e: on_change(bool(e.control.value)),
    )
    return touch_row(
        ft.Row([box, ft.Text(label, expand=True)], spacing=4), lambda: on_change(not value)
    )


ROW_PADDING = ft.Padding.symmetric(vertical=4)
"""Above and below a 40 px checkbox or radio: a 48 px row."""


TOUCH_PADDING = ft.Padding.symmetric(horizontal=16, vertical=14)
"""Around a button's one line of 20 px: 48 px in all."""

Look = Literal["filled", "tonal", "outlined", "text"]
"""How much a button stands out: the screen's main action filled, others outlined."""

_BUTTONS: dict[str, Callable[..., ft.Control]] = {
    "filled": ft.FilledButton,
    "tonal": ft.FilledTonalButton,
    "outlined": ft.OutlinedButton,
    "text": ft.TextButton,
}


def button(
    content: str | ft.Control | None = None, *, look: Look = "outlined", **options: Any
) -> ft.Control:
    """A button a finger hits on a tablet: at least `TOUCH` tall (Material's default is
    40 px on the web), taller when a large text wraps its label (a fixed height cut
    "Servicetelefon: +49 3941 0000-400" after "3941"). `options` are the button's own
    (icon, tooltip, on_click, a style whose padding this sets unless it has one)."""
    style = options.pop("style", None) or ft.ButtonStyle()
    style.padding = style.padding or TOUCH_PADDING
    return _BUTTONS[look](content, style=style, **options)


def button_row(*buttons: ft.Control) -> ft.Row:
    """Buttons side by side, as wide as their labels, and wrapping: in a row that does
    not wrap a button keeps its label on one line, past the edge of a phone's screen."""
    return ft.Row(list(buttons), wrap=True, spacing=12, run_spacing=12)


CHOICE_LABEL = ft.TextStyle(color=ft.Colors.ON_SURFACE)
"""Labels of choices in the scheme's text colour: Flet's default is dark in dark mode too."""


def radio_choices(
    name: str,
    options: list[tuple[str, str]],
    value: str,
    on_change: Callable[[str], None],
) -> ft.Control:
    """One of a few choices as radio buttons in 48 px rows, every option visible at once.

    The group carries `name`, so a screen reader says what is chosen, not only the option.
    """
    return ft.Semantics(
        label=name,
        container=True,
        content=ft.RadioGroup(
            ft.Row(
                [
                    touch_row(
                        ft.Radio(
                            value=key,
                            label=label,
                            label_style=CHOICE_LABEL,
                        ),
                        partial(on_change, key),
                    )
                    for key, label in options
                ],
                wrap=True,
            ),
            value=value,
            on_change=lambda e: on_change(str(e.control.value or "")),
        ),
    )


def choice_row(
    label: str, choices: list[tuple[str, str]], chosen: str, choose: Callable[[str], None]
) -> ft.Control:
    """One of a few choices as a row of buttons: each has its name for screen readers and
    a tablet's touch size (a dropdown here had neither), and it wraps on a phone."""
    buttons: list[ft.Control] = [
        ft.Semantics(
            selected=key == chosen,
            content=button(
                text,
                look="filled" if key == chosen else "outlined",
                on_click=lambda _, key=key: choose(key),
            ),
        )
        for key, text in choices
    ]
    return ft.Column([hint(label), ft.Row(buttons, wrap=True, spacing=8, run_spacing=8)], spacing=4)


def old_to_new(label: str, old: ft.Control, new: ft.Control) -> ft.Control:
    """A changed value: its name, then what it is now, an arrow, what it becomes. The
    arrow is an icon that says "wird zu": the text fonts the app ships have no arrow."""
    return ft.Column(
        [
            ft.Text(label, weight=ft.FontWeight.W_600),
            ft.Row(
                [old, ft.Icon(ft.Icons.ARROW_FORWARD, semantics_label=t("review.becomes")), new],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ],
        spacing=2,
    )


def awaited(action: Callable[[], Awaitable[None]]) -> Callable[[object], Awaitable[None]]:
    """An event handler that awaits `action`: Flet awaits a coroutine handler, so a file
    dialog or a share sheet can be awaited in it."""

    async def handler(_: object) -> None:
        await action()

    return handler

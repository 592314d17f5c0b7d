"""What a person does with the app in the browser: tap where a control stands still, type
into a field, choose a radio or a checkbox, connect, and go to a destination. A step
that did nothing is tried again as a person would, and recorded (`retried`)."""

import time
from typing import Literal

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.apps import retried


def connect(page: Page) -> None:
    """Tap "Verbinden" on the first-start screen until something follows: the screen says
    it connects, loads, or offers the Kommunen. A tap that started nothing (CI: the
    button stayed as it was, no message, for a minute) is tapped again, as a person
    would, and recorded; the app ignores a second tap while it connects."""
    button = page.get_by_role("button", name="Verbinden")
    followed = (
        page.get_by_text("Verbinde mit dem Server", exact=False)
        .or_(page.get_by_text("Inhalte werden geladen", exact=False))
        .or_(page.get_by_role("checkbox", name="Halberstadt"))
    )
    for attempt in range(3):
        if attempt:
            retried(f"connect: tap {attempt + 1}, the last one started nothing")
        tap(button)
        try:
            followed.first.wait_for(timeout=15_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError('"Verbinden" was tapped three times and nothing followed')


def navigate(page: Page, destination: str) -> None:
    """Bottom bar (phone: tabs) or rail (tablet: buttons)."""
    page.get_by_role("tab", name=destination).or_(
        page.get_by_role("button", name=destination)
    ).first.click()


def tap(target: Locator, timeout: float = 20_000) -> None:
    """Tap a control where it stays. Playwright scrolls a control into view and clicks at
    once; Flutter scrolls with an animation, so that click can land on whatever passes
    below (a chip toggled that nobody meant). Wait until the control stands still."""
    # Scrolled and watched in the page by a waited-for function, which keeps its
    # timeout: `scroll_into_view_if_needed` and `bounding_box` did not, and a renderer
    # stalled after a text size change kept them waiting until the watchdog killed
    # Chromium (CI, twice). A timeout here lets the caller tap again or reopen the app.
    target.page.wait_for_function(
        _STANDS_STILL, arg=target.element_handle(timeout=timeout), polling=100, timeout=timeout
    )
    target.click(timeout=timeout)


_STANDS_STILL = """element => {
    element.scrollIntoView({block: "nearest"});
    const box = JSON.stringify(element.getBoundingClientRect());
    const still = box === element.__lastBox;
    element.__lastBox = box;
    return still;
}"""


FOCUSED_INPUT = "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"
"""True once the browser's focus is in a text input (Flutter's semantics put one there)."""


def type_into(field: Locator, text: str) -> None:
    """Type like a person: tap the field, see the cursor in it, then type key by key.

    The first tap after a screen was redrawn sometimes only reaches Flutter's semantics
    layer and focuses nothing, or - while a long form scrolls - the field beside it; a
    person would see the cursor elsewhere and tap again, and so do we. Keys sent before
    the focus would go nowhere. The field must hold only `text` after.
    """
    field.wait_for(timeout=60_000)
    label = field.get_attribute("aria-label")
    for attempt in range(4):
        if attempt:
            retried(f"type_into {label!r}: tap {attempt + 1}, the last one took no focus")
        tap(field)
        try:
            field.page.wait_for_function(
                # A focused field's name gets its hint appended after a line break.
                "label => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"
                " && (label === null || (document.activeElement.getAttribute('aria-label')"
                " || '').split('\\n')[0] === label.split('\\n')[0])",
                arg=label,
                timeout=2_000,
            )
        except PlaywrightTimeoutError:
            continue
        time.sleep(0.5)  # a person's glance at the cursor before typing
        # A focus taken away again at once (Flutter's semantics re-hung while a tooltip
        # went) would eat the first key.
        if field.page.evaluate(FOCUSED_INPUT):
            break
        retried(f"type_into {label!r}: the focus went again after tap {attempt + 1}")
    else:
        raise AssertionError(f"the text field {label!r} never took the focus")
    page = field.page
    held = ""
    for attempt in range(3):
        if attempt:
            retried(
                f"type_into {label!r}: typed {attempt + 1} times, a key was dropped "
                f"(the field held {held!r})"
            )
            time.sleep(0.5)
        page.keyboard.press("Control+A")  # what was there is replaced
        field.press_sequentially(text, delay=60)
        # Like a person glancing at the field: the first key can land before Flutter has
        # connected the input to the field, and is then dropped. Retype over it if so.
        try:
            page.wait_for_function(
                "text => document.activeElement?.value === text", arg=text, timeout=1_000
            )
            return
        except PlaywrightTimeoutError:
            # What was lost says how (a first key before the focus, or a redraw that
            # set the field back while keys came in).
            held = str(page.evaluate("document.activeElement?.value ?? ''"))
            continue
    raise AssertionError(f"could not type {text!r} into the field")


def choose(page: Page, role: Literal["radio", "checkbox"], name: str) -> None:
    """Tap a radio button or checkbox like a person and see it checked.

    While the screen redraws (a new text size re-lays out every text), a tap can fall
    between frames; a person sees nothing change and taps again, and so do we. The
    choice must be checked in the end.
    """
    target = page.get_by_role(role, name=name)
    for attempt in range(3):
        if attempt:
            retried(f"choose {role} {name!r}: tap {attempt + 1}, the last one checked nothing")
        try:
            tap(target)
            expect(target).to_be_checked(timeout=5_000)
            return
        except (PlaywrightTimeoutError, AssertionError):
            continue
    raise AssertionError(f"{name!r} was tapped three times and never became checked")

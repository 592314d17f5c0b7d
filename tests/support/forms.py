"""A page's HTML forms read as a browser would send them: every named input with its
value, textareas, ticked boxes and the chosen radio button."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append([])
        elif tag == "input" and "name" in found and self.forms:
            kind = found.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self.forms[-1].append((found["name"], found.get("value", "")))
        elif tag == "textarea" and self.forms:
            self._textarea, self._text = found.get("name"), ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            self.forms[-1].append((self._textarea, self._text))
            self._textarea = None


def forms_of(html: str) -> list[list[tuple[str, str]]]:
    """Each form's fields in document order, as (name, value) pairs."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_with(html: str, name: str, value: str) -> list[tuple[str, str]]:
    """The form holding the field `name` with `value` (e.g. action=aenderung)."""
    for form in forms_of(html):
        if (name, value) in form:
            return form
    raise AssertionError(f"no form with {name}={value}")


def replaced(form: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """The form with some fields typed anew."""
    return [(name, values.pop(name, value)) for name, value in form] + list(values.items())

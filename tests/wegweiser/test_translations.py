"""When a translation is outdated: its original has a newer version than it was made from."""

from wegweiser.model import InfoSheet
from wegweiser.translations import is_outdated, made_from


def test_a_translation_is_outdated_once_its_original_changes() -> None:
    original = InfoSheet(topic_key="notfall", title="Notfall", body="x", version=3)
    arabic = InfoSheet(
        topic_key="notfall", title="الطوارئ", body="y", language="ar", translation_of=original.id
    )
    assert made_from(arabic) == 1  # not recorded: made from the first version
    assert is_outdated(arabic, original)
    arabic.source_version = 3
    assert not is_outdated(arabic, original)
    original.version = 4
    assert is_outdated(arabic, original)
    assert not is_outdated(original, None)  # an original is never outdated
    assert not is_outdated(arabic, None)  # nothing to compare with

"""When a translated sheet no longer says what its German original says.

A translation records the version of the original it was made from (`source_version`);
once the original has a newer version, the translation is outdated: the app says so
beside it, and the Koordinierungsstelle sees it in its lists until someone translates
the change. One rule for the app, the server and the printed handouts.
"""

from wegweiser.model import InfoSheet


def made_from(translation: InfoSheet) -> int:
    """The original's version the translation was made from (1 when not recorded)."""
    return translation.source_version or 1


def is_outdated(translation: InfoSheet, original: InfoSheet | None) -> bool:
    """Whether `original` changed since `translation` was made from it."""
    if translation.translation_of is None or original is None:
        return False
    return made_from(translation) < original.version

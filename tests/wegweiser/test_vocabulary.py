"""The vocabulary's lookups (`wegweiser.search.vocabulary`): the words that hold a part
are exactly those a plain test of every word finds, in the same order."""

import random

import pytest

from wegweiser.search.vocabulary import Vocabulary


def _vocabulary(words: dict[str, int]) -> Vocabulary:
    return Vocabulary(words, sorted(words))


def _plainly(vocabulary: Vocabulary, part: str) -> list[str]:
    found = [word for word in vocabulary.ordered if part in word[1:]]
    return sorted(found, key=lambda word: -vocabulary.documents[word])


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("arzt", ["kinderarzt", "zahnarzt"]),  # not "arzt" itself: it starts with it
        ("aa", ["baa", "aaa"]),  # "aaa" holds it after its first letter, overlapping
        ("a", ["baa", "aaa", "kinderarzt", "zahnarzt"]),  # most frequent first
        ("zt", ["arzt", "kinderarzt", "zahnarzt"]),
        ("(", []),  # no pattern: a plain part
        ("", []),
    ],
)
def test_the_words_holding_a_part(part: str, expected: list[str]) -> None:
    words = {"arzt": 9, "kinderarzt": 3, "zahnarzt": 3, "aaa": 4, "baa": 5}
    assert _vocabulary(words).holding(part) == expected


def test_holding_agrees_with_a_test_of_every_word() -> None:
    rng = random.Random(28)
    letters = "abcdeäöü"
    words = {
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 9))): rng.randint(1, 50)
        for _ in range(3_000)
    }
    vocabulary = _vocabulary(words)
    parts = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 4))) for _ in range(300)]
    for part in parts:
        assert vocabulary.holding(part) == _plainly(vocabulary, part), part

"""What a typed search query asks for, word by word: the one query analysis that the
app's search (and anything else that searches the Wegweiser) applies.

A guide types the way people talk and spell: "Wo gibt es einen Deutschkurs?",
"Kindern", "Jobcentr". So question and filler words are dropped, each remaining word
is reduced to its stem (Snowball German, pure Python so it runs on a tablet) and the
stem is matched as a prefix. Words too short to stem safely are kept as typed:
Snowball turns "Kurs" into "kur", which would find "Kur" and "kurz".
"""

import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from wegweiser.text import search_terms, umlauts_written_out

MAX_WORDS = 12
"""More words than this are ignored: nobody types them, and each costs a match."""
MIN_STEM = 4
"""Shorter stems match too much as a prefix; the typed word is used instead."""
MIN_PART = 3
"""The shortest word that is also looked for at the end of compounds (Kurs in
Sprachkurs, Amt in Sozialamt)."""

# Folded (see `wegweiser.text.fold`): "für" is "fur", "möchte" is "mochte" (and typed
# "fuer" is found as "fur", `umlauts_written_out`).
STOP_WORDS = frozenset(
    """
    wo was wer wie wann warum wieso weshalb welche welcher welches wen wem wessen woher
    wohin gibt es gibts geben sind ist bin bist seid war waren wird werden wurde kann
    kannst konnen konnte muss mussen soll sollen darf durfen mochte mochten will wollen
    brauche brauchen braucht suche suchen sucht finde finden hilfe helfen hilft bitte
    ich du er sie wir ihr man mir mich mein meine meinen meinem meiner dein deine unser
    unsere ein eine einen einem einer eines der die das dem den des dies diese dieser
    und oder aber auch noch nur schon sehr mal doch denn dann
    in im an am auf aus bei beim mit nach von vom zu zum zur fur uber unter um vor bis
    hier dort da jemand etwas
    lange art arten bietet bieten ungefahr genau etwa eigentlich viel viele wieviel
    wieviele moglich moglichst gerne einfach richtig
    """.split()  # noqa: SIM905 - a block of words reads better than a list of strings
)
"""German question and filler words: they say how something is asked, not what ("Wie
lange …", "Welche Art von …", "… ungefähr"); a record need not hold them to answer."""

_stemmer = snowballstemmer.stemmer("german")
_stemmer_lock = threading.Lock()  # a Snowball stemmer keeps state while it works


@dataclass(frozen=True)
class Word:
    """One meaningful word of a query."""

    typed: str
    """As typed, folded ("kindern")."""
    stem: str
    """What is matched as a prefix ("kind"); the typed word when stemming would cut
    too much."""

    @property
    def looks_inside(self) -> bool:
        """Long enough to be looked for inside compound words."""
        return len(self.stem) >= MIN_PART


def analyse(query: str) -> list[Word]:
    """The meaningful words of `query`, each once, in the order typed.

    A query of nothing but question words ("Wo?") keeps them: better a search for what
    was typed than none.
    """
    typed = search_terms(query)[:MAX_WORDS]
    meaningful = [
        word
        for word in typed
        if word not in STOP_WORDS and umlauts_written_out(word) not in STOP_WORDS
    ] or typed
    words: list[Word] = []
    seen: set[str] = set()
    for word in meaningful:
        stem = stem_of(word)
        if stem not in seen:
            seen.add(stem)
            words.append(Word(word, stem))
    return words


@lru_cache(maxsize=4096)
def stem_of(word: str) -> str:
    """The German stem of a folded word, or the word itself where stemming does not
    apply (numbers, other scripts) or would leave less than `MIN_STEM` letters."""
    if not word.isascii() or not word.isalpha():
        return word
    with _stemmer_lock:
        stem: str = _stemmer.stemWord(word)
    if len(stem) < MIN_STEM or not word.startswith(stem):
        return word
    return stem


def typo_limit(word: str) -> int:
    """How many typing mistakes a word may hold: one, two from eight letters on."""
    return 2 if len(word) >= 8 else 1


def edit_distance(a: str, b: str, limit: int) -> int:
    """Typing mistakes between `a` and `b`: letters missing, extra, wrong or swapped
    (optimal string alignment); anything above `limit` is `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, before[j - 2] + 1)  # "Tafle" for "Tafel": one slip
            current.append(best)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)

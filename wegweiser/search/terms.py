"""What a search asks of the index, whichever kind of index the store has.

`wegweiser.search.engine` turns typed text into a `Match`; `wegweiser.search.fts5_index` answers it
with SQLite's FTS5 and `wegweiser.search.word_index` with plain tables, for platforms whose
SQLite lacks FTS5. Both rank alike: records holding more of the words first (a word
is held through any of its terms), then those whose title holds every word, then those
whose title holds one, then those holding more words as themselves rather than only
inside compounds, then those of the topics the query is about (`Match.topics`),
then by bm25 with the title weighted `TITLE_WEIGHT` times the body.
"""

from dataclasses import dataclass, field

TITLE_WEIGHT = 10.0


@dataclass(frozen=True)
class Term:
    """Folded words that must stand together in a record, the last perhaps as a prefix."""

    text: str
    """One word ("kurs"), or several as a phrase ("agentur fur arbeit")."""
    prefix: bool = False
    """The (last) word may go on: "kurs" finds "kurse"."""
    compound: bool = False
    """A longer word that holds the typed one ("sprachkurs" for "Kurs"): a record holding
    the word itself ranks above one holding only such a compound."""


@dataclass(frozen=True)
class Match:
    """An analysed query: one group of alternative terms per word typed."""

    groups: list[list[Term]]
    corrections: dict[str, str] = field(default_factory=dict)
    required: frozenset[int] = frozenset()
    """Groups every hit must match: the last part of a compound no entry holds, which
    names the kind of thing ("Arzt" in "Kinderarzt"); the other part only ranks."""
    topics: tuple[str, ...] = ()
    """The topics of the sheets whose title holds every word: what the Wegweiser itself
    says the query is about. Among equal hits, entries of these topics come first (for
    "Hartz IV" the Jobcenter, of topic "geld", before the Agentur für Arbeit)."""
    related: dict[str, str] = field(default_factory=dict)
    """A typed word the index does not hold → the part of it that was searched instead
    ("kinderarzt" → "arzt"): the hits are related entries, not what was asked for."""
    titles_only: bool = False
    """A single letter names nothing yet: it is looked for at the start of title words
    only (it would match most of the body text of a district)."""


@dataclass(frozen=True)
class Scope:
    """Which index entries a search looks at."""

    kommunen: list[str] | None = None
    """The Kommune keys to show (a Kommune and its Verbandsgemeinde); entries without a
    Kommune (district-wide) are always included. None: every Kommune."""
    topic: str | None = None
    kinds: list[str] | None = None

    def sql(self) -> tuple[str, dict[str, object]]:
        """The filters on the index entries (`e`), as SQL to append with AND, and their
        values."""
        filters: list[str] = []
        params: dict[str, object] = {}
        if self.kommunen is not None:
            alternatives = ["e.kommunen = ''"]
            for i, key in enumerate(self.kommunen):
                alternatives.append(f"instr(e.kommunen, :kommune{i}) > 0")
                params[f"kommune{i}"] = f" {key} "
            filters.append("(" + " OR ".join(alternatives) + ")")
        if self.topic is not None:
            filters.append("instr(e.topics, :topic) > 0")
            params["topic"] = f" {self.topic} "
        if self.kinds is not None:
            placeholders = ", ".join(f":kind{i}" for i in range(len(self.kinds)))
            filters.append(f"e.kind IN ({placeholders})")
            params.update({f"kind{i}": kind for i, kind in enumerate(self.kinds)})
        return "".join(f" AND {condition}" for condition in filters), params


def on_topic_sql(topics: tuple[str, ...], params: dict[str, object]) -> str:
    """Whether an index entry (`e`) is of one of `topics`, as an SQL expression (its
    values added to `params`)."""
    if not topics:
        return "0"
    for i, topic in enumerate(topics):
        params[f"on_topic{i}"] = f" {topic} "
    return "(" + " OR ".join(f"instr(e.topics, :on_topic{i}) > 0" for i in range(len(topics))) + ")"


@dataclass(frozen=True)
class SearchHit:
    """One search result, enough to list it and to open the record."""

    kind: str
    record_id: str
    title: str
    subtitle: str
    language: str
    in_title: bool
    """The title holds every word of the query."""

"""What the CLI and the app both show, as plain data, so that the two cannot disagree.
No Rich, no Textual: each front end styles these itself."""

from __future__ import annotations

from factbrowser.search import Result

WITHOUT, STANDS_IN = "without", "≈"


def match_notes(result: Result) -> list[tuple[str, str]]:
    """How a search result falls short of the query as typed, as (kind, words):
    (WITHOUT, "word ...") for query words it lacks; (STANDS_IN, "word ...") for its words
    that stand in for query words (synonyms); (STANDS_IN, "") for a look-alike (a typo)
    in a statement (an entity's name shows its own spelling)."""
    notes = []
    if result.missing:
        notes.append((WITHOUT, " ".join(result.missing)))
    if result.synonyms:
        notes.append((STANDS_IN, " ".join(result.synonyms)))
    elif result.approximate and result.type == "statement":
        notes.append((STANDS_IN, ""))
    return notes


def note_text(kind: str, words: str) -> str:
    """One note on one line: "without: word", "≈ word", "≈"."""
    if kind == WITHOUT:
        return f"{kind}: {words}"
    return f"{kind} {words}".rstrip()

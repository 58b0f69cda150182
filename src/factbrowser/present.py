"""What the CLI and the app both show, as plain data and text (no rich, no textual).

Citations: `factbrowser cite` and the app's `y` build the same one here. Only verbatim
words stand in quotation marks: the evidence sentence as the article prints it, and for
a quote the speaker's quoted words. The curator's German text and English gloss are
labelled as a summary and a translation and never quoted, so a reader cannot mistake
them for anyone's words.

Search notes: how a result falls short of the query as typed ("without: word", "≈ word"),
one function for the CLI's table and the app's rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbrowser.core.model import FactBase, Statement
from factbrowser.search import Result

CITATION_FORMATS = ("text", "markdown", "json")
WITHOUT, STANDS_IN = "without", "≈"


@dataclass(frozen=True, slots=True)
class CitedEvidence:
    number: int  # 1-based, as the app shows "Evidence 1/2"
    total: int
    source: str
    outlet: str | None
    published: str | None
    published_basis: str
    file: str
    start: int
    end: int
    sentence: str

    @property
    def published_label(self) -> str:
        if self.published is None:
            return "undated"
        return self.published + (" (inferred)" if self.published_basis == "inferred" else "")


@dataclass(frozen=True, slots=True)
class CitedLink:
    relation: str
    id: str
    kind: str
    date: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    id: str
    kind: str
    speaker: str | None  # a display name; None when the article attributes the words to nobody
    speaker_id: str | None
    quoted_words: str | None  # a quote's words, verbatim inside quotation marks in the evidence
    summary: str
    translation: str
    date: str | None
    date_basis: str
    date_note: str | None
    evidence: tuple[CitedEvidence, ...]
    related: tuple[CitedLink, ...]


class EvidenceOutOfRange(ValueError):
    """`--evidence N` beyond the statement's evidence."""


def build_citation(base: FactBase, statement: Statement, evidence: int | None = 0) -> Citation:
    """The citation of `statement` with its evidence number `evidence` (0-based), or with
    all its evidence when `evidence` is None. EvidenceOutOfRange for a number it lacks."""
    total = len(statement.evidence)
    if evidence is not None and not 0 <= evidence < total:
        raise EvidenceOutOfRange(f"statement {statement.id!r} has {total} evidence sentence(s), not {evidence + 1}")
    chosen = range(total) if evidence is None else (evidence,)
    return Citation(
        id=statement.id,
        kind=statement.kind,
        speaker=base.label(statement.speaker) if statement.speaker else None,
        speaker_id=statement.speaker,
        quoted_words=statement.text if statement.kind == "quote" else None,
        summary=statement.text,
        translation=statement.text_en,
        date=statement.date,
        date_basis=statement.date_basis,
        date_note=statement.date_note,
        evidence=tuple(_cited(base, statement, index) for index in chosen),
        related=tuple(
            CitedLink(link.relation, other.id, other.kind, other.date, other.source_ids)
            for link, other in base.related_statements(statement)
        ),
    )


def _cited(base: FactBase, statement: Statement, index: int) -> CitedEvidence:
    item = statement.evidence[index]
    source = base.sources.get(item.source)
    return CitedEvidence(
        number=index + 1,
        total=len(statement.evidence),
        source=item.source,
        outlet=source.outlet if source else None,
        published=source.published if source else None,
        published_basis=source.published_basis if source else "stated",
        file=source.file if source else item.source,
        start=item.start,
        end=item.end,
        sentence=item.sentence,
    )


def _date_line(citation: Citation) -> str:
    date = "not dated" if citation.date is None else f"{citation.date} ({citation.date_basis})"
    if citation.date_note and citation.date_basis == "inferred":
        date += f"; inferred because: {citation.date_note}"
    return date


def _who(citation: Citation) -> str:
    if citation.speaker is None:
        return "no speaker (the article's own account)"
    return f"{citation.speaker} ({citation.speaker_id})"


def _evidence_heading(item: CitedEvidence) -> str:
    outlet = item.outlet or "outlet not stated"
    return (
        f"Evidence {item.number} of {item.total}: article {item.source}, {outlet}, published "
        f"{item.published_label}; file {item.file}, characters {item.start}-{item.end}"
    )


def _related_line(link: CitedLink) -> str:
    date = link.date or "not dated"
    return f"{link.relation}: {link.id} ({link.kind}, {date}, articles {', '.join(link.sources) or 'none'})"


def citation_text(citation: Citation) -> str:
    """Plain text, for the clipboard and the terminal."""
    lines = [f"Statement {citation.id} ({citation.kind}), said by: {_who(citation)}"]
    if citation.quoted_words is not None:
        lines.append(f"Quoted words: „{citation.quoted_words}“")
    else:
        lines.append(f"Summary by the curator (German, not a quotation): {citation.summary}")
    lines.append(f"Translation by the curator (English, not a quotation): {citation.translation}")
    lines.append(f"Date: {_date_line(citation)}")
    for item in citation.evidence:
        lines.append(_evidence_heading(item) + ", verbatim:")
        lines.append(f"„{item.sentence}“")
    if citation.related:
        lines.append("Related statements:")
        lines += [f"  {_related_line(link)}" for link in citation.related]
    return "\n".join(lines)


def citation_markdown(citation: Citation) -> str:
    """Markdown, for notes and articles: the verbatim sentence as a block quote."""
    lines = [f"**Statement `{citation.id}`** ({citation.kind}), said by: {_who(citation)}", ""]
    if citation.quoted_words is not None:
        lines += [f"- Quoted words: „{citation.quoted_words}“"]
    else:
        lines += [f"- Summary by the curator (German, not a quotation): {citation.summary}"]
    lines += [
        f"- Translation by the curator (English, not a quotation): {citation.translation}",
        f"- Date: {_date_line(citation)}",
    ]
    for item in citation.evidence:
        lines += ["", f"{_evidence_heading(item)}, verbatim:", "", f"> „{item.sentence}“"]
    if citation.related:
        lines += ["", "Related statements:", ""]
        lines += [f"- {_related_line(link)}" for link in citation.related]
    return "\n".join(lines)


def citation_json(citation: Citation) -> dict[str, object]:
    """JSON-able: what is verbatim and what is the curator's is kept apart by key."""
    return {
        "id": citation.id,
        "kind": citation.kind,
        "speaker": citation.speaker_id,
        "speaker_name": citation.speaker,
        "verbatim": {
            "quoted_words": citation.quoted_words,
            "evidence": [
                {
                    "number": item.number,
                    "of": item.total,
                    "source": item.source,
                    "outlet": item.outlet,
                    "published": item.published,
                    "published_basis": item.published_basis,
                    "file": item.file,
                    "start": item.start,
                    "end": item.end,
                    "sentence": item.sentence,
                }
                for item in citation.evidence
            ],
        },
        "curator": {"summary_de": citation.summary, "translation_en": citation.translation},
        "date": citation.date,
        "date_basis": citation.date_basis,
        "date_note": citation.date_note,
        "related": [
            {
                "relation": link.relation,
                "id": link.id,
                "kind": link.kind,
                "date": link.date,
                "sources": list(link.sources),
            }
            for link in citation.related
        ],
    }


def renamed_note(old_id: str, current_id: str) -> str:
    """What `show`, `cite` and the app say when a reader gives an id that has changed."""
    return f"{old_id!r} is a former id: that record is now {current_id!r}"


RELATION_LABELS = {
    "same_fact": "same fact",
    "conflicts": "conflicts with",
    "updates": "updates (later position)",
    "updated_by": "updated by (later position)",
}


def related_label(relation: str, other: Statement) -> str:
    """One line naming a related statement: the relation, its id, kind, date and summary."""
    date = other.date or "not dated"
    return f"{RELATION_LABELS.get(relation, relation)} → {other.id} ({other.kind}, {date}): {other.text}"


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

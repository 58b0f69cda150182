"""What the CLI and the app both show, as plain data and text (no rich, no textual).

Citations: `factbrowser cite` and the app's `y` build the same one here. Only verbatim
words stand in quotation marks: the evidence sentence as the article prints it, and for
a quote the speaker's quoted words. The curator's German text and English gloss are
labelled as a summary and a translation and never quoted, so a reader cannot mistake
them for anyone's words.

Search notes: how a result falls short of the query as typed ("without: word", "≈ word"),
one function for the CLI's table and the app's rows.

Lines: the statement line, a highlighted sentence, a source label, as (text, role)
segments. A role is a style name that Rich's `Text.assemble` and Textual's
`Content.assemble` both read ("dim", "bold", "bold reverse"), except the two that each
side colours its own way (`KIND`, `BADGE`: the app uses its theme's variables, which
Rich does not know); `styled` puts in the style for those.

Exit codes, the statement kinds' labels and the matrix marks' styles are named here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factbrowser.core.analysis import POSITION_KINDS as POSITION_KINDS  # re-exported for the CLI and the app
from factbrowser.core.analysis import evidence_label
from factbrowser.core.model import NO_OUTLET as NO_OUTLET  # re-exported: the app's Source title
from factbrowser.core.model import FactBase, Source, Statement, date_label
from factbrowser.core.text import one_line as one_line  # re-exported: the shortening both use

if TYPE_CHECKING:
    from factbrowser.core.mentions import NameMatch
    from factbrowser.search import Result

CITATION_FORMATS = ("text", "markdown", "json")
WITHOUT, STANDS_IN = "without", "≈"

# -- exit codes -------------------------------------------------------------------------
# 1 is only ever "the fact base is invalid": scripts test for it. A write error (a full
# disk, a closed standard output) has its own code; a reader that left a pipe early
# (`| head`) ends the command quietly with 141, as a tool killed by SIGPIPE reports.
# core.problems' FactBaseInvalid (1) and FactBaseUnreadable (2) carry the same numbers
# as class attributes (core may not import this module); tests/test_present.py checks
# that they agree.
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3
EXIT_SIGNAL = 128  # + the signal's number, as a shell reports a process a signal ended
EXIT_INTERRUPTED = EXIT_SIGNAL + 2  # SIGINT
EXIT_BROKEN_PIPE = EXIT_SIGNAL + 13  # SIGPIPE

# -- styles and roles -------------------------------------------------------------------
Segment = tuple[str, str]  # (text, role)
PLAIN, DIM, BOLD, ITALIC = "", "dim", "bold", "italic"
HIGHLIGHT = "bold reverse"  # a search match, the naming words of a mention, the evidence sentence
KIND = "kind"  # the statement kind's label: bold in the CLI, the kind's theme colour in the app
BADGE = "badge"  # "×2": a statement that more than one article reports
CLI_ROLES = {KIND: BOLD, BADGE: BOLD}
# The matrix's marks. "?" is bold like the other two (the CLI had plain "yellow", the
# app "bold yellow"): the colour alone tells the three apart, none reads fainter.
MARK_STYLE = {"✓": "bold green", "✗": "bold red", "?": "bold yellow"}

KIND_LABELS = {
    "quote": "QUOTE",
    "claim": "CLAIM",
    "commitment": "COMMIT",
    "refusal": "REFUSE",
    "figure": "FIGURE",
    "event": "EVENT",
}
KIND_WIDTH = max(len(label) for label in KIND_LABELS.values())


def kind_label(kind: str) -> str:
    """A statement kind as both show it: six letters at most, so a column of them aligns."""
    return KIND_LABELS.get(kind, kind.upper())


def styled(segments: Iterable[Segment], roles: Mapping[str, str]) -> list[Segment]:
    """`segments` with each role in `roles` replaced by its style."""
    return [(text, roles.get(role, role)) for text, role in segments]


# -- one line ---------------------------------------------------------------------------


def flat(text: str) -> str:
    """Line breaks and tabs to spaces without changing offsets, so highlight spans still
    fit (`one_line` collapses runs of white space: for text without spans)."""
    return text.replace("\n", " ").replace("\t", " ")


def highlight_segments(text: str, spans: Iterable[tuple[int, int]], style: str = HIGHLIGHT) -> list[Segment]:
    """`text` on one line (`flat`) with the character spans `spans` in `style`; spans
    that overlap or touch are one, spans beyond the text are cut at its end."""
    line = flat(text)
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(line), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments: list[Segment] = []
    at = 0
    for start, end in merged:
        if start > at:
            segments.append((line[at:start], PLAIN))
        segments.append((line[start:end], style))
        at = end
    if at < len(line) or not segments:
        segments.append((line[at:], PLAIN))
    return segments


def name_spans(matches: Iterable[NameMatch], start: int) -> list[tuple[int, int]]:
    """The naming words' spans in a sentence that starts at `start` of its article."""
    return [(match.start - start, match.end - start) for match in matches]


# -- sources ----------------------------------------------------------------------------


def published_label(source: Source) -> str:
    """An article's date: "2025-09-04", "2025-09-04 (inferred)" or "undated"."""
    return date_label(source.published, source.published_basis)


def source_label(base: FactBase, source_id: str) -> str:
    """How a reader names the article: id · outlet · date, or its id when the base lacks it."""
    source = base.sources.get(source_id)
    return source.label if source else source_id


def source_place(base: FactBase, source_id: str, start: int, end: int) -> str:
    """The article's label and the characters of a sentence in it: `… · 2025-09-04 [10:52]`."""
    return f"{source_label(base, source_id)} [{start}:{end}]"


# -- statements -------------------------------------------------------------------------


def sources_badge(statement: Statement) -> str:
    count = len(statement.source_ids)
    return f" ×{count}" if count > 1 else ""


def statement_row(base: FactBase, statement: Statement, speaker_width: int | None = 18) -> list[Segment]:
    """KIND  Speaker: text ×2. The app's list cuts the speaker to `speaker_width`; the
    CLI, which wraps, passes None."""
    speaker = one_line(base.label(statement.speaker)) if statement.speaker else "—"
    if speaker_width is not None:
        speaker = speaker[:speaker_width]
    return [
        (f"{kind_label(statement.kind):<{KIND_WIDTH}} ", KIND),
        (f"{speaker}: ", BOLD),
        (one_line(statement.text), PLAIN),
        (sources_badge(statement), BADGE),
    ]


def statement_line(base: FactBase, statement: Statement, speaker_width: int | None = 18) -> list[Segment]:
    """The timeline's and the matrix cell's line: date, the statement row, its articles."""
    basis = " (inferred)" if statement.date_basis == "inferred" else ""
    return [
        (f"{statement.date or 'undated'}{basis} ", DIM),
        *statement_row(base, statement, speaker_width),
        (f"  [{evidence_label(base, statement)}]", DIM),
    ]


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
        return date_label(self.published, self.published_basis)


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
    outlet = item.outlet or NO_OUTLET
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

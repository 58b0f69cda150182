"""Data -> Textual `Content`, never markup: every string from a fact file stays literal.

`Content(text)` treats its argument as plain text, so `[bold]`, `[/foo]` or `[$accent]`
in a name is shown as written. Styles are applied by offsets, not by parsing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content

from factbrowser.core.model import CONTRIBUTIONS, Entity, Evidence, FactBase, Person, Source, Statement
from factbrowser.present import (
    BADGE,
    DIM,
    HIGHLIGHT,
    KIND,
    NO_OUTLET,
    Segment,
    highlight_segments,
    kind_label,
    match_notes,
    name_spans,
    one_line,
    published_label,
    source_place,
    styled,
)
from factbrowser.present import statement_row as statement_row_segments

if TYPE_CHECKING:  # imported where used: keeps the app's first frame free of their cost
    from factbrowser.core.mentions import Mention
    from factbrowser.search import Result

MATCH = EVIDENCE = HIGHLIGHT  # a match, and the evidence sentence in the article
# The kinds' colours are the theme's (Rich cannot read `$accent`): the app's own part of a
# statement line, whose text comes from present.py.
KIND_STYLE = {
    "quote": "bold $accent",
    "claim": "$secondary",
    "commitment": "bold $success",
    "refusal": "bold $error",
    "figure": "$warning",
    "event": "$primary",
}
BADGE_STYLE = "bold $accent"


def plain(text: str) -> Content:
    return Content(text)


def highlighted(text: str, spans: Iterable[tuple[int, int]], style: str = MATCH) -> Content:
    """`text` on one line with `spans` highlighted (present.highlight_segments)."""
    return Content.assemble(*highlight_segments(text, spans, style))


def themed(statement: Statement, segments: list[Segment]) -> Content:
    """present.py's segments of `statement`, its kind and badge in the theme's colours."""
    return Content.assemble(*styled(segments, {KIND: KIND_STYLE.get(statement.kind, ""), BADGE: BADGE_STYLE}))


def statement_row(base: FactBase, statement: Statement) -> Content:
    """KIND  Speaker  text  ×2 — one line of the Statements list."""
    return themed(statement, statement_row_segments(base, statement))


def entity_row(entity: Entity, count: int) -> Content:
    extra = f"  {one_line(entity.name_en)}" if entity.name_en != entity.name else ""
    return Content.assemble(
        one_line(entity.name),
        (extra, DIM),
        (f"  {count}" if count else "", DIM),
    )


def is_approximate(result: Result) -> bool:
    """Found only through a typo-tolerant match: worth saying, so it is not taken for a hit."""
    return result.approximate


def search_row(result: Result) -> Content:
    label = highlighted(result.label, result.highlights)
    kind = {"country": "COUNTRY", "person": "PERSON", "organization": "ORG", "statement": "STMT"}[result.type]
    parts: list[Content | str | tuple[str, str]] = [(f"{kind:<8}", DIM)]
    # How it falls short of the query: said first, where a narrow list does not cut it off.
    parts += [(f"{kind} {words}: " if words else f"{kind} ", DIM) for kind, words in match_notes(result)]
    parts.append(label)
    if result.matched_field not in ("name", "text", "text_en") and result.matched_text != result.label:
        parts += [
            (f"  {result.matched_field}: ", DIM),
            highlighted(result.matched_text, result.matched_highlights),
        ]
    return Content.assemble(*parts)


def short_file(name: str, keep: int = 8) -> str:
    """`004_e019e95fd15aed90.txt` -> `004_e019….txt`: the file name is what a title can spare."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if len(stem) <= keep + 1:
        return name
    return f"{stem[:keep]}…{dot}{suffix}"


def source_header(
    source: Source, evidence: Evidence | None, position: tuple[int, int] | None, what: str = "evidence"
) -> Content:
    """The Source title, most needed first (a border title is cut at its end): article id,
    date, `evidence i/n`, then the span, the outlet and a shortened file name."""
    parts: list[Content | str | tuple[str, str]] = [(source.id, "bold"), f" · {published_label(source)}"]
    if position is not None:
        parts.append((f" · {what} {position[0]}/{position[1]}", "bold $accent"))
    if evidence is not None:
        parts.append((f" [{evidence.start}:{evidence.end}]", DIM))
    parts.append(f" · {source.outlet or NO_OUTLET} · {short_file(source.file)}")
    return Content.assemble(*parts)


def _field(name: str, value: str) -> Content:
    return Content.assemble((f"{name}: ", "bold"), value, "\n")


def entity_detail(base: FactBase, entity: Entity) -> Content:
    kind = entity.type.capitalize()
    parts = [Content.assemble((one_line(entity.name), "bold"), (f"  {kind} · {entity.id}\n", DIM))]
    if entity.name_en != entity.name:
        parts.append(_field("English", entity.name_en))
    if isinstance(entity, Person):
        parts.append(_field("Role", f"{entity.role} ({entity.role_en})"))
        if entity.country:
            parts.append(_field("Country", base.label(entity.country)))
    if entity.aliases:
        parts.append(_field("Also", ", ".join(entity.aliases)))
    metonyms = getattr(entity, "metonyms", ())
    if metonyms:
        parts.append(_field("Stands for it", ", ".join(metonyms)))
    count = len(base.statements_about(entity.id))
    parts.append(_field("Statements", f"{count} by or about (enter: filter the Statements list)"))
    return Content("").join(parts)


def statement_detail(base: FactBase, statement: Statement) -> Content:
    speaker = "—"
    if statement.speaker:
        entity = base.entity(statement.speaker)
        speaker = entity.name if entity else statement.speaker
        if isinstance(entity, Person):
            speaker += f", {entity.role}"
    date = statement.date or "undated"
    if statement.date and statement.date_basis == "inferred":
        date += " (inferred" + (f": {statement.date_note}" if statement.date_note else "") + ")"
    parts = [
        Content.assemble(
            (kind_label(statement.kind), KIND_STYLE.get(statement.kind, "")),
            (f"  {statement.id}", DIM),
            (
                f"  reported by {len(statement.source_ids)} articles" if len(statement.source_ids) > 1 else "",
                "bold $accent",
            ),
            "\n",
        ),
        _field("Speaker", speaker),
        _field("Date", date),
    ]
    text = f"„{statement.text}“" if statement.kind == "quote" else statement.text
    parts += [_field("German", text), _field("English", statement.text_en)]
    if statement.contributions:
        parts.append(_field("Contributions", ", ".join(CONTRIBUTIONS.get(c, c) for c in statement.contributions)))
    if statement.value is not None:
        value = f"{statement.value:g}" + (f" {statement.unit}" if statement.unit else "")
        parts.append(_field("Figure", value))
    if statement.place:
        parts.append(_field("Place", statement.place))
    if statement.note:
        parts.append(_field("Note", statement.note))
    for number, evidence in enumerate(statement.evidence, 1):
        parts.append(
            Content.assemble(
                (f"Evidence {number}/{len(statement.evidence)} ", "bold"),
                (f"{source_place(base, evidence.source, evidence.start, evidence.end)}\n", DIM),
            )
        )
    return Content("").join(parts)


def mention_row(base: FactBase, mention: Mention) -> Content:
    """One mention: the article, then the sentence with the naming words highlighted."""
    sentence = highlighted(mention.sentence, name_spans(mention.matches, mention.start))
    return Content.assemble((f"{mention.source} ", DIM), sentence)

"""What the fact base has not covered yet: uncited sentences and unlinked mentions.

`audit(base)` is pure and returns an `AuditReport`:

- uncited sentences: per source, every sentence (as `sentences.split_sentences` cuts
  it) that no evidence span overlaps, neither a statement's nor an entity's;
- unlinked mentions: every entity mentioned (as `mentions` finds it) in a sentence that
  some statement cites, where a citing statement does not link the entity as speaker,
  country, person or organization. Each item names the statements that miss the link
  and those that have it, so that a reader can tell an omission from a division of work
  between statements.

`factbrowser.cli.reports.run_audit(args, base)` prints the report as Rich `Text` (never markup: seed text may
hold square brackets) or as JSON with `--json`, and returns exit code 0: an audit
reports, it does not fail.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from factbrowser.core.interpretation import AuditWarning, shared_terms, statement_warnings
from factbrowser.core.mentions import Mention, mention_index
from factbrowser.core.model import Evidence, FactBase
from factbrowser.core.reviews import Review, apply_reviews
from factbrowser.core.sentences import Span, split_sentences


@dataclass(frozen=True, slots=True)
class UncitedSentence:
    source: str
    start: int
    end: int
    sentence: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class SourceAudit:
    source: str
    sentences: int
    uncited: tuple[UncitedSentence, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "sentences": self.sentences,
            "cited": self.sentences - len(self.uncited),
            "uncited": [u.to_json() for u in self.uncited],
        }


@dataclass(frozen=True, slots=True)
class UnlinkedMention(Mention):
    """A mention in a cited sentence; `statements` cite the sentence without linking
    `entity`, `linked_by` are those citing it that do."""

    statements: tuple[str, ...]
    linked_by: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        # Mention.to_json, not super(): slots=True rebuilds the class, which breaks super().
        return {**Mention.to_json(self), "statements": list(self.statements), "linked_by": list(self.linked_by)}


@dataclass(frozen=True, slots=True)
class AuditReport:
    sources: tuple[SourceAudit, ...]
    unlinked: tuple[UnlinkedMention, ...]
    warnings: tuple[AuditWarning, ...] = ()  # open: no review judged them
    judged: tuple[tuple[AuditWarning, Review], ...] = ()
    stale: tuple[Review, ...] = ()  # reviews whose warning is gone

    @property
    def sentence_count(self) -> int:
        return sum(s.sentences for s in self.sources)

    @property
    def uncited_count(self) -> int:
        return sum(len(s.uncited) for s in self.sources)

    @property
    def unlinked_everywhere(self) -> int:
        """Unlinked mentions that no citing statement links (the likelier omissions)."""
        return sum(1 for u in self.unlinked if not u.linked_by)

    def to_json(self) -> dict[str, object]:
        return {
            "summary": {
                "sentences": self.sentence_count,
                "uncited": self.uncited_count,
                "unlinked_mentions": len(self.unlinked),
                "unlinked_by_every_citing_statement": self.unlinked_everywhere,
                "warnings": len(self.warnings),
                "reviewed": len(self.judged),
                "stale_reviews": len(self.stale),
            },
            "sources": [s.to_json() for s in self.sources],
            "unlinked_mentions": [u.to_json() for u in self.unlinked],
            "warnings": [w.to_json() for w in self.warnings],
            "reviewed": [{**w.to_json(), "reason": r.reason} for w, r in self.judged],
            "stale_reviews": [
                {"statement": r.statement, "rule": r.rule, "entity": r.entity, "words": list(r.words), "line": r.line}
                for r in self.stale
            ],
        }


# -- the audit ------------------------------------------------------------------------


def _overlapping(sentences: list[Span], start: int, end: int) -> range:
    """Indices of the sentences overlapping [start, end); sentences are sorted, disjoint."""
    first = bisect.bisect_right([s.end for s in sentences], start)
    last = bisect.bisect_left([s.start for s in sentences], end)
    return range(first, last)


def _citations(
    sentences: dict[str, list[Span]], evidence: Iterable[tuple[str, Evidence]]
) -> dict[tuple[str, int], list[str]]:
    """(source, sentence index) -> ids of the records whose evidence overlaps it."""
    cited: dict[tuple[str, int], list[str]] = {}
    for record_id, item in evidence:
        spans = sentences.get(item.source, [])
        for index in _overlapping(spans, item.start, item.end):
            ids = cited.setdefault((item.source, index), [])
            if record_id not in ids:
                ids.append(record_id)
    return cited


def _statement_evidence(base: FactBase) -> list[tuple[str, Evidence]]:
    return [(s.id, e) for s in base.statements.values() for e in s.evidence]


def _entity_evidence(base: FactBase) -> list[tuple[str, Evidence]]:
    return [(entity.id, e) for entity in base.entities() for e in entity.evidence]


def _uncited(
    base: FactBase, sentences: dict[str, list[Span]], cited: dict[tuple[str, int], list[str]]
) -> tuple[SourceAudit, ...]:
    out = []
    for sid, source in base.sources.items():
        spans = sentences[sid]
        uncited = tuple(
            UncitedSentence(sid, s.start, s.end, s.of(source.text))
            for index, s in enumerate(spans)
            if (sid, index) not in cited
        )
        out.append(SourceAudit(sid, len(spans), uncited))
    return tuple(out)


def _unlinked(
    base: FactBase, sentences: dict[str, list[Span]], by_statement: dict[tuple[str, int], list[str]]
) -> tuple[UnlinkedMention, ...]:
    index_of = {sid: {(s.start, s.end): i for i, s in enumerate(spans)} for sid, spans in sentences.items()}
    out: list[UnlinkedMention] = []
    for entity_id, mentions in mention_index(base).items():
        for mention in mentions:
            citing = by_statement.get((mention.source, index_of[mention.source][mention.start, mention.end]), [])
            missing = tuple(sid for sid in citing if entity_id not in base.statements[sid].mentioned)
            if missing:
                linked = tuple(sid for sid in citing if sid not in missing)
                out.append(_unlinked_item(mention, missing, linked))
    order = {sid: i for i, sid in enumerate(base.sources)}
    return tuple(sorted(out, key=lambda u: (order[u.source], u.start, u.matches[0].start, u.entity)))


def _unlinked_item(mention: Mention, missing: tuple[str, ...], linked: tuple[str, ...]) -> UnlinkedMention:
    return UnlinkedMention(
        mention.entity, mention.source, mention.start, mention.end, mention.sentence, mention.matches, missing, linked
    )


def _unlinked_warnings(base: FactBase, unlinked: tuple[UnlinkedMention, ...]) -> list[AuditWarning]:
    """One warning per statement and entity it does not link though its evidence names it."""
    out: dict[tuple[str, str], AuditWarning] = {}
    for item in unlinked:
        words = tuple(dict.fromkeys(m.text for m in item.matches))
        for statement_id in item.statements:
            key = (statement_id, item.entity)
            if key in out:
                continue
            out[key] = AuditWarning(
                "unlinked_entity",
                statement_id,
                _link_field(base, item.entity),
                f"the evidence names {base.label(item.entity)} ({item.entity}) as "
                f"{', '.join(repr(w) for w in words)} but the statement does not link it: add it to "
                f"`{_link_field(base, item.entity)}`, unless the name is only the venue or another sense",
                item.source,
                item.start,
                item.end,
                words,
                item.entity,
            )
    return list(out.values())


def _link_field(base: FactBase, entity_id: str) -> str:
    if entity_id in base.countries:
        return "countries"
    return "people" if entity_id in base.people else "organizations"


def audit(base: FactBase, reviews: tuple[Review, ...] = ()) -> AuditReport:
    """What to re-read in `base`; warnings that `reviews` judged are reported apart."""
    sentences = {sid: split_sentences(source.text) for sid, source in base.sources.items()}
    by_statement = _citations(sentences, _statement_evidence(base))
    by_any = _citations(sentences, [*_statement_evidence(base), *_entity_evidence(base)])
    unlinked = _unlinked(base, sentences, by_statement)
    order = {sid: i for i, sid in enumerate(base.statements)}
    warnings = sorted(
        [*statement_warnings(base), *_unlinked_warnings(base, unlinked)], key=lambda w: (order[w.statement], w.rule)
    )
    warnings += shared_terms(base)  # entity warnings after the statements
    split = apply_reviews(tuple(warnings), reviews)
    return AuditReport(_uncited(base, sentences, by_any), unlinked, split.open, split.judged, split.stale)

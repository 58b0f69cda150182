"""Results: what a search returns, made only for the hits that are shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factbrowser.search.highlight import Highlighter
from factbrowser.search.proximity import best_key, first_key
from factbrowser.search.records import EntityDoc, Key, StatementDoc, word_positions
from factbrowser.search.vocabulary import FUZZY, Match

if TYPE_CHECKING:
    from factbrowser.search.index import SearchIndex


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    file: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Result:
    type: str  # country | person | organization | statement
    id: str
    label: str
    score: float
    tier: int
    matched_field: str
    matched_text: str
    highlights: tuple[tuple[int, int], ...]  # spans in `label`
    matched_highlights: tuple[tuple[int, int], ...]  # spans in `matched_text`
    source: SourceRef | None = None
    missing: tuple[str, ...] = ()  # query words (folded) this near miss does not hold
    approximate: bool = False  # a word matched only as a look-alike (typo, sound) or a synonym
    synonyms: tuple[str, ...] = ()  # words of `matched_text` (folded) that stand for a query word

    @property
    def match(self) -> str:
        """full | approximate | partial: how the record answers the query."""
        if self.missing:
            return "partial"
        return "approximate" if self.approximate else "full"

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.type,
            "id": self.id,
            "label": self.label,
            "score": round(self.score, 1),
            "matched_field": self.matched_field,
            "matched_text": self.matched_text,
            "highlights": [list(span) for span in self.highlights],
            "missing": list(self.missing),
            "match": self.match,
            "synonyms": list(self.synonyms),
            "source": None
            if self.source is None
            else {
                "id": self.source.id,
                "file": self.source.file,
                "sentence": self.source.sentence,
                "start": self.source.start,
                "end": self.source.end,
            },
        }


@dataclass(slots=True)
class Pending:
    """A ranked hit; turned into a Result (labels, highlights) only if it is shown."""

    index: SearchIndex
    matched: list[dict[str, Match]]
    highlighter: Highlighter
    doc: EntityDoc | StatementDoc
    key: Key | None  # None: the statement's best key, found when it is shown
    tier: int
    score: float
    missing: tuple[str, ...] = ()
    synonyms: tuple[frozenset[str], ...] = ()  # per term, the words it matches only as a synonym

    def result(self) -> Result:
        key = self.key
        if key is None:
            if len(self.matched) == 1:
                key = first_key(self.doc.keys, self.matched[0], self.score)
            else:
                key = best_key(self.doc.keys, self.matched)[0]
        if isinstance(self.doc, EntityDoc):
            entity = self.doc.entity
            label = entity.name
            spans = self.highlighter.spans(label)
            return Result(
                entity.type,
                entity.id,
                label,
                self.score,
                self.tier,
                key.field,
                key.text,
                spans,
                spans if key.text == label else self.highlighter.spans(key.text),
                missing=self.missing,
                approximate=self.tier == FUZZY,
            )
        statement = self.doc.statement
        evidence = statement.evidence[0]
        if key.field == "sentence":
            evidence = next(e for e in statement.evidence if e.sentence == key.text)
        label = key.text if key.field in ("text", "text_en") else statement.text
        source = self.index.base.sources.get(evidence.source)
        ref = SourceRef(evidence.source, source.file if source else "", evidence.sentence, evidence.start, evidence.end)
        spans = self.highlighter.spans(label)
        synonyms = self._synonyms_in(key) if self.synonyms else ()
        return Result(
            "statement",
            statement.id,
            label,
            self.score,
            self.tier,
            key.field,
            key.text,
            spans,
            spans if key.text == label else self.highlighter.spans(key.text),
            ref,
            self.missing,
            self.tier == FUZZY or bool(synonyms),
            synonyms,
        )

    def _synonyms_in(self, key: Key) -> tuple[str, ...]:
        """The words of `key` that a query word matches there only as a synonym."""
        tokens: set[str] = set()
        for variant in key.variants():
            tokens.update(word_positions(variant))
        shown: list[str] = []
        for words, only in zip(self.matched, self.synonyms, strict=False):
            present = tokens & words.keys()
            if present and present <= only:
                shown += sorted(present)
        return tuple(dict.fromkeys(shown))

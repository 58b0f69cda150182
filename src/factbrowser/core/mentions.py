"""Where the articles mention an entity: every sentence naming it, with the words that do.

An entity is recognised by its terms: its `name` and `name_en`, its aliases, a country's
metonyms (Berlin, Kreml) and a person's epithets (Kremlchef, Bundeskanzler). A term
matches as a whole word, case-insensitively, with these refinements:

- a short all-caps term (US, EU, UK, X, CDU: at most three characters) matches only as
  written, so that "us" or "eu" inside other words and lowercase words never count;
- a term of four or more characters ending in a lowercase letter may take the German
  genitive -s (Putins, Kremls, Kanzlers); other inflected forms are aliases already;
- a term may be one part of a hyphenated compound (Nato-Staaten, US-Präsident,
  EU-Kommissionspräsidentin), but not of a compound whose other parts are all acronyms:
  dpa-AFX is an agency of its own, not a mention of dpa;
- a term ending in "-" (the alias "US-") is a compound part only.

Within one entity the longest term wins at a position (Wolodymyr Selenskyj, not
Selenskyj inside it); different entities may share words (Kreml is Russia's metonym and
an organization; Nato-Chef names NATO and Rutte).

A metonym (Paris, Kreml) names the venue or the building as often as the government, so
it counts as a mention of its country only in a sentence that a statement linking that
country cites: the curator's link marks the sentence as one where the city stands for
the government. Elsewhere it is no mention (search still finds the country by it).

`mention_index` matches each entity's single compiled pattern once over each seed and
assigns matches to sentences by bisection: one pass for all entities.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from factbrowser.core.model import Country, Entity, FactBase, Person, Source
from factbrowser.core.sentences import Span, split_sentences

TermKind = Literal["name", "alias", "metonym", "epithet"]

SHORT_CAPS = 3  # all-caps terms up to this length match case-sensitively


@dataclass(frozen=True, slots=True)
class Term:
    """One way of naming an entity, as written in the fact base."""

    text: str
    kind: TermKind


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The words of a seed that matched a term; offsets into the source text."""

    start: int
    end: int
    text: str
    term: str
    kind: TermKind

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "term": self.term, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Mention:
    """One sentence of one source that mentions `entity`, with every match in it."""

    entity: str
    source: str
    start: int
    end: int
    sentence: str
    matches: tuple[NameMatch, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "matches": [m.to_json() for m in self.matches],
        }


# -- terms ----------------------------------------------------------------------------


def terms_of(entity: Entity) -> tuple[Term, ...]:
    """Every term of `entity`, each once, names before aliases, metonyms and epithets."""
    pairs: list[tuple[str, TermKind]] = [(entity.name, "name"), (entity.name_en, "name")]
    pairs += [(alias, "alias") for alias in entity.aliases]
    if isinstance(entity, Country):
        pairs += [(metonym, "metonym") for metonym in entity.metonyms]
    if isinstance(entity, Person):
        pairs += [(epithet, "epithet") for epithet in entity.epithets]
    seen: dict[str, Term] = {}
    for text, kind in pairs:
        text = text.strip()
        if text.strip("-") and text not in seen:
            seen[text] = Term(text, kind)
    return tuple(seen.values())


def _case_sensitive(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(word) <= SHORT_CAPS and bool(letters) and all(c.isupper() for c in letters)


def _term_pattern(term: str) -> str:
    """The regex body for one term; word boundaries are added around it."""
    prefix_only = term.endswith("-")
    word = term.strip("-")
    body = r"\s+".join(re.escape(part) for part in word.split())
    if not _case_sensitive(word):
        body = f"(?i:{body})"
    if prefix_only:
        return body + r"(?=-\w)"
    last = word[-1]
    if len(word) >= 4 and last.islower() and last not in "sßxz":
        body += "s?"  # genitive: Putins, Kremls
    return body


@dataclass(frozen=True, slots=True)
class _Matcher:
    """One compiled pattern per entity; group `t<i>` is term i."""

    entity: str
    terms: tuple[Term, ...]
    pattern: re.Pattern[str]


def _matcher(entity: Entity) -> _Matcher | None:
    terms = terms_of(entity)
    if not terms:
        return None
    # Longest first: the regex alternation takes the first alternative that matches.
    order = sorted(range(len(terms)), key=lambda i: -len(terms[i].text))
    alternatives = "|".join(f"(?P<t{i}>{_term_pattern(terms[i].text)})" for i in order)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return _Matcher(entity.id, terms, pattern)


# -- compounds ------------------------------------------------------------------------


def _compound_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The hyphenated word around text[start:end] (Nato-Staaten around Nato)."""
    while start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum():
        start -= 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    while end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum():
        end += 1
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end


def _names_the_entity(text: str, start: int, end: int) -> bool:
    """False for a part of a compound of acronyms only (dpa in dpa-AFX)."""
    left, right = _compound_bounds(text, start, end)
    rest = text[left:start] + text[end:right]
    return not rest or any(c.islower() for c in rest)


# -- matching -------------------------------------------------------------------------


def _matches(matcher: _Matcher, text: str) -> Iterator[NameMatch]:
    for found in matcher.pattern.finditer(text):
        start, end = found.span()
        if not _names_the_entity(text, start, end):
            continue
        term = matcher.terms[int((found.lastgroup or "t0")[1:])]
        yield NameMatch(start, end, found.group(), term.text, term.kind)


Marked = dict[str, set[int]]  # source id -> indices of the sentences where a metonym counts


def _by_sentence(
    entity_id: str, source: Source, sentences: list[Span], matches: Iterable[NameMatch], marked: set[int]
) -> list[Mention]:
    """Group matches by the sentence holding them; matches outside any sentence drop,
    and so do metonyms outside the `marked` sentences."""
    starts = [s.start for s in sentences]
    grouped: dict[int, list[NameMatch]] = {}
    for match in matches:
        index = bisect.bisect_right(starts, match.start) - 1
        if index < 0 or match.end > sentences[index].end:
            continue
        if match.kind == "metonym" and index not in marked:
            continue
        grouped.setdefault(index, []).append(match)
    return [
        Mention(entity_id, source.id, sentences[i].start, sentences[i].end, sentences[i].of(source.text), tuple(found))
        for i, found in sorted(grouped.items())
    ]


def _sentences(base: FactBase) -> dict[str, list[Span]]:
    return {sid: split_sentences(source.text) for sid, source in base.sources.items()}


def metonym_sentences(base: FactBase, sentences: dict[str, list[Span]], entity_id: str) -> Marked:
    """The sentences cited by statements that link `entity_id`: where its metonyms count."""
    marked: Marked = {}
    for statement in base.statements_about(entity_id):
        for evidence in statement.evidence:
            spans = sentences.get(evidence.source, [])
            first = bisect.bisect_right([s.end for s in spans], evidence.start)
            last = bisect.bisect_left([s.start for s in spans], evidence.end)
            marked.setdefault(evidence.source, set()).update(range(first, last))
    return marked


def _mentions(matcher: _Matcher | None, base: FactBase, sentences: dict[str, list[Span]]) -> list[Mention]:
    if matcher is None:
        return []
    has_metonyms = any(term.kind == "metonym" for term in matcher.terms)
    marked = metonym_sentences(base, sentences, matcher.entity) if has_metonyms else {}
    out: list[Mention] = []
    for source in base.sources.values():
        matches = _matches(matcher, source.text)
        out += _by_sentence(matcher.entity, source, sentences[source.id], matches, marked.get(source.id, set()))
    return out


def find_mentions(base: FactBase, entity_id: str) -> list[Mention]:
    """Sentences mentioning `entity_id`, in source then text order. KeyError if unknown."""
    entity = base.entity(entity_id)
    if entity is None:
        raise KeyError(entity_id)
    return _mentions(_matcher(entity), base, _sentences(base))


def mention_index(base: FactBase) -> dict[str, list[Mention]]:
    """entity id -> its mentions, for every entity (an empty list when never mentioned).

    Splits each seed once and compiles each entity's pattern once; the caller keeps the
    result for as long as the base lives.
    """
    sentences = _sentences(base)
    return {entity.id: _mentions(_matcher(entity), base, sentences) for entity in base.entities()}

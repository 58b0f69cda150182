"""Audit warnings on how a statement reads its evidence: where judgment is needed.

Each rule flags a likely interpretive error for a curator to look at; none is an error,
because the words it looks for have innocent uses too:

- `vague_time_stated`: an evidence sentence places the remark earlier on an unknown day
  ("zuvor", "mehrfach", "immer wieder", "zuletzt", "vor Monaten", "bereits") while the
  statement's date is `stated`: the article's date is then not the day it was said;
- `reported_speech_unmarked`: the evidence reports speech (a finite verb in Konjunktiv
  I such as "sei" or "werde", or "soll", "laut", "angeblich"), but `text_en` has no
  reporting marker ("said", "according to", "reportedly", "is said to", ...), so the
  English states as fact what the article only reports. Words inside quotation marks
  are the speaker's own and are not read ("ich habe" is not Konjunktiv);
- `unlinked_entity`: an entity named in an evidence sentence of the statement (see
  `mentions`; a metonym only where it is marked) is not among its links. Built by
  `audit` from the unlinked mentions;
- `shared_term`: a metonym or epithet of one entity is also a term of another ("Kreml"
  for Russia and the organization `kreml`, "Nato-Chef" for NATO and Rutte). Two names
  or aliases shared are a validation error; with a metonym or epithet the sentence
  decides, so the curator checks that each entity keeps only what stands for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factbrowser.core.mentions import terms_of
from factbrowser.core.model import Evidence, FactBase, Statement
from factbrowser.core.rules import is_joint_phrase, quoted_passages

VAGUE_TIME = ("zuvor", "mehrfach", "immer wieder", "zuletzt", "vor Monaten", "bereits")

# Third person singular (and "seien") forms that differ from the indicative.
KONJUNKTIV_I = (
    "sei",
    "seien",
    "habe",
    "werde",
    "könne",
    "müsse",
    "wolle",
    "solle",
    "dürfe",
    "möge",
    "wisse",
    "gebe",
    "komme",
    "stehe",
    "gehe",
    "liege",
    "gelte",
    "bleibe",
    "lasse",
    "halte",
    "sehe",
    "plane",
    "brauche",
    "trage",
    "arbeite",
    "unterstütze",
)
HEARSAY = ("soll", "laut", "angeblich", "angeblichen", "angebliche")

REPORTING_MARKERS = (
    "said",
    "says",
    "say",
    "saying",
    "according to",
    "reportedly",
    "reported",
    "is said to",
    "are said to",
    "allegedly",
    "alleged",
    "supposedly",
    "purportedly",
    "claimed",
    "claims",
    "stated",
    "told",
    "added",
    "announced",
    "explained",
    "stressed",
    "insisted",
    "warned",
    "argued",
    "declared",
    "quoted",
    "is to",
    "are to",
    "was to",
    "were to",
    "should",
    "made clear",
    "clarified",
    "emphasised",
    "emphasized",
    "promised",
    "pledged",
    "assured",
    "noted",
    "wrote",
    "asserted",
    "maintained",
    "replied",
    "is meant to",
    "are meant to",
    "was meant to",
    "is supposed to",
    "are supposed to",
)


def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_VAGUE = _words(VAGUE_TIME)
_REPORTED = re.compile(_words(KONJUNKTIV_I).pattern)  # case-sensitive: "Habe" as a noun is rare, "Sei" too
_HEARSAY = _words(HEARSAY)
_MARKER = _words(REPORTING_MARKERS)


@dataclass(frozen=True, slots=True)
class AuditWarning:
    """One thing a curator should look at in one statement."""

    rule: str
    statement: str
    field: str
    message: str
    source: str
    start: int
    end: int
    words: tuple[str, ...] = ()
    entity: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "statement": self.statement,
            "field": self.field,
            "message": self.message,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "words": list(self.words),
            "entity": self.entity,
        }


def _without_quotations(sentence: str) -> str:
    """The narration of a sentence: quoted passages blanked out."""
    for passage in quoted_passages(sentence):
        if passage:
            sentence = sentence.replace(passage, " " * len(passage), 1)
    return sentence


def _vague_time(statement: Statement, evidence: Evidence) -> AuditWarning | None:
    if statement.date_basis != "stated" or statement.date is None:
        return None
    found = tuple(dict.fromkeys(m.group() for m in _VAGUE.finditer(evidence.sentence)))
    if not found:
        return None
    return AuditWarning(
        "vague_time_stated",
        statement.id,
        "date_basis",
        f"the evidence says {', '.join(repr(w) for w in found)} but the date {statement.date} is `stated`: "
        "was it said on that day? If the article does not say, make the date inferred (or coarser, "
        "or null) with a `date_note` giving the reason",
        evidence.source,
        evidence.start,
        evidence.end,
        found,
    )


def _reported_speech(statement: Statement, evidence: Evidence) -> AuditWarning | None:
    if _MARKER.search(statement.text_en):
        return None
    narration = _without_quotations(evidence.sentence)
    found = [m.group() for m in _REPORTED.finditer(narration)] + [m.group() for m in _HEARSAY.finditer(narration)]
    if not found:
        return None
    words = tuple(dict.fromkeys(found))
    return AuditWarning(
        "reported_speech_unmarked",
        statement.id,
        "text_en",
        f"the evidence reports speech ({', '.join(repr(w) for w in words)}) but `text_en` states it as fact: "
        "keep the marker in English ('he said', 'according to', 'reportedly', 'is said to')",
        evidence.source,
        evidence.start,
        evidence.end,
        words,
    )


def statement_warnings(base: FactBase) -> Iterator[AuditWarning]:
    """The time and reported-speech warnings, statement by statement, evidence by evidence."""
    for statement in base.statements.values():
        for check in (_vague_time, _reported_speech):
            for evidence in statement.evidence:
                warning = check(statement, evidence)
                if warning is not None:
                    yield warning
                    break  # one warning per rule and statement: the first evidence that shows it


def shared_terms(base: FactBase) -> Iterator[AuditWarning]:
    """A metonym or epithet of one entity that is also a term of another, once per pair."""
    owners: dict[str, list[tuple[str, str, str]]] = {}  # folded term -> (entity, term, kind)
    for entity in base.entities():
        for term in terms_of(entity):
            if not is_joint_phrase(term.text):
                owners.setdefault(term.text.casefold(), []).append((entity.id, term.text, term.kind))
    for entries in owners.values():
        for index, (first, text, kind) in enumerate(entries):
            for second, other_text, other_kind in entries[index + 1 :]:
                if first == second or {kind, other_kind} <= {"name", "alias"}:
                    continue  # one entity's own spellings; two names or aliases are a validate error
                yield AuditWarning(
                    "shared_term",
                    "",
                    "terms",
                    f"{text!r} is the {kind} of {first} and the {other_kind} {other_text!r} of {second}: "
                    "a sentence naming it mentions both. Keep it only where it stands for the entity "
                    "(a metonym for the government, an epithet for the person)",
                    "",
                    0,
                    0,
                    (text,),
                    second,
                )

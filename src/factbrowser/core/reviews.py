"""Audit warnings a curator has read and judged: `audit-reviewed.yaml` beside the fact file.

An audit warning asks a human to look (a venue named but not linked, a Konjunktiv inside
a verbatim quote). Once someone has looked and decided the data is right, the decision
and its reason are written down here, so that `factbrowser audit` shows what is still
open and what was decided, and by which argument. A review is matched to its warning by
statement, rule and the entity or words the warning names (not by offsets, so that
re-anchoring evidence does not orphan it); a review whose warning no longer appears is
reported as stale, so the file cannot hide a warning that changed.

    reviewed:
      - statement: "sep-event-treffen-paris"
        rule: "unlinked_entity"
        entity: "dpa-afx"
        reason: "dpa-AFX is the dateline's news agency, not a party to the talks."
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factbrowser.core.files import read_regular_file
from factbrowser.core.interpretation import AuditWarning
from factbrowser.core.problems import FactBaseInvalid, FactBaseUnreadable, Problem
from factbrowser.core.text import sanitize
from factbrowser.core.yamldoc import Document, YamlError, parse

REVIEWS_FILE = "audit-reviewed.yaml"
MAX_REVIEWS_BYTES = 16 * 1024 * 1024
_KEYS = {"statement", "rule", "entity", "words", "reason"}


@dataclass(frozen=True, slots=True)
class Review:
    statement: str
    rule: str
    entity: str | None
    words: tuple[str, ...]
    reason: str
    line: int

    @property
    def key(self) -> tuple[str, str, str | None, tuple[str, ...]]:
        return _key(self.statement, self.rule, self.entity, self.words)


def warning_key(warning: AuditWarning) -> tuple[str, str, str | None, tuple[str, ...]]:
    return _key(warning.statement, warning.rule, warning.entity, tuple(warning.words))


def _key(
    statement: str, rule: str, entity: str | None, words: tuple[str, ...]
) -> tuple[str, str, str | None, tuple[str, ...]]:
    # A warning about an entity names it (and how the text spells it); one about words
    # names the words.
    return (statement, rule, entity, ()) if entity else (statement, rule, None, words)


def reviews_path(fact_file: Path) -> Path:
    return fact_file.parent / REVIEWS_FILE


def load_reviews(path: Path) -> tuple[Review, ...]:
    """The reviews in `path`; () if there is no such file. Raises FactBaseUnreadable or
    FactBaseInvalid (file, line, field, what to do) for a file that is not as above."""
    try:
        raw = read_regular_file(path, MAX_REVIEWS_BYTES)
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise FactBaseUnreadable(
            [Problem(str(path), 1, (), f"cannot read it: {error.strerror or error}", "check the file")]
        ) from None
    try:
        document = parse(raw)
    except YamlError as error:
        raise FactBaseInvalid([Problem(str(path), error.line, (), error.message, error.hint)]) from None
    return _reviews(path, document)


def _reviews(path: Path, document: Document) -> tuple[Review, ...]:
    problems: list[Problem] = []

    def problem(at: tuple[str | int, ...], message: str, hint: str) -> None:
        problems.append(Problem(str(path), document.line(at), at, sanitize(message), hint))

    root = document.value
    items = root.get("reviewed") if isinstance(root, dict) else None
    if not isinstance(items, list):
        problem((), "the file has no `reviewed:` list", f"start it with `reviewed:` and a list, as {__name__} says")
        raise FactBaseInvalid(problems)
    reviews: list[Review] = []
    for number, item in enumerate(items):
        at: tuple[str | int, ...] = ("reviewed", number)
        if not isinstance(item, dict):
            problem(at, "a review is not a mapping", "give statement, rule, reason (and entity or words)")
            continue
        for key in sorted(set(map(str, item)) - _KEYS):
            problem((*at, key), f"unknown key {key!r}", f"use only {', '.join(sorted(_KEYS))}")
        texts = {key: item.get(key) for key in ("statement", "rule", "reason")}
        missing = [key for key, value in texts.items() if not isinstance(value, str) or not value.strip()]
        for key in missing:
            problem((*at, key), f"`{key}` is missing or not text", "every review names its statement, rule and reason")
        entity, words = item.get("entity"), item.get("words", [])
        if entity is not None and not isinstance(entity, str):
            problem((*at, "entity"), "`entity` is not text", "give the entity's id, e.g. CN")
        if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
            problem((*at, "words"), "`words` is not a list of text", "give the words the warning quotes")
            words = []
        if missing or (entity is not None and not isinstance(entity, str)):
            continue
        reviews.append(
            Review(
                str(texts["statement"]),
                str(texts["rule"]),
                entity,
                tuple(words),
                sanitize(str(texts["reason"])),
                document.line(at),
            )
        )
    if problems:
        raise FactBaseInvalid(problems)
    return tuple(reviews)


@dataclass(frozen=True, slots=True)
class Reviewed:
    """The audit's warnings split by the reviews: still open, judged (with the review),
    and reviews that match no warning any more."""

    open: tuple[AuditWarning, ...]
    judged: tuple[tuple[AuditWarning, Review], ...]
    stale: tuple[Review, ...]


def apply_reviews(warnings: tuple[AuditWarning, ...], reviews: tuple[Review, ...]) -> Reviewed:
    by_key = {review.key: review for review in reviews}
    used: set[tuple[str, str, str | None, tuple[str, ...]]] = set()
    open_: list[AuditWarning] = []
    judged: list[tuple[AuditWarning, Review]] = []
    for warning in warnings:
        review = by_key.get(warning_key(warning))
        if review is None:
            open_.append(warning)
        else:
            judged.append((warning, review))
            used.add(review.key)
    return Reviewed(tuple(open_), tuple(judged), tuple(r for r in reviews if r.key not in used))

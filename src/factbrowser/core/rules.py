"""Curation rules a machine can check, reported as errors by `validate`.

Run after provenance, on records whose evidence is already proven verbatim:

- a `quote`'s text lies inside quotation marks in one of its evidence sentences (only
  the speaker's own words are a quote; the article's paraphrase is a `claim`);
- a `commitment` or `refusal` has a committing party (a speaker, or the countries that
  commit) and at least one contribution;
- no statement is dated after the publication date of an article reporting it,
  compared at the precision both dates have ("2026-01" is not after "2026-01-07");
- no two entities share a name or alias (an ambiguous alias makes false mentions). A
  joint phrase that names several entities at once ("britischer und französischer
  Streitkräfte") is a mention of each, not an ambiguity, and may be listed on each.

An inferred date without a `date_note` is reported by the loader itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factbrowser.core.model import Entity, FactBase, Statement
from factbrowser.core.yamldoc import Path

if TYPE_CHECKING:
    from factbrowser.core.load import Checker

# An opening mark, the words, and the closing mark that pairs with it in German or English
# typesetting: „…“ „…” ‚…‘ »…« «…» “…” "…".
_QUOTED = re.compile(r"„([^“”\"]*)[“”\"]|‚([^‘’]*)[‘’]|»([^«]*)«|«([^»]*)»|“([^”]*)”|\"([^\"]*)\"")
_JOINT = re.compile(r"\s(?:und|and|sowie|&)\s", re.IGNORECASE)


def is_joint_phrase(term: str) -> bool:
    """A term naming several entities at once ("britischer und französischer Streitkräfte")."""
    return bool(_JOINT.search(term))


def quoted_passages(sentence: str) -> list[str]:
    """The words inside each pair of quotation marks in `sentence`, without the marks."""
    return [next(group for group in match.groups() if group is not None) for match in _QUOTED.finditer(sentence)]


def is_quoted_in(text: str, sentence: str) -> bool:
    return any(text in passage for passage in quoted_passages(sentence))


def check_rules(check: Checker, base: FactBase, paths: dict[tuple[str, str], Path]) -> None:
    for statement in base.statements.values():
        path = paths["statements", statement.id]
        _check_quote(check, statement, path)
        _check_position(check, statement, path)
        _check_dated_after_article(check, base, statement, path)
    _check_shared_aliases(check, base, paths)


def _check_quote(check: Checker, statement: Statement, path: Path) -> None:
    if statement.kind != "quote":
        return
    sentences = [e.sentence for e in statement.evidence]
    if not any(statement.text in sentence for sentence in sentences):
        check.report(
            (*path, "text"),
            "a quote's text must appear verbatim in one of its evidence sentences",
            "copy the quoted words exactly (without the quotation marks), or make it a `claim`",
        )
    elif not any(is_quoted_in(statement.text, sentence) for sentence in sentences):
        check.report(
            (*path, "text"),
            "a quote's text must lie inside quotation marks in one of its evidence sentences",
            "only words the article puts in quotation marks are a quote: make it a `claim`, "
            "or trim `text` to the quoted words",
        )


def _check_position(check: Checker, statement: Statement, path: Path) -> None:
    if statement.kind not in ("commitment", "refusal"):
        return
    if not statement.speaker and not statement.countries:
        check.report(
            (*path, "speaker"),
            f"a {statement.kind} needs a committing party",
            "set `speaker` to whoever commits, or list the committing countries in `countries`; "
            "the article's own narration is a `claim`",
        )
    if not statement.contributions:
        check.report(
            (*path, "kind"),
            f"a {statement.kind} needs at least one contribution",
            "list what is committed or refused in `contributions` (see docs/schema.md), or make it a `claim`",
        )


def is_after(date: str, published: str) -> bool:
    """True when `date` is later than `published` at the precision both have."""
    precision = min(len(date), len(published))
    return date[:precision] > published[:precision]


def _check_dated_after_article(check: Checker, base: FactBase, statement: Statement, path: Path) -> None:
    if statement.date is None:
        return
    for source_id in statement.source_ids:
        source = base.sources.get(source_id)
        if source is None or source.published is None or not is_after(statement.date, source.published):
            continue
        check.report(
            (*path, "date"),
            f"dated {statement.date}, after {source_id}'s publication date {source.published}",
            "a statement cannot postdate an article reporting it: fix `date`, or the source's `published`",
        )
        return


def _names(entity: Entity) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Each name and alias of `entity` with the field (and index) it is written in."""
    yield entity.name, ("name",)
    yield entity.name_en, ("name_en",)
    for index, alias in enumerate(entity.aliases):
        yield alias, ("aliases", index)


def _check_shared_aliases(check: Checker, base: FactBase, paths: dict[tuple[str, str], Path]) -> None:
    section = {**dict.fromkeys(base.countries, "countries"), **dict.fromkeys(base.people, "people")}
    section.update(dict.fromkeys(base.organizations, "organizations"))
    first: dict[str, tuple[str, Path]] = {}  # folded term -> (entity id, where)
    for entity in base.entities():
        path = paths[section[entity.id], entity.id]
        for term, field in _names(entity):
            key = term.strip().casefold()
            if not key or is_joint_phrase(term):
                continue
            where = (*path, *field)
            owner = first.setdefault(key, (entity.id, where))
            if owner[0] == entity.id:
                continue
            check.report(
                where,
                f"{term!r} also names {owner[0]!r} (line {check.doc.line(owner[1])})",
                "an alias must name one entity: keep it on the entity it stands for in the articles, "
                "and remove it here",
            )

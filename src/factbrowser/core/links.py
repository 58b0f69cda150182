"""Links between statements (`related`) and the ids they had before (`former_ids`).

Readers cite statement ids, so an id that changed stays findable: the survivor lists it
under `former_ids`, and an old id may be neither a current id nor claimed twice.

A link needs stating on one side only: on load the reverse is added where missing
(same_fact and conflicts are symmetric; A `updates` B is B `updated_by` A). Two
statements have one relation: a pair linked both `same_fact` and `conflicts` (or each
`updates` the other) is a contradiction the curator must resolve.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from factbrowser.core.model import REVERSE_RELATION, FactBase, Related, Statement
from factbrowser.core.yamldoc import Path

if TYPE_CHECKING:
    from factbrowser.core.load import Checker


def check_links(check: Checker, base: FactBase, paths: dict[tuple[str, str], Path]) -> FactBase:
    """Report every broken link and old id; return the base with every link both ways."""
    _check_former_ids(check, base, paths)
    known = {key for (section, key) in paths if section == "statements"}
    former = {old: s.id for s in base.statements.values() for old in s.former_ids}
    relations: dict[tuple[str, str], tuple[str, Path]] = {}  # (a, b) -> relation as seen from a
    for statement in base.statements.values():
        path = paths["statements", statement.id]
        for index, link in enumerate(statement.related):
            where = (*path, "related", index, "id")
            if link.id == statement.id:
                check.report(where, "a statement cannot be related to itself", "remove this link")
            elif link.id not in known:
                _unknown_target(check, where, link.id, former)
            else:
                _check_consistent(check, relations, statement.id, link, where)
    return _symmetric(base)


def _unknown_target(check: Checker, where: Path, target: str, former: dict[str, str]) -> None:
    if target in former:
        hint = f"{target!r} is a former id of {former[target]!r}: link to that id"
    else:
        hint = "link to the id of a statement in this file"
    check.report(where, f"unknown statement {target!r}", hint)


def _check_consistent(
    check: Checker, relations: dict[tuple[str, str], tuple[str, Path]], source: str, link: Related, where: Path
) -> None:
    """One relation per pair of statements, whichever side states it."""
    mine = relations.get((source, link.id))
    if mine is None:
        seen_from_other = relations.get((link.id, source))
        mine = (REVERSE_RELATION[seen_from_other[0]], seen_from_other[1]) if seen_from_other else None
    if mine is None:
        relations[source, link.id] = (link.relation, where)
        return
    if mine[0] != link.relation:
        line = check.doc.line(mine[1])
        check.report(
            where,
            f"links {source!r} to {link.id!r} as `{link.relation}`, but line {line} makes it `{mine[0]}` "
            f"(read from {source!r})",
            "two statements have one relation: keep the right one and remove the other",
        )


def _symmetric(base: FactBase) -> FactBase:
    """Every link stored on both statements, in the order first stated."""
    links: dict[str, dict[str, Related]] = {sid: {} for sid in base.statements}
    for statement in base.statements.values():
        for link in statement.related:
            if link.id == statement.id or link.id not in base.statements:
                continue
            links[statement.id].setdefault(link.id, link)
            links[link.id].setdefault(statement.id, Related(statement.id, REVERSE_RELATION[link.relation]))
    if all(tuple(links[s.id].values()) == s.related for s in base.statements.values()):
        return base
    statements: dict[str, Statement] = {
        sid: s
        if tuple(links[sid].values()) == s.related
        else dataclasses.replace(s, related=tuple(links[sid].values()))
        for sid, s in base.statements.items()
    }
    return FactBase(base.sources, base.countries, base.people, base.organizations, statements)


def _check_former_ids(check: Checker, base: FactBase, paths: dict[tuple[str, str], Path]) -> None:
    current = {key: section for (section, key) in paths}
    claimed: dict[str, Path] = {}
    for statement in base.statements.values():
        path = paths["statements", statement.id]
        for index, old in enumerate(statement.former_ids):
            where = (*path, "former_ids", index)
            if old in current:
                check.report(
                    where,
                    f"former id {old!r} is the id of a record in this file",
                    "an old id may not be reused: give that record a new id, or remove this entry",
                )
            elif old in claimed:
                line = check.doc.line(claimed[old])
                check.report(
                    where,
                    f"former id {old!r} is already claimed on line {line}",
                    "an old id became one record: keep it on that record only",
                )
            else:
                claimed[old] = where

"""Audit warnings on interpretation: vague times stated as dates, reported speech stated
as fact in English, entities named in the evidence but not linked."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import pytest

from factbrowser.cli.reports import run_audit
from factbrowser.core.audit import audit
from factbrowser.core.model import Country, Evidence, FactBase, Organization, Person, Source, Statement

TEXT = (
    "Merz hatte zuvor erklärt, Deutschland sei bereit.\n"
    "Laut Kreml will Russland nicht verhandeln.\n"
    "Macron sagte: „Ich habe keine Angst.“\n"
    "Frankreich und Italien tagen in Paris."
)


def evidence(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence("s1", start, start + len(sentence), sentence)


def statement(sid: str, sentence: str, text_en: str, **fields: object) -> Statement:
    return Statement(sid, "claim", None, "x", text_en, (evidence(sentence),), **fields)  # type: ignore[arg-type]


def base_with(*statements: Statement) -> FactBase:
    source = Source("s1", "s1.txt", "0" * 64, "Test", "2026-01-07", "stated", None, TEXT)
    countries = {
        "DE": Country("DE", "Deutschland", "Germany"),
        "RU": Country("RU", "Russland", "Russia", metonyms=("Kreml",)),
        "FR": Country("FR", "Frankreich", "France", metonyms=("Paris",)),
        "IT": Country("IT", "Italien", "Italy"),
    }
    people = {
        "merz": Person("merz", "Friedrich Merz", "Friedrich Merz", "Kanzler", "Chancellor", "DE", aliases=("Merz",)),
        "macron": Person("macron", "Emmanuel Macron", "Emmanuel Macron", "Präsident", "President", "FR", ("Macron",)),
    }
    return FactBase({"s1": source}, countries, people, {}, {s.id: s for s in statements})


def rules_of(base: FactBase, rule: str) -> dict[str, tuple[str, ...]]:
    return {w.statement: w.words for w in audit(base).warnings if w.rule == rule}


FIRST = "Merz hatte zuvor erklärt, Deutschland sei bereit."
SECOND = "Laut Kreml will Russland nicht verhandeln."
THIRD = "Macron sagte: „Ich habe keine Angst.“"
FOURTH = "Frankreich und Italien tagen in Paris."


def test_a_remark_placed_earlier_is_not_stated_on_the_articles_date() -> None:
    linked = {"countries": ("DE",), "people": ("merz",)}
    base = base_with(
        statement("stated", FIRST, "Germany is, Merz said, ready", date="2026-01-07", **linked),
        statement(
            "inferred",
            FIRST,
            "Germany is, Merz said, ready",
            date="2026-01",
            date_basis="inferred",
            date_note="before the article; 'zuvor'",
            **linked,
        ),
        statement("undated", FIRST, "Germany is, Merz said, ready", **linked),
    )
    assert rules_of(base, "vague_time_stated") == {"stated": ("zuvor",)}


def test_reported_speech_keeps_its_marker_in_english() -> None:
    base = base_with(
        statement("fact", FIRST, "Germany is ready", countries=("DE",), people=("merz",)),
        statement("marked", FIRST, "Germany is, Merz said, ready", countries=("DE",), people=("merz",)),
        statement("laut", SECOND, "Russia will not negotiate", countries=("RU",)),
        statement("laut-marked", SECOND, "According to the Kremlin, Russia will not negotiate", countries=("RU",)),
        # "habe" inside quotation marks is the speaker's own indicative, not reported speech.
        statement("quoted", THIRD, "I am not afraid", people=("macron",)),
    )
    assert rules_of(base, "reported_speech_unmarked") == {"fact": ("sei",), "laut": ("Laut",)}


def test_every_entity_named_in_the_evidence_is_linked_or_warned() -> None:
    base = base_with(statement("half", FIRST, "Germany is, Merz said, ready", countries=("DE",)))
    (warning,) = [w for w in audit(base).warnings if w.rule == "unlinked_entity"]
    assert (warning.statement, warning.entity, warning.field, warning.words) == ("half", "merz", "people", ("Merz",))
    assert "add it to `people`" in warning.message


def test_a_venue_metonym_is_not_an_unlinked_entity() -> None:
    # "Frankreich" names France whatever the statement links: missing on one linking Italy only.
    venue = statement("venue", FOURTH, "France and Italy meet in Paris", countries=("IT",))
    assert {w.entity for w in audit(base_with(venue)).warnings if w.rule == "unlinked_entity"} == {"FR"}
    france = dataclasses.replace(venue, countries=("FR", "IT"))
    assert not [w for w in audit(base_with(france)).warnings if w.rule == "unlinked_entity"]
    kreml = statement("kreml", SECOND, "According to the Kremlin, Russia will not negotiate")
    # Kreml is not marked (no statement linking Russia cites the sentence); Russland is a name.
    assert {w.words for w in audit(base_with(kreml)).warnings if w.rule == "unlinked_entity"} == {("Russland",)}


def test_warnings_in_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = base_with(statement("fact", FIRST, "Germany is ready", countries=("DE",), people=("merz",)))
    assert run_audit(argparse.Namespace(json=True), base, tmp_path / "facts.yaml") == 0  # no reviews there
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["warnings"] == len(data["warnings"]) == 1
    (warning,) = data["warnings"]
    assert warning["rule"] == "reported_speech_unmarked" and warning["field"] == "text_en"
    assert (warning["source"], warning["statement"], warning["words"]) == ("s1", "fact", ["sei"])


def test_a_metonym_or_epithet_shared_with_another_entity_is_a_warning() -> None:
    base = base_with()
    kreml = Organization("kreml", "Kreml", "Kremlin")
    nato = Organization("nato", "NATO", "NATO", aliases=("Nato-Chef",))
    rutte = Person("rutte", "Mark Rutte", "Mark Rutte", "Chef", "Head", None, epithets=("Nato-Chef",))
    base = dataclasses.replace(
        base, organizations={"kreml": kreml, "nato": nato}, people={**base.people, "rutte": rutte}
    )
    found = {(w.words, w.entity) for w in audit(base).warnings if w.rule == "shared_term"}
    assert found == {(("Kreml",), "kreml"), (("Nato-Chef",), "nato")}

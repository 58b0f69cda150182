"""The audit: uncited sentences and unlinked mentions, on a small base and the shipped one."""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from factbrowser.cli.reports import print_report, run_audit
from factbrowser.core.audit import audit
from factbrowser.core.model import Country, Evidence, FactBase, Organization, Person, Source, Statement
from factbrowser.core.resources import shipped_facts

TEXT = (
    "Russland droht [bold]Berlin[/bold].\n"
    "Merz sagte, Deutschland helfe der Ukraine. Putin schwieg.\n"
    "Niemand sonst sprach.\n"
    "Die Nato tagt."
)


def evidence(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence("s1", start, start + len(sentence), sentence)


def small_base() -> FactBase:
    source = Source("s1", "s1.txt", "0" * 64, "Test", "2026-01-07", "stated", None, TEXT)
    countries = {
        "DE": Country("DE", "Deutschland", "Germany", metonyms=("Berlin",)),
        "RU": Country("RU", "Russland", "Russia"),
        "UA": Country("UA", "Ukraine", "Ukraine"),
    }
    people = {
        "merz": Person("merz", "Friedrich Merz", "Friedrich Merz", "Kanzler", "Chancellor", "DE", aliases=("Merz",)),
        "putin": Person(
            "putin", "Wladimir Putin", "Vladimir Putin", "Präsident", "President", "RU", aliases=("Putin",)
        ),
    }
    organizations = {
        "nato": Organization("nato", "NATO", "NATO", aliases=("Nato",), evidence=(evidence("Die Nato tagt."),))
    }
    statements = {
        # Cites sentence 2 only; links Merz and Germany but not Ukraine.
        "st-merz": Statement(
            "st-merz",
            "claim",
            "merz",
            "Deutschland helfe",
            "Germany helps",
            (evidence("Merz sagte, Deutschland helfe der Ukraine."),),
            countries=("DE",),
        ),
        # Cites sentence 2 as well and links Ukraine: Ukraine is covered there by a sibling.
        "st-ua": Statement(
            "st-ua",
            "claim",
            None,
            "Hilfe",
            "Help",
            (evidence("Merz sagte, Deutschland helfe der Ukraine."),),
            countries=("UA",),
        ),
        # Cites sentences 1-3 as one run of sentences and links only Russia.
        "st-ru": Statement(
            "st-ru",
            "claim",
            "RU",
            "Drohung",
            "Threat",
            (
                evidence(
                    "Russland droht [bold]Berlin[/bold].\nMerz sagte, Deutschland helfe der Ukraine. Putin schwieg."
                ),
            ),
        ),
    }
    return FactBase({"s1": source}, countries, people, organizations, statements)


def test_uncited_sentences_are_those_no_evidence_overlaps() -> None:
    report = audit(small_base())
    (source,) = report.sources
    assert source.sentences == 5
    # "Die Nato tagt." is cited by the organization's evidence, so only one is left.
    assert [u.sentence for u in source.uncited] == ["Niemand sonst sprach."]
    assert report.uncited_count == 1 and report.sentence_count == 5


def test_unlinked_mentions_name_the_statements_missing_the_link() -> None:
    found = {(u.entity, u.sentence): (u.statements, u.linked_by) for u in audit(small_base()).unlinked}
    second = "Merz sagte, Deutschland helfe der Ukraine."
    assert found == {
        ("merz", second): (("st-ua", "st-ru"), ("st-merz",)),
        ("DE", second): (("st-ua", "st-ru"), ("st-merz",)),
        ("UA", second): (("st-merz", "st-ru"), ("st-ua",)),
        ("putin", "Putin schwieg."): (("st-ru",), ()),
    }
    # Russland is linked (as speaker) by the only statement citing its sentence; the Nato
    # sentence is cited by entity evidence only, so no statement could miss a link there.
    # Berlin, Germany's metonym, is no mention in sentence 1: no statement citing it links DE.


def with_berlin_marked(base: FactBase) -> FactBase:
    """st-merz (which links DE) cites sentence 1 too: there Berlin stands for Germany."""
    merz = base.statements["st-merz"]
    marked = dataclasses.replace(merz, evidence=(*merz.evidence, evidence("Russland droht [bold]Berlin[/bold].")))
    return dataclasses.replace(base, statements={**base.statements, "st-merz": marked})


def test_a_metonym_counts_only_in_a_sentence_a_statement_linking_its_country_cites() -> None:
    first = "Russland droht [bold]Berlin[/bold]."
    assert ("DE", first) not in {(u.entity, u.sentence) for u in audit(small_base()).unlinked}
    found = {
        (u.entity, u.sentence): (u.statements, u.linked_by) for u in audit(with_berlin_marked(small_base())).unlinked
    }
    assert found["DE", first] == (("st-ru",), ("st-merz",))


def test_report_is_ordered_and_counts_the_likelier_omissions() -> None:
    report = audit(small_base())
    assert [u.start for u in report.unlinked] == sorted(u.start for u in report.unlinked)
    assert report.unlinked_everywhere == 1  # Putin


def test_text_report_prints_seed_text_literally() -> None:
    buffer = io.StringIO()
    out = Console(file=buffer, markup=False, emoji=False, highlight=False, soft_wrap=True, width=100)
    base = with_berlin_marked(small_base())
    print_report(base, audit(base), out)
    printed = buffer.getvalue()
    assert "Russland droht [bold]Berlin[/bold]." in printed  # markup-like text is not interpreted
    assert "1 of 5 sentences uncited" in printed
    assert "not linked by st-ua, st-ru; linked by st-merz" in printed


def test_json_on_the_shipped_base(capsys: pytest.CaptureFixture[str], shipped_base: FactBase) -> None:
    assert run_audit(argparse.Namespace(json=True), shipped_base, Path(shipped_facts())) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"summary", "sources", "unlinked_mentions", "warnings", "reviewed", "stale_reviews"}
    assert [s["source"] for s in data["sources"]] == list(shipped_base.sources)
    summary = data["summary"]
    assert summary["sentences"] == sum(s["sentences"] for s in data["sources"]) > 150
    assert summary["uncited"] == sum(len(s["uncited"]) for s in data["sources"])
    assert summary["unlinked_mentions"] == len(data["unlinked_mentions"])
    for source in data["sources"]:
        text = shipped_base.sources[source["source"]].text
        assert source["cited"] + len(source["uncited"]) == source["sentences"]
        assert all(text[u["start"] : u["end"]] == u["sentence"] for u in source["uncited"])
    for item in data["unlinked_mentions"]:
        assert set(item) == {"entity", "source", "start", "end", "sentence", "matches", "statements", "linked_by"}
        assert item["statements"] and all(
            item["entity"] not in shipped_base.statements[s].mentioned for s in item["statements"]
        )
        assert all(item["entity"] in shipped_base.statements[s].mentioned for s in item["linked_by"])


def test_text_on_the_shipped_base(capsys: pytest.CaptureFixture[str], shipped_base: FactBase) -> None:
    assert run_audit(argparse.Namespace(json=False), shipped_base, Path(shipped_facts())) == 0
    out = capsys.readouterr().out
    assert out.startswith("Audit: ") and "Sentences no evidence cites" in out
    assert "0 open warnings" in out and "Reviewed in " in out
    assert all(source.label in out for source in shipped_base.sources.values())

"""Honest citations: `factbrowser cite` (and the app's `y`, built in the same place)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL

from factbrowser.core.model import FactBase
from factbrowser.present import build_citation, citation_json, citation_markdown, citation_text

Write = Callable[[str], Path]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factbrowser", *args], capture_output=True, text=True, env={"NO_COLOR": "1"}
    )


CLOSERS = {"„": "“”", "‚": "‘’", "»": "«", "«": "»", "“": "”", '"': '"'}


def quotations(text: str) -> list[str]:
    """Every text between a pair of quotation marks, nested pairs too (outer and inner)."""
    found: list[str] = []
    stack: list[tuple[str, int]] = []
    for at, char in enumerate(text):
        if stack and char in CLOSERS[stack[-1][0]]:
            found.append(text[stack.pop()[1] + 1 : at])
        elif char in CLOSERS:
            stack.append((char, at))
    return found


def test_quotations_are_read_with_nesting() -> None:
    assert quotations("A „b „c“ d“ e") == ["c", "b „c“ d"]


def test_every_quoted_text_of_every_shipped_citation_is_verbatim_in_an_article(shipped_base: FactBase) -> None:
    articles = [source.text for source in shipped_base.sources.values()]
    for statement in shipped_base.statements.values():
        citation = build_citation(shipped_base, statement, None)
        for rendered in (citation_text(citation), citation_markdown(citation)):
            passages = quotations(rendered)
            assert passages, statement.id  # at least the evidence sentence is quoted
            for passage in passages:
                assert any(passage in text for text in articles), (statement.id, passage)


def test_the_curators_words_are_labelled_never_quoted(shipped_base: FactBase) -> None:
    claim = next(s for s in shipped_base.statements.values() if s.kind == "claim" and "„" not in s.text)
    text = citation_text(build_citation(shipped_base, claim))
    assert f"Summary by the curator (German, not a quotation): {claim.text}\n" in text
    assert f"Translation by the curator (English, not a quotation): {claim.text_en}\n" in text
    assert f"„{claim.text}“" not in text and f"„{claim.text_en}“" not in text


def test_a_quote_quotes_its_words(shipped_base: FactBase) -> None:
    quote = next(s for s in shipped_base.statements.values() if s.kind == "quote")
    data = citation_json(build_citation(shipped_base, quote))
    assert data["verbatim"]["quoted_words"] == quote.text  # type: ignore[index]
    assert f"Quoted words: „{quote.text}“" in citation_text(build_citation(shipped_base, quote))


def test_the_evidence_cited_is_the_one_asked_for(shipped_base: FactBase) -> None:
    several = next(s for s in shipped_base.statements.values() if len(s.evidence) > 1)
    second = citation_text(build_citation(shipped_base, several, 1))
    assert f"Evidence 2 of {len(several.evidence)}" in second and "Evidence 1 of" not in second
    assert f"„{several.evidence[1].sentence}“" in second
    every = citation_text(build_citation(shipped_base, several, None))
    assert all(f"„{e.sentence}“" in every for e in several.evidence)


def test_cite_on_the_command_line(write_facts: Write) -> None:
    path = write_facts(MINIMAL)
    result = run("cite", "s1", "--data", str(path), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "Summary by the curator (German, not a quotation): Macron plant daher" in result.stdout
    assert "Date: 2026-01-07 (stated)" in result.stdout
    assert "article a000, outlet not stated, published 2026-01-07 (inferred)" in result.stdout
    assert "characters" in result.stdout and "000_2c3659b6820fa0c8.txt" in result.stdout
    data = json.loads(run("cite", "s1", "--format", "json", "--data", str(path), "--no-cache").stdout)
    assert data["curator"]["summary_de"] == "Macron plant daher" and data["verbatim"]["quoted_words"] is None
    markdown = run("cite", "s1", "--format", "markdown", "--data", str(path), "--no-cache").stdout
    assert "\n> „Frankreichs Präsident" in markdown
    wrong = run("cite", "s1", "--evidence", "2", "--data", str(path), "--no-cache")
    assert wrong.returncode == 2 and "has 1 evidence sentence(s), not 2" in wrong.stderr
    assert run("cite", "macron", "--data", str(path), "--no-cache").returncode == 2


LINKED = MINIMAL.replace('  - id: "s1"\n', '  - id: "s1"\n    former_ids: ["old-s1"]\n').replace(
    '    date: "2026-01-07"\n    evidence:',
    '    date: "2026-01-07"\n    related: [{id: "s2", relation: "updates"}]\n    evidence:',
) + MINIMAL.split("statements:\n")[1].replace('id: "s1"', 'id: "s2"')


def test_a_former_id_names_the_record_it_became(write_facts: Write) -> None:
    path = write_facts(LINKED)
    cited = run("cite", "old-s1", "--data", str(path), "--no-cache")
    assert cited.returncode == 0 and "'old-s1' is a former id: that record is now 's1'" in cited.stderr
    assert cited.stdout.startswith("Statement s1 ")
    assert "Related statements:\n  updates: s2 (claim, 2026-01-07, articles a000)" in cited.stdout
    shown = run("show", "old-s1", "--data", str(path), "--no-cache")
    assert shown.returncode == 0 and "'old-s1' is a former id: that record is now 's1'" in shown.stdout
    data = json.loads(run("show", "old-s1", "--json", "--data", str(path), "--no-cache").stdout)
    assert data["id"] == "s1" and data["requested_as_former_id"] == "old-s1"
    assert data["former_ids"] == ["old-s1"]
    assert data["related"] == [{"id": "s2", "relation": "updates"}]


def test_links_are_made_both_ways_on_load_and_exported(write_facts: Write) -> None:
    path = write_facts(LINKED)
    data = json.loads(run("show", "s2", "--json", "--data", str(path), "--no-cache").stdout)
    assert data["related"] == [{"id": "s1", "relation": "updated_by"}]
    exported = json.loads(run("export", "--data", str(path), "--no-cache").stdout)
    assert [s["related"] for s in exported["statements"]] == [
        [{"id": "s2", "relation": "updates"}],
        [{"id": "s1", "relation": "updated_by"}],
    ]
    csv = run("export", "--format", "csv", "--data", str(path), "--no-cache").stdout.splitlines()
    header = csv[0].split(",")
    assert "related" in header
    assert csv[1].split(",")[header.index("related")] == "updates:s2"


@pytest.mark.parametrize("relation", ["same_fact", "conflicts"])
def test_symmetric_relations_stay_symmetric(write_facts: Write, relation: str) -> None:
    path = write_facts(LINKED.replace('relation: "updates"', f'relation: "{relation}"'))
    data = json.loads(run("show", "s2", "--json", "--data", str(path), "--no-cache").stdout)
    assert data["related"] == [{"id": "s1", "relation": relation}]

"""Matrix, timeline, corroboration and mentions: the questions beyond a list."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

from conftest import REPO

from factbrowser.core.analysis import (
    StatementFilter,
    commitments_matrix,
    owners,
    position_changes,
    reported_by_several,
    timeline,
)
from factbrowser.core.load import load
from factbrowser.core.model import FactBase
from factbrowser.core.resources import shipped_facts
from factbrowser.tui.app import FactBrowserApp
from factbrowser.tui.messages import StatementTarget
from factbrowser.tui.screens.browser import Place
from factbrowser.tui.screens.matrix import MatrixScreen
from factbrowser.tui.screens.timeline import TimelineScreen
from factbrowser.tui.widgets import NavList


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factbrowser", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "FACTBROWSER_NO_CACHE": "1"},
        timeout=60,
    )


def test_germany_changes_position_between_september_and_january(shipped_base: FactBase) -> None:
    (change,) = position_changes(shipped_base, "DE")
    assert {s.date[:7] for s in change.before if s.date} == {"2025-09"}
    assert {s.date[:7] for s in change.after if s.date} == {"2026-01"}
    assert any("forces_on_nato_territory" in s.contributions for s in change.after)
    assert not any("forces_on_nato_territory" in s.contributions for s in change.before)


def test_matrix_rows_are_the_positions_owners(shipped_base: FactBase) -> None:
    matrix = commitments_matrix(shipped_base)
    assert matrix.rows["IT"]["refuses"].statements
    assert matrix.rows["DE"]["forces_on_nato_territory"].latest.startswith("2026-01")  # type: ignore[union-attr]
    assert matrix.rows["FR"]["ground_troops_in_ukraine"].statements
    for row_id, row in matrix.rows.items():
        for cell in row.values():
            for statement in cell.statements:
                assert row_id in owners(shipped_base, statement)
    september = commitments_matrix(shipped_base, period="2025-09")
    assert all(
        s.date and s.date.startswith("2025-09")
        for row in september.rows.values()
        for cell in row.values()
        for s in cell.statements
    )
    by_count = list(commitments_matrix(shipped_base, sort="contributions").rows)
    assert matrix.count(by_count[0]) >= matrix.count(by_count[-1])


def test_timeline_is_ordered_and_grouped(shipped_base: FactBase) -> None:
    periods = timeline(shipped_base)
    assert [p.key for p in periods] == sorted(p.key for p in periods)
    for period in periods:
        assert all((s.date or "").startswith(period.key) for s in period.events + period.statements)
    assert any(p.events for p in periods if p.key == "2026-01")


def test_corroboration_filter(shipped_base: FactBase) -> None:
    statements = list(shipped_base.statements.values())
    several = StatementFilter(sources="corroborated").apply(statements)
    single = StatementFilter(sources="single").apply(statements)
    assert several and single and len(several) + len(single) == len(statements)
    assert all(len(s.source_ids) > 1 for s in several)


def test_matrix_timeline_mentions_cli() -> None:
    data = json.loads(cli("matrix", "--json").stdout)
    germany = next(row for row in data if row["country"] == "DE")
    assert "forces_on_nato_territory" in germany["cells"]
    assert "Deutschland" in cli("matrix").stdout
    timeline_json = json.loads(cli("timeline", "--country", "DE", "--json").stdout)
    assert timeline_json["changes"] and timeline_json["changes"][0]["country"] == "DE"
    assert "Changes of position" in cli("timeline").stdout
    assert cli("timeline", "--country", "XX").returncode == 2
    mentions = json.loads(cli("mentions", "merz", "--json").stdout)
    assert mentions and all(m["matches"] for m in mentions)
    assert sum("Merz" in m["sentence"] for m in mentions) >= 8
    assert cli("mentions", "nobody").returncode == 2


def test_mentions_agree_with_a_count_from_the_seeds(shipped_base: FactBase) -> None:
    """Every sentence naming Merz or Putin by surname is listed (independent regex count)."""
    from factbrowser.core.mentions import find_mentions

    for person_id, surname in (("merz", "Merz"), ("putin", "Putin"), ("starmer", "Starmer")):
        expected = 0
        for source in shipped_base.sources.values():
            expected += len(re.findall(rf"\b{surname}s?\b", source.text))
        found = sum(
            len([m for m in mention.matches if surname in m.text]) for mention in find_mentions(shipped_base, person_id)
        )
        assert found == expected, person_id


async def test_matrix_view_opens_statement(shipped_base: FactBase) -> None:
    app = FactBrowserApp(base=shipped_base)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        table = screen.query_one("#matrix")
        row = list(screen.matrix.rows).index("IT")
        column = list(screen.matrix.columns).index("refuses") + 1
        table.move_cursor(row=row, column=column)  # type: ignore[attr-defined]
        await pilot.pause()
        cell_list = screen.query_one("#cell-statements", NavList)
        assert cell_list.option_count >= 1
        first = cell_list.targets[0]
        assert isinstance(first, StatementTarget)
        cell_list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MatrixScreen)
        assert app.browser.place == Place("statement", first.id)


async def test_timeline_view_and_sources_filter(shipped_base: FactBase) -> None:
    app = FactBrowserApp(base=shipped_base)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        shown = [t.id for t in app.screen.query_one("#statements", NavList).targets if isinstance(t, StatementTarget)]
        # Several articles: its own evidence, or a same_fact link to another article's statement.
        assert shown and all(reported_by_several(shipped_base.statements[s], shipped_base) for s in shown)
        assert any(len(shipped_base.statements[s].source_ids) == 1 for s in shown)  # a link counts too
        assert "several articles" in str(app.screen.query_one("#filter").render())
        await pilot.press("escape")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_entity_mentions_list_shows_sentence(shipped_base: FactBase) -> None:
    app = FactBrowserApp(base=shipped_base)
    async with app.run_test(size=(120, 40)) as pilot:
        app.browser.jump_to(Place("entity", "sacharowa"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        links = app.screen.query_one("#links", NavList)
        assert links.option_count == len(app.browser.mentions["sacharowa"]) >= 2
        links.focus()
        links.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        source_title: Any = app.screen.query_one("#source").border_title
        assert app.browser.mentions["sacharowa"][1].source in str(source_title)


def test_export_filters_match_the_apps(shipped_base: FactBase) -> None:
    data = json.loads(cli("export", "--country", "DE", "--kind", "commitment", "--period", "2026-01").stdout)
    assert data["statements"]
    for statement in data["statements"]:
        assert statement["kind"] == "commitment" and statement["date"].startswith("2026-01")
        assert (
            "DE" in (statement["speaker"], *statement["countries"])
            or statement["speaker"] == "merz"
            or "DE" in statement["countries"]
        )
    several = json.loads(cli("export", "--sources", "corroborated").stdout)["statements"]
    base = load(shipped_facts())
    assert several and all(reported_by_several(base.statements[s["id"]], base) for s in several)
    rows = cli("export", "--format", "csv", "--person", "merz").stdout.splitlines()
    assert len(rows) > 1 and all("merz" in row for row in rows[1:])
    assert cli("export", "--country", "XX").returncode == 2

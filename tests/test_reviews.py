"""Reviewed audit warnings (`audit-reviewed.yaml`): judged apart, stale ones reported,
a bad file a clear error naming its line and field."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factbrowser.core.audit import audit
from factbrowser.core.interpretation import AuditWarning
from factbrowser.core.model import FactBase
from factbrowser.core.problems import FactBaseInvalid
from factbrowser.core.resources import shipped_facts
from factbrowser.core.reviews import REVIEWS_FILE, apply_reviews, load_reviews

REPO = Path(__file__).resolve().parents[1]


def _warning(statement: str, rule: str, entity: str | None = None, words: tuple[str, ...] = ()) -> AuditWarning:
    return AuditWarning(rule, statement, "text_en", "message", "a000", 0, 1, words, entity)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / REVIEWS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_no_reviews(tmp_path: Path) -> None:
    assert load_reviews(tmp_path / REVIEWS_FILE) == ()


def test_reviews_judge_their_warnings_and_stale_ones_are_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'reviewed:\n  - {statement: "s1", rule: "unlinked_entity", entity: "CN", reason: "the venue"}\n'
        '  - {statement: "s2", rule: "reported_speech_unmarked", words: ["sei"], reason: "a quote"}\n'
        '  - {statement: "gone", rule: "unlinked_entity", entity: "FR", reason: "was right"}\n',
    )
    reviews = load_reviews(path)
    warnings = (
        _warning("s1", "unlinked_entity", "CN", ("China",)),  # an entity's review needs no words
        _warning("s2", "reported_speech_unmarked", words=("sei",)),
        _warning("s2", "reported_speech_unmarked", words=("soll",)),  # other words: still open
    )
    split = apply_reviews(warnings, reviews)
    assert [w.words for w in split.open] == [("soll",)]
    assert [(w.statement, r.reason) for w, r in split.judged] == [("s1", "the venue"), ("s2", "a quote")]
    assert [(r.statement, r.line) for r in split.stale] == [("gone", 4)]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("reviewed:\n  - {statement: s1, rule: r, reason: x, colour: red}\n", 2, "unknown key 'colour'"),
        ("reviewed:\n  - {statement: s1, rule: r}\n", 2, "`reason` is missing"),
        ("reviewed:\n  - just text\n", 2, "not a mapping"),
        ("reviews: []\n", 1, "no `reviewed:` list"),
        ("reviewed:\n  - {statement: s1\n", 2, "YAML"),
        ("reviewed:\n  - {statement: s1, rule: r, reason: x, words: sei}\n", 2, "`words` is not a list"),
    ],
)
def test_a_bad_reviews_file_says_where(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(FactBaseInvalid) as raised:
        load_reviews(path)
    problem = raised.value.problems[0]
    assert problem.file == str(path) and words in problem.message
    assert problem.line >= line - 1  # a flow mapping's problem may be reported on the line it opens


def test_the_shipped_base_has_no_open_warning(shipped_base: FactBase) -> None:
    report = audit(shipped_base, load_reviews(Path(shipped_facts()).parent / REVIEWS_FILE))
    assert report.warnings == () and report.stale == ()
    assert report.judged and all(review.reason for _, review in report.judged)


def test_the_cli_lists_a_review_removed_as_an_open_warning(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    reviews = data / REVIEWS_FILE
    text = reviews.read_text(encoding="utf-8")
    start = text.index('  - statement: "sep-event-treffen-paris"')
    end = text.index("  - statement:", start + 1)
    reviews.write_text(text[:start] + text[end:] + '  - {statement: "gone", rule: "r", reason: "x"}\n', "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "factbrowser", "audit", "--json", "--data", str(data / "facts.yaml")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "FACTBROWSER_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert [(w["statement"], w["entity"]) for w in report["warnings"]] == [("sep-event-treffen-paris", "dpa-afx")]
    assert [r["statement"] for r in report["stale_reviews"]] == ["gone"]
    assert report["summary"]["reviewed"] == len(report["reviewed"]) > 10


def test_validate_reads_the_reviews_too(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "data" / REVIEWS_FILE).write_text("reviewed:\n  - {statement: s1, rule: r, colour: red}\n", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "factbrowser", "validate", "--data", str(tmp_path / "data" / "facts.yaml")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "FACTBROWSER_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{REVIEWS_FILE}:2: reviewed[0].colour: unknown key 'colour'" in run.stderr + run.stdout

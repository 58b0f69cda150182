"""Shared fixtures: the shipped base, and small fact files written for one test."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from factbrowser.core.load import load
from factbrowser.core.model import FactBase
from factbrowser.core.resources import shipped_facts

REPO = Path(__file__).resolve().parents[1]
SEED_000 = REPO / "seeds" / "000_2c3659b6820fa0c8.txt"
SEED_TEXT = SEED_000.read_bytes().decode("utf-8")
SEED_SHA = hashlib.sha256(SEED_000.read_bytes()).hexdigest()
MACRON_SENTENCE = (
    "Frankreichs Präsident Emmanuel Macron plant daher, den Kontakt zum russischen Machthaber wieder aufzunehmen."
)
MACRON_START = SEED_TEXT.index(MACRON_SENTENCE)
MACRON_END = MACRON_START + len(MACRON_SENTENCE)

MINIMAL = f"""\
schema_version: 1
seeds_dir: "../seeds"
sources:
  - id: "a000"
    file: "000_2c3659b6820fa0c8.txt"
    sha256: "{SEED_SHA}"
    outlet: null
    published: "2026-01-07"
    published_basis: "inferred"
    published_note: "test fixture"
countries:
  - id: "FR"
    name: "Frankreich"
    name_en: "France"
    aliases: ["Frankreichs"]
people:
  - id: "macron"
    name: "Emmanuel Macron"
    name_en: "Emmanuel Macron"
    aliases: ["Macron"]
    role: "Präsident Frankreichs"
    role_en: "President of France"
    country: "FR"
    evidence:
      - source: "a000"
        start: {MACRON_START}
        end: {MACRON_END}
        sentence: "{MACRON_SENTENCE}"
organizations: []
statements:
  - id: "s1"
    kind: "claim"
    speaker: "macron"
    text: "Macron plant daher"
    text_en: "Macron therefore plans"
    countries: ["FR"]
    people: []
    organizations: []
    date: "2026-01-07"
    evidence:
      - source: "a000"
        start: {MACRON_START}
        end: {MACRON_END}
        sentence: "{MACRON_SENTENCE}"
"""


@pytest.fixture(autouse=True)
def private_cache_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store's per-user key of the tests (and their subprocesses), never the user's own."""
    path = tmp_path_factory.getbasetemp() / "config" / "factbrowser" / "cache.key"
    monkeypatch.setenv("FACTBROWSER_KEY_FILE", str(path))
    return path


@pytest.fixture(scope="session")
def shipped_base() -> FactBase:
    return load(shipped_facts())


@pytest.fixture
def fact_dir(tmp_path: Path) -> Path:
    """A folder with data/ and seeds/ holding seed 000, ready for a facts.yaml."""
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_000, tmp_path / "seeds" / SEED_000.name)
    return tmp_path


@pytest.fixture
def write_facts(fact_dir: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = fact_dir / "data" / "facts.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _own_config_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app stores preferences under $XDG_CONFIG_HOME: never the user's own in a test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own, the cache switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTBROWSER_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTBROWSER_NO_CACHE", raising=False)
    return folder

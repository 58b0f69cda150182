"""Where the shipped fact base lives: inside the installed package, or in the checkout."""

from __future__ import annotations

from pathlib import Path


def shipped_facts() -> Path:
    """The path of the fact base that ships with factbrowser.

    A wheel carries it as package data (`factbrowser/_shipped/data/facts.yaml`, with the
    seeds beside it). In a source checkout (tests, `PYTHONPATH=src`, an editable
    install) it is the repository's own `data/facts.yaml`. The package is always
    installed as plain files (the loader needs real paths for the seeds), so the package
    folder is where this module is: `importlib.resources` would say the same and costs
    ~6 ms (zipfile, tempfile) of every `factbrowser search`.
    """
    packaged = Path(__file__).resolve().parents[1] / "_shipped" / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "facts.yaml"

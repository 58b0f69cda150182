"""Where the shipped fact base lives: inside the installed package, or in the checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_facts() -> Path:
    """The path of the fact base that ships with factbrowser.

    A wheel carries it as package data (`factbrowser/_shipped/data/facts.yaml`, with the
    seeds beside it). In a source checkout (tests, `PYTHONPATH=src`, an editable
    install) it is the repository's own `data/facts.yaml`.
    """
    packaged = Path(str(resources.files("factbrowser"))) / "_shipped" / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "facts.yaml"

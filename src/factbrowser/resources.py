"""Where the shipped fact base lives: inside the installed package, or in the checkout."""

from __future__ import annotations

import sys
from pathlib import Path


def _package_dir() -> Path:
    """`importlib.resources.files("factbrowser")`, without importing importlib.resources
    (~4 ms of `factbrowser search`) for a package imported from plain files, where that is
    the folder its loader read it from."""
    spec = sys.modules["factbrowser"].__spec__
    loader = spec.loader if spec is not None else None
    if type(loader).__name__ in ("SourceFileLoader", "SourcelessFileLoader") and isinstance(
            getattr(loader, "path", None), str):
        return Path(loader.path).parent  # type: ignore[union-attr]
    from importlib import resources

    return Path(str(resources.files("factbrowser")))


def shipped_facts() -> Path:
    """The path of the fact base that ships with factbrowser.

    A wheel carries it as package data (`factbrowser/_shipped/data/facts.yaml`, with the
    seeds beside it). In a source checkout (tests, `PYTHONPATH=src`, an editable
    install) it is the repository's own `data/facts.yaml`.
    """
    packaged = _package_dir() / "_shipped" / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "facts.yaml"

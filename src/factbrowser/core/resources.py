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


FACT_FILE_IN_PROJECT = Path("data") / "facts.yaml"


def find_fact_base(explicit: Path | None, environ: dict[str, str], cwd: Path) -> tuple[Path, str | None]:
    """The fact file a command should open, and how it was found (None: the shipped one).

    Found the way git and ruff find their files, so that a curator working in a clone
    checks the file they edit, not the installed copy: `--data`, else
    `FACTBROWSER_DATA`, else `data/facts.yaml` in the current folder or a parent, else
    the shipped base.
    """
    if explicit is not None:
        return explicit, "--data"
    named = environ.get("FACTBROWSER_DATA")
    if named:
        return Path(named), "FACTBROWSER_DATA"
    for folder in (cwd, *cwd.parents):
        candidate = folder / FACT_FILE_IN_PROJECT
        if candidate.is_file():
            return candidate, f"found in {folder}"
    return shipped_facts(), None

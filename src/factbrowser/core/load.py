"""YAML fact file -> validated `FactBase`, reporting every problem at once.

The order of work: read the bytes safely, parse strictly (`yamldoc`), check every
record's shape and types here, then check references and provenance (every evidence
sentence at its offsets in its seed, `provenance`). Nothing is coerced silently: a
value of the wrong type is a problem with a line number and a hint, not a guess.

Over 500 lines: one small checker per section of the schema (sources, countries, people,
organizations, statements), each short, kept together so that the schema reads in one
place; a split into per-section modules is the next step if a section grows.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, TypeVar

from factbrowser.core import links, provenance, rules
from factbrowser.core.files import MAX_FACT_FILE_BYTES, fs_name
from factbrowser.core.model import (
    CONTRIBUTIONS,
    DATE_BASES,
    RELATIONS,
    STATEMENT_KINDS,
    Country,
    Evidence,
    FactBase,
    Organization,
    Person,
    Related,
    Source,
    Statement,
)
from factbrowser.core.problems import FactBaseInvalid, FactBaseUnreadable, Problem, ProblemCounter, kind_of
from factbrowser.core.text import sanitize
from factbrowser.core.yamldoc import Ambiguous, Document, Path, YamlError, line_and_column, parse, shorten

SCHEMA_VERSION = 1
TOP_LEVEL = ("schema_version", "seeds_dir", "sources", "countries", "people", "organizations", "statements")

_ISO_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_COUNTRY_ID = re.compile(r"^[A-Z]{2}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

T = TypeVar("T")
_UNKNOWN_FIELD, _UNKNOWN_SECTION, _UNKNOWN_REFERENCE = "unknown field", "unknown top-level section", "unknown reference"
_MISSING = object()


@dataclass
class Checker:
    """Collects problems while reading one document; knows where every value is.

    Only the first problems of each kind are kept (`ProblemCounter`); callers that build
    a costly message ask `muted(kind)` first, with the kind `kind_of` gives the message.
    """

    file: str
    doc: Document
    counter: ProblemCounter = field(default_factory=ProblemCounter)

    @property
    def problems(self) -> list[Problem]:
        return self.counter.problems

    def report(self, path: Path, message: str, hint: str = "", kind: str | None = None) -> None:
        if self.counter.keep(kind or kind_of(message)):
            self.problems.append(Problem(self.file, self.doc.line(path), path, message, hint))

    def muted(self, kind: str) -> bool:
        return self.counter.muted(kind)

    def invalid(self) -> FactBaseInvalid:
        return FactBaseInvalid(sorted(self.problems, key=lambda p: p.line), self.counter.more)


def _type_name(value: Any) -> str:
    if isinstance(value, Ambiguous):
        return f"{value.yaml_type} `{shorten(value.raw)}`"
    if value is None:
        return "nothing (null)"
    names = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


class Record:
    """Typed access to one mapping's fields; each wrong value becomes one problem."""

    def __init__(
        self, check: Checker, path: Path, value: Any, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> None:
        self.check = check
        self.path = path
        self.ok = isinstance(value, dict)
        self.data: dict[str, Any] = value if isinstance(value, dict) else {}
        if not self.ok:
            check.report(
                path,
                f"expected a mapping of fields, got {_type_name(value)}",
                "write the record as `- id: ...` with one field per line",
            )
            return
        for name in required:
            if name not in self.data:
                check.report(path, f"missing required field `{name}`", f"add `{name}:`, see docs/schema.md")
                self.ok = False
        known = _known_fields(required, optional)
        for name in self.data:
            if name not in known:
                if check.muted(_UNKNOWN_FIELD):
                    continue
                close = _closest(str(name), known)
                hint = f"did you mean `{close}`?" if close else f"known fields: {', '.join(sorted(known))}"
                check.report((*path, name), f"unknown field `{shorten(str(name))}`", hint, _UNKNOWN_FIELD)

    def _get(self, name: str, expect: str, accept: Callable[[Any], bool], nullable: bool, hint: str) -> Any:
        value = self.data.get(name, _MISSING)
        if value is _MISSING:
            return None
        if value is None and nullable:
            return None
        if accept(value):
            return value
        self.check.report((*self.path, name), f"expected {expect}, got {_type_name(value)}", hint)
        self.ok = False
        return None

    def text(
        self, name: str, nullable: bool = False, pattern: re.Pattern[str] | None = None, pattern_hint: str = ""
    ) -> str | None:
        value = self.data.get(name)
        if not isinstance(value, str):  # missing, null or wrong: `_get` says which, once
            self._get(
                name,
                "a string" + (" or null" if nullable else ""),
                lambda v: isinstance(v, str),
                nullable,
                f'quote it: {name}: "..."',
            )
            return None
        if not value.strip() and not nullable:
            self.check.report((*self.path, name), "is empty", "write a value or remove the record")
            self.ok = False
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.check.report((*self.path, name), f"{value!r:.60} is not valid", pattern_hint)
            self.ok = False
            return None
        return sanitize(value)

    def integer(self, name: str) -> int | None:
        value = self.data.get(name)
        if type(value) is int:  # the common case, without building the arguments below
            return value
        value = self._get(
            name,
            "a whole number",
            lambda v: isinstance(v, int) and not isinstance(v, bool),
            False,
            "write a plain number of characters such as 317",
        )
        return value if isinstance(value, int) else None

    def number(self, name: str) -> float | None:
        def accept(v: Any) -> bool:
            return isinstance(v, int) or (isinstance(v, Ambiguous) and v.yaml_type == "float")

        value = self._get(name, "a number", accept, True, "write a number such as 40 or 1.5")
        if isinstance(value, Ambiguous):
            try:
                number = float(value.raw.replace("_", ""))
            except ValueError:  # YAML floats Python does not read, such as 1:30.5
                number = math.nan
            if not math.isfinite(number):
                self.check.report(
                    (*self.path, name),
                    f"expected a finite number, got `{value.raw}`",
                    "write a number such as 40 or 1.5",
                )
                self.ok = False
                return None
            return number
        return float(value) if isinstance(value, int) else None

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name)
        if not isinstance(value, list):  # missing, null or wrong: `_get` says which
            self._get(name, "a list of strings", lambda v: isinstance(v, list), True, 'write a list: ["a", "b"]')
            return ()
        out: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(sanitize(item))
            else:
                self.check.report(
                    (*self.path, name, index), f"expected a non-empty string, got {_type_name(item)}", 'quote it: "..."'
                )
                self.ok = False
        return tuple(out)

    def choice(self, name: str, choices: tuple[str, ...] | dict[str, str], default: str | None = None) -> str | None:
        value = self.text(name, nullable=default is not None)
        if value is None:
            return default
        if value not in choices:
            if self.check.muted(f"unknown value of {name}"):
                self.ok = False
                return None
            close = _closest(value, set(choices))
            hint = f"did you mean `{close}`?" if close else f"use one of: {', '.join(choices)}"
            self.check.report((*self.path, name), f"unknown value {value!r}", hint, f"unknown value of {name}")
            self.ok = False
            return None
        return value

    def related(self, name: str) -> tuple[Related, ...]:
        """`related: [{id: ..., relation: ...}]`; each link checked for its shape only."""
        value = self.data.get(name, _MISSING)
        if value is _MISSING or value is None:
            return ()
        if not isinstance(value, list):
            self.check.report(
                (*self.path, name),
                f"expected a list of links, got {_type_name(value)}",
                'write `- {id: "other-statement", relation: "same_fact"}`',
            )
            self.ok = False
            return ()
        out = []
        for index, item in enumerate(value):
            record = Record(self.check, (*self.path, name, index), item, ("id", "relation"), ())
            target = record.text("id")
            relation = record.choice("relation", RELATIONS) if record.ok else None
            if record.ok and target is not None and relation is not None:
                out.append(Related(target, relation))
            else:
                self.ok = False
        return tuple(out)

    def date(self, name: str) -> str | None:
        return self.text(
            name,
            nullable=True,
            pattern=_ISO_DATE,
            pattern_hint='write an ISO date: "2025-09-05", or "2025-09" when only the month is known',
        )

    def evidence(self, name: str, required: bool) -> tuple[Evidence, ...]:
        value = self.data.get(name, _MISSING)
        if value is _MISSING or (value is None and not required):
            return ()
        if not isinstance(value, list) or (required and not value):
            self.check.report(
                (*self.path, name),
                f"expected a non-empty list of evidence, got {_type_name(value)}",
                "add `- {source: ..., start: ..., end: ..., sentence: ...}`",
            )
            self.ok = False
            return ()
        out = []
        for index, item in enumerate(value):
            record = Record(self.check, (*self.path, name, index), item, ("source", "start", "end", "sentence"), ())
            source, start, end = record.text("source"), record.integer("start"), record.integer("end")
            sentence = record.data.get("sentence")
            if not isinstance(sentence, str) or not sentence.strip():
                record.text("sentence")  # reports the type or emptiness problem
                sentence = None
            if record.ok and source is not None and start is not None and end is not None and isinstance(sentence, str):
                # Kept raw here: provenance compares it with the raw seed, then sanitises.
                out.append(Evidence(source, start, end, sentence))
            else:
                self.ok = False
        return tuple(out)


@functools.cache
def _known_fields(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required) | frozenset(optional)


def _closest(word: str, choices: set[str] | frozenset[str]) -> str | None:
    if len(choices) > 1000:  # difflib takes ~1 s over 100k ids; rapidfuzz a few ms
        from rapidfuzz import fuzz, process

        best = process.extractOne(word, sorted(choices), scorer=fuzz.ratio, score_cutoff=60)
        return best[0] if best else None
    from difflib import get_close_matches

    matches = get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


# -- reading the file ----------------------------------------------------------------


def read_fact_file(path: FsPath) -> str:
    """The file's text, or FactBaseUnreadable with a message a person can act on."""
    return read_fact_bytes(path).decode("utf-8")


def read_fact_bytes(path: FsPath) -> bytes:
    """The file's bytes, checked to be UTF-8 text; else FactBaseUnreadable as above.

    The loader parses these bytes, not the text: the decoded copy of a large file is
    twice its size in memory (one non-Latin-1 character makes every character 2 bytes).
    """
    name = str(path)

    def fail(message: str, hint: str, line: int = 0) -> FactBaseUnreadable:
        return FactBaseUnreadable([Problem(name, line, (), message, hint)])

    try:
        # The path given by the user may be a symlink; the file it ends at must be regular.
        raw = provenance.read_regular_file(path.resolve(), MAX_FACT_FILE_BYTES)
    except FileNotFoundError:
        raise fail(
            "no such file",
            "check the path; with no --data, $FACTBROWSER_DATA or data/facts.yaml here or in a parent folder is read",
        ) from None
    except provenance.NotRegularFile:
        raise fail("not a regular file", "point --data at a .yaml fact file") from None
    except provenance.TooLarge as error:
        raise fail(
            f"file is {error.size // 2**20} MiB, over the limit of {MAX_FACT_FILE_BYTES // 2**20} MiB",
            "split the fact base or check that this is the right file",
        ) from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror}", "check the path and its permissions") from None
    except (RuntimeError, ValueError):  # a symlink loop (Python 3.11 raises RuntimeError)
        raise fail("cannot read: too many levels of symbolic links", "check the path given to --data") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("the file starts with a UTF-8 byte order mark (BOM)", "save it as UTF-8 without BOM", 1)
    try:
        raw.decode("utf-8")  # only to check; the copy is dropped at once
    except UnicodeDecodeError as error:
        line, _column = line_and_column(raw, error.start)
        raise fail(
            f"not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}", "save the file as UTF-8", line
        ) from None
    return raw


# -- the records ----------------------------------------------------------------------


def _unique(check: Checker, seen: dict[str, Path], record_id: str | None, path: Path, kind: str) -> bool:
    if record_id is None:
        return False
    if record_id in seen:
        first = check.doc.line(seen[record_id])
        check.report(
            (*path, "id"),
            f"duplicate {kind} id {record_id!r} (first on line {first})",
            "give each record its own id, or merge the two",
        )
        return False
    seen[record_id] = path
    return True


def _section(check: Checker, top: dict[str, Any], name: str) -> list[tuple[Path, Any]]:
    value = top.get(name, _MISSING)
    if value is _MISSING:
        check.report((), f"missing top-level section `{name}`", f"add `{name}: []`")
        return []
    if value is None:
        return []
    if not isinstance(value, list):
        check.report((name,), f"expected a list, got {_type_name(value)}", f"write `{name}:` followed by `- ` items")
        return []
    return [((name, index), item) for index, item in enumerate(value)]


def _sources(check: Checker, top: dict[str, Any], ids: dict[str, Path]) -> dict[str, Source]:
    out: dict[str, Source] = {}
    optional = ("outlet", "published", "published_basis", "published_note")
    for path, item in _section(check, top, "sources"):
        r = Record(check, path, item, ("id", "file", "sha256"), optional)
        source_id = r.text("id", pattern=_SLUG, pattern_hint="use lowercase letters, digits and hyphens")
        file = r.text("file")
        sha = r.text("sha256", pattern=_SHA256, pattern_hint="64 lowercase hex digits, as `sha256sum` prints")
        outlet = r.text("outlet", nullable=True)
        published = r.date("published")
        basis = r.choice("published_basis", DATE_BASES, default="stated")
        note = r.text("published_note", nullable=True)
        if basis == "inferred" and not note:
            check.report(
                (*path, "published_note"),
                "an inferred date needs a note",
                "say in `published_note` what in the text the date is inferred from",
            )
            r.ok = False
        if r.ok and _unique(check, ids, source_id, path, "source") and source_id and file and sha and basis:
            out[source_id] = Source(source_id, file, sha, outlet, published, basis, note)
    return out


_NAME_FIELDS = ("id", "name", "name_en")


def _countries(check: Checker, top: dict[str, Any], ids: dict[str, Path]) -> dict[str, Country]:
    out: dict[str, Country] = {}
    for path, item in _section(check, top, "countries"):
        r = Record(check, path, item, _NAME_FIELDS, ("aliases", "metonyms", "evidence"))
        cid = r.text("id", pattern=_COUNTRY_ID, pattern_hint='use the ISO 3166-1 alpha-2 code in quotes, e.g. "DE"')
        name, name_en = r.text("name"), r.text("name_en")
        aliases, metonyms = r.text_list("aliases"), r.text_list("metonyms")
        evidence = r.evidence("evidence", required=False)
        if r.ok and _unique(check, ids, cid, path, "entity") and cid and name and name_en:
            out[cid] = Country(cid, name, name_en, aliases, metonyms, evidence)
    return out


def _people(check: Checker, top: dict[str, Any], ids: dict[str, Path]) -> dict[str, Person]:
    out: dict[str, Person] = {}
    required = (*_NAME_FIELDS, "role", "role_en", "country", "evidence")
    for path, item in _section(check, top, "people"):
        r = Record(check, path, item, required, ("aliases", "epithets"))
        pid = r.text("id", pattern=_SLUG, pattern_hint="use a lowercase slug such as `von-der-leyen`")
        name, name_en = r.text("name"), r.text("name_en")
        role, role_en = r.text("role"), r.text("role_en")
        country = r.text("country", nullable=True)
        aliases, epithets = r.text_list("aliases"), r.text_list("epithets")
        evidence = r.evidence("evidence", required=True)
        if r.ok and _unique(check, ids, pid, path, "entity") and pid and name and name_en and role and role_en:
            out[pid] = Person(pid, name, name_en, role, role_en, country, aliases, epithets, evidence)
    return out


def _organizations(check: Checker, top: dict[str, Any], ids: dict[str, Path]) -> dict[str, Organization]:
    out: dict[str, Organization] = {}
    for path, item in _section(check, top, "organizations"):
        r = Record(check, path, item, _NAME_FIELDS, ("aliases", "evidence"))
        oid = r.text("id", pattern=_SLUG, pattern_hint="use a lowercase slug such as `koalition-der-willigen`")
        name, name_en = r.text("name"), r.text("name_en")
        aliases = r.text_list("aliases")
        evidence = r.evidence("evidence", required=False)
        if r.ok and _unique(check, ids, oid, path, "entity") and oid and name and name_en:
            out[oid] = Organization(oid, name, name_en, aliases, evidence)
    return out


_STATEMENT_REQUIRED = ("id", "kind", "speaker", "text", "text_en", "evidence")
_STATEMENT_OPTIONAL = (
    "countries",
    "people",
    "organizations",
    "date",
    "date_basis",
    "date_note",
    "contributions",
    "value",
    "unit",
    "place",
    "note",
    "related",
    "former_ids",
)


def _statements(check: Checker, top: dict[str, Any]) -> dict[str, Statement]:
    out: dict[str, Statement] = {}
    ids: dict[str, Path] = {}
    for path, item in _section(check, top, "statements"):
        r = Record(check, path, item, _STATEMENT_REQUIRED, _STATEMENT_OPTIONAL)
        sid = r.text("id", pattern=_SLUG, pattern_hint="use a lowercase slug such as `jan-quote-merz-nichts-aus`")
        kind = r.choice("kind", STATEMENT_KINDS)
        speaker = r.text("speaker", nullable=True)
        text, text_en = r.text("text"), r.text("text_en")
        date = r.date("date")
        basis = r.choice("date_basis", DATE_BASES, default="stated")
        note = r.text("date_note", nullable=True)
        if basis == "inferred" and not note:
            check.report(
                (*path, "date_note"),
                "an inferred date needs a note",
                "say in `date_note` what in the text the date is inferred from",
            )
            r.ok = False
        contributions = r.text_list("contributions")
        for index, name in enumerate(contributions):
            if name not in CONTRIBUTIONS:
                r.ok = False
                if check.muted("unknown contribution"):
                    continue
                close = _closest(name, set(CONTRIBUTIONS))
                hint = f"did you mean `{close}`?" if close else f"use one of: {', '.join(CONTRIBUTIONS)}"
                check.report(
                    (*path, "contributions", index), f"unknown contribution {name!r}", hint, "unknown contribution"
                )
        statement_fields = dict(
            countries=r.text_list("countries"),
            people=r.text_list("people"),
            organizations=r.text_list("organizations"),
            date=date,
            date_basis=basis or "stated",
            date_note=note,
            contributions=contributions,
            value=r.number("value"),
            unit=r.text("unit", nullable=True),
            place=r.text("place", nullable=True),
            note=r.text("note", nullable=True),
            related=r.related("related"),
            former_ids=r.text_list("former_ids"),
        )
        evidence = r.evidence("evidence", required=True)
        if r.ok and _unique(check, ids, sid, path, "statement") and sid and kind and text and text_en:
            out[sid] = Statement(sid, kind, speaker, text, text_en, evidence, **statement_fields)  # type: ignore[arg-type]
    return out


# -- references -----------------------------------------------------------------------


def _check_references(check: Checker, base: FactBase, paths: dict[tuple[str, str], Path]) -> None:
    def missing(path: Path, what: str, ref: str, table: dict[str, Any], hint_kind: str) -> None:
        kind = f"{_UNKNOWN_REFERENCE} to a {what}"
        if check.muted(kind):
            return
        close = _closest(ref, set(table))
        article = "an" if hint_kind[0] in "aeiou" else "a"
        hint = (
            f"did you mean `{close}`?" if close else f"add {article} {hint_kind} with id {ref!r} or fix the reference"
        )
        check.report(path, f"unknown {what} {ref!r}", hint, kind)

    # Ids of records that failed their own checks still count as present: their
    # problems are reported once, not again at every reference to them.
    def ids(section: str) -> dict[str, Any]:
        return {key: None for (sec, key) in paths if sec == section}

    countries, people, organizations = ids("countries"), ids("people"), ids("organizations")
    entities = {**countries, **people, **organizations}
    for person in base.people.values():
        if person.country is not None and person.country not in countries:
            missing((*paths["people", person.id], "country"), "country", person.country, countries, "country")
    for statement in base.statements.values():
        path = paths["statements", statement.id]
        if statement.speaker is not None and statement.speaker not in entities:
            missing((*path, "speaker"), "speaker", statement.speaker, entities, "person, organization or country")
        tables: list[tuple[str, dict[str, Any]]] = [
            ("countries", countries),
            ("people", people),
            ("organizations", organizations),
        ]
        for name, table in tables:
            singular = {"countries": "country", "people": "person", "organizations": "organization"}[name]
            for index, ref in enumerate(getattr(statement, name)):
                if ref not in table:
                    missing((*path, name, index), singular, ref, table, singular)


def _record_paths(top: dict[str, Any]) -> dict[tuple[str, str], Path]:
    """(section, id) -> the path of the record that first used that id."""
    paths: dict[tuple[str, str], Path] = {}
    for section in ("sources", "countries", "people", "organizations", "statements"):
        items = top.get(section)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    paths.setdefault((section, item["id"]), (section, index))
    return paths


# -- the whole file -------------------------------------------------------------------


def load(path: FsPath | str) -> FactBase:
    """Load and validate a fact file. Raises FactBaseInvalid or FactBaseUnreadable."""
    return load_with_seeds_dir(path)[0]


def load_with_seeds_dir(path: FsPath | str) -> tuple[FactBase, str | None]:
    """`load`, with the `seeds_dir` the seeds were read from (None if it names none):
    what the load cache records, rather than a second reading of the file's text."""
    path = FsPath(path)
    name = str(path)
    try:
        doc = parse(read_fact_bytes(path))
    except YamlError as error:
        raise FactBaseInvalid([Problem(name, error.line, (), error.message, error.hint)]) from None
    check = Checker(name, doc)
    top = doc.value
    if not isinstance(top, dict):
        check.report(
            (),
            f"the file holds {_type_name(top)}, not a mapping of sections",
            "start from the example in docs/schema.md: `schema_version: 1`, `sources:`, ...",
        )
        raise check.invalid()
    _check_top(check, top)
    ids: dict[str, Path] = {}
    sources = _sources(check, top, {})
    base = FactBase(
        sources=sources,
        countries=_countries(check, top, ids),
        people=_people(check, top, ids),
        organizations=_organizations(check, top, ids),
        statements=_statements(check, top),
    )
    paths = _record_paths(top)
    _check_references(check, base, paths)
    base = links.check_links(check, base, paths)
    seeds_dir = top.get("seeds_dir")
    if isinstance(seeds_dir, str):
        folder = path.parent / fs_name(seeds_dir)
        base = provenance.verify(check, base, folder, paths)
        base.seeds_folder = _resolved(folder)
    rules.check_rules(check, base, paths)
    if check.problems:
        raise check.invalid()
    return base, seeds_dir if isinstance(seeds_dir, str) else None


def _resolved(folder: FsPath) -> FsPath | None:
    try:
        return folder.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None


def declared_seeds_folder(path: FsPath) -> FsPath | None:
    """The seeds folder `load(path)` would read, resolved; None if the file names none.

    Read the way the loader reads it (the whole document, strictly), for a fact file
    that is not the one opened but must not be overwritten either (the shipped base).
    """
    try:
        top = parse(read_fact_bytes(path)).value
    except (FactBaseUnreadable, YamlError):
        return None
    seeds_dir = top.get("seeds_dir") if isinstance(top, dict) else None
    if not isinstance(seeds_dir, str) or not seeds_dir.strip() or "\0" in seeds_dir:
        return None
    return _resolved(path.parent / fs_name(seeds_dir))


def _check_top(check: Checker, top: dict[str, Any]) -> None:
    for key in top:
        if key not in TOP_LEVEL and not check.muted(_UNKNOWN_SECTION):
            close = _closest(str(key), set(TOP_LEVEL))
            check.report(
                (key,),
                f"unknown top-level section `{shorten(str(key))}`",
                f"did you mean `{close}`?" if close else f"known sections: {', '.join(TOP_LEVEL)}",
                _UNKNOWN_SECTION,
            )
    version = top.get("schema_version", _MISSING)
    if version is _MISSING:
        check.report((), "missing `schema_version`", f"add `schema_version: {SCHEMA_VERSION}` at the top")
    elif not isinstance(version, int) or isinstance(version, bool):
        check.report(
            ("schema_version",),
            f"expected the number {SCHEMA_VERSION}, got {_type_name(version)}",
            f"write `schema_version: {SCHEMA_VERSION}` without quotes",
        )
    elif version != SCHEMA_VERSION:
        check.report(
            ("schema_version",),
            f"unsupported schema version {shorten(str(version))}",
            f"this program reads schema_version {SCHEMA_VERSION}",
        )
    seeds_dir = top.get("seeds_dir", _MISSING)
    if seeds_dir is _MISSING:
        check.report((), "missing `seeds_dir`", 'add `seeds_dir: "../seeds"`, relative to this file')
    elif not isinstance(seeds_dir, str) or not seeds_dir.strip():
        check.report(
            ("seeds_dir",),
            f"expected a folder path, got {_type_name(seeds_dir)}",
            'write `seeds_dir: "../seeds"`, relative to this file',
        )

"""The fact base as plain data: no I/O, no YAML, no UI.

Records mirror the data contract in docs/schema.md. `FactBase` adds the lookups that
every layer above needs (by id, statements about an entity), computed once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, Literal, TypeVar, dataclass_transform

# -- records: the dataclasses of this package, without `dataclasses` ----------------
#
# `dataclasses` (with `inspect`, ~8 ms) and its decorator (~0.5 ms a class, twice with
# `slots=True`) are most of the start-up of `factbrowser search`. `record` makes the
# same classes: __slots__, an __init__ taking the fields in order (frozen ones setting
# their slots directly, which is also faster than `object.__setattr__`), __repr__,
# __eq__, __hash__ (frozen only, else None), __match_args__, and for frozen ones
# FrozenInstanceError on assignment and pickling support. `dataclasses.fields`,
# `replace` and `asdict` still work on them: `__dataclass_fields__` is made on first
# use (by `provenance`, on the loading path only).

_MISSING: Any = object()


class _Field:
    __slots__ = ("default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Callable[[], Any] | None, repr: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.repr = repr


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None,
          repr: bool = True) -> Any:
    """`dataclasses.field` for `record`s: a default, or a factory of one, and repr."""
    return _Field(default, default_factory, repr)


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as `dataclasses.FrozenInstanceError`)."""


class _DataclassFields:
    """`__dataclass_fields__`, made (with real `dataclasses.Field`s) on first access."""

    def __get__(self, obj: object, owner: type) -> dict[str, Any]:
        import dataclasses

        specs: dict[str, _Field] = owner.__dict__["__record_fields__"]
        fields: dict[str, Any] = {}
        for name, spec in specs.items():
            made = dataclasses.field(repr=spec.repr) if spec.default_factory is None and spec.default is _MISSING \
                else dataclasses.field(default=spec.default, repr=spec.repr) if spec.default_factory is None \
                else dataclasses.field(default_factory=spec.default_factory, repr=spec.repr)
            made.name = name
            made.type = owner.__annotations__[name]
            made._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
            fields[name] = made
        type.__setattr__(owner, "__dataclass_fields__", fields)
        return fields


def _make_record(cls: type, frozen: bool) -> type:
    namespace = dict(cls.__dict__)
    names = tuple(namespace.get("__annotations__", {}))
    specs: dict[str, _Field] = {}
    for name in names:
        value = namespace.pop(name, _MISSING)
        specs[name] = value if isinstance(value, _Field) else _Field(value, None, True)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__slots__"] = names
    namespace["__match_args__"] = names
    namespace["__record_fields__"] = specs
    namespace["__dataclass_fields__"] = _DataclassFields()
    values = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))
    shown = tuple(name for name in names if specs[name].repr)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(values(self) == values(other))
        return NotImplemented

    namespace["__repr__"] = __repr__
    namespace["__eq__"] = __eq__
    if frozen:
        def __hash__(self: Any) -> int:
            return hash(values(self))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self: Any, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field {name!r}")

        def __getstate__(self: Any) -> list[Any]:
            return [getattr(self, name) for name in names]

        def __setstate__(self: Any, state: list[Any]) -> None:
            for name, value in zip(names, state, strict=False):
                object.__setattr__(self, name, value)

        namespace.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__,
                         __getstate__=__getstate__, __setstate__=__setstate__)
    else:
        namespace["__hash__"] = None
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    made.__init__ = _init(made, names, specs, frozen)  # type: ignore[misc]
    return made


def _init(cls: type, names: tuple[str, ...], specs: dict[str, _Field], frozen: bool) -> Callable[..., None]:
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    params, body = [], []
    for name in names:
        spec = specs[name]
        value = name
        if spec.default_factory is not None:
            scope[f"_f_{name}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            value = f"_f_{name}() if {name} is _MISSING else {name}"
        elif spec.default is not _MISSING:
            scope[f"_d_{name}"] = spec.default
            params.append(f"{name}=_d_{name}")
        else:
            params.append(name)
        if frozen:
            scope[f"_s_{name}"] = cls.__dict__[name].__set__
            body.append(f"  _s_{name}(self, {value})")
        else:
            body.append(f"  self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}) -> None:\n" + "\n".join(body or ["  pass"])
    exec(source, scope)
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


_T = TypeVar("_T")


@dataclass_transform(field_specifiers=(field,))
def record(*, frozen: bool = False) -> Callable[[type[_T]], type[_T]]:
    """`@dataclass(frozen=..., slots=True)`, lighter: see above."""
    def make(cls: type[_T]) -> type[_T]:
        return _make_record(cls, frozen)

    return make


STATEMENT_KINDS: tuple[str, ...] = ("quote", "claim", "commitment", "refusal", "figure", "event")

CONTRIBUTIONS: dict[str, str] = {
    "ground_troops_in_ukraine": "ground troops in Ukraine",
    "forces_on_nato_territory": "forces on NATO territory nearby",
    "air": "air",
    "sea": "sea",
    "training": "training",
    "logistics": "logistics",
    "weapons_and_funding": "weapons and funding",
    "monitoring": "monitoring",
    "demining": "demining",
    "security_guarantees": "security guarantees",
    "undecided": "undecided",
}

DATE_BASES: tuple[str, ...] = ("stated", "inferred")

EntityType = Literal["country", "person", "organization"]


@record(frozen=True)
class Evidence:
    """A verbatim sentence (or run of sentences) at `start:end` in a source's text."""

    source: str
    start: int
    end: int
    sentence: str


@record(frozen=True)
class Source:
    id: str
    file: str
    sha256: str
    outlet: str | None
    published: str | None
    published_basis: str
    published_note: str | None
    text: str = field(repr=False, default="")

    @property
    def label(self) -> str:
        """How a reader names the article: outlet and date, with the date's basis."""
        outlet = self.outlet or "outlet not stated"
        if self.published is None:
            return f"{self.id} · {outlet} · undated"
        inferred = " (inferred)" if self.published_basis == "inferred" else ""
        return f"{self.id} · {outlet} · {self.published}{inferred}"


@record(frozen=True)
class Country:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: EntityType = "country"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases, *self.metonyms)


@record(frozen=True)
class Person:
    id: str
    name: str
    name_en: str
    role: str
    role_en: str
    country: str | None
    aliases: tuple[str, ...] = ()
    epithets: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: EntityType = "person"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases)


@record(frozen=True)
class Organization:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    type: EntityType = "organization"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases)


Entity = Country | Person | Organization


@record(frozen=True)
class Statement:
    id: str
    kind: str
    speaker: str | None
    text: str
    text_en: str
    evidence: tuple[Evidence, ...]
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    date: str | None = None
    date_basis: str = "stated"
    date_note: str | None = None
    contributions: tuple[str, ...] = ()
    value: float | None = None
    unit: str | None = None
    place: str | None = None
    note: str | None = None

    @property
    def mentioned(self) -> tuple[str, ...]:
        """Every entity id this statement is by or about, speaker first."""
        ids = [self.speaker] if self.speaker else []
        ids += [*self.countries, *self.people, *self.organizations]
        return tuple(dict.fromkeys(ids))

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.evidence))


@record()
class FactBase:
    sources: dict[str, Source]
    countries: dict[str, Country]
    people: dict[str, Person]
    organizations: dict[str, Organization]
    statements: dict[str, Statement]
    _about: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        about: dict[str, list[str]] = {}
        for statement in self.statements.values():
            for entity_id in statement.mentioned:
                about.setdefault(entity_id, []).append(statement.id)
        self._about = {key: tuple(ids) for key, ids in about.items()}

    def entity(self, entity_id: str) -> Entity | None:
        return (
            self.countries.get(entity_id)
            or self.people.get(entity_id)
            or self.organizations.get(entity_id)
        )

    def entities(self) -> Iterable[Entity]:
        yield from self.countries.values()
        yield from self.people.values()
        yield from self.organizations.values()

    def label(self, entity_id: str | None) -> str:
        """A display name for any id, falling back to the id itself."""
        if entity_id is None:
            return "—"
        entity = self.entity(entity_id)
        return entity.name if entity else entity_id

    def statements_about(self, entity_id: str) -> tuple[Statement, ...]:
        """Statements spoken by or mentioning `entity_id`, in fact-file order."""
        return tuple(self.statements[sid] for sid in self._about.get(entity_id, ()))

    def people_of(self, country_id: str) -> tuple[Person, ...]:
        """People who belong to a country or appear in a statement about it."""
        related = {p.id for p in self.people.values() if p.country == country_id}
        for statement in self.statements_about(country_id):
            related.update(pid for pid in statement.mentioned if pid in self.people)
        return tuple(p for p in self.people.values() if p.id in related)

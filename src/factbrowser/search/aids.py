"""Search aids shipped as data (`search/data/`): the gazetteer, the thesaurus, stop words.

They help matching only. They are not part of the fact base and never create an entity
mention: the gazetteer's names become search keys of the entity they are filed under, the
thesaurus's groups become alternatives of a query word, ranked below the word itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from factbrowser.core.normalize import fold, fold_twin

_DATA = Path(__file__).with_name("data")
# Endings of a German adjective after its stem: französisch -> französische, -en, -er ...
_ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
# The gazetteer's lists, and the key field each becomes (see entities._FIELD_RULES).
_GAZETTEER_FIELDS = {
    "places": "place",
    "demonyms": "demonym",
    "adjectives_de": "demonym",
    "abbreviations": "gazetteer",
    "names": "gazetteer",
    "roles": "epithet",
}


@dataclass(frozen=True, slots=True)
class Aids:
    """The search aids, folded: per entity id its extra (field, text) keys; per folded word
    the words the thesaurus offers for it; the stop words."""

    gazetteer: dict[str, tuple[tuple[str, str], ...]]
    synonyms: dict[str, frozenset[str]]
    stop_words: frozenset[str]

    def synonyms_of(self, word: str) -> frozenset[str]:
        """The thesaurus's words for a folded query word, or for the word it inflects
        (verweigerte -> verweigert), never the word itself."""
        found = self.synonyms.get(word)
        if found is None and len(word) >= 6:
            for cut in (1, 2, 3):  # an ending the group does not list
                found = self.synonyms.get(word[:-cut])
                if found is not None:
                    break
        return found or frozenset()


def _read(name: str) -> object:
    # The safe loader in C where PyYAML has it: the pure-Python one costs 0.13 s, a
    # tenth of a one-shot search's time.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((_DATA / name).read_text(encoding="utf-8"), Loader=loader)


def _gazetteer_keys(entry: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    keys: list[tuple[str, str]] = []
    for kind, texts in entry.items():
        field = _GAZETTEER_FIELDS[kind]  # an unknown list is a mistake in the data file
        for text in texts:
            if kind == "adjectives_de":
                keys += [(field, str(text) + ending) for ending in _ADJECTIVE_ENDINGS]
            else:
                keys.append((field, str(text)))
    return tuple(dict.fromkeys(keys))


def _synonym_map(groups: list[list[str]]) -> dict[str, frozenset[str]]:
    """Per folded single word of a group (both umlaut spellings), the group's other single
    words. Words of several groups get all their groups' words."""
    found: dict[str, set[str]] = {}
    for group in groups:
        words = {variant for text in group for variant in (fold(str(text)), fold_twin(str(text))) if " " not in variant}
        for word in words:
            found.setdefault(word, set()).update(words - {word})
    return {word: frozenset(others) for word, others in found.items()}


@cache
def load_aids() -> Aids:
    """The shipped aids, read once per process."""
    gazetteer_data = _read("gazetteer.yaml")
    thesaurus_data = _read("thesaurus.yaml")
    stop_data = _read("stopwords.yaml")
    assert isinstance(gazetteer_data, dict) and isinstance(thesaurus_data, dict) and isinstance(stop_data, dict)
    gazetteer = {str(entity_id): _gazetteer_keys(entry) for entity_id, entry in gazetteer_data.items()}
    stop_words = frozenset(fold(str(word)) for words in stop_data.values() for word in words)
    return Aids(gazetteer, _synonym_map(thesaurus_data["groups"]), stop_words)

"""Evidence from a seed with control characters: verified on the raw text, shown safely."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import MACRON_END, MACRON_SENTENCE, MINIMAL, SEED_000, SEED_SHA, SEED_TEXT

from factbrowser.core.load import load


def test_a_sentence_with_escape_codes_is_loaded_made_visible_at_the_same_offsets(fact_dir: Path) -> None:
    hostile = MACRON_SENTENCE[:-1] + " \x1b[31mjetzt\x1b[0m."
    seed_text = SEED_TEXT.replace(MACRON_SENTENCE, hostile, 1)
    (fact_dir / "seeds" / SEED_000.name).write_bytes(seed_text.encode("utf-8"))
    sha = hashlib.sha256(seed_text.encode("utf-8")).hexdigest()
    yaml_sentence = hostile.replace("\x1b", "\\e")
    facts = (
        MINIMAL.replace(SEED_SHA, sha)
        .replace(f"end: {MACRON_END}", f"end: {MACRON_END + len(hostile) - len(MACRON_SENTENCE)}")
        .replace(f'"{MACRON_SENTENCE}"', f'"{yaml_sentence}"')
    )
    path = fact_dir / "data" / "facts.yaml"
    path.write_text(facts, encoding="utf-8")

    base = load(path)
    for evidence in (base.people["macron"].evidence[0], base.statements["s1"].evidence[0]):
        assert "\x1b" not in evidence.sentence
        assert evidence.sentence.endswith("\u241b[31mjetzt\u241b[0m.")
        text = base.sources["a000"].text
        assert text[evidence.start : evidence.end] == evidence.sentence  # same offsets, same visible text

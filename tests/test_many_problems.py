"""A file with very many problems is read in linear time and reported in bounded space.

Each case is generated here. Each runs in a subprocess with a generous kill timeout, so
that a return of the quadratic behaviour (105 s for 20k unknown keys in one mapping)
fails the test instead of hanging the suite; the assertions are on what is reported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL

from factbrowser.core.load import load
from factbrowser.core.problems import MAX_PER_KIND, FactBaseInvalid
from factbrowser.core.yamldoc import parse

CASES = {
    "unknown-keys-in-one-mapping": lambda n: MINIMAL.replace(
        "    outlet: null\n", "    outlet: null\n" + "".join(f"    k{i}: 1\n" for i in range(n))
    ),
    "unknown-top-level-keys": lambda n: MINIMAL + "".join(f"x{i}: 1\n" for i in range(n)),
    "bad-list-items": lambda n: MINIMAL.replace('    aliases: ["Frankreichs"]\n', "    aliases:\n" + "      - 1\n" * n),
    "dangling-references": lambda n: MINIMAL.replace(
        '    countries: ["FR"]\n', "    countries:\n" + "".join(f'      - "Z{i}"\n' for i in range(n))
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_many_problems_of_one_kind_are_counted_not_listed(case: str, fact_dir: Path) -> None:
    count = 60_000
    path = fact_dir / "data" / "facts.yaml"
    path.write_text(CASES[case](count), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "factbrowser", "validate", "--data", str(path)],
        capture_output=True,
        env={**os.environ, "FACTBROWSER_NO_CACHE": "1"},
        timeout=90,
        stdin=subprocess.DEVNULL,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err[-2000:]
    lines = err.splitlines()
    assert len(lines) <= 2 * MAX_PER_KIND + 10, len(lines)  # old code: one line per problem
    assert f"… and {count - MAX_PER_KIND} more problems like" in err
    assert lines[-1].startswith(f"{count} problems.")


def test_kept_problems_carry_their_own_lines(fact_dir: Path) -> None:
    path = fact_dir / "data" / "facts.yaml"
    text = CASES["unknown-keys-in-one-mapping"](3000)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactBaseInvalid) as raised:
        load(path)
    error = raised.value
    assert error.total == 3000 and len(error.problems) == MAX_PER_KIND
    lines = text.splitlines()
    for problem in error.problems:
        assert lines[problem.line - 1].startswith(f"    {problem.path[-1]}:")


def test_lines_of_every_key_of_a_large_mapping() -> None:
    text = "top:\n" + "".join(f"  k{i}: [{i}, {{a: {i}}}]\n" for i in range(20_000))
    doc = parse(text)
    for i in range(0, 20_000, 7):
        assert doc.line(("top", f"k{i}")) == i + 2
        assert doc.line(("top", f"k{i}", 1, "a")) == i + 2

"""A non-editable install works from any directory, with the shipped data inside the wheel."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO


@pytest.mark.slow
def test_wheel_install_runs_from_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("factbrowser-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from the test interpreter's site-packages (no network). A
    # path line in a .pth file adds the folder only: its editable-install hooks stay off.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "outer-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "FACTBROWSER_NO_CACHE": "1", "PYTHONPATH": ""}
    script = env_dir / "bin" / "factbrowser"
    result = subprocess.run(
        [str(script), "validate"], cwd=elsewhere, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    code = "from factbrowser.core.resources import shipped_facts\nprint(shipped_facts())"
    where = subprocess.run(
        [str(python), "-c", code], cwd=elsewhere, capture_output=True, text=True, env=env, timeout=60
    )
    assert where.stdout.strip().startswith(str(env_dir)), where.stdout + where.stderr
    # The seeds travel byte for byte.
    shipped = Path(where.stdout.strip()).parents[1] / "seeds"
    for seed in (REPO / "seeds").iterdir():
        assert (shipped / seed.name).read_bytes() == seed.read_bytes()

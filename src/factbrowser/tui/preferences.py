"""The user's preferences (the theme), kept in `$XDG_CONFIG_HOME/factbrowser/`.

Never next to the data: the fact base may be read-only, shared, or in a repository.
A file that cannot be read or makes no sense gives a one-line warning and the defaults,
never a crash; writing is atomic, so an interrupted save leaves the old file whole.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    theme: str | None = None


def preferences_path() -> Path:
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "factbrowser" / FILE_NAME


def load_preferences(path: Path) -> tuple[Preferences, str | None]:
    """The preferences, and a one-line warning if the file had to be ignored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences(), None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return Preferences(), f"{path}: ignored ({_reason(error)}); using the default preferences."
    if not isinstance(data, dict) or not isinstance(data.get("theme", ""), str | None):
        return Preferences(), f"{path}: ignored (expected an object with a text 'theme'); using the defaults."
    return Preferences(theme=data.get("theme")), None


def save_preferences(path: Path, preferences: Preferences) -> str | None:
    """Write the preferences; a one-line warning if that failed (the app goes on)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"theme": preferences.theme}, indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        return f"{path}: preferences not saved ({_reason(error)})."
    return None


def _reason(error: Exception) -> str:
    text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return " ".join(text.split())[:120]  # one line, whatever the message holds

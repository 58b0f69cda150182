"""Save the README screenshot: the app at 100x32 with a statement and its source sentence."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from factbrowser.core.cache import open_fact_base
from factbrowser.core.resources import shipped_facts
from factbrowser.tui.app import FactBrowserApp, Place

STATEMENT = "jan-quote-merz-nichts-ausschliessen"


async def main(out: Path) -> None:
    base = open_fact_base(shipped_facts(), use_cache=False)
    app = FactBrowserApp(base=base)
    async with app.run_test(size=(110, 34)) as pilot:
        app.query_one("#search").cursor_blink = False  # type: ignore[attr-defined]
        await pilot.press("c", "escape")
        countries = app.query_one("#countries")
        countries.focus()
        countries.select_id("DE")  # type: ignore[attr-defined]
        await pilot.press("enter")
        app.jump_to(Place("statement", STATEMENT))
        await pilot.pause(0.3)
        app.save_screenshot(filename=out.name, path=str(out.parent))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.svg")))

"""Time to first frame: factbrowser against a bare Textual app with the same widgets.

Each run is a fresh process (imports included), headless, side by side in one run so
both see the same machine. Reported per app: median and min of the time from process
launch to (a) the first frame and, for factbrowser, (b) the lists filled with data.

    python benchmarks/first_frame.py [--runs 15] [--data PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CHILD = r"""
import sys, time
mode, data = sys.argv[1], sys.argv[2]
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static

def mark(label):
    print(label, time.time(), flush=True)

if mode == "bare":
    from factbrowser.tui.app import FactBrowserApp

    class Bare(App):
        CSS_PATH = FactBrowserApp.CSS_PATH

        def compose(self):
            yield Header()
            yield Input(id="search", compact=True)
            with Horizontal(id="main"):
                with Vertical(id="lists"):
                    yield OptionList(id="countries")
                    yield OptionList(id="people")
                    yield OptionList(id="statements")
                with Vertical(id="right"):
                    yield VerticalScroll(Static("detail"), id="detail")
                    yield VerticalScroll(Static("source"), id="source")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.first)

        def first(self):
            mark("first_frame")
            self.exit()

    import factbrowser.tui.app as module
    Bare.CSS_PATH = str(__import__("pathlib").Path(module.__file__).with_name("app.tcss"))
    Bare().run(headless=True, size=(80, 24))
else:
    from pathlib import Path
    from factbrowser.tui.app import FactBrowserApp

    class Timed(FactBrowserApp):
        # A class defined in `python -c` has no file: give Textual the stylesheet's full path.
        CSS_PATH = str(Path(__import__("factbrowser.tui.app").tui.app.__file__).with_name("app.tcss"))

        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(lambda: mark("first_frame"))

        def _on_base_loaded(self, base, index):
            super()._on_base_loaded(base, index)
            self.call_after_refresh(self.ready)

        def ready(self):
            mark("data_shown")
            self.exit()

    Timed(Path(data) if data != "-" else None).run(headless=True, size=(80, 24))
"""


def one_run(mode: str, data: str) -> dict[str, float]:
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, data], capture_output=True, text=True, timeout=120, env={**os.environ}
    )
    marks = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("first_frame", "data_shown"):
            marks[parts[0]] = float(parts[1]) - start
    if "first_frame" not in marks:
        raise SystemExit(f"{mode}: no frame\n{result.stderr[-2000:]}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", default="-", help="fact file (default: the shipped base)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    samples: dict[str, list[dict[str, float]]] = {"bare": [], "factbrowser": []}
    one_run("factbrowser", args.data)  # warm the load cache and the OS file cache
    for _ in range(args.runs):  # interleaved, so both see the same load on the machine
        samples["bare"].append(one_run("bare", args.data))
        samples["factbrowser"].append(one_run("factbrowser", args.data))
    report: dict[str, float] = {"runs": args.runs}
    for name, runs in samples.items():
        for key in ("first_frame", "data_shown"):
            values = [run[key] for run in runs if key in run]
            if values:
                report[f"{name}_{key}_median_s"] = round(statistics.median(values), 3)
                report[f"{name}_{key}_min_s"] = round(min(values), 3)
    report["ratio_first_frame"] = round(
        report["factbrowser_first_frame_median_s"] / report["bare_first_frame_median_s"], 2
    )
    if "factbrowser_data_shown_median_s" in report:
        report["ratio_data_shown"] = round(
            report["factbrowser_data_shown_median_s"] / report["bare_first_frame_median_s"], 2
        )
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()

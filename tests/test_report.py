"""The HTML report and the graph: structure in pytest, and the seed report
rendered in headless Chromium (skipped, with the reason, where Chromium is
not installed; `.ci/run` installs it)."""

from __future__ import annotations

import itertools
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from succession.api import run
from succession.cli import app
from succession.load import load_scenario
from succession.render.report import bands, ticks
from succession.render.report import page as report_page
from tests.helpers import ROOT

SEED = ROOT / "seeds" / "bolivia-2019.yaml"
runner = CliRunner()


def seed_report(tmp_path: Path, *rules: str) -> str:
    out = tmp_path / "r.html"
    args = ["report", str(SEED), "-o", str(out)]
    for r in rules:
        args += ["--rules", r]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_every_event_is_on_the_timeline_and_in_the_list(tmp_path: Path) -> None:
    page = seed_report(tmp_path)
    for ev in load_scenario(SEED).scenario.events:
        assert f'data-event="{ev.id}"' in page
        assert f'id="event-{ev.id}"' in page
    assert "Morales’ departure came a day after his resignation as president" in page


def test_nothing_external(tmp_path: Path) -> None:
    page = seed_report(tmp_path)
    assert not re.search(r"https?://", page)
    for needle in ("<script", "<link", "@import", " src=", "<img", "<iframe", "<object"):
        assert needle not in page
    assert all(u.startswith("url(#") for u in re.findall(r"url\([^)]*\)", page))


def test_bands_are_in_time_order_and_cover_each_office(tmp_path: Path) -> None:
    t = run(SEED)
    end = t.entries[-1].instant
    for oid in t.rules.offices:
        main = [b for b in bands(t, oid, end) if b.kind != "claim"]
        assert main[0].start == t.start
        for a, b in itertools.pairwise(main):
            assert a.end <= b.start or a.kind == "acting" or b.kind == "acting"
    page = seed_report(tmp_path)
    for oid in t.rules.offices:
        starts = re.findall(
            rf'data-kind="(?:holder|vacant|unknown)" data-office="{oid}" data-run="base" '
            r'data-start="([^"]+)"',
            page,
        )
        half = len(starts) // 2  # the whole period, then the detail panel
        assert starts[:half] == sorted(starts[:half])


def test_holder_vacancy_and_claim_are_told_apart_without_colour(tmp_path: Path) -> None:
    page = seed_report(tmp_path, "base", "acceptance")
    assert 'data-run="base"' in page and 'data-run="acceptance"' in page
    for kind in ("holder", "vacant", "claim"):
        assert f'data-kind="{kind}"' in page
    assert 'stroke-dasharray="4 3"' in page  # vacant: dashed outline
    assert 'fill="url(#dots)"' in page  # claim: dotted
    assert "claim: Jeanine Áñez" in page
    assert "@media print" in page and 'tabindex="0"' in page


def test_obligations_are_listed(tmp_path: Path) -> None:
    page = seed_report(tmp_path, "election-90-days")
    assert "Obligations and their deadlines" in page and "2020-02-10T18:41" in page


@pytest.mark.parametrize(
    ("hours", "sample"),
    [(6, ":00"), (24 * 5, "Nov"), (24 * 300, "2020"), (24 * 365 * 30, "0")],
)
def test_ticks_readable_from_hours_to_decades(hours: int, sample: str) -> None:
    import datetime as dt

    start = dt.datetime(2019, 11, 9, 10)
    marks = ticks(start, start + dt.timedelta(hours=hours))
    assert 2 <= len(marks) <= 40
    assert all(sample in label for _, label in marks[1:2])


def test_report_library_several_runs() -> None:
    t = run(SEED)
    page = report_page([t, t], ["one", "two"])
    assert page.count('data-run="one"') == page.count('data-run="two"') > 0


# --- the graph -----------------------------------------------------------------------------------


def test_graph_dot_and_mermaid() -> None:
    dot = runner.invoke(app, ["graph", str(ROOT / "rules" / "bo" / "2009.yaml"), "--format", "dot"])
    assert dot.exit_code == 0, dot.stderr
    text = dot.stdout
    assert text.startswith("digraph") and text.rstrip().endswith("}")
    assert '"president" -> "vice_president"' in text and "Art. 169.I" in text
    assert "style=dotted" in text and "penwidth=2.2" in text and "style=solid" in text
    us = runner.invoke(app, ["graph", str(ROOT / "rules" / "us" / "2006.yaml")]).stdout
    assert "style=dashed" in us  # the Speaker acts
    mermaid = runner.invoke(
        app,
        [
            "graph",
            str(ROOT / "rules" / "bo" / "2009.yaml"),
            "--format",
            "mermaid",
            "--office",
            "president",
        ],
    )
    assert mermaid.stdout.startswith("flowchart LR") and "n_president -->" in mermaid.stdout
    by_date = runner.invoke(
        app, ["graph", str(ROOT / "rules" / "bo"), "--at", "2005-06-10", "--format", "dot"]
    )
    assert "supreme_court_president" in by_date.stdout


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graph_dot_is_valid_graphviz_input() -> None:
    text = runner.invoke(app, ["graph", str(ROOT / "rules" / "us" / "2006.yaml")]).stdout
    done = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout


def test_graph_svg_without_graphviz_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = runner.invoke(
        app, ["graph", str(ROOT / "rules" / "bo" / "2009.yaml"), "--format", "svg"]
    )
    assert result.exit_code == 1
    assert "Graphviz" in result.stderr and "Traceback" not in result.stderr


# --- in a real browser ------------------------------------------------------------------------------

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def _png_pixels_vary(data: bytes) -> int:
    """How many distinct byte values the PNG's decompressed scanlines hold (1-2 for a blank page)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat)))


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)
def test_the_seed_report_in_headless_chromium(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "r.html"
    page.write_text(seed_report(tmp_path), encoding="utf-8")
    shot = tmp_path / "shot.png"
    common = [
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,1400",
    ]
    subprocess.run(
        [*common, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert _png_pixels_vary(shot.read_bytes()) > 20, "the screenshot is blank"
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "Evo Morales" in dom and "Jeanine Áñez" in dom and "vacant" in dom

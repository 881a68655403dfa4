"""A self-contained HTML report: an SVG timeline of who held, acted in, left
vacant or claimed each office, to scale, with every event and its source.

No scripts, fonts, styles or images are fetched: everything is in the one
file. Bands are told apart by pattern and label, not by colour alone; events
and bands can be reached with the keyboard; a print stylesheet lays the page
out for paper.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from dataclasses import dataclass

from ..engine.state import Obligation, OfficeState
from ..engine.timeline import Timeline
from ..instants import format_instant
from ..model.scenario import Event
from ..why import Explainer, Explanation

KINDS = ("holder", "acting", "vacant", "claim", "unknown")


@dataclass(frozen=True)
class Band:
    """One span of one office in one run."""

    office: str
    kind: str
    """holder, acting, vacant, claim or unknown (not recorded)."""
    person: str | None
    start: dt.datetime
    end: dt.datetime
    why: str


def bands(
    t: Timeline,
    office: str,
    end: dt.datetime,
    history: list[tuple[int, OfficeState | None]] | None = None,
) -> list[Band]:
    """The spans of an office, in time order: holder/acting/vacant/unknown on
    the main row, claims beside them (``history``: the office's, from
    :meth:`Timeline.office_histories`, if already at hand)."""
    out: list[Band] = []
    open_: dict[tuple[str, str | None], tuple[dt.datetime, str]] = {}
    previous: set[tuple[str, str | None]] = set()
    explainer = Explainer(t)
    if history is None:
        history = t.office_histories().get(office, [])
    for i, st in history:
        instant = t.entries[i].instant
        current = {} if st is None else _spans(explainer.explain(st, instant))
        for key in previous - set(current):
            start, why = open_.pop(key)
            out.append(Band(office, key[0], key[1], start, instant, why))
        for key, why in current.items():
            if key not in open_:
                open_[key] = (instant, why)
        previous = set(current)
    for key, (start, why) in open_.items():
        out.append(Band(office, key[0], key[1], start, end, why))
    return sorted(out, key=lambda b: (b.start, KINDS.index(b.kind)))


def _spans(ex: Explanation) -> dict[tuple[str, str | None], str]:
    spans: dict[tuple[str, str | None], str] = {}
    if ex.status == "unknown":
        spans[("unknown", None)] = "the holder is not recorded in the scenario"
    elif ex.holder is not None:
        spans[("holder", ex.holder.person)] = ex.holder.summary
    else:
        spans[("vacant", None)] = (
            f"vacant {ex.vacancy.text}" if ex.vacancy and ex.vacancy.text else "vacant"
        )
    if ex.acting is not None:
        spans[("acting", ex.acting.person)] = ex.acting.summary
    for c in ex.claims:
        spans[("claim", c.person)] = (
            f"claim since {format_instant(c.since)} ({c.event_id}): {c.reason}"
        )
    return spans


# --- the time axis --------------------------------------------------------------------------------


def ticks(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """Tick marks with labels readable at the span drawn: hours to decades."""
    span = (end - start).total_seconds()
    day = 86400.0
    out: list[tuple[dt.datetime, str]] = []
    if span <= 2 * day:
        step = dt.timedelta(hours=3 if span > day / 2 else 1)
        t = start.replace(minute=0, second=0, microsecond=0)
        while t <= end:
            if t >= start:
                out.append(
                    (
                        t,
                        t.strftime("%d %b %H:%M")
                        if t.hour == 0 or not out
                        else t.strftime("%H:%M"),
                    )
                )
            t += step
    elif span <= 75 * day:
        every = 1 if span <= 14 * day else 7 if span <= 45 * day else 14
        t = dt.datetime.combine(start.date(), dt.time())
        while t <= end:
            if t >= start:
                out.append(
                    (
                        t,
                        t.strftime("%d %b %Y")
                        if not out or t.day <= every
                        else t.strftime("%d %b"),
                    )
                )
            t += dt.timedelta(days=every)
    elif span <= 3 * 365 * day:
        months = 1 if span <= 400 * day else 3
        t = dt.datetime(start.year, start.month, 1)
        while t <= end:
            if t >= start:
                out.append((t, t.strftime("%b %Y")))
            m = t.month - 1 + months
            t = dt.datetime(t.year + m // 12, m % 12 + 1, 1)
    else:
        years = max(1, int(span / (365 * day) / 10)) if span <= 40 * 365 * day else 10
        if years > 1 and years < 5:
            years = 5 if years > 2 else 2
        y = start.year - start.year % years
        while True:
            t = dt.datetime(y, 1, 1)
            if t > end:
                break
            if t >= start:
                out.append((t, str(y) if years < 10 else f"{y}s"))
            y += years
    return out


# --- the page ------------------------------------------------------------------------------------

CSS = """
:root { --ink: #1b1b1b; --muted: #595959; --rule: #c8c8c8; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: var(--muted); margin-top: 0; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .3rem; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .axis text { fill: var(--muted); font-size: 11px; }
svg .rowlabel { font-weight: 600; }
svg .reading { fill: var(--muted); font-size: 11px; }
svg a:focus rect, svg a:focus path, svg a:focus polygon { stroke: #000; stroke-width: 3; }
svg a:focus { outline: none; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0 1rem; color: var(--muted); }
.legend svg { width: 44px; height: 16px; display: inline-block; vertical-align: middle; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); padding: .3rem .5rem; }
th { background: #f3f3f3; }
td.when { white-space: nowrap; }
blockquote { margin: .2rem 0 .2rem 1rem; color: var(--muted); }
.unverified { font-size: .8rem; color: var(--muted); border: 1px solid var(--rule); padding: 0 .3rem; }
a { color: #0b4f9c; } a:focus { outline: 3px solid #000; }
@media print {
  body { font-size: 10pt; max-width: none; margin: 0; }
  .skip, .noprint { display: none; }
  h2 { break-after: avoid; } tr, .office { break-inside: avoid; }
  svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

# Patterns: holder solid, acting hatched, vacant white with a dashed border,
# claim dotted, unknown cross-hatched grey.
DEFS = """
<defs>
  <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <rect width="6" height="6" fill="#dbe8f6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#2f5f98" stroke-width="2"/>
  </pattern>
  <pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse">
    <rect width="5" height="5" fill="#fbe3d4"/><circle cx="2.5" cy="2.5" r="1.2" fill="#9c3d10"/>
  </pattern>
  <pattern id="cross" width="6" height="6" patternUnits="userSpaceOnUse">
    <rect width="6" height="6" fill="#eeeeee"/><path d="M0 0L6 6M6 0L0 6" stroke="#9a9a9a" stroke-width=".8"/>
  </pattern>
</defs>
"""

STYLE = {
    "holder": 'fill="#3f7d4e" stroke="#1f4d2b"',
    "acting": 'fill="url(#hatch)" stroke="#2f5f98"',
    "vacant": 'fill="#ffffff" stroke="#6b6b6b" stroke-dasharray="4 3"',
    "claim": 'fill="url(#dots)" stroke="#9c3d10"',
    "unknown": 'fill="url(#cross)" stroke="#9a9a9a"',
}
LABEL = {
    "holder": "",
    "acting": "acting: ",
    "vacant": "vacant",
    "claim": "claim: ",
    "unknown": "not recorded",
}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(timelines: list[Timeline], labels: list[str], *, title: str | None = None) -> str:
    """The HTML page for one run, or several readings of one scenario side by side."""
    first = timelines[0]
    s = first.scenario
    start = min(t.start for t in timelines)
    last = max(t.entries[-1].instant for t in timelines)
    span = max((last - start).total_seconds(), 3600.0)
    end = last + dt.timedelta(seconds=max(span * 0.06, 3600.0))
    events = list(s.events)
    offices = list(dict.fromkeys(o for t in timelines for o in _offices(t)))

    # each run's spans, worked out once for both panels and the table
    histories = [t.office_histories() for t in timelines]
    spans = [
        {oid: bands(t, oid, end, h.get(oid, [])) for oid in offices}
        for t, h in zip(timelines, histories, strict=True)
    ]
    svg = _panel(
        timelines, labels, offices, spans, start, end, events, f"Timeline of {s.title}", "tl"
    )
    detail = _detail_window(start, end, [e.instant for e in events])
    zoom = ""
    if detail is not None:
        zoom_svg = _panel(
            timelines,
            labels,
            offices,
            spans,
            detail[0],
            detail[1],
            events,
            f"Detail, {format_instant(detail[0])} to {format_instant(detail[1])}",
            "zoom",
        )
        zoom = (
            f"<h2>Detail: {format_instant(detail[0])} to {format_instant(detail[1])}</h2>"
            f'<figure>{zoom_svg}<figcaption class="meta">The same timeline, to a larger scale over the '
            "days when most happened.</figcaption></figure>"
        )

    legend = "".join(
        f'<span><svg viewBox="0 0 44 16" aria-hidden="true">{DEFS}<rect x="1" y="2" width="42" height="12" '
        f"{STYLE[k]}/></svg> {name}</span>"
        for k, name in (
            ("holder", "holds the office"),
            ("acting", "acts (exercises the powers)"),
            ("vacant", "vacant"),
            ("claim", "claim the rules do not give"),
            ("unknown", "not recorded"),
        )
    )
    readings = "".join(
        f"<li><strong>{_e(label)}</strong>: {_e(t.rules.title)}"
        + (f" — reading: {_e(t.rules.reading)}" if t.rules.reading else "")
        + "</li>"
        for t, label in zip(timelines, labels, strict=True)
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title or s.title)}</title>",
        f"<style>{CSS}</style></head><body>",
        '<a class="skip" href="#events">Skip to the list of events</a>',
        f"<h1>{_e(title or s.title)}</h1>",
        f'<p class="meta">{_e(s.description or "")}</p>',
        f'<p class="meta">From {format_instant(start)} to {format_instant(last)}. Rules:</p><ul>{readings}</ul>',
        f'<div class="legend noprint" aria-hidden="true">{legend}</div>',
        f'<figure>{svg}<figcaption class="meta">Time is drawn to scale. Each band gives its reason on '
        "hover or focus (Tab moves through the bands and events); each red marker is an event, listed below "
        "with its source.</figcaption></figure>",
        zoom,
        _events_table(first, events),
        _tenures(timelines, labels, offices, spans, end),
        _obligations(timelines, labels, histories),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _detail_window(
    start: dt.datetime, end: dt.datetime, instants: list[dt.datetime]
) -> tuple[dt.datetime, dt.datetime] | None:
    """Where the events crowd together: from the start to the last event
    before the first long pause (over a tenth of the whole span), when that
    is under a third of the span."""
    total = (end - start).total_seconds()
    if not instants or total <= 0:
        return None
    times = sorted(instants)
    stop = times[-1]
    for a, b in itertools.pairwise(times):
        if (b - a).total_seconds() > total / 10:
            stop = a
            break
    width = (stop - start).total_seconds()
    if width > total / 3:
        return None
    pad = max(width * 0.15, 3 * 3600.0)
    return start, stop + dt.timedelta(seconds=pad)


def _panel(
    timelines: list[Timeline],
    labels: list[str],
    offices: list[str],
    spans: list[dict[str, list[Band]]],
    start: dt.datetime,
    end: dt.datetime,
    events: list[Event],
    caption: str,
    key: str,
) -> str:
    """One SVG timeline between two instants."""
    first = timelines[0]
    multi = len(timelines) > 1
    label_w, width, row_h, claim_h, gap = 370, 1240, 26, 9, 10
    x0, x1 = label_w, width - 10
    total = max((end - start).total_seconds(), 1.0)

    def x(when: dt.datetime) -> float:
        return x0 + (x1 - x0) * max(0.0, min(1.0, (when - start).total_seconds() / total))

    rows: list[str] = []
    y = 46
    for oid in offices:
        rows.append(f'<g class="office" data-office="{_e(oid)}">')
        rows.append(
            f'<text class="rowlabel" x="8" y="{y + 14}">{_e(first.office_name(oid))}</text>'
        )
        if multi:
            y += 18
        for t, label, own in zip(timelines, labels, spans, strict=True):
            if multi:
                rows.append(f'<text class="reading" x="20" y="{y + 17}">{_e(label)}</text>')
            for b in own[oid]:
                if b.end <= start or b.start >= end:
                    continue
                bx, bw = x(b.start), max(x(b.end) - x(b.start), 1.5)
                by, bh = (y + row_h - 1, claim_h) if b.kind == "claim" else (y, row_h - 4)
                who = t.person_name(b.person) if b.person else ""
                text = f"{LABEL[b.kind]}{who}" if b.kind != "vacant" else "vacant"
                tip = (
                    f"{first.office_name(oid)}{' — ' + label if multi else ''}: {text}, "
                    f"{format_instant(b.start)} to {format_instant(b.end) if b.end < end else 'the end'}. {b.why}"
                )
                rows.append(
                    f'<a tabindex="0" aria-label="{_e(tip)}" class="band {b.kind}" data-kind="{b.kind}" '
                    f'data-office="{_e(oid)}" data-run="{_e(label)}" data-start="{format_instant(b.start)}" '
                    f'data-person="{_e(b.person or "")}"><title>{_e(tip)}</title>'
                    f'<rect x="{bx:.1f}" y="{by}" width="{bw:.1f}" height="{bh}" rx="2" {STYLE[b.kind]}/>'
                )
                if b.kind != "claim" and bw > 7 * len(text) + 8:
                    colour = ' style="fill:#fff"' if b.kind == "holder" else ""
                    rows.append(f'<text x="{bx + 5:.1f}" y="{by + 15}"{colour}>{_e(text)}</text>')
                elif b.kind == "claim" and bw > 7 * len(text) + 8:
                    rows.append(
                        f'<text x="{bx + 5:.1f}" y="{by + claim_h + 11}" class="reading">{_e(text)}</text>'
                    )
                rows.append("</a>")
            y += row_h + claim_h + (14 if any(b.kind == "claim" for b in own[oid]) else 4)
        rows.append(f'<line x1="0" x2="{width}" y1="{y + 2}" y2="{y + 2}" stroke="#e2e2e2"/>')
        rows.append("</g>")
        y += gap
    height = y + 10

    axis = ['<g class="axis">']
    for when, text in ticks(start, end):
        tx = x(when)
        axis.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="28" y2="{height - 6}" stroke="#ececec"/>'
        )
        axis.append(f'<text x="{tx + 3:.1f}" y="22">{_e(text)}</text>')
    axis.append("</g>")

    markers = ['<g class="events">']
    for i, ev in enumerate(events):
        when = ev.instant
        if when < start or when > end:
            continue
        ex = x(when)
        src = ev.source
        quote = (
            f"\u201c{' '.join((src.quote or '').split())}\u201d"
            if src.quote
            else (src.record or "")
        )
        tip = f"{format_instant(when)} {ev.id} ({ev.type.replace('_', ' ')}): {quote}"
        dy = (i % 2) * 6
        markers.append(
            f'<a href="#event-{_e(ev.id)}" tabindex="0" aria-label="{_e(tip)}" class="event" '
            f'data-event="{_e(ev.id)}"><title>{_e(tip)}</title>'
            f'<line x1="{ex:.1f}" x2="{ex:.1f}" y1="30" y2="{height - 6}" stroke="#7a1f1f" stroke-width="1" '
            f'stroke-dasharray="2 3"/>'
            f'<polygon points="{ex:.1f},{30 + dy} {ex + 5:.1f},{36 + dy} {ex:.1f},{42 + dy} {ex - 5:.1f},{36 + dy}" '
            f'fill="#7a1f1f"/></a>'
        )
    markers.append("</g>")
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-title" data-panel="{key}">'
        f'<title id="{key}-title">{_e(caption)}</title>{DEFS}{"".join(axis)}{"".join(rows)}'
        f"{''.join(markers)}</svg>"
    )


def _offices(t: Timeline) -> list[str]:
    seen = dict.fromkeys(o for r in (*t.versions, t.rules) for o in r.offices)
    return list(seen)


def _events_table(t: Timeline, events: list[Event]) -> str:
    rows = []
    for ev in events:
        src = ev.source
        doc = next((d.title for d in t.scenario.documents if d.id == src.document), src.document)
        if src.quote:
            source = (
                f"{_e(doc)}:<blockquote>\u201c{_e(' '.join(src.quote.split()))}\u201d</blockquote>"
            )
        else:
            source = _e(src.record or "")
        flag = "" if src.verified else ' <span class="unverified">unverified</span>'
        who = t.person_name(ev.person) if ev.person else ""
        office = t.office_name(ev.office) if ev.office else ""
        rows.append(
            f'<tr id="event-{_e(ev.id)}"><td class="when">{format_instant(ev.instant)}</td>'
            f"<td>{_e(ev.type.replace('_', ' '))}</td><td>{_e(who)}</td><td>{_e(office)}</td>"
            f"<td>{source}{flag}</td></tr>"
        )
    return (
        '<h2 id="events">Events and their sources</h2><table><thead><tr><th>when</th><th>event</th>'
        "<th>person</th><th>office</th><th>source</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _tenures(
    timelines: list[Timeline],
    labels: list[str],
    offices: list[str],
    spans: list[dict[str, list[Band]]],
    end: dt.datetime,
) -> str:
    rows = []
    multi = len(timelines) > 1
    for oid in offices:
        for t, label, own in zip(timelines, labels, spans, strict=True):
            for b in own[oid]:
                who = t.person_name(b.person) if b.person else ""
                until = format_instant(b.end) if b.end < end else "—"
                rows.append(
                    f"<tr><td>{_e(timelines[0].office_name(oid))}{'<br>' + _e(label) if multi else ''}</td>"
                    f'<td>{_e(b.kind)}</td><td>{_e(who)}</td><td class="when">{format_instant(b.start)}</td>'
                    f'<td class="when">{until}</td><td>{_e(b.why)}</td></tr>'
                )
    return (
        '<h2 id="tenures">Who held, acted and claimed, and why</h2><table><thead><tr><th>office</th>'
        "<th>role</th><th>person</th><th>from</th><th>until</th><th>why</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _obligations(
    timelines: list[Timeline],
    labels: list[str],
    histories: list[dict[str, list[tuple[int, OfficeState | None]]]],
) -> str:
    rows = []
    for t, label, per_office in zip(timelines, labels, histories, strict=True):
        seen: set[tuple[str, str, dt.datetime]] = set()
        found: list[tuple[int, int, Obligation]] = []  # (entry, office's place, obligation)
        offices = list(per_office)
        for place, oid in enumerate(offices):
            for i, st in per_office[oid]:
                if st is not None:
                    found.extend((i, place, o) for o in st.obligations)
        for _, place, o in sorted(found, key=lambda f: (f[0], f[1])):
            oid = offices[place]
            key = (oid, o.kind, o.deadline)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                f"<tr><td>{_e(label)}</td><td>{_e(t.office_name(oid))}</td><td>{_e(o.description)}</td>"
                f'<td class="when">{format_instant(o.created)}</td>'
                f'<td class="when">{format_instant(o.deadline)}</td><td>{_e(o.citation)}</td></tr>'
            )
    if not rows:
        return '<h2 id="obligations">Obligations</h2><p>No succession created an obligation.</p>'
    return (
        '<h2 id="obligations">Obligations and their deadlines</h2><table><thead><tr><th>reading</th>'
        "<th>office</th><th>obligation</th><th>from</th><th>deadline</th><th>article</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )

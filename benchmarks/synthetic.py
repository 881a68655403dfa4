"""Synthetic rule file and scenario for benchmarking the engine and the loader.

What it writes (into OUT_DIR):

* ``rules.yaml`` -- a made-up jurisdiction ("synthetica") with 20 offices and
  nested lines: a President whose permanent line names the Vice President, the
  two chamber presidents and two ministers (the ministers ``acts`` +
  ``ex_officio``, one with an election obligation); a Vice President filled by
  designation of the Assembly (an elective step, then an ``acts`` step); each
  chamber president with its own line of three vice presidents (two
  ``on_taking_office``); five ministers each with a line through their vice
  minister; temporary lines for the President, both chamber presidents and the
  ministers. Eligibility requirements (min_age, attribute, confirmed_by,
  not_under_impeachment), obligations, a resignation that needs acceptance, and
  a citation on everything.
* ``scenario.yaml`` -- a scenario over those rules with ``--events`` events
  (default 100,000): deaths, resignations (some needing acceptance, some with a
  later ``effective_at``), resignation acceptances, removals, elections,
  appointments and designations refilling vacant offices (some people only
  become entitled and take office later), suspensions and reinstatements,
  ``took_office`` by people the lines entitle and by holders-elect, declines,
  impeachments and acquittals. About 3 % of the events are joined by a second
  event at the same instant (``simultaneous_with``: one act, applied as one
  batch); about 3 % are followed by an event without a time the same day (it
  happens at the time of the event before, as a batch of its own); about one
  day in ten begins with an event without a time (at midnight). Every event
  has ``source: {record: synthetic}``; a pool of ``--people`` people supplies
  new holders.

Legality: the events are chosen while the scenario is simulated, event by
event, by the plain reference (``benchmarks/plain_reference.py``), which
keeps the same state as the engine, the state between the events of a batch
included: every event is chosen from what is possible in the state it
applies to (a resignation is by the current holder, a reinstatement follows a
suspension, a took_office is by the person entitled, nobody acts after death,
...). The finished scenario is then simulated from scratch by the engine
(``succession.engine.simulate``) and by the plain reference, and every
holder and acting person of every entry must agree, or the script fails
naming the first disagreement. Up to 20,000 events the file is read back
with ``succession.load.load_scenario`` for that check, so the loader's
checks (event order, ``simultaneous_with``) apply too. Loading and running
the file needs the limits a file may ask for raised (100,000 events is about
15 MB against a 5 MB cap, and far past the 4,000 events, 120,000 values and
600,000 recorded values a file may ask for by default): ``trust()`` raises
them, in the process and the ones it starts. The same seed
and parameters give the same files.

Usage (from the repository root)::

    .venv/bin/python benchmarks/synthetic.py OUT_DIR [--events N] [--seed S] [--people P]
        [--small] [--no-check]

(``--small``: 1,000 events.) From Python: load this file by path, or put
``benchmarks/`` on ``sys.path`` and ``import synthetic``; then
``generate(out_dir, events=..., seed=...)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # the checkout this file is in, before any installed copy

import yaml  # noqa: E402
from plain_reference import PlainReference, first_disagreement  # noqa: E402

RULES_FILE = "rules.yaml"
SCENARIO_FILE = "scenario.yaml"
DEFAULT_EVENTS = 100_000
DEFAULT_PEOPLE = 2_000
DEFAULT_SEED = 2019
SMALL_EVENTS = 1_000
#: up to this many events the finished file is checked through the loader
LOAD_CHECK_EVENTS = 20_000
START = dt.date(2000, 1, 1)
SOURCE = {"record": "synthetic"}


# --- the rule file ------------------------------------------------------------------------


def _cite(article: str, source: str = "const", **extra: Any) -> dict[str, Any]:
    return {"article": article, "source": source, **extra}


SENATE_VPS = ["senate_vp1", "senate_vp2", "senate_vp3"]
DEPUTIES_VPS = ["deputies_vp1", "deputies_vp2", "deputies_vp3"]
MINISTRIES = ["government", "foreign", "defense", "finance", "justice"]
MINISTERS = [f"minister_{m}" for m in MINISTRIES]
VICE_MINISTERS = [f"vice_minister_{m}" for m in MINISTRIES]


def rules_data() -> dict[str, Any]:
    """The synthetic rule file as plain data (20 offices)."""
    perm_all = ["death", "resignation", "removal", "declared_vacancy", "permanent_incapacity"]
    temp_all = ["illness", "travel", "leave", "impeachment", "temporary_absence"]

    def step(office: str, mode: str, article: str, src: str = "const", **kw: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"office": office, "mode": mode}
        out.update(kw)
        out["citation"] = _cite(article, src)
        return out

    def office(
        name: str,
        article: str,
        src: str = "const",
        *,
        temporary: bool = True,
        member_of: str | None = None,
        **kw: Any,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"name": name, "citation": _cite(article, src)}
        if member_of:
            out["member_of"] = member_of
        out["causes"] = {
            "permanent": perm_all,
            **({"temporary": temp_all} if temporary else {}),
            "citation": _cite(f"{article}.causes", src),
        }
        out["resignation"] = {
            "effective": "on_submission",
            "citation": _cite(f"{article}.res", src),
        }
        out.update(kw)
        return out

    offices: dict[str, Any] = {}
    offices["president"] = office(
        "President",
        "Art. 100",
        resignation={
            "effective": "on_acceptance",
            "accepted_by": "assembly",
            "citation": _cite("Art. 101"),
        },
        eligibility=[
            {"min_age": 35, "citation": _cite("Art. 102.1")},
            {"attribute": "citizen", "equals": True, "citation": _cite("Art. 102.2")},
        ],
        lines={
            "permanent": {
                "citation": _cite("Art. 103"),
                "steps": [
                    step("vice_president", "becomes", "Art. 103.1", id="vp"),
                    step("senate_president", "becomes", "Art. 103.2", id="senate"),
                    step(
                        "deputies_president",
                        "becomes",
                        "Art. 103.3",
                        id="deputies",
                        obligations=[
                            {
                                "kind": "election",
                                "description": "call an election",
                                "within_days": 90,
                                "by": "assembly",
                                "citation": _cite("Art. 103.3"),
                            }
                        ],
                    ),
                    step(
                        "minister_government",
                        "acts",
                        "Art. 103.4",
                        tenure="ex_officio",
                        yields_to="all",
                        eligibility=[{"confirmed_by": "senate", "citation": _cite("Art. 103.4")}],
                        obligations=[
                            {
                                "kind": "election",
                                "description": "call an election",
                                "within_days": 60,
                                "by": "assembly",
                                "citation": _cite("Art. 103.4"),
                            }
                        ],
                    ),
                    step(
                        "minister_foreign",
                        "acts",
                        "Art. 103.5",
                        tenure="ex_officio",
                        yields_to=["vice_president", "senate_president"],
                    ),
                ],
            },
            "temporary": {
                "citation": _cite("Art. 104"),
                "steps": [
                    step(
                        "vice_president",
                        "acts",
                        "Art. 104.1",
                        tenure="ex_officio",
                        eligibility=[
                            {"not_under_impeachment": True, "citation": _cite("Art. 104.1")}
                        ],
                    ),
                    step(
                        "senate_president",
                        "acts",
                        "Art. 104.2",
                        tenure="ex_officio",
                        takes_effect="on_taking_office",
                    ),
                    step(
                        "minister_government",
                        "acts",
                        "Art. 104.3",
                        tenure="ex_officio",
                        yields_to="all",
                    ),
                ],
            },
        },
    )
    offices["vice_president"] = office(
        "Vice President",
        "Art. 110",
        temporary=False,
        eligibility=[{"min_age": 30, "citation": _cite("Art. 110.2")}],
        lines={
            "permanent": {
                "citation": _cite("Art. 111"),
                "steps": [
                    {
                        "body": "assembly",
                        "mode": "becomes",
                        "id": "designation",
                        "obligations": [
                            {
                                "kind": "designation",
                                "description": "designate a Vice President",
                                "within_days": 30,
                                "by": "assembly",
                                "citation": _cite("Art. 111.1"),
                            }
                        ],
                        "citation": _cite("Art. 111.1"),
                    },
                    step("senate_president", "acts", "Art. 111.2", tenure="ex_officio"),
                ],
            }
        },
    )
    for chamber, vps, src in (
        ("senate", SENATE_VPS, "senate_rules"),
        ("deputies", DEPUTIES_VPS, "deputies_rules"),
    ):
        offices[f"{chamber}_president"] = office(
            f"President of the {chamber.title()}",
            "Art. 10",
            src,
            member_of=chamber,
            lines={
                "permanent": {
                    "citation": _cite("Art. 11", src),
                    "steps": [
                        step(vps[0], "becomes", "Art. 11.1", src, takes_effect="on_taking_office"),
                        step(vps[1], "becomes", "Art. 11.2", src, takes_effect="on_taking_office"),
                        step(
                            vps[2], "acts", "Art. 11.3", src, tenure="ex_officio", yields_to="all"
                        ),
                    ],
                },
                "temporary": {
                    "citation": _cite("Art. 12", src),
                    "steps": [
                        step(vps[0], "acts", "Art. 12.1", src, tenure="ex_officio"),
                        step(
                            vps[1],
                            "acts",
                            "Art. 12.2",
                            src,
                            tenure="ex_officio",
                            takes_effect="on_taking_office",
                        ),
                    ],
                },
            },
        )
        for i, vp in enumerate(vps):
            extra: dict[str, Any] = {}
            if i == 0:
                extra["lines"] = {
                    "permanent": {
                        "citation": _cite("Art. 13", src),
                        "steps": [step(vps[2], "acts", "Art. 13.1", src, tenure="ex_officio")],
                    }
                }
            offices[vp] = office(
                f"Vice President {i + 1} of the {chamber.title()}",
                f"Art. {14 + i}",
                src,
                temporary=False,
                member_of=chamber,
                **extra,
            )
    for m, minister, vice in zip(MINISTRIES, MINISTERS, VICE_MINISTERS, strict=True):
        steps = [
            step(
                vice,
                "acts",
                f"Sec. {m}.2",
                "cabinet_act",
                tenure="ex_officio",
                eligibility=[
                    {
                        "attribute": "civil_service_years",
                        "at_least": 2,
                        "citation": _cite(f"Sec. {m}.2", "cabinet_act"),
                    }
                ],
            )
        ]
        if minister != "minister_government":
            steps.append(
                step(
                    "minister_government",
                    "acts",
                    f"Sec. {m}.3",
                    "cabinet_act",
                    tenure="ex_officio",
                    yields_to="all",
                )
            )
        offices[minister] = office(
            f"Minister of {m.title()}",
            f"Sec. {m}.1",
            "cabinet_act",
            member_of="cabinet",
            eligibility=[{"min_age": 25, "citation": _cite(f"Sec. {m}.1", "cabinet_act")}],
            lines={
                "permanent": {"citation": _cite(f"Sec. {m}.2", "cabinet_act"), "steps": steps},
                "temporary": {
                    "citation": _cite(f"Sec. {m}.4", "cabinet_act"),
                    "steps": [
                        step(vice, "acts", f"Sec. {m}.4", "cabinet_act", tenure="ex_officio")
                    ],
                },
            },
        )
    for m, vice in zip(MINISTRIES, VICE_MINISTERS, strict=True):
        offices[vice] = office(
            f"Vice Minister of {m.title()}",
            f"Sec. {m}.5",
            "cabinet_act",
            temporary=False,
            member_of="cabinet",
        )
    assert len(offices) == 20, len(offices)
    return {
        "schema_version": 1,
        "jurisdiction": "synthetica",
        "title": "Synthetica: a synthetic constitution for benchmarks",
        "version": "1",
        "valid_from": "1990-01-01",
        "description": "Generated by benchmarks/synthetic.py; not a real jurisdiction.",
        "sources": [
            {"id": "const", "title": "Constitution of Synthetica", "date": "1990-01-01"},
            {"id": "senate_rules", "title": "Standing orders of the Senate"},
            {"id": "deputies_rules", "title": "Standing orders of the Chamber of Deputies"},
            {"id": "cabinet_act", "title": "Cabinet Act", "verified": False},
        ],
        "bodies": {
            "assembly": {"name": "Assembly (joint session)", "citation": _cite("Art. 50")},
            "senate": {"name": "Senate", "citation": _cite("Art. 51")},
            "deputies": {"name": "Chamber of Deputies", "citation": _cite("Art. 52")},
            "cabinet": {"name": "Cabinet", "citation": _cite("Sec. 1", "cabinet_act")},
        },
        "offices": offices,
    }


# --- people and starting holders ----------------------------------------------------------


def people_data(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    """``n`` people; a few are too young for the presidency, a few not citizens."""
    out = []
    for i in range(n):
        young = rnd.random() < 0.03
        year = rnd.randint(1975, 1980) if young else rnd.randint(1930, 1960)
        born = dt.date(year, rnd.randint(1, 12), rnd.randint(1, 28))
        attrs: dict[str, Any] = {
            "citizen": rnd.random() > 0.02,
            "civil_service_years": rnd.randint(0, 30),
        }
        out.append(
            {
                "id": f"p{i:05d}",
                "name": f"Person {i:05d}",
                "born": born.isoformat(),
                "attributes": attrs,
            }
        )
    return out


# --- choosing events against the plain reference's state --------------------------------


@dataclass
class Stats:
    """What ``generate`` made."""

    events: int
    people: int
    by_type: dict[str, int]
    seconds: float
    batches: int = 0
    """Batches of two simultaneous events (``simultaneous_with``)."""
    untimed: int = 0
    """Events without a time (at the previous event's time that day, or at midnight)."""
    entries: int = 0
    """Entries of the timeline (start, batches, scheduled effects)."""


def _fill_type(oid: str) -> tuple[str, str | None]:
    """How a vacant office is refilled: (event type, body)."""
    if oid == "president":
        return "elected", None
    if oid == "vice_president":
        return "designated", "assembly"
    if oid.startswith("senate_"):
        return "elected", "senate"
    if oid.startswith("deputies_"):
        return "elected", "deputies"
    return "appointed", None


def _choose(
    ref: PlainReference,
    instant: dt.datetime,
    rnd: random.Random,
    pids: list[str],
    temp_causes: list[list[str]],
) -> dict[str, Any]:
    """One event that is legal in the reference's current state (which, between
    the events of a batch, is the engine's state between them too)."""
    ids = ref.office_ids
    offices = ref.offices
    holder_ids = ref.holder_ids
    acting_ids = ref.acting_ids
    alive = ref.dead.isdisjoint
    n = len(ids)
    held = [i for i in range(n) if holder_ids[i] is not None]
    holding = {holder_ids[i]: i for i in held}
    acting = {a for a in acting_ids if a is not None}
    vacant = [i for i in range(n) if holder_ids[i] is None and ref.tracked[i]]
    # someone the line entitles, or a holder-elect, takes office later (or declines)
    entitled = [
        (i, offices[i].ent or offices[i].elect)
        for i in range(n)
        if (offices[i].ent or offices[i].elect) is not None
    ]
    suspended = [i for i in held if offices[i].suspended is not None]
    suspendable = [
        i
        for i in held
        if offices[i].suspended is None and temp_causes[i] and offices[i].pending is None
    ]
    awaiting = [i for i in held if offices[i].pending is not None and offices[i].pending[3]]
    resignable = [i for i in held if offices[i].pending is None]
    impeached = [p for p in holding if p in ref.impeached]
    choices: list[tuple[float, str]] = [
        (3.0 if entitled else 0.0, "took_office"),
        (0.4 if entitled else 0.0, "declines"),
        (3.0 * len(vacant) / 4 if vacant else 0.0, "fill"),
        (2.5 if resignable else 0.0, "resignation"),
        (2.0 if awaiting else 0.0, "resignation_accepted"),
        (1.2 if suspendable else 0.0, "suspension"),
        (1.5 if suspended else 0.0, "reinstatement"),
        (0.1, "death"),
        (0.4 if resignable else 0.0, "removal"),
        (0.3 if acting else 0.0, "stop_acting"),
        (0.15 if held else 0.0, "impeached"),
        (0.3 if impeached else 0.0, "acquitted"),
    ]
    kind = rnd.choices([k for _, k in choices], weights=[w for w, _ in choices])[0]
    ev: dict[str, Any]
    if kind in ("took_office", "declines"):
        i, pid = rnd.choice(entitled)
        ev = {"type": kind, "person": pid, "office": ids[i]}
    elif kind == "fill":
        i = rnd.choice(vacant)
        etype, body = _fill_type(ids[i])
        if rnd.random() < 0.1 and holding:
            pid = rnd.choice(list(holding))  # someone moves from another office
        else:
            pid = rnd.choice(pids)
            while not alive((pid,)) or pid in holding or pid in acting:
                pid = rnd.choice(pids)
        ev = {"type": etype, "person": pid, "office": ids[i]}
        if body:
            ev["by"] = body
        if etype == "appointed" and rnd.random() < 0.8:
            ev["confirmed_by"] = "senate"
        if etype == "elected" and rnd.random() < 0.25:
            ev["takes_office"] = False
    elif kind == "resignation":
        i = rnd.choice(resignable)
        ev = {"type": "resignation", "person": holder_ids[i], "office": ids[i]}
        if ids[i].startswith("minister_") and rnd.random() < 0.2:
            eff = instant + dt.timedelta(minutes=rnd.randint(30, 300))
            ev["effective_at"] = eff.strftime("%Y-%m-%dT%H:%M")
    elif kind == "resignation_accepted":
        i = rnd.choice(awaiting)
        person, event, _, body = offices[i].pending  # type: ignore[misc]
        ev = {
            "type": "resignation_accepted",
            "person": person,
            "office": ids[i],
            "by": body,
            "resignation": event,
        }
    elif kind == "suspension":
        i = rnd.choice(suspendable)
        ev = {
            "type": "suspension",
            "person": holder_ids[i],
            "office": ids[i],
            "cause": rnd.choice(temp_causes[i]),
        }
    elif kind == "reinstatement":
        i = rnd.choice(suspended)
        ev = {"type": "reinstatement", "person": holder_ids[i], "office": ids[i]}
    elif kind == "death":
        if holding and rnd.random() < 0.7:
            pid = rnd.choice(list(holding))
        else:
            pid = rnd.choice(pids)
            while not alive((pid,)):
                pid = rnd.choice(pids)
        ev = {"type": "death", "person": pid}
    elif kind == "removal":
        i = rnd.choice(resignable)
        ev = {
            "type": "removal",
            "person": holder_ids[i],
            "office": ids[i],
            "cause": rnd.choice(["removal", "permanent_incapacity", "declared_vacancy"]),
        }
    elif kind == "stop_acting":
        i = rnd.choice([i for i in range(n) if acting_ids[i] is not None])
        ev = {"type": "resignation", "person": acting_ids[i], "office": ids[i]}
    elif kind == "impeached":
        ev = {"type": "impeached", "person": holder_ids[rnd.choice(held)]}
    elif kind == "acquitted":
        ev = {"type": "acquitted", "person": rnd.choice(impeached)}
    else:  # pragma: no cover
        raise AssertionError(kind)
    return ev


#: chance that an event is joined by a second one at the same instant (simultaneous_with)
P_SIMULTANEOUS = 0.03
#: chance that an event is followed by one without a time, the same day
P_UNTIMED_SAME_DAY = 0.03
#: chance that the first event of a day has no time (it happens at midnight)
P_UNTIMED_MIDNIGHT = 0.1


def generate_events(
    rules: Any,
    people: list[dict[str, Any]],
    holders: dict[str, str],
    n_events: int,
    rnd: random.Random,
) -> tuple[list[dict[str, Any]], Stats]:
    """Choose ``n_events`` legal events, applying each to the plain reference
    as it is chosen (the events of a simultaneous batch one by one, settled
    together, as the engine applies them)."""
    from succession.model.scenario import Scenario, parse_event

    scenario = Scenario.model_validate(
        {
            "schema_version": 1,
            "title": "synthetic",
            "rules": RULES_FILE,
            "people": people,
            "start": START.isoformat(),
            "holders": holders,
            "events": [],
        }
    )
    ref = PlainReference(rules, scenario)
    ref.start()
    temp_causes = [list(rules.offices[oid].causes.temporary) for oid in ref.office_ids]
    pids = [p["id"] for p in people]
    events: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    stats = Stats(0, len(people), counts, 0.0)
    instant = dt.datetime.combine(START, dt.time(8, 0))

    def make(ev: dict[str, Any], timed: bool, joins: str | None = None) -> Any:
        out: dict[str, Any] = {"id": f"e{len(events):06d}", "date": instant.date().isoformat()}
        if timed:
            out["time"] = instant.strftime("%H:%M")
        else:
            stats.untimed += 1
        if joins is not None:
            out["simultaneous_with"] = joins
        out.update(ev)
        out["source"] = SOURCE
        events.append(out)
        counts[out["type"]] = counts.get(out["type"], 0) + 1
        return parse_event(out)

    untimed_next = False
    while len(events) < n_events:
        if untimed_next:
            timed = False  # the same day, at the time of the event before
            untimed_next = False
        else:
            later = instant + dt.timedelta(minutes=rnd.randint(20, 100))
            timed = True
            if later.date() != instant.date() and rnd.random() < P_UNTIMED_MIDNIGHT:
                later = dt.datetime.combine(later.date(), dt.time())
                timed = False
            instant = later
        for _ in ref.due(instant):
            pass
        ref.begin(instant)
        first = make(_choose(ref, instant, rnd, pids, temp_causes), timed)
        ref.event(first)
        ids = [first.id]
        if timed and len(events) < n_events and rnd.random() < P_SIMULTANEOUS:
            second = make(_choose(ref, instant, rnd, pids, temp_causes), True, joins=first.id)
            ref.event(second)
            ids.append(second.id)
            stats.batches += 1
        ref.finish(tuple(ids))
        if timed and rnd.random() < P_UNTIMED_SAME_DAY:
            untimed_next = True
        if len(pids) - len(ref.dead) < 50:
            raise RuntimeError("the pool of people ran out; pass a larger --people")
    for _ in ref.drain():
        pass
    stats.events = len(events)
    return events, stats


def verify(rules: Any, scenario: Any) -> int:
    """Simulate ``scenario`` with the engine (``succession.engine.simulate``)
    and with the plain reference, from scratch; raise if they disagree on any
    holder or acting person. The number of engine entries."""
    from succession.engine import simulate

    timeline = simulate(rules, scenario)
    plain = PlainReference(rules, scenario)
    entries = list(plain.run())
    bad = first_disagreement(timeline, entries, plain.office_ids)
    if bad is not None:
        raise RuntimeError(f"the engine and the plain reference disagree: {bad}")
    return len(timeline.entries)


# --- writing ----------------------------------------------------------------------------


_ORDER = (
    "id",
    "date",
    "time",
    "type",
    "person",
    "office",
    "by",
    "cause",
    "effective_at",
    "resignation",
    "takes_office",
    "confirmed_by",
    "simultaneous_with",
    "source",
)


def _event_line(ev: dict[str, Any]) -> str:
    parts = []
    for k in _ORDER:
        if k not in ev:
            continue
        v = ev[k]
        if k == "source":
            text = "{record: synthetic}"
        elif isinstance(v, bool):
            text = "true" if v else "false"
        elif k in ("time", "effective_at"):
            text = f'"{v}"'
        else:
            text = str(v)
        parts.append(f"{k}: {text}")
    return "  - {" + ", ".join(parts) + "}\n"


class _NoAliasDumper(yaml.SafeDumper):
    """The project's reader refuses anchors and aliases: write shared values out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any, **kw: Any) -> str:
    return yaml.dump(
        data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100, **kw
    )


def write_files(
    out_dir: Path,
    rules: dict[str, Any],
    scenario_head: dict[str, Any],
    events: list[dict[str, Any]],
) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rules_path = out_dir / RULES_FILE
    scen_path = out_dir / SCENARIO_FILE
    header = "# Generated by benchmarks/synthetic.py -- do not edit.\n"
    rules_path.write_text(header + _dump(rules), encoding="utf-8")
    with scen_path.open("w", encoding="utf-8") as f:
        f.write(header)
        f.write(_dump(scenario_head, default_flow_style=None))
        f.write("events:\n")
        f.writelines(_event_line(ev) for ev in events)
    return rules_path, scen_path


#: The limits a file may ask for by default (succession.limits) are far below
#: these streams; the benchmarks raise them, as one would for a file one trusts.
TRUSTED_LIMITS = {
    "SUCCESSION_MAX_NODES": str(10**9),
    "SUCCESSION_MAX_EVENTS": str(10**9),
    "SUCCESSION_MAX_PEOPLE": str(10**9),
    "SUCCESSION_MAX_RECORDED": str(10**12),
}


def trust(*paths: Path) -> None:
    """Let ``succession`` read and run these files, in this process and the
    ones it starts: the file-size cap (SUCCESSION_MAX_FILE_BYTES) raised
    above them, and the other limits of :data:`TRUSTED_LIMITS`."""
    os.environ.update(TRUSTED_LIMITS)
    biggest = max((p.stat().st_size for p in paths), default=0)
    current = int(os.environ.get("SUCCESSION_MAX_FILE_BYTES", "0") or 0)
    if biggest + 1 > current:
        os.environ["SUCCESSION_MAX_FILE_BYTES"] = str(max(biggest * 2, 5_000_000))


def generate(
    out_dir: str | os.PathLike[str],
    *,
    events: int = DEFAULT_EVENTS,
    seed: int = DEFAULT_SEED,
    people: int = DEFAULT_PEOPLE,
    check: bool = True,
) -> Stats:
    """Write ``rules.yaml`` and ``scenario.yaml`` into ``out_dir``; return what was made.

    With ``check`` the finished scenario is simulated from scratch by the
    engine and by the plain reference, and every holder and acting person of
    every entry must agree (else RuntimeError, naming the first
    disagreement). Up to ``LOAD_CHECK_EVENTS`` events the scenario is read
    back with ``succession.load.load_scenario`` for that (so the loader's
    checks apply too); above, it is validated as a ``Scenario`` model.
    """
    from succession.model.rules import Rules
    from succession.model.scenario import Scenario

    t0 = time.perf_counter()
    rnd = random.Random(seed)
    rdata = rules_data()
    rules = Rules.model_validate(rdata)
    ppl = people_data(people, rnd)
    pool = [p["id"] for p in ppl]
    starters = rnd.sample(pool, len(rdata["offices"]))
    holders = dict(zip(rdata["offices"], starters, strict=True))
    evs, stats = generate_events(rules, ppl, holders, events, rnd)
    head = {
        "schema_version": 1,
        "title": f"Synthetic benchmark scenario ({events:,} events, seed {seed})",
        "description": "Generated by benchmarks/synthetic.py; every event is legal at its point.",
        "rules": RULES_FILE,
        "people": ppl,
        "start": START.isoformat(),
        "holders": holders,
    }
    out = Path(out_dir)
    _, scen_path = write_files(out, rdata, head, evs)
    if check:
        if events <= LOAD_CHECK_EVENTS:
            from succession.load import load_scenario

            trust(scen_path)
            loaded = load_scenario(scen_path)
            stats.entries = verify(loaded.rules.rules, loaded.scenario)
        else:
            trust()
            stats.entries = verify(rules, Scenario.model_validate({**head, "events": evs}))
    stats.seconds = time.perf_counter() - t0
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--events", type=int, default=None, help=f"default {DEFAULT_EVENTS:,}")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--people", type=int, default=DEFAULT_PEOPLE)
    ap.add_argument(
        "--small", action="store_true", help=f"{SMALL_EVENTS:,} events (unless --events is given)"
    )
    ap.add_argument(
        "--no-check",
        action="store_true",
        help="skip the final simulation by the engine and the plain reference",
    )
    args = ap.parse_args(argv)
    n = args.events if args.events is not None else SMALL_EVENTS if args.small else DEFAULT_EVENTS
    stats = generate(
        args.out_dir, events=n, seed=args.seed, people=args.people, check=not args.no_check
    )
    for name in (RULES_FILE, SCENARIO_FILE):
        p = args.out_dir / name
        print(f"{p}: {p.stat().st_size:,} bytes")
    print(
        f"{stats.events:,} events, {stats.people:,} people, in {stats.seconds:.1f} s; "
        f"{stats.batches:,} batches of two simultaneous events, {stats.untimed:,} events "
        "without a time"
    )
    print(
        "by type: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(stats.by_type.items(), key=lambda kv: -kv[1]))
    )
    if not args.no_check:
        print(
            f"checked: the engine and the plain reference agree on every holder and acting "
            f"person of all {stats.entries:,} entries"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

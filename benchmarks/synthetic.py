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
  ``took_office`` by people the lines entitle, declines, impeachments and
  acquittals. Every event is dated (date + time, strictly increasing) and has
  ``source: {record: synthetic}``; a pool of ``--people`` people supplies new
  holders.

Legality: the events are chosen while the scenario is simulated incrementally
with the engine itself (``succession.engine.simulate._Runner``: the same
per-batch ``apply``/``fire`` calls that ``simulate`` makes), so every event is
chosen from what is possible in the state it applies to (a resignation is by
the current holder, a reinstatement follows a suspension, a took_office is by
the person entitled, nobody acts after death, ...). The script then re-runs
``succession.engine.simulate`` over the finished scenario and checks that it
ends in the same state. Loading the file with ``succession.load.load_scenario``
needs ``SUCCESSION_MAX_FILE_BYTES`` above the file's size (100,000 events is
about 13 MB; the default cap is 5 MB): ``raise_file_cap()`` sets it.

Usage (from the repository root)::

    .venv/bin/python benchmarks/synthetic.py OUT_DIR [--events N] [--seed S] [--people P]

or from Python: ``from benchmarks.synthetic import generate`` (or load this
file by path) and call ``generate(out_dir, events=..., seed=...)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # runnable as a script from anywhere
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

RULES_FILE = "rules.yaml"
SCENARIO_FILE = "scenario.yaml"
DEFAULT_EVENTS = 100_000
DEFAULT_PEOPLE = 2_000
DEFAULT_SEED = 2019
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


# --- incremental simulation with the engine ----------------------------------------------


class _Stepper:
    """The engine, one event at a time: the calls ``simulate`` makes, kept open
    so the generator can look at the state before choosing the next event."""

    def __init__(self, rules: Any, scenario: Any) -> None:
        from succession.engine.simulate import _Runner, compile_rules

        self.runner = _Runner(compile_rules(rules), scenario, None)
        start = dt.datetime.combine(scenario.start, dt.time())
        self.state = self.runner.initial(start).state

    def advance(self, instant: dt.datetime) -> Any:
        """Fire the scheduled effects (resignations taking effect) due by ``instant``."""
        r = self.runner
        while r.scheduled and r.scheduled[0].instant <= instant:
            entry = r.fire(self.state, heapq.heappop(r.scheduled))
            if entry is not None:
                self.state = entry.state
        return self.state

    def apply(self, instant: dt.datetime, event: Any) -> Any:
        self.advance(instant)
        self.state = self.runner.apply(self.state, instant, [event]).state
        return self.state

    def drain(self) -> Any:
        r = self.runner
        while r.scheduled:
            entry = r.fire(self.state, heapq.heappop(r.scheduled))
            if entry is not None:
                self.state = entry.state
        return self.state


@dataclass
class Stats:
    events: int
    people: int
    by_type: dict[str, int]
    seconds: float


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


def generate_events(
    rules: Any,
    people: list[dict[str, Any]],
    holders: dict[str, str],
    n_events: int,
    rnd: random.Random,
) -> tuple[list[dict[str, Any]], dict[str, int], Any]:
    """Choose ``n_events`` legal events, simulating as we go."""
    from succession.model.scenario import Event, Scenario

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
    stepper = _Stepper(rules, scenario)
    temp_causes = {oid: list(o.causes.temporary) for oid, o in rules.offices.items()}
    pids = [p["id"] for p in people]
    alive = set(pids)
    events: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    instant = dt.datetime.combine(START, dt.time(8, 0))
    last_resignation: dict[str, str] = {}

    for i in range(n_events):
        instant += dt.timedelta(minutes=rnd.randint(20, 100))
        st = stepper.advance(instant)
        offices = st.offices
        holding = {s.holder_id: oid for oid, s in offices.items() if s.holder_id is not None}
        acting = {s.acting_id for s in offices.values() if s.acting_id is not None}
        held = [oid for oid, s in offices.items() if s.holder is not None]
        vacant = [oid for oid, s in offices.items() if s.holder is None and s.tracked]
        entitled = [oid for oid, s in offices.items() if s.entitled is not None]
        suspended = [oid for oid in held if offices[oid].suspension is not None]
        suspendable = [
            oid
            for oid in held
            if offices[oid].suspension is None
            and temp_causes[oid]
            and offices[oid].resignation is None
        ]
        awaiting = [
            oid
            for oid in held
            if offices[oid].resignation is not None
            and offices[oid].resignation.awaiting is not None
        ]
        resignable = [oid for oid in held if offices[oid].resignation is None]
        impeached = [p for p in holding if st.people[p].impeached]

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
        ev: dict[str, Any] = {
            "id": f"e{i:06d}",
            "date": instant.date().isoformat(),
            "time": instant.strftime("%H:%M"),
        }
        if kind == "took_office":
            oid = rnd.choice(entitled)
            ev.update(type="took_office", person=offices[oid].entitled.person, office=oid)
        elif kind == "declines":
            oid = rnd.choice(entitled)
            ev.update(type="declines", person=offices[oid].entitled.person, office=oid)
        elif kind == "fill":
            oid = rnd.choice(vacant)
            etype, body = _fill_type(oid)
            if rnd.random() < 0.1 and holding:
                pid = rnd.choice(list(holding))  # someone moves from another office
            else:
                pid = rnd.choice(pids)
                while pid not in alive or pid in holding or pid in acting:
                    pid = rnd.choice(pids)
            ev.update(type=etype, person=pid, office=oid)
            if body:
                ev["by"] = body
            if etype == "appointed" and rnd.random() < 0.8:
                ev["confirmed_by"] = "senate"
            if etype == "elected" and rnd.random() < 0.25:
                ev["takes_office"] = False
        elif kind == "resignation":
            oid = rnd.choice(resignable)
            ev.update(type="resignation", person=offices[oid].holder_id, office=oid)
            if oid.startswith("minister_") and rnd.random() < 0.2:
                eff = instant + dt.timedelta(minutes=rnd.randint(30, 300))
                ev["effective_at"] = eff.strftime("%Y-%m-%dT%H:%M")
            last_resignation[oid] = ev["id"]
        elif kind == "resignation_accepted":
            oid = rnd.choice(awaiting)
            pending = offices[oid].resignation
            ev.update(
                type="resignation_accepted",
                person=pending.person,
                office=oid,
                by=pending.awaiting,
                resignation=pending.event,
            )
        elif kind == "suspension":
            oid = rnd.choice(suspendable)
            ev.update(
                type="suspension",
                person=offices[oid].holder_id,
                office=oid,
                cause=rnd.choice(temp_causes[oid]),
            )
        elif kind == "reinstatement":
            oid = rnd.choice(suspended)
            ev.update(type="reinstatement", person=offices[oid].holder_id, office=oid)
        elif kind == "death":
            if holding and rnd.random() < 0.7:
                pid = rnd.choice(list(holding))
            else:
                pid = rnd.choice(pids)
                while pid not in alive:
                    pid = rnd.choice(pids)
            alive.discard(pid)
            ev.update(type="death", person=pid)
        elif kind == "removal":
            oid = rnd.choice(resignable)
            ev.update(
                type="removal",
                person=offices[oid].holder_id,
                office=oid,
                cause=rnd.choice(["removal", "permanent_incapacity", "declared_vacancy"]),
            )
        elif kind == "stop_acting":
            oid = rnd.choice([o for o, s in offices.items() if s.acting_id is not None])
            ev.update(type="resignation", person=offices[oid].acting_id, office=oid)
        elif kind == "impeached":
            ev.update(type="impeached", person=offices[rnd.choice(held)].holder_id)
        elif kind == "acquitted":
            ev.update(type="acquitted", person=rnd.choice(impeached))
        else:  # pragma: no cover
            raise AssertionError(kind)
        ev["source"] = SOURCE
        model = Event.model_validate(ev)
        stepper.apply(model.instant, model)
        counts[ev["type"]] = counts.get(ev["type"], 0) + 1
        events.append(ev)
        if len(alive) < 50:
            raise RuntimeError("the pool of people ran out; pass a larger --people")
    return events, counts, stepper.drain()


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


def raise_file_cap(*paths: Path) -> None:
    """Let ``succession.load`` read files this large (SUCCESSION_MAX_FILE_BYTES)."""
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
    verify: bool = True,
) -> Stats:
    """Write ``rules.yaml`` and ``scenario.yaml`` into ``out_dir``; return what was made.

    With ``verify`` the finished scenario is simulated once more from scratch by
    ``succession.engine.simulate`` and must end where the incremental run did.
    """
    from succession.engine import simulate
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
    evs, counts, final = generate_events(rules, ppl, holders, events, rnd)
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
    write_files(out, rdata, head, evs)
    if verify:
        scenario = Scenario.model_validate({**head, "events": evs})
        timeline = simulate(rules, scenario)
        again = _final_holders(timeline.final)
        del timeline
        if again != _final_holders(final):
            raise RuntimeError("the full simulation disagrees with the incremental one")
    return Stats(len(evs), len(ppl), counts, time.perf_counter() - t0)


def _final_holders(state: Any) -> dict[str, tuple[str | None, str | None]]:
    return {oid: (s.holder_id, s.acting_id) for oid, s in state.offices.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--events", type=int, default=DEFAULT_EVENTS)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--people", type=int, default=DEFAULT_PEOPLE)
    ap.add_argument("--no-verify", action="store_true", help="skip the final full simulation")
    args = ap.parse_args(argv)
    stats = generate(
        args.out_dir,
        events=args.events,
        seed=args.seed,
        people=args.people,
        verify=not args.no_verify,
    )
    for name in (RULES_FILE, SCENARIO_FILE):
        p = args.out_dir / name
        print(f"{p}: {p.stat().st_size:,} bytes")
    print(f"{stats.events:,} events, {stats.people:,} people, in {stats.seconds:.1f} s")
    print(
        "by type: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(stats.by_type.items(), key=lambda kv: -kv[1]))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

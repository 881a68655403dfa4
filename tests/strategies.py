"""Hypothesis strategies for rule files and scenarios, as plain YAML-ready dicts.

* :func:`rule_files` draws a rule file: 2-8 offices ``o0``..``o7`` whose lines
  name only lower-numbered offices (so there are no cycles), with every step
  cited. ``subset=True`` keeps to what :mod:`reference_model` covers.
* :func:`people_and_holders` draws people ``p0``..``pN`` and starting holders.
* :func:`scenarios` draws a whole scenario whose events are legal: events are
  drawn one at a time from a menu of the events possible in the current state.
  The state is tracked by the reference model (``track="reference"``, subset
  rule files only) or by re-running the engine on the events so far
  (``track="engine"``, any rule file).
* :func:`wild_scenarios` draws scenarios whose events may be impossible.

Dates are ``datetime.date`` objects (``yaml.safe_dump`` writes them as
YYYY-MM-DD). Every event has its own day: event ``i`` is on ``START + i + 1``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.reference_model import ReferenceModel

START = dt.date(2000, 1, 1)
#: Later than any birthday that matters to a generated scenario.
END = dt.date(2100, 1, 1)

PERMANENT_CAUSES = (
    "death", "resignation", "removal", "conviction", "declared_vacancy",
    "permanent_incapacity", "abdication", "revocation", "definitive_absence", "abandonment",
)  # fmt: skip
TEMPORARY_CAUSES = (
    "incapacity", "impeachment", "travel", "declared_inability", "illness", "leave",
    "temporary_absence", "other",
)  # fmt: skip
OBLIGATION_KINDS = ("election", "designation", "convene", "other")
SOURCE = {"record": "generated"}


def event_date(i: int) -> dt.date:
    """The date of the ``i``-th event (0-based)."""
    return START + dt.timedelta(days=i + 1)


def office_id(i: int) -> str:
    return f"o{i}"


def person_id(i: int) -> str:
    return f"p{i}"


def dump(data: dict[str, Any]) -> str:
    """YAML text of a generated file (key order kept: office order matters)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.cache
def often(p_true_in_6: int = 5) -> st.SearchStrategy[bool]:
    """True ``p_true_in_6`` times out of 6 (shrinks to False)."""
    return st.integers(0, 5).map(lambda n: n < p_true_in_6)


# --- text ---------------------------------------------------------------------------------

#: Text PyYAML (YAML 1.1) writes unquoted but the project's YAML 1.2-like
#: reader takes for a number, e.g. ``1.0e5``: not a round trip the project
#: promises, so left out.
_YAML12_ONLY_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9]+[eE][0-9]+\Z")

#: Free text for names, titles and notes: any printable text, including text
#: that looks like a number, a date or a YAML keyword.
free_text = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12),
    st.sampled_from(
        ["no", "yes", "on", "null", "~", "1.5", "0x1F", "12:30", "2020-01-01", "- x", "a: b"]
    ),
).filter(lambda t: not _YAML12_ONLY_FLOAT.match(t))
#: Tame text, used where the text is not under test.
plain_text = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


@functools.cache
def citations(wild: bool) -> st.SearchStrategy[Any]:
    """A citation: the article alone, or a mapping."""
    text = free_text if wild else plain_text
    mapping = st.fixed_dictionaries(
        {"article": text},
        optional={
            "source": st.just("src"),
            "quote": text,
            "verified": st.booleans(),
            "note": text,
        },
    )
    return st.one_of(st.builds(lambda n: f"Art. {n}", st.integers(1, 300)), mapping)


# --- rule files -----------------------------------------------------------------------------


@functools.cache
def requirements(
    subset: bool, bodies: tuple[str, ...], wild: bool
) -> st.SearchStrategy[dict[str, Any]]:
    cite = citations(wild)
    kinds = [
        st.fixed_dictionaries({"min_age": st.sampled_from([30, 35, 40]), "citation": cite}),
        st.fixed_dictionaries(
            {"attribute": st.just("citizen"), "equals": st.booleans(), "citation": cite}
        ),
        st.fixed_dictionaries(
            {
                "attribute": st.just("party"),
                "equals": st.sampled_from(["red", "blue"]),
                "citation": cite,
            }
        ),
    ]
    if not subset:
        kinds += [
            st.fixed_dictionaries(
                {
                    "attribute": st.just("years"),
                    "at_least": st.sampled_from([1.0, 5.5, 10.0]),
                    "citation": cite,
                }
            ),
            st.fixed_dictionaries(
                {
                    "attribute": st.just("party"),
                    "one_of": st.lists(
                        st.sampled_from(["red", "blue", "green"]),
                        min_size=1,
                        max_size=2,
                        unique=True,
                    ),
                    "citation": cite,
                }
            ),
            st.fixed_dictionaries({"not_under_impeachment": st.just(True), "citation": cite}),
        ]
        if bodies:
            kinds.append(
                st.fixed_dictionaries({"confirmed_by": st.sampled_from(bodies), "citation": cite})
            )
    return st.one_of(kinds)


@functools.cache
def obligations(bodies: tuple[str, ...], wild: bool) -> st.SearchStrategy[dict[str, Any]]:
    deadline = st.one_of(
        st.fixed_dictionaries({"within_days": st.integers(0, 120)}),
        st.fixed_dictionaries({"within_hours": st.integers(0, 72)}),
    )
    base = st.fixed_dictionaries(
        {
            "kind": st.sampled_from(OBLIGATION_KINDS),
            "description": free_text if wild else plain_text,
        },
        optional={"by": st.sampled_from(bodies)} if bodies else {},
    )
    return st.builds(lambda b, d, c: {**b, **d, "citation": c}, base, deadline, citations(wild))


@functools.cache
def _requirement_lists(
    subset: bool, bodies: tuple[str, ...], wild: bool
) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(requirements(subset, bodies, wild), min_size=1, max_size=2)


@functools.cache
def _obligation_lists(
    bodies: tuple[str, ...], wild: bool
) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(obligations(bodies, wild), min_size=1, max_size=2)


@functools.cache
def _sources(index: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, index - 1), min_size=1, max_size=min(index, 4), unique=True)


_MODES = st.sampled_from(["becomes", "acts", "acts"])
_TENURES = st.sampled_from([None, "leaves", "ex_officio"])
_EFFECTS = st.sampled_from([None, "ipso_facto", "on_taking_office"])
_YIELDS = st.sampled_from([None, "all", "none", "some"])


@st.composite
def lines(
    draw: st.DrawFn,
    index: int,
    kind: str,
    *,
    subset: bool,
    bodies: list[str],
    wild: bool,
    dense: bool = False,
) -> dict[str, Any]:
    """A line for office ``index``: steps naming lower-numbered offices (with
    ``dense``, all of them, in some order)."""
    sources = draw(st.permutations(range(index)) if dense else _sources(index))
    # an elective step somewhere (general files only)
    elective_at = None
    if bodies and not subset and draw(often(1)):
        elective_at = draw(st.integers(0, len(sources)))
    steps: list[dict[str, Any]] = []
    earlier: list[str] = []
    seen_elective = False
    for j in range(len(sources) + (elective_at is not None)):
        step: dict[str, Any] = {}
        if draw(often(1)):
            step["id"] = f"s{j}"
        if j == elective_at:
            step["body"] = draw(st.sampled_from(bodies))
        else:
            step["office"] = office_id(sources[j - (elective_at is not None and j > elective_at)])
        if kind == "temporary" or seen_elective:
            step["mode"] = "acts"
        else:
            step["mode"] = draw(_MODES)
        for name, values in (("tenure", _TENURES), ("takes_effect", _EFFECTS)):
            choice = draw(values)
            if choice is not None:
                step[name] = choice
        yields = draw(_YIELDS)
        if yields == "some":
            if earlier:
                step["yields_to"] = draw(
                    st.lists(st.sampled_from(earlier), min_size=1, unique=True)
                )
        elif yields is not None:
            step["yields_to"] = yields
        if "office" in step and draw(often(1)):
            step["accept_acting"] = True
        if draw(often(1)):
            step["eligibility"] = draw(_requirement_lists(subset, tuple(bodies), wild))
        if draw(often(1)):
            step["obligations"] = draw(_obligation_lists(tuple(bodies), wild))
        step["citation"] = draw(citations(wild))
        if wild and draw(often(1)):
            step["note"] = draw(free_text)
        steps.append(step)
        earlier.append(step.get("office") or step["body"])
        seen_elective = seen_elective or "body" in step
    line: dict[str, Any] = {"steps": steps}
    if draw(st.booleans()):
        line["citation"] = draw(citations(wild))
    return line


@functools.cache
def _lines(
    index: int, kind: str, subset: bool, bodies: tuple[str, ...], wild: bool, dense: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    return lines(index, kind, subset=subset, bodies=list(bodies), wild=wild, dense=dense)


_PERMANENT_LISTS = st.lists(st.sampled_from(PERMANENT_CAUSES), max_size=3, unique=True)
_TEMPORARY_LISTS = st.lists(st.sampled_from(TEMPORARY_CAUSES), max_size=3, unique=True)


@st.composite
def offices(
    draw: st.DrawFn, index: int, *, subset: bool, bodies: list[str], wild: bool, dense: bool = False
) -> dict[str, Any]:
    text = free_text if wild else plain_text
    permanent = draw(_PERMANENT_LISTS)
    for cause in ("removal", "resignation"):
        if cause not in permanent and draw(often(5)):
            permanent.insert(0, cause)
    if not permanent:
        permanent = ["death"]
    temporary = draw(_TEMPORARY_LISTS)
    office: dict[str, Any] = {
        "name": draw(text),
        "citation": draw(citations(wild)),
    }
    if bodies and draw(often(2)):
        office["member_of"] = draw(st.sampled_from(bodies))
    causes: dict[str, Any] = {"permanent": permanent}
    if temporary:
        causes["temporary"] = temporary
    causes["citation"] = draw(citations(wild))
    office["causes"] = causes
    if draw(st.booleans()):
        rule: dict[str, Any] = {}
        if not subset and bodies and draw(often(2)):
            rule = {"effective": "on_acceptance", "accepted_by": draw(st.sampled_from(bodies))}
        elif draw(st.booleans()):
            rule = {"effective": "on_submission"}
        rule["citation"] = draw(citations(wild))
        office["resignation"] = rule
    if draw(often(1)):
        office["eligibility"] = draw(_requirement_lists(subset, tuple(bodies), wild))
    if index > 0:
        office_lines: dict[str, Any] = {}
        if dense or draw(often(5)):
            office_lines["permanent"] = draw(
                _lines(index, "permanent", subset, tuple(bodies), wild, dense)
            )
        if draw(often(3 if dense else 2)):
            office_lines["temporary"] = draw(
                _lines(index, "temporary", subset, tuple(bodies), wild, dense)
            )
        if office_lines:
            office["lines"] = office_lines
    if wild and draw(often(1)):
        office["note"] = draw(free_text)
    return office


@functools.cache
def _offices(
    index: int, subset: bool, bodies: tuple[str, ...], wild: bool, dense: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    return offices(index, subset=subset, bodies=list(bodies), wild=wild, dense=dense)


@st.composite
def rule_files(
    draw: st.DrawFn,
    *,
    subset: bool = False,
    wild_text: bool = False,
    min_offices: int = 2,
    max_offices: int = 8,
    dense: bool = False,
) -> dict[str, Any]:
    """A valid rule file as a plain dict.

    ``subset``: only what the reference model covers (office steps, no
    bodies, resignations on submission, requirements by
    age and attribute). ``wild_text``: names, titles and notes are arbitrary
    text (for the YAML round trip). ``dense``: every line names every
    lower-numbered office (long lines, in which lower steps serve often).
    """
    text = free_text if wild_text else plain_text
    n = draw(st.integers(min_offices, max_offices))
    bodies: list[str] = [] if subset else draw(st.sampled_from([[], ["b0"], ["b0", "b1"]]))
    data: dict[str, Any] = {
        "schema_version": 1,
        "jurisdiction": "gen",
        "title": draw(text),
        "version": draw(st.sampled_from(["1", "2009", "1.0", "v2"])),
        "valid_from": draw(st.dates(dt.date(1800, 1, 1), START)),
    }
    if draw(st.booleans()):
        data["reading"] = draw(text)
    if draw(often(1)):
        data["valid_until"] = draw(st.dates(START, dt.date(2100, 1, 1)))
    if wild_text and draw(st.booleans()):
        data["description"] = draw(free_text)
    source: dict[str, Any] = {"id": "src", "title": draw(text)}
    if wild_text:
        source.update(
            draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "url": st.just("https://example.org/law"),
                        "date": st.dates(dt.date(1800, 1, 1), START),
                        "verified": st.booleans(),
                        "note": free_text,
                    },
                )
            )
        )
    data["sources"] = [source]
    if bodies:
        data["bodies"] = {
            b: {"name": draw(text), "citation": draw(citations(wild_text))} for b in bodies
        }
    data["offices"] = {
        office_id(i): draw(_offices(i, subset, tuple(bodies), wild_text, dense)) for i in range(n)
    }
    return data


# --- people and starting holders ---------------------------------------------------------------


_BIRTHS = st.one_of(
    st.dates(dt.date(1945, 1, 1), dt.date(1980, 12, 31)),
    st.builds(
        lambda age, day: dt.date(2000 - age, 1, day),
        st.sampled_from([30, 35, 40]),
        st.integers(1, 31),
    ),
)
_HOLDER_KINDS = st.sampled_from(["person"] * 6 + ["vacant"] * 4 + ["unknown"])


@st.composite
def people_and_holders(
    draw: st.DrawFn, rules: dict[str, Any], *, suspended: bool = False
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """People ``p0``..``pN`` and a starting holder for every office.

    Some people reach 30, 35 or 40 (the ages rules require) in January 2000,
    while the events unfold.
    """
    office_ids = list(rules["offices"])
    n = len(office_ids) + draw(st.integers(1, 4))
    people: list[dict[str, Any]] = []
    for k in range(n):
        person: dict[str, Any] = {"id": person_id(k), "name": f"Person {k}"}
        if draw(st.booleans()):
            person["born"] = draw(_BIRTHS)
        attributes = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "citizen": st.booleans(),
                    "party": st.sampled_from(["red", "blue", "green"]),
                    "years": st.integers(0, 20),
                },
            )
        )
        if attributes:
            person["attributes"] = attributes
        people.append(person)
    order = draw(st.permutations([p["id"] for p in people]))
    holders: dict[str, Any] = {}
    for i, oid in enumerate(office_ids):
        kind = draw(_HOLDER_KINDS)
        if kind == "person":
            holders[oid] = order[i]
            temporary = rules["offices"][oid]["causes"].get("temporary", [])
            if suspended and temporary and draw(often(1)):
                holders[oid] = {"person": order[i], "suspended": draw(st.sampled_from(temporary))}
        else:
            holders[oid] = kind
    return people, holders


def scenario_dict(
    people: list[dict[str, Any]], holders: dict[str, Any], events: list[dict[str, Any]]
) -> dict[str, Any]:
    """A scenario file as a plain dict."""
    return {
        "schema_version": 1,
        "title": "generated",
        "rules": "generated.yaml",
        "people": people,
        "start": START,
        "holders": holders,
        "events": events,
    }


# --- views of a state: what events are possible -------------------------------------------------


@dataclass
class View:
    """What the event menu needs to know of a state."""

    people: list[str]
    offices: list[str]
    alive: set[str]
    holder: dict[str, str | None]
    acting: dict[str, str | None]
    entitled: dict[str, str | None]
    elect: dict[str, str | None]
    suspended: dict[str, bool]
    known: dict[str, bool]
    ex_officio: dict[str, bool] = field(default_factory=dict)  # held ex officio
    pending: dict[str, tuple[str, str, str | None] | None] = field(default_factory=dict)
    claimants: dict[str, list[str]] = field(default_factory=dict)
    resigned: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def view_of_reference(model: ReferenceModel) -> View:
    offices = list(model.rules["offices"])
    return View(
        people=list(model.people),
        offices=offices,
        alive={p for p in model.people if model.alive(p)},
        holder={o: model.holder_of(o) for o in offices},
        acting={o: model.acting_in(o) for o in offices},
        entitled={o: model.entitled_to(o) for o in offices},
        elect=dict(model.elect),
        suspended={o: model.suspended[o] is not None for o in offices},
        known=dict(model.known),
        ex_officio={
            o: model.holder[o] is not None and model.holder[o].bound_to is not None for o in offices
        },  # type: ignore[union-attr]
    )


def view_of_timeline(timeline: Any, at: dt.datetime) -> View:
    """A view of the engine's state at ``at`` (duck-typed: this module does not
    import the engine). Resignations that took effect are read from the
    vacancies they left."""
    view = view_of_state(timeline.state_at(at))
    for entry in timeline.entries:
        if entry.instant > at:
            break
        for oid, o in entry.state.offices.items():
            v = o.vacancy
            if v is not None and v.cause == "resignation" and v.person and v.events:
                done = view.resigned.setdefault(v.person, [])
                if (oid, v.events[0]) not in done:
                    done.append((oid, v.events[0]))
    return view


def view_of_state(state: Any) -> View:
    """A view of an engine ``State``."""
    offices = list(state.offices)
    return View(
        people=list(state.people),
        offices=offices,
        alive={p for p, ps in state.people.items() if ps.alive},
        holder={o: st_.holder_id for o, st_ in state.offices.items()},
        acting={o: st_.acting_id for o, st_ in state.offices.items()},
        entitled={
            o: st_.entitled.person if st_.entitled else None for o, st_ in state.offices.items()
        },
        elect={o: st_.elect.person if st_.elect else None for o, st_ in state.offices.items()},
        suspended={o: st_.suspension is not None for o, st_ in state.offices.items()},
        known={o: st_.tracked for o, st_ in state.offices.items()},
        ex_officio={
            o: st_.holder is not None and st_.holder.bound_to is not None
            for o, st_ in state.offices.items()
        },
        pending={
            o: (st_.resignation.person, st_.resignation.event, st_.resignation.awaiting)
            if st_.resignation
            else None
            for o, st_ in state.offices.items()
        },
        claimants={o: [c.person for c in st_.claims] for o, st_ in state.offices.items()},
    )


Option = dict[str, Any]


def menu(view: View, rules: dict[str, Any], *, subset: bool) -> dict[str, list[Option]]:
    """Every possible next event (without id, date and source), by type.

    ``subset`` leaves out what the reference model does not cover: claims
    (took_office without entitlement), resignations effective later or
    awaiting acceptance, and the event types the reference does not model.
    """
    alive = sorted(view.alive)
    out: dict[str, list[Option]] = {}

    def add(kind: str, **fields: Any) -> None:
        out.setdefault(kind, []).append({"type": kind, **fields})

    for p in alive:
        add("death", person=p)
    for o in view.offices:
        h = view.holder[o]
        if h is not None and h in view.alive:
            if view.pending.get(o) is None:
                add("resignation", person=h, office=o)
            add("removal", person=h, office=o)
            if view.suspended[o]:
                add("reinstatement", person=h, office=o)
            else:
                add("suspension", person=h, office=o)
            add("took_office", person=h, office=o)  # confirms
        if view.acting[o] is not None and view.acting[o] in view.alive:
            add("resignation", person=view.acting[o], office=o)
        e = view.entitled[o]
        x = view.elect[o]
        for due in dict.fromkeys((e, x)):
            if due is not None and due in view.alive and due != h:
                add("took_office", person=due, office=o)
                add("resignation", person=due, office=o)
                add("declines", person=due, office=o)
        for p in alive:
            if p != h:
                add("declines", person=p, office=o)
            add("elected", person=p, office=o)
            if not subset:
                add("took_office", person=p, office=o)
                add("appointed", person=p, office=o)
        if not subset:
            for c in view.claimants.get(o, []):
                if c in view.alive and c not in (h, view.acting[o], e, x):
                    add("resignation", person=c, office=o)
            if h is not None:
                add("vacancy_declared", office=o)
            pend = view.pending.get(o)
            if pend is not None and pend[2] is not None and pend[0] in view.alive:
                add(
                    "resignation_accepted",
                    person=pend[0],
                    office=o,
                    resignation=pend[1],
                    by=pend[2],
                )
            if pend is not None and pend[0] in view.alive:
                add("resignation_withdrawn", person=pend[0], office=o, resignation=pend[1])
    if not subset:
        for p in alive:
            add("impeached", person=p)
            add("acquitted", person=p)
            for o, ev_id in view.resigned.get(p, []):
                add("resignation_accepted", person=p, office=o, resignation=ev_id)
        for o in view.offices:
            for p in alive:
                for step in (
                    (rules["offices"][o].get("lines") or {}).get("permanent", {}).get("steps", [])
                ):
                    if "body" in step:
                        add("designated", person=p, office=o, by=step["body"])
    return out


#: The order in which event types are offered (shrinking prefers the first).
EVENT_ORDER = (
    "death", "resignation", "removal", "suspension", "reinstatement", "took_office", "elected",
    "declines", "appointed", "designated", "vacancy_declared", "resignation_accepted",
    "resignation_withdrawn", "impeached", "acquitted",
)  # fmt: skip


WEIGHTS = {"elected": 3, "took_office": 2, "reinstatement": 2}


@st.composite
def next_event(
    draw: st.DrawFn,
    view: View,
    rules: dict[str, Any],
    i: int,
    *,
    subset: bool,
    only: str | None = None,
) -> dict[str, Any] | None:
    """One possible next event, numbered ``i`` (of type ``only`` if given);
    None when nothing can happen."""
    options = menu(view, rules, subset=subset)
    kinds = [k for k in EVENT_ORDER if options.get(k) and only in (None, k)]
    if not kinds:
        return None
    # Where succession gets interesting: someone becomes available to a line
    # in which a lower step serves, or nobody serves. Offer those events half
    # of the time: elections into (and reinstatements in) the offices such
    # lines draw on, and entitled people taking office.
    waiting = {
        step.get("office")
        for t, o in rules["offices"].items()
        if view.acting[t] is not None or view.holder[t] is None or view.suspended[t]
        for line in (o.get("lines") or {}).values()
        for step in line["steps"]
    }
    # ... and vacancies where a holder-elect waits, or where the line draws on
    # an office held ex officio
    on_ex_officio = {
        t
        for t, o in rules["offices"].items()
        for line in (o.get("lines") or {}).values()
        for step in line["steps"]
        if view.ex_officio.get(step.get("office", ""), False)
    }
    interesting = [
        o
        for k in kinds
        for o in options[k]
        if (
            k in ("elected", "appointed")
            and view.holder[o["office"]] is None
            and o["office"] in waiting
        )
        or (k == "reinstatement" and o["office"] in waiting)
        or (
            k == "took_office"
            and o["person"] in (view.entitled[o["office"]], view.elect[o["office"]])
        )
        or (
            k in ("resignation", "removal")
            and view.holder[o["office"]] == o["person"]
            and (view.elect[o["office"]] is not None or o["office"] in on_ex_officio)
        )
    ]
    if interesting and draw(st.booleans()):
        choices = interesting
        kind = draw(
            st.sampled_from(sorted({o["type"] for o in interesting}, key=EVENT_ORDER.index))
        )
        choices = [o for o in interesting if o["type"] == kind]
    else:
        # elections and taking office up are offered more often than the rest
        kind = draw(st.sampled_from([k for k in kinds for _ in range(WEIGHTS.get(k, 1))]))
        choices = options[kind]
        if kind in ("elected", "appointed"):
            vacant = [o for o in choices if view.holder[o["office"]] is None]
            if vacant and draw(often(4)):
                choices = vacant
    ev = dict(draw(st.sampled_from(choices)))
    office = rules["offices"].get(ev.get("office", ""), {})
    if kind == "removal" and draw(often(2)):
        ev["cause"] = draw(st.sampled_from(PERMANENT_CAUSES))
    if kind == "vacancy_declared":
        if draw(st.booleans()):
            ev["cause"] = draw(st.sampled_from(PERMANENT_CAUSES))
        if draw(st.booleans()) and view.holder[ev["office"]] is not None:
            ev["person"] = view.holder[ev["office"]]
    if kind == "suspension":
        recognised = office["causes"].get("temporary", [])
        ev["cause"] = draw(
            st.sampled_from(recognised)
            if recognised and draw(often(5))
            else st.sampled_from(TEMPORARY_CAUSES)
        )
    # into a held office, often as holder-elect (taking office later)
    if kind in ("elected", "appointed", "designated") and draw(
        often(3 if view.holder[ev["office"]] is not None else 1)
    ):
        ev["takes_office"] = False
    if kind == "resignation" and not subset and draw(often(1)):
        ev["effective_at"] = dt.datetime.combine(event_date(i), dt.time()) + dt.timedelta(
            hours=draw(st.sampled_from([6, 30, 60]))
        )
    if kind == "elected" and not subset and draw(often(1)):
        bodies = list(rules.get("bodies", {}))
        if bodies:
            ev["by"] = draw(st.sampled_from(bodies))
    return {"id": f"e{i}", "date": event_date(i), **ev, "source": dict(SOURCE)}


# --- whole scenarios ---------------------------------------------------------------------------


@dataclass
class Generated:
    """A rule file, a scenario over it and, when the reference model tracked
    the events, its snapshot after the start and after each event."""

    rules: dict[str, Any]
    scenario: dict[str, Any]
    snapshots: list[dict[str, Any]] | None = None
    final: dict[str, Any] | None = None  # after everyone has reached every age that matters

    def rules_yaml(self) -> str:
        return dump(self.rules)

    def scenario_yaml(self) -> str:
        return dump(_yaml_ready(self.scenario))


def _yaml_ready(data: Any) -> Any:
    """Datetimes as ISO text (the loader reads them back)."""
    if isinstance(data, dict):
        return {k: _yaml_ready(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_yaml_ready(v) for v in data]
    if isinstance(data, dt.datetime):
        return data.isoformat()
    return data


#: Engine runner used by ``track="engine"``: (rules dict, scenario dict) -> the
#: engine's timeline. Given by the tests (this module does not import the engine).
EngineProbe = Callable[[dict[str, Any], dict[str, Any]], Any]


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    subset: bool,
    track: str = "reference",
    probe: EngineProbe | None = None,
    min_events: int = 0,
    max_events: int = 12,
    max_offices: int = 8,
    dense: bool = False,
    rules: dict[str, Any] | None = None,
) -> Generated:
    """A rule file and a scenario with legal events.

    ``track="reference"`` needs ``subset=True``; ``track="engine"`` needs
    ``probe`` (a function giving the engine's timeline).
    """
    if rules is None:
        rules = draw(rule_files(subset=subset, max_offices=max_offices, dense=dense))
    people, holders = draw(people_and_holders(rules, suspended=not subset))
    n = draw(st.integers(min_events, max_events))
    events: list[dict[str, Any]] = []
    if track == "reference":
        assert subset, "the reference model only tracks subset rule files"
        model = ReferenceModel.start(rules, people, holders, START)
        snapshots = [model.snapshot()]
        for i in range(n):
            model.advance(event_date(i))
            ev = draw(next_event(view_of_reference(model), rules, i, subset=True))
            if ev is None:
                break
            model.apply(ev)
            events.append(ev)
            snapshots.append(model.snapshot())
        model.advance(END)
        return Generated(rules, scenario_dict(people, holders, events), snapshots, model.snapshot())
    assert probe is not None
    for i in range(n):
        at = dt.datetime.combine(event_date(i), dt.time())
        timeline = probe(rules, scenario_dict(people, holders, events))
        view = view_of_timeline(timeline, at)
        # an acceptance names a resignation event (a removal for the cause
        # "resignation" also leaves a vacancy caused by resignation)
        resignations = {e["id"] for e in events if e["type"] == "resignation"}
        view.resigned = {
            p: [r for r in done if r[1] in resignations] for p, done in view.resigned.items()
        }
        ev = draw(next_event(view, rules, i, subset=subset))
        if ev is None:
            break
        events.append(ev)
    return Generated(rules, scenario_dict(people, holders, events))


@st.composite
def wild_scenarios(draw: st.DrawFn, *, max_events: int = 10) -> Generated:
    """A rule file and a scenario whose events may be impossible (dead people
    acting, resignations of offices never held, unknown names...)."""
    rules = draw(rule_files(subset=False, max_offices=5))
    people, holders = draw(people_and_holders(rules, suspended=True))
    pids = [p["id"] for p in people]
    offices_ = list(rules["offices"])
    events: list[dict[str, Any]] = []
    from_menu_types = sorted(EVENT_ORDER)
    for i in range(draw(st.integers(1, max_events))):
        kind = draw(st.sampled_from(from_menu_types))
        ev: dict[str, Any] = {"id": f"e{i}", "date": event_date(i), "type": kind}
        ev["person"] = draw(st.one_of(st.sampled_from(pids), st.just("Nobody Known")))
        ev["office"] = draw(st.sampled_from(offices_))
        if kind == "suspension":
            ev["cause"] = draw(st.sampled_from(TEMPORARY_CAUSES))
        if kind in ("removal", "vacancy_declared") and draw(st.booleans()):
            ev["cause"] = draw(st.sampled_from(PERMANENT_CAUSES))
        if kind == "resignation" and draw(often(1)):
            ev["effective_at"] = dt.datetime.combine(event_date(i), dt.time()) + dt.timedelta(
                hours=30
            )
        if kind in ("elected", "appointed", "designated") and draw(often(2)):
            ev["takes_office"] = False
        if kind == "resignation_accepted" and draw(st.booleans()):
            earlier = [e["id"] for e in events if e["type"] == "resignation"]
            if earlier:
                ev["resignation"] = draw(st.sampled_from(earlier))
        if (
            rules.get("bodies")
            and kind in ("designated", "resignation_accepted", "elected")
            and draw(st.booleans())
        ):
            ev["by"] = draw(st.sampled_from(list(rules["bodies"])))
        if i and draw(often(1)):  # same day as the previous event
            ev["date"] = events[-1]["date"]
            if draw(st.booleans()):
                ev["simultaneous_with"] = events[-1]["id"]
        ev["source"] = dict(SOURCE)
        events.append(ev)
    return Generated(rules, scenario_dict(people, holders, events))

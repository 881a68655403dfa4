"""Hypothesis strategies for rule files and scenarios, as plain YAML-ready dicts.

* :func:`rule_files` draws a rule file: 2-8 offices whose lines name only
  offices earlier in the file (so there are no cycles), with every step
  cited. Office ids are a shuffle of ``o0``..``o7``, so that their sorted
  order is not the file's order. Lines draw on offices, on named people
  (``p0``..``p2``) and on designations by bodies; ``sides=True`` splits the
  offices into two groups whose lines never meet.
* :func:`people_and_holders` draws people ``p0``..``pN`` and starting holders.
* :func:`scenarios` draws a whole scenario whose events are legal: events are
  drawn one act at a time from a menu of the events possible in the current
  state, which :mod:`tests.reference_model` tracks. Events come with and
  without a time of day, several on one day and at one instant, joined by
  ``simultaneous_with`` into one act, and at the instant a resignation takes
  effect; the generated scenario carries the reference model's state after
  every act and every effect (:class:`Checkpoint`).
* :func:`wild_scenarios` draws scenarios whose events may be impossible.

Dates are ``datetime.date`` objects (``yaml.safe_dump`` writes them as
YYYY-MM-DD); times of day are ``"HH:MM"`` text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.reference_model import ReferenceModel, Snapshot

START = dt.date(2000, 1, 1)
#: Later than any birthday or effect that matters to a generated scenario.
END = dt.datetime(2100, 1, 1)

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
#: People a rule file may name in a step (every generated scenario has them).
NAMED = ("p0", "p1", "p2")
#: Times of day events are given, in order (shrinking prefers the first).
TIMES = ("09:00", "00:00", "12:30", "18:41", "18:51", "23:59")


def office_id(i: int) -> str:
    return f"o{i}"


def person_id(i: int) -> str:
    return f"p{i}"


def dump(data: dict[str, Any]) -> str:
    """YAML text of a generated file (key order kept: office order matters)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """A dumper that writes a value used twice (a date shared by events) in
    full each time: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


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
def requirements(bodies: tuple[str, ...], wild: bool) -> st.SearchStrategy[dict[str, Any]]:
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
                    st.sampled_from(["red", "blue", "green"]), min_size=1, max_size=2, unique=True
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
    bodies: tuple[str, ...], wild: bool
) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(requirements(bodies, wild), min_size=1, max_size=2)


@functools.cache
def _obligation_lists(
    bodies: tuple[str, ...], wild: bool
) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(obligations(bodies, wild), min_size=1, max_size=2)


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
    ids: tuple[str, ...],
    bodies: list[str],
    wild: bool,
    dense: bool = False,
    sides: bool = False,
) -> dict[str, Any]:
    """A line for the office at place ``index`` of the file: steps naming
    offices earlier in the file (with ``dense``, all of them, in some order;
    with ``sides``, only those of the same side), a named person or a body's
    designation now and then."""
    below = [j for j in range(index) if not sides or j % 2 == index % 2]
    if not below:
        below = []
    if dense:
        sources = draw(st.permutations(below))
    elif below:
        sources = draw(st.lists(st.sampled_from(below), min_size=1, max_size=4, unique=True))
    else:
        sources = []
    # a named person somewhere (not across sides: a person belongs to no side)
    if not sides and draw(often(1)):
        sources.insert(draw(st.integers(0, len(sources))), -1)
    # an elective step somewhere
    elective_at = None
    if bool(bodies) and draw(often(1)):
        elective_at = draw(st.integers(0, len(sources)))
        sources.insert(elective_at, -2)
    if not sources:
        sources = [-2] if bodies else [-1] if not sides else []
    steps: list[dict[str, Any]] = []
    earlier: list[str] = []
    seen_elective = False
    for j, source in enumerate(sources):
        step: dict[str, Any] = {}
        if draw(often(1)):
            step["id"] = f"s{j}"
        if source == -2:
            step["body"] = draw(st.sampled_from(bodies))
        elif source == -1:
            step["person"] = draw(st.sampled_from(NAMED))
        else:
            step["office"] = ids[source]
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
            step["eligibility"] = draw(_requirement_lists(tuple(bodies), wild))
        if draw(often(1)):
            step["obligations"] = draw(_obligation_lists(tuple(bodies), wild))
        step["citation"] = draw(citations(wild))
        if wild and draw(often(1)):
            step["note"] = draw(free_text)
        steps.append(step)
        earlier.append(step.get("office") or step.get("person") or step["body"])
        seen_elective = seen_elective or "body" in step
    line: dict[str, Any] = {"steps": steps}
    if draw(st.booleans()):
        line["citation"] = draw(citations(wild))
    return line


_PERMANENT_LISTS = st.lists(st.sampled_from(PERMANENT_CAUSES), max_size=3, unique=True)
_TEMPORARY_LISTS = st.lists(st.sampled_from(TEMPORARY_CAUSES), max_size=3, unique=True)


@st.composite
def offices(
    draw: st.DrawFn,
    index: int,
    *,
    ids: tuple[str, ...],
    bodies: list[str],
    wild: bool,
    dense: bool = False,
    sides: bool = False,
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
    if bool(bodies) and draw(often(2)):
        office["member_of"] = draw(st.sampled_from(bodies))
    causes: dict[str, Any] = {"permanent": permanent}
    if temporary:
        causes["temporary"] = temporary
    causes["citation"] = draw(citations(wild))
    office["causes"] = causes
    if draw(often(4)):
        rule: dict[str, Any] = {}
        if bool(bodies) and draw(often(4)):
            rule = {"effective": "on_acceptance", "accepted_by": draw(st.sampled_from(bodies))}
        elif draw(st.booleans()):
            rule = {"effective": "on_submission"}
        rule["citation"] = draw(citations(wild))
        office["resignation"] = rule
    if draw(often(1)):
        office["eligibility"] = draw(_requirement_lists(tuple(bodies), wild))
    if index > 0:
        office_lines: dict[str, Any] = {}
        kw = {"ids": ids, "bodies": bodies, "wild": wild, "dense": dense, "sides": sides}
        if dense or draw(often(5)):
            line = draw(lines(index, "permanent", **kw))  # type: ignore[arg-type]
            if line["steps"]:
                office_lines["permanent"] = line
        if draw(often(3 if dense else 2)):
            line = draw(lines(index, "temporary", **kw))  # type: ignore[arg-type]
            if line["steps"]:
                office_lines["temporary"] = line
        if office_lines:
            office["lines"] = office_lines
    if wild and draw(often(1)):
        office["note"] = draw(free_text)
    return office


@st.composite
def rule_files(
    draw: st.DrawFn,
    *,
    wild_text: bool = False,
    min_offices: int = 2,
    max_offices: int = 8,
    dense: bool = False,
    sides: bool = False,
) -> dict[str, Any]:
    """A valid rule file as a plain dict.

    ``wild_text``: names, titles and notes are arbitrary text (for the YAML
    round trip). ``dense``: every line names every earlier office (long
    lines, in which lower steps serve often). ``sides``: the offices at even
    and at odd places of the file form two groups whose lines never name
    each other (see :func:`side_of_office`).
    """
    text = free_text if wild_text else plain_text
    n = draw(st.integers(min_offices, max_offices))
    ids = tuple(draw(st.permutations([office_id(i) for i in range(n)])))
    bodies: list[str] = draw(st.sampled_from([[], ["b0"], ["b0", "b1"]]))
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
    kw = {"ids": ids, "bodies": bodies, "wild": wild_text, "dense": dense, "sides": sides}
    data["offices"] = {ids[i]: draw(offices(i, **kw)) for i in range(n)}  # type: ignore[arg-type]
    return data


def side_of_office(rules: dict[str, Any], oid: str) -> int:
    """The side of an office of a ``sides=True`` rule file: its place in the file, modulo 2."""
    return list(rules["offices"]).index(oid) % 2


def side_of_person(pid: str) -> int:
    """The side of a person of a ``sides=True`` scenario."""
    return int(pid[1:]) % 2


# --- people and starting holders ---------------------------------------------------------------


_BIRTHS = st.one_of(
    st.dates(dt.date(1945, 1, 1), dt.date(1980, 12, 31)),
    # reaching 30, 35 or 40 while the events unfold
    st.builds(
        lambda age, month, day: dt.date(2000 - age, month, day),
        st.sampled_from([30, 35, 40]),
        st.integers(1, 2),
        st.integers(1, 28),
    ),
    # born on 29 February: 40 on 29 February 2000; 35 on 1 March 2003
    st.sampled_from([dt.date(1960, 2, 29), dt.date(1968, 2, 29), dt.date(1965, 3, 1)]),
)
_HOLDER_KINDS = st.sampled_from(["person"] * 6 + ["vacant"] * 4 + ["unknown"])


@st.composite
def people_and_holders(
    draw: st.DrawFn, rules: dict[str, Any], *, suspended: bool = True, sides: bool = False
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """People ``p0``..``pN`` and a starting holder for every office.

    Some people reach 30, 35 or 40 (the ages rules require) while the events
    unfold, some of them born on 29 February. With ``sides``, an office's
    starting holder is of its side.
    """
    office_ids = list(rules["offices"])
    n = max(len(office_ids) + draw(st.integers(1, 4)), len(NAMED))
    if sides:
        n += n % 2
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
    pools = [[p["id"] for p in people if not sides or side_of_person(p["id"]) == s] for s in (0, 1)]
    order = [draw(st.permutations(pool)) for pool in pools]
    bodies = list(rules.get("bodies") or {})
    holders: dict[str, Any] = {}
    for oid in office_ids:
        kind = draw(_HOLDER_KINDS)
        pool = order[side_of_office(rules, oid) if sides else 0]
        if kind == "person" and pool:
            who = pool.pop(0)
            spec: dict[str, Any] = {"person": who}
            temporary = rules["offices"][oid]["causes"].get("temporary", [])
            if suspended and temporary and draw(often(1)):
                spec["suspended"] = draw(st.sampled_from(temporary))
            if bool(bodies) and draw(often(2)):
                spec["confirmed_by"] = draw(st.sampled_from(bodies))
            holders[oid] = spec if len(spec) > 1 else who
        else:
            holders[oid] = kind if kind != "person" else "vacant"
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
    #: office -> (person, resignation event, body awaited) of a pending resignation
    pending: dict[str, tuple[str, str, str | None] | None] = field(default_factory=dict)
    claimants: dict[str, list[str]] = field(default_factory=dict)
    #: person -> (office, resignation event) of resignations that took effect
    resigned: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: with sides: the side of each office and person
    side: dict[str, int] | None = None


def view_of_reference(model: ReferenceModel, *, sides: bool = False) -> View:
    offices = list(model.rules["offices"])
    resigned: dict[str, list[tuple[str, str]]] = {}
    for (pid, oid), done in model.resigned.items():
        resigned.setdefault(pid, []).extend((oid, e) for e in done if e in model.submitted)
    side = None
    if sides:
        side = {o: side_of_office(model.rules, o) for o in offices}
        side.update({p: side_of_person(p) for p in model.people})
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
        ex_officio={o: _bound(model, o) for o in offices},
        pending={
            o: (p.person, p.event, p.awaiting) if (p := model.pending[o]) is not None else None
            for o in offices
        },
        claimants={o: list(model.claims[o]) for o in offices},
        resigned=resigned,
        side=side,
    )


def _bound(model: ReferenceModel, oid: str) -> bool:
    seat = model.holder[oid]
    return seat is not None and seat.bound_to is not None


Option = dict[str, Any]


def menu(view: View, rules: dict[str, Any]) -> dict[str, list[Option]]:
    """Every possible next event (without id, date and source), by type."""
    alive = sorted(view.alive)
    out: dict[str, list[Option]] = {}
    bodies = list(rules.get("bodies") or {})

    def add(kind: str, **fields: Any) -> None:
        out.setdefault(kind, []).append({"type": kind, **fields})

    def together(pid: str, oid: str) -> bool:
        return view.side is None or view.side[pid] == view.side[oid]

    for p in alive:
        add("death", person=p)
        add("impeached", person=p)
        add("acquitted", person=p)
        for o, ev_id in view.resigned.get(p, []):
            add("resignation_accepted", person=p, office=o, resignation=ev_id)
    for o in view.offices:
        h = view.holder[o]
        a = view.acting[o]
        e = view.entitled[o]
        x = view.elect[o]
        if h is not None and h in view.alive:
            if view.pending.get(o) is None:
                add("resignation", person=h, office=o)
            add("removal", person=h, office=o)
            if view.suspended[o]:
                add("reinstatement", person=h, office=o)
            else:
                add("suspension", person=h, office=o)
            add("took_office", person=h, office=o)  # confirms
            add("vacancy_declared", office=o)
            add("vacancy_declared", office=o, person=h)
        if a is not None and a in view.alive:
            add("resignation", person=a, office=o)
            add("took_office", person=a, office=o, role="acting")  # confirms the exercise
        for due in dict.fromkeys((e, x)):
            if due is not None and due in view.alive and due != h:
                add("took_office", person=due, office=o)
                add("took_office", person=due, office=o, role="acting")
                add("resignation", person=due, office=o)
                add("declines", person=due, office=o)
        for c in view.claimants.get(o, []):
            if c in view.alive and c not in (h, a, e, x):
                add("resignation", person=c, office=o)
        pend = view.pending.get(o)
        if pend is not None and pend[0] in view.alive:
            person, event, awaiting = pend
            if awaiting is not None:
                add("resignation_accepted", person=person, office=o, resignation=event, by=awaiting)
                for other in bodies:
                    if other != awaiting:  # not the body the rules name: still pending
                        add("resignation_accepted", person=person, office=o, by=other)
            add("resignation_accepted", person=person, office=o)
            add("resignation_withdrawn", person=person, office=o, resignation=event)
            add("resignation_rejected", person=person, office=o)
        for p in alive:
            if not together(p, o):
                continue
            if p != h:
                add("declines", person=p, office=o)
            add("elected", person=p, office=o)
            add("appointed", person=p, office=o)
            add("took_office", person=p, office=o)  # a claim, unless entitled
            for step in ((rules["offices"][o].get("lines") or {}).get("permanent") or {}).get(
                "steps", []
            ):
                if "body" in step:
                    add("designated", person=p, office=o, by=step["body"])
    return out


#: The order in which event types are offered (shrinking prefers the first).
EVENT_ORDER = (
    "death", "resignation", "removal", "suspension", "reinstatement", "took_office", "elected",
    "declines", "appointed", "designated", "vacancy_declared", "resignation_accepted",
    "resignation_withdrawn", "resignation_rejected", "impeached", "acquitted",
)  # fmt: skip

#: Event types that may join an act with others (applied together, then the
#: lines evaluated once), when they concern other people and offices.
JOINABLE = (
    "death", "resignation", "removal", "suspension", "reinstatement", "declines", "elected",
    "appointed", "impeached", "acquitted",
)  # fmt: skip

WEIGHTS = {"elected": 3, "took_office": 2, "reinstatement": 2}


def involved(view: View, ev: Option) -> set[str]:
    """The people and offices an event touches (for acts of several events)."""
    out: set[str] = set()
    for key in ("person", "office"):
        if ev.get(key) is not None:
            out.add(ev[key])
    o = ev.get("office")
    if o is not None:
        out.update(p for p in (view.holder[o], view.acting[o]) if p is not None)
    p = ev.get("person")
    if p is not None:
        out.update(o for o in view.offices if p in (view.holder[o], view.acting[o]))
    return out


@st.composite
def next_event(
    draw: st.DrawFn,
    view: View,
    rules: dict[str, Any],
    at: dt.datetime,
    *,
    only: str | None = None,
    kinds: tuple[str, ...] = EVENT_ORDER,
    avoid: frozenset[str] = frozenset(),
) -> Option | None:
    """One possible next event at ``at`` (without id, date and source; of
    type ``only`` if given, of one of ``kinds``, touching nothing of
    ``avoid``); None when nothing can happen."""
    options = menu(view, rules)
    if avoid:
        options = {
            k: [o for o in opts if not (involved(view, o) & avoid)] for k, opts in options.items()
        }
    kinds = tuple(k for k in kinds if options.get(k) and only in (None, k))
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
        # resignations awaiting acceptance, and their fate
        or k in ("resignation_accepted", "resignation_withdrawn", "resignation_rejected")
        or (
            k == "resignation"
            and view.holder[o["office"]] == o["person"]
            and (rules["offices"][o["office"]].get("resignation") or {}).get("effective")
            == "on_acceptance"
        )
    ]
    if bool(interesting) and draw(st.booleans()):
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
            if bool(vacant) and draw(often(4)):
                choices = vacant
    ev = dict(draw(st.sampled_from(choices)))
    office = rules["offices"].get(ev.get("office", ""), {})
    bodies = list(rules.get("bodies") or {})
    if kind == "removal" and draw(often(2)):
        ev["cause"] = draw(st.sampled_from(PERMANENT_CAUSES))
    if kind == "vacancy_declared" and draw(st.booleans()):
        ev["cause"] = draw(st.sampled_from(PERMANENT_CAUSES))
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
    if kind == "appointed" and bool(bodies) and draw(often(2)):
        ev["confirmed_by"] = draw(st.sampled_from(bodies))
    if kind == "resignation" and draw(often(3)):
        later = draw(
            st.sampled_from(
                [dt.timedelta(minutes=10), *(dt.timedelta(hours=h) for h in (6, 30, 60))]
            )
        )
        ev["effective_at"] = at + later
    if kind == "elected" and bool(bodies) and draw(often(1)):
        ev["by"] = draw(st.sampled_from(bodies))
    return ev


# --- when events happen ------------------------------------------------------------------------


@dataclass
class Clock:
    """Where the events have got to: the instant of the last act, and the
    latest time of day given on its day (events are listed in order)."""

    instant: dt.datetime = dt.datetime(START.year, START.month, START.day)
    latest: str | None = None
    first: bool = True

    def after(self, at: dt.datetime, time: str | None) -> Clock:
        """The clock after an act at ``at``, given at ``time`` (or without a time)."""
        same_day = not self.first and self.instant.date() == at.date()
        return Clock(at, time if time is not None else self.latest if same_day else None, False)


@st.composite
def timings(draw: st.DrawFn, clock: Clock, due: list[dt.datetime]) -> tuple[dt.date, str | None]:
    """The date and time (or no time) of the next act: a later day, the same
    day (without a time, just after the previous event; or at a time not
    before the latest given), or exactly when something ``due`` (a
    resignation taking effect) happens."""
    ahead = sorted(d for d in due if d > clock.instant)
    choice = draw(st.integers(0, 5))
    if ahead and choice == 5:
        at = draw(st.sampled_from(ahead))
        return at.date(), f"{at:%H:%M}"
    if clock.first or choice in (0, 1):
        day = clock.instant.date() + dt.timedelta(days=draw(st.integers(1, 3)))
        time = draw(st.sampled_from([None, None, *TIMES]))
        return day, time
    day = clock.instant.date()
    if choice == 2:
        return day, None  # just after the previous event
    later = [t for t in TIMES if clock.latest is None or t >= clock.latest]
    if not later:
        return day, None
    return day, draw(st.sampled_from(later))


def instant_of(clock: Clock, day: dt.date, time: str | None) -> dt.datetime:
    """The instant an event of ``day`` at ``time`` happens (see
    :func:`tests.reference_model.event_instants`)."""
    if time is not None:
        hours, minutes = time.split(":")
        return dt.datetime.combine(day, dt.time(int(hours), int(minutes)))
    if not clock.first and clock.instant.date() == day:
        return clock.instant
    return dt.datetime.combine(day, dt.time())


# --- whole scenarios ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """The reference model's state after an act, an effect or a birthday.

    ``kind`` is ``start``, ``event`` (``events``: the act's event ids),
    ``effect`` (``events``: the resignation taking effect) or ``birthday``
    (someone reaching an age a rule requires changed something).
    """

    instant: dt.datetime
    kind: str
    events: tuple[str, ...]
    snapshot: dict[str, Snapshot]


@dataclass
class Generated:
    """A rule file, a scenario over it and, when the reference model tracked
    the events, its state at every checkpoint and at the end."""

    rules: dict[str, Any]
    scenario: dict[str, Any]
    checkpoints: list[Checkpoint] | None = None
    final: dict[str, Snapshot] | None = None  # after everyone has reached every age that matters

    def rules_yaml(self) -> str:
        return dump(self.rules)

    def scenario_yaml(self) -> str:
        return dump(yaml_ready(self.scenario))


def yaml_ready(data: Any) -> Any:
    """Datetimes as ISO text (the loader reads them back)."""
    if isinstance(data, dict):
        return {k: yaml_ready(v) for k, v in data.items()}
    if isinstance(data, list):
        return [yaml_ready(v) for v in data]
    if isinstance(data, dt.datetime):
        return data.isoformat()
    return data


def _effects(model: ReferenceModel, seen: int) -> list[Checkpoint]:
    out = []
    for at, what, snap in model.effects[seen:]:
        if what == "birthday":
            out.append(Checkpoint(at, "birthday", (), snap))
        else:
            out.append(Checkpoint(at, "effect", (what,), snap))
    return out


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    min_events: int = 0,
    max_events: int = 12,
    max_offices: int = 8,
    dense: bool = False,
    sides: bool = False,
    acts: bool = True,
    rules: dict[str, Any] | None = None,
) -> Generated:
    """A rule file and a scenario with legal events, with the reference
    model's state at every checkpoint.

    ``acts``: some acts join several events with ``simultaneous_with``.
    ``sides``: see :func:`rule_files`; every event stays on one side.
    """
    if rules is None:
        rules = draw(rule_files(max_offices=max_offices, dense=dense, sides=sides))
    people, holders = draw(people_and_holders(rules, sides=sides))
    model = ReferenceModel.start(rules, people, holders, START)
    checkpoints = [Checkpoint(model.now, "start", (), model.snapshot())]
    n = draw(st.integers(min_events, max_events))
    events: list[dict[str, Any]] = []
    clock = Clock()
    while len(events) < n:
        day, time = draw(timings(clock, [s[0] for s in model.scheduled]))
        at = instant_of(clock, day, time)
        seen = len(model.effects)
        model.advance(at)
        checkpoints.extend(_effects(model, seen))
        view = view_of_reference(model, sides=sides)
        first = draw(next_event(view, rules, at))
        if first is None:
            break
        batch = [first]
        if acts and draw(often(1)):
            avoid = frozenset(involved(view, first))
            for _ in range(draw(st.integers(1, 2))):
                more = draw(next_event(view, rules, at, kinds=JOINABLE, avoid=avoid))
                if more is None or len(events) + len(batch) >= max(n, 1) + 2:
                    break
                avoid |= involved(view, more)
                batch.append(more)
        ids = []
        for k, body in enumerate(batch):
            ev: dict[str, Any] = {"id": f"e{len(events)}", "date": day}
            if time is not None:
                ev["time"] = time
            ev.update(body)
            if k:
                ev["simultaneous_with"] = events[-1]["id"]
            ev["source"] = dict(SOURCE)
            events.append(ev)
            ids.append(ev["id"])
        seen = len(model.effects)
        model.apply_batch(events[-len(batch) :], at)
        checkpoints.extend(_effects(model, seen))
        checkpoints.append(Checkpoint(at, "event", tuple(ids), model.snapshot()))
        clock = clock.after(at, time)
    seen = len(model.effects)
    model.advance(END)
    checkpoints.extend(_effects(model, seen))
    return Generated(rules, scenario_dict(people, holders, events), checkpoints, model.snapshot())


@st.composite
def wild_scenarios(draw: st.DrawFn, *, max_events: int = 10) -> Generated:
    """A rule file and a scenario whose events may be impossible (dead people
    acting, resignations of offices never held, unknown names...)."""
    rules = draw(rule_files(max_offices=5))
    people, holders = draw(people_and_holders(rules))
    pids = [p["id"] for p in people]
    offices_ = list(rules["offices"])
    events: list[dict[str, Any]] = []
    from_menu_types = sorted(EVENT_ORDER)
    day = START
    for i in range(draw(st.integers(1, max_events))):
        kind = draw(st.sampled_from(from_menu_types))
        same_day = bool(i) and draw(often(2))
        if not same_day:
            day += dt.timedelta(days=1)
        ev: dict[str, Any] = {"id": f"e{i}", "date": day, "type": kind}
        ev["person"] = draw(st.one_of(st.sampled_from(pids), st.just("Nobody Known")))
        ev["office"] = draw(st.sampled_from(offices_))
        if kind == "suspension":
            ev["cause"] = draw(st.sampled_from(TEMPORARY_CAUSES))
        if kind in ("removal", "vacancy_declared") and draw(st.booleans()):
            ev["cause"] = draw(st.sampled_from(PERMANENT_CAUSES))
        if kind == "resignation" and draw(often(1)):
            ev["effective_at"] = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=30)
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
        if same_day and draw(st.booleans()):
            ev["simultaneous_with"] = events[-1]["id"]
        ev["source"] = dict(SOURCE)
        events.append(ev)
    return Generated(rules, scenario_dict(people, holders, events))

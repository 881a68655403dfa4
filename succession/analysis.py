"""Continuity analysis: who ends up exercising an office when several
offices fall vacant at once (exhaustive, exact), and how likely each person
is to end up exercising it over a horizon (Monte Carlo).

Both work on a *compiled line*: the office's permanent line evaluated once,
at the instant asked, by the general engine (who each step draws on, and
whether that person is available and eligible), reduced to a list of steps
each with the bit of the office it draws on. Which subset of offices is
vacant then decides the outcome by a scan of that list, with no engine run
per case. The compiled form applies when the offices the line draws on have
no lines of their own (their vacancies are not refilled by succession at the
same instant) and the office is held, and not suspended, at the instant
asked; otherwise :func:`exhaustive` runs the general engine for every subset
(and says so).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from .engine.compiled import Compiled, compile_rules
from .engine.lines import LineInputs, candidate
from .engine.run import apply_act
from .engine.state import State, as_instant
from .engine.timeline import Timeline
from .errors import QueryError, did_you_mean
from .model.scenario import EventSource, Removal

Outcome = Literal["holder", "acting", "entitled", "awaiting_designation", "nobody"]

#: the most offices an exhaustive analysis enumerates (2^24 subsets)
MAX_AMONG = 24


@dataclass(frozen=True, slots=True)
class CompiledStep:
    """One step of the line: the office bit it needs free, and what it gives."""

    index: int
    source: int | None
    """Bit of the office the step draws on (None: a named person, or a body)."""
    person: str | None
    """Who the step draws on at the instant asked (None if nobody is available)."""
    outcome: Outcome
    """What the person gets: holder (becomes), acting (acts), entitled (on taking office)."""


@dataclass(frozen=True)
class CompiledLine:
    """An office's permanent line, ready for bitmask evaluation."""

    office: str
    instant: dt.datetime
    among: tuple[str, ...]
    """The offices of the analysis; bit i is ``among[i]``. The office itself is bit 0."""
    holder: str | None
    """Who holds (and exercises) the office at the instant asked."""
    steps: tuple[CompiledStep, ...]
    compiled: bool
    """False when the compiled form does not apply (the general engine is used)."""
    why_not: str = ""

    def first(self, vacant: int) -> CompiledStep | None:
        """The first step that can be used when the offices whose bits are set
        in ``vacant`` are vacant (the office itself among them)."""
        for step in self.steps:
            if step.outcome == "awaiting_designation" or step.person is None:
                continue
            if step.source is not None and vacant >> step.source & 1:
                continue
            return step
        return None

    def evaluate(self, vacant: int) -> tuple[str | None, str | None, Outcome]:
        """(exercising, holder, how) when the offices whose bits are set in
        ``vacant`` fall vacant at once."""
        if not vacant & 1:
            return self.holder, self.holder, "holder"
        step = self.first(vacant)
        if step is None:
            return None, None, "nobody"
        if step.outcome == "holder":
            return step.person, step.person, "holder"
        if step.outcome == "acting":
            return step.person, None, "acting"
        return None, None, "entitled"


@dataclass(frozen=True)
class Exhaustive:
    """The exact distribution of outcomes over every subset of ``among``."""

    office: str
    instant: dt.datetime
    among: tuple[str, ...]
    subsets: int
    exercising: dict[str | None, int]
    """Person (None: nobody) → number of subsets in which they exercise the office."""
    holder: dict[str | None, int]
    """Person (None: vacant) → number of subsets in which they hold it."""
    entitled: dict[str, int]
    """Person → subsets in which nobody exercises it but they are entitled once they take office."""
    nobody: int
    """Subsets in which nobody exercises the office and nobody is entitled to take it up."""
    nobody_when: tuple[str, ...]
    """The offices whose vacancy together leaves nobody exercising it (every
    superset of them does too), when the compiled form applies."""
    path: Literal["compiled", "engine"]
    partial: bool = False
    """True when the enumeration was interrupted: the counts cover ``done`` subsets only."""
    done: int = 0


def compile_line(
    timeline: Timeline,
    office: str,
    at: dt.datetime | None = None,
    among: Iterable[str] | None = None,
) -> CompiledLine:
    """Evaluate ``office``'s permanent line once, at ``at`` (after the last
    event by default), for bitmask evaluation over ``among`` (default: the
    office and every office its line draws on)."""
    when = as_instant(at) if at is not None else timeline.final.instant
    rules = timeline.rules_at(when)
    if office not in rules.offices:
        raise QueryError(
            f"unknown office {office!r}", hint=did_you_mean(office, rules.offices, what="offices")
        )
    state = timeline.state_at(when)
    compiled_rules = compile_rules(rules)
    refs = compiled_rules.refs[(office, "permanent")]
    line_offices = [r.step.office for r in refs if r.step.office is not None]
    chosen = list(dict.fromkeys([office, *(among if among is not None else line_offices)]))
    for oid in chosen:
        if oid not in rules.offices:
            raise QueryError(
                f"unknown office {oid!r}", hint=did_you_mean(oid, rules.offices, what="offices")
            )
    if len(chosen) > MAX_AMONG:
        raise QueryError(
            f"{len(chosen)} offices is more than {MAX_AMONG} (2^{MAX_AMONG} subsets)",
            hint="name fewer offices among which to analyse",
        )
    bit = {oid: i for i, oid in enumerate(chosen)}
    inputs = LineInputs(
        compiled_rules,
        state.offices,
        state.people,
        {p.id: p for p in timeline.scenario.people},
        when,
    )
    steps: list[CompiledStep] = []
    for ref in refs:
        s = ref.step
        if s.body is not None:
            steps.append(CompiledStep(ref.index, None, None, "awaiting_designation"))
            continue
        source = bit.get(s.office) if s.office is not None else None
        if s.office is not None and s.office not in bit:
            source = None  # an office outside the analysis stays as it is
        person, _ = candidate(inputs, office, ref)
        outcome: Outcome = (
            "entitled"
            if s.takes_effect == "on_taking_office"
            else "holder"
            if s.mode == "becomes"
            else "acting"
        )
        steps.append(CompiledStep(ref.index, source, person, outcome))
    st = state.office(office)
    why = ""
    if st.holder is None or st.suspension is not None or st.acting is not None:
        why = "the office is not held and exercised by its holder at that instant"
    for oid in chosen[1:]:
        own = compiled_rules.refs.get((oid, "permanent"), ())
        if own:
            why = why or f"{oid!r} has a line of its own (its vacancy may be refilled at once)"
    people = [s.person for s in steps if s.person is not None]
    if len(people) != len(set(people)):
        why = why or "a person stands in the line through two steps"
    return CompiledLine(office, when, tuple(chosen), st.holder_id, tuple(steps), not why, why)


def exhaustive(
    timeline: Timeline,
    office: str,
    at: dt.datetime | dt.date | str | None = None,
    among: Iterable[str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    engine: bool = False,
) -> Exhaustive:
    """Every subset of ``among`` vacant at once: the exact distribution of who
    exercises and who holds ``office``. Uses the compiled line where it
    applies (``engine=True`` forces the general engine per subset)."""
    line = compile_line(timeline, office, as_instant(at) if at is not None else None, among)
    if line.compiled and not engine:
        return count_closed_form(line)
    return enumerate_with_engine(timeline, line, progress)


def count_closed_form(line: CompiledLine) -> Exhaustive:
    """The distribution in closed form: step i is reached exactly when the
    office and the sources of the earlier usable steps are vacant and its own
    source is not; the other offices are free."""
    n = len(line.among)
    exercising: Counter[str | None] = Counter()
    holder: Counter[str | None] = Counter()
    entitled: Counter[str] = Counter()
    exercising[line.holder] += 1 << (n - 1)  # the office itself not vacant
    holder[line.holder] += 1 << (n - 1)
    fixed: set[int] = {0}  # bits that must be vacant to get this far
    reached = True
    for step in line.steps:
        if step.outcome == "awaiting_designation" or step.person is None:
            continue
        if step.source is None:
            free = n - len(fixed)
            _tally(step, 1 << free, exercising, holder, entitled)
            reached = False
            break
        if step.source in fixed:
            continue  # its office is vacant whenever this step is reached
        free = n - len(fixed) - 1
        _tally(step, 1 << free, exercising, holder, entitled)
        fixed.add(step.source)
    nobody_when: tuple[str, ...] = ()
    if reached:
        rest = 1 << (n - len(fixed))
        exercising[None] += rest
        holder[None] += rest
        nobody_when = tuple(line.among[b] for b in sorted(fixed))
    nobody = exercising.get(None, 0) - sum(entitled.values())
    return Exhaustive(
        line.office,
        line.instant,
        line.among,
        1 << n,
        dict(exercising),
        dict(holder),
        dict(entitled),
        nobody,
        nobody_when,
        "compiled",
        done=1 << n,
    )


def _tally(
    step: CompiledStep,
    count: int,
    exercising: Counter[str | None],
    holder: Counter[str | None],
    entitled: Counter[str],
) -> None:
    assert step.person is not None
    if step.outcome == "holder":
        exercising[step.person] += count
        holder[step.person] += count
    elif step.outcome == "acting":
        exercising[step.person] += count
        holder[None] += count
    else:
        exercising[None] += count
        holder[None] += count
        entitled[step.person] += count


def enumerate_compiled(line: CompiledLine) -> Exhaustive:
    """The same distribution by evaluating every subset's bitmask (for checks)."""
    n = len(line.among)
    exercising: Counter[str | None] = Counter()
    holder: Counter[str | None] = Counter()
    entitled: Counter[str] = Counter()
    evaluate = line.evaluate
    for mask in range(1 << n):
        who, held, how = evaluate(mask)
        exercising[who] += 1
        holder[held] += 1
        if how == "entitled":
            step = line.first(mask)
            assert step is not None and step.person is not None
            entitled[step.person] += 1
    return Exhaustive(
        line.office,
        line.instant,
        line.among,
        1 << n,
        dict(exercising),
        dict(holder),
        dict(entitled),
        exercising.get(None, 0) - sum(entitled.values()),
        (),
        "compiled",
        done=1 << n,
    )


def engine_outcome(
    timeline: Timeline,
    line: CompiledLine,
    mask: int,
    compiled: Compiled | None = None,
    state: State | None = None,
) -> tuple[str | None, str | None, str | None]:
    """(exercising, holder, entitled) of the office when the offices of
    ``mask`` fall vacant at once, by the general engine: the holder of each is
    removed in one act, a minute after the instant asked."""
    rules = timeline.rules_at(line.instant)
    state = state if state is not None else timeline.state_at(line.instant)
    compiled = compiled if compiled is not None else compile_rules(rules)
    when = line.instant + dt.timedelta(minutes=1)
    batch: list[Removal] = []
    for i, oid in enumerate(line.among):
        if not mask >> i & 1:
            continue
        st = state.office(oid)
        if st.holder is None:
            continue
        cause = rules.offices[oid].causes.permanent[0]
        batch.append(
            Removal(
                id=f"gone-{oid}",
                date=when.date(),
                time=when.time(),
                type="removal",
                person=st.holder.person,
                office=oid,
                cause=cause,
                source=EventSource(record="analysis"),
                simultaneous_with=batch[-1].id if batch else None,
            )
        )
    after = apply_act(compiled, timeline.scenario, state, when, batch) if batch else state
    st = after.office(line.office)
    return st.exercising, st.holder_id, st.entitled.person if st.entitled else None


def enumerate_with_engine(
    timeline: Timeline, line: CompiledLine, progress: Callable[[int, int], None] | None
) -> Exhaustive:
    n = len(line.among)
    total = 1 << n
    exercising: Counter[str | None] = Counter()
    holder: Counter[str | None] = Counter()
    entitled: Counter[str] = Counter()
    rules = timeline.rules_at(line.instant)
    compiled = compile_rules(rules)
    state = timeline.state_at(line.instant)
    done = 0
    try:
        for mask in range(total):
            who, held, due = engine_outcome(timeline, line, mask, compiled, state)
            exercising[who] += 1
            holder[held] += 1
            if who is None and due is not None:
                entitled[due] += 1
            done += 1
            if progress is not None and (done & 0x3F == 0 or done == total):
                progress(done, total)
    except KeyboardInterrupt:
        pass
    return Exhaustive(
        line.office,
        line.instant,
        line.among,
        total,
        dict(exercising),
        dict(holder),
        dict(entitled),
        exercising.get(None, 0) - sum(entitled.values()),
        (),
        "engine",
        partial=done < total,
        done=done,
    )


# --- Monte Carlo ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LifeTable:
    """Annual probabilities of death by age (a period life table)."""

    title: str
    citation: str
    verified: bool
    ages: tuple[int, ...]
    q: tuple[float, ...]
    """q[i]: probability of dying within a year at age ages[i] (up to the next age given)."""

    def at(self, age: float) -> float:
        """q at an age (the last age band given covers every age below the next)."""
        chosen = self.q[0]
        for a, value in zip(self.ages, self.q, strict=True):
            if age >= a:
                chosen = value
        return chosen


def life_table() -> LifeTable:
    """The life table shipped with the project (``succession/data/life_table.csv``)."""
    import csv
    from importlib import resources

    text = resources.files("succession.data").joinpath("life_table.csv").read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    rows: list[tuple[int, float]] = []
    for line in text.splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(body):
        rows.append((int(row["age"]), float(row["q"])))
    return LifeTable(
        meta.get("title", ""),
        meta.get("citation", ""),
        meta.get("verified", "false") == "true",
        tuple(a for a, _ in rows),
        tuple(q for _, q in rows),
    )


@dataclass(frozen=True)
class Estimate:
    """A probability with its 95 % Wilson interval."""

    p: float
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class MonteCarlo:
    """How likely each person, and each office of the line, is to end up
    exercising the office within the horizon."""

    office: str
    instant: dt.datetime
    years: float
    trials: int
    seed: int
    people: dict[str, Estimate]
    """Person (or 'successor of <office>' for a later holder) → probability."""
    offices: dict[str, Estimate]
    """Office of the line → probability that its holder (any) exercises it."""
    nobody: Estimate
    """Probability that at some point nobody can exercise it."""
    hazards: dict[str, float]
    """The annual hazard used per person."""
    table: str
    partial: bool = False
    done: int = 0


def _wilson(k: int, n: int) -> Estimate:
    if n == 0:
        return Estimate(0.0, 0.0, 0.0, 0)
    z = 1.959963984540054
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), k)


def monte_carlo(
    timeline: Timeline,
    office: str,
    *,
    years: float,
    trials: int,
    seed: int = 0,
    at: dt.datetime | dt.date | str | None = None,
    office_rates: dict[str, float] | None = None,
    default_rate: float = 0.0,
    refill_days: float = 60.0,
    progress: Callable[[int, int], None] | None = None,
) -> MonteCarlo:
    """Simulate ``trials`` futures of ``years`` from the instant asked.

    Each person holding an office of the line dies at the annual rate of the
    life table for their age (or their ``annual_hazard`` attribute); each
    office is vacated by resignation or removal at its rate (``office_rates``,
    else ``default_rate``). A vacated office of the line is refilled after
    ``refill_days`` by a new holder (counted as "successor of <office>", with
    the hazard of the one they replace). When the office itself falls vacant,
    the compiled line gives who exercises it; if that person came from an
    office they leave (``becomes``), that office is vacated and refilled too;
    the office's new holder can in turn be lost. Reproducible with ``seed``.
    """
    line = compile_line(timeline, office, as_instant(at) if at is not None else None)
    if not line.compiled:
        raise QueryError(
            f"the line of {office!r} cannot be simulated in compiled form: {line.why_not}",
            hint="run `succession analyze exhaustive` instead, which falls back on the engine",
        )
    table = life_table()
    state = timeline.state_at(line.instant)
    people = {p.id: p for p in timeline.scenario.people}
    rates = dict(office_rates or {})
    # the cast: who holds each office of the analysis now
    holders: dict[int, str | None] = {}
    hazard: dict[str, float] = {}
    for i, oid in enumerate(line.among):
        pid = state.office(oid).holder_id
        holders[i] = pid
        if pid is None:
            continue
        person = people.get(pid)
        q = person.attributes.get("annual_hazard") if person is not None else None
        if isinstance(q, int | float) and not isinstance(q, bool):
            hazard[pid] = float(q)
        elif person is not None and person.born is not None:
            age = (line.instant.date() - person.born).days / 365.2425
            hazard[pid] = table.at(age)
        else:
            hazard[pid] = table.at(60)  # no birth date: the table's rate at 60
    death_rate = {pid: -math.log(1.0 - min(q, 0.999999)) for pid, q in hazard.items()}
    office_rate = {i: rates.get(oid, default_rate) for i, oid in enumerate(line.among)}
    step_of_bit: dict[int, CompiledStep] = {}
    for step in line.steps:
        if step.source is not None and step.source not in step_of_bit:
            step_of_bit[step.source] = step
    rng = random.Random(seed)
    expo = rng.expovariate
    counts: Counter[str] = Counter()
    office_counts: Counter[str] = Counter()
    nobody_count = 0
    h0 = holders.get(0)
    rate0 = (death_rate.get(h0, 0.0) if h0 else 0.0) + office_rate[0]
    refill = refill_days / 365.2425
    done = 0
    try:
        for _ in range(trials):
            if rate0 <= 0 or expo(rate0) > years:
                done += 1
                if progress is not None and done & 0xFFFF == 0:
                    progress(done, trials)
                continue
            who_ex, via, nobody = _trial(
                line, holders, death_rate, office_rate, refill, years, rng, rate0
            )
            for who in who_ex:
                counts[who] += 1
            for oid in via:
                office_counts[oid] += 1
            nobody_count += nobody
            done += 1
            if progress is not None and done & 0xFFFF == 0:
                progress(done, trials)
    except KeyboardInterrupt:
        pass
    if progress is not None and done == trials:
        progress(done, trials)
    return MonteCarlo(
        office,
        line.instant,
        years,
        trials,
        seed,
        {p: _wilson(k, done) for p, k in sorted(counts.items(), key=lambda kv: -kv[1])},
        {o: _wilson(k, done) for o, k in sorted(office_counts.items(), key=lambda kv: -kv[1])},
        _wilson(nobody_count, done),
        hazard,
        table.title,
        partial=done < trials,
        done=done,
    )


def _trial(
    line: CompiledLine,
    holders: dict[int, str | None],
    death_rate: dict[str, float],
    office_rate: dict[int, float],
    refill: float,
    years: float,
    rng: random.Random,
    rate0: float,
) -> tuple[set[str], set[str], int]:
    """One future in which the office falls vacant within the horizon: an
    event-by-event walk (rare, so plain Python is fast enough)."""
    expo = rng.expovariate
    # the first vacancy of the office, drawn again under the same law (memoryless)
    t = expo(rate0)
    while t > years:
        t = expo(rate0)
    # when each other office of the analysis is lost (death of its holder or removal), before t
    lost: dict[int, float] = {}
    cast: dict[int, str | None] = dict(holders)
    for i in range(1, len(line.among)):
        lost[i] = _loss_time(cast[i], i, death_rate, office_rate, expo)
    exercisers: set[str] = set()
    offices: set[str] = set()
    nobody = 0
    now = t
    current_rate = rate0
    while now <= years:
        # who is available at `now`: an office lost earlier is refilled `refill` later
        for i in range(1, len(line.among)):
            while lost[i] <= now and lost[i] + refill <= now:
                cast[i] = f"successor of {line.among[i]}"
                death_rate.setdefault(cast[i] or "", death_rate.get(holders[i] or "", 0.0))
                lost[i] = lost[i] + refill + _loss_time(cast[i], i, death_rate, office_rate, expo)
        vacant = 1
        for i in range(1, len(line.among)):
            if lost[i] <= now or cast[i] is None:
                vacant |= 1 << i
        # someone entitled on taking office is counted as taking it up
        found = line.first(vacant)
        if found is None:
            nobody = 1
            break
        source = found.source
        person = cast[source] if source is not None else found.person
        assert person is not None  # a vacant or unrecorded source is never found
        exercisers.add(person)
        if source is not None:
            offices.add(line.among[source])
            # the successor's own tenure ends at their loss time; a `becomes` successor left their office
            if found.outcome == "holder":
                lost[source] = now
        current_rate = death_rate.get(person, 0.0) + office_rate[0]
        if current_rate <= 0:
            break
        now = now + expo(current_rate)
    return exercisers, offices, nobody


def _loss_time(
    pid: str | None,
    bit: int,
    death_rate: dict[str, float],
    office_rate: dict[int, float],
    expo: Callable[[float], float],
) -> float:
    rate = (death_rate.get(pid, 0.0) if pid else 0.0) + office_rate[bit]
    return expo(rate) if rate > 0 else math.inf

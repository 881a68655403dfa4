"""What each type of event does: one handler per event type, registered in
:data:`HANDLERS` by type.

A handler checks that the event can happen (raising ``ScenarioError`` for
facts no reading can make true), then changes the state being built through
the moves of :class:`~succession.engine.work.Work`; the lines are settled
afterwards, once for the whole act.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..instants import format_instant
from ..model.scenario import (
    Acquitted,
    Appointed,
    Death,
    Declines,
    Designated,
    Elected,
    Impeached,
    Reinstatement,
    Removal,
    Resignation,
    ResignationAccepted,
    ResignationOutcome,
    Suspension,
    TookOffice,
    VacancyDeclared,
)
from .lines import DISCHARGES
from .state import Basis, NotGiven, Tenure
from .work import OfficeSlot, PersonSlot, Work

Handler = Callable[[Work, Any], None]


# --- checks ---------------------------------------------------------------------------------


def alive(w: Work, ev: Any, pid: str) -> PersonSlot:
    """The person's state; an error if they are dead."""
    ps = w.person(pid)
    if not ps.alive:
        raise w.ctx.error(
            ev,
            f"{w.ctx.name(pid)} died at {format_instant(ps.died)}" if ps.died else "dead",
            "nothing can happen to a person after their death",
        )
    return ps


def holding(w: Work, ev: Any, pid: str, oid: str, verb: str) -> OfficeSlot:
    """The office's state; an error if ``pid`` does not hold it."""
    st = w.offices[oid]
    if st.holder_id != pid:
        now = w.ctx.name(st.holder_id) if st.holder else "nobody (vacant)"
        raise w.ctx.error(
            ev,
            f"{w.ctx.name(pid)} cannot {verb} {w.ctx.office_name(oid)}: the holder at "
            f"{format_instant(w.instant)} is {now}",
            "check the person, the office and the order of events",
        )
    return st


def recognised(w: Work, ev: Any, oid: str, cause: str) -> bool:
    """Whether the office recognises ``cause`` as a cause of vacancy (a warning if not)."""
    if cause in w.c.offices[oid].causes.permanent:
        return True
    w.warn("cause_not_recognised", office=oid, cause=cause, event=ev.id)
    return False


# --- the handlers -----------------------------------------------------------------------------


def death(w: Work, ev: Death) -> None:
    """Every office the person holds falls vacant; every other role of theirs ends."""
    pid = ev.person
    alive(w, ev, pid)
    w.died(pid)
    for oid, st in list(w.offices.items()):
        if st.holder_id == pid:
            w.vacate(oid, "death", ev.id)
        st = w.offices[oid]
        changes: dict[str, Any] = {}
        if st.acting_id == pid:
            changes["acting"] = None
        if st.entitled is not None and st.entitled.person == pid:
            changes["entitled"] = None
        if st.elect is not None and st.elect.person == pid:
            changes["elect"] = None
        if any(c.person == pid for c in st.claims):
            changes["claims"] = tuple(c for c in st.claims if c.person != pid)
        if changes:
            w.update(oid, **changes)
            w.dirty_around(oid)


def resignation(w: Work, ev: Resignation) -> None:
    """A holder resigns (at once, once accepted, or when stated); someone
    acting stops acting; a claimant gives up the claim; someone entitled or
    elected declines."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    st = w.offices[oid]
    office = w.c.offices[oid]
    if st.holder_id == pid:
        if "resignation" not in office.causes.permanent:
            w.warn("resignation_not_recognised", person=pid, office=oid)
            return
        if st.resignation is not None:
            raise w.ctx.error(
                ev,
                f"{w.ctx.name(pid)}'s resignation ({st.resignation.event}) is already pending",
                "use resignation_accepted, or remove one of the two",
            )
        rule = office.resignation
        awaiting = (
            rule.accepted_by if rule is not None and rule.effective == "on_acceptance" else None
        )
        later = ev.effective_at if ev.effective_at and ev.effective_at > w.instant else None
        if awaiting is None and later is None:
            w.vacate(oid, "resignation", ev.id)
            return
        pending = w.records.pending(pid, ev.id, w.records.entry, later, awaiting)
        w.update(oid, resignation=pending)
        if awaiting is not None:
            w.note("awaits_acceptance", person=pid, office=oid, body=awaiting)
        if later is not None:
            w.note("takes_effect_at", person=pid, office=oid, instant=later)
            if awaiting is None:
                w.ctx.schedule(later, oid, ev.id)
        return
    if st.acting_id == pid:
        w.decline(pid, oid)
        w.update(oid, acting=None)
        w.note("stops_acting", person=pid, office=oid)
        w.dirty_around(oid)
        return
    claimed = any(c.person == pid for c in st.claims)
    if claimed:
        st = w.update(oid, claims=tuple(c for c in st.claims if c.person != pid))
        w.note("gives_up_claim", person=pid, office=oid)
    if (st.entitled is not None and st.entitled.person == pid) or (
        st.elect is not None and st.elect.person == pid
    ):
        declines(w, ev)  # renouncing an office one is entitled to is declining it
        return
    if claimed:
        return
    holding(w, ev, pid, oid, "resign")


def _matches(ev: ResignationOutcome, st: OfficeSlot) -> bool:
    pending = st.resignation
    return (
        pending is not None
        and pending.person == ev.person
        and (ev.resignation is None or ev.resignation == pending.event)
    )


def _submitted_before(w: Work, ev: ResignationOutcome) -> set[str]:
    """Resignations of the office by the person listed before ``ev``."""
    upto = w.ctx.event_index.get(ev.id, len(w.ctx.scenario.events))
    return {
        e.id
        for e in w.ctx.scenario.events[:upto]
        if isinstance(e, Resignation) and e.person == ev.person and e.office == ev.office
    }


def resignation_accepted(w: Work, ev: ResignationAccepted) -> None:
    """A pending resignation is accepted: it takes effect now (or at its stated instant)."""
    pid, oid = ev.person, ev.office
    st = w.offices[oid]
    pending = st.resignation
    if pending is not None and _matches(ev, st):
        if pending.awaiting is None:
            w.note(
                "acceptance_changes_nothing",
                person=pid,
                office=oid,
                instant=pending.effective_at,
            )
            return
        if ev.by is not None and ev.by != pending.awaiting:
            w.warn(
                "accepted_by_other", person=pid, office=oid, body=ev.by, other_body=pending.awaiting
            )
            return
        if pending.effective_at is not None and pending.effective_at > w.instant:
            accepted = w.records.pending(
                pending.person, pending.event, pending.submitted, pending.effective_at, None
            )
            w.update(oid, resignation=accepted)
            w.ctx.schedule(pending.effective_at, oid, pending.event)
            w.note("accepted_effective_later", person=pid, office=oid, instant=pending.effective_at)
            return
        w.note("accepted_now", person=pid, office=oid, body=pending.awaiting)
        w.vacate(oid, "resignation", pending.event)
        return
    done = w.ctx.resigned.get((pid, oid), [])
    if done and (ev.resignation is None or ev.resignation in done):
        w.note("already_took_effect", person=pid, office=oid, event=done[-1])
        return
    submitted = _submitted_before(w, ev)
    if submitted and (ev.resignation is None or ev.resignation in submitted):
        w.note("left_before", person=pid, office=oid)
        return
    raise w.ctx.error(
        ev,
        f"there is no resignation by {w.ctx.name(pid)} of {w.ctx.office_name(oid)} to accept",
        "add the resignation event before its acceptance",
    )


def _end_pending(w: Work, ev: ResignationOutcome, how: str) -> None:
    """A pending resignation that will not take effect: the holder stays."""
    pid, oid = ev.person, ev.office
    st = w.offices[oid]
    pending = st.resignation
    if pending is not None and _matches(ev, st):
        w.update(oid, resignation=None)
        w.note(
            "resignation_ended", person=pid, office=oid, event=pending.event, cause=how, body=ev.by
        )
        return
    done = w.ctx.resigned.get((pid, oid), [])
    if done and (ev.resignation is None or ev.resignation in done):
        w.warn("ended_after_effect", person=pid, office=oid, event=done[-1], cause=how, body=ev.by)
        return
    raise w.ctx.error(
        ev,
        f"there is no pending resignation by {w.ctx.name(pid)} of {w.ctx.office_name(oid)}",
        "add the resignation event before it is rejected or withdrawn",
    )


def resignation_rejected(w: Work, ev: ResignationOutcome) -> None:
    """A pending resignation is rejected: the holder stays."""
    _end_pending(w, ev, "rejected")


def resignation_withdrawn(w: Work, ev: ResignationOutcome) -> None:
    """A pending resignation is withdrawn: the holder stays."""
    _end_pending(w, ev, "withdrawn")


def removal(w: Work, ev: Removal) -> None:
    """The holder is removed (for a cause the office recognises)."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    holding(w, ev, pid, oid, "be removed from")
    cause = ev.cause or "removal"
    if recognised(w, ev, oid, cause):
        w.vacate(oid, cause, ev.id)


def vacancy_declared(w: Work, ev: VacancyDeclared) -> None:
    """The office is declared vacant (for a cause it recognises)."""
    oid = ev.office
    st = w.offices[oid]
    if st.holder is None:
        raise w.ctx.error(ev, f"{w.ctx.office_name(oid)} is already vacant", "remove the event")
    if ev.person is not None:
        holding(w, ev, ev.person, oid, "be declared out of")
    cause = ev.cause or "declared_vacancy"
    if recognised(w, ev, oid, cause):
        w.vacate(oid, cause, ev.id)


def suspension(w: Work, ev: Suspension) -> None:
    """The holder is suspended (for a temporary cause the office recognises)."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    st = holding(w, ev, pid, oid, "be suspended from")
    if st.suspension is not None:
        raise w.ctx.error(
            ev,
            f"{w.ctx.name(pid)} is already suspended from {w.ctx.office_name(oid)} "
            f"(since {format_instant(st.suspension.since)})",
            "add a reinstatement first, or remove this event",
        )
    cause = ev.cause
    office = w.c.offices[oid]
    if cause == "impeachment":
        w.set_impeached(pid, True)
    if cause not in office.causes.temporary:
        w.warn("temporary_not_recognised", person=pid, office=oid, cause=cause)
        return
    w.update(oid, suspension=w.records.suspension(cause, ev.id))
    w.dirty_around(oid)


def reinstatement(w: Work, ev: Reinstatement) -> None:
    """A suspended holder resumes; those acting step back."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    st = holding(w, ev, pid, oid, "be reinstated in")
    if st.suspension is None:
        raise w.ctx.error(
            ev,
            f"{w.ctx.name(pid)} is not suspended from {w.ctx.office_name(oid)}",
            "a reinstatement follows a suspension",
        )
    if st.suspension.cause == "impeachment":
        w.set_impeached(pid, False)
    w.update(oid, suspension=None)
    w.dirty_around(oid)


def impeached(w: Work, ev: Impeached) -> None:
    """The person is under impeachment."""
    alive(w, ev, ev.person)
    w.set_impeached(ev.person, True)


def acquitted(w: Work, ev: Acquitted) -> None:
    """The person is no longer under impeachment."""
    alive(w, ev, ev.person)
    w.set_impeached(ev.person, False)


def declines(w: Work, ev: Declines | Resignation) -> None:
    """The person renounces their turn: the line moves past them."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    st = w.offices[oid]
    if st.holder_id == pid:
        raise w.ctx.error(
            ev,
            f"{w.ctx.name(pid)} already holds {w.ctx.office_name(oid)}",
            "a holder leaves by resignation, not by declining",
        )
    w.decline(pid, oid)
    changes: dict[str, Any] = {}
    if st.entitled is not None and st.entitled.person == pid:
        changes["entitled"] = None
    if st.elect is not None and st.elect.person == pid:
        changes["elect"] = None
    if st.acting_id == pid:
        changes["acting"] = None
    if changes:
        w.update(oid, **changes)
    w.note("declines", person=pid, office=oid)
    w.dirty_around(oid)


def took_office(w: Work, ev: TookOffice) -> None:
    """The person takes office: completes an entitlement or an election,
    confirms a holder (or, with ``role: acting``, someone acting), or is a claim."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    st = w.offices[oid]
    if ev.role == "acting" and st.acting is not None and st.acting.person == pid:
        a = st.acting
        confirmed = w.basis("took_office", pid, oid, "confirms_exercise", prior=a.basis)
        w.update(oid, acting=w.tenure(pid, confirmed, a.step, a.bound_to, a.confirmed_by, a.since))
        w.note("confirms_exercise", person=pid, office=oid)
        return
    if ev.role == "acting" and not (st.entitled is not None and st.entitled.person == pid):
        w.claim(ev, pid, oid, w.why_not(pid, oid, exercise=True))
        return
    if st.holder_id == pid and st.holder is not None:
        if st.elect is not None and st.elect.person == pid:
            # re-elected: the new term begins; the holder is no longer the office's elect
            h = st.holder
            confirmed = w.basis("took_office", pid, oid, "new_term", prior=st.elect.basis)
            w.update(
                oid,
                holder=w.tenure(pid, confirmed, h.step, h.bound_to, h.confirmed_by, h.since),
                elect=None,
            )
            w.note("new_term", person=pid, office=oid)
            return
        h = st.holder
        confirmed = w.basis("took_office", pid, oid, "confirms", prior=h.basis)
        w.update(oid, holder=w.tenure(pid, confirmed, h.step, h.bound_to, h.confirmed_by, h.since))
        w.note("confirms", person=pid, office=oid)
        return
    if st.elect is not None and st.elect.person == pid:
        w.install(oid, pid, w.basis("took_office", pid, oid, "takes", prior=st.elect.basis), None)
        return
    ent = st.entitled
    if ent is not None and ent.person == pid:
        assert ent.step is not None
        w.assign(
            oid,
            ent.step,
            pid,
            w.basis("took_office", pid, oid, "as_entitled", step=ent.step, prior=ent.basis),
        )
        return
    w.claim(ev, pid, oid, w.why_not(pid, oid))


def installation(w: Work, ev: Appointed | Elected | Designated) -> None:
    """An appointment, election or designation installs the holder (or, with
    ``takes_office: false``, makes them the office's elect); an ineligible
    person, or a designation into a held office, is a claim."""
    pid, oid = ev.person, ev.office
    alive(w, ev, pid)
    reqs = w.c.body_requirements(oid, ev.by)
    failed = None
    if reqs:
        # the appointment itself, as the event gives it, for a requirement of consent
        made = Tenure(pid, w.instant, Basis(ev.type, w.instant), confirmed_by=ev.confirmed_by)
        failed = w.unmet(list(reqs), pid, made)
    if failed is not None:
        w.claim(ev, pid, oid, NotGiven("ineligible", oid, pid, failure=failed))
        return
    held = w.offices[oid].holder
    if ev.type == "designated" and ev.takes_office and held is not None and held.person != pid:
        # a designation fills a vacancy; it does not end a tenure in course
        w.claim(ev, pid, oid, NotGiven("designation_held", oid, held.person))
        return
    basis = w.basis(ev.type, pid, oid, by=ev.by)
    if not ev.takes_office:
        st = w.offices[oid]
        # the election (or designation) the succession called for has taken place
        done = DISCHARGES.get(ev.type)
        kept = tuple(o for o in st.obligations if o.kind != done)
        elect = w.records.entitlement(pid, basis, None, "elect")
        w.update(oid, elect=elect, obligations=kept)
        w.note("takes_office_later", person=pid, office=oid)
        return
    w.install(oid, pid, basis, ev.confirmed_by)


#: The handler of each event type.
HANDLERS: dict[str, Handler] = {
    "death": death,
    "resignation": resignation,
    "resignation_accepted": resignation_accepted,
    "resignation_rejected": resignation_rejected,
    "resignation_withdrawn": resignation_withdrawn,
    "removal": removal,
    "vacancy_declared": vacancy_declared,
    "suspension": suspension,
    "reinstatement": reinstatement,
    "took_office": took_office,
    "appointed": installation,
    "elected": installation,
    "designated": installation,
    "declines": declines,
    "impeached": impeached,
    "acquitted": acquitted,
}

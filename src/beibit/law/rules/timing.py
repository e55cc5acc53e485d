"""When: the filing lead times (art. 10(1), 12(1)), registration (art. 10(2), 12(1)), the review periods
(art. 11(1), 13(1)) and the hours (art. 9(4)). Days are counted as shared/law/deadlines.md says; the
engine computes them once in `evaluate` and the rules read them from the context."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, ground, ground_cite, iso, rule


def lead_parameter(c: Context) -> str:
    return "notification_lead_working_days" if c.track == "notification" else "application_lead_working_days"


def review_parameter(c: Context) -> str:
    return (
        "notification_review_working_days" if c.track == "notification" else "application_review_working_days"
    )


@rule
def not_yet_filed(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(1) / 12(1): a plan not yet submitted learns its last filing day."""
    if a.submitted_at is not None:
        return []
    if c.last_filing_day is None:
        return [finding("timing.not_yet_filed_no_date", "info", p.cite(lead_parameter(c)))]
    return [
        finding(
            "timing.not_yet_filed",
            "info",
            p.cite(lead_parameter(c)),
            filing=c.track,
            last_filing_day=iso(c.last_filing_day),
            lead_days=c.lead_days,
        )
    ]


@rule
def filed_late(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 14(1)(4) with art. 10(1) / 12(1): registered after the last filing day."""
    if c.filed_in_time is not False:
        return []
    return [
        finding(
            "timing.filed_late",
            "refusal_ground",
            ground_cite(4),
            ground=ground(4),
            registration_day=iso(c.registration_day),
            last_filing_day=iso(c.last_filing_day),
            lead_days=c.lead_days,
            assembly_day=iso(c.assembly_day),
            lead_time_provision=str(p.cite(lead_parameter(c))),
        )
    ]


@rule
def registered_on_next_working_day(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(2) / 12(1): the filing day is the registration day; a day off moves it on."""
    if a.registered_on is not None or c.submitted_day is None or c.submitted_day == c.registration_day:
        return []
    citation = cite(10, 2) if c.track == "notification" else cite(12, 1)
    return [
        finding(
            "timing.registered_on_next_working_day",
            "info",
            citation,
            submitted_day=iso(c.submitted_day),
            registration_day=iso(c.registration_day),
        )
    ]


@rule
def registration_day_recorded(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(2) / 12(1): the filing day is the registration day. A registration day the akimat
    recorded later than the first working day after the filing was received is named: the filing's
    lateness and the review period follow the recorded day (docs/interpretations.md)."""
    if a.registered_on is None or c.submitted_day is None or c.regime.counting != "working_days":
        return []
    first_working_day_after = c.calendar.working_day_after(c.submitted_day, 1)
    if a.registered_on <= first_working_day_after:
        return []
    citation = cite(10, 2) if c.track == "notification" else cite(12, 1)
    return [
        finding(
            "timing.registered_later_than_received",
            "warning",
            citation,
            submitted_day=iso(c.submitted_day),
            registration_day=iso(a.registered_on),
            expected_by=iso(first_working_day_after),
        )
    ]


@rule
def review_ends_on_or_after_assembly_day(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 11(1) / 13(1): the review period may end only on or after the assembly day."""
    if c.review_deadline is None or c.assembly_day is None or c.review_deadline < c.assembly_day:
        return []
    return [
        finding(
            "timing.review_ends_on_or_after_assembly_day",
            "warning",
            p.cite(review_parameter(c)),
            review_deadline=iso(c.review_deadline),
            assembly_day=iso(c.assembly_day),
        )
    ]


@rule
def starts_before_window(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(4): no assembly starts before 09:00 local time."""
    earliest = p.time("earliest_start")
    if c.start_local is None or c.start_local.time() >= earliest:
        return []
    return [
        finding(
            "timing.starts_before_window",
            "blocking",
            p.cite("earliest_start"),
            local_time=c.start_local.strftime("%H:%M"),
            earliest=earliest.strftime("%H:%M"),
        )
    ]


@rule
def ends_after_window(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 9(4): no assembly ends after 20:00 local time (nor runs past midnight)."""
    latest = p.time("latest_end")
    if c.end_local is None or c.start_local is None:
        return []
    same_day = c.end_local.date() == c.start_local.date()
    if same_day and c.end_local.time() <= latest:
        return []
    return [
        finding(
            "timing.ends_after_window",
            "blocking",
            p.cite("latest_end"),
            local_time=c.end_local.strftime("%H:%M"),
            local_date=c.end_local.date().isoformat(),
            latest=latest.strftime("%H:%M"),
        )
    ]

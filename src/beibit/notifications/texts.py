"""What each message says, in the recipient's language: a subject, a plain text, the same as HTML, and a
short SMS with a link. Rendered when the message is sent (`render`), from the case as it stands then.

Every sentence is a gettext text of this application's catalog (locale/kk, locale/ru, locale/en); dates
are written in words in the recipient's language, times in the settlement's local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from beibit.cases.models import Case
from beibit.documents.i18n import date_text
from beibit.law.calendar import zone
from beibit.law.settlements import zone_of
from beibit.places.settlements import get_settlement, is_known_settlement


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    paragraphs: tuple[str, ...]
    link: str
    sms: str
    #: (file name, PDF bytes) to attach to the e-mail.
    attachments: tuple[tuple[str, bytes], ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n\n".join([*self.paragraphs, self.link, _("Beibit — the right of peaceful assembly")]) + "\n"

    def html(self) -> str:
        return render_to_string(
            "notifications/email.html",
            {"subject": self.subject, "paragraphs": self.paragraphs, "link": self.link},
        )


def _day(value: str | dt.date | None, lang: str) -> str:
    if value is None:
        return "—"
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return date_text(day, lang)  # type: ignore[arg-type]


def _moment(value: str | None, settlement: str, lang: str) -> str:
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value).astimezone(zone(zone_of(settlement)))
    return f"{date_text(moment.date(), lang)} {moment:%H:%M}"  # type: ignore[arg-type]


def _settlement(code: str, lang: str) -> str:
    if not is_known_settlement(code):
        return code
    known = get_settlement(code)
    return known.en if lang == "en" else known.ru


def _procedure(case: Case) -> str:
    if case.procedure == "application_for_approval":
        return _("application for approval")
    return _("notification")


def link_for(kind: str, case: Case | None) -> str:
    if case is None:
        return settings.SITE_URL + reverse("notifications:sent")
    if kind in OFFICER_KINDS:
        return settings.SITE_URL + reverse("akimat:case", args=[case.pk])
    if kind in MONITOR_KINDS:
        return settings.SITE_URL + reverse("public:case", args=[case.pk])
    return settings.SITE_URL + reverse("organizer:case", args=[case.pk])


ORGANIZER_KINDS = frozenset(
    {
        "receipt",
        "decision",
        "decision_notice",
        "proposal",
        "deemed_agreed",
        "overdue",
        "booking_moved",
        "appeal_reminder",
        "assembly_day",
    }
)
OFFICER_KINDS = frozenset(
    {"new_filing", "review_due_tomorrow", "review_due_today", "proposal_answered", "proposal_lapsed"}
)
MONITOR_KINDS = frozenset({"monitor_filing", "monitor_decision"})
#: Reminders a person may switch off; every other message is a notice the law attaches a consequence to.
REMINDER_KINDS = frozenset(
    {
        "appeal_reminder",
        "assembly_day",
        "review_due_tomorrow",
        "review_due_today",
        "monitor_filing",
        "monitor_decision",
    }
)


def _decision_sentence(decision: Mapping[str, Any]) -> str:
    outcome = decision["decision"]
    if outcome == "proceed":
        return _(
            "The akimat answered that the assembly may be held as notified, without structures and sound "
            "amplification (Art 11(1)(1))."
        )
    if outcome == "approve":
        return _("The akimat approved the assembly (Art 13(1)(1)).")
    if outcome == "approve_restricted":
        return _("The akimat approved the assembly without sound amplification and vehicles (Art 13(1)(2)).")
    if outcome == "propose":
        return _("The akimat proposes another place, route or time (Art 11(1)(3), 13(1)(4)).")
    grounds = ", ".join(g.replace("14.1.", "14(1)(") + ")" for g in decision.get("grounds", []))
    return _("The akimat refused the assembly on the grounds of Art %(grounds)s.") % {"grounds": grounds}


def _payload(case: Case, seq: int | None) -> dict[str, Any]:
    if seq is None:
        return {}
    from beibit.cases.models import CaseEvent

    event = CaseEvent.objects.filter(case=case, seq=seq).first()
    return event.payload if event is not None else {}


def render(
    kind: str,
    case: Case | None,
    seq: int | None,
    lang: str,
    *,
    sent_at: dt.datetime,
    is_answer: bool,
    extra: Mapping[str, Any] | None = None,
) -> Rendered:
    """The message `kind` about `case` (its event `seq`) in `lang`, as if sent at `sent_at`."""
    with translation.override(lang):
        return _render(kind, case, seq, lang, sent_at=sent_at, is_answer=is_answer, extra=extra or {})


def _render(
    kind: str,
    case: Case | None,
    seq: int | None,
    lang: str,
    *,
    sent_at: dt.datetime,
    is_answer: bool,
    extra: Mapping[str, Any],
) -> Rendered:
    link = link_for(kind, case)
    if case is None:
        return Rendered(_("A message from Beibit"), (), link, link)
    ref = str(case.pk)
    state = case.state
    place = _settlement(case.settlement, lang)
    values = {
        "ref": ref,
        "procedure": _procedure(case),
        "settlement": place,
        "registered": _day(case.registration_day, lang),
        "deadline": _day(case.review_deadline, lang),
        "day": _day(case.assembly_day, lang),
    }
    attachments: tuple[tuple[str, bytes], ...] = ()
    if kind == "receipt":
        subject = _("Your %(procedure)s no. %(ref)s is registered") % values
        lines = [
            _("The akimat of %(settlement)s registered your %(procedure)s no. %(ref)s on %(registered)s.")
            % values,
            _("The akimat must answer by the end of %(deadline)s (Art 11(1), 13(1)).") % values,
        ]
        sms = _("Beibit: no. %(ref)s registered %(registered)s; answer due by %(deadline)s.") % values
    elif kind in ("decision", "decision_notice", "proposal"):
        decision = _payload(case, seq)
        subject = _("The akimat's answer to no. %(ref)s") % values
        if kind == "decision_notice":
            lines = [
                _(
                    "The akimat recorded its answer to no. %(ref)s. It reaches you by hand or by registered "
                    "mail; you can read it on the case page."
                )
                % values
            ]
        else:
            lines = [_decision_sentence(decision)]
            if decision.get("reasons"):
                lines.append(_("Reasons: %(reasons)s") % {"reasons": decision["reasons"]})
        if kind == "proposal":
            proposal = decision.get("proposal") or {}
            plan = proposal.get("new_plan") or {}
            if plan.get("starts_at"):
                lines.append(
                    _("Proposed time: %(start)s to %(end)s.")
                    % {
                        "start": _moment(plan["starts_at"], case.settlement, lang),
                        "end": _moment(plan.get("ends_at"), case.settlement, lang)[-5:],
                    }
                )
            if proposal.get("note"):
                lines.append(_("The akimat's note: %(note)s") % {"note": proposal["note"]})
            answer_by = extra.get("answer_deadline")
            if answer_by:
                lines.append(
                    _(
                        "Answer on the case page by 23:59 (local time of %(settlement)s) on %(answer_by)s: "
                        "if you do not agree or do not answer, the akimat refuses (Art 11(3), 13(3))."
                    )
                    % {**values, "answer_by": _day(answer_by, lang)}
                )
                sms = _(
                    "Beibit: the akimat proposes a change to no. %(ref)s. Answer by %(answer_by)s 23:59."
                ) % {
                    **values,
                    "answer_by": _day(answer_by, lang),
                }
            else:
                sms = _("Beibit: the akimat proposes a change to no. %(ref)s.") % values
        else:
            sms = _("Beibit: the akimat answered no. %(ref)s.") % values
        if is_answer and kind != "decision_notice":
            lines.append(
                _("This message is the akimat's answer (Art 11(2), 13(2)); the letter is attached as a PDF.")
            )
            attachments = _decision_attachment(case, lang)
    elif kind == "deemed_agreed":
        subject = _("No. %(ref)s: deemed agreed") % values
        lines = [
            _(
                "The akimat sent no answer to no. %(ref)s by %(deadline)s. You may hold the assembly as "
                "notified (Art 11(1))."
            )
            % values
        ]
        sms = _("Beibit: no answer to no. %(ref)s by %(deadline)s; you may hold it as notified.") % values
    elif kind == "overdue":
        subject = _("No. %(ref)s: no decision in time") % values
        lines = [
            _(
                "The akimat decided nothing on no. %(ref)s by %(deadline)s. Silence does not approve an "
                "application; you may complain to the higher body (APPK Art 91(2))."
            )
            % values
        ]
        sms = _("Beibit: no decision on no. %(ref)s by %(deadline)s.") % values
    elif kind == "booking_moved":
        subject = _("No. %(ref)s: the new place and time are booked") % values
        plan = state.get("plan") or {}
        lines = [
            _("You agreed to the akimat's proposal: the assembly is now booked for %(when)s.")
            % {"when": _moment(plan.get("starts_at"), case.settlement, lang)}
        ]
        sms = _("Beibit: no. %(ref)s moved as proposed.") % values
    elif kind == "appeal_reminder":
        until = extra.get("until") or _appeal_until(case)
        extra = {**extra, "until": until}
        subject = _("No. %(ref)s: the time to appeal ends soon") % values
        lines = [
            _(
                "The time to complain about the akimat's decision on no. %(ref)s ends on %(until)s "
                "(APPK Art 92)."
            )
            % {**values, "until": _day(extra.get("until"), lang)}
        ]
        sms = _("Beibit: appeal on no. %(ref)s by %(until)s.") % {
            **values,
            "until": _day(extra.get("until"), lang),
        }
    elif kind == "assembly_day":
        subject = _("No. %(ref)s: your assembly is today") % values
        plan = state.get("plan") or {}
        lines = [
            _("Your assembly starts at %(when)s.")
            % {"when": _moment(plan.get("starts_at"), case.settlement, lang)}
        ]
        representative = state.get("representative")
        if representative:
            lines.append(
                _("The akimat's representative: %(name)s, %(position)s, %(phone)s (Art 8(3)).")
                % {
                    "name": representative.get("full_name", ""),
                    "position": representative.get("position", ""),
                    "phone": representative.get("phone") or "—",
                }
            )
        sms = _("Beibit: your assembly no. %(ref)s is today.") % values
    elif kind == "new_filing":
        subject = _("New %(procedure)s no. %(ref)s") % values
        lines = [
            _("A %(procedure)s no. %(ref)s was registered on %(registered)s; the assembly is on %(day)s.")
            % values,
            _("Answer by the end of %(deadline)s.") % values,
        ]
        sms = _("Beibit: new no. %(ref)s, answer by %(deadline)s.") % values
    elif kind in ("review_due_tomorrow", "review_due_today"):
        subject = (
            _("No. %(ref)s: the answer is due tomorrow") % values
            if kind == "review_due_tomorrow"
            else _("No. %(ref)s: the answer is due today") % values
        )
        lines = [
            _(
                "The akimat's answer to no. %(ref)s counts when it is sent by the end of %(deadline)s; a "
                "notification left without an answer sent in time may be held as notified (Art 11(1))."
            )
            % values
        ]
        sms = subject
    elif kind == "proposal_answered":
        proposal = state.get("proposal") or {}
        agreed = proposal.get("answer") == "agree"
        subject = _("No. %(ref)s: the organizer answered the proposal") % values
        lines = [
            _("The organizer agreed to the proposal (Art 11(3), 13(3)).")
            if agreed
            else _("The organizer did not agree to the proposal: the akimat refuses (Art 11(3), 13(3)).")
        ]
        sms = subject
    elif kind == "proposal_lapsed":
        subject = _("No. %(ref)s: the proposal was not answered") % values
        lines = [
            _("The organizer did not answer the proposal in time: the akimat refuses (Art 11(3), 13(3)).")
        ]
        sms = subject
    elif kind == "monitor_filing":
        subject = _("New filing in %(settlement)s: no. %(ref)s") % values
        lines = [_("A %(procedure)s for %(day)s was registered in %(settlement)s.") % values]
        sms = subject
    elif kind == "monitor_decision":
        decision = _payload(case, seq)
        subject = _("Decision in %(settlement)s: no. %(ref)s") % values
        lines = [_decision_sentence(decision)]
        sms = subject
    else:
        raise ValueError(f"unknown message kind {kind!r}")
    return Rendered(subject, tuple(lines), link, f"{sms} {link}", attachments)


def _decision_attachment(case: Case, lang: str) -> tuple[tuple[str, bytes], ...]:
    from beibit.web.organizer import papers

    content = papers.decision_pdf(case)  # in the active language (translation.override above)
    return ((f"beibit-{case.pk}-decision-{lang}.pdf", content),) if content else ()


def _appeal_until(case: Case) -> dt.date | None:
    from beibit.cases.services import appeal_deadline, appealable_act

    act = appealable_act(case)
    return appeal_deadline(case, act[1])[0] if act is not None else None


def kind_label(kind: str) -> str:
    """What a message is, in the page's language (the list of messages sent)."""
    labels = {
        "receipt": _("Receipt: registration number and review deadline"),
        "decision": _("The akimat's answer"),
        "decision_notice": _("The akimat recorded its answer"),
        "proposal": _("The akimat's proposal"),
        "deemed_agreed": _("Deemed agreed: no answer in time"),
        "overdue": _("No decision in time"),
        "booking_moved": _("The booking moved to the agreed place and time"),
        "appeal_reminder": _("Reminder: the end of the appeal period"),
        "assembly_day": _("Reminder: the assembly's day"),
        "new_filing": _("New filing"),
        "review_due_tomorrow": _("Reminder: the answer is due tomorrow"),
        "review_due_today": _("Reminder: the answer is due today"),
        "proposal_answered": _("The organizer answered the proposal"),
        "proposal_lapsed": _("The proposal was not answered"),
        "monitor_filing": _("New filing in a settlement you follow"),
        "monitor_decision": _("Decision in a settlement you follow"),
    }
    return labels.get(kind, kind)

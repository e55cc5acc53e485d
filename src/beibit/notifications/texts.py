"""What each message says, in the recipient's language: a subject, a plain text, the same as HTML, and a
short SMS with a link. Rendered when the message is sent (`render`), from the case as it stands then.

Every sentence is a gettext text of this application's catalog (locale/kk, locale/ru, locale/en); dates
are written in words in the recipient's language, times in the settlement's local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from beibit.cases.models import Case
from beibit.documents.i18n import date_text
from beibit.documents.papers import settlement_name
from beibit.law.calendar import zone
from beibit.law.settlements import zone_of


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


def _moment(value: dt.datetime | str | None, settlement: str, lang: str) -> str:
    if not value:
        return "—"
    parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else value  # a payload's text
    moment = parsed.astimezone(zone(zone_of(settlement)))
    return f"{date_text(moment.date(), lang)} {moment:%H:%M}"  # type: ignore[arg-type]


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


@dataclass(frozen=True, slots=True)
class _Message:
    """What a text needs: the case, its event's payload, the language, the values every text may use."""

    case: Case
    payload: Mapping[str, Any]
    lang: str
    values: Mapping[str, str]
    extra: Mapping[str, Any]
    is_answer: bool
    seq: int | None = None

    def moment(self, value: dt.datetime | str | None) -> str:
        return _moment(value, self.case.settlement, self.lang)


#: (subject, paragraphs, SMS text, attachments)
_Text = tuple[str, list[str], str, tuple[tuple[str, bytes], ...]]


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
    if kind not in _TEXTS:
        raise ValueError(f"unknown message kind {kind!r}")
    values = {
        "ref": str(case.pk),
        "procedure": _procedure(case),
        "settlement": settlement_name(case.settlement, "en" if lang == "en" else "ru"),  # no Kazakh names yet
        "registered": _day(case.registration_day, lang),
        "deadline": _day(case.review_deadline, lang),
        "day": _day(case.assembly_day, lang),
    }
    message = _Message(case, _payload(case, seq), lang, values, extra, is_answer, seq)
    subject, lines, sms, attachments = _TEXTS[kind](message)
    return Rendered(subject, tuple(lines), link, f"{sms} {link}", attachments)


def _receipt(m: _Message) -> _Text:
    v = m.values
    lines = [
        _("The akimat of %(settlement)s registered your %(procedure)s no. %(ref)s on %(registered)s.") % v,
        _("The akimat must answer by the end of %(deadline)s (Art 11(1), 13(1)).") % v,
    ]
    sms = _("Beibit: no. %(ref)s registered %(registered)s; answer due by %(deadline)s.") % v
    return _("Your %(procedure)s no. %(ref)s is registered") % v, lines, sms, ()


def _answer(m: _Message, kind: str) -> _Text:
    v = m.values
    if kind == "decision_notice":
        lines = [
            _(
                "The akimat recorded its answer to no. %(ref)s. It reaches you by hand or by registered "
                "mail; you can read it on the case page."
            )
            % v
        ]
    else:
        lines = [_decision_sentence(m.payload)]
        if m.payload.get("reasons"):
            lines.append(_("Reasons: %(reasons)s") % {"reasons": m.payload["reasons"]})
    sms = _("Beibit: the akimat answered no. %(ref)s.") % v
    if kind == "proposal":
        lines, sms = _proposal_lines(m, lines)
    attachments: tuple[tuple[str, bytes], ...] = ()
    if m.is_answer and kind != "decision_notice":
        lines.append(
            _("This message is the akimat's answer (Art 11(2), 13(2)); the letter is attached as a PDF.")
        )
        attachments = _decision_attachment(m.case, m.lang)
        if m.payload.get("send_by") == "e_document":
            e_lines, e_files = _e_document(m)
            lines.extend(e_lines)
            attachments = (*attachments, *e_files)
    return _("The akimat's answer to no. %(ref)s") % v, lines, sms, attachments


def _proposal_lines(m: _Message, lines: list[str]) -> tuple[list[str], str]:
    v = m.values
    proposal = m.payload.get("proposal") or {}
    plan = proposal.get("new_plan") or {}
    if plan.get("starts_at"):
        start, end = m.moment(plan["starts_at"]), m.moment(plan.get("ends_at"))[-5:]
        lines.append(_("Proposed time: %(start)s to %(end)s.") % {"start": start, "end": end})
    if proposal.get("note"):
        lines.append(_("The akimat's note: %(note)s") % {"note": proposal["note"]})
    answer_by = m.extra.get("answer_deadline")
    if not answer_by:
        return lines, _("Beibit: the akimat proposes a change to no. %(ref)s.") % v
    fields = {**v, "answer_by": _day(answer_by, m.lang)}
    lines.append(
        _(
            "Answer on the case page by 23:59 (local time of %(settlement)s) on %(answer_by)s: "
            "if you do not agree or do not answer, the akimat refuses (Art 11(3), 13(3))."
        )
        % fields
    )
    sms = _("Beibit: the akimat proposes a change to no. %(ref)s. Answer by %(answer_by)s 23:59.") % fields
    return lines, sms


def _deemed_agreed(m: _Message) -> _Text:
    v = m.values
    line = _(
        "The akimat sent no answer to no. %(ref)s by %(deadline)s. You may hold the assembly as "
        "notified (Art 11(1))."
    )
    sms = _("Beibit: no answer to no. %(ref)s by %(deadline)s; you may hold it as notified.") % v
    return _("No. %(ref)s: deemed agreed") % v, [line % v], sms, ()


def _overdue(m: _Message) -> _Text:
    v = m.values
    line = _(
        "The akimat decided nothing on no. %(ref)s by %(deadline)s. Silence does not approve an "
        "application; you may complain to the higher body (APPK Art 91(2))."
    )
    sms = _("Beibit: no decision on no. %(ref)s by %(deadline)s.") % v
    return _("No. %(ref)s: no decision in time") % v, [line % v], sms, ()


def _booking_moved(m: _Message) -> _Text:
    v = m.values
    plan = m.case.state.plan
    line = _("You agreed to the akimat's proposal: the assembly is now booked for %(when)s.") % {
        "when": m.moment(plan.starts_at if plan is not None else None)
    }
    sms = _("Beibit: no. %(ref)s moved as proposed.") % v
    return _("No. %(ref)s: the new place and time are booked") % v, [line], sms, ()


def _appeal_reminder(m: _Message) -> _Text:
    until = _day(m.extra.get("until") or _appeal_until(m.case), m.lang)
    fields = {**m.values, "until": until}
    line = (
        _("The time to complain about the akimat's decision on no. %(ref)s ends on %(until)s (APPK Art 92).")
        % fields
    )
    sms = _("Beibit: appeal on no. %(ref)s by %(until)s.") % fields
    return _("No. %(ref)s: the time to appeal ends soon") % fields, [line], sms, ()


def _assembly_day(m: _Message) -> _Text:
    v = m.values
    state = m.case.state
    starts_at = state.plan.starts_at if state.plan is not None else None
    lines = [_("Your assembly starts at %(when)s.") % {"when": m.moment(starts_at)}]
    representative = state.representative
    if representative:
        who = {
            "name": representative.get("full_name", ""),
            "position": representative.get("position", ""),
            "phone": representative.get("phone") or "—",
        }
        lines.append(_("The akimat's representative: %(name)s, %(position)s, %(phone)s (Art 8(3)).") % who)
    sms = _("Beibit: your assembly no. %(ref)s is today.") % v
    return _("No. %(ref)s: your assembly is today") % v, lines, sms, ()


def _new_filing(m: _Message) -> _Text:
    v = m.values
    lines = [
        _("A %(procedure)s no. %(ref)s was registered on %(registered)s; the assembly is on %(day)s.") % v,
        _("Answer by the end of %(deadline)s.") % v,
    ]
    sms = _("Beibit: new no. %(ref)s, answer by %(deadline)s.") % v
    return _("New %(procedure)s no. %(ref)s") % v, lines, sms, ()


def _review_due(m: _Message, tomorrow: bool) -> _Text:
    v = m.values
    subject = (
        _("No. %(ref)s: the answer is due on the next working day") % v
        if tomorrow
        else _("No. %(ref)s: the answer is due today") % v
    )
    line = _(
        "The akimat's answer to no. %(ref)s counts when it is sent by the end of %(deadline)s; a "
        "notification left without an answer sent in time may be held as notified (Art 11(1))."
    )
    return subject, [line % v], subject, ()


def _proposal_answered(m: _Message) -> _Text:
    proposal = m.case.state.proposal
    line = (
        _("The organizer agreed to the proposal (Art 11(3), 13(3)).")
        if proposal is not None and proposal.answer == "agree"
        else _("The organizer did not agree to the proposal: the akimat refuses (Art 11(3), 13(3)).")
    )
    subject = _("No. %(ref)s: the organizer answered the proposal") % m.values
    return subject, [line], subject, ()


def _proposal_lapsed(m: _Message) -> _Text:
    subject = _("No. %(ref)s: the proposal was not answered") % m.values
    line = _("The organizer did not answer the proposal in time: the akimat refuses (Art 11(3), 13(3)).")
    return subject, [line], subject, ()


def _monitor_filing(m: _Message) -> _Text:
    subject = _("New filing in %(settlement)s: no. %(ref)s") % m.values
    line = _("A %(procedure)s for %(day)s was registered in %(settlement)s.") % m.values
    return subject, [line], subject, ()


def _monitor_decision(m: _Message) -> _Text:
    subject = _("Decision in %(settlement)s: no. %(ref)s") % m.values
    return subject, [_decision_sentence(m.payload)], subject, ()


_TEXTS: dict[str, Callable[[_Message], _Text]] = {
    "receipt": _receipt,
    "decision": lambda m: _answer(m, "decision"),
    "decision_notice": lambda m: _answer(m, "decision_notice"),
    "proposal": lambda m: _answer(m, "proposal"),
    "deemed_agreed": _deemed_agreed,
    "overdue": _overdue,
    "booking_moved": _booking_moved,
    "appeal_reminder": _appeal_reminder,
    "assembly_day": _assembly_day,
    "new_filing": _new_filing,
    "review_due_tomorrow": lambda m: _review_due(m, tomorrow=True),
    "review_due_today": lambda m: _review_due(m, tomorrow=False),
    "proposal_answered": _proposal_answered,
    "proposal_lapsed": _proposal_lapsed,
    "monitor_filing": _monitor_filing,
    "monitor_decision": _monitor_decision,
}


def _e_document(m: _Message) -> tuple[list[str], tuple[tuple[str, bytes], ...]]:
    """The answer as the electronic document the officer signed (Art 11(2), 13(2)): the signed bytes, the
    CMS over them, who signed, and where anyone can check it."""
    from beibit.cases import signed
    from beibit.cases.models import CaseEvent

    event = CaseEvent.objects.filter(case=m.case, seq=m.seq).first() if m.seq is not None else None
    stored = signed.stored_signature(event) if event is not None else None
    if stored is None:
        raise ValueError("an e-document answer without its signature")
    name = f"beibit-{m.case.pk}-decision"
    link = settings.SITE_URL + reverse("public:signature", args=[stored.event_hash])
    line = _(
        "It is an electronic document signed with the EDS of %(signer)s: the signature (%(name)s.p7s, CMS) "
        "covers the attached %(name)s.json; anyone can check it at %(link)s."
    ) % {"signer": stored.signer_name, "name": name, "link": link}
    files = ((f"{name}.json", signed.signed_document_of(stored)), (f"{name}.p7s", stored.cms_der))
    return [line], files


def _decision_attachment(case: Case, lang: str) -> tuple[tuple[str, bytes], ...]:
    from beibit.cases import papers

    content = papers.decision_pdf(case, lang)  # type: ignore[arg-type]
    return ((f"beibit-{case.pk}-decision-{lang}.pdf", content),) if content else ()


def _appeal_until(case: Case) -> dt.date | None:
    from beibit.cases.actions.appeal import appeal_deadline, appealable_act

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
        "review_due_tomorrow": _("Reminder: the answer is due on the next working day"),
        "review_due_today": _("Reminder: the answer is due today"),
        "proposal_answered": _("The organizer answered the proposal"),
        "proposal_lapsed": _("The proposal was not answered"),
        "monitor_filing": _("New filing in a settlement you follow"),
        "monitor_decision": _("Decision in a settlement you follow"),
    }
    return labels.get(kind, kind)

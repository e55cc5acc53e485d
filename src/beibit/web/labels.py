"""The one place for the words every page uses for the same things: the forms of assembly, the procedures,
a case's status, settlements and citations (issue 12). The public, organizer, akimat, registry, monitoring
and open-data pages all read these, so one form or one provision is never written two ways on two pages.

Translatable (gettext, this package's catalog web/locale); the language is the request's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, get_args

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy

from beibit.cases import workflow as wf
from beibit.documents import papers
from beibit.documents.i18n import Lang, check_lang
from beibit.law.citations import citation_label
from beibit.law.model import FORMS, Citation, Procedure
from beibit.places.names import decision_title as names_decision_title

#: The forms as Law 333-VI Art 1 names them, as a noun in running text ("a rally", "picketing").
FORM_LABELS: dict[str, Promise] = {
    "picket": gettext_lazy("picketing"),
    "meeting": gettext_lazy("meeting"),
    "rally": gettext_lazy("rally"),
    "demonstration": gettext_lazy("demonstration"),
    "march": gettext_lazy("march"),
}
if set(FORM_LABELS) != set(FORMS):
    raise AssertionError("a form without a label")


#: The procedures (Art 10, 12; a permission under another law; no filing; outside the law).
PROCEDURE_LABELS: dict[str, Promise] = {
    "notification": gettext_lazy("Notification"),
    "application_for_approval": gettext_lazy("Application for approval"),
    "application_for_permission": gettext_lazy("Application for permission"),
    "none_required": gettext_lazy("No filing required"),
    "out_of_scope": gettext_lazy("Outside the law on peaceful assemblies"),
}
#: A case's status (`cases.workflow`) and how it is marked: ok, warn, bad, or plain.
STATUS_LABELS: dict[str, tuple[Promise, str]] = {
    wf.DRAFT: (gettext_lazy("Draft"), ""),
    wf.SUBMITTED: (gettext_lazy("Submitted"), ""),
    wf.REGISTERED: (gettext_lazy("Registered, under review"), "warn"),
    wf.MAY_PROCEED: (gettext_lazy("May go ahead"), "ok"),
    wf.APPROVED: (gettext_lazy("Approved"), "ok"),
    wf.APPROVED_RESTRICTED: (gettext_lazy("Approved with restrictions"), "ok"),
    wf.PROPOSAL_PENDING: (gettext_lazy("Akimat proposes a change"), "warn"),
    wf.PROPOSAL_AGREED: (gettext_lazy("Change agreed: may go ahead"), "ok"),
    wf.PROPOSAL_DECLINED: (gettext_lazy("Change declined"), "bad"),
    wf.PROPOSAL_LAPSED: (gettext_lazy("Proposal not answered in time"), "bad"),
    wf.REFUSED: (gettext_lazy("Refused"), "bad"),
    wf.DEEMED_AGREED: (gettext_lazy("Deemed agreed: no answer in time"), "ok"),
    wf.OVERDUE: (gettext_lazy("Akimat did not answer in time"), "bad"),
    wf.WITHDRAWN: (gettext_lazy("Withdrawn"), ""),
    wf.HELD: (gettext_lazy("Held"), "ok"),
    wf.SUSPENDED: (gettext_lazy("Suspended"), "bad"),
    wf.TERMINATED: (gettext_lazy("Terminated"), "bad"),
}
if set(STATUS_LABELS) != set(wf.STATUSES):
    raise AssertionError("a status without a label")
if set(PROCEDURE_LABELS) != set(get_args(Procedure)):
    raise AssertionError("a procedure without a label")


def status_view(status: str) -> dict[str, Any]:
    """A status as the pages show it: its code, its label and its mark."""
    label, css = STATUS_LABELS.get(status, (status, ""))
    return {"code": status, "label": label, "css": css}


def filing_heading(procedure: str) -> str:
    """What the filing is called on a case page: a notification (Art 10) or an application (Art 12) — a
    march or a demonstration is never a "notification" (хабарлама / өтініш; уведомление / заявление)."""
    if procedure == "notification":
        return str(gettext_lazy("The notification"))
    if procedure.startswith("application"):
        return str(gettext_lazy("The application"))
    return str(gettext_lazy("The filing"))


def procedure_label(procedure: str) -> str:
    label = PROCEDURE_LABELS.get(procedure)
    return str(label) if label is not None else procedure


def lang() -> Lang:
    """The request's language as the documents and the engine's messages take it (kk by default)."""
    return check_lang((get_language() or "kk")[:2])


def form_label(form: str) -> str:
    """The form in running text; an unknown code is shown as it is."""
    label = FORM_LABELS.get(form)
    return str(label) if label is not None else form


def form_title(form: str) -> str:
    """The form on its own (a choice in a list, a table cell): capitalized."""
    return str(capfirst(form_label(form)))


def form_choices() -> list[tuple[str, str]]:
    return [(form, form_title(form)) for form in FORMS]


def settlement_name(settlement: str) -> str:
    """The settlement's name in the page's language, from the names data (`places/data/settlement-names.yaml`:
    kk, ru and en for every city of republican and regional significance; `documents.papers.settlement_name`);
    an id nobody knows is shown as it is."""
    return papers.settlement_name(settlement, lang())


def decision_title(number: str | None, date: dt.date | None) -> str:
    """A maslikhat decision by its number and date, in the page's language (issue 15)."""
    return names_decision_title(number, date, lang())


def cite(citation: Citation | Mapping[str, Any]) -> str:
    """A provision as the page's language writes it («№ 333-VI Заң, 14-бап 1-тармақ 4) тармақша», «Закон
    № 333-VI, ст. 14 п. 1 пп. 4», "Law No. 333-VI, Art 14(1)(4)")."""
    c = citation if isinstance(citation, Citation) else Citation(**citation)
    return citation_label(c, lang())

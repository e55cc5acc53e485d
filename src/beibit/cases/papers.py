"""A case's values for its papers (`beibit.documents.papers`): read from its events, handed to the
Django-free documents layer. The API and the organizer's pages both print their PDFs through here."""

from __future__ import annotations

import datetime as dt

from beibit.cases.models import Case
from beibit.cases.registry_store import registry_from_db
from beibit.documents import papers
from beibit.documents.i18n import Lang
from beibit.documents.model import DecisionLetter


def case_papers(case: Case) -> papers.CasePapers:
    """The filing as filed (the `submitted` event) or the draft while it is one; the decisions, deliveries
    and filed plan of the case state; the findings of its evaluation."""
    event = case.events.filter(kind="submitted").first()
    state = case.state
    return papers.CasePapers(
        reference=str(case.pk),
        settlement=case.settlement,
        form=case.form,
        regime_id=case.regime_id,
        registration_day=case.registration_day,
        review_deadline=case.review_deadline,
        filed=event.payload["assembly"] if event is not None else case.draft,
        filed_plan=state["filed_plan"],
        decisions=state["decisions"],
        deliveries=state["deliveries"],
        findings=(case.evaluation or {}).get("findings", []),
        registry=registry_from_db(),
    )


def filing_pdf(case: Case, lang: Lang) -> bytes:
    return papers.filing_pdf(case_papers(case), lang)


def decision_pdf(case: Case, lang: Lang) -> bytes | None:
    return papers.decision_pdf(case_papers(case), lang)


def appeal_pdf(case: Case, today: dt.date, lang: Lang) -> bytes | None:
    return papers.appeal_pdf(case_papers(case), today, lang)


def decision_letter(case: Case, lang: Lang) -> DecisionLetter | None:
    return papers.decision_letter(case_papers(case), lang)

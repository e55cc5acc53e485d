"""A case's values for its papers (`beibit.documents.papers`): read from its events, handed to the
Django-free documents layer. The API and the organizer's pages both print their PDFs through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from beibit.cases import pdf_cache, signed
from beibit.cases.models import Case
from beibit.documents import papers
from beibit.documents.i18n import Lang
from beibit.documents.model import DecisionLetter
from beibit.registry.store import registry_from_db


def case_papers(case: Case, link: Callable[[str], str] | None = None) -> papers.CasePapers:
    """The filing as filed (the `submitted` event) or the draft while it is one; the decisions, deliveries
    and filed plan of the case state; the findings of its evaluation."""
    event = case.events.filter(kind="submitted").first()
    state = case.state
    return papers.CasePapers(
        reference=case.registration_number or str(case.pk),
        settlement=case.settlement,
        form=case.form,
        regime_id=case.regime_id,
        registration_day=case.registration_day,
        review_deadline=case.review_deadline,
        filed=event.payload["assembly"] if event is not None else case.draft,
        # The documents layer reads the records as the log stores them (JSON), not Beibit's typed state.
        filed_plan=state.filed_plan.document if state.filed_plan is not None else None,
        decisions=[d.document for d in state.decisions],
        deliveries=[d.document for d in state.deliveries],
        findings=(case.evaluation or {}).get("findings", []),
        registry=registry_from_db(),
        **_seals(case, link),
    )


def _seals(case: Case, link: Callable[[str], str] | None) -> dict[str, Any]:
    """The EDS stamps (and a paper filing's reference), with addresses made absolute by `link`."""
    absolute = link or (lambda path: path)
    filing, decision, paper = signed.paper_seals(case, absolute)
    appeal = signed.appeal_stamps(case, absolute)
    return {
        "filing_stamps": filing,
        "decision_stamps": decision,
        "appeal_stamps": appeal,
        "paper_reference": paper,
    }


def filing_pdf(case: Case, lang: Lang, link: Callable[[str], str] | None = None) -> bytes:
    return papers.filing_pdf(case_papers(case, link), lang, build=pdf_cache.build)


def decision_pdf(case: Case, lang: Lang, link: Callable[[str], str] | None = None) -> bytes | None:
    return papers.decision_pdf(case_papers(case, link), lang, build=pdf_cache.build)


def appeal_pdf(
    case: Case, today: dt.date, lang: Lang, link: Callable[[str], str] | None = None
) -> bytes | None:
    return papers.appeal_pdf(case_papers(case, link), today, lang, build=pdf_cache.build)


def document_pdf(
    case: Case, kind: str, lang: Lang, today: dt.date, link: Callable[[str], str] | None = None
) -> bytes | None:
    """The case's PDF `kind` (filing, decision, appeal) in `lang`, built once per version of the case
    (`pdf_cache`); PdfUnavailable when it cannot be built within the caps. `link` makes the addresses
    printed beside an EDS stamp absolute; the site's address is part of the cache key."""
    makers = {
        "filing": lambda: filing_pdf(case, lang, link),
        "decision": lambda: decision_pdf(case, lang, link),
        "appeal": lambda: appeal_pdf(case, today, lang, link),
    }
    site = link("/") if link is not None else ""
    return pdf_cache.cached(case, kind, lang, makers[kind], extra=f"{today.isoformat()} {site}")


def decision_letter(case: Case, lang: Lang) -> DecisionLetter | None:
    return papers.decision_letter(case_papers(case), lang)

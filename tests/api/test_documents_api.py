"""GET /api/v1/cases/{id}/documents/{kind}: the case's PDFs in the language asked, only for the own case,
404 while there is no such document yet."""

from __future__ import annotations

import io

import time_machine
from pypdf import PdfReader

from tests.api.conftest import Api
from tests.cases.fixtures import CaseMaker


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_filing_in_each_language(
    as_organizer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    texts = {}
    for lang in ("kk", "ru", "en"):
        response = as_organizer.get(f"/cases/{case.pk}/documents/filing?lang={lang}")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert f"beibit-case-{case.pk}-filing-{lang}.pdf" in response["Content-Disposition"]
        texts[lang] = _text(response.content)
    assert "Уведомление" in texts["ru"] or "УВЕДОМЛЕНИЕ" in texts["ru"]
    assert "Notification" in texts["en"] or "NOTIFICATION" in texts["en"]
    assert texts["kk"] != texts["ru"] != texts["en"]
    # Issue 13: only what happened. Filed through Beibit, not signed with an EDS; the case's registration
    # number; the place by its name, never its registry id.
    english = " ".join(texts["en"].split())
    assert "through Beibit, as an electronic document not signed with an electronic digital" in english
    case.refresh_from_db()  # issue 15: the akimat's registration number, the same as the register's and API's
    assert case.registration_number == "АЛМАТЫ-2026-1"
    assert f"Registration number {case.registration_number}" in english
    assert "Imanov" in english and "almaty-imanov-square" not in english
    assert "Тіркеу нөмірі" in texts["kk"] and "ЭЦҚ" in texts["kk"]


def test_the_decision_letter_once_decided(
    as_organizer: Api, as_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    assert as_organizer.get(f"/cases/{case.pk}/documents/decision").status_code == 404
    assert as_organizer.get(f"/cases/{case.pk}/documents/appeal").status_code == 404
    decided = as_officer.post(f"/officer/cases/{case.pk}/decision", {"decision": "proceed"})
    assert decided.status_code == 200, decided.content
    letter = as_organizer.get(f"/cases/{case.pk}/documents/decision?lang=ru")
    assert letter.status_code == 200
    assert "акимат" in _text(letter.content).lower()
    assert as_organizer.get(f"/cases/{case.pk}/documents/appeal?lang=en").status_code == 200


def test_only_the_own_case_and_known_kinds(
    as_other_organizer: Api, as_organizer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    assert as_other_organizer.get(f"/cases/{case.pk}/documents/filing").status_code == 404
    assert as_organizer.get(f"/cases/{case.pk}/documents/minutes").status_code == 422
    assert as_organizer.get(f"/cases/{case.pk}/documents/filing?lang=de").status_code == 422

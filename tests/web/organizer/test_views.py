"""The organizer's pages through the Django test client: the account, the wizard step by step, the live
check, the receipt, the case page with its answers, and the PDFs. The clock is pinned with time-machine."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from pypdf import PdfReader

from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import draft_evaluation, submit
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case
from beibit.signatures.testpki import Holder, Pki, sign_cms
from tests.cases.fixtures import ORGANIZER_IIN, PASSWORD, CaseMaker, at

pytestmark = pytest.mark.django_db

# Tuesday 1 December 2026, 10:00 in Almaty; the assembly a month later, on a working Tuesday.
NOW = at(2026, 12, 1)
DAY = "2027-01-12"
IMANOV = "almaty-imanov-square"
IMANOV_KK = "Амангелді Иманов атындағы саябақ"


@pytest.fixture
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def signed_in(client: Client, organizer: AbstractBaseUser, clock: None) -> Client:
    client.force_login(organizer)
    return client


STEP_ANSWERS: dict[str, dict[str, Any]] = {
    "when": {"day": DAY, "starts": "11:00", "ends": "13:00"},
    "place": {"place_id": IMANOV},
    "people": {"expected_participants": "150", "posters_banners": "on"},
    "organizer": {
        "kind": "citizen",
        "full_name": "Aigerim Tulegenova",
        "iin": ORGANIZER_IIN,
        "birth_date": "1985-06-12",
        "residence": "Almaty, Abay avenue 1",
        "email": "aigerim@example.kz",
        "phone": "+77011234567",
    },
    "content": {
        "purpose": "Keep the old trees on Abay avenue",
        "regulations": "11:00 opening; speeches; 13:00 close",
        "funding": ["own_funds"],
        "consent": "on",
    },
}


def start(client: Client, form: str = "rally") -> Case:
    response = client.post("/organizer/wizard/", {"form": form, "settlement": "almaty"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/organizer/wizard/{case.pk}/when/"
    return case


def walk(client: Client, case: Case, *, until: str = "review") -> None:
    for step, answers in STEP_ANSWERS.items():
        if step == until:
            return
        response = client.post(f"/organizer/wizard/{case.pk}/{step}/", {**answers, "next": "1"})
        assert response.status_code == 302, response.content.decode()[-2000:]


class TestSignup:
    def test_creates_an_organizer_signs_in_and_goes_to_the_wizard(
        self, client: Client, registry_in_db: None
    ) -> None:
        response = client.post(
            "/organizer/signup/",
            {
                "email": "dana@example.kz",
                "password": PASSWORD,
                "password_again": PASSWORD,
                "full_name": "Dana K",
                "iin": ORGANIZER_IIN,
                "birth_date": "1985-06-12",
                "phone": "+77010000000",
            },
        )
        assert response.status_code == 302 and response["Location"] == "/organizer/wizard/"
        page = client.get("/organizer/wizard/")
        assert page.status_code == 200
        assert page.wsgi_request.user.profile.role == "organizer"
        assert page.wsgi_request.user.profile.iin == ORGANIZER_IIN

    def test_errors_are_shown_next_to_the_fields(self, client: Client, registry_in_db: None) -> None:
        response = client.post(
            "/organizer/signup/",
            {
                "email": "not-an-email",
                "password": PASSWORD,
                "password_again": PASSWORD + "x",
                "full_name": "Dana K",
                "iin": "123456789012",
                "birth_date": "1985-06-12",
                "phone": "+77010000000",
            },
        )
        assert response.status_code == 200
        html = response.content.decode()
        for field in ("email", "password_again", "iin"):
            assert f'id="id_{field}_error"' in html
        assert 'id="id_full_name_error"' not in html
        assert not Case.objects.exists()

    def test_a_taken_email_is_an_error_on_the_email(
        self, client: Client, organizer: AbstractBaseUser
    ) -> None:
        response = client.post(
            "/organizer/signup/",
            {
                "email": "aigerim@example.kz",
                "password": PASSWORD,
                "password_again": PASSWORD,
                "full_name": "Someone",
                "iin": ORGANIZER_IIN,
                "birth_date": "1985-06-12",
                "phone": "+77010000000",
            },
        )
        assert 'id="id_email_error"' in response.content.decode()


class TestAccess:
    def test_anonymous_visitors_are_sent_to_sign_in(self, client: Client, registry_in_db: None) -> None:
        response = client.get("/organizer/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_an_officer_may_not_use_the_organizer_pages(
        self, client: Client, officer: AbstractBaseUser
    ) -> None:
        client.force_login(officer)
        assert client.get("/organizer/").status_code == 403

    def test_another_organizer_gets_404_everywhere(
        self, signed_in: Client, organizer: AbstractBaseUser, other_organizer: AbstractBaseUser
    ) -> None:
        case = start(signed_in)
        walk(signed_in, case)
        submit(case.pk, organizer, now=NOW)
        other = Client()
        other.force_login(other_organizer)
        for url in (
            f"/organizer/wizard/{case.pk}/when/",
            f"/organizer/cases/{case.pk}/",
            f"/organizer/cases/{case.pk}/receipt/",
            f"/organizer/cases/{case.pk}/documents/filing.pdf",
            f"/organizer/cases/{case.pk}/documents/decision.pdf",
        ):
            assert other.get(url).status_code == 404, url
        assert other.post(f"/organizer/cases/{case.pk}/withdraw/").status_code == 404
        assert other.get("/organizer/").content.decode().count(f"#{case.pk}") == 0


class TestWizard:
    def test_the_form_step_says_which_procedure_each_form_follows(self, signed_in: Client) -> None:
        html = signed_in.get("/organizer/wizard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        procedures = re.findall(r'id="id_form_(\w+)_procedure">([^<·]+)', html)
        found = {form: text.strip() for form, text in procedures}
        assert found["rally"] == "Notification" and found["picket"] == "Notification"
        assert found["march"] == "Application for approval"
        assert found["demonstration"] == "Application for approval"

    def test_every_step_saves_the_draft_and_the_review_shows_it(self, signed_in: Client) -> None:
        case = start(signed_in)
        assert case.status == "draft" and case.draft["form"] == "rally"
        walk(signed_in, case, until="place")
        case.refresh_from_db()
        assert case.draft["starts_at"] == f"{DAY}T11:00:00+05:00"
        walk(signed_in, case)
        case.refresh_from_db()
        draft = case.draft
        assert draft["place"] == {"specialized_place_id": IMANOV}
        assert draft["expected_participants"] == 150
        assert draft["equipment"] == {
            "sound_amplification": False,
            "posters_banners": True,
            "vehicles": False,
            "structures": False,
        }
        assert draft["organizer"]["persons"][0]["residence"] == "Almaty, Abay avenue 1"
        assert draft["funding_sources"] == [{"kind": "own_funds"}]
        assert draft["personal_data_consent"] is True and draft["signed_by"] == "organizer"
        review = signed_in.get(f"/organizer/wizard/{case.pk}/review/")
        html = review.content.decode()
        assert IMANOV_KK in html
        assert draft_evaluation(case, now=NOW).refusal_grounds == []
        assert "14(1)(5)" not in html  # nothing missing: no ground on the review page

    def test_a_signed_filing_leads_to_the_receipt_with_the_days_of_the_case(
        self, signed_in: Client, settings: Any, tmp_path: Path
    ) -> None:
        pki = Pki(NOW, label="TEST")
        key = pki.issue(Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN), days=3650)
        settings.EDS_TRUST_DIR = str(pki.write_trust(tmp_path))
        case = start(signed_in)
        walk(signed_in, case)
        review = signed_in.get(f"/organizer/wizard/{case.pk}/review/").content.decode()
        assert f"/organizer/cases/{case.pk}/submit/" not in review  # no unsigned filing (Art 10(1))
        data = re.search(r'data-eds-data="([^"]+)"', review)
        assert data is not None
        cms = sign_cms(base64.b64decode(data.group(1)), key, signing_time=NOW, attach=False)
        response = signed_in.post(
            f"/organizer/cases/{case.pk}/submit-signed/", {"signature": base64.b64encode(cms).decode()}
        )
        assert response["Location"] == f"/organizer/cases/{case.pk}/receipt/"
        case.refresh_from_db()
        assert case.status == "registered"
        html = signed_in.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert case.registration_day == dt.date(2026, 12, 1)
        registration = re.search(r'id="registration-day"><strong>([^<]+)<', html)
        deadline = re.search(r'id="review-deadline"><strong>([^<]+)<', html)
        assert registration and deadline
        from beibit.law.formats import date_label

        # one format per language (issue 15): the English page writes "1 December 2026"
        assert registration.group(1) == date_label(case.registration_day, "en")
        assert deadline.group(1) == date_label(case.review_deadline, "en")

    def test_back_keeps_the_answers(self, signed_in: Client) -> None:
        case = start(signed_in)
        walk(signed_in, case, until="people")
        response = signed_in.post(
            f"/organizer/wizard/{case.pk}/people/", {**STEP_ANSWERS["people"], "back": "1"}
        )
        assert response["Location"] == f"/organizer/wizard/{case.pk}/place/"
        place = signed_in.get(response["Location"]).content.decode()
        assert re.search(rf'<option value="{IMANOV}"[^>]*selected', place)
        people = signed_in.get(f"/organizer/wizard/{case.pk}/people/").content.decode()
        assert 'value="150"' in people
        assert re.search(r'name="posters_banners"[^>]*checked', people)

    def test_back_with_an_unfinished_step_goes_back_without_saving_it(self, signed_in: Client) -> None:
        case = start(signed_in)
        walk(signed_in, case, until="people")
        response = signed_in.post(
            f"/organizer/wizard/{case.pk}/people/", {"expected_participants": "", "back": "1"}
        )
        assert response["Location"] == f"/organizer/wizard/{case.pk}/place/"
        case.refresh_from_db()
        assert "expected_participants" not in case.draft

    def test_leaving_and_coming_back_resumes_the_draft(self, signed_in: Client) -> None:
        case = start(signed_in)
        walk(signed_in, case, until="people")
        listing = signed_in.get("/organizer/").content.decode()
        assert f'href="/organizer/wizard/{case.pk}/people/"' in listing
        assert (
            signed_in.get(f"/organizer/cases/{case.pk}/")["Location"]
            == f"/organizer/wizard/{case.pk}/people/"
        )

    def test_validation_errors_stay_on_the_step(self, signed_in: Client) -> None:
        case = start(signed_in)
        response = signed_in.post(
            f"/organizer/wizard/{case.pk}/when/", {"day": DAY, "starts": "13:00", "ends": "11:00"}
        )
        assert response.status_code == 200
        assert 'id="id_ends_error"' in response.content.decode()
        response = signed_in.post(f"/organizer/wizard/{case.pk}/place/", {"place_id": ""})
        assert 'id="id_place_id_error"' in response.content.decode()
        response = signed_in.post(
            f"/organizer/wizard/{case.pk}/organizer/", {**STEP_ANSWERS["organizer"], "iin": "850612300452"}
        )
        assert 'id="id_iin_error"' in response.content.decode()
        response = signed_in.post(
            f"/organizer/wizard/{case.pk}/organizer/", {**STEP_ANSWERS["organizer"], "kind": "legal_entity"}
        )
        assert 'id="id_entity_bin_error"' in response.content.decode()
        case.refresh_from_db()
        assert "starts_at" not in case.draft and "place" not in case.draft

    def test_a_picket_draws_a_point_and_a_march_draws_a_route(self, signed_in: Client) -> None:
        case = start(signed_in, "picket")
        walk(signed_in, case, until="place")
        page = signed_in.get(f"/organizer/wizard/{case.pk}/place/").content.decode()
        assert 'data-draw="point"' in page
        point = {"type": "Point", "coordinates": [76.9455, 43.2380]}
        signed_in.post(
            f"/organizer/wizard/{case.pk}/place/",
            {"geometry": json.dumps(point), "address": "Near the theatre"},
        )
        case.refresh_from_db()
        assert case.draft["place"] == {"point": [76.9455, 43.238], "address": "Near the theatre"}
        content = signed_in.get(f"/organizer/wizard/{case.pk}/content/").content.decode()
        assert 'name="regulations"' not in content  # not asked of a picket (Art 10(3)(9))

        march = Client()
        march.force_login(case.organizer)
        response = march.post("/organizer/wizard/", {"form": "march", "settlement": "almaty"})
        march_case = Case.objects.exclude(pk=case.pk).get()
        page = march.get(f"/organizer/wizard/{march_case.pk}/place/").content.decode()
        assert 'data-draw="line"' in page and response.status_code == 302
        line = {"type": "LineString", "coordinates": [[76.94, 43.25], [76.95, 43.255]]}
        march.post(f"/organizer/wizard/{march_case.pk}/place/", {"geometry": json.dumps(line)})
        march_case.refresh_from_db()
        assert march_case.draft["route"] == {"geometry": line}
        content = march.get(f"/organizer/wizard/{march_case.pk}/content/").content.decode()
        assert 'name="public_order_measures"' in content  # an application asks for them (Art 12(2)(7))

    def test_the_live_check_follows_unsaved_answers(self, signed_in: Client) -> None:
        case = start(signed_in)
        walk(signed_in, case, until="content")
        url = f"/organizer/wizard/{case.pk}/content/check/"
        without = signed_in.post(url, {**STEP_ANSWERS["content"], "consent": ""}, HTTP_ACCEPT_LANGUAGE="en")
        assert "10(3)(11)" in without.content.decode()
        complete = signed_in.post(url, STEP_ANSWERS["content"], HTTP_ACCEPT_LANGUAGE="en")
        assert "10(3)(11)" not in complete.content.decode()
        case.refresh_from_db()
        assert "purpose" not in case.draft  # a check saves nothing

    def test_a_late_day_is_flagged_with_its_citation(self, signed_in: Client) -> None:
        case = start(signed_in)
        response = signed_in.post(
            f"/organizer/wizard/{case.pk}/when/check/",
            {"day": "2026-12-03", "starts": "11:00", "ends": "13:00"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        html = response.content.decode()
        assert "too late" in html and "Law No. 333-VI, Art 14(1)(4)" in html


def _decided(filed: CaseMaker, officer: AbstractBaseUser, decision: DecisionInput) -> Case:
    case = filed()
    record_decision(case.pk, officer, decision, now=at(2026, 3, 26))
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 26)), now=at(2026, 3, 26))
    return Case.objects.get(pk=case.pk)


class TestCasePage:
    @pytest.fixture
    def march_26(self) -> Iterator[None]:
        with time_machine.travel(at(2026, 3, 26, 12), tick=False):
            yield

    def test_a_registered_case_counts_down_to_its_review_deadline(
        self, client: Client, organizer: AbstractBaseUser, filed: CaseMaker
    ) -> None:
        case = filed()
        client.force_login(organizer)
        with time_machine.travel(at(2026, 3, 20, 12), tick=False):
            html = client.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "working days left" in html or "working day left" in html
        assert "Filed with the akimat" in html and "Registered by the akimat" in html

    def test_silence_past_the_deadline_reads_as_deemed_agreed(
        self, client: Client, organizer: AbstractBaseUser, filed: CaseMaker
    ) -> None:
        case = filed()
        client.force_login(organizer)
        html = client.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Deemed agreed: no answer in time" in html
        assert "Art 11(1)" in html
        assert Case.objects.get(pk=case.pk).status == "deemed_agreed"

    def test_the_organizer_accepts_a_proposal_and_sees_the_new_place(
        self,
        client: Client,
        organizer: AbstractBaseUser,
        officer: AbstractBaseUser,
        filed: CaseMaker,
        march_26: None,
    ) -> None:
        case = _decided(
            filed, officer, DecisionInput("propose", proposal=ProposalInput(place_id="almaty-gandhi-park"))
        )
        client.force_login(organizer)
        page = client.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert 'id="answer-form"' in page
        response = client.post(f"/organizer/cases/{case.pk}/answer/", {"agree": "yes"})
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).status == "proposal_agreed"
        page = client.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        place = re.search(r'id="plan-place"><span translate="no">([^<]+)<', page)
        assert place and "Gandhi" in place.group(1)
        assert 'id="answer-form"' not in page
        assert 'id="campaigning"' in page

    def test_withdrawal(self, client: Client, organizer: AbstractBaseUser, filed: CaseMaker) -> None:
        case = filed()
        client.force_login(organizer)
        with time_machine.travel(at(2026, 3, 20, 12), tick=False):
            client.post(f"/organizer/cases/{case.pk}/withdraw/", {"reason": "Rain"})
            assert Case.objects.get(pk=case.pk).status == "withdrawn"
            html = client.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Withdrawn by you" in html and f'action="/organizer/cases/{case.pk}/withdraw/"' not in html

    def test_a_refusal_shows_grounds_and_the_appeal_deadline_and_an_appeal_is_recorded(
        self,
        client: Client,
        organizer: AbstractBaseUser,
        officer: AbstractBaseUser,
        filed: CaseMaker,
        march_26: None,
    ) -> None:
        reasons = "The notification was filed without the regulations the law requires."
        case = _decided(filed, officer, DecisionInput("refuse", ("14.1.5",), reasons))
        client.force_login(organizer)
        html = client.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Law No. 333-VI, Art 14(1)(5)" in html and reasons in html
        assert 'id="appeal-deadline"' in html and "26 June 2026" in html
        response = client.post(
            f"/organizer/cases/{case.pk}/appeal/",
            {"body": "higher_body", "body_name": "Akimat of Almaty region", "filed_on": "2026-03-26"},
        )
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).state_document["appeals"][0]["within_limit"] is True
        bad = client.post(
            f"/organizer/cases/{case.pk}/appeal/",
            {"body": "court", "body_name": "Court", "filed_on": "2026-04-30"},
        )
        assert 'id="id_filed_on_error"' in bad.content.decode()


def _pdf_text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join((page.extract_text() or "") for page in reader.pages)


class TestDocuments:
    def test_the_filing_pdf_is_in_the_page_language_with_the_place(
        self, client: Client, organizer: AbstractBaseUser, filed: CaseMaker
    ) -> None:
        case = filed()
        client.force_login(organizer)
        url = f"/organizer/cases/{case.pk}/documents/filing.pdf"
        kk = _pdf_text(client.get(url, HTTP_ACCEPT_LANGUAGE="kk"))
        assert "Иманов" in kk and re.search("[а-яәіңғүұқөһ]{4,}", kk)
        ru = _pdf_text(client.get(url, HTTP_ACCEPT_LANGUAGE="ru"))
        assert ("Иманова" in ru and "Уведомление" in ru) or "УВЕДОМЛЕНИЕ" in ru
        assert client.get(f"/organizer/cases/{case.pk}/documents/decision.pdf").status_code == 404
        assert client.get(f"/organizer/cases/{case.pk}/documents/other.pdf").status_code == 404

    def test_the_decision_letter_and_the_appeal_draft_once_decided(
        self, client: Client, organizer: AbstractBaseUser, officer: AbstractBaseUser, filed: CaseMaker
    ) -> None:
        with time_machine.travel(at(2026, 3, 26, 12), tick=False):
            reasons = "The notification was filed without the regulations the law requires."
            case = _decided(filed, officer, DecisionInput("refuse", ("14.1.5",), reasons))
            client.force_login(organizer)
            letter = _pdf_text(
                client.get(f"/organizer/cases/{case.pk}/documents/decision.pdf", HTTP_ACCEPT_LANGUAGE="ru")
            )
            appeal = _pdf_text(
                client.get(f"/organizer/cases/{case.pk}/documents/appeal.pdf", HTTP_ACCEPT_LANGUAGE="ru")
            )
        assert "Иманова" in letter and "ст. 14 п. 1 пп. 5" in letter and re.search("[а-я]{5,}", letter)
        assert "Иманова" in appeal and ORGANIZER_IIN in appeal


def test_the_case_page_links_the_consent_to_publish(signed_in: Client, filed: Any) -> None:
    case = filed()
    html = signed_in.get(f"/organizer/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'id="publication-consent" href="/data/consent/{case.pk}/"' in html


class TestBounds:
    """Issue 14, faults 2 and 3 on the pages: the forms show the contract's bounds and refuse what is past
    them as an error on the field."""

    def test_fault02_the_forms_show_the_contracts_maximum_lengths(self, signed_in: Client) -> None:
        from beibit.law import model

        case = start(signed_in)
        walk(signed_in, case, until="content")
        html = signed_in.get(f"/organizer/wizard/{case.pk}/content/").content.decode()
        assert re.search(rf'name="purpose"[^>]*maxlength="{model.MAX_PURPOSE}"', html)
        assert re.search(rf'name="regulations"[^>]*maxlength="{model.MAX_TEXT}"', html)
        people = signed_in.get(f"/organizer/wizard/{case.pk}/people/").content.decode()
        assert re.search(rf'name="expected_participants"[^>]*max="{model.MAX_PARTICIPANTS}"', people)

    def test_fault02_a_purpose_past_the_bound_is_an_error_on_the_field(self, signed_in: Client) -> None:
        case = start(signed_in)
        walk(signed_in, case, until="content")
        answers = {**STEP_ANSWERS["content"], "purpose": "x" * 1_000_000, "next": "1"}
        response = signed_in.post(f"/organizer/wizard/{case.pk}/content/", answers)
        assert response.status_code == 200
        assert (
            'id="id_purpose_error"' in response.content.decode() or "errorlist" in response.content.decode()
        )
        case.refresh_from_db()
        assert "purpose" not in case.draft

    def test_fault03_participants_past_the_bound_are_an_error_on_the_field(self, signed_in: Client) -> None:
        case = start(signed_in)
        walk(signed_in, case, until="people")
        answers = {**STEP_ANSWERS["people"], "expected_participants": "2147483648", "next": "1"}
        response = signed_in.post(f"/organizer/wizard/{case.pk}/people/", answers)
        assert response.status_code == 200
        case.refresh_from_db()
        assert "expected_participants" not in case.draft


class TestPdfCaps:
    """Issue 14, fault 2: a PDF is built once per version of the case (cached under the case's last event
    hash), in a worker process, and a build past the time cap is answered 503 instead of holding a worker."""

    def test_fault02_a_pdf_is_built_once_per_version_of_the_case(
        self,
        client: Client,
        organizer: AbstractBaseUser,
        officer: AbstractBaseUser,
        filed: CaseMaker,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        from django.core.cache import cache

        from beibit.cases import pdf_cache

        cache.clear()
        built: list[str] = []
        real = pdf_cache.build

        def counting(render: Any, *args: Any, **kwargs: Any) -> bytes:
            built.append(render.__name__)
            return real(render, *args, **kwargs)

        monkeypatch.setattr(pdf_cache, "build", counting)
        case = filed()
        client.force_login(organizer)
        url = f"/organizer/cases/{case.pk}/documents/filing.pdf"
        first = client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content == first
        assert built == ["render_filing"]
        client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert built == ["render_filing", "render_filing"]  # another language, another document
        record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26))
        client.get(url, HTTP_ACCEPT_LANGUAGE="kk")
        assert len(built) == 3  # the case changed: a new version

    def test_fault02_a_build_past_the_time_cap_is_a_503_and_the_next_one_works(
        self, client: Client, organizer: AbstractBaseUser, filed: CaseMaker, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from django.core.cache import cache

        from beibit.cases import pdf_cache

        cache.clear()
        case = filed()
        client.force_login(organizer)
        url = f"/organizer/cases/{case.pk}/documents/filing.pdf"
        monkeypatch.setattr(pdf_cache, "PDF_SECONDS", 0.001)
        assert client.get(url).status_code == 503
        monkeypatch.setattr(pdf_cache, "PDF_SECONDS", 60.0)
        assert client.get(url).status_code == 200

"""Signing a filing with EDS through the pages (Django test client; the browser's NCALayer step is the e2e
test's): the review step offers it only where EDS is configured, a good signature files and shows the
signature block to the organizer and the akimat, a bad one files nothing and says why in the page's
language, and the public verification page never shows the IIN."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases import signed
from beibit.cases.actions import filing as filing_actions
from beibit.cases.models import Case, CaseEvent
from beibit.law.model import PlannedAssembly
from beibit.signatures.testpki import Holder, Identity, Pki, sign_cms
from tests.cases.fixtures import ORGANIZER_IIN, OTHER_IIN, PASSWORD, at, rally

pytestmark = pytest.mark.django_db
NOW = at(2026, 12, 1)


class Keys:
    def __init__(self, directory: Path) -> None:
        self.pki = pki = Pki(NOW, label="TEST")
        self.organizer = pki.issue(Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN), days=3650)
        self.stranger = pki.issue(Holder("S", "MARAT", OTHER_IIN), days=3650)
        self.trust_dir = pki.write_trust(directory)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return Keys(tmp_path_factory.mktemp("trust"))


@pytest.fixture
def eds(keys: Keys, settings: Any) -> Iterator[Keys]:
    settings.EDS_TRUST_DIR = str(keys.trust_dir)
    with time_machine.travel(NOW, tick=False):
        yield keys


@pytest.fixture
def draft(organizer: AbstractBaseUser, eds: Keys) -> Case:
    data = rally(starts_at="2027-01-12T11:00:00+05:00", ends_at="2027-01-12T13:00:00+05:00")
    return filing_actions.create_case(organizer, PlannedAssembly.model_validate(data), now=NOW)


def review(client: Client, case: Case) -> str:
    return client.get(f"/organizer/wizard/{case.pk}/review/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()


def signature_of(case: Case, who: Identity) -> str:
    return base64.b64encode(
        sign_cms(signed.filing_document(case), who, signing_time=NOW, attach=False)
    ).decode()


def test_review_offers_signing_with_the_exact_bytes(
    client: Client, organizer: AbstractBaseUser, draft: Case
) -> None:
    client.force_login(organizer)
    page = review(client, draft)
    assert 'id="eds-form"' in page
    document = re.search(r'data-eds-data="([^"]+)"', page)
    assert document is not None
    assert base64.b64decode(document.group(1)) == signed.filing_document(draft)
    assert "vendor/ncalayer/ncalayer-client.js" in page
    assert "Sign with EDS" not in page  # the Kazakh page says it in Kazakh


def test_review_without_eds_configured_offers_no_signing(
    client: Client, organizer: AbstractBaseUser, draft: Case, settings: Any
) -> None:
    settings.EDS_TRUST_DIR = ""
    client.force_login(organizer)
    page = review(client, draft)
    assert 'id="eds-form"' not in page
    # Nothing files it unsigned: the page sends the organizer to the paper channel (Art 10(1), 12(1)).
    assert 'id="paper-only"' in page and f"/organizer/cases/{draft.pk}/submit/" not in page
    assert client.post(f"/organizer/cases/{draft.pk}/submit/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_good_signature_files_and_shows_the_block(
    client: Client, organizer: AbstractBaseUser, officer: AbstractBaseUser, draft: Case, eds: Keys
) -> None:
    client.force_login(organizer)
    response = client.post(
        f"/organizer/cases/{draft.pk}/submit-signed/",
        {"signature": signature_of(draft, eds.organizer), "publish_name": "on"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{draft.pk}/receipt/")
    receipt = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "TULEGENOVA AIGERIM" in receipt and ORGANIZER_IIN in receipt
    assert 'class="qr" src="data:image/svg+xml' in receipt
    page = client.get(f"/organizer/cases/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'id="signatures"' in page and "TULEGENOVA AIGERIM" in page
    event = CaseEvent.objects.get(case=draft, kind="submitted")
    assert f"/signatures/{event.hash}/" in page

    client.force_login(officer)
    akimat = client.get(f"/akimat/cases/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="kk")
    assert akimat.status_code == 200
    assert "TULEGENOVA AIGERIM" in akimat.content.decode() and 'id="signatures"' in akimat.content.decode()

    client.logout()
    public = client.get(f"/signatures/{event.hash}/", HTTP_ACCEPT_LANGUAGE="kk")
    assert public.status_code == 200
    text = public.content.decode()
    assert "TULEGENOVA AIGERIM" in text  # consent given
    assert ORGANIZER_IIN not in text
    assert format(eds.organizer.certificate.serial_number, "x") not in re.sub(r"<code.*?</code>", "", text)
    assert client.get(f"/signatures/{'0' * 64}/").status_code == 404
    assert client.get("/signatures/nonsense/").status_code == 404


def test_without_consent_the_public_page_hides_the_name(
    client: Client, organizer: AbstractBaseUser, draft: Case, eds: Keys
) -> None:
    signed.submit_signed(draft.pk, organizer, signature=signature_of(draft, eds.organizer), now=NOW)
    event = CaseEvent.objects.get(case=draft, kind="submitted")
    text = client.get(f"/signatures/{event.hash}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "TULEGENOVA" not in text and ORGANIZER_IIN not in text
    assert "the name is not published" in text


def test_a_bad_signature_files_nothing_and_says_why(
    client: Client, organizer: AbstractBaseUser, draft: Case, eds: Keys
) -> None:
    client.force_login(organizer)
    response = client.post(
        f"/organizer/cases/{draft.pk}/submit-signed/",
        {"signature": signature_of(draft, eds.stranger)},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert response.status_code == 200
    assert "is not the IIN of an organizer" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert client.post(f"/organizer/cases/{draft.pk}/submit-signed/", {"signature": ""}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_only_the_organizer_signs_the_own_draft(
    client: Client, officer: AbstractBaseUser, draft: Case, eds: Keys
) -> None:
    client.force_login(officer)
    response = client.post(
        f"/organizer/cases/{draft.pk}/submit-signed/", {"signature": signature_of(draft, eds.organizer)}
    )
    assert response.status_code == 403
    assert client.get(f"/organizer/cases/{draft.pk}/submit-signed/").status_code in (403, 405)


def test_the_api_signs_as_the_pages_do(
    organizer: AbstractBaseUser, draft: Case, eds: Keys, client: Client
) -> None:
    got_token = client.post(
        "/api/v1/auth/token",
        {"email": "aigerim@example.kz", "password": PASSWORD},
        content_type="application/json",
    )
    assert got_token.status_code == 200, got_token.content
    auth = {"HTTP_AUTHORIZATION": f"Bearer {got_token.json()['token']}"}
    # Where the deployment accepts EDS, an unsigned filing is refused (Art 10(1), 12(1)): nothing is filed.
    unsigned = client.post(f"/api/v1/cases/{draft.pk}/submit", **auth)
    assert unsigned.status_code == 422
    assert unsigned.json()["error"]["code"] == "signature_required"
    draft.refresh_from_db()
    assert draft.status == "draft"
    got = client.get(f"/api/v1/cases/{draft.pk}/signing-document", **auth).json()
    document = base64.b64decode(got["document"])
    assert document == signed.filing_document(draft)
    bad = base64.b64encode(sign_cms(document, eds.stranger)).decode()
    refused = client.post(
        f"/api/v1/cases/{draft.pk}/submit-signed", {"signature": bad}, content_type="application/json", **auth
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "eds_iin_mismatch"
    assert refused.json()["error"]["field"] == "signature"
    good = base64.b64encode(sign_cms(document, eds.organizer, signing_time=NOW)).decode()
    done = client.post(
        f"/api/v1/cases/{draft.pk}/submit-signed",
        {"signature": good},
        content_type="application/json",
        **auth,
    )
    assert done.status_code == 200, done.content
    listed = client.get(f"/api/v1/cases/{draft.pk}/signatures", **auth).json()
    assert [(s["iin"], s["revocation"]) for s in listed] == [(ORGANIZER_IIN, "good")]
    assert listed[0]["verification_url"].startswith("http://testserver/signatures/")
    assert client.get(f"/api/v1/cases/{draft.pk}/signing-document", **auth).status_code == 409


def test_the_filing_pdf_carries_the_signature_block_and_qr(
    client: Client, organizer: AbstractBaseUser, draft: Case, eds: Keys, tmp_path: Path
) -> None:
    import io

    from pypdf import PdfReader

    signed.submit_signed(draft.pk, organizer, signature=signature_of(draft, eds.organizer), now=NOW)
    client.force_login(organizer)
    response = client.get(f"/organizer/cases/{draft.pk}/documents/filing.pdf", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    (tmp_path / "filing.pdf").write_bytes(response.content)
    reader = PdfReader(io.BytesIO(response.content))
    words = " ".join(page.extract_text() for page in reader.pages)
    assert "Электрондық цифрлық қолтаңба" in words
    assert "TULEGENOVA AIGERIM" in words and ORGANIZER_IIN in words
    event = CaseEvent.objects.get(case=draft, kind="submitted")
    assert f"/signatures/{event.hash}/" in words.replace("\n", "")
    assert any(page.images for page in reader.pages)  # the QR code


def test_a_filing_without_eds_prints_its_number_and_register_qr(
    client: Client, organizer: AbstractBaseUser, draft: Case
) -> None:
    import io

    from pypdf import PdfReader

    filing_actions.submit(draft.pk, organizer, now=NOW)
    client.force_login(organizer)
    response = client.get(f"/organizer/cases/{draft.pk}/documents/filing.pdf", HTTP_ACCEPT_LANGUAGE="ru")
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"Номер дела в Beibit: {draft.pk}" in words
    assert f"/register/{draft.pk}/" in words.replace("\n", "")


OFFICER_IIN = "780416300123"


def test_the_officer_signs_the_decision_and_both_signatures_show(
    client: Client,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    draft: Case,
    eds: Keys,
    tmp_path: Path,
) -> None:
    import io

    from pypdf import PdfReader

    officer.profile.iin = OFFICER_IIN  # type: ignore[attr-defined]
    officer.profile.save()  # type: ignore[attr-defined]
    officer_key = eds.pki.issue(
        Holder("ZHANUZAKOV", "ERLAN", OFFICER_IIN, organization="ALMATY AKIMDIGI", bin="990140000123"),
        days=3650,
    )
    signed.submit_signed(draft.pk, organizer, signature=signature_of(draft, eds.organizer), now=NOW)
    client.force_login(officer)
    page = client.get(f"/akimat/cases/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'id="eds-sign"' in page and "vendor/ncalayer/ncalayer-client.js" in page
    form = {"decision": "proceed", "reasons": "Бас тарту негізі жоқ."}
    bad = client.post(f"/akimat/cases/{draft.pk}/decision/document/", {"decision": "nonsense"})
    assert bad.status_code == 422
    got = client.post(f"/akimat/cases/{draft.pk}/decision/document/", form)
    assert got.status_code == 200
    document = base64.b64decode(got.json()["document"])
    cms = base64.b64encode(sign_cms(document, officer_key, signing_time=NOW)).decode()
    wrong = base64.b64encode(sign_cms(document, eds.organizer, signing_time=NOW)).decode()
    refused = client.post(
        f"/akimat/cases/{draft.pk}/decision/", {**form, "signature": wrong}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 422 and "not the IIN of your account" in refused.content.decode()
    done = client.post(f"/akimat/cases/{draft.pk}/decision/", {**form, "signature": cms})
    assert done.status_code == 302
    event = CaseEvent.objects.get(case=draft, kind="decision_recorded")
    assert event.payload["signature"]["verification"]["signer"]["iin"] == OFFICER_IIN

    client.force_login(organizer)
    page = client.get(f"/organizer/cases/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "TULEGENOVA AIGERIM" in page and "ZHANUZAKOV ERLAN" in page
    pdf = client.get(f"/organizer/cases/{draft.pk}/documents/decision.pdf", HTTP_ACCEPT_LANGUAGE="kk")
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "ZHANUZAKOV ERLAN" in words and "Электрондық цифрлық қолтаңба" in words
    public = client.get(f"/signatures/{event.hash}/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "ZHANUZAKOV ERLAN" in public and OFFICER_IIN not in public


def test_the_organizer_signs_the_appeal_and_its_pdf_carries_the_signature(
    client: Client, organizer: AbstractBaseUser, officer: AbstractBaseUser, draft: Case, eds: Keys
) -> None:
    import io

    from pypdf import PdfReader

    from beibit.cases.actions.decision import record_decision
    from beibit.cases.inputs import DecisionInput

    signed.submit_signed(draft.pk, organizer, signature=signature_of(draft, eds.organizer), now=NOW)
    refusal = DecisionInput("refuse", ("14.1.3",), "A threat to public order, reasoned.")
    record_decision(draft.pk, officer, refusal, now=NOW)
    client.force_login(organizer)
    page = client.get(f"/organizer/cases/{draft.pk}/appeal/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'id="eds-appeal"' in page and "web/eds.js" in page and "vendor/ncalayer/ncalayer-client.js" in page
    form = {"body": "higher_body", "body_name": "Алматы қаласының әкімдігі", "filed_on": "2026-12-01"}
    sign_url = f"/organizer/cases/{draft.pk}/sign/appeal/"
    assert client.post(sign_url, {**form, "body_name": ""}).status_code == 422
    got = client.post(sign_url, form)
    assert got.status_code == 200
    document = base64.b64decode(got.json()["document"])
    assert json.loads(document)["appeal"]["body_name"] == "Алматы қаласының әкімдігі"
    stranger = base64.b64encode(sign_cms(document, eds.stranger, signing_time=NOW)).decode()
    refused = client.post(
        f"/organizer/cases/{draft.pk}/appeal/", {**form, "signature": stranger}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 200 and "The IIN in the certificate" in refused.content.decode()
    assert not CaseEvent.objects.filter(case=draft, kind="appealed").exists()
    cms = base64.b64encode(sign_cms(document, eds.organizer, signing_time=NOW)).decode()
    done = client.post(f"/organizer/cases/{draft.pk}/appeal/", {**form, "signature": cms})
    assert done.status_code == 302
    event = CaseEvent.objects.get(case=draft, kind="appealed")
    assert event.payload["signature"]["verification"]["signer"]["iin"] == ORGANIZER_IIN
    case_page = client.get(f"/organizer/cases/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the appeal" in case_page and f"/signatures/{event.hash}/" in case_page
    pdf = client.get(f"/organizer/cases/{draft.pk}/documents/appeal.pdf", HTTP_ACCEPT_LANGUAGE="kk")
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "TULEGENOVA AIGERIM" in words and "Электрондық цифрлық қолтаңба" in words


# --- sign in with EDS -------------------------------------------------------------------------------------


def _sign_in(client: Client, who: Identity) -> Any:
    got = client.post("/accounts/eds/nonce/")
    assert got.status_code == 200
    document = base64.b64decode(got.json()["document"])
    return client.post(
        "/accounts/eds/", {"signature": base64.b64encode(sign_cms(document, who, signing_time=NOW)).decode()}
    )


def test_sign_in_with_the_auth_key_finds_the_account_by_iin(
    client: Client, organizer: AbstractBaseUser, eds: Keys
) -> None:
    auth = eds.pki.issue(Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN), purpose="auth", days=3650)
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'id="eds-login"' in page and 'data-eds-key-type="AUTHENTICATION"' in page
    # the signing key is not the AUTH key: refused, nobody signed in
    refused = _sign_in(client, eds.organizer)
    assert refused["Location"].endswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    done = _sign_in(client, auth)
    assert done.status_code == 302 and done["Location"].endswith("/accounts/me/")
    assert int(client.session["_auth_user_id"]) == organizer.pk
    # the nonce is single-use: the same signature again does nothing
    client.logout()
    assert client.post("/accounts/eds/", {"signature": "x"})["Location"].endswith("/accounts/login/")


def test_sign_in_with_eds_opens_an_organizers_account(
    client: Client, eds: Keys, registry_in_db: None
) -> None:
    from beibit.cases.models import Profile

    newcomer = eds.pki.issue(Holder("SERIKOVA", "DANA", "950315400006"), purpose="auth", days=3650)
    assert _sign_in(client, newcomer).status_code == 302
    profile = Profile.objects.get(iin="950315400006")
    assert profile.role == "organizer" and profile.full_name == "Serikova Dana"
    assert int(client.session["_auth_user_id"]) == profile.user_id
    assert not profile.user.has_usable_password()
    client.logout()
    assert _sign_in(client, newcomer).status_code == 302  # found again, not duplicated
    assert Profile.objects.filter(iin="950315400006").count() == 1


def test_an_expired_nonce_signs_nobody_in(client: Client, organizer: AbstractBaseUser, eds: Keys) -> None:
    auth = eds.pki.issue(Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN), purpose="auth", days=3650)
    got = client.post("/accounts/eds/nonce/")
    document = base64.b64decode(got.json()["document"])
    signature = base64.b64encode(sign_cms(document, auth, signing_time=NOW)).decode()
    with time_machine.travel(NOW + dt.timedelta(minutes=6), tick=False):
        response = client.post(
            "/accounts/eds/", {"signature": signature}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert "expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_api_records_a_signed_decision(
    client: Client, organizer: AbstractBaseUser, officer: AbstractBaseUser, draft: Case, eds: Keys
) -> None:
    officer.profile.iin = OFFICER_IIN  # type: ignore[attr-defined]
    officer.profile.save()  # type: ignore[attr-defined]
    officer_key = eds.pki.issue(Holder("ZHANUZAKOV", "ERLAN", OFFICER_IIN, bin="990140000123"), days=3650)
    signed.submit_signed(draft.pk, organizer, signature=signature_of(draft, eds.organizer), now=NOW)
    token = client.post(
        "/api/v1/auth/token",
        {"email": "officer@almaty.example.kz", "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"decision": "proceed", "reasons": "No ground."}
    got = client.post(
        f"/api/v1/officer/cases/{draft.pk}/decision-document", body, content_type="application/json", **auth
    )
    assert got.status_code == 200, got.content
    document = base64.b64decode(got.json()["document"])
    signature = base64.b64encode(sign_cms(document, officer_key, signing_time=NOW)).decode()
    other = client.post(
        f"/api/v1/officer/cases/{draft.pk}/decision-signed",
        {**body, "reasons": "Changed.", "signature": signature},
        content_type="application/json",
        **auth,
    )
    assert other.status_code == 422 and other.json()["error"]["code"] == "eds_other_data"
    done = client.post(
        f"/api/v1/officer/cases/{draft.pk}/decision-signed",
        {**body, "signature": signature},
        content_type="application/json",
        **auth,
    )
    assert done.status_code == 200, done.content
    listed = client.get(f"/api/v1/officer/cases/{draft.pk}/signatures", **auth).json()
    assert [s["iin"] for s in listed] == [ORGANIZER_IIN, OFFICER_IIN]

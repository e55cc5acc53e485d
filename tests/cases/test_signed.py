"""A filing signed with EDS: verified before anything is filed; the CMS and the verification result go into
the hash-chained `submitted` event; any mismatch refuses with its own code and files nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import signed
from beibit.cases import workflow as wf
from beibit.cases.actions import decision as decision_actions
from beibit.cases.actions import filing as filing_actions
from beibit.cases.audit import verify as audit
from beibit.cases.errors import InvalidTransition, NotFound
from beibit.cases.models import Case, CaseEvent
from beibit.law.model import PlannedAssembly
from beibit.signatures import load_trust, verify
from beibit.signatures.testpki import Holder, Identity, Pki, sign_cms
from tests.cases.fixtures import ORGANIZER_IIN, OTHER_IIN, at, rally

WHEN = at(2026, 3, 20)
ENTITY_BIN = "120340012345"


class Keys:
    def __init__(self, directory: Path) -> None:
        self.pki = Pki(at(2026, 3, 15), label="TEST")  # its CRLs run to 2026-03-22
        me = Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN)
        self.organizer = self.pki.issue(me, days=3650)
        self.organizer_auth = self.pki.issue(me, purpose="auth", days=3650)
        self.stranger = self.pki.issue(Holder("S", "MARAT", OTHER_IIN), days=3650)
        self.director = self.pki.issue(
            Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN, organization="DEMO QB", bin=ENTITY_BIN), days=3650
        )
        self.revoked = self.pki.issue(me, days=3650)
        self.pki.revoke(self.revoked, at(2026, 3, 10))
        self.trust_dir = self.pki.write_trust(directory / "trust")
        self.bare_dir = self.pki.write_trust(directory / "bare", with_crls=False)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return Keys(tmp_path_factory.mktemp("eds"))


@pytest.fixture
def eds(keys: Keys, settings: Any) -> Iterator[Keys]:
    settings.EDS_TRUST_DIR = str(keys.trust_dir)
    settings.EDS_ACCEPT_UNCHECKED_REVOCATION = False
    yield keys


def draft(who: AbstractBaseUser, **changes: Any) -> Case:
    return filing_actions.create_case(who, PlannedAssembly.model_validate(rally(**changes)), now=WHEN)


def sign(case: Case, who: Identity, **kwargs: Any) -> bytes:
    import base64

    return base64.b64encode(sign_cms(signed.filing_document(case), who, signing_time=WHEN, **kwargs))


def refused(case: Case, signature: bytes | str, code: str, organizer: AbstractBaseUser) -> None:
    before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.submit_signed(case.pk, organizer, signature=signature, now=WHEN)
    assert caught.value.code == code
    assert caught.value.field == "signature"
    case.refresh_from_db()
    assert case.status == wf.DRAFT
    assert CaseEvent.objects.filter(case=case).count() == before


def test_a_signed_filing_is_filed_with_its_signature_in_the_chain(
    eds: Keys, organizer: AbstractBaseUser
) -> None:
    case = draft(organizer)
    document = signed.filing_document(case)
    filed = signed.submit_signed(
        case.pk, organizer, signature=sign(case, eds.organizer), now=WHEN, publish_name=True
    )
    assert filed.status != wf.DRAFT and filed.registration_day is not None
    event = CaseEvent.objects.get(case=filed, kind="submitted")
    stored = signed.stored_signature(event)
    assert stored is not None
    assert (stored.signer_name, stored.iin, stored.bin) == ("TULEGENOVA AIGERIM", ORGANIZER_IIN, None)
    assert stored.certificate_serial == format(eds.organizer.certificate.serial_number, "x")
    assert stored.revocation == "good" and stored.revocation_checked_at == WHEN
    assert stored.verified_at == WHEN and stored.signed_at == WHEN
    assert stored.publish_name is True
    # the signed bytes are the filing as stored, and the stored CMS still verifies over them
    assert signed.signed_document_of(stored) == document
    assert event.payload["assembly"]["submitted_at"].startswith("2026-03-20T10:00")
    again = verify(stored.cms_der, trust=load_trust(eds.trust_dir), data=document, at=WHEN)
    assert again.valid
    assert signed.case_signatures(filed) == [stored]
    assert signed.signature_by_hash(event.hash) == stored
    assert signed.signature_by_hash("0" * 64) is None and signed.signature_by_hash("x") is None
    assert audit().problems == ()


def test_the_signature_of_someone_else_files_nothing(eds: Keys, organizer: AbstractBaseUser) -> None:
    case = draft(organizer)
    refused(case, sign(case, eds.stranger), "eds_iin_mismatch", organizer)


def test_the_auth_key_files_nothing(eds: Keys, organizer: AbstractBaseUser) -> None:
    case = draft(organizer)
    refused(case, sign(case, eds.organizer_auth), "eds_auth_key", organizer)


def test_a_revoked_key_files_nothing(eds: Keys, organizer: AbstractBaseUser) -> None:
    case = draft(organizer)
    refused(case, sign(case, eds.revoked), "eds_revoked", organizer)


def test_a_signature_over_an_earlier_draft_files_nothing(eds: Keys, organizer: AbstractBaseUser) -> None:
    case = draft(organizer)
    signature = sign(case, eds.organizer)
    filing_actions.update_draft(
        case.pk, organizer, PlannedAssembly.model_validate(rally(expected_participants=900)), now=WHEN
    )
    refused(case, signature, "eds_other_data", organizer)


def test_garbage_files_nothing(eds: Keys, organizer: AbstractBaseUser) -> None:
    case = draft(organizer)
    refused(case, "bm90IGEgc2lnbmF0dXJl", "eds_not_cms", organizer)
    refused(case, "", "eds_not_cms", organizer)
    refused(case, "A" * (signed.MAX_SIGNATURE_CHARS + 4), "eds_not_cms", organizer)


def test_unchecked_revocation_follows_the_policy(
    eds: Keys, organizer: AbstractBaseUser, settings: Any
) -> None:
    settings.EDS_TRUST_DIR = str(eds.bare_dir)
    case = draft(organizer)
    refused(case, sign(case, eds.organizer), "eds_revocation_not_checked", organizer)
    settings.EDS_ACCEPT_UNCHECKED_REVOCATION = True
    filed = signed.submit_signed(case.pk, organizer, signature=sign(case, eds.organizer), now=WHEN)
    stored = signed.case_signatures(filed)[0]
    assert (stored.revocation, stored.revocation_checked_at) == ("not_checked", None)


def test_a_legal_entity_signs_with_its_bin(eds: Keys, organizer: AbstractBaseUser) -> None:
    entity = {
        "kind": "legal_entity",
        "legal_entity": {"name": "DEMO QB", "bin": ENTITY_BIN, "registered_in_kz": True},
        "representative": {"full_name": "Aigerim Tulegenova", "iin": ORGANIZER_IIN},
    }
    case = draft(organizer, organizer=entity)
    refused(case, sign(case, eds.organizer), "eds_bin_mismatch", organizer)
    filed = signed.submit_signed(case.pk, organizer, signature=sign(case, eds.director), now=WHEN)
    assert signed.case_signatures(filed)[0].bin == ENTITY_BIN
    other = draft(
        organizer, organizer={**entity, "legal_entity": {**entity["legal_entity"], "bin": "990340012345"}}
    )
    refused(other, sign(other, eds.director), "eds_bin_mismatch", organizer)


def test_only_the_own_draft(
    eds: Keys, organizer: AbstractBaseUser, other_organizer: AbstractBaseUser
) -> None:
    case = draft(organizer)
    with pytest.raises(NotFound):
        signed.submit_signed(case.pk, other_organizer, signature=sign(case, eds.organizer), now=WHEN)
    signed.submit_signed(case.pk, organizer, signature=sign(case, eds.organizer), now=WHEN)
    with pytest.raises(InvalidTransition):
        signed.submit_signed(case.pk, organizer, signature=sign(case, eds.organizer), now=WHEN)


def test_an_unsigned_filing_has_no_signature(eds: Keys, filed: Any) -> None:
    case = filed()
    assert signed.case_signatures(case) == []


def test_eds_is_offered_only_when_configured(settings: Any) -> None:
    settings.EDS_TRUST_DIR = ""
    assert not signed.eds_enabled()
    settings.EDS_TRUST_DIR = "/somewhere"
    assert signed.eds_enabled()


def test_the_moment_is_the_receipt(eds: Keys, organizer: AbstractBaseUser) -> None:
    """The certificate must be valid when the akimat receives the filing (the signing time is the signer's
    own claim); a key that expired before the receipt files nothing."""
    short = eds.pki.issue(Holder("TULEGENOVA", "AIGERIM", ORGANIZER_IIN), not_before=at(2026, 2, 1), days=40)
    case = draft(organizer)
    signature = sign_cms(signed.filing_document(case), short, signing_time=WHEN - dt.timedelta(days=15))
    refused(case, signature, "eds_expired", organizer)


# --- the officer's decision, signed -----------------------------------------------------------------------


OFFICER_IIN = "780416300123"


@pytest.fixture
def signing_officer(officer: AbstractBaseUser) -> AbstractBaseUser:
    officer.profile.iin = OFFICER_IIN  # type: ignore[attr-defined]
    officer.profile.save()  # type: ignore[attr-defined]
    return officer


@pytest.fixture(scope="module")
def officer_key(keys: Keys) -> Identity:
    return keys.pki.issue(
        Holder("ZHANUZAKOV", "ERLAN", OFFICER_IIN, organization="ALMATY AKIMDIGI", bin="990140000123"),
        days=3650,
    )


def test_a_signed_decision_is_recorded_with_the_officers_signature(
    eds: Keys, organizer: AbstractBaseUser, signing_officer: AbstractBaseUser, officer_key: Identity
) -> None:
    from beibit.cases.inputs import DecisionInput

    first = draft(organizer)
    case = signed.submit_signed(first.pk, organizer, signature=sign(first, eds.organizer), now=WHEN)
    decision = DecisionInput("proceed", reasons="No ground for refusal.")
    document = signed.decision_document(case, decision)
    when = WHEN + dt.timedelta(hours=2)
    cms = sign_cms(document, officer_key, signing_time=when)
    # the organizer's key, or a changed decision, records nothing
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.record_signed_decision(
            case.pk,
            signing_officer,
            decision,
            signature=sign_cms(document, eds.organizer, signing_time=when),
            now=when,
        )
    assert caught.value.code == "eds_iin_mismatch"
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.record_signed_decision(
            case.pk, signing_officer, DecisionInput("proceed", reasons="Other"), signature=cms, now=when
        )
    assert caught.value.code == "eds_other_data"
    assert not CaseEvent.objects.filter(case=case, kind="decision_recorded").exists()

    event = signed.record_signed_decision(case.pk, signing_officer, decision, signature=cms, now=when)
    stored = signed.stored_signature(event)
    assert stored is not None and stored.iin == OFFICER_IIN and stored.bin == "990140000123"
    assert stored.publish_name  # an official's act
    assert signed.signed_document_of(stored) == document
    assert [s.event_kind for s in signed.case_signatures(case)] == ["submitted", "decision_recorded"]
    assert audit().problems == ()


def test_an_officer_without_an_iin_cannot_sign(
    eds: Keys, organizer: AbstractBaseUser, officer: AbstractBaseUser, officer_key: Identity
) -> None:
    from beibit.cases.inputs import DecisionInput

    first = draft(organizer)
    case = signed.submit_signed(first.pk, organizer, signature=sign(first, eds.organizer), now=WHEN)
    decision = DecisionInput("proceed")
    cms = sign_cms(signed.decision_document(case, decision), officer_key, signing_time=WHEN)
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.record_signed_decision(case.pk, officer, decision, signature=cms, now=WHEN)
    assert caught.value.code == "eds_iin_mismatch"


# --- the organizer's answer to a proposal and withdrawal, signed ------------------------------------------


def _signed_case(eds: Keys, organizer: AbstractBaseUser) -> Case:
    first = draft(organizer)
    return signed.submit_signed(first.pk, organizer, signature=sign(first, eds.organizer), now=WHEN)


def test_a_signed_withdrawal(eds: Keys, organizer: AbstractBaseUser) -> None:
    case = _signed_case(eds, organizer)
    later = WHEN + dt.timedelta(hours=1)
    document = signed.withdrawal_document(case, "  Rain  ")
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.withdraw_signed(
            case.pk,
            organizer,
            reason="Rain",
            signature=sign_cms(document, eds.stranger, signing_time=later),
            now=later,
        )
    assert caught.value.code == "eds_iin_mismatch"
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.withdraw_signed(
            case.pk,
            organizer,
            reason="Snow",
            signature=sign_cms(document, eds.organizer, signing_time=later),
            now=later,
        )
    assert caught.value.code == "eds_other_data"
    event = signed.withdraw_signed(
        case.pk,
        organizer,
        reason="Rain",
        signature=sign_cms(document, eds.organizer, signing_time=later),
        now=later,
    )
    assert event.kind == "withdrawn" and event.payload["reason"] == "Rain"
    stored = signed.stored_signature(event)
    assert stored is not None and stored.iin == ORGANIZER_IIN
    assert signed.signed_document_of(stored) == document
    assert audit().problems == ()


def test_a_signed_answer_to_a_proposal(
    eds: Keys, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput

    case = _signed_case(eds, organizer)
    assert case.starts_at is not None and case.ends_at is not None
    decided = WHEN + dt.timedelta(days=1)  # the CRLs run to 2026-03-22
    later = ProposalInput(
        starts_at=case.starts_at + dt.timedelta(hours=3), ends_at=case.ends_at + dt.timedelta(hours=3)
    )
    decision_actions.record_decision(case.pk, officer, DecisionInput("propose", proposal=later), now=decided)
    decision_actions.record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=decided), now=decided)
    case.refresh_from_db()
    assert case.status == wf.PROPOSAL_PENDING
    answered = decided + dt.timedelta(hours=1)
    document = signed.answer_document(case, True)
    assert b'"agree":true' in document and b"starts_at" in document
    with pytest.raises(signed.SignatureRefused) as caught:
        signed.answer_proposal_signed(
            case.pk,
            organizer,
            agree=False,
            signature=sign_cms(document, eds.organizer, signing_time=answered),
            now=answered,
        )
    assert caught.value.code == "eds_other_data"
    event = signed.answer_proposal_signed(
        case.pk,
        organizer,
        agree=True,
        signature=sign_cms(document, eds.organizer, signing_time=answered),
        now=answered,
    )
    assert event.payload["agree"] is True and signed.stored_signature(event) is not None
    assert audit().problems == ()


# --- the appeal, signed (Art 19; APPK Art 91-92) ---------------------------------------------------------


def test_a_signed_appeal_is_stored_verified_and_stamped_on_its_pdf(
    eds: Keys, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    import io

    from pypdf import PdfReader

    from beibit.cases import papers
    from beibit.cases.inputs import AppealInput, DecisionInput

    case = _signed_case(eds, organizer)
    refusal = DecisionInput("refuse", ("14.1.3",), "A threat to public order, reasoned.")
    decision_actions.record_decision(case.pk, officer, refusal, now=WHEN + dt.timedelta(hours=5))
    case.refresh_from_db()
    assert papers.appeal_pdf(case, dt.date(2026, 3, 21), "en") is not None  # the draft, before signing
    appealed = WHEN + dt.timedelta(days=1)
    appeal = AppealInput("higher_body", "Akimat of Almaty city", filed_on=dt.date(2026, 3, 21))
    document = signed.appeal_document(case, appeal)
    assert b'"act":"appeal"' in document and b'"subject_seq":' in document
    with pytest.raises(signed.SignatureRefused) as caught:
        cms = sign_cms(document, eds.stranger, signing_time=appealed)
        signed.record_appeal_signed(case.pk, organizer, appeal, signature=cms, now=appealed)
    assert caught.value.code == "eds_iin_mismatch"
    court = AppealInput("court", "Almaly district court", filed_on=dt.date(2026, 3, 21))
    with pytest.raises(signed.SignatureRefused) as caught:  # signed one appeal, recording another
        cms = sign_cms(document, eds.organizer, signing_time=appealed)
        signed.record_appeal_signed(case.pk, organizer, court, signature=cms, now=appealed)
    assert caught.value.code == "eds_other_data"
    assert not CaseEvent.objects.filter(case=case, kind="appealed").exists()

    cms = sign_cms(document, eds.organizer, signing_time=appealed)
    event = signed.record_appeal_signed(case.pk, organizer, appeal, signature=cms, now=appealed)
    assert event.kind == "appealed" and event.payload["body_name"] == "Akimat of Almaty city"
    stored = signed.stored_signature(event)
    assert stored is not None and stored.iin == ORGANIZER_IIN
    assert signed.signed_document_of(stored) == document
    assert [s.event_kind for s in signed.case_signatures(case)] == ["submitted", "appealed"]
    assert audit().problems == ()
    case.refresh_from_db()
    pdf = papers.appeal_pdf(case, dt.date(2026, 3, 21), "en", link=lambda path: f"https://beibit.test{path}")
    assert pdf is not None
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "TULEGENOVA AIGERIM" in text and ORGANIZER_IIN in text
    assert f"/signatures/{event.hash}/" in text.replace("\n", "")


def test_an_appeal_cannot_be_signed_where_there_is_nothing_to_appeal(
    eds: Keys, organizer: AbstractBaseUser
) -> None:
    from beibit.cases.errors import RuleViolation
    from beibit.cases.inputs import AppealInput

    case = _signed_case(eds, organizer)
    with pytest.raises(RuleViolation):
        signed.appeal_document(case, AppealInput("court", "Court", filed_on=dt.date(2026, 3, 21)))

"""Beibit sends the akimat's answer as the electronic document the officer signed with EDS (Art 11(2),
13(2); issue 17): through the real SMTP server, with the signed bytes, the CMS over them and the letter as
PDF; the delivery is recorded as an e-document at the time the server took it, without a registered letter
(that doubles only e-mail and SMS), and the clock judges the answer by that time (deadlines.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import signed
from beibit.cases import workflow as wf
from beibit.cases.actions.decision import record_decision
from beibit.cases.errors import RuleViolation
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import Case, CaseEvent
from beibit.notifications.models import OutboxMessage
from beibit.signatures import load_trust, verify
from beibit.signatures.testpki import Holder, Identity, Pki, sign_cms
from tests.cases.fixtures import CaseMaker, at
from tests.notifications.conftest import Mailbox, run_jobs

pytestmark = pytest.mark.django_db
OFFICER_IIN = "780416300123"


class Keys:
    def __init__(self, directory: Path) -> None:
        self.pki = Pki(at(2026, 3, 25), label="TEST")  # its CRLs run to 2026-04-01
        holder = Holder(
            "ZHANUZAKOV", "ERLAN", OFFICER_IIN, organization="ALMATY AKIMDIGI", bin="990140000123"
        )
        self.officer: Identity = self.pki.issue(holder, days=3650)
        self.trust_dir = self.pki.write_trust(directory)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return Keys(tmp_path_factory.mktemp("trust"))


@pytest.fixture
def eds(keys: Keys, settings: Any, officer: AbstractBaseUser) -> Iterator[Keys]:
    settings.EDS_TRUST_DIR = str(keys.trust_dir)
    officer.profile.iin = OFFICER_IIN  # type: ignore[attr-defined]
    officer.profile.save()  # type: ignore[attr-defined]
    yield keys


def _signed_decision(case: Case, officer: AbstractBaseUser, keys: Keys, when: dt.datetime) -> CaseEvent:
    decision = DecisionInput("proceed", reasons="No ground to refuse.", send_by="e_document")
    cms = sign_cms(signed.decision_document(case, decision), keys.officer, signing_time=when)
    return signed.record_signed_decision(case.pk, officer, decision, signature=cms, now=when)


def test_the_signed_answer_goes_as_an_e_document_and_counts_when_sent(
    filed: CaseMaker, officer: AbstractBaseUser, eds: Keys, mailbox: Mailbox
) -> None:
    case = filed()  # review deadline Monday 30 March 2026
    with time_machine.travel(at(2026, 3, 27, 11), tick=True):
        decision = _signed_decision(case, officer, eds, at(2026, 3, 27, 11))
        run_jobs()
        run_jobs()  # nothing twice
    answers = [m for m in mailbox.to("aigerim@example.kz") if m.get_filename() is None and m.is_multipart()]
    mails = [m for m in answers if any(a.get_filename().endswith(".p7s") for a in m.iter_attachments())]
    assert len(mails) == 1
    files = {a.get_filename(): a for a in mails[0].iter_attachments()}
    name = f"beibit-{case.pk}-decision"
    assert set(files) == {f"{name}-kk.pdf", f"{name}.json", f"{name}.p7s"}
    assert files[f"{name}.p7s"].get_content_type() == "application/pkcs7-signature"
    document = files[f"{name}.json"].get_content()
    cms = files[f"{name}.p7s"].get_content()
    assert isinstance(document, bytes) and isinstance(cms, bytes)
    assert document == signed.decision_document(
        case, DecisionInput("proceed", reasons="No ground to refuse.")
    )
    # What the organizer received verifies by itself, with the trust anchors alone.
    result = verify(
        cms, trust=load_trust(eds.trust_dir), data=document, at=at(2026, 3, 27, 12), purpose="sign"
    )
    assert result.valid and result.signer is not None and result.signer.iin == OFFICER_IIN
    text = mails[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"/signatures/{decision.hash}/" in text and "ZHANUZAKOV ERLAN" in text
    delivered = CaseEvent.objects.get(case=case, kind="delivered")
    assert delivered.payload["channel"] == "e_document"
    assert delivered.payload["sent_by_beibit"] is True and delivered.payload["registered_mail"] is None
    assert delivered.payload["provider_id"] == mails[0]["Message-ID"]
    assert delivered.payload["sent_on"] == "2026-03-27"
    case.refresh_from_db()
    assert case.status == wf.MAY_PROCEED and case.unsent_answer_due is None
    from beibit.notifications.queries import answer_messages

    shown = answer_messages(case.pk)
    assert [(m.channel, m.delivered) for m in shown] == [("an electronic document signed with EDS", True)]


def test_recorded_in_time_but_sent_after_the_deadline_leaves_the_notification_deemed_agreed(
    filed: CaseMaker, officer: AbstractBaseUser, eds: Keys, mailbox: Mailbox
) -> None:
    case = filed()  # review deadline Monday 30 March 2026
    mailbox.refuse = 1  # the SMTP server turns the answer away once: it goes out on the retry, a day late
    with time_machine.travel(at(2026, 3, 30, 17), tick=True):
        _signed_decision(case, officer, eds, at(2026, 3, 30, 17))
        run_jobs()
    assert CaseEvent.objects.filter(case=case, kind="delivered").count() == 0
    with time_machine.travel(at(2026, 3, 31, 9), tick=True):
        run_jobs()
    delivered = CaseEvent.objects.get(case=case, kind="delivered")
    assert delivered.payload["channel"] == "e_document" and delivered.payload["sent_after_review_deadline"]
    case.refresh_from_db()
    assert case.status == wf.DEEMED_AGREED


def test_an_unsigned_decision_cannot_be_sent_as_an_e_document(
    filed: CaseMaker, officer: AbstractBaseUser, eds: Keys
) -> None:
    case = filed()
    messages = OutboxMessage.objects.count()
    with pytest.raises(RuleViolation) as refused:
        record_decision(case.pk, officer, DecisionInput("proceed", send_by="e_document"), now=at(2026, 3, 27))
    assert refused.value.code == "e_document_unsigned" and refused.value.field == "send_by"
    assert not CaseEvent.objects.filter(case=case, kind="decision_recorded").exists()
    assert OutboxMessage.objects.count() == messages

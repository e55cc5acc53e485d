"""No refusal on a ground the facts disprove; the akimat's corrected facts, recorded with a reason, make the
ground stand on the record (issue 13, item 7; docs/interpretations.md)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from beibit.cases import audit
from beibit.cases import workflow as wf
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.correction import CorrectionInput, record_correction
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case
from beibit.cases.errors import InvalidInput, InvalidTransition, NotFound, RuleViolation
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Booking, Case, CaseEvent
from beibit.law.model import PlannedAssembly
from tests.cases.fixtures import CaseMaker, at, rally

REASONS = "The notification was filed late under Art 10(1); the register book shows it."
# A rally on Thursday 2 April 2026; its last filing day is Thursday 26 March (Nauryz 21-25 March off).
ASSEMBLY = {"starts_at": "2026-04-02T11:00:00+05:00", "ends_at": "2026-04-02T13:00:00+05:00"}
HANDED_IN = at(2026, 3, 26, 17)
NEXT_DAY = at(2026, 3, 27, 10)
LATER = "The paper notification reached the registry office on 27 March and was stamped then."


def _timely(filed: CaseMaker) -> Case:
    case = filed(submitted_at=HANDED_IN, channel="paper", **ASSEMBLY)
    assert case.registration_day == dt.date(2026, 3, 26) and case.last_filing_day == dt.date(2026, 3, 26)
    assert case.state_document["filed_in_time"] is True
    return case


def _refuse(case: Case, officer: AbstractBaseUser, *grounds: str, now: dt.datetime = NEXT_DAY) -> Case:
    record_decision(case.pk, officer, DecisionInput("refuse", grounds, REASONS), now=now)
    return Case.objects.get(pk=case.pk)


def _events(case: Case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("kind", flat=True))


def test_a_refusal_for_lateness_of_a_timely_filing_is_refused_and_nothing_is_stored(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _timely(filed)
    before = _events(case)
    with pytest.raises(RuleViolation) as error:
        _refuse(case, officer, "14.1.4")
    assert error.value.code == "ground_not_established" and error.value.field == "grounds"
    assert "14(1)(4)" in error.value.message
    after = Case.objects.get(pk=case.pk)
    assert _events(after) == before and after.status == wf.REGISTERED
    assert Booking.objects.get(case=case).released_at is None


def test_a_judgement_ground_beside_a_disproved_fact_ground_does_not_carry_it(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _timely(filed)
    with pytest.raises(RuleViolation):
        _refuse(case, officer, "14.1.3", "14.1.4")
    assert _refuse(case, officer, "14.1.3").status == wf.REFUSED  # the judgement ground alone, reasoned


def test_after_the_registration_day_is_corrected_the_refusal_for_lateness_stands(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _timely(filed)
    corrected = record_correction(
        case.pk, officer, CorrectionInput("registered_on", "2026-03-27", LATER), now=NEXT_DAY
    )
    assert _events(corrected)[-2:] == ["fact_corrected", "evaluated"]
    assert corrected.registration_day == dt.date(2026, 3, 27)
    # Art 11(1): the review period runs from the recorded registration day: Mon 30, Tue 31, Wed 1 April.
    assert corrected.review_deadline == dt.date(2026, 4, 1)
    assert corrected.state_document["filed_in_time"] is False
    assert corrected.evaluation is not None and "14.1.4" in corrected.evaluation["refusal_grounds"]
    fact = corrected.state_document["corrections"][0]
    assert fact["fact"] == "registered_on" and fact["previous"] is None and fact["value"] == "2026-03-27"
    assert fact["reason"] == LATER
    refused = _refuse(corrected, officer, "14.1.4", now=NEXT_DAY + dt.timedelta(hours=2))
    assert refused.status == wf.REFUSED
    assert audit.verify([case.pk]).intact


def test_more_participants_than_the_norm_make_14_1_9_stand(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _timely(filed)  # 150 at Imanov square, whose norm is 500
    with pytest.raises(RuleViolation):
        _refuse(case, officer, "14.1.9")
    reason = "The organizer's own posts call 1,200 people to the square."
    corrected = record_correction(
        case.pk, officer, CorrectionInput("expected_participants", 1200, reason), now=NEXT_DAY
    )
    assert corrected.expected_participants == 1200
    assert Booking.objects.get(case=case).expected_participants == 1200
    assert _refuse(corrected, officer, "14.1.9", now=NEXT_DAY + dt.timedelta(hours=1)).status == wf.REFUSED


def test_a_special_regime_restricting_assemblies_makes_14_1_8_stand(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _timely(filed)
    regime = {"kind": "state_of_emergency", "restricts_assemblies": True}
    reason = "Presidential decree of 26 March: state of emergency in Almaty, mass events banned."
    corrected = record_correction(
        case.pk, officer, CorrectionInput("special_legal_regime", regime, reason), now=NEXT_DAY
    )
    assert corrected.evaluation is not None and "14.1.8" in corrected.evaluation["refusal_grounds"]
    assert _refuse(corrected, officer, "14.1.8", now=NEXT_DAY + dt.timedelta(hours=1)).status == wf.REFUSED


def test_a_picket_next_to_a_railway_station_makes_14_1_8_stand(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    picket = {
        "form": "picket",
        "place": {"address": "Abay avenue 150", "point": [76.890, 43.260]},
        "expected_participants": 1,
        "regulations": None,
    }
    case = filed(submitted_at=HANDED_IN, **ASSEMBLY, **picket)
    with pytest.raises(RuleViolation):
        _refuse(case, officer, "14.1.8")
    objects = [{"kind": "railway", "name": "a suburban rail stop on the same block"}]
    reason = "The site inspection of 27 March found a railway stop next to the place."
    corrected = record_correction(
        case.pk, officer, CorrectionInput("near_objects", objects, reason), now=NEXT_DAY
    )
    assert corrected.evaluation is not None and "14.1.8" in corrected.evaluation["refusal_grounds"]
    assert _refuse(corrected, officer, "14.1.8", now=NEXT_DAY + dt.timedelta(hours=1)).status == wf.REFUSED


class TestRefusedCorrections:
    def test_need_a_reason(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = _timely(filed)
        with pytest.raises(RuleViolation) as error:
            record_correction(
                case.pk, officer, CorrectionInput("registered_on", "2026-03-27", "late"), now=NEXT_DAY
            )
        assert error.value.field == "reason"
        assert _events(Case.objects.get(pk=case.pk))[-1] == "evaluated"

    @pytest.mark.parametrize(
        ("fact", "value"),
        [
            ("registered_on", "2026-03-25"),  # before it was handed in
            ("registered_on", "2026-03-30"),  # after today
            ("registered_on", "27.03.2026"),
            ("expected_participants", 0),
            ("expected_participants", "many"),
            ("near_objects", [{"kind": "school", "name": "School 5"}]),
            ("special_legal_regime", {"kind": "curfew"}),
            ("registered_on", None),  # back to no recorded day: nothing to correct
            ("organizer", {"kind": "citizen"}),  # not a fact the akimat corrects here
            ("expected_participants", 150),  # what the case already records
        ],
    )
    def test_with_a_value_that_is_not_a_fact(
        self, filed: CaseMaker, officer: AbstractBaseUser, fact: str, value: object
    ) -> None:
        case = _timely(filed)
        with pytest.raises(InvalidInput):
            record_correction(case.pk, officer, CorrectionInput(fact, value, LATER), now=NEXT_DAY)
        assert len(_events(Case.objects.get(pk=case.pk))) == len(_events(case))

    def test_after_the_answer(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = _refuse(_timely(filed), officer, "14.1.3")
        with pytest.raises(InvalidTransition):
            record_correction(
                case.pk, officer, CorrectionInput("registered_on", "2026-03-27", LATER), now=NEXT_DAY
            )

    def test_by_another_akimat_or_the_organizer(
        self,
        filed: CaseMaker,
        astana_officer: AbstractBaseUser,
        organizer: AbstractBaseUser,
    ) -> None:
        case = _timely(filed)
        with pytest.raises(NotFound):
            record_correction(
                case.pk, astana_officer, CorrectionInput("registered_on", "2026-03-27", LATER), now=NEXT_DAY
            )
        with pytest.raises(Exception):  # the organizer is no officer  # noqa: B017
            record_correction(
                case.pk, organizer, CorrectionInput("registered_on", "2026-03-27", LATER), now=NEXT_DAY
            )


def test_a_retry_with_the_same_key_records_the_correction_once(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _timely(filed)
    correction = CorrectionInput("registered_on", "2026-03-27", LATER)
    for _ in range(2):
        record_correction(case.pk, officer, correction, now=NEXT_DAY, key="fix-1")
    assert _events(Case.objects.get(pk=case.pk)).count("fact_corrected") == 1


@pytest.mark.django_db(transaction=True)
def test_a_correction_and_a_decision_at_once_are_serialized(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    """Two requests at once: the row lock orders them, and the log stays one valid chain."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers itself; the row lock is tested on PostgreSQL")
    case = _timely(filed)
    errors: list[BaseException] = []

    def correct() -> None:
        try:
            record_correction(
                case.pk, officer, CorrectionInput("registered_on", "2026-03-27", LATER), now=NEXT_DAY
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    def refuse() -> None:
        try:
            _refuse(case, officer, "14.1.4", now=NEXT_DAY + dt.timedelta(minutes=1))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=correct), threading.Thread(target=refuse)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = Case.objects.get(pk=case.pk)
    assert audit.verify([case.pk]).intact
    kinds = _events(final)
    # Either the refusal came first and was refused (only the correction is stored), or after it and stands.
    assert "fact_corrected" in kinds
    if "decision_recorded" in kinds:
        assert kinds.index("decision_recorded") > kinds.index("fact_corrected")
        assert final.status == wf.REFUSED
    else:
        assert [type(e) for e in errors] == [RuleViolation]


def test_the_registration_day_is_not_corrected_after_an_answer_or_into_an_ended_period(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
) -> None:
    # Handed in on Saturday 4 April: registered Monday 6 April, review until Thursday 9 April.
    case = filed(submitted_at=at(2026, 4, 4, 12))
    assert case.review_deadline == dt.date(2026, 4, 9)
    saturday = CorrectionInput("registered_on", "2026-04-04", LATER)
    with pytest.raises(RuleViolation) as error:  # its period would have ended on Wednesday 8 April
        record_correction(case.pk, officer, saturday, now=at(2026, 4, 9, 10))
    assert error.value.field == "value"
    assert Case.objects.get(pk=case.pk).review_deadline == dt.date(2026, 4, 9)
    # After a proposal was declined the registration day is no longer open; other facts still are.
    assert case.starts_at is not None and case.ends_at is not None
    later = DecisionInput(
        "propose",
        proposal=ProposalInput(
            starts_at=case.starts_at + dt.timedelta(hours=3), ends_at=case.ends_at + dt.timedelta(hours=3)
        ),
    )
    record_decision(case.pk, officer, later, now=at(2026, 4, 7, 10))
    sent = at(2026, 4, 7, 11)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=sent), now=sent)
    answer_proposal(case.pk, organizer, agree=False, now=at(2026, 4, 7, 15))
    with pytest.raises(RuleViolation):
        record_correction(
            case.pk, officer, CorrectionInput("registered_on", "2026-04-07", LATER), now=at(2026, 4, 8)
        )
    bigger = CorrectionInput("expected_participants", 900, "The organizer's own posts call 900 people now.")
    assert record_correction(case.pk, officer, bigger, now=at(2026, 4, 8)).status == wf.PROPOSAL_DECLINED


def test_an_organizer_cannot_give_the_registration_day(organizer: AbstractBaseUser) -> None:
    data = rally(registered_on="2026-03-20")
    with pytest.raises(InvalidInput) as error:
        create_case(organizer, PlannedAssembly.model_validate(data), now=at(2026, 3, 19))
    assert error.value.field == "registered_on"

"""Decisions and the law's rules about them: Art 11, 13, 14 and CC 61-NP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import workflow as wf
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.booking import enter_akimat_booking
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case, withdraw
from beibit.cases.clock import apply_clock
from beibit.cases.errors import InvalidInput, InvalidTransition, NotFound, RuleViolation
from beibit.cases.inputs import AkimatBookingInput, DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case, CaseEvent
from tests.cases.fixtures import CaseMaker, at, march

REASONS = "The place is taken by the City Day concert at that time; another place was offered."
DECIDED = at(2026, 3, 26)


def _decide(
    case: Case, officer: AbstractBaseUser, decision: DecisionInput, now: dt.datetime = DECIDED
) -> Case:
    record_decision(case.pk, officer, decision, now=now)
    return Case.objects.get(pk=case.pk)


def _propose_later(case: Case, officer: AbstractBaseUser) -> Case:
    assert case.starts_at is not None and case.ends_at is not None
    later = ProposalInput(
        starts_at=case.starts_at + dt.timedelta(hours=3), ends_at=case.ends_at + dt.timedelta(hours=3)
    )
    case = _decide(case, officer, DecisionInput("propose", proposal=later))
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    return Case.objects.get(pk=case.pk)


def _city_event(case: Case, officer: AbstractBaseUser, now: dt.datetime = DECIDED) -> None:
    """The akimat's concert at the case's place and time (Art 14(1)(10)), entered before the decision."""
    assert case.starts_at is not None and case.ends_at is not None
    event = AkimatBookingInput(
        "cultural_event", case.place_id, case.starts_at, case.ends_at, "City Day concert"
    )
    enter_akimat_booking(officer, event, now=now - dt.timedelta(hours=1))


def test_submission_fixes_the_registration_day_review_deadline_and_evaluation(filed: CaseMaker) -> None:
    case = filed()
    assert case.status == wf.REGISTERED
    assert case.registration_day == dt.date(2026, 3, 20)
    # Fri 20 March; Nauryz 21-25 March: Thu 26 (1), Fri 27 (2), Mon 30 (3).
    assert case.review_deadline == dt.date(2026, 3, 30)
    assert case.procedure == "notification"
    assert case.evaluation is not None and case.evaluation["deadlines"]["review_deadline"] == "2026-03-30"
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["drafted", "submitted", "registered", "evaluated"]
    evaluated = CaseEvent.objects.get(case=case, kind="evaluated")
    assert evaluated.payload["evaluation"] == case.evaluation


def test_a_filing_on_a_day_off_is_registered_on_the_next_working_day(filed: CaseMaker) -> None:
    case = filed(submitted_at=at(2026, 3, 21, 9))  # Saturday, Nauryz
    assert case.registration_day == dt.date(2026, 3, 26)
    assert case.review_deadline == dt.date(2026, 3, 31)
    registered = CaseEvent.objects.get(case=case, kind="registered")
    assert registered.effective_on == dt.date(2026, 3, 26)


def test_proceed_answers_a_notification_without_structures_and_sound(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = _decide(filed(), officer, DecisionInput("proceed"))
    assert case.status == wf.MAY_PROCEED
    decision = wf.latest_decision(case.state)
    assert decision is not None
    assert decision.document["restrictions"] == ["structures", "sound_amplification"]
    assert decision.late is False


def test_approve_and_approve_restricted_answer_an_application(
    filed: CaseMaker, astana_officer: AbstractBaseUser
) -> None:
    approved = _decide(filed(march()), astana_officer, DecisionInput("approve"))
    assert approved.status == wf.APPROVED
    restricted = _decide(filed(march()), astana_officer, DecisionInput("approve_restricted"))
    assert restricted.status == wf.APPROVED_RESTRICTED
    assert wf.latest_decision(restricted.state).document["restrictions"] == [
        "sound_amplification",
        "vehicles",
    ]  # type: ignore[union-attr]


def test_a_decision_must_fit_the_procedure(
    filed: CaseMaker, officer: AbstractBaseUser, astana_officer: AbstractBaseUser
) -> None:
    with pytest.raises(RuleViolation) as error:
        _decide(filed(), officer, DecisionInput("approve"))
    assert error.value.field == "decision"
    with pytest.raises(RuleViolation):
        _decide(filed(march()), astana_officer, DecisionInput("proceed"))


def test_one_decision_per_case(filed: CaseMaker, officer: AbstractBaseUser) -> None:
    case = _decide(filed(), officer, DecisionInput("proceed"))
    with pytest.raises(InvalidTransition):
        _decide(case, officer, DecisionInput("refuse", ("14.1.4",), REASONS))
    assert CaseEvent.objects.filter(case=case, kind="decision_recorded").count() == 1


class TestRefusal:
    def test_needs_a_ground_of_art_14_1(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = filed()
        with pytest.raises(RuleViolation) as error:
            _decide(case, officer, DecisionInput("refuse", (), REASONS))
        assert error.value.field == "grounds"
        with pytest.raises(InvalidInput) as bad:
            _decide(case, officer, DecisionInput("refuse", ("14.1.11",), REASONS))
        assert bad.value.field == "grounds.0"
        with pytest.raises(InvalidInput):
            _decide(case, officer, DecisionInput("refuse", ("14.1.4", "14.1.4"), REASONS))

    def test_needs_written_reasons(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        with pytest.raises(RuleViolation) as error:
            _decide(filed(), officer, DecisionInput("refuse", ("14.1.3",), "   threat   "))
        assert error.value.field == "reasons"

    def test_on_14_1_10_alone_needs_an_alternative_offered_first(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = filed()
        with pytest.raises(RuleViolation) as error:
            _decide(case, officer, DecisionInput("refuse", ("14.1.10",), REASONS))
        assert error.value.code == "alternative_first"
        assert "CC-61-NP" in error.value.message
        assert Case.objects.get(pk=case.pk).status == wf.REGISTERED

    def test_on_14_1_10_with_another_ground_is_possible(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = filed()
        _city_event(case, officer)
        case = _decide(case, officer, DecisionInput("refuse", ("14.1.10", "14.1.3"), REASONS))
        assert case.status == wf.REFUSED
        assert wf.latest_decision(case.state).document["grounds"] == ["14.1.3", "14.1.10"]  # type: ignore[union-attr]

    def test_on_14_1_10_alone_after_a_declined_proposal(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = filed()
        _city_event(case, officer)
        case = _propose_later(case, officer)
        answer_proposal(case.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
        case = _decide(
            case, officer, DecisionInput("refuse", ("14.1.10",), REASONS), DECIDED + dt.timedelta(hours=2)
        )
        assert case.status == wf.REFUSED
        assert wf.latest_decision(case.state).late is False  # type: ignore[union-attr]

    def test_on_14_1_10_alone_after_a_proposal_left_unanswered(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = filed()
        _city_event(case, officer)
        case = _propose_later(case, officer)  # by hand Thu 26 March: answer by Fri 27 March
        refused = _decide(case, officer, DecisionInput("refuse", ("14.1.10",), REASONS), at(2026, 3, 30, 9))
        assert refused.status == wf.REFUSED
        kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
        assert kinds[-2:] == ["proposal_lapsed", "decision_recorded"]
        # The akimat has until the working day after the answer period: Mon 30 March, not late.
        assert wf.latest_decision(refused.state).late is False  # type: ignore[union-attr]

    def test_on_14_1_10_alone_was_possible_before_cc_61_np(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = filed(
            submitted_at=at(2024, 11, 4),
            starts_at="2024-11-25T11:00:00+05:00",
            ends_at="2024-11-25T13:00:00+05:00",
        )
        assert case.regime_id == "kz-333-vi-2020"
        _city_event(case, officer, at(2024, 11, 5))
        refused = _decide(case, officer, DecisionInput("refuse", ("14.1.10",), REASONS), at(2024, 11, 5))
        assert refused.status == wf.REFUSED

    def test_is_impossible_after_the_organizer_agreed(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = _propose_later(filed(), officer)
        answer_proposal(case.pk, organizer, agree=True, now=DECIDED + dt.timedelta(hours=1))
        for decision in (
            DecisionInput("refuse", ("14.1.3",), REASONS),
            DecisionInput("propose", proposal=ProposalInput(place_id="almaty-gandhi-park")),
        ):
            with pytest.raises(RuleViolation) as error:
                _decide(case, officer, decision, DECIDED + dt.timedelta(hours=2))
            assert error.value.code == "refusal_after_agreement"
        # The akimat may still confirm the go-ahead.
        assert (
            _decide(case, officer, DecisionInput("proceed"), DECIDED + dt.timedelta(hours=2)).status
            == wf.MAY_PROCEED
        )

    def test_is_the_only_answer_after_a_declined_proposal(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = _propose_later(filed(), officer)
        answer_proposal(case.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
        with pytest.raises(RuleViolation) as error:
            _decide(case, officer, DecisionInput("proceed"), DECIDED + dt.timedelta(hours=2))
        assert error.value.code == "refusal_required"

    def test_releases_the_place(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = _decide(filed(), officer, DecisionInput("refuse", ("14.1.3",), REASONS))
        booking = case.bookings.get()
        assert booking.released_at is not None and booking.release_reason == "refused"

    def test_on_14_1_10_for_a_place_taken_by_no_other_event_is_refused(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        # A competing filing is Art 9(3), answered with a proposal; 14(1)(10) needs another event or works.
        case = _propose_later(filed(), officer)
        answer_proposal(case.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
        with pytest.raises(RuleViolation) as error:
            _decide(
                case, officer, DecisionInput("refuse", ("14.1.10",), REASONS), DECIDED + dt.timedelta(hours=2)
            )
        assert error.value.code == "ground_not_established"
        assert Case.objects.get(pk=case.pk).status == wf.PROPOSAL_DECLINED


class TestLateDecision:
    def test_on_a_notification_is_recorded_late_and_the_silence_effect_stays(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = filed()
        refused = _decide(case, officer, DecisionInput("refuse", ("14.1.3",), REASONS), at(2026, 3, 31, 9))
        assert refused.status == wf.DEEMED_AGREED
        decision = wf.latest_decision(refused.state)
        assert (
            decision is not None
            and decision.late is True
            and decision.document["silence_effect_stands"] is True
        )
        kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
        assert kinds[-2:] == ["deemed_agreed", "decision_recorded"]
        assert refused.bookings.get().released_at is None  # the assembly may still be held as notified

    def test_on_an_application_decides_it_late(
        self, filed: CaseMaker, astana_officer: AbstractBaseUser
    ) -> None:
        case = filed(march())  # registered 20 March; 7 working days: 3 April
        assert case.review_deadline == dt.date(2026, 4, 3)
        approved = _decide(case, astana_officer, DecisionInput("approve"), at(2026, 4, 6))
        assert approved.status == wf.APPROVED
        assert wf.latest_decision(approved.state).late is True  # type: ignore[union-attr]
        kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
        assert kinds[-2:] == ["overdue", "decision_recorded"]

    def test_on_the_deadline_day_itself_is_in_time(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = _decide(filed(), officer, DecisionInput("proceed"), at(2026, 3, 30, 23, 59))
        assert case.status == wf.MAY_PROCEED
        assert wf.latest_decision(case.state).late is False  # type: ignore[union-attr]


class TestProposal:
    def test_needs_another_place_or_time(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = filed()
        with pytest.raises(InvalidInput) as error:
            _decide(case, officer, DecisionInput("propose", proposal=ProposalInput(note="elsewhere")))
        assert error.value.field == "proposal"
        with pytest.raises(InvalidInput) as unknown:
            _decide(
                case, officer, DecisionInput("propose", proposal=ProposalInput(place_id="almaty-nowhere"))
            )
        assert unknown.value.field == "proposal.place_id"

    def test_agreement_moves_the_plan_and_the_booking(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = filed()
        case = _decide(
            case, officer, DecisionInput("propose", proposal=ProposalInput(place_id="almaty-gandhi-park"))
        )
        record_delivery(case.pk, officer, DeliveryInput("e_document", sent_at=DECIDED), now=DECIDED)
        answer_proposal(case.pk, organizer, agree=True, now=at(2026, 3, 27, 17))
        case = Case.objects.get(pk=case.pk)
        assert case.status == wf.PROPOSAL_AGREED
        assert case.place_id == "almaty-gandhi-park"
        active = case.bookings.filter(released_at__isnull=True).get()
        assert active.place_id == "almaty-gandhi-park"
        assert case.bookings.filter(release_reason="moved_by_agreed_proposal").count() == 1
        # Art 15: campaigning from the agreement (27 March), before the day after the deadline (31 March).
        assert case.state_document["campaigning_from"] == "2026-03-27"

    def test_the_answer_period_runs_from_receipt_by_registered_mail(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = _decide(
            filed(), officer, DecisionInput("propose", proposal=ProposalInput(place_id="almaty-gandhi-park"))
        )
        letter = DeliveryInput("registered_mail", sent_at=DECIDED)
        record_delivery(case.pk, officer, letter, now=DECIDED)
        apply_clock(at(2026, 4, 10))  # not received yet: no period runs
        assert Case.objects.get(pk=case.pk).status == wf.PROPOSAL_PENDING
        delivered = DeliveryInput("registered_mail", sent_at=DECIDED, delivered_on=dt.date(2026, 4, 3))
        record_delivery(case.pk, officer, delivered, now=at(2026, 4, 3, 18))
        case = Case.objects.get(pk=case.pk)
        assert case.proposal_answer_deadline == dt.date(2026, 4, 6)  # Friday 3 April -> Monday 6 April
        answer_proposal(case.pk, organizer, agree=False, now=at(2026, 4, 6, 23, 30))
        assert Case.objects.get(pk=case.pk).status == wf.PROPOSAL_DECLINED

    def test_an_answer_after_the_period_is_refused(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = _propose_later(filed(), officer)  # received Thu 26 March, answer by Fri 27 March
        with pytest.raises(RuleViolation) as error:
            answer_proposal(case.pk, organizer, agree=True, now=at(2026, 3, 28, 9))
        assert error.value.code == "answer_period_over"
        case = Case.objects.get(pk=case.pk)
        assert case.status == wf.PROPOSAL_LAPSED
        lapsed = CaseEvent.objects.get(case=case, kind="proposal_lapsed")
        assert lapsed.effective_on == dt.date(2026, 3, 28)

    def test_no_answer_without_a_proposal(self, filed: CaseMaker, organizer: AbstractBaseUser) -> None:
        with pytest.raises(InvalidTransition):
            answer_proposal(filed().pk, organizer, agree=True, now=DECIDED)


class TestDelivery:
    def test_email_or_sms_also_needs_registered_mail(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = _decide(filed(), officer, DecisionInput("proceed"))
        for channel in ("email", "sms"):
            with pytest.raises(RuleViolation) as error:
                record_delivery(case.pk, officer, DeliveryInput(channel, sent_at=DECIDED), now=DECIDED)  # type: ignore[arg-type]
            assert error.value.field == "registered_mail_sent_on"
        ok = DeliveryInput(
            "email",
            sent_at=DECIDED,
            registered_mail_sent_on=dt.date(2026, 3, 27),
            registered_mail_number="RR1",
        )
        event = record_delivery(case.pk, officer, ok, now=at(2026, 3, 27))
        assert event.payload["received_on"] == "2026-03-26"
        assert event.payload["registered_mail"] == {"sent_on": "2026-03-27", "number": "RR1"}
        # Receipt of a decision letting the assembly go ahead allows campaigning (Art 15).
        assert Case.objects.get(pk=case.pk).state_document["campaigning_from"] == "2026-03-26"

    def test_needs_a_decision_and_a_plausible_time(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        case = filed()
        with pytest.raises(RuleViolation):
            record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
        case = _decide(case, officer, DecisionInput("proceed"))
        with pytest.raises(InvalidInput) as future:
            record_delivery(
                case.pk, officer, DeliveryInput("hand", sent_at=DECIDED + dt.timedelta(days=1)), now=DECIDED
            )
        assert future.value.field == "sent_at"
        with pytest.raises(InvalidInput) as early:
            record_delivery(
                case.pk, officer, DeliveryInput("hand", sent_at=DECIDED - dt.timedelta(hours=1)), now=DECIDED
            )
        assert early.value.field == "sent_at"

    def test_a_time_to_the_minute_of_the_decision_is_the_decisions_own_instant(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        """The pages take the time sent to the minute: a decision recorded at 10:15:25 and "sent 10:15" is
        the same minute, recorded at 10:15:25 (never before the decision); 10:14 is refused."""
        case = filed()
        decided = DECIDED + dt.timedelta(minutes=15, seconds=25)
        case = _decide(case, officer, DecisionInput("proceed"), now=decided)
        with pytest.raises(InvalidInput) as early:
            early_minute = DeliveryInput("hand", sent_at=decided - dt.timedelta(minutes=1))
            record_delivery(case.pk, officer, early_minute, now=decided)
        assert early.value.field == "sent_at"
        minute = decided.replace(second=0)
        event = record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=minute), now=decided)
        assert dt.datetime.fromisoformat(event.payload["sent_at"]) == decided

    def test_a_delivery_sent_after_the_review_deadline_is_flagged(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        case = _decide(filed(), officer, DecisionInput("proceed"), at(2026, 3, 30, 17))
        event = record_delivery(
            case.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 31)), now=at(2026, 3, 31)
        )
        assert event.payload["sent_after_review_deadline"] is True


class TestScope:
    def test_an_officer_of_another_akimat_gets_not_found(
        self, filed: CaseMaker, astana_officer: AbstractBaseUser
    ) -> None:
        with pytest.raises(NotFound):
            _decide(filed(), astana_officer, DecisionInput("proceed"))

    def test_another_organizer_gets_not_found(
        self, filed: CaseMaker, other_organizer: AbstractBaseUser
    ) -> None:
        with pytest.raises(NotFound):
            withdraw(filed().pk, other_organizer, now=DECIDED)

    def test_a_draft_is_invisible_to_the_akimat(
        self, organizer: AbstractBaseUser, officer: AbstractBaseUser
    ) -> None:
        from beibit.law.model import PlannedAssembly
        from tests.cases.fixtures import rally

        draft = create_case(organizer, PlannedAssembly.model_validate(rally()), now=DECIDED)
        with pytest.raises(NotFound):
            _decide(draft, officer, DecisionInput("proceed"))

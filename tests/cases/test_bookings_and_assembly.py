"""Bookings (Art 9(3): first received, first served; the akimat's own events), withdrawal (Art 5(2)), the
representative (Art 8(3)), suspension and termination (Art 17-18), appeals (Art 19, APPK Art 92), drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import workflow as wf
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.appeal import appeal_deadline, record_appeal, record_appeal_outcome
from beibit.cases.actions.assembly import appoint_representative, record_held, suspend, terminate
from beibit.cases.actions.booking import enter_akimat_booking, release_akimat_booking
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case, submit, update_draft, withdraw
from beibit.cases.errors import (
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    RuleViolation,
)
from beibit.cases.inputs import (
    AkimatBookingInput,
    AppealInput,
    AppealOutcomeInput,
    DecisionInput,
    DeliveryInput,
    HeldInput,
    ProposalInput,
    RepresentativeInput,
    SuspensionInput,
    TerminationInput,
)
from beibit.cases.models import Booking, Case, CaseEvent
from beibit.cases.moments import add_months
from beibit.law.model import PlannedAssembly
from tests.cases.fixtures import CaseMaker, at, rally

DAY = at(2026, 4, 15, 11)


def _concert(officer: AbstractBaseUser) -> Booking:
    return enter_akimat_booking(
        officer,
        AkimatBookingInput(
            "cultural_event",
            "almaty-imanov-square",
            at(2026, 4, 15, 10),
            at(2026, 4, 15, 14),
            "City Day concert",
            2000,
        ),
        now=at(2026, 3, 19),
    )


class TestBookings:
    def test_a_registered_filing_occupies_its_place_and_time(self, filed: CaseMaker) -> None:
        case = filed()
        booking = case.bookings.get()
        assert (booking.place_id, booking.starts_at, booking.ends_at) == (
            "almaty-imanov-square",
            DAY,
            at(2026, 4, 15, 13),
        )
        assert booking.kind == "filing" and booking.received_at == at(2026, 3, 20)

    def test_first_received_first_served(self, filed: CaseMaker) -> None:
        first = filed(submitted_at=at(2026, 3, 20, 9))
        second = filed(submitted_at=at(2026, 3, 20, 11))
        assert first.evaluation is not None and second.evaluation is not None
        assert not [f for f in first.evaluation["findings"] if f["code"] == "place.taken_by_earlier_filing"]
        # Art 9(3): the later filing is blocked and answered with a proposal, never refused on 14(1)(10).
        taken = [f for f in second.evaluation["findings"] if f["code"] == "place.taken_by_earlier_filing"]
        assert taken and taken[0]["severity"] == "blocking" and f"case {first.pk}" in taken[0]["message"]
        assert "14.1.10" not in second.evaluation["refusal_grounds"]
        assert "14.1.10" not in second.evaluation["refusal_grounds"]  # CC 61-NP: an alternative first

    def test_the_akimats_own_event_is_a_booking_with_who_and_when(
        self, filed: CaseMaker, officer: AbstractBaseUser
    ) -> None:
        concert = _concert(officer)
        assert concert.entered_by == officer and concert.entered_at == at(2026, 3, 19)
        case = filed()
        assert case.evaluation is not None
        assert any("City Day concert" in f["message"] for f in case.evaluation["findings"])

    def test_a_14_1_10_refusal_keeps_the_calendar_as_it_stood(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        concert = _concert(officer)
        case = filed()
        proposal = ProposalInput(place_id="almaty-gandhi-park")
        record_decision(case.pk, officer, DecisionInput("propose", proposal=proposal), now=at(2026, 3, 26))
        record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 26)), now=at(2026, 3, 26))
        answer_proposal(case.pk, organizer, agree=False, now=at(2026, 3, 26, 15))
        reasons = "The square is taken by the City Day concert; the Gandhi park was offered and declined."
        event = record_decision(
            case.pk, officer, DecisionInput("refuse", ("14.1.10",), reasons), now=at(2026, 3, 27)
        )
        snapshot = event.payload["occupancy_snapshot"]
        assert [b["booking_id"] for b in snapshot] == [concert.pk]
        assert snapshot[0]["entered_at"] == concert.entered_at.isoformat()
        release_akimat_booking(concert.pk, officer, now=at(2026, 4, 1))
        concert.refresh_from_db()
        assert concert.released_at == at(2026, 4, 1) and concert.released_by == officer
        assert CaseEvent.objects.get(pk=event.pk).payload["occupancy_snapshot"] == snapshot

    def test_an_akimat_booking_needs_a_place_in_force_and_a_time(self, officer: AbstractBaseUser) -> None:
        with pytest.raises(InvalidInput) as error:
            enter_akimat_booking(
                officer,
                AkimatBookingInput(
                    "works", "almaty-nowhere", at(2026, 4, 15, 10), at(2026, 4, 15, 14), "Repairs"
                ),
                now=at(2026, 3, 19),
            )
        assert error.value.field == "place_id"
        with pytest.raises(InvalidInput) as backwards:
            enter_akimat_booking(
                officer,
                AkimatBookingInput(
                    "works", "almaty-imanov-square", at(2026, 4, 15, 14), at(2026, 4, 15, 10), "Repairs"
                ),
                now=at(2026, 3, 19),
            )
        assert backwards.value.field == "ends_at"

    def test_an_officer_releases_only_the_own_akimats_bookings(
        self, filed: CaseMaker, officer: AbstractBaseUser, astana_officer: AbstractBaseUser
    ) -> None:
        concert = _concert(officer)
        with pytest.raises(NotFound):
            release_akimat_booking(concert.pk, astana_officer, now=at(2026, 4, 1))
        filing = filed().bookings.get()
        with pytest.raises(NotFound):
            release_akimat_booking(filing.pk, officer, now=at(2026, 4, 1))


class TestWithdrawal:
    def test_calls_the_assembly_off_and_frees_the_place(
        self, filed: CaseMaker, organizer: AbstractBaseUser
    ) -> None:
        case = filed()
        withdraw(case.pk, organizer, reason="Called off by the organizer", now=at(2026, 3, 26))
        case = Case.objects.get(pk=case.pk)
        assert case.status == wf.WITHDRAWN
        assert case.bookings.get().release_reason == "withdrawn"
        assert case.state_document["campaigning_from"] is None
        with pytest.raises(InvalidTransition):
            withdraw(case.pk, organizer, now=at(2026, 3, 27))

    def test_is_impossible_after_a_refusal(
        self, filed: CaseMaker, organizer: AbstractBaseUser, officer: AbstractBaseUser
    ) -> None:
        case = filed()
        record_decision(
            case.pk,
            officer,
            DecisionInput("refuse", ("14.1.3",), "A threat to public order, reasoned."),
            now=at(2026, 3, 26),
        )
        with pytest.raises(InvalidTransition):
            withdraw(case.pk, organizer, now=at(2026, 3, 27))


class TestDuringTheAssembly:
    @pytest.fixture
    def going_ahead(self, filed: CaseMaker, officer: AbstractBaseUser) -> Case:
        case = filed()
        record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26))
        return case

    def test_the_akimat_appoints_its_representative(
        self, going_ahead: Case, officer: AbstractBaseUser
    ) -> None:
        appoint_representative(
            going_ahead.pk,
            officer,
            RepresentativeInput("Serik Akhmetov", "chief specialist", "+77010000000"),
            now=at(2026, 4, 1),
        )
        assert (
            Case.objects.get(pk=going_ahead.pk).state_document["representative"]["position"]
            == "chief specialist"
        )
        with pytest.raises(InvalidInput) as error:
            appoint_representative(going_ahead.pk, officer, RepresentativeInput(" ", "x"), now=at(2026, 4, 1))
        assert error.value.field == "full_name"

    def test_suspension_then_termination_under_18_1_4(
        self, going_ahead: Case, officer: AbstractBaseUser
    ) -> None:
        record_held(going_ahead.pk, officer, HeldInput(), now=DAY)
        with pytest.raises(RuleViolation) as not_suspended:
            terminate(
                going_ahead.pk,
                officer,
                TerminationInput("18.1.4", "The breach was not removed", DAY, DAY + dt.timedelta(minutes=15)),
                now=DAY + dt.timedelta(minutes=1),
            )
        assert not_suspended.value.field == "ground"
        suspend(
            going_ahead.pk,
            officer,
            SuspensionInput(
                "Participants blocked the carriageway",
                DAY + dt.timedelta(minutes=10),
                DAY + dt.timedelta(minutes=15),
                DAY + dt.timedelta(minutes=45),
            ),
            now=DAY + dt.timedelta(minutes=15),
        )
        terminate(
            going_ahead.pk,
            officer,
            TerminationInput(
                "18.1.4",
                "The breach was not removed in the time set",
                DAY + dt.timedelta(minutes=50),
                DAY + dt.timedelta(minutes=70),
            ),
            now=DAY + dt.timedelta(minutes=50),
        )
        case = Case.objects.get(pk=going_ahead.pk)
        assert case.status == wf.TERMINATED
        assert case.state_document["termination"]["ground"] == "18.1.4"
        assert (
            case.state_document["termination"]["dispersal_by"] == (DAY + dt.timedelta(minutes=70)).isoformat()
        )

    def test_termination_needs_an_art_18_ground_and_a_dispersal_time(
        self, going_ahead: Case, officer: AbstractBaseUser
    ) -> None:
        record_held(going_ahead.pk, officer, HeldInput(), now=DAY)
        with pytest.raises(InvalidInput) as ground:
            terminate(
                going_ahead.pk,
                officer,
                TerminationInput("18.1.7", "x", DAY, DAY + dt.timedelta(hours=1)),
                now=DAY,
            )
        assert ground.value.field == "ground"
        with pytest.raises(InvalidInput) as dispersal:
            terminate(going_ahead.pk, officer, TerminationInput("18.1.6", "Time ran out", DAY, DAY), now=DAY)
        assert dispersal.value.field == "dispersal_by"

    def test_nothing_is_held_before_a_go_ahead(self, filed: CaseMaker, officer: AbstractBaseUser) -> None:
        # Within the review period, with no answer yet (after it, silence would let it go ahead).
        with pytest.raises(InvalidTransition):
            record_held(filed().pk, officer, HeldInput(started_at=at(2026, 3, 27, 9)), now=at(2026, 3, 27))

    def test_an_organizer_cannot_act_for_the_akimat(
        self, going_ahead: Case, organizer: AbstractBaseUser
    ) -> None:
        with pytest.raises(Forbidden):
            record_held(going_ahead.pk, organizer, HeldInput(), now=DAY)


class TestAppeal:
    def _refused(self, filed: CaseMaker, officer: AbstractBaseUser) -> Case:
        case = filed()
        record_decision(
            case.pk,
            officer,
            DecisionInput("refuse", ("14.1.3",), "A threat to public order, assessed and reasoned."),
            now=at(2026, 3, 26),
        )
        # Sent in time (the answer counts when sent, deadlines.md); the day it arrived is not known yet.
        posted = DeliveryInput("registered_mail", sent_at=at(2026, 3, 26, 12))
        record_delivery(case.pk, officer, posted, now=at(2026, 3, 26, 13))
        return case

    def test_the_limit_is_three_calendar_months_from_learning_of_the_decision(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = self._refused(filed, officer)
        letter = DeliveryInput(
            "registered_mail", sent_at=at(2026, 3, 26, 12), delivered_on=dt.date(2026, 3, 30)
        )
        record_delivery(case.pk, officer, letter, now=at(2026, 3, 30, 18))
        event = record_appeal(
            case.pk,
            organizer,
            AppealInput("higher_body", "Akimat of Almaty region", dt.date(2026, 4, 2)),
            now=at(2026, 4, 2),
        )
        assert event.payload["learnt_on"] == "2026-03-30"
        assert event.payload["appeal_deadline"] == "2026-06-30"  # Tuesday: a working day
        assert event.payload["within_limit"] is True and event.payload["limit_months"] == 3

    def test_a_limit_ending_on_a_day_off_moves_to_the_next_working_day(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = self._refused(filed, officer)
        # Learnt on 7 March... 3 months later: Sunday 7 June -> Monday 8 June.
        record_delivery(
            case.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 26, 12)), now=at(2026, 3, 26, 12)
        )
        assert appeal_deadline(case, dt.date(2026, 3, 7)) == (dt.date(2026, 6, 8), 3)
        # 31 May + 3 months has no 31st: 31 August; 30 November 2026 is a Monday.
        assert appeal_deadline(case, dt.date(2026, 8, 30)) == (dt.date(2026, 11, 30), 3)
        assert add_months(dt.date(2026, 5, 31), 3) == dt.date(2026, 8, 31)
        assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)

    def test_an_appeal_after_the_limit_is_recorded_as_out_of_time(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = self._refused(filed, officer)
        event = record_appeal(
            case.pk,
            organizer,
            AppealInput("court", "Specialized inter-district administrative court", dt.date(2026, 7, 1)),
            now=at(2026, 7, 1),
        )
        assert event.payload["appeal_deadline"] == "2026-06-26"  # decided 26 March, no delivery recorded
        assert event.payload["within_limit"] is False

    def test_the_outcome_is_recorded_beside_the_status(
        self, filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
    ) -> None:
        case = self._refused(filed, officer)
        with pytest.raises(RuleViolation):
            record_appeal_outcome(
                case.pk, organizer, AppealOutcomeInput("dismissed", dt.date(2026, 4, 20)), now=at(2026, 4, 20)
            )
        record_appeal(
            case.pk,
            organizer,
            AppealInput("higher_body", "Regional akimat", dt.date(2026, 4, 2)),
            now=at(2026, 4, 2),
        )
        with pytest.raises(InvalidInput) as early:
            record_appeal_outcome(
                case.pk, organizer, AppealOutcomeInput("upheld", dt.date(2026, 4, 1)), now=at(2026, 4, 20)
            )
        assert early.value.field == "decided_on"
        record_appeal_outcome(
            case.pk, organizer, AppealOutcomeInput("upheld", dt.date(2026, 4, 20)), now=at(2026, 4, 20)
        )
        case = Case.objects.get(pk=case.pk)
        assert case.status == wf.REFUSED
        assert case.state_document["appeals"][0]["outcome"] == "upheld"

    def test_nothing_to_appeal_before_a_decision(self, filed: CaseMaker, organizer: AbstractBaseUser) -> None:
        with pytest.raises(InvalidTransition):
            record_appeal(
                filed().pk,
                organizer,
                AppealInput("court", "Court", dt.date(2026, 3, 20)),
                now=at(2026, 3, 20),
            )


class TestDrafts:
    def test_a_draft_needs_a_known_settlement_and_no_submission_time(
        self, organizer: AbstractBaseUser
    ) -> None:
        for changes, field in (
            ({"settlement": None}, "settlement"),
            ({"settlement": "atlantis"}, "settlement"),
            ({"submitted_at": "2026-03-20T10:00:00+05:00"}, "submitted_at"),
        ):
            with pytest.raises(InvalidInput) as error:
                create_case(organizer, PlannedAssembly.model_validate(rally(**changes)), now=at(2026, 3, 20))
            assert error.value.field == field
        assert not Case.objects.exists()

    def test_the_organizer_comes_from_the_profile_when_not_given(self, organizer: AbstractBaseUser) -> None:
        case = create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20))
        person = case.draft["organizer"]["persons"][0]
        assert person == {
            "full_name": "Aigerim Tulegenova",
            "iin": "850612300451",
            "birth_date": "1985-06-12",
        }
        assert case.draft["organizer"]["contacts"]["email"] == "aigerim@example.kz"

    def test_a_submitted_case_is_no_longer_a_draft(
        self, filed: CaseMaker, organizer: AbstractBaseUser
    ) -> None:
        case = filed()
        with pytest.raises(InvalidTransition):
            update_draft(case.pk, organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 21))
        with pytest.raises(InvalidTransition):
            submit(case.pk, organizer, now=at(2026, 3, 21))

    def test_an_officer_cannot_file(self, officer: AbstractBaseUser) -> None:
        with pytest.raises(Forbidden):
            create_case(officer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20))

    def test_a_gathering_outside_the_law_cannot_be_filed(self, organizer: AbstractBaseUser) -> None:
        case = create_case(
            organizer, PlannedAssembly.model_validate(rally(indoors=True)), now=at(2026, 3, 20)
        )
        assert case.procedure == "out_of_scope"
        with pytest.raises(RuleViolation):
            submit(case.pk, organizer, now=at(2026, 3, 20))
        assert Case.objects.get(pk=case.pk).status == wf.DRAFT

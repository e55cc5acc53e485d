"""The event log: append-only in the model layer and in the database, hash-chained, verified by
`beibit audit verify`; writes under an Idempotency-Key happen once."""

from __future__ import annotations

import argparse
import io
import itertools

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, connection, transaction

from beibit.cases.actions.decision import record_decision
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.errors import IdempotencyConflict
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import AppendOnlyError, Case, CaseEvent
from beibit.law.model import PlannedAssembly
from beibit.service_cli import cmd_audit_verify
from tests.cases.fixtures import CaseMaker, at, rally


def audit(case_ids: list[int] | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = cmd_audit_verify(argparse.Namespace(case=case_ids), io.BytesIO(), out)
    return code, out.getvalue()


def test_events_cannot_be_changed_or_deleted_through_the_models(filed: CaseMaker) -> None:
    case = filed()
    event = CaseEvent.objects.filter(case=case).first()
    assert event is not None
    event.kind = "withdrawn"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).update(kind="x")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).delete()


@pytest.mark.parametrize(
    "statement", ["UPDATE cases_caseevent SET kind = 'x'", "DELETE FROM cases_caseevent"]
)
def test_the_database_refuses_to_change_or_delete_events(filed: CaseMaker, statement: str) -> None:
    case = filed()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement + " WHERE case_id = %s", [case.pk])
    assert CaseEvent.objects.filter(case=case).count() == 4


def _drop_append_only_triggers() -> None:
    """What someone with the right to change the schema could do; the hash chain must still tell."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's transaction holds deferred foreign-key checks; ALTER TABLE wants none pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE cases_caseevent DISABLE TRIGGER caseevent_append_only")
        else:
            cursor.execute("DROP TRIGGER caseevent_no_update")
            cursor.execute("DROP TRIGGER caseevent_no_delete")


def test_audit_verify_passes_an_intact_log(filed: CaseMaker, officer: AbstractBaseUser) -> None:
    case = filed()
    record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26))
    filed()
    code, output = audit()
    assert code == 0, output
    assert "2 case(s), 9 event(s): intact" in output


def test_audit_verify_catches_an_event_edited_with_raw_sql(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = filed()
    record_decision(
        case.pk,
        officer,
        DecisionInput("refuse", ("14.1.3",), "A threat to public order was assessed and reasoned."),
        now=at(2026, 3, 26),
    )
    untouched = filed()
    _drop_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_caseevent SET payload_json = REPLACE(payload_json, '\"refuse\"', '\"proceed\"') "
            "WHERE case_id = %s AND kind = 'decision_recorded'",
            [case.pk],
        )
    code, output = audit()
    assert code == 1
    assert f"TAMPERED case {case.pk} event #5: its content does not match its hash (edited)" in output
    assert f"case {untouched.pk} " not in output
    assert audit([untouched.pk])[0] == 0


def test_audit_verify_catches_a_deleted_event(filed: CaseMaker) -> None:
    case = filed()
    _drop_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE case_id = %s AND seq = 3", [case.pk])
    code, output = audit()
    assert code == 1
    assert "sequence broken" in output


def test_audit_verify_catches_a_rewritten_projection(filed: CaseMaker) -> None:
    case = filed()
    Case.objects.filter(pk=case.pk).update(status="approved")
    code, output = audit()
    assert code == 1 and "status 'approved'" in output


def test_every_event_links_to_the_one_before(filed: CaseMaker) -> None:
    events = list(CaseEvent.objects.filter(case=filed()).order_by("seq"))
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash


class TestIdempotency:
    def test_a_retried_create_makes_one_case(self, organizer: AbstractBaseUser) -> None:
        assembly = PlannedAssembly.model_validate(rally())
        first = create_case(organizer, assembly, now=at(2026, 3, 20), key="create-1")
        again = create_case(organizer, assembly, now=at(2026, 3, 20, 11), key="create-1")
        assert first.pk == again.pk
        assert Case.objects.count() == 1

    def test_a_retried_submit_and_decision_happen_once(
        self, organizer: AbstractBaseUser, officer: AbstractBaseUser
    ) -> None:
        draft = create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20))
        submit(draft.pk, organizer, now=at(2026, 3, 20), key="submit-1")
        submit(draft.pk, organizer, now=at(2026, 3, 20, 10, 5), key="submit-1")
        first = record_decision(draft.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26), key="d-1")
        again = record_decision(draft.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26), key="d-1")
        assert first.pk == again.pk
        assert CaseEvent.objects.filter(case=draft, kind="submitted").count() == 1
        assert CaseEvent.objects.filter(case=draft, kind="decision_recorded").count() == 1
        assert first.idempotency_key == "d-1"

    def test_a_key_reused_for_another_request_is_refused(self, organizer: AbstractBaseUser) -> None:
        create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20), key="k")
        other = PlannedAssembly.model_validate(rally(expected_participants=3))
        with pytest.raises(IdempotencyConflict) as error:
            create_case(organizer, other, now=at(2026, 3, 20), key="k")
        assert error.value.field == "Idempotency-Key"
        assert Case.objects.count() == 1

    def test_keys_belong_to_one_account(
        self, organizer: AbstractBaseUser, other_organizer: AbstractBaseUser
    ) -> None:
        assembly = PlannedAssembly.model_validate(rally())
        create_case(organizer, assembly, now=at(2026, 3, 20), key="same")
        create_case(other_organizer, assembly, now=at(2026, 3, 20), key="same")
        assert Case.objects.count() == 2

"""The officer's pages through the Django test client: who may see what, the inbox's order and highlighting,
each decision path with the service's errors next to their fields, the delivery, the representative and the
free slots. The clock is pinned with time-machine."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases.actions.booking import enter_akimat_booking
from beibit.cases.actions.filing import create_case
from beibit.cases.inputs import AkimatBookingInput
from beibit.cases.models import Case, CaseEvent
from beibit.registry.store import registry_from_db
from beibit.web.akimat.slots import free_slots, parse_key
from tests.cases.fixtures import CaseMaker, at, march, rally

pytestmark = pytest.mark.django_db

# Filed on Tuesday 1 December 2026; the assembly on Tuesday 12 January 2027 at Imanov square, 11:00-13:00.
FILED = at(2026, 12, 1)
NOW = at(2026, 12, 2, 11)
DAY = "2027-01-12"
IMANOV = "almaty-imanov-square"
REASONS = "The square is taken that day by the city's own event entered before this filing was received."


def plan(**changes: object) -> dict[str, object]:
    return rally(starts_at=f"{DAY}T11:00:00+05:00", ends_at=f"{DAY}T13:00:00+05:00", **changes)


@pytest.fixture
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def case(filed: CaseMaker) -> Case:
    return filed(plan(), submitted_at=FILED)


@pytest.fixture
def officer_client(client: Client, officer: AbstractBaseUser, clock: None) -> Client:
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    return client


def _events(case: Case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("kind", flat=True))


def _error_of(html: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert found, f"no error next to {field}"
    return found.group(1)


# --- who may see what ------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get("/akimat/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_organizer_may_not_use_the_pages(client: Client, organizer: AbstractBaseUser, case: Case) -> None:
    client.force_login(organizer)
    assert client.get("/akimat/").status_code == 403
    assert client.get(f"/akimat/cases/{case.pk}/").status_code == 403


def test_another_akimats_case_is_not_found(
    client: Client, astana_officer: AbstractBaseUser, case: Case, clock: None
) -> None:
    client.force_login(astana_officer)
    assert client.get(f"/akimat/cases/{case.pk}/").status_code == 404
    assert client.post(f"/akimat/cases/{case.pk}/decision/", {"decision": "proceed"}).status_code == 404
    inbox = client.get("/akimat/").content.decode()
    assert f'data-case="{case.pk}"' not in inbox
    assert _events(case)[-1] == "evaluated"


def test_a_draft_is_not_found(officer_client: Client, organizer: AbstractBaseUser) -> None:
    from beibit.law.model import PlannedAssembly

    draft = create_case(organizer, PlannedAssembly.model_validate(plan()), now=FILED)
    assert officer_client.get(f"/akimat/cases/{draft.pk}/").status_code == 404


# --- the inbox -------------------------------------------------------------------------------------------


def test_inbox_orders_by_deadline_and_flags_due_today_and_overdue(
    client: Client, officer: AbstractBaseUser, filed: CaseMaker
) -> None:
    later = filed(plan(), submitted_at=at(2026, 12, 3))
    sooner = filed(plan(place={"specialized_place_id": "almaty-gandhi-park"}), submitted_at=FILED)
    application = filed(
        march(
            settlement="almaty",
            route={"specialized_route_id": "almaty-route-zhambyl"},
            starts_at=f"{DAY}T11:00:00+05:00",
            ends_at=f"{DAY}T12:30:00+05:00",
        ),
        submitted_at=at(2026, 11, 20),
    )
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    assert sooner.review_deadline is not None and later.review_deadline is not None
    assert application.review_deadline is not None
    assert application.review_deadline < sooner.review_deadline < later.review_deadline
    with time_machine.travel(dt.datetime.combine(sooner.review_deadline, dt.time(9), at(2026, 1, 1).tzinfo)):
        html = client.get("/akimat/").content.decode()
    order = [int(n) for n in re.findall(r'data-case="(\d+)"', html)]
    assert order == [application.pk, sooner.pk, later.pk]
    rows = {int(n): css for css, n in re.findall(r'<tr class="([^"]*)" data-case="(\d+)"', html)}
    assert rows == {application.pk: "overdue", sooner.pk: "due-today", later.pk: ""}
    assert "Overdue: the review deadline has passed" in html
    assert "Due today" in html


def test_inbox_filters_by_form_place_and_dates(officer_client: Client, filed: CaseMaker) -> None:
    rally_case = filed(plan(), submitted_at=FILED)
    other = filed(plan(place={"specialized_place_id": "almaty-gandhi-park"}), submitted_at=FILED)

    def shown(query: str) -> set[int]:
        html = officer_client.get(f"/akimat/?{query}").content.decode()
        return {int(n) for n in re.findall(r'data-case="(\d+)"', html)}

    assert shown("") == {rally_case.pk, other.pk}
    assert shown(f"place={IMANOV}") == {rally_case.pk}
    assert shown("form=march") == set()
    assert shown("date_from=2027-01-13") == set()
    assert shown(f"date_from={DAY}&date_to={DAY}") == {rally_case.pk, other.pk}
    assert shown("status=refused") == set()
    response = officer_client.get("/akimat/?date_from=2027-01-13&date_to=2027-01-01")
    assert _error_of(response.content.decode(), "date_to")


# --- the case page ---------------------------------------------------------------------------------------


def test_case_page_shows_filing_check_map_and_form(officer_client: Client, case: Case) -> None:
    response = officer_client.get(f"/akimat/cases/{case.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ask the city to keep the old trees on Abay avenue" in html  # the filing's purpose
    assert 'id="case-map-json"' in html and '"kind": "assembly"' in html
    assert "Law No. 333-VI" in html or "333-VI" in html  # citations of the findings
    for value in ("proceed", "propose", "refuse"):
        assert f'name="decision" value="{value}"' in html
    assert 'name="decision" value="approve"' not in html  # a notification is not approved
    for n in range(1, 11):
        assert f'value="14.1.{n}"' in html
    assert "14(1)(10)" in html


def test_proceed(officer_client: Client, case: Case) -> None:
    response = officer_client.post(f"/akimat/cases/{case.pk}/decision/", {"decision": "proceed"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "may_proceed"


def test_refusing_on_10_without_a_proposal_is_stopped_at_the_grounds(
    officer_client: Client, case: Case
) -> None:
    before = _events(case)
    response = officer_client.post(
        f"/akimat/cases/{case.pk}/decision/",
        {"decision": "refuse", "grounds": ["14.1.10"], "reasons": REASONS},
    )
    assert response.status_code == 422
    assert "61-NP" in _error_of(response.content.decode(), "grounds")
    assert _events(case) == before
    case.refresh_from_db()
    assert case.status == "registered"


def test_a_refusal_without_reasons_is_stopped_at_the_reasons(officer_client: Client, case: Case) -> None:
    response = officer_client.post(
        f"/akimat/cases/{case.pk}/decision/", {"decision": "refuse", "grounds": ["14.1.5"], "reasons": ""}
    )
    assert response.status_code == 422
    assert "Art 14(2)" in _error_of(response.content.decode(), "reasons")
    assert _events(case)[-1] == "evaluated"


def test_errors_are_in_the_page_language(officer_client: Client, case: Case) -> None:
    officer_client.cookies["django_language"] = "ru"
    response = officer_client.post(
        f"/akimat/cases/{case.pk}/decision/",
        {"decision": "refuse", "grounds": ["14.1.10"], "reasons": REASONS},
    )
    error = _error_of(response.content.decode(), "grounds")
    assert re.search("[а-яА-Я]", error), error


def test_refusal_with_grounds_and_reasons(officer_client: Client, case: Case) -> None:
    response = officer_client.post(
        f"/akimat/cases/{case.pk}/decision/",
        {"decision": "refuse", "grounds": ["14.1.3"], "reasons": REASONS},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "refused"


def test_propose_a_suggested_slot_then_deliver(officer_client: Client, case: Case) -> None:
    html = officer_client.get(f"/akimat/cases/{case.pk}/").content.decode()
    keys = re.findall(r'name="slot" value="([^"]+)"', html)
    assert keys
    key = keys[0].replace("&#x2B;", "+")
    parsed = parse_key(key)
    assert parsed is not None
    place_id, starts, _ends = parsed
    assert place_id and place_id != IMANOV  # the filed time at another place comes first
    response = officer_client.post(
        f"/akimat/cases/{case.pk}/decision/", {"decision": "propose", "slot": key, "note": "Same hours."}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == "proposal_pending"
    assert case.state_document["proposal"]["new_plan"]["place_id"] == place_id
    assert dt.datetime.fromisoformat(case.state_document["proposal"]["new_plan"]["starts_at"]) == starts

    # E-mail alone is not enough: the registered letter is asked next to its field.
    sent = NOW.astimezone(at(2026, 1, 1).tzinfo).strftime("%Y-%m-%dT%H:%M")
    response = officer_client.post(
        f"/akimat/cases/{case.pk}/delivery/", {"channel": "email", "sent_at": sent}
    )
    assert response.status_code == 422
    assert "registered mail" in _error_of(response.content.decode(), "registered_mail_sent_on")
    assert "delivered" not in _events(case)
    response = officer_client.post(f"/akimat/cases/{case.pk}/delivery/", {"channel": "hand", "sent_at": sent})
    assert response.status_code == 302
    page = officer_client.get(f"/akimat/cases/{case.pk}/").content.decode()
    assert 'id="proposal"' in page and "Handed over in person" in page


def test_a_proposal_needs_a_slot(officer_client: Client, case: Case) -> None:
    response = officer_client.post(f"/akimat/cases/{case.pk}/decision/", {"decision": "propose"})
    assert response.status_code == 422
    assert _error_of(response.content.decode(), "slot")


def test_approve_an_application_and_appoint_the_representative(
    client: Client, officer: AbstractBaseUser, filed: CaseMaker, clock: None
) -> None:
    application = filed(
        march(
            settlement="almaty",
            route={"specialized_route_id": "almaty-route-zhambyl"},
            starts_at=f"{DAY}T11:00:00+05:00",
            ends_at=f"{DAY}T12:30:00+05:00",
        ),
        submitted_at=FILED,
    )
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    html = client.get(f"/akimat/cases/{application.pk}/").content.decode()
    assert 'name="decision" value="approve_restricted"' in html
    assert 'name="decision" value="proceed"' not in html
    assert (
        client.post(f"/akimat/cases/{application.pk}/decision/", {"decision": "approve"}).status_code == 302
    )
    response = client.post(
        f"/akimat/cases/{application.pk}/representative/", {"full_name": "", "position": ""}
    )
    assert response.status_code == 422
    response = client.post(
        f"/akimat/cases/{application.pk}/representative/",
        {"full_name": "Serik Akhmetov", "position": "Chief specialist"},
    )
    assert response.status_code == 302
    assert "Serik Akhmetov" in client.get(f"/akimat/cases/{application.pk}/").content.decode()


# --- free slots ------------------------------------------------------------------------------------------


def test_free_slots_leave_out_taken_times(case: Case, officer: AbstractBaseUser, clock: None) -> None:
    taken_from, taken_to = at(2027, 1, 12, 9), at(2027, 1, 12, 20)
    enter_akimat_booking(
        officer,
        AkimatBookingInput("cultural_event", "almaty-gandhi-park", taken_from, taken_to, "Winter fair"),
        now=NOW,
    )
    slots = free_slots(case, registry_from_db())
    assert slots
    assert all(s.place_id != "almaty-gandhi-park" for s in slots)
    assert all(s.ends_at - s.starts_at == dt.timedelta(hours=2) for s in slots)
    filed_time = [s for s in slots if s.same_time]
    assert filed_time and all(s.place_id != IMANOV for s in filed_time)
    own = [s for s in slots if s.place_id == IMANOV]
    assert own and all(not s.same_time for s in own)  # the filed place only at another time
    assert slots.index(filed_time[0]) < slots.index(own[0])


def test_free_slots_skip_a_place_too_small(filed: CaseMaker, clock: None) -> None:
    big = filed(plan(expected_participants=800), submitted_at=FILED)
    assert all(s.place_id != IMANOV for s in free_slots(big, registry_from_db()))  # norm 500


def test_parse_key_rejects_garbage() -> None:
    assert parse_key("x") is None
    assert parse_key("a|2027-01-12T11:00|2027-01-12T13:00") is None  # naive times
    assert parse_key("a|2027-01-12T13:00+05:00|2027-01-12T11:00+05:00") is None

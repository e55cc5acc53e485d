"""Issue 15 part B in a browser: the pages finished. The wizard's panel judges what is on the screen; the
case page after filing has no wizard hints; the proposal is shown in full and each answer is confirmed; the
officer's form shows only the chosen answer's fields, puts the established grounds first, sums up its errors
at the top with the focus on them and confirms before recording; every map labels its features offline, fits
them all and has a list in words; the API's docs render; the header, the switcher, the favicon and the sign-in
label; no table is cut off at 390 px; axe-core finds no serious or critical violation on any page.

Screenshots (desktop and 390 px) of the wizard, the officer's case page, the proposal answer and the places
map land in tests/e2e/screenshots/."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone, translation
from pypdf import PdfReader

from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case, CaseEvent
from beibit.cases.moments import local_day
from beibit.law.calendar import default_calendar
from beibit.law.model import PlannedAssembly
from tests.cases.fixtures import ALMATY, rally
from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

AIGERIM = "aigerim@example.kz"
OFFICER = "officer@almaty.example.kz"
GANDHI = "almaty-gandhi-park"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A 390 px wide phone (iPhone 12-15), Kazakh first; server errors and script errors fail the test."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="kk-KZ")
    page = context.new_page()
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert failed == [], f"server errors: {failed}"
    assert errors == []


def _filed(organizer: AbstractBaseUser) -> Case:
    """A complete rally at Imanov square about five weeks ahead, filed now (the real clock): under review."""
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 25)
    starts = dt.datetime.combine(day, dt.time(11), ALMATY)
    data = rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat())
    case = create_case(organizer, PlannedAssembly.model_validate(data), now=now)
    return submit(case.pk, organizer, now=now)


NOTE = "Имангелді Иманов алаңында сол күні қалалық мереке; Ганди саябағы бос."


def _proposed(organizer: AbstractBaseUser, officer: AbstractBaseUser) -> Case:
    case = _filed(organizer)
    now = timezone.now()
    record_decision(
        case.pk,
        officer,
        DecisionInput("propose", proposal=ProposalInput(place_id=GANDHI, note=NOTE)),
        now=now,
    )
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=now), now=now)
    return Case.objects.get(pk=case.pk)


def _next(page: Any) -> None:
    with page.expect_navigation():
        page.click("button[name=next]")


def _kk(text: str) -> str:
    with translation.override("kk"):
        return translation.gettext(text)


def _no_horizontal_scroll(page: Any, where: str) -> None:
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], (where, sizes)


def _labels_fit(page: Any, selector: str) -> tuple[int, int]:
    """(features drawn, features labelled and inside the map's view) of the map at `selector`."""
    return tuple(
        page.evaluate(
            """(sel) => {
              const el = document.querySelector(sel);
              const map = el.beibitMap;
              let drawn = 0, shown = 0;
              map.eachLayer((layer) => {
                if (!layer.feature || !layer.getTooltip) return;
                drawn += 1;
                const tip = layer.getTooltip();
                const inside = layer.getBounds ? map.getBounds().intersects(layer.getBounds())
                                               : map.getBounds().contains(layer.getLatLng());
                if (tip && tip.options.permanent && map.hasLayer(tip) && inside) shown += 1;
              });
              return [drawn, shown];
            }""",
            selector,
        )
    )


# --- the organizer -------------------------------------------------------------------------------------


def test_the_wizard_panel_judges_the_screen_not_the_saved_draft(
    served: str, page: Any, browser: Any, organizer: AbstractBaseUser
) -> None:
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/wizard/")
    page.check("#id_form_rally")
    page.select_option("#id_settlement", "almaty")
    _next(page)
    # Step 2 opens with a day and hours filled in but not saved: the panel judges those, not the empty draft.
    assert page.input_value("#id_day") and page.input_value("#id_starts")
    panel = page.locator("#evaluation")
    missing_time = "the start and the end"
    assert missing_time not in panel.inner_text()
    assert panel.locator(".finding.refusal_ground, .finding.error").count() == 0, panel.inner_text()
    # Changing the answer re-checks it without saving (htmx): a day already past is judged at once.
    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    with page.expect_response(lambda r: "/check/" in r.url):
        page.fill("#id_day", past)
        page.locator("#id_day").dispatch_event("change")
    page.wait_for_timeout(300)
    assert panel.locator(".badge.bad").count() >= 1
    case = Case.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    assert not case.draft.get("starts_at")  # nothing was saved by the check
    # No word in the side panel is cut across two lines (hyphenated by language, or not broken at all).
    broken = page.evaluate(
        """() => {
          const out = [];
          const walker = document.createTreeWalker(document.querySelector('.live'), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const re = /[^\\s]+/g; let m;
            while ((m = re.exec(node.textContent))) {
              const range = document.createRange();
              range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
              const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (tops.size > 1) out.push(m[0]);
            }
          }
          return out;
        }"""
    )
    style = page.evaluate("() => getComputedStyle(document.querySelector('.live')).hyphens")
    assert style == "auto" and page.get_attribute("html", "lang") == "kk"
    assert all("-" in word or "\u00ad" in word for word in broken) or broken == [], broken
    screenshot(page, "pages-wizard-when")


def test_the_wizard_at_desktop_and_phone_width(
    served: str, page: Any, phone: Any, organizer: AbstractBaseUser
) -> None:
    for current, suffix in ((page, "desktop"), (phone, "390")):
        sign_in(current, served, AIGERIM)
        current.goto(f"{served}/organizer/wizard/")
        current.check("#id_form_rally")
        current.select_option("#id_settlement", "almaty")
        _next(current)
        _next(current)
        current.wait_for_selector(".leaflet-tooltip.map-label")
        current.select_option("#id_place_id", "almaty-imanov-square")
        _no_horizontal_scroll(current, f"wizard place {suffix}")
        drawn, shown = _labels_fit(current, ".map[data-map]")
        assert drawn >= 2 and shown == drawn
        assert current.locator(".map-text li").count() == drawn
        screenshot(current, f"pages-wizard-place-{suffix}")


def test_after_filing_the_case_page_has_no_wizard_hints_and_withdrawal_is_its_own_word(
    served: str, page: Any, organizer: AbstractBaseUser
) -> None:
    case = _filed(organizer)
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/cases/{case.pk}/")
    text = page.locator("main").inner_text()
    for hint in ("The full check, with notes, is on the last step.", "Change it: {step}"):
        assert _kk(hint).split("{")[0].strip() not in text
    assert page.locator("#check-heading ~ ul .todo").count() == 0
    heading = page.locator("#withdraw-heading").inner_text()
    assert heading == _kk("Withdraw your filing")
    assert "Бас тарту" not in heading
    assert "бас тарт" not in page.locator("#withdraw-form").inner_text().lower()
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.click("#withdraw-form button[type=submit]")
    page.wait_for_timeout(300)
    assert asked and "кері қайтарып" in asked[0].lower()
    assert Case.objects.get(pk=case.pk).status == "registered"


def test_the_proposal_is_shown_in_full_and_each_answer_is_confirmed(
    served: str, page: Any, phone: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _proposed(organizer, officer)
    assert case.status == "proposal_pending"
    for current, suffix in ((phone, "390"), (page, "desktop")):
        sign_in(current, served, AIGERIM)
        current.goto(f"{served}/organizer/cases/{case.pk}/")
        current.wait_for_selector("#proposal-map .leaflet-tooltip.map-label")
        assert NOTE in current.locator("#proposal-note").inner_text()
        assert current.locator("#proposal-time").inner_text().count(":") >= 2
        deadline = current.locator("#proposal-deadline .countdown").inner_text()
        assert "сағ" in deadline and "мин" in deadline, deadline
        drawn, shown = _labels_fit(current, "#proposal-map")
        assert (drawn, shown) == (2, 2)
        assert current.locator("#proposal ~ .map-text li").count() == 2
        _no_horizontal_scroll(current, f"proposal {suffix}")
        screenshot(current, f"pages-proposal-answer-{suffix}")
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.click("#answer-form button[value=yes]")
    page.wait_for_timeout(300)
    assert asked and page.locator("#proposal-place span[translate=no]").inner_text() in asked[0]
    assert Case.objects.get(pk=case.pk).status == "proposal_pending"  # dismissed: nothing sent
    page.remove_listener("dialog", dismiss)
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#answer-form button[value=yes]")
    assert Case.objects.get(pk=case.pk).status == "proposal_agreed"


# --- the officer ---------------------------------------------------------------------------------------


def test_the_decision_form_shows_the_chosen_answer_and_sums_up_its_errors(
    served: str, page: Any, phone: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _filed(organizer)
    sign_in(page, served, OFFICER)
    page.goto(f"{served}/akimat/cases/{case.pk}/")
    page.wait_for_selector("#decision-form")
    assert not page.locator("#id_grounds").is_visible() and not page.locator("#id_note").is_visible()
    page.check("#id_decision input[value=propose]")
    assert page.locator("#id_note").is_visible() and not page.locator("#id_reasons").is_visible()
    page.check("#id_decision input[value=refuse]")
    assert page.locator("#id_reasons").is_visible() and not page.locator("#id_note").is_visible()
    # A refusal on 14(1)(10) before any proposal: refused by the service, summed up at the top, focused.
    page.check("#id_grounds input[value='14.1.10']")
    page.fill("#id_reasons", "Алаң сол күні бос емес.")
    page.check("#id_send_by input[value='']")
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    events = CaseEvent.objects.filter(case=case).count()
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    assert asked and "Aigerim Tulegenova" in asked[0]
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "form-errors"
    link = summary.locator("a[href='#id_grounds']")
    assert link.count() == 1
    link.click()
    assert page.evaluate("() => document.activeElement.name") == "grounds"
    assert CaseEvent.objects.filter(case=case).count() == events
    # Still the refusal's fields after the error: the chosen answer stays chosen.
    assert page.locator("#id_reasons").is_visible()
    page.locator("#form-errors").scroll_into_view_if_needed()
    screenshot(page, "pages-akimat-error-summary")
    # The map labels everything, fitted; the legend has swatches; the list says the distances.
    drawn, shown = _labels_fit(page, ".map[data-map]")
    assert drawn >= 2 and shown == drawn
    assert page.locator("#map-heading ~ .legend .swatch").count() >= 3
    assert page.locator("#map-heading ~ .map-text li").count() == drawn
    assert "#" not in page.locator("#conflicts").inner_text()
    page.goto(f"{served}/akimat/cases/{case.pk}/")
    screenshot(page, "pages-akimat-case-desktop")
    sign_in(phone, served, OFFICER)
    phone.goto(f"{served}/akimat/cases/{case.pk}/")
    phone.wait_for_selector(".leaflet-tooltip.map-label")
    _no_horizontal_scroll(phone, "akimat case 390")
    screenshot(phone, "pages-akimat-case-390")


def test_the_established_ground_comes_first_with_its_facts(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 1)  # far too late for a rally
    starts = dt.datetime.combine(day, dt.time(11), ALMATY)
    data = rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat())
    case = submit(
        create_case(organizer, PlannedAssembly.model_validate(data), now=now).pk, organizer, now=now
    )
    assert "14.1.4" in (case.evaluation or {}).get("refusal_grounds", [])
    sign_in(page, served, OFFICER)
    page.goto(f"{served}/akimat/cases/{case.pk}/")
    page.check("#id_decision input[value=refuse]")
    first = page.locator("#id_grounds input").first
    assert first.get_attribute("value") == "14.1.4"
    label = page.locator("#id_grounds label").first.inner_text()
    assert "—" in label and len(label.split("—", 1)[1].strip()) > 10
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#decision-form button[type=submit]")
    page.wait_for_timeout(300)
    assert asked and "Aigerim Tulegenova" in asked[0]
    assert Case.objects.get(pk=case.pk).status == case.status  # dismissed: nothing recorded


# --- maps, the API docs, the shell ---------------------------------------------------------------------


def test_the_places_map_labels_every_place_offline_and_lists_the_distances(
    served: str, page: Any, phone: Any, registry_in_db: None
) -> None:
    for current, suffix in ((page, "desktop"), (phone, "390")):
        current.goto(f"{served}/places/?settlement=almaty")
        current.wait_for_selector(".leaflet-tooltip.map-label")
        assert current.locator(".leaflet-tile").count() == 0  # no tiles: offline
        drawn, shown = _labels_fit(current, "#places-map")
        assert drawn >= 3 and shown == drawn
        items = current.locator(".map-text li")
        assert items.count() == drawn
        assert "м" in (items.nth(1).text_content() or "")  # metres or kilometres, in Kazakh
        _no_horizontal_scroll(current, f"places {suffix}")
        screenshot(current, f"pages-places-map-{suffix}")
    # Counting from another place: the list starts with it, 0 m away.
    with page.expect_navigation():
        page.locator(".map-text summary").click()
        page.locator(".map-text li a").nth(2).click()
    assert page.locator(".map-text li .distance").first.inner_text().startswith("0")


def test_the_api_docs_show_the_operations(served: str, page: Any) -> None:
    page.goto(f"{served}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 10
    screenshot(page, "pages-api-docs")


def test_the_shell_favicon_switcher_header_and_sign_in_label(
    served: str, page: Any, phone: Any, organizer: AbstractBaseUser
) -> None:
    page.goto(f"{served}/accounts/login/")
    assert page.locator("label[for=id_username]").inner_text().strip().rstrip(":") == _kk("E-mail")
    assert page.get_attribute("#id_username", "type") == "email"
    icon = page.get_attribute("link[rel=icon]", "href")
    assert icon and page.request.get(served + icon).status == 200
    assert (
        page.locator(".language-switcher button").count() == 0
        or not page.locator(".language-switcher button").is_visible()
    )
    assert "<button" in page.locator(".language-switcher noscript").inner_html()
    with page.expect_navigation():
        page.select_option("#language-select", "ru")
    assert page.get_attribute("html", "lang") == "ru"
    with page.expect_navigation():
        page.select_option("#language-select", "kk")
    for current, suffix in ((page, "desktop"), (phone, "390")):
        sign_in(current, served, AIGERIM)
        current.goto(f"{served}/organizer/")
        header = current.locator(".site-header")
        box = header.bounding_box()
        assert box is not None
        for part in (".brand", ".nav", ".account", ".language-switcher"):
            inner = current.locator(f".site-header {part}").bounding_box()
            assert inner is not None and inner["x"] >= 0 and inner["x"] + inner["width"] <= box["width"] + 1
        _no_horizontal_scroll(current, f"header {suffix}")
        screenshot(current, f"pages-header-{suffix}")


def test_the_tables_become_cards_on_a_phone(
    served: str, phone: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _filed(organizer)
    pages = [("/register/", "public-register"), ("/places/?settlement=almaty", "public-places")]
    for path, name in pages:
        phone.goto(served + path)
        _cards_fit(phone, path)
        screenshot(phone, f"pages-{name}-390")
    sign_in(phone, served, OFFICER)
    phone.goto(f"{served}/akimat/")
    assert phone.locator(f"tr[data-case='{case.pk}']").count() == 1
    _cards_fit(phone, "/akimat/")
    screenshot(phone, "pages-akimat-inbox-390")


def _cards_fit(page: Any, where: str) -> None:
    """The page has no horizontal scroll, no table scrolls sideways, and each row is a card whose cells name
    their column."""
    _no_horizontal_scroll(page, where)
    table = page.locator("table.cards")
    assert table.count() == 1, where
    display = "() => getComputedStyle(document.querySelector('table.cards tr')).display"
    assert page.evaluate(display) == "block"
    wraps = page.evaluate(
        "() => [...document.querySelectorAll('.table-wrap, table.cards')]"
        ".map(e => e.scrollWidth - e.clientWidth)"
    )
    assert all(extra <= 0 for extra in wraps), (where, wraps)
    label = page.evaluate(
        "() => getComputedStyle(document.querySelector('table.cards tbody td'), '::before').content"
    )
    assert label not in ("none", "normal", '""'), (where, label)


# --- accessibility: axe-core on every page -------------------------------------------------------------

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}"""


def axe_violations(page: Any, url: str) -> list[str]:
    """The serious and critical violations axe-core (vendored from npm) finds on the page at `url`."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    return list(page.evaluate(_AXE_RUN))


def test_no_page_has_a_serious_or_critical_accessibility_violation(
    served: str,
    browser: Any,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    editor: AbstractBaseUser,
) -> None:
    from beibit.cases.accounts import create_staff
    from tests.cases.fixtures import PASSWORD

    create_staff(email="monitor@example.kz", password=PASSWORD, role="monitor", settlement="")
    filed = _filed(organizer)
    proposed = _proposed(organizer, officer)
    # axe injects a script of its own: the pages' CSP (script-src 'self') is bypassed for the test only.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="kk-KZ", bypass_csp=True)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    public = [
        "/",
        "/calculator/",
        "/register/",
        f"/register/{filed.pk}/",
        "/places/?settlement=almaty",
        "/places/almaty-imanov-square/calendar/",
        "/data/",
        "/data/dictionary/",
        "/data/statistics/",
        "/data/law-report/almaty/",
        "/accounts/login/",
        "/organizer/signup/",
        "/api/v1/docs",
    ]
    roles = {
        AIGERIM: [
            "/organizer/",
            "/organizer/wizard/",
            f"/organizer/cases/{filed.pk}/",
            f"/organizer/cases/{proposed.pk}/",
            f"/organizer/cases/{filed.pk}/receipt/",
            f"/organizer/cases/{filed.pk}/appeal/",
            f"/data/consent/{filed.pk}/",
            "/messages/",
        ],
        OFFICER: ["/akimat/", f"/akimat/cases/{filed.pk}/", f"/akimat/cases/{proposed.pk}/"],
        "editor@almaty.example.kz": ["/registry/", "/registry/upload/", "/registry/history/"],
        "monitor@example.kz": ["/monitoring/", "/monitoring/new/"],
    }
    found: dict[str, list[str]] = {}
    for path in public:
        found[path] = axe_violations(page, served + path)
    for who, paths in roles.items():
        sign_in(page, served, who)
        for path in paths:
            found[path] = axe_violations(page, served + path)
        page.context.clear_cookies()
    # The wizard's steps, on a draft.
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/wizard/")
    page.check("#id_form_rally")
    _next(page)
    draft = page.url.rstrip("/").split("/")[-2]
    for step in ("when", "place", "people", "organizer", "content", "review"):
        path = f"/organizer/wizard/{draft}/{step}/"
        found[path] = axe_violations(page, served + path)
    context.close()
    assert failed == [], failed
    assert {path: v for path, v in found.items() if v} == {}


def test_the_same_registration_number_on_the_receipt_the_pdf_the_register_and_the_api(
    served: str, page: Any, organizer: AbstractBaseUser
) -> None:
    case = _filed(organizer)
    number = case.registration_number
    assert number is not None and number.startswith(f"АЛМАТЫ-{case.registration_day.year}-")
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/cases/{case.pk}/receipt/")
    assert page.locator("#registration-number").inner_text() == number
    page.goto(f"{served}/organizer/cases/{case.pk}/")
    assert page.locator("#registration-number").inner_text() == number
    page.goto(f"{served}/register/{case.pk}/")
    assert page.locator("#registration-number").inner_text() == number
    page.goto(f"{served}/register/")
    assert number in page.locator("table.register").inner_text()
    rows = page.request.get(f"{served}/api/v1/register?settlement=almaty").json()
    items = rows["items"] if isinstance(rows, dict) and "items" in rows else rows
    assert [r["registration_number"] for r in items if r["case_id"] == case.pk] == [number]
    pdf = page.request.get(f"{served}/organizer/cases/{case.pk}/documents/filing.pdf")
    assert pdf.status == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert number in text
    screenshot(page, "pages-register-number")

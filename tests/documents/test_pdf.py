"""Each document renders, in each language, to a real PDF whose text (read back with pypdf) carries the
case's data, the citations and the deadlines, in the reader's language and letters."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pytest
import time_machine
from pypdf import PdfReader

from beibit.documents import AppealDraft, DecisionLetter, render_appeal, render_decision, render_filing
from beibit.documents.filing import filing_items
from beibit.documents.i18n import LANGUAGES, Lang, date_text, template, text
from beibit.law.citations import citation_label
from beibit.law.messages import render
from beibit.law.model import Citation, PlannedAssembly
from tests.documents.samples import AKIMAT, FILED_LATE, IIN, ORGANIZER, assembly, at, draft, letter, proposal

D = dt.date
PAGE_NUMBER = re.compile(r"\d+\D+\d+$")  # "Page 1 of 2", "Страница 1 из 2", "1-бет, барлығы 2"
KAZAKH_LETTERS = "әғқңөұүһі"


def pdf_text(pdf: bytes) -> str:
    """The text of every page, whitespace collapsed (lines break anywhere in a paragraph)."""
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) >= 1
    pages = [page.extract_text().splitlines() for page in reader.pages]
    # Each page ends with its footer (document, case, page number); dropped so text runs on across pages.
    assert all(lines and PAGE_NUMBER.search(lines[-1]) for lines in pages)
    return flat(" ".join(" ".join(lines[:-1]) for lines in pages))


def flat(words: str) -> str:
    return " ".join(words.split())


def filing(lang: Lang, form: str = "rally", **changes: object) -> str:
    return pdf_text(
        render_filing(
            assembly(form, **changes),
            lang=lang,
            akimat=AKIMAT,
            registration_day=D(2026, 12, 11),
            review_deadline=D(2026, 12, 17),
        )
    )


Renderer = Callable[[Lang], bytes]
DOCUMENTS: dict[str, Renderer] = {
    "notification": lambda lang: render_filing(assembly("rally"), lang=lang, akimat=AKIMAT),
    "application": lambda lang: render_filing(assembly("demonstration"), lang=lang, akimat=AKIMAT),
    "decision": lambda lang: render_decision(letter(), lang=lang),
    "proposal": lambda lang: render_decision(proposal(), lang=lang),
    "appeal": lambda lang: render_appeal(draft(), lang=lang),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_document_renders_in_every_language(document: str, lang: Lang) -> None:
    words = pdf_text(DOCUMENTS[document](lang))
    assert ORGANIZER in words  # Kazakh names survive in every language's document
    if lang == "kk":
        assert set(KAZAKH_LETTERS) <= set(words.lower())
    if lang in ("kk", "ru"):
        assert sum("а" <= ch.lower() <= "я" for ch in words) > 300  # the document itself is in Cyrillic


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_same_inputs_give_the_same_bytes_whatever_the_clock_says(document: str) -> None:
    # No clock: the PDF's creation date is the document's own date, so the bytes depend on the inputs only.
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        first = DOCUMENTS[document]("kk")
    with time_machine.travel(dt.datetime(2031, 7, 9, 23, 59, tzinfo=dt.UTC), tick=False):
        second = DOCUMENTS[document]("kk")
    assert first == second


# --- the filing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notification_lists_the_13_items_of_article_10_3(lang: Lang) -> None:
    words = filing(lang)
    assert flat(text("filing.title.rally", lang)) in words
    assert IIN in words
    assert flat(date_text(D(2026, 12, 11), lang)) in words  # registration day
    assert flat(date_text(D(2026, 12, 17), lang)) in words  # review deadline
    assert flat(date_text(D(2026, 12, 21), lang)) in words  # the assembly's day
    for number in range(1, 14):
        assert flat(law_ref(lang, 10, 3, number)) in words
    assert flat(law_ref(lang, 12, 2, 1)) not in words
    for code in ("item.purpose", "item.structures", "item.equipment", "item.consent", "item.funding"):
        assert flat(text(code, lang)) in words
    assert "11:00" in words and "13:00" in words
    assert flat(text("doc.not_stated", lang)) not in words  # nothing is missing


def test_the_kazakh_notification_reads_in_kazakh() -> None:
    words = filing("kk")
    assert "Митинг өткізу туралы хабарлама" in words
    assert "11 желтоқсан 2026" in words
    assert "ЖСН" in words and IIN in words
    assert "№ 333-VI Заң, 10-бап 3-тармақ 13) тармақша" in words


def test_the_russian_notification_reads_in_russian() -> None:
    words = filing("ru")
    assert "Уведомление о проведении митинга" in words
    assert "11 декабря 2026" in words
    assert "ИИН" in words
    assert "Закон № 333-VI, ст. 10 п. 3 пп. 1" in words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_application_lists_the_13_items_of_article_12_2(lang: Lang) -> None:
    words = filing(lang, "demonstration")
    assert flat(text("filing.title.demonstration", lang)) in words
    for number in range(1, 14):
        assert flat(law_ref(lang, 12, 2, number)) in words
    assert flat(text("item.vehicles", lang)) in words
    assert "almaty-route-01" not in words  # a place is named by its name, never by its registry id
    assert flat(text("value.place_not_in_registry", lang)) in words  # no name was given for this id
    assert "2,35" in words or "2.35" in words  # the route length in km


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_filing_says_how_it_was_filed_and_only_what_happened(lang: Lang) -> None:
    # Issue 13: Beibit cannot sign yet, so an e-document filed through it says it was not signed with an EDS.
    online = filing(lang, channel="e_document")
    assert flat(text("value.channel_e_document", lang)) in online
    assert flat(text("label.filed_in_name_of", lang)) in online
    assert flat(text("doc.signature", lang)) not in online  # no signature line to fill in
    paper = filing(lang, channel="paper")
    assert flat(text("value.channel_paper", lang)) in paper
    assert flat(text("label.signed_by", lang)) in paper and flat(text("doc.signature", lang)) in paper
    for words in (online, paper):
        assert "signed with a digital signature (EDS)" not in words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_filing_carries_the_registration_number_and_names_the_place(lang: Lang) -> None:
    words = pdf_text(
        render_filing(
            assembly("rally", place={"specialized_place_id": "almaty-imanov-square"}),
            lang=lang,
            akimat=AKIMAT,
            registration_day=D(2026, 12, 11),
            review_deadline=D(2026, 12, 17),
            registration_number="4711",
            place_name="Amangeldy Imanov square",
        )
    )
    assert f"{flat(text('filing.registration_number', lang))} 4711" in words
    assert "Amangeldy Imanov square" in words and "almaty-imanov-square" not in words
    unregistered = filing(lang)
    assert (
        f"{flat(text('filing.registration_number', lang))} {flat(text('filing.not_registered', lang))}"
        in unregistered
    )


def test_a_picket_needs_no_regulations() -> None:
    words = filing("en", "picket")
    assert "Notification of picketing" in words
    assert "Not required for picketing." in words
    assert "latitude 43.23830, longitude 76.94560" in words
    assert "not stated" not in words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_items_are_marked_and_the_refusal_ground_is_named(lang: Lang) -> None:
    words = filing(lang, purpose=None, funding_sources=None, signed_by=None, personal_data_consent=None)
    marker = flat(text("doc.not_stated", lang))
    assert words.count(marker) >= 4  # purpose, consent, funding, and the note that explains the marker
    assert flat(law_ref(lang, 14, 1, 5)) in words


def test_an_unfiled_plan_says_so() -> None:
    plan: PlannedAssembly = assembly("rally", submitted_at=None, channel=None)
    words = pdf_text(render_filing(plan, lang="en", akimat=AKIMAT))
    assert "not yet registered" in words
    assert "not yet filed" in words


def test_the_filing_rejects_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="kk, ru, en"):
        render_filing(assembly(), lang="de", akimat=AKIMAT)


def law_ref(lang: Lang, article: int, paragraph: int, subparagraph: int) -> str:
    """A provision of Law 333-VI as the reader's language cites it."""
    cited = Citation(act="333-VI", article=article, paragraph=paragraph, subparagraph=subparagraph)
    return citation_label(cited, lang)


# --- the decision letter ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refusal_names_each_ground_with_its_citation_the_reasons_and_the_appeal_deadline(
    lang: Lang,
) -> None:
    words = pdf_text(render_decision(letter(), lang=lang))
    assert flat(text("decision.title.notification", lang)) in words
    assert "ALM-2026-00117" in words
    assert flat(law_ref(lang, 14, 1, 4)) in words and flat(law_ref(lang, 14, 1, 3)) in words
    assert flat(template("ground.14.1.4", lang)) in words
    assert flat(template("ground.14.1.3", lang)) in words
    # the finding's text is the engine's, in the reader's language
    assert flat(render(FILED_LATE.code, FILED_LATE.facts, lang)) in words
    assert flat(letter().reasons) in words
    # decided and received on 2026-09-30: three months to Wednesday 2026-12-30
    assert flat(date_text(D(2026, 12, 30), lang)) in words
    assert "92" in words  # APPK article, as the regime cites it
    # the rally was planned for 2026-10-02, long before the appeal period ends
    assert flat(template("appeal.after_assembly", lang).split("{")[0]) in words
    assert flat(template("appeal.after_assembly_advice", lang)) in words


def test_the_kazakh_refusal() -> None:
    words = pdf_text(render_decision(letter(), lang="kk"))
    assert "Әкімдіктің хабарламаға жауабы" in words
    assert "№ 333-VI Заң, 14-бап 1-тармақ 4) тармақша" in words
    assert "Шағым берудің соңғы күні 30 желтоқсан 2026" in words
    assert "ҚР ӘРПК, 92-бап" in words


def test_the_russian_refusal() -> None:
    words = pdf_text(render_decision(letter(), lang="ru"))
    assert "Последний день подачи жалобы 30 декабря 2026" in words
    assert "Закон № 333-VI, ст. 14 п. 1 пп. 4" in words
    assert "АППК РК, ст. 92" in words


def test_a_deadline_on_a_day_off_is_moved_and_the_letter_says_why() -> None:
    words = pdf_text(
        render_decision(letter(decided_on=D(2026, 9, 30), delivered_on=D(2026, 11, 30)), lang="en")
    )
    assert "Last day to lodge the complaint 1 March 2027" in words
    assert "28 February 2027 is not a working day, so the last day moves to 1 March 2027." in words
    assert "not confirmed yet" in words  # 2027 is beyond the confirmed calendar


def test_without_a_day_of_receipt_the_period_runs_from_the_decision() -> None:
    words = pdf_text(render_decision(letter(delivered_on=None), lang="en"))
    assert "the day of the decision, as the day of receipt is not known" in words
    assert "30 December 2026" in words


def test_a_proposal_gives_the_new_place_and_time_and_the_day_to_answer_by() -> None:
    words = pdf_text(render_decision(proposal(), lang="en"))
    assert "The akimat proposes to change the place, the route and/or the time of the assembly." in words
    assert "almaty-route-02" in words
    assert "22 December 2026, 11:00 to 13:00" in words
    # received Tuesday 2026-12-15; Wednesday 16 is Independence Day: answer by Thursday 17
    assert "Last day to answer 17 December 2026" in words
    assert "13(3)" in words and "13(1)(4)" in words
    assert "Grounds for refusal" not in words


@pytest.mark.parametrize(
    ("outcome", "form", "expected", "cited"),
    [
        ("proceed", "rally", "outcome.proceed", (11, 1, 1)),
        ("approve", "march", "outcome.approve", (13, 1, 1)),
        ("approve_restricted", "demonstration", "outcome.approve_restricted", (13, 1, 2)),
    ],
)
def test_go_ahead_answers(outcome: str, form: str, expected: str, cited: tuple[int, int, int]) -> None:
    decision = letter(outcome=outcome, form=form, grounds=(), findings=(), reasons="")
    for lang in LANGUAGES:
        words = pdf_text(render_decision(decision, lang=lang))
        assert flat(template(expected, lang)) in words
        assert flat(law_ref(lang, *cited)) in words
        after = flat(template("appeal.after_assembly", lang).split("{")[0])
        assert (after in words) == (outcome != "approve")
        assert flat(template("appeal.after_assembly_advice", lang)) not in words  # the assembly goes ahead


def test_no_note_when_the_appeal_period_ends_before_the_planned_day() -> None:
    far = letter(starts_at=at(D(2027, 3, 5), 11), ends_at=at(D(2027, 3, 5), 13))  # after 30 December 2026
    words = pdf_text(render_decision(far, lang="en"))
    assert "30 December 2026" in words
    assert "ends after the planned day" not in words


# --- the appeal draft -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_appeal_draft_is_prefilled_and_marks_what_the_organizer_completes(lang: Lang) -> None:
    words = pdf_text(render_appeal(draft(), lang=lang))
    assert flat(text("appeal_draft.title", lang)) in words
    assert flat(text("appeal_draft.banner", lang)) in words
    assert IIN in words and AKIMAT in words and "ALM-2026-00117" in words
    assert flat(law_ref(lang, 14, 1, 4)) in words and flat(law_ref(lang, 14, 1, 3)) in words
    assert words.count(flat(text("appeal_draft.fill_in", lang))) == 5  # 2 grounds, reasoning, other, request
    assert flat(text("doc.to_complete", lang)) in words  # the address and e-mail were not given
    assert flat(date_text(D(2026, 12, 30), lang)) in words
    assert flat(letter().reasons) in words


def test_the_appeal_draft_counts_from_the_day_the_organizer_learnt() -> None:
    words = pdf_text(render_appeal(draft(learnt_on=D(2026, 10, 5)), lang="en"))
    assert "Last day to lodge the complaint 5 January 2027" in words
    assert "the day the organizer learnt of the decision" in words


def test_the_appeal_draft_may_dispute_some_grounds_only() -> None:
    words = pdf_text(render_appeal(draft(disputed_grounds=("14.1.3",)), lang="en"))
    assert "Why the ground Law No. 333-VI, Art 14(1)(3) does not apply" in words
    assert "Why the ground Law No. 333-VI, Art 14(1)(4) does not apply" not in words


def test_a_place_taken_refusal_asks_whether_another_place_was_offered_first() -> None:
    decision = letter(grounds=("14.1.10",), findings=())
    words = pdf_text(render_appeal(AppealDraft(decision=decision), lang="en"))
    assert "Was another place or time offered before the refusal" in words
    assert "61-NP" in words


def test_an_appeal_against_a_proposal_has_no_grounds_to_dispute() -> None:
    words = pdf_text(render_appeal(AppealDraft(decision=proposal()), lang="en"))
    assert "The decision names no refusal ground" in words
    assert "What in the decision you dispute, and why." in words


# --- what a letter may say --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"grounds": ()}, "at least one ground"),
        ({"reasons": " "}, "reasoned"),
        ({"grounds": ("14.1.11",)}, "not grounds"),
        ({"grounds": ("14.1.4", "14.1.4")}, "twice"),
        ({"outcome": "approve"}, "not an answer open"),
        ({"outcome": "proceed", "form": "march", "grounds": ()}, "not an answer open"),
        ({"outcome": "proceed"}, "only a refusal"),
        ({"delivered_on": D(2026, 9, 29)}, "delivered on or after"),
        ({"ends_at": at(D(2026, 10, 2), 10)}, "after starts_at"),
        ({"starts_at": dt.datetime(2026, 10, 2, 11, 0)}, "aware"),  # naive on purpose
    ],
)
def test_a_letter_the_law_does_not_allow_is_rejected(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        letter(**changes)


def test_a_proposal_names_what_changes() -> None:
    with pytest.raises(ValueError, match="another place or another time"):
        proposal(proposed_place="", proposed_starts_at=None, proposed_ends_at=None)


def test_an_appeal_disputes_only_grounds_of_the_decision() -> None:
    with pytest.raises(ValueError, match="not in the decision"):
        draft(disputed_grounds=("14.1.9",))


def test_the_letter_model_is_frozen() -> None:
    decision: DecisionLetter = letter()
    with pytest.raises(AttributeError):
        decision.outcome = "approve"  # type: ignore[misc]


def test_a_filing_before_law_333_vi_is_rejected() -> None:
    old = assembly("rally", submitted_at="2019-05-06T10:00:00+06:00", starts_at=None, ends_at=None)
    with pytest.raises(ValueError, match="not made under Law 333-VI"):
        render_filing(old, lang="ru", akimat=AKIMAT)


def test_the_filing_items_for_pages_are_those_of_the_pdf() -> None:
    """`filing_items` (the akimat's case page) gives the 13 items under the headings the PDF prints, by the
    track of the registration day, and refuses a filing the Law did not govern."""
    notification = filing_items(assembly("rally"), lang="en", registration_day=D(2026, 12, 11))
    application = filing_items(assembly("march"), lang="en", registration_day=D(2026, 12, 11))
    assert len(notification) == len(application) == 13
    words = filing("en")
    assert all(flat(item.heading) in words for item in notification)
    assert [i.heading for i in notification] != [i.heading for i in application]
    with pytest.raises(ValueError, match="333-VI"):
        filing_items(assembly("rally"), lang="en", registration_day=D(2019, 6, 1))

"""A draft complaint against the akimat's decision to the higher body, lodged through the akimat (333-VI
Art 19; APPK, period per deadlines.md), pre-filled from the case.

The draft fills in what the case knows (who complains, which decision, what was asked, the grounds disputed
with the akimat's reasons, the last day) and leaves boxes marked for the organizer for what only the organizer
can say: the arguments and the request. Nothing in it argues on the organizer's behalf.
"""

from __future__ import annotations

from collections.abc import Sequence

from beibit.documents._common import on_day
from beibit.documents.deadlines import AppealDeadline, appeal_deadline
from beibit.documents.decision import (
    CountedFrom,
    after_assembly_note,
    appeal_citations,
    case_rows,
    deadline_lines,
    ground_citation,
    grounds_block,
)
from beibit.documents.i18n import Lang, check_lang, citation_text, date_text, text
from beibit.documents.layout import MUTED, Document, Row
from beibit.documents.model import AppealDraft
from beibit.documents.seal import Stamp, add_stamps
from beibit.law.model import Citation

# CC 61-NP: every refusal rests on a reasoned analysis of the circumstances and risks; a refusal under
# 14(1)(10) (the place is taken) comes only after another place or time was offered.
_CC_61_NP = Citation(act="CC-61-NP")
_PLACE_TAKEN = "14.1.10"


def _row(label_code: str, value: str, lang: Lang) -> Row:
    shown = value.strip()
    if shown:
        return Row(text(label_code, lang), shown)
    return Row(text(label_code, lang), text("doc.to_complete", lang), missing=True)


def _counted_from(draft: AppealDraft) -> CountedFrom:
    if draft.learnt_on is not None:
        return "learnt"
    return "received" if draft.decision.delivered_on is not None else "decided"


def render_appeal(draft: AppealDraft, *, lang: str, stamps: Sequence[Stamp] = ()) -> bytes:
    """The appeal draft as a PDF in `lang` (kk, ru, en), with the organizer's EDS over the appeal as
    recorded when it was signed in Beibit (`stamps`)."""
    language = check_lang(lang)
    decision = draft.decision
    title = text("appeal_draft.title", language)
    doc = Document(
        lang=language,
        title=title,
        reference=decision.case_reference,
        created=on_day(draft.prepared_on or draft.learnt),
    )
    deadline = appeal_deadline(draft.learnt, regime_id=decision.regime_id)
    _addresses(doc, draft, deadline, language)
    doc.title(title, text("doc.case_reference", language, reference=decision.case_reference))
    section = iter(range(1, 100))
    _decision_section(doc, draft, f"{next(section)}. ", language)
    doc.heading(f"{next(section)}. {text('appeal_draft.asked_heading', language)}")
    doc.rows(case_rows(decision, language))
    _grounds_section(doc, draft, f"{next(section)}. ", language)
    _arguments_section(doc, draft, f"{next(section)}. ", language)
    doc.heading(f"{next(section)}. {text('appeal_draft.request_heading', language)}")
    hint = text(
        "appeal_draft.request_hint", language, decided_on=date_text(draft.decision.decided_on, language)
    )
    doc.fill_in(text("appeal_draft.fill_in", language), hint, lines=3)
    _deadline_section(doc, draft, deadline, f"{next(section)}. ", language)
    doc.heading(f"{next(section)}. {text('appeal_draft.attachments_heading', language)}")
    doc.bullets(
        [
            text("appeal_draft.attachment_decision", language),
            text("appeal_draft.attachment_filing", language),
            text("appeal_draft.attachment_other", language),
        ]
    )
    doc.signatures([text("doc.date", language), text("doc.signature", language)])
    add_stamps(doc, stamps, language, settlement=decision.settlement)
    return doc.output()


def _addresses(doc: Document, draft: AppealDraft, deadline: AppealDeadline | None, language: Lang) -> None:
    decision = draft.decision
    doc.banner(text("appeal_draft.banner", language))
    # The last day goes first as well as in its section: a draft found too late is worth nothing.
    top = []
    if deadline is not None:
        top.append(
            Row(text("appeal.deadline", language), date_text(deadline.deadline, language), strong=True)
        )
    doc.rows(
        [
            *top,
            _row("appeal_draft.to", draft.higher_body, language),
            Row(text("appeal_draft.through", language), decision.akimat),
            Row(text("appeal_draft.from", language), decision.organizer_name),
            _row("appeal_draft.id", draft.complainant_id, language),
            _row("appeal_draft.address", draft.complainant_address, language),
            _row("label.email", draft.email, language),
            _row("label.phone", draft.phone, language),
        ],
        label_share=0.38,
    )


def _decision_section(doc: Document, draft: AppealDraft, number: str, language: Lang) -> None:
    decision = draft.decision
    doc.heading(f"{number}{text('appeal_draft.decision_heading', language)}")
    rows = [
        Row(text("label.case_reference", language), decision.case_reference),
        Row(text("label.decided_on", language), date_text(decision.decided_on, language)),
        Row(text("appeal_draft.outcome", language), text(f"outcome_short.{decision.outcome}", language)),
    ]
    if decision.delivered_on is not None:
        rows.append(Row(text("label.delivered_on", language), date_text(decision.delivered_on, language)))
    doc.rows(rows)


def _grounds_section(doc: Document, draft: AppealDraft, number: str, language: Lang) -> None:
    decision = draft.decision
    doc.heading(f"{number}{text('appeal_draft.grounds_heading', language)}")
    if draft.grounds:
        grounds_block(doc, decision, draft.grounds, language)
    else:
        doc.paragraph(text("appeal_draft.no_grounds", language))
    if decision.reasons.strip():
        doc.paragraph(text("appeal_draft.akimat_reasons", language), color=MUTED, size=9)
        with doc.indented():
            doc.paragraph(text("doc.quoted", language, words=decision.reasons.strip()))


def _arguments_section(doc: Document, draft: AppealDraft, number: str, language: Lang) -> None:
    """Boxes for what only the organizer can write: an argument per ground, then what is asked for."""
    decision = draft.decision
    doc.heading(f"{number}{text('appeal_draft.arguments_heading', language)}")
    fill_in = text("appeal_draft.fill_in", language)
    for ground in draft.grounds:
        prompt = text(
            "appeal_draft.prompt_ground", language, citation=citation_text(ground_citation(ground), language)
        )
        doc.fill_in(fill_in, prompt)
    if decision.outcome == "refuse":
        cc = citation_text(_CC_61_NP, language)
        doc.fill_in(fill_in, text("appeal_draft.prompt_reasoned", language, citation=cc), lines=4)
        if _PLACE_TAKEN in draft.grounds:
            doc.fill_in(fill_in, text("appeal_draft.prompt_alternative", language, citation=cc), lines=3)
    if not draft.grounds:
        doc.fill_in(fill_in, text("appeal_draft.prompt_decision", language), lines=6)
    doc.fill_in(fill_in, text("appeal_draft.prompt_other", language), lines=4)


def _deadline_section(
    doc: Document, draft: AppealDraft, deadline: AppealDeadline | None, number: str, language: Lang
) -> None:
    decision = draft.decision
    doc.heading(
        f"{number}{text('appeal_draft.deadline_heading', language)}", appeal_citations(deadline, language)
    )
    if deadline is None:
        doc.note(text("appeal.no_period", language, learnt_on=date_text(draft.learnt, language)))
        return
    doc.note(
        text(
            "appeal_draft.deadline",
            language,
            akimat=decision.akimat,
            deadline=date_text(deadline.deadline, language),
        ),
        bold=True,
    )
    doc.paragraph(" ".join(deadline_lines(deadline, _counted_from(draft), language)), color=MUTED, size=9)
    note = after_assembly_note(decision, deadline, language)
    if note:
        doc.note(note)

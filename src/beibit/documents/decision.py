"""The akimat's decision letter: the answer to a notification (333-VI Art 11(1)) or the decision on an
application (Art 13(1)), with each refusal ground of Art 14(1), the reasons (Art 14(2)), a proposal and how
to answer it (Art 11(3), 13(3)), and how to appeal and by when (Art 19; APPK; deadlines.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from beibit.documents._common import law, local, on_day, when_text, zone_note
from beibit.documents.deadlines import AppealDeadline, appeal_deadline, proposal_answer_deadline
from beibit.documents.i18n import Lang, check_lang, citation_text, date_text, months_text, text
from beibit.documents.layout import MUTED, SMALL_PT, Document, Row
from beibit.documents.model import DecisionLetter, Track
from beibit.documents.seal import Stamp, add_stamps
from beibit.law.messages import render
from beibit.law.model import Citation, Finding

# The provision each answer rests on, per track (Art 11(1) for a notification, Art 13(1) for an application).
_OUTCOME_CITATIONS: dict[tuple[Track, str], Citation] = {
    ("notification", "proceed"): law(11, 1, 1),
    ("notification", "refuse"): law(11, 1, 2),
    ("notification", "propose"): law(11, 1, 3),
    ("application", "approve"): law(13, 1, 1),
    ("application", "approve_restricted"): law(13, 1, 2),
    ("application", "refuse"): law(13, 1, 3),
    ("application", "propose"): law(13, 1, 4),
}


def ground_citation(ground: str) -> Citation:
    """The ground as the engine writes it ("14.1.4") as a citation of Law 333-VI art. 14(1)(4)."""
    article, paragraph, subparagraph = (int(part) for part in ground.split("."))
    return law(article, paragraph, subparagraph)


def outcome_citation(letter: DecisionLetter) -> Citation:
    return _OUTCOME_CITATIONS[(letter.track, letter.outcome)]


def outcome_text(letter: DecisionLetter, lang: Lang) -> str:
    if letter.outcome == "propose":
        return text(f"outcome.propose.{letter.track}", lang)
    return text(f"outcome.{letter.outcome}", lang)


def findings_for(ground: str, findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.ground == ground]


def finding_text(finding: Finding, lang: Lang) -> str:
    """The engine's own sentence for the finding, in `lang`, with its citation."""
    return f"{render(finding.code, finding.facts, lang)} ({citation_text(finding.citation, lang)})"


def case_rows(letter: DecisionLetter, lang: Lang) -> list[Row]:
    """What the filing asked for: its kind and day, the form, place and time."""
    rows = [Row(text("label.filing", lang), text(f"filing.{letter.track}", lang))]
    if letter.registration_day is not None:
        rows.append(Row(text("filing.registration_day", lang), date_text(letter.registration_day, lang)))
    rows += [
        Row(text("label.form", lang), text(f"form.{letter.form}", lang)),
        Row(text("label.place", lang), letter.place),
        Row(
            text("label.date_time", lang),
            when_text(letter.starts_at, letter.ends_at, letter.settlement, lang),
        ),
    ]
    return rows


def grounds_block(doc: Document, letter: DecisionLetter, grounds: Sequence[str], lang: Lang) -> None:
    """Each ground: its citation, the short summary, and the engine's findings that establish it."""
    for ground in grounds:
        doc.paragraph(citation_text(ground_citation(ground), lang), bold=True)
        doc.paragraph(text(f"ground.{ground}", lang))
        established = findings_for(ground, letter.findings)
        if established:
            doc.paragraph(text("grounds.facts", lang), color=MUTED, size=9)
            doc.bullets([finding_text(f, lang) for f in established], size=9.5)


CountedFrom = Literal["received", "decided", "learnt"]


def counted_from(letter: DecisionLetter) -> CountedFrom:
    return "received" if letter.delivered_on is not None else "decided"


def deadline_lines(deadline: AppealDeadline, basis: CountedFrom, lang: Lang) -> list[str]:
    """How the last day was counted, in words: from which day, the move off a day off, the estimate."""
    lines = [
        text(
            f"appeal.counted_{basis}",
            lang,
            months=months_text(deadline.months, lang),
            learnt_on=date_text(deadline.learnt_on, lang),
        )
    ]
    if deadline.moved:
        lines.append(
            text(
                "appeal.moved",
                lang,
                period_end=date_text(deadline.period_end, lang),
                deadline=date_text(deadline.deadline, lang),
            )
        )
    if deadline.estimated:
        lines.append(text("appeal.estimated", lang))
    return lines


def after_assembly_note(letter: DecisionLetter, deadline: AppealDeadline, lang: Lang) -> str:
    """deadlines.md: tell the organizer when an ordinary appeal would run past the planned day ("" when
    not). A full approval leaves nothing to win back by appealing, so it gets no note; a refusal or a
    proposal, which stop the assembly as filed, also get the practical advice."""
    assembly_day = local(letter.starts_at, letter.settlement).date()
    if letter.outcome == "approve" or deadline.deadline < assembly_day:
        return ""
    note = text("appeal.after_assembly", lang, assembly_day=date_text(assembly_day, lang))
    if letter.outcome in ("refuse", "propose"):
        note = f"{note} {text('appeal.after_assembly_advice', lang)}"
    return note


def appeal_citations(deadline: AppealDeadline | None, lang: Lang) -> str:
    """Art 19 of Law 333-VI, and the APPK article the regime cites for the period, where there is one."""
    cited = [citation_text(law(19), lang)]
    if deadline is not None:
        cited.append(citation_text(deadline.citation, lang))
    return "; ".join(cited)


def appeal_block(doc: Document, letter: DecisionLetter, lang: Lang) -> None:
    doc.heading(text("appeal.heading", lang))
    deadline = appeal_deadline(letter.learnt_on, regime_id=letter.regime_id)
    doc.paragraph(text("appeal.how", lang, akimat=letter.akimat, citation=appeal_citations(deadline, lang)))
    if deadline is None:
        doc.note(text("appeal.no_period", lang, learnt_on=date_text(letter.learnt_on, lang)))
        return
    doc.rows([Row(text("appeal.deadline", lang), date_text(deadline.deadline, lang), strong=True)])
    doc.paragraph(" ".join(deadline_lines(deadline, counted_from(letter), lang)), color=MUTED, size=9)
    note = after_assembly_note(letter, deadline, lang)
    if note:
        doc.note(note, bold=True)


def proposal_block(doc: Document, letter: DecisionLetter, lang: Lang) -> None:
    """Art 11(1)(3) / 13(1)(4): what changes; Art 11(3) / 13(3): how and by when to answer."""
    answer_citation = law(11, 3) if letter.track == "notification" else law(13, 3)
    doc.heading(text("proposal.heading", lang), citation_text(outcome_citation(letter), lang))
    unchanged = text("proposal.unchanged", lang)
    if letter.proposed_starts_at is not None and letter.proposed_ends_at is not None:
        proposed_time = when_text(letter.proposed_starts_at, letter.proposed_ends_at, letter.settlement, lang)
    else:
        proposed_time = unchanged
    rows = [
        Row(text("proposal.place", lang), letter.proposed_place.strip() or unchanged),
        Row(text("proposal.time", lang), proposed_time),
    ]
    if letter.proposal_note.strip():
        rows.append(Row(text("proposal.note", lang), letter.proposal_note.strip()))
    if letter.delivered_on is not None:
        answer = proposal_answer_deadline(letter.delivered_on, regime_id=letter.regime_id)
        rows.append(Row(text("proposal.answer_period", lang), str(answer.working_days)))
        rows.append(Row(text("proposal.answer_by", lang), date_text(answer.deadline, lang), strong=True))
    doc.rows(rows)
    if letter.delivered_on is None:
        doc.paragraph(text("proposal.answer_unknown", lang))
    doc.note(text("proposal.answer_rule", lang, citation=citation_text(answer_citation, lang)), bold=True)
    doc.paragraph(text("proposal.answer_how", lang), color=MUTED, size=9)


def render_decision(decision: DecisionLetter, *, lang: str, stamps: Sequence[Stamp] = ()) -> bytes:
    """The decision letter as a PDF in `lang` (kk, ru, en)."""
    language = check_lang(lang)
    title = text(f"decision.title.{decision.track}", language)
    doc = Document(
        lang=language, title=title, reference=decision.case_reference, created=on_day(decision.decided_on)
    )
    doc.addressee(
        [
            text("decision.from", language, akimat=decision.akimat),
            text("decision.to", language, organizer=decision.organizer_name),
        ]
    )
    doc.title(title, text("doc.case_reference", language, reference=decision.case_reference))
    meta = [Row(text("label.decided_on", language), date_text(decision.decided_on, language))]
    if decision.delivered_on is not None:
        meta.append(Row(text("label.delivered_on", language), date_text(decision.delivered_on, language)))
    doc.rows(meta)

    doc.paragraph(text(f"decision.intro.{decision.track}", language))
    doc.rows(case_rows(decision, language))
    doc.paragraph(zone_note(decision.starts_at, decision.settlement, language), color=MUTED, size=SMALL_PT)

    doc.heading(text("decision.heading", language), citation_text(outcome_citation(decision), language))
    doc.note(outcome_text(decision, language), bold=True)

    if decision.outcome == "propose":
        proposal_block(doc, decision, language)
    if decision.grounds:
        doc.heading(text("grounds.heading", language), citation_text(law(14, 1), language))
        grounds_block(doc, decision, decision.grounds, language)
    if decision.reasons.strip() or decision.outcome == "refuse":
        doc.heading(text("reasons.heading", language), citation_text(law(14, 2), language))
        doc.paragraph(decision.reasons.strip() or text("reasons.none", language))

    appeal_block(doc, decision, language)

    doc.space(4)
    doc.rows(
        [Row(text("decision.signatory", language), decision.signatory or text("doc.blank_line", language))]
    )
    add_stamps(doc, stamps, language, settlement=decision.settlement)  # the officer's EDS over it
    return doc.output()

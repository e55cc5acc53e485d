"""Every visible text of the four documents, keyed by code, in English; kk and ru (and edits of the English)
live in the gettext catalogs `documents/locale/<lang>/LC_MESSAGES/beibit-documents.po`, synced by
scripts/update_document_catalogs.py.

Whole sentences with `{name}` fields, never pieces glued together, so each language orders its own words.
The texts paraphrase Law 333-VI and the APPK; a finding's own words come from `beibit.law.messages`.
"""

# ruff: noqa: E501 - one literal per text keeps each msgid greppable for translators (as law/messages.py)
from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, str]] = {
    # --- every document -----------------------------------------------------------------------------------
    "doc.page": "Page {page} of {pages}",
    "doc.footer": "{title} · {reference}",
    "doc.not_stated": "not stated",
    "doc.to_complete": "[to be completed]",
    "doc.date_time": "{date}, {start} to {end}",
    "doc.date_time_overnight": "{start_date}, {start} to {end_date}, {end}",
    "doc.local_time_zone": "Times are local ({zone}, UTC{offset}).",
    "doc.case_reference": "Case reference: {reference}",
    "doc.quoted": "“{words}”",
    "papers.akimat": "Akimat of {settlement}",
    "doc.signature": "Signature",
    "doc.date": "Date",
    "doc.blank_line": "____________________",
    # the electronic digital signature (EDS) block and the paper filing's QR code
    "seal.heading": "Electronic digital signature",
    "seal.signed_by": "Signed by",
    "seal.iin": "IIN",
    "seal.bin": "BIN",
    "seal.certificate": "Certificate",
    "seal.signed_at": "Signing time",
    "seal.verified": "Verified on receipt",
    "seal.revocation": "Revocation",
    "seal.revocation.good": "not revoked (checked {when})",
    "seal.revocation.revoked": "revoked",
    "seal.revocation.not_checked": "not checked",
    "seal.verify_at": "Verification page (the QR code opens it): {url}",
    "paper.case_number": "Case number in Beibit: {number}",
    "paper.qr": "The QR code opens this case in the public register: {url}",
    # forms (Art 1), organizer kinds (Art 1(4)), filings
    "form.picket": "picketing",
    "form.meeting": "meeting",
    "form.rally": "rally",
    "form.demonstration": "demonstration",
    "form.march": "march",
    "kind.citizen": "citizen",
    "kind.citizen_group": "group of citizens",
    "kind.legal_entity": "legal entity",
    "filing.notification": "notification",
    "filing.application": "application for approval",
    # --- the filing: notification (Art 10(3)) or application for approval (Art 12(2)) ----------------------
    "filing.title.picket": "Notification of picketing",
    "filing.title.meeting": "Notification of a meeting",
    "filing.title.rally": "Notification of a rally",
    "filing.title.demonstration": "Application for approval of a demonstration",
    "filing.title.march": "Application for approval of a march",
    "filing.to": "To: {akimat}",
    "filing.intro.notification": (
        "Under article 10 of Law 333-VI the organizer notifies the akimat of the peaceful assembly described "
        "below."
    ),
    "filing.intro.application": (
        "Under article 12 of Law 333-VI the organizer asks the akimat to approve the peaceful assembly "
        "described below."
    ),
    "filing.registration_number": "Registration number",
    "filing.registration_day": "Registration day",
    "filing.review_deadline": "Review deadline",
    "filing.not_registered": "not yet registered",
    "filing.silence.notification": (
        "If the akimat sends no answer by the review deadline, the assembly may be held as notified ({citation})."
    ),
    "filing.silence.application": (
        "The law gives no approval by silence ({citation}): if the akimat does not answer by the review "
        "deadline, the organizer may complain of its failure to act ({appk_citation})."
    ),
    "filing.missing_note": (
        "Items marked “{marker}” are missing from the filing; the akimat may refuse an incomplete filing "
        "({citation})."
    ),
    "item.purpose": "Purpose of the assembly",
    "item.form": "Form of the assembly",
    "item.organizer": "Organizer and representative",
    "item.place": "Place",
    "item.place_or_route": "Place and/or route",
    "item.date_time": "Date, start and end time",
    "item.participants": "Expected number of participants",
    "item.structures": "Yurts, tents and other structures",
    "item.equipment": "Sound amplification, posters, banners and other visual agitation",
    "item.measures_equipment": (
        "Public order, medical care and fire safety; sound amplification, posters, visual agitation and vehicles"
    ),
    "item.vehicles": "Vehicles: number, categories and route",
    "item.regulations": "Regulations of the assembly",
    "item.contacts": "E-mail and mobile number",
    "item.consent": "Consent to the processing of personal data",
    "item.funding": "Sources of funding",
    "item.signature": "Filing date and signature",
    "label.kind": "Organizer",
    "label.organizer_n": "Organizer no. {n}",
    "label.legal_entity": "Legal entity",
    "label.representative": "Representative",
    "label.full_name": "Surname, name, patronymic",
    "label.iin": "IIN",
    "label.residence": "Place of residence",
    "label.entity_name": "Name",
    "label.bin": "BIN",
    "label.location": "Location",
    "label.specialized_place": "Specialized place",
    "label.address": "Address or description",
    "label.point": "Point on the map",
    "label.point_value": "latitude {lat}, longitude {lon}",
    "label.shape": "Shape on the map",
    "label.shape_value": "drawn on the map (GeoJSON {kind})",
    "label.specialized_route": "Specialized route",
    "label.route_start": "Start of the route",
    "label.route_end": "End of the route",
    "label.date": "Date",
    "label.start": "Start",
    "label.end": "End",
    "label.sound_amplification": "Sound amplification",
    "label.posters": "Posters, banners and other visual agitation",
    "label.vehicles": "Vehicles",
    "label.measures": "Public order, medical care and fire safety measures",
    "label.vehicle_count": "Number of vehicles",
    "label.vehicle_categories": "Categories",
    "label.route_length": "Route length",
    "label.route_length_value": "{km} km",
    "label.email": "E-mail",
    "label.phone": "Mobile number",
    "label.filed_on": "Filing date",
    "label.channel": "How filed",
    "label.signed_by": "Signed by",
    "label.filed_in_name_of": "Filed in the name of",
    "value.structures_yes": "will be set up",
    "value.structures_no": "none will be set up",
    "value.used": "will be used",
    "value.not_used": "will not be used",
    "value.no_vehicles": "No vehicles will be used.",
    "value.regulations_picket": "Not required for picketing.",
    "value.consent_given": "Consent is given.",
    "value.consent_not_given": "Consent is not given.",
    "value.not_yet_filed": "not yet filed",
    "value.channel_paper": "on paper, signed by hand",
    "value.channel_e_document": "through Beibit, as an electronic document not signed with an electronic digital signature (EDS)",
    "value.channel_e_document_signed": "through Beibit, as an electronic document signed with an electronic digital signature (EDS): the signature and its verification are below",
    "value.place_not_in_registry": "a specialized place or route the registry does not hold for that day",
    "value.signed_organizer": "the organizer",
    "value.signed_representative": "the representative",
    "value.not_signed": "not signed",
    "funding.with_name": "{kind} ({name})",
    "funding.own_funds": "the organizer's own funds",
    "funding.participants": "participants' funds",
    "funding.kz_citizens": "citizens of Kazakhstan",
    "funding.kz_legal_entity": "a legal entity of Kazakhstan",
    "funding.foreign_citizen": "a foreign citizen",
    "funding.stateless_person": "a stateless person",
    "funding.foreign_legal_entity": "a foreign legal entity",
    "funding.suspended_or_banned_entity": "a legal entity whose activity is suspended or banned",
    "funding.listed_financier": "a person listed as financing terrorism, extremism or the proliferation of weapons of mass destruction",
    # --- the akimat's decision (Art 11(1), 13(1), 14) ---------------------------------------------------------
    "decision.title.notification": "The akimat's answer to the notification",
    "decision.title.application": "The akimat's decision on the application for approval",
    "decision.to": "To: {organizer}",
    "decision.from": "From: {akimat}",
    "decision.intro.notification": "The akimat has reviewed the notification described below.",
    "decision.intro.application": "The akimat has reviewed the application for approval described below.",
    "label.case_reference": "Case reference",
    "label.decided_on": "Date of the decision",
    "label.delivered_on": "Received by the organizer",
    "label.filing": "Filing",
    "label.form": "Form",
    "label.place": "Place",
    "label.date_time": "Date and time",
    "decision.heading": "Decision",
    "outcome.proceed": (
        "The assembly may be held as notified, without yurts, tents or other structures and without sound "
        "amplification."
    ),
    "outcome.approve": "The assembly is approved.",
    "outcome.approve_restricted": "The assembly is approved without sound amplification and without vehicles.",
    "outcome.propose.notification": "The akimat proposes to change the place and/or the time of the assembly.",
    "outcome.propose.application": (
        "The akimat proposes to change the place, the route and/or the time of the assembly."
    ),
    "outcome.refuse": "The akimat refuses the holding of the assembly on the grounds set out below.",
    "proposal.heading": "The akimat's proposal",
    "proposal.place": "Proposed place or route",
    "proposal.time": "Proposed date and time",
    "proposal.unchanged": "as filed",
    "proposal.note": "Note",
    "proposal.answer_period": "Answer period, working days after receipt",
    "proposal.answer_by": "Last day to answer",
    "proposal.answer_unknown": "The answer period runs from the day you receive this letter.",
    "proposal.answer_rule": (
        "If you agree in time, the akimat may no longer refuse; if you disagree or do not answer in time, the "
        "akimat refuses ({citation})."
    ),
    "proposal.answer_how": (
        "Answer by hand, by e-mail or electronic document to the sender, or by a message to the sender's "
        "mobile number."
    ),
    "grounds.heading": "Grounds for refusal",
    "grounds.facts": "Facts the akimat relies on:",
    "reasons.heading": "Reasons for the decision",
    "reasons.none": "The letter gives no reasons.",
    "appeal.heading": "How to appeal",
    "appeal.how": (
        "You may appeal this decision by a complaint to the higher body, lodged through {akimat}, which took "
        "it ({citation}). After the complaint is reviewed you may go to court."
    ),
    "appeal.deadline": "Last day to lodge the complaint",
    "appeal.counted_received": (
        "{months} from {learnt_on}, the day the letter was received; a last day that is not a working day "
        "moves to the next working day."
    ),
    "appeal.counted_decided": (
        "{months} from {learnt_on}, the day of the decision, as the day of receipt is not known; if the letter "
        "arrived later, the period runs from that day. A last day that is not a working day moves to the next "
        "working day."
    ),
    "appeal.counted_learnt": (
        "{months} from {learnt_on}, the day the organizer learnt of the decision; a last day that is not a "
        "working day moves to the next working day."
    ),
    "appeal.moved": "{period_end} is not a working day, so the last day moves to {deadline}.",
    "appeal.estimated": (
        "The working-day calendar for that date is not confirmed yet; check the date closer to the time."
    ),
    "appeal.no_period": (
        "No appeal period is recorded for a decision learnt of on {learnt_on}; see the laws in force then."
    ),
    "appeal.after_assembly": (
        "The appeal period ends after the planned day of the assembly ({assembly_day}); an ordinary appeal is usually decided only after that day."
    ),
    "appeal.after_assembly_advice": (
        "If the date matters, lodge the complaint at once; agreeing to a proposed change or filing again for another day may be quicker."
    ),
    "decision.signatory": "For the akimat",
    # --- Art 14(1): a short summary of each ground, printed after its citation -----------------------------
    "ground.14.1.1": (
        "Unlawful aims: violent change of the constitutional order, breaking territorial integrity, "
        "undermining security, inciting discord, or other breaches of the Constitution and laws."
    ),
    "ground.14.1.2": "The organizer is a person who may not organize an assembly (article 5(6)).",
    "ground.14.1.3": "A threat to state security, public order, health or the rights and freedoms of others.",
    "ground.14.1.4": "The notification or application was filed after the last filing day.",
    "ground.14.1.5": "The filing lacks required information or the signature.",
    "ground.14.1.6": (
        "False documents, or documents or data that do not meet the requirements of legal acts."
    ),
    "ground.14.1.7": "Funding from a prohibited source.",
    "ground.14.1.8": (
        "A special legal regime is in force, or the picket breaks the rules on prohibited territories, one "
        "picket at a time or its length."
    ),
    "ground.14.1.9": "More participants are expected than the occupancy norm of the specialized place allows.",
    "ground.14.1.10": (
        "Another event or construction or installation works are planned at the specialized place at that time."
    ),
    # --- the appeal draft (333-VI Art 19; APPK) ---------------------------------------------------------------
    "appeal_draft.title": "Complaint against a decision of the akimat",
    "appeal_draft.banner": (
        "DRAFT prepared from the case data: check every line and complete the marked sections before "
        "lodging the complaint."
    ),
    "appeal_draft.to": "To (the higher body)",
    "appeal_draft.through": "Through (the akimat that decided)",
    "appeal_draft.from": "From",
    "appeal_draft.id": "IIN or BIN",
    "appeal_draft.address": "Address",
    "appeal_draft.decision_heading": "The decision complained of",
    "appeal_draft.outcome": "What the akimat decided",
    "appeal_draft.asked_heading": "What the organizer asked for",
    "appeal_draft.grounds_heading": "Grounds disputed",
    "appeal_draft.no_grounds": (
        "The decision names no refusal ground; state in the arguments what in the decision you dispute."
    ),
    "appeal_draft.akimat_reasons": "The akimat's reasons:",
    "appeal_draft.arguments_heading": "Arguments of the organizer",
    "appeal_draft.fill_in": "TO BE COMPLETED BY THE ORGANIZER",
    "appeal_draft.prompt_ground": (
        "Why the ground {citation} does not apply: the facts, and the documents that show them."
    ),
    "appeal_draft.prompt_reasoned": (
        "Whether the refusal is reasoned: does it analyse the circumstances and risks (purpose, significance, "
        "scale) as the Constitutional Court requires ({citation})?"
    ),
    "appeal_draft.prompt_alternative": "Was another place or time offered before the refusal ({citation})?",
    "appeal_draft.prompt_decision": "What in the decision you dispute, and why.",
    "appeal_draft.prompt_other": "Other arguments, and how and when you learnt of the decision.",
    "appeal_draft.request_heading": "Request",
    "appeal_draft.request_hint": (
        "For example: to cancel the decision of {decided_on} and to oblige the akimat to review the filing "
        "again."
    ),
    "appeal_draft.deadline_heading": "Deadline",
    "appeal_draft.deadline": "Lodge the complaint through {akimat} no later than {deadline}.",
    "appeal_draft.attachments_heading": "Attachments",
    "appeal_draft.attachment_decision": "a copy of the decision",
    "appeal_draft.attachment_filing": "a copy of the notification or application",
    "appeal_draft.attachment_other": "other documents supporting the arguments: [to be completed]",
    "outcome_short.proceed": "holding without structures and sound amplification",
    "outcome_short.approve": "approval",
    "outcome_short.approve_restricted": "approval without sound amplification and vehicles",
    "outcome_short.propose": "proposal of another place or time",
    "outcome_short.refuse": "refusal",
}

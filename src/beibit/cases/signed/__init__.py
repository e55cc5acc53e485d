"""Acts with legal force: electronic digital signatures (EDS) over a case's steps, verified before the step is
recorded (Art 10(1), 12(1), 11(2)-(3), 13(2)-(3)).

- `verification`: the deployment's trust and policy, checking a CMS against the signer it must name, the
  record stored in the event, and reading stored signatures back (pages, PDFs, the public page);
- `organizer_acts`: the filing, the answer to a proposal, the withdrawal and the appeal, signed;
- `officer_acts`: the akimat's decision (with its proposal), signed.

The names below are the ones the shell (web, API, CLI) uses; they keep `signed.X` one import for callers.
"""

from beibit.cases.signed.officer_acts import OFFICER_IIN_TEXT, decision_document, record_signed_decision
from beibit.cases.signed.organizer_acts import (
    answer_document,
    answer_proposal_signed,
    appeal_document,
    filing_document,
    record_appeal_signed,
    submit_signed,
    withdraw_signed,
    withdrawal_document,
)
from beibit.cases.signed.verification import (
    MAX_SIGNATURE_CHARS,
    REFUSALS,
    SignatureRefused,
    StoredSignature,
    appeal_stamps,
    case_signatures,
    current_trust,
    decode_signature,
    eds_enabled,
    identity_problems,
    issuer_name,
    ncalayer_url,
    paper_seals,
    refusal_text,
    signature_by_hash,
    signature_view,
    signed_document_of,
    stored_signature,
    verification_path,
)

__all__ = [
    "MAX_SIGNATURE_CHARS",
    "OFFICER_IIN_TEXT",
    "REFUSALS",
    "SignatureRefused",
    "StoredSignature",
    "answer_document",
    "answer_proposal_signed",
    "appeal_document",
    "appeal_stamps",
    "case_signatures",
    "current_trust",
    "decision_document",
    "decode_signature",
    "eds_enabled",
    "filing_document",
    "identity_problems",
    "issuer_name",
    "ncalayer_url",
    "paper_seals",
    "record_appeal_signed",
    "record_signed_decision",
    "refusal_text",
    "signature_by_hash",
    "signature_view",
    "signed_document_of",
    "stored_signature",
    "submit_signed",
    "verification_path",
    "withdraw_signed",
    "withdrawal_document",
]

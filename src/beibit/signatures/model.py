"""What a verification says: the signer as the certificate names them, when they say they signed, the
revocation status and every reason the signature is not valid (each with its own code)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any, Literal

Purpose = Literal["sign", "auth"]
Revocation = Literal["good", "revoked", "not_checked"]


class ErrorCode(enum.StrEnum):
    """Why a signature is not accepted. `NOT_CMS` and `DATA_MISSING` mean the input cannot be read at all
    (the command exits 2); every other code is a readable signature that is not valid (exit 1)."""

    NOT_CMS = "not_cms"
    DATA_MISSING = "data_missing"
    NO_SIGNER = "no_signer"
    SEVERAL_SIGNERS = "several_signers"
    CERTIFICATE_MISSING = "certificate_missing"
    UNSUPPORTED_KEY_TYPE = "unsupported_key_type"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    CONTENT_ALTERED = "content_altered"
    OTHER_DATA = "other_data"
    SIGNATURE_INVALID = "signature_invalid"
    SIGNED_ATTRIBUTES_MISSING = "signed_attributes_missing"
    SIGNING_CERTIFICATE_MISMATCH = "signing_certificate_mismatch"
    SIGNING_TIME_IN_FUTURE = "signing_time_in_future"
    UNTRUSTED = "untrusted"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    AUTH_KEY = "auth_key"
    NOT_AUTH_KEY = "not_auth_key"
    IIN_MISMATCH = "iin_mismatch"
    BIN_MISMATCH = "bin_mismatch"
    REVOCATION_NOT_CHECKED = "revocation_not_checked"


#: Codes that mean "the input could not be read" rather than "the signature is not valid".
UNREADABLE = frozenset({ErrorCode.NOT_CMS, ErrorCode.DATA_MISSING})


@dataclass(frozen=True, slots=True)
class Problem:
    code: ErrorCode
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code.value, "message": self.message}


@dataclass(frozen=True, slots=True)
class Signer:
    """The certificate's holder as NCA RK writes the subject: CN (surname and name) and GIVENNAME
    (patronymic), the IIN in SERIALNUMBER, for a legal entity its name in O and its BIN in OU."""

    name: str
    iin: str | None
    bin: str | None
    organization: str | None
    subject_type: Literal["individual", "legal_entity"] | None
    certificate_serial: str  # hexadecimal, as NCALayer and the NCA RK's services show it
    issuer: str
    valid_from: dt.datetime
    valid_to: dt.datetime
    key_purpose: Purpose | None  # what the key usage allows: signing documents, or authentication

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "iin": self.iin,
            "bin": self.bin,
            "organization": self.organization,
            "subject_type": self.subject_type,
            "certificate_serial": self.certificate_serial,
            "issuer": self.issuer,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome. `valid` only when `errors` is empty; `revocation` is `not_checked` when no CRL or OCSP
    answered (the caller's policy decides whether to accept that)."""

    signer: Signer | None
    signed_at: dt.datetime | None
    revocation: Revocation
    revocation_checked_at: dt.datetime | None
    verified_at: dt.datetime
    errors: tuple[Problem, ...] = field(default=())
    content: bytes | None = None  # what was signed (the attached content or the data given)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def unreadable(self) -> bool:
        return any(p.code in UNREADABLE for p in self.errors)

    def codes(self) -> list[str]:
        return [p.code.value for p in self.errors]

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `beibit signature verify` (and what the case service stores beside the CMS)."""
        return {
            "valid": self.valid,
            "signer": self.signer.as_dict() if self.signer is not None else None,
            "signed_at": self.signed_at.isoformat() if self.signed_at is not None else None,
            "revocation": self.revocation,
            "revocation_checked_at": (
                self.revocation_checked_at.isoformat() if self.revocation_checked_at is not None else None
            ),
            "verified_at": self.verified_at.isoformat(),
            "errors": [p.as_dict() for p in self.errors],
        }

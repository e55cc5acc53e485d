"""The signer as an NCA RK certificate names them, and what its key is for.

NCA RK's subject layout: CN holds the surname and name, GIVENNAME the patronymic, SERIALNUMBER the IIN as
"IIN" + 12 digits; a legal entity's certificate adds its name in O and its BIN in OU as "BIN" + 12 digits.
The extended key usage says who holds it (1.2.398.3.3.4.1.1 an individual, 1.2.398.3.3.4.1.2 an employee
of a legal entity) and what for: id-kp-emailProtection on the signing key (key usage digitalSignature and
nonRepudiation), id-kp-clientAuth on the AUTH key (digitalSignature and keyEncipherment).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from asn1crypto import x509 as asn1_x509
from cryptography import x509

from beibit.signatures.model import Purpose, Signer

OID_INDIVIDUAL = "1.2.398.3.3.4.1.1"
OID_LEGAL_ENTITY = "1.2.398.3.3.4.1.2"
EKU_SIGN = "email_protection"  # 1.3.6.1.5.5.7.3.4
EKU_AUTH = "client_auth"  # 1.3.6.1.5.5.7.3.2
_IIN = re.compile(r"IIN(\d{12})")
_BIN = re.compile(r"BIN(\d{12})")


def _values(name: dict[str, Any], key: str) -> list[str]:
    value = name.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _first_match(pattern: re.Pattern[str], values: list[str]) -> str | None:
    for value in values:
        match = pattern.fullmatch(value.strip())
        if match:
            return match.group(1)
    return None


def extended_key_usage(cert: asn1_x509.Certificate) -> set[str]:
    value = cert.extended_key_usage_value
    return set(value.native) if value is not None else set()


def key_usage(cert: asn1_x509.Certificate) -> set[str]:
    value = cert.key_usage_value
    return set(value.native) if value is not None else set()


def key_purpose(cert: asn1_x509.Certificate) -> Purpose | None:
    """ "sign" for a key that may sign documents (non-repudiation), "auth" for an authentication key, None
    for neither. An extended key usage naming only client authentication makes it "auth" whatever else."""
    usage = key_usage(cert)
    eku = extended_key_usage(cert)
    auth_only = EKU_AUTH in eku and EKU_SIGN not in eku
    if "digital_signature" in usage or "non_repudiation" in usage:
        if "non_repudiation" in usage and not auth_only:
            return "sign"
        if "digital_signature" in usage and (EKU_AUTH in eku or not eku):
            return "auth"
    return None


def _subject_type(eku: set[str]) -> Literal["individual", "legal_entity"] | None:
    if any(oid == OID_LEGAL_ENTITY or oid.startswith(OID_LEGAL_ENTITY + ".") for oid in eku):
        return "legal_entity"
    if OID_INDIVIDUAL in eku:
        return "individual"
    return None


def _issuer_text(cert: asn1_x509.Certificate) -> str:
    """The issuer as RFC 4514 writes a name ("CN=...,C=KZ")."""
    return x509.load_der_x509_certificate(cert.dump()).issuer.rfc4514_string()


def signer_of(cert: asn1_x509.Certificate) -> Signer:
    subject: dict[str, Any] = dict(cert.subject.native)
    common = " ".join(_values(subject, "common_name")).strip()
    patronymic = " ".join(_values(subject, "given_name")).strip()
    name = " ".join(part for part in (common, patronymic) if part)
    eku = extended_key_usage(cert)
    organization = " ".join(_values(subject, "organization_name")).strip() or None
    validity = cert["tbs_certificate"]["validity"]
    return Signer(
        name=name,
        iin=_first_match(_IIN, _values(subject, "serial_number")),
        bin=_first_match(_BIN, _values(subject, "organizational_unit_name")),
        organization=organization,
        subject_type=_subject_type(eku),
        certificate_serial=format(cert.serial_number, "x"),
        issuer=_issuer_text(cert),
        valid_from=validity["not_before"].native,
        valid_to=validity["not_after"].native,
        key_purpose=key_purpose(cert),
    )

"""A stand-in for NCA RK: a root, an intermediate, and certificates in NCA RK's layout (individuals' and a
legal entity's signing and AUTH keys), CRLs, and CMS (CAdES-BES) signatures made with them.

Used by the tests (a real PKI, no mocks) and by the demo (`beibit demo-signer` signs with the demo users'
keys; `beibit demo` trusts the demo root). NOTHING here is a real NCA RK certificate: every name says DEMO.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import algos, cms, core
from asn1crypto import tsp as _tsp  # noqa: F401  # registers the ESS signing-certificate(-v2) attributes
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

OID_INDIVIDUAL = ObjectIdentifier("1.2.398.3.3.4.1.1")
OID_LEGAL_ENTITY = ObjectIdentifier("1.2.398.3.3.4.1.2")
OID_LEGAL_ENTITY_HEAD = ObjectIdentifier("1.2.398.3.3.4.1.2.1")
KEY_BITS = 2048
DEMO_LABEL = "DEMO"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


@dataclass(frozen=True)
class Holder:
    """Who a certificate is issued to, in NCA RK's subject layout."""

    surname: str
    name: str
    iin: str
    patronymic: str = ""
    organization: str = ""
    bin: str = ""
    email: str = ""

    def subject(self) -> x509.Name:
        attrs = [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{self.surname} {self.name}"),
            x509.NameAttribute(NameOID.SURNAME, self.surname),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{self.iin}"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]
        if self.patronymic:
            attrs.append(x509.NameAttribute(NameOID.GIVEN_NAME, self.patronymic))
        if self.organization:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organization))
        if self.bin:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"BIN{self.bin}"))
        if self.email:
            attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, self.email))
        return x509.Name(attrs)


@dataclass
class Identity:
    """A certificate and its private key."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)  # issuing CAs, nearest first

    @property
    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def cert_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]
    )


class Pki:
    """A root and an intermediate CA, issuing end-entity certificates and CRLs."""

    def __init__(self, now: dt.datetime, *, label: str = DEMO_LABEL) -> None:
        self.now = now
        self.label = label
        self._serial = 0x1000
        root_key = _key()
        root_name = _name(f"{label} ROOT CA (not NCA RK)")
        self.root = Identity(
            root_key, self._ca(root_name, root_name, root_key.public_key(), root_key, years=10)
        )
        inter_key = _key()
        self.intermediate = Identity(
            inter_key,
            self._ca(
                _name(f"{label} ISSUING CA RSA (not NCA RK)"),
                root_name,
                inter_key.public_key(),
                root_key,
                years=5,
                path_length=0,
            ),
            [self.root.certificate],
        )
        self.revoked: list[tuple[int, dt.datetime]] = []

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def _ca(
        self,
        subject: x509.Name,
        issuer: x509.Name,
        public_key: rsa.RSAPublicKey,
        signing_key: rsa.RSAPrivateKey,
        *,
        years: int,
        path_length: int | None = None,
    ) -> x509.Certificate:
        start = self.now - dt.timedelta(days=365)
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(self._next_serial())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        )
        return builder.sign(signing_key, hashes.SHA256())

    def issue(
        self,
        holder: Holder,
        *,
        purpose: str = "sign",
        not_before: dt.datetime | None = None,
        days: int = 365,
        key: rsa.RSAPrivateKey | None = None,
    ) -> Identity:
        """An end-entity certificate: "sign" (digitalSignature + nonRepudiation, emailProtection) or
        "auth" (digitalSignature + keyEncipherment, clientAuth), with NCA RK's holder-type OIDs."""
        key = key or _key()
        start = not_before or (self.now - dt.timedelta(days=30))
        holder_oids = [OID_INDIVIDUAL] if not holder.bin else [OID_LEGAL_ENTITY, OID_LEGAL_ENTITY_HEAD]
        usage_oid = (
            ExtendedKeyUsageOID.EMAIL_PROTECTION if purpose == "sign" else ExtendedKeyUsageOID.CLIENT_AUTH
        )
        issuer = self.intermediate
        cert = (
            x509.CertificateBuilder()
            .subject_name(holder.subject())
            .issuer_name(issuer.certificate.subject)
            .public_key(key.public_key())
            .serial_number(self._next_serial())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=purpose == "sign",
                    key_encipherment=purpose == "auth",
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([usage_oid, *holder_oids]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
            )
            .sign(issuer.key, hashes.SHA256())
        )
        return Identity(key, cert, [issuer.certificate, self.root.certificate])

    def revoke(self, identity: Identity, when: dt.datetime | None = None) -> None:
        self.revoked.append((identity.certificate.serial_number, when or self.now - dt.timedelta(days=1)))

    def _crl(
        self, ca: Identity, revoked: Iterable[tuple[int, dt.datetime]], next_update: dt.datetime
    ) -> bytes:
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(ca.certificate.subject)
            .last_update(self.now - dt.timedelta(hours=1))
            .next_update(next_update)
            .add_extension(x509.CRLNumber(self._next_serial()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
            )
        )
        for serial, when in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def crls(self, *, valid_for: dt.timedelta = dt.timedelta(days=7)) -> list[bytes]:
        """The root's CRL (of intermediates) and the intermediate's (of end entities), as DER."""
        next_update = self.now + valid_for
        return [
            self._crl(self.root, [], next_update),
            self._crl(self.intermediate, self.revoked, next_update),
        ]

    def write_trust(self, directory: Path, *, with_crls: bool = True) -> Path:
        """A trust directory as BEIBIT_EDS_TRUST_DIR reads it: the root, the intermediate and the CRLs."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "root.pem").write_bytes(self.root.cert_pem())
        (directory / "intermediate.pem").write_bytes(self.intermediate.cert_pem())
        if with_crls:
            for number, crl in enumerate(self.crls()):
                (directory / f"ca-{number}.crl").write_bytes(crl)
        return directory


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def sign_cms(
    data: bytes,
    signer: Identity,
    *,
    attach: bool = True,
    signing_time: dt.datetime | None = None,
    include_chain: bool = True,
) -> bytes:
    """A CMS SignedData (CAdES-BES: content type, message digest, signing time and the ESS
    signing-certificate-v2 as signed attributes), RSA PKCS #1 v1.5 with SHA-256, as DER."""
    when = signing_time or dt.datetime.now(dt.UTC)
    cert = _asn1(signer.certificate)
    attributes = [
        cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
        cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": when})]}),
        cms.CMSAttribute({"type": "message_digest", "values": [hashlib.sha256(data).digest()]}),
        cms.CMSAttribute(
            {
                "type": "signing_certificate_v2",
                "values": [
                    {
                        "certs": [
                            {
                                "hash_algorithm": {"algorithm": "sha256"},
                                "cert_hash": hashlib.sha256(cert.dump()).digest(),
                            }
                        ]
                    }
                ],
            }
        ),
    ]
    # DER orders a SET OF by the encodings of its elements (OpenSSL re-encodes before checking).
    signed_attrs = cms.CMSAttributes(sorted(attributes, key=lambda a: a.dump()))
    signature = signer.key.sign(signed_attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    chain = [cert, *(_asn1(c) for c in signer.chain[:-1])] if include_chain else [cert]
    info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": cert.issuer, "serial_number": cert.serial_number}
                    )
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {
                "content_type": "data",
                "content": core.OctetString(data) if attach else None,
            },
            "certificates": chain,
            "signer_infos": [info],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


# --- the demo's PKI on disk ---------------------------------------------------------------------------


def write_identity(directory: Path, name: str, identity: Identity) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.key.pem").write_bytes(identity.key_pem())
    chain = b"".join(
        c.public_bytes(serialization.Encoding.PEM) for c in [identity.certificate, *identity.chain]
    )
    (directory / f"{name}.pem").write_bytes(chain)


def read_identity(directory: Path, name: str) -> Identity:
    key = serialization.load_pem_private_key((directory / f"{name}.key.pem").read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{name}: not an RSA key")
    certs = x509.load_pem_x509_certificates((directory / f"{name}.pem").read_bytes())
    return Identity(key, certs[0], certs[1:])


def build_demo_pki(directory: Path, holders: dict[str, Holder], now: dt.datetime) -> Path:
    """Write a demo PKI: `trust/` (root, intermediate, CRLs: what BEIBIT_EDS_TRUST_DIR points to) and
    `keys/` (each demo user's signing and AUTH key: `<login>.sign`, `<login>.auth`) and `holders.json`."""
    pki = Pki(now)
    pki.write_trust(directory / "trust")
    keys = directory / "keys"
    for login, holder in holders.items():
        write_identity(keys, f"{login}.sign", pki.issue(holder, purpose="sign", days=730))
        write_identity(keys, f"{login}.auth", pki.issue(holder, purpose="auth", days=730))
    (directory / "holders.json").write_text(
        json.dumps(
            {login: holder.__dict__ for login, holder in holders.items()}, ensure_ascii=False, indent=1
        )
    )
    return directory

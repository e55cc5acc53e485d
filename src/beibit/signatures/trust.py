"""What a verification trusts: the anchors (NCA RK's root certificates in production), the intermediate
certificates, and the revocation sources — CRL files (a cached copy for offline operation), CRL URLs
downloaded and kept until their next update, and, when allowed, the OCSP responders and CRL distribution
points named in the certificates themselves."""

from __future__ import annotations

import datetime as dt
import threading
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")
CRL_SUFFIXES = (".crl",)
DOWNLOAD_TIMEOUT_S = 10
MAX_CRL_BYTES = 64 * 1024 * 1024


class TrustError(ValueError):
    """A trust directory, certificate or CRL that cannot be read."""


def _der_blocks(data: bytes) -> list[bytes]:
    if pem.detect(data):
        return [der for _type, _headers, der in pem.unarmor(data, multiple=True)]
    return [data]


def read_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    try:
        certs = [asn1_x509.Certificate.load(der) for der in _der_blocks(data)]
        for cert in certs:
            _ = cert.subject.native  # parse now: a broken file is an error at start-up, not at the first use
        return certs
    except (ValueError, TypeError) as error:
        raise TrustError(f"not an X.509 certificate: {error}") from error


def read_crl(data: bytes) -> asn1_crl.CertificateList:
    try:
        (der,) = _der_blocks(data)[:1]
        value = asn1_crl.CertificateList.load(der)
        _ = value.issuer.native
        return value
    except (ValueError, TypeError) as error:
        raise TrustError(f"not a CRL: {error}") from error


def _is_self_signed(cert: asn1_x509.Certificate) -> bool:
    return bool(cert.self_signed in ("maybe", "yes"))


@dataclass
class CrlSource:
    """A CRL downloaded from a configured URL, kept until its next update (then downloaded again)."""

    url: str
    _crl: asn1_crl.CertificateList | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, now: dt.datetime) -> asn1_crl.CertificateList | None:
        with self._lock:
            crl = self._crl
            if crl is not None:
                next_update = crl["tbs_cert_list"]["next_update"].native
                if next_update is None or next_update > now:
                    return crl
            try:
                with urllib.request.urlopen(self.url, timeout=DOWNLOAD_TIMEOUT_S) as response:  # noqa: S310
                    data = response.read(MAX_CRL_BYTES + 1)
                if len(data) > MAX_CRL_BYTES:
                    raise TrustError(f"CRL at {self.url} is larger than {MAX_CRL_BYTES} bytes")
                self._crl = read_crl(data)
            except (OSError, TrustError):
                # Unreachable: keep the copy we have (pyhanko-certvalidator judges whether it is fresh).
                pass
            return self._crl


@dataclass(frozen=True)
class Trust:
    anchors: tuple[asn1_x509.Certificate, ...]
    intermediates: tuple[asn1_x509.Certificate, ...] = ()
    crls: tuple[asn1_crl.CertificateList, ...] = ()
    crl_sources: tuple[CrlSource, ...] = ()
    #: Ask the OCSP responders and CRL distribution points that the certificates name (network access).
    fetch: bool = False

    @property
    def checks_revocation(self) -> bool:
        return bool(self.crls or self.crl_sources or self.fetch)

    def current_crls(self, now: dt.datetime) -> list[asn1_crl.CertificateList]:
        found = list(self.crls)
        for source in self.crl_sources:
            crl = source.current(now)
            if crl is not None:
                found.append(crl)
        return found

    def with_crls(self, crls: Iterable[asn1_crl.CertificateList]) -> Trust:
        return Trust(self.anchors, self.intermediates, (*self.crls, *crls), self.crl_sources, self.fetch)


def load_trust(
    trust_dir: str | Path | None,
    *,
    crl_files: Sequence[str | Path] = (),
    crl_urls: Sequence[str] = (),
    fetch: bool = False,
) -> Trust:
    """Read a trust directory: self-signed certificates are anchors, the others intermediates, `*.crl`
    files cached CRLs. Without a directory nothing is trusted (every signature is `untrusted`)."""
    anchors: list[asn1_x509.Certificate] = []
    intermediates: list[asn1_x509.Certificate] = []
    crls: list[asn1_crl.CertificateList] = []
    if trust_dir:
        directory = Path(trust_dir)
        if not directory.is_dir():
            raise TrustError(f"trust directory {directory} does not exist")
        for path in sorted(directory.iterdir()):
            suffix = path.suffix.lower()
            if suffix in CERTIFICATE_SUFFIXES:
                for cert in read_certificates(path.read_bytes()):
                    (anchors if _is_self_signed(cert) else intermediates).append(cert)
            elif suffix in CRL_SUFFIXES:
                crls.append(read_crl(path.read_bytes()))
    for name in crl_files:
        crls.append(read_crl(Path(name).read_bytes()))
    return Trust(
        anchors=tuple(anchors),
        intermediates=tuple(intermediates),
        crls=tuple(crls),
        crl_sources=tuple(CrlSource(url) for url in crl_urls if url),
        fetch=fetch,
    )

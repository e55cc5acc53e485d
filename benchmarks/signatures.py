"""Benchmark of EDS verification (beibit.signatures.verify): the time per signature, median of N runs.

Builds a test PKI in NCA RK's layout (RSA 2048, root → intermediate → individual's signing certificate),
signs a filing-sized document (about 1.5 KB of canonical JSON) as a detached CAdES-BES CMS, and verifies it:

- without a revocation source (revocation "not_checked");
- with cached CRL files (the root's and the intermediate's; revocation "good");
- with a cached intermediate CRL listing 20,000 revoked certificates (a CRL the size of a real CA's).

Each case runs N times (default 100) after one warm-up; prints the median and the 90th percentile in ms.
Run: .venv/bin/python benchmarks/signatures.py [--runs 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from beibit.signatures import Trust, verify
from beibit.signatures.testpki import Holder, Pki, sign_cms
from beibit.signatures.trust import read_certificates, read_crl


def _times(runs: int, call: object) -> list[float]:
    assert callable(call)
    call()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _big_crl(pki: Pki, count: int) -> bytes:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(pki.intermediate.certificate.subject)
        .last_update(pki.now - dt.timedelta(hours=1))
        .next_update(pki.now + dt.timedelta(days=1))
    )
    when = pki.now - dt.timedelta(days=3)
    for serial in range(10**9, 10**9 + count):
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(pki.intermediate.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--revoked", type=int, default=20_000)
    args = parser.parse_args()
    now = dt.datetime.now(dt.UTC)
    pki = Pki(now, label="BENCH")
    me = pki.issue(Holder("TULEGENOVA", "AIGERIM", "850612300451"))
    document = json.dumps({"case": "1", "assembly": {"purpose": "x" * 1400}}).encode()
    signature = sign_cms(document, me, attach=False)
    anchors = tuple(read_certificates(pki.root.cert_pem()))
    intermediates = tuple(read_certificates(pki.intermediate.cert_pem()))
    crls = tuple(read_crl(c) for c in pki.crls())
    big = read_crl(_big_crl(pki, args.revoked))
    cases = {
        "no revocation source": Trust(anchors, intermediates),
        "cached CRLs": Trust(anchors, intermediates, crls),
        f"cached CRL of {args.revoked:,} entries": Trust(anchors, intermediates, (crls[0], big)),
    }
    print(f"verify one detached CAdES-BES signature, RSA 2048 / SHA-256, {args.runs} runs each")
    for name, trust in cases.items():
        result = verify(signature, trust=trust, data=document)
        assert result.valid, result.errors
        times = sorted(_times(args.runs, lambda trust=trust: verify(signature, trust=trust, data=document)))
        p90 = times[int(len(times) * 0.9) - 1]
        median = statistics.median(times)
        print(f"  {name:<34} revocation={result.revocation:<12} median {median:7.2f} ms   p90 {p90:7.2f} ms")


if __name__ == "__main__":
    main()

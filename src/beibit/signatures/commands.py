"""`beibit signature verify` for outside tools, and `beibit demo-signer` (the NCALayer stand-in)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import IO, Any

from beibit.signatures.model import Purpose
from beibit.signatures.trust import TrustError, load_trust
from beibit.signatures.verify import verify

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def _moment(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("--at needs an offset (RFC 3339), e.g. 2026-12-11T10:00:00+05:00")
    return moment


def _error(code: str, message: str) -> str:
    return json.dumps({"valid": False, "errors": [{"code": code, "message": message}]}, ensure_ascii=False)


def cmd_verify(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    try:
        signature = stdin.read() if args.signature == "-" else Path(args.signature).read_bytes()
        data = Path(args.data).read_bytes() if args.data else None
        at = _moment(args.at)
    except (OSError, ValueError) as error:
        out.write(_error("unreadable_input", str(error)) + "\n")
        return EXIT_UNREADABLE
    trust_dir = args.trust if args.trust is not None else os.environ.get("BEIBIT_EDS_TRUST_DIR") or None
    try:
        trust = load_trust(trust_dir, crl_files=args.crl or (), fetch=args.fetch)
    except (OSError, TrustError) as error:
        out.write(_error("unreadable_trust", str(error)) + "\n")
        return EXIT_UNREADABLE
    purpose: Purpose = args.purpose
    result = verify(
        signature,
        trust=trust,
        data=data,
        at=at,
        purpose=purpose,
        expected_iin=args.iin,
        expected_bin=args.bin,
    )
    report: dict[str, Any] = result.as_dict()
    out.write(json.dumps(report, ensure_ascii=False, indent=2 if args.pretty else None) + "\n")
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_VALID if result.valid else EXIT_INVALID


def cmd_demo_signer(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    from beibit.signatures.demo_signer import serve  # the websockets server is loaded only when run

    return serve(
        Path(args.pki), login=args.login, host=args.host, port=args.port, out=out, tls=not args.plain
    )


def add_signature_commands(subparsers: Any) -> None:
    """Register `signature verify` and `demo-signer` on the `beibit` command line."""
    signature = subparsers.add_parser("signature", help="electronic digital signatures (EDS)")
    commands = signature.add_subparsers(dest="signature_command", required=True)
    check = commands.add_parser(
        "verify",
        help="verify a CMS signature; prints JSON; exit 0 valid, 1 not valid, 2 unreadable input",
    )
    check.add_argument(
        "--signature", required=True, metavar="FILE", help="the CMS (DER, PEM or base64); - for stdin"
    )
    check.add_argument("--data", metavar="FILE", help="the signed data, for a detached signature")
    check.add_argument(
        "--trust",
        metavar="DIR",
        help="trust anchors, intermediates and *.crl (default: $BEIBIT_EDS_TRUST_DIR)",
    )
    check.add_argument("--crl", metavar="FILE", action="append", help="a CRL file (repeatable)")
    check.add_argument("--fetch", action="store_true", help="ask the OCSP and CRL URLs the certificates name")
    check.add_argument(
        "--at", metavar="DATETIME", help="the moment to verify at (RFC 3339 with offset); default now"
    )
    check.add_argument("--purpose", choices=("sign", "auth"), default="sign", help="signing key or AUTH key")
    check.add_argument("--iin", help="the IIN the certificate must name")
    check.add_argument("--bin", help="the BIN the certificate must name")
    check.add_argument("--pretty", action="store_true", help="indent the JSON")
    check.set_defaults(run=cmd_verify)

    signer = subparsers.add_parser(
        "demo-signer", help="DEMO ONLY: a stand-in for NCALayer signing with the demo users' test keys"
    )
    signer.add_argument(
        "--pki", default="demo-pki", metavar="DIR", help="the demo PKI (written by beibit demo)"
    )
    signer.add_argument("--login", help="sign as this demo user (default: the first)")
    signer.add_argument("--host", default="127.0.0.1")
    signer.add_argument("--port", type=int, default=13579)
    signer.add_argument("--plain", action="store_true", help="ws:// instead of wss:// (tests)")
    signer.set_defaults(run=cmd_demo_signer)

"""The operations commands of the `beibit` command line: `audit keygen`, `audit anchor`, the anchors of
`audit verify --anchors` and `roles` (registered by `beibit.service_cli.add_service_commands`, which
`audit verify` also calls for its anchors)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import IO, Any

EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


def _django() -> None:
    """Set Django up once (the commands run outside a Django process)."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    if not apps.ready:
        django.setup()


def _key_path(args: argparse.Namespace) -> Path | None:
    from django.conf import settings

    chosen = getattr(args, "key", None) or settings.ANCHOR_KEY
    return Path(chosen) if chosen else None


def cmd_audit_keygen(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Make the Ed25519 key pair the anchors are signed with (FILE and FILE.pub)."""
    from beibit.operations.anchors import generate_key, public_pem

    try:
        public = generate_key(Path(args.file))
    except FileExistsError:
        out.write(f"{args.file} exists; a key is never overwritten\n")
        return EXIT_BAD_INPUT
    except OSError as error:
        out.write(f"cannot write {args.file}: {error}\n")
        return EXIT_BAD_INPUT
    out.write(f"private key: {args.file} (keep it off the database host)\npublic key: {args.file}.pub\n")
    out.write(public_pem(public).decode("ascii"))
    return 0


def cmd_audit_anchor(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Sign the current chain heads of every log into a new anchor file."""
    _django()
    from django.utils import timezone

    from beibit.operations.anchors import AnchorError, load_private_key, write_anchor

    key_path = _key_path(args)
    if key_path is None:
        out.write(
            "no signing key: pass --key FILE or set BEIBIT_ANCHOR_KEY (make one with `beibit audit keygen`)\n"
        )
        return EXIT_BAD_INPUT
    try:
        key = load_private_key(key_path)
    except AnchorError as error:
        out.write(f"{error}\n")
        return EXIT_BAD_INPUT
    target = Path(args.out)
    if target.is_dir():
        target = target / f"beibit-anchor-{timezone.now():%Y%m%dT%H%M%SZ}.json"
    try:
        summary = write_anchor(target, key, timezone.now())
    except FileExistsError:
        out.write(f"{target} exists; an anchor is never overwritten\n")
        return EXIT_BAD_INPUT
    except OSError as error:
        out.write(f"cannot write {target}: {error}\n")
        return EXIT_BAD_INPUT
    for log, figures in summary.items():
        out.write(f"{log}: {figures['chains']} chain(s), digest {figures['digest']}\n")
    out.write(f"anchor written to {target}\n")
    return 0


def _report(kind: str, path: str, document: dict[str, Any], out: IO[str]) -> bool:
    """Check the chains against one document's heads and say so; True when every head holds."""
    from beibit.operations.anchors import departures

    found = departures(document)
    for departure in found:
        out.write(f"REWRITTEN {departure} ({kind} of {document['anchored_at']})\n")
    held = sum(len(chains) for chains in document["logs"].values())
    verdict = "every head holds" if not found else f"{len(found)} head(s) no longer in the chains"
    out.write(f"{kind} {path} of {document['anchored_at']}: {held} head(s): {verdict}\n")
    return not found


def check_documents(anchors: list[str], heads: list[str], public_key: str | None, out: IO[str]) -> int:
    """Check the chains against signed anchors and unsigned copies of the published heads: 0 when every head
    holds, EXIT_PROBLEMS when one does not or an anchor fails its signature, EXIT_BAD_INPUT without a key."""
    from beibit.operations.anchors import AnchorError, load_public_key, read_anchor, read_heads

    failed = False
    if anchors:
        chosen = Path(public_key) if public_key else _key_path(argparse.Namespace())
        if chosen is None:
            out.write(
                "no key to check the anchors' signatures: pass --public-key FILE or set BEIBIT_ANCHOR_KEY\n"
            )
            return EXIT_BAD_INPUT
        try:
            key = load_public_key(chosen)
        except AnchorError as error:
            out.write(f"{error}\n")
            return EXIT_BAD_INPUT
        for path in anchors:
            try:
                failed |= not _report("anchor", path, read_anchor(Path(path), key), out)
            except AnchorError as error:
                out.write(f"ANCHOR INVALID {error}\n")
                failed = True
    for path in heads:
        try:
            failed |= not _report("heads", path, read_heads(Path(path)), out)
        except AnchorError as error:
            out.write(f"HEADS INVALID {error}\n")
            failed = True
    return EXIT_PROBLEMS if failed else 0


def verify_anchors(args: argparse.Namespace, out: IO[str]) -> int:
    """`audit verify --anchors/--heads`, after the case chains: the monitoring chains, then every head of
    the documents given. Returns 0, EXIT_PROBLEMS or EXIT_BAD_INPUT."""
    _django()
    from beibit.monitoring.services import verify as verify_monitoring

    report = verify_monitoring()
    for problem in report.problems:
        out.write(f"TAMPERED monitoring {problem}\n")
    verdict = "intact" if report.intact else f"{len(report.problems)} problem(s)"
    out.write(f"monitoring: {report.records} record(s), {report.events} event(s): {verdict}\n")
    code = check_documents(args.anchors or [], args.heads or [], args.public_key, out)
    if code == EXIT_BAD_INPUT:
        return EXIT_BAD_INPUT
    return max(0 if report.intact else EXIT_PROBLEMS, code)


def cmd_roles(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Print (or run, with --apply) the SQL that gives the service its role (PostgreSQL)."""
    _django()
    from django.db import connection

    from beibit.operations.roles import RoleNames, apply, statements

    if connection.vendor != "postgresql":
        out.write("the roles are PostgreSQL's: point BEIBIT_DATABASE_URL at the PostgreSQL database\n")
        return EXIT_BAD_INPUT
    names = RoleNames(owner=args.owner, service=args.service)
    sql = statements(names, str(connection.settings_dict["NAME"]))
    if args.apply:
        apply(sql)
        out.write(f"roles set: {names.owner} owns and migrates, {names.service} serves\n")
    else:
        out.write(";\n\n".join(sql) + ";\n")
    return 0


def add_operations_commands(subparsers: Any, audit_commands: Any, verify: argparse.ArgumentParser) -> None:
    verify.add_argument(
        "--anchors",
        action="append",
        metavar="FILE",
        help="an earlier signed anchor (repeatable): fail if any of its heads is not in today's chains",
    )
    verify.add_argument(
        "--heads",
        action="append",
        metavar="FILE",
        help="a saved copy of the open data's chain-heads.json (repeatable, unsigned): fail the same way",
    )
    verify.add_argument(
        "--public-key", help="the anchors' public key (PEM); default: the public half of BEIBIT_ANCHOR_KEY"
    )

    keygen = audit_commands.add_parser("keygen", help="make the Ed25519 key pair that signs the anchors")
    keygen.add_argument("file", help="where to write the private key (FILE.pub gets the public key)")
    keygen.set_defaults(run=cmd_audit_keygen)

    anchor = audit_commands.add_parser("anchor", help="sign the current chain heads into an anchor file")
    anchor.add_argument("--out", required=True, help="the anchor file to write, or a folder for a dated one")
    anchor.add_argument("--key", help="the Ed25519 private key (PEM); default: BEIBIT_ANCHOR_KEY")
    anchor.set_defaults(run=cmd_audit_anchor)

    roles = subparsers.add_parser(
        "roles", help="the PostgreSQL roles: an owner that migrates, a service without DDL or log edits"
    )
    roles.add_argument("--owner", default="beibit_owner", help="the role that owns the tables and migrates")
    roles.add_argument("--service", default="beibit_service", help="the role the application runs as")
    roles.add_argument(
        "--apply", action="store_true", help="run the SQL (as a superuser) instead of printing it"
    )
    roles.set_defaults(run=cmd_roles)

"""Anchors: the heads of the hash chains, signed and kept outside the database.

Whoever owns the tables can drop the append-only triggers, edit an event and recompute every hash after it:
`audit verify` alone then finds nothing. An anchor is the list of chain heads at one moment, signed with an
Ed25519 key that is not in the database; anyone holding an earlier anchor (or yesterday's published heads)
can show that today's chains no longer pass through them.

The heads per log:
- case events: for each case, the seq and hash of its last event;
- monitoring events: the same for each monitoring record;
- registry imports (not hash-chained: each row stands alone): for each row, a SHA-256 digest of its fields.

A chain only grows, so an earlier head must still be found, unchanged, at its seq today.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.db.models import Model, OuterRef, Subquery

from beibit.cases.chain import canonical_json
from beibit.cases.models import CaseEvent
from beibit.monitoring.models import MonitoringEvent
from beibit.registry.models import RegistryImport

FORMAT = "beibit-anchor-v1"
CASE_EVENTS = "case_events"
MONITORING_EVENTS = "monitoring_events"
REGISTRY_IMPORTS = "registry_imports"
LOGS = (CASE_EVENTS, MONITORING_EVENTS, REGISTRY_IMPORTS)

Heads = dict[str, dict[str, list[Any]]]  # log -> chain id (text) -> [seq, hash]


class AnchorError(Exception):
    """An anchor file that cannot be used: unreadable, not an anchor, or not signed by the expected key."""


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _event_heads(model: Any, chain_field: str) -> dict[str, list[Any]]:
    """The last event of each chain: the row whose seq is its chain's greatest (one indexed subquery)."""
    last_seq = model.objects.filter(**{chain_field: OuterRef(chain_field)}).order_by("-seq").values("seq")[:1]
    rows = (
        model.objects.filter(seq=Subquery(last_seq))
        .order_by(chain_field)
        .values_list(chain_field, "seq", "hash")
    )
    return {str(chain): [seq, digest] for chain, seq, digest in rows.iterator(chunk_size=5000)}


def registry_imports() -> type[Model]:
    """The registry's import log (beibit.registry, below this layer)."""
    return RegistryImport


def registry_import_digest(row: Any) -> str:
    """The SHA-256 of an import log row's fields (what was imported, by whom, when, under which decision)."""
    material = canonical_json(
        [
            FORMAT,
            "registry-import",
            row.pk,
            row.settlement,
            _instant(row.imported_at),
            row.imported_by_id,
            row.imported_by_name,
            row.via,
            row.decision_id,
            row.valid_from.isoformat(),
            row.valid_to.isoformat() if row.valid_to else None,
            row.replaced,
            row.file_name,
            row.file_sha256,
            row.file_size,
            row.added_ids,
            row.ended_ids,
            # A signed upload (issue 16) anchors its signature too; an unsigned row's digest is as before.
            *([row.signature] if row.signature is not None else []),
        ]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _registry_heads() -> dict[str, list[Any]]:
    rows = registry_imports()._default_manager.order_by("pk").iterator(chunk_size=1000)
    return {str(row.pk): [1, registry_import_digest(row)] for row in rows}


def chain_heads() -> Heads:
    """The current head of every chain of every log."""
    return {
        CASE_EVENTS: _event_heads(CaseEvent, "case_id"),
        MONITORING_EVENTS: _event_heads(MonitoringEvent, "record_id"),
        REGISTRY_IMPORTS: _registry_heads(),
    }


def summary(heads: Heads) -> dict[str, dict[str, Any]]:
    """Per log: how many chains, and one digest of all their heads (short enough to publish anywhere)."""
    return {
        log: {
            "chains": len(heads[log]),
            "digest": hashlib.sha256(canonical_json(heads[log]).encode("ascii")).hexdigest(),
        }
        for log in LOGS
    }


def heads_document(heads: Heads, at: dt.datetime) -> dict[str, Any]:
    """What an anchor signs, and what the open data publishes unsigned."""
    return {"format": FORMAT, "anchored_at": _instant(at), "summary": summary(heads), "logs": heads}


# --- keys and signatures -------------------------------------------------------------------------------


def generate_key(path: Path) -> Ed25519PublicKey:
    """A new private key in PEM at `path` (readable by its owner only; an existing file is never
    overwritten) and its public key beside it (`path` + ".pub"). Returns the public key."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    public = key.public_key()
    Path(f"{path}.pub").write_bytes(public_pem(public))
    return public


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The signing key; refused when others than its owner may read the file (as ssh refuses)."""
    try:
        if path.stat().st_mode & 0o077:
            raise AnchorError(f"{path} is readable by others than its owner: chmod 600 it")
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise AnchorError(f"cannot read the private key {path}: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AnchorError(f"{path} is not an Ed25519 private key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A public key file, or the public half of a private key file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AnchorError(f"cannot read the key {path}: {error}") from None
    if b"PRIVATE KEY" in data:
        return load_private_key(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise AnchorError(f"cannot read the public key {path}: {error}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise AnchorError(f"{path} is not an Ed25519 public key")
    return key


def _fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign(document: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """The signed anchor: the document, the key's fingerprint and the signature over its canonical JSON."""
    signature = key.sign(canonical_json(document).encode("ascii"))
    return {
        "anchor": document,
        "key_sha256": _fingerprint(key.public_key()),
        "signature": base64.b64encode(signature).decode("ascii"),
    }


def write_anchor(path: Path, key: Ed25519PrivateKey, at: dt.datetime) -> dict[str, Any]:
    """Sign the current heads and write them to `path` (never over an existing file). Returns the summary."""
    document = heads_document(chain_heads(), at)
    text = json.dumps(sign(document, key), indent=1, sort_keys=True) + "\n"
    with path.open("x", encoding="ascii") as file:
        file.write(text)
    result: dict[str, Any] = document["summary"]
    return result


_HASH = re.compile(r"[0-9a-f]{64}")


def _checked(document: Any, source: Path) -> dict[str, Any]:
    """A heads document whose every head is a chain id, a seq and a SHA-256 (an unsigned copy is input)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise AnchorError(f"{source} is not a {FORMAT} document")
    logs = document.get("logs")
    if not isinstance(logs, dict) or set(logs) != set(LOGS):
        raise AnchorError(f"{source}: the document lists other logs than {', '.join(LOGS)}")
    for log, chains in logs.items():
        if not isinstance(chains, dict):
            raise AnchorError(f"{source}: {log} is not a map of chains")
        for chain, head in chains.items():
            if not (
                isinstance(chain, str)
                and chain.isascii()
                and chain.isdigit()
                and isinstance(head, list)
                and len(head) == 2
                and type(head[0]) is int
                and head[0] >= 1
                and isinstance(head[1], str)
                and _HASH.fullmatch(head[1])
            ):
                raise AnchorError(f"{source}: {log} {chain!r} is not a head (seq, SHA-256)")
    if not isinstance(document.get("anchored_at"), str):
        raise AnchorError(f"{source}: no anchored_at")
    return document


def read_anchor(path: Path, key: Ed25519PublicKey) -> dict[str, Any]:
    """The signed document of an anchor file, after checking its signature against `key`."""
    try:
        signed = json.loads(path.read_text(encoding="utf-8"))
        document = signed["anchor"]
        signature = base64.b64decode(signed["signature"], validate=True)
        material = canonical_json(document).encode("ascii")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise AnchorError(f"{path} is not an anchor file: {error}") from None
    try:
        key.verify(signature, material)
    except InvalidSignature:
        raise AnchorError(
            f"{path}: the signature does not match (altered, or signed by another key)"
        ) from None
    return _checked(document, path)


def read_heads(path: Path) -> dict[str, Any]:
    """An unsigned copy of the heads, as the open data publishes them (chain-heads.json)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AnchorError(f"{path} is not a heads document: {error}") from None
    return _checked(document, path)


# --- checking the chains against an anchor ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Departure:
    """An anchored head that today's chains no longer pass through."""

    log: str
    chain: str
    seq: int
    message: str

    def __str__(self) -> str:
        noun = {
            CASE_EVENTS: "case",
            MONITORING_EVENTS: "monitoring record",
            REGISTRY_IMPORTS: "registry import",
        }
        where = f"{noun[self.log]} {self.chain}" + (
            f" event #{self.seq}" if self.log != REGISTRY_IMPORTS else ""
        )
        return f"{where}: {self.message}"


def _events_at(model: Any, chain_field: str, chains: Iterable[str]) -> dict[tuple[str, int], str]:
    wanted = sorted({int(chain) for chain in chains})
    found: dict[tuple[str, int], str] = {}
    for start in range(0, len(wanted), 1000):
        rows = model.objects.filter(**{f"{chain_field}__in": wanted[start : start + 1000]}).values_list(
            chain_field, "seq", "hash"
        )
        for chain, seq, digest in rows.iterator(chunk_size=5000):
            found[(str(chain), seq)] = digest
    return found


def _check_events(
    log: str, anchored: dict[str, list[Any]], model: Any, chain_field: str
) -> Iterator[Departure]:
    today = _events_at(model, chain_field, anchored)
    for chain, (seq, digest) in anchored.items():
        now = today.get((chain, int(seq)))
        if now is None:
            yield Departure(log, chain, int(seq), "the anchored event is gone")
        elif now != digest:
            yield Departure(
                log, chain, int(seq), "its hash differs from the anchored one (history rewritten)"
            )


def _check_registry(anchored: dict[str, list[Any]]) -> Iterator[Departure]:
    wanted = [int(row) for row in anchored]
    rows = {str(row.pk): row for row in registry_imports()._default_manager.filter(pk__in=wanted)}
    for row_id, (_seq, digest) in anchored.items():
        row = rows.get(row_id)
        if row is None:
            yield Departure(REGISTRY_IMPORTS, row_id, 1, "the anchored row is gone")
        elif registry_import_digest(row) != digest:
            yield Departure(REGISTRY_IMPORTS, row_id, 1, "its fields differ from the anchored ones (edited)")


def departures(document: dict[str, Any]) -> list[Departure]:
    """Every head of the anchor that today's chains do not hold."""
    logs = document["logs"]
    found = list(_check_events(CASE_EVENTS, logs[CASE_EVENTS], CaseEvent, "case_id"))
    found += _check_events(MONITORING_EVENTS, logs[MONITORING_EVENTS], MonitoringEvent, "record_id")
    found += _check_registry(logs[REGISTRY_IMPORTS])
    return found

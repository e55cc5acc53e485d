"""Anchors outside the database (fault 8b): `beibit audit anchor` signs the chain heads of the case events,
the monitoring events and the registry imports; `audit verify --anchors` fails once history has been
rewritten with recomputed hashes, as an owner of the tables could; a tampered anchor fails its signature;
the open data publishes the heads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from beibit.cases import workflow as wf
from beibit.cases.chain import canonical_json, event_hash
from beibit.cases.clock import apply_clock
from beibit.cases.models import Case, CaseEvent
from beibit.demo import load_demo
from beibit.monitoring.models import MonitoringEvent
from beibit.operations import anchors
from beibit.registry.models import RegistryImport
from beibit.service_cli import main
from tests.cases.fixtures import at

NOW = at(2026, 11, 28, 12)


def beibit(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), io.BytesIO(), out)
    return code, out.getvalue()


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "anchor-key.pem"
    code, text = beibit("audit", "keygen", str(path))
    assert code == 0 and "BEGIN PUBLIC KEY" in text
    return path


@pytest.fixture
def demo(db: None) -> None:
    load_demo(now=NOW, out=io.StringIO())


def _triggers(action: str, table: str = "cases_caseevent", name: str = "caseevent") -> None:
    """Drop or restore the append-only triggers of a log, as the tables' owner can."""
    from beibit.common.append_only import AppendOnlyTriggers

    triggers = AppendOnlyTriggers(table=table, name=name, subject="rows are")
    vendor = {"postgresql": "postgres", "sqlite": "sqlite"}[connection.vendor]
    statements = getattr(triggers, f"{vendor}_{action}")()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rewrite_a_refusal(new_grounds: list[str]) -> Case:
    """What an owner of the tables can do: edit a refusal's grounds, recompute every hash after it and the
    stored state, so that the chain is consistent again."""
    case = next(c for c in Case.objects.filter(status=wf.REFUSED).order_by("pk"))
    events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
    decision = next(e for e in events if e.payload.get("grounds"))
    _triggers("drop")
    try:
        prev = events[0].prev_hash
        with connection.cursor() as cursor:
            for event in events:
                payload_json = event.payload_json
                if event.pk == decision.pk:
                    payload = {**event.payload, "grounds": new_grounds}
                    payload_json = canonical_json(payload)
                digest = event_hash(
                    case_id=case.pk,
                    seq=event.seq,
                    kind=event.kind,
                    payload_json=payload_json,
                    effective_on=event.effective_on,
                    occurred_at=event.occurred_at,
                    actor_id=event.actor_id,
                    actor_role=event.actor_role,
                    idempotency_key=event.idempotency_key,
                    prev_hash=prev,
                )
                cursor.execute(
                    "UPDATE cases_caseevent SET payload_json = %s, prev_hash = %s, hash = %s WHERE id = %s",
                    [payload_json, prev, digest, event.pk],
                )
                prev = digest
    finally:
        _triggers("create")
    rows = list(CaseEvent.objects.filter(case=case).order_by("seq"))
    state = wf.fold_document(
        wf.EventRecord(e.seq, e.kind, e.payload, e.effective_on, e.occurred_at) for e in rows
    )
    Case.objects.filter(pk=case.pk).update(
        state_json=canonical_json(state), last_event_hash=prev, status=state["status"]
    )
    return case


def test_fault08_a_rewritten_history_passes_audit_verify_but_not_the_anchor(
    demo: None, key: Path, tmp_path: Path
) -> None:
    anchor = tmp_path / "anchor.json"
    code, text = beibit("audit", "anchor", "--key", str(key), "--out", str(anchor))
    assert code == 0, text
    document = json.loads(anchor.read_text())["anchor"]
    assert document["summary"]["case_events"]["chains"] == Case.objects.count() == 17
    assert document["summary"]["monitoring_events"]["chains"] > 0
    assert document["summary"]["registry_imports"]["chains"] == RegistryImport.objects.count()

    code, text = beibit("audit", "verify", "--anchors", str(anchor), "--public-key", f"{key}.pub")
    assert code == 0, text
    assert "every head holds" in text

    case = rewrite_a_refusal(["14.1.1"])
    assert beibit("audit", "verify") == (
        0,
        f"audit: 17 case(s), {CaseEvent.objects.count()} event(s): intact\n",
    )
    code, text = beibit("audit", "verify", "--anchors", str(anchor), "--public-key", f"{key}.pub")
    assert code == 1
    assert f"REWRITTEN case {case.pk} event #" in text and "history rewritten" in text


def test_fault08_later_events_keep_an_anchor_valid_and_deleting_a_record_breaks_it(
    demo: None, key: Path, tmp_path: Path
) -> None:
    anchor = tmp_path / "anchor.json"
    assert beibit("audit", "anchor", "--key", str(key), "--out", str(anchor))[0] == 0
    # The chains grow (the clock records what fell due since): the anchored heads still hold.
    assert apply_clock(at(2027, 1, 15, 12)) > 0
    assert beibit("audit", "verify", "--anchors", str(anchor), "--public-key", f"{key}.pub")[0] == 0
    # An owner deletes a monitoring record's last event (trigger lifted) and mends the record's counters:
    # the record's own chain is consistent again, but the anchor misses its head.
    event = MonitoringEvent.objects.order_by("-id").first()
    assert event is not None
    _triggers("drop", "monitoring_monitoringevent", "monitoringevent")
    try:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM monitoring_monitoringevent WHERE id = %s", [event.pk])
    finally:
        _triggers("create", "monitoring_monitoringevent", "monitoringevent")
    code, text = beibit("audit", "verify", "--anchors", str(anchor), "--public-key", f"{key}.pub")
    assert code == 1
    assert (
        f"REWRITTEN monitoring record {event.record_id} event #{event.seq}: the anchored event is gone"
        in text
    )


def test_fault08_a_tampered_or_foreign_anchor_fails_its_signature(
    demo: None, key: Path, tmp_path: Path
) -> None:
    anchor = tmp_path / "anchor.json"
    assert beibit("audit", "anchor", "--key", str(key), "--out", str(anchor))[0] == 0
    signed = json.loads(anchor.read_text())
    first = next(iter(signed["anchor"]["logs"]["case_events"]))
    signed["anchor"]["logs"]["case_events"][first][1] = "0" * 64
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(signed))
    code, text = beibit("audit", "verify", "--anchors", str(forged), "--public-key", f"{key}.pub")
    assert code == 1 and "ANCHOR INVALID" in text and "signature does not match" in text
    # Signed by someone else's key: refused as well.
    other = tmp_path / "other.pem"
    assert beibit("audit", "keygen", str(other))[0] == 0
    code, text = beibit("audit", "verify", "--anchors", str(anchor), "--public-key", f"{other}.pub")
    assert code == 1 and "signature does not match" in text
    # No key to check with at all: a usage error, not a pass.
    assert beibit("audit", "verify", "--anchors", str(anchor))[0] == 2
    # Neither an anchor nor a key is ever overwritten.
    assert beibit("audit", "anchor", "--key", str(key), "--out", str(anchor))[0] == 2
    assert beibit("audit", "keygen", str(key))[0] == 2


def test_fault08_a_key_others_can_read_or_a_missing_folder_is_refused(
    demo: None, key: Path, tmp_path: Path
) -> None:
    key.chmod(0o640)
    code, text = beibit("audit", "anchor", "--key", str(key), "--out", str(tmp_path / "a.json"))
    assert code == 2 and "readable by others" in text and not (tmp_path / "a.json").exists()
    key.chmod(0o600)
    code, text = beibit("audit", "anchor", "--key", str(key), "--out", str(tmp_path / "missing" / "a.json"))
    assert code == 2 and "cannot write" in text
    assert beibit("audit", "keygen", str(tmp_path / "missing" / "k.pem"))[0] == 2
    assert beibit("audit", "anchor", "--out", str(tmp_path / "b.json"))[0] == 2  # no key at all


def test_fault08_the_open_data_publishes_the_heads(demo: None) -> None:
    cache.clear()  # the endpoint answers from a copy up to a minute old
    answer = Client().get("/api/v1/open-data/chain-heads.json")
    assert answer.status_code == 200
    body = answer.json()
    assert body["format"] == anchors.FORMAT
    assert body["logs"] == anchors.chain_heads()
    assert body["summary"] == anchors.summary(anchors.chain_heads())


def test_fault08_a_saved_copy_of_the_published_heads_shows_a_rewrite(demo: None, tmp_path: Path) -> None:
    """Anyone who saved yesterday's chain-heads.json from the open data can have the chains checked
    against it (unsigned: it proves what the site published then)."""
    cache.clear()
    saved = tmp_path / "chain-heads.json"
    saved.write_bytes(Client().get("/api/v1/open-data/chain-heads.json").content)
    code, text = beibit("audit", "verify", "--heads", str(saved))
    assert code == 0 and "every head holds" in text, text
    case = rewrite_a_refusal(["14.1.1"])
    code, text = beibit("audit", "verify", "--heads", str(saved))
    assert code == 1 and f"REWRITTEN case {case.pk} event #" in text
    # A copy that is not a heads document is refused, not taken as "nothing to check".
    for broken in ('{"format": "beibit-anchor-v1", "anchored_at": "x", "logs": {}}', "[]", "not json"):
        saved.write_text(broken)
        code, text = beibit("audit", "verify", "--heads", str(saved))
        assert code == 1 and "HEADS INVALID" in text
    document = json.loads(Client().get("/api/v1/open-data/chain-heads.json").content)
    first = next(iter(document["logs"]["case_events"]))
    document["logs"]["case_events"][first] = [1, "<script>"]
    saved.write_text(json.dumps(document))
    assert "is not a head" in beibit("audit", "verify", "--heads", str(saved))[1]

"""docs/api/openapi.json is what the code generates: regenerate it with `make openapi` when the API
changes."""

from __future__ import annotations

import json
from pathlib import Path

from beibit.api.openapi import document

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def test_the_committed_openapi_document_is_what_the_code_generates() -> None:
    generated = document()
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == generated, "docs/api/openapi.json is stale: run `make openapi` and commit the result"


def test_the_document_is_openapi_3_1_with_token_auth() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.1")
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"scheme": "bearer", "type": "http"}
    assert {"PlannedAssembly", "Evaluation", "ErrorOut"} <= set(schema["components"]["schemas"])

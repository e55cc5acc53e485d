"""`python -m beibit.api.openapi`: print the OpenAPI document the code generates (docs/api/openapi.json)."""

from __future__ import annotations

import json
import os
import sys


def document() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    import django

    django.setup()
    from beibit.api.app import api

    return (
        json.dumps(
            api.get_openapi_schema(path_prefix="/api/v1/"), indent=2, sort_keys=True, ensure_ascii=False
        )
        + "\n"
    )


if __name__ == "__main__":
    sys.stdout.write(document())

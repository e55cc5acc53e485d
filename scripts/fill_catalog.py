"""Write translations into an application's kk/ru catalogs from a JSON file, then compile them.

    python scripts/fill_catalog.py src/beibit/web/public translations.json

The JSON maps a language to {English text: translation}; plural entries map the English singular to a list of
forms. Entries not named keep what they have. Run scripts/update_web_catalogs.py first so the msgids exist.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from update_web_catalogs import compile_all, po_path


def main(argv: list[str]) -> int:
    app, source = Path(argv[0]).resolve(), Path(argv[1])
    translations: dict[str, dict[str, str | list[str]]] = json.loads(source.read_text(encoding="utf-8"))
    unknown: list[str] = []
    for lang, texts in translations.items():
        path = po_path(app, lang)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for english, translated in texts.items():
            key = next(
                (
                    m.id
                    for m in catalog
                    if m.id and (m.id == english or (isinstance(m.id, tuple) and m.id[0] == english))
                ),
                None,
            )
            if key is None:
                unknown.append(f"{lang}: {english}")
                continue
            message = catalog[key]
            message.string = tuple(translated) if isinstance(translated, list) else translated
            message.flags.discard("fuzzy")
        out = io.BytesIO()
        write_po(out, catalog, width=100, include_previous=False)
        path.write_bytes(out.getvalue())
    compile_all([app])
    for line in unknown:
        print(f"not in the catalog: {line}", file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

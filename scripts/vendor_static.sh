#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry at the versions pinned in package.json.
# The files are committed: the app never loads a script from a CDN, and a checkout needs no npm to run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
htmx=$(python3 -c 'import json; print(json.load(open("package.json"))["dependencies"]["htmx.org"])')
leaflet=$(python3 -c 'import json; print(json.load(open("package.json"))["dependencies"]["leaflet"])')
swagger=$(python3 -c 'import json; print(json.load(open("package.json"))["dependencies"]["swagger-ui-dist"])')
ncalayer=$(python3 -c 'import json; print(json.load(open("package.json"))["dependencies"]["ncalayer-js-client"])')
axe=$(python3 -c 'import json; print(json.load(open("package.json"))["dependencies"]["axe-core"])')
(cd "$work" && npm pack --silent "htmx.org@$htmx" "leaflet@$leaflet" "swagger-ui-dist@$swagger" "ncalayer-js-client@$ncalayer" "axe-core@$axe" >/dev/null)
mkdir -p "$work/htmx" "$work/leaflet" "$work/swagger" "$work/ncalayer" "$work/axe"
tar -xzf "$work/htmx.org-$htmx.tgz" -C "$work/htmx"
tar -xzf "$work/leaflet-$leaflet.tgz" -C "$work/leaflet"
tar -xzf "$work/swagger-ui-dist-$swagger.tgz" -C "$work/swagger"
tar -xzf "$work/ncalayer-js-client-$ncalayer.tgz" -C "$work/ncalayer"
tar -xzf "$work/axe-core-$axe.tgz" -C "$work/axe"
target=src/beibit/web/static/vendor
rm -rf "$target" && mkdir -p "$target/htmx" "$target/leaflet/images" "$target/swagger-ui" "$target/ncalayer"
cp "$work/htmx/package/dist/htmx.min.js" "$work/htmx/package/LICENSE" "$target/htmx/"
cp "$work/leaflet/package/dist/leaflet.js" "$work/leaflet/package/dist/leaflet.css" "$work/leaflet/package/LICENSE" "$target/leaflet/"
cp "$work/leaflet/package/dist/images/"*.png "$target/leaflet/images/"
# Swagger UI for /api/v1/docs: the bundle and its style sheet (the page's own start-up script is
# web/swagger-init.js: no inline script, so the pages' strict CSP holds there too).
cp "$work/swagger/package/swagger-ui-bundle.js" "$work/swagger/package/swagger-ui.css" "$work/swagger/package/LICENSE" "$target/swagger-ui/"
# NCALayer's WebSocket client (SIGEX, MIT): signing with EDS in the browser (beibit.cases.signed).
cp "$work/ncalayer/package/ncalayer-client.js" "$work/ncalayer/package/LICENSE" "$target/ncalayer/"
# axe-core (Deque, MPL-2.0): the end-to-end tests inject it into every page they check (accessibility); it is
# not served by the app, so it lives with the tests.
mkdir -p tests/e2e/vendor/axe-core
cp "$work/axe/package/axe.min.js" "$work/axe/package/LICENSE" tests/e2e/vendor/axe-core/
echo "vendored axe-core $axe into tests/e2e/vendor/axe-core"
echo "vendored htmx.org $htmx, leaflet $leaflet, swagger-ui-dist $swagger and ncalayer-js-client $ncalayer into $target"

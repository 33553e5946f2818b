#!/bin/bash
# Build the onedir bundle into dist/rural-cadre-desktop/ and smoke-test it.
# Usage: build/build.sh   (needs: pip install -e ".[build]")
set -euo pipefail
cd "$(dirname "$0")/.."
python build/build_ui.py 2>/dev/null || true   # .ui → gui/forms (the generated modules are committed)
pyinstaller --noconfirm --clean --workpath "${TMPDIR:-/tmp}/rcd-pyi-work" --distpath dist build/rural_cadre_desktop.spec
app=dist/rural-cadre-desktop/rural-cadre-desktop
"$app" --version
tmp=$(mktemp -d)
"$app" --db "$tmp/smoke.db" demo --returnees 200 >/dev/null
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$app" --db "$tmp/smoke.db" --quit-after 500
echo "bundle ok: $(du -sh dist/rural-cadre-desktop | cut -f1)"

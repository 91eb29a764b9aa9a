#!/bin/sh
# Render the HTML brief in a real headless browser (Debian's chromium) to a PNG and an A4 PDF,
# and check that a 4-item brief fits on at most two pages. Not part of `cargo test`, because
# chromium is not everywhere; tests/brief_browser.rs runs this script when chromium exists.
#
#   scripts/brief-render.sh [WEERBAAR_BINARY] [OUT_DIR]
#
# Needs: chromium (apt-get install -y chromium), pdfinfo (poppler-utils) or python3.
# Writes OUT_DIR/brief.html, brief.png, brief.pdf; exits 1 when the PDF has more than 2 pages.
set -eu
bin=${1:-./target/debug/weerbaar}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "brief-render: no chromium found; skipped" >&2
    exit 77
fi
# A private shortlist store, so the user's own shortlists are never touched.
state=$(mktemp -d)
export WEERBAAR_DATA_DIR="$state/data" XDG_CONFIG_HOME="$state/config"
unset WEERBAAR_CONFIG
"$bin" shortlist add Ouderavond diamant girls-talk gender-sexuality-alliances aarhus-model >/dev/null 2>&1
"$bin" export --shortlist Ouderavond --format html --place Utrecht --author "A. de Vries" \
    -o "$out/brief.html" --force 2>/dev/null
profile=$(mktemp -d)
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
 --disable-sync --no-first-run --disable-extensions --user-data-dir=$profile"
# shellcheck disable=SC2086
"$browser" $flags --no-pdf-header-footer --print-to-pdf="$out/brief.pdf" "file://$out/brief.html" >/dev/null 2>&1
# shellcheck disable=SC2086
"$browser" $flags --hide-scrollbars --window-size=1000,1400 --screenshot="$out/brief.png" "file://$out/brief.html" >/dev/null 2>&1
rm -rf "$state" "$profile"
[ -s "$out/brief.pdf" ] && [ -s "$out/brief.png" ] || { echo "brief-render: no PDF or PNG written" >&2; exit 1; }
if command -v pdfinfo >/dev/null; then
    pages=$(pdfinfo "$out/brief.pdf" | awk '/^Pages:/ {print $2}')
    size=$(pdfinfo "$out/brief.pdf" | awk -F': *' '/^Page size:/ {print $2}')
else
    # Each page object in an uncompressed page tree says /Type /Page (not /Pages).
    pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page(?!s)', open(sys.argv[1],'rb').read())))" "$out/brief.pdf")
    size=unknown
fi
echo "brief-render: $out/brief.pdf: $pages page(s), $size; $out/brief.png"
[ "$pages" -ge 1 ] && [ "$pages" -le 2 ] || { echo "brief-render: a 4-item brief must fit on 2 pages" >&2; exit 1; }

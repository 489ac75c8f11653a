#!/usr/bin/env bash
# Makes the pictures of the guide (docs/ja/利用ガイド.md): evaluates samples/
# with the release binary, dated 2026-01-01, prints the evaluation workbook to
# PDF with LibreOffice and turns chosen pages into PNG files here.
# Needs libreoffice (with a Japanese font: fonts-noto-cjk) and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/../.."
img=docs/img
cargo build --release --bin fairbid
bin=${CARGO_TARGET_DIR:-target}/release/fairbid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# evaluate NAME ARGS...: the samples evaluated with ARGS into $work/NAME.xlsx,
# printed to $work/NAME.pdf.
evaluate() {
    local name=$1
    shift
    SOURCE_DATE_EPOCH=1767225600 "$bin" evaluate --requirements samples/requirements.xlsx \
        --responses samples/responses --requests samples/requests.xlsx \
        --settings samples/settings.toml -o "$work/$name.xlsx" --quiet "$@"
    libreoffice --headless -env:UserInstallation="file://$work/profile" \
        --convert-to pdf --outdir "$work" "$work/$name.xlsx" >/dev/null
}
evaluate 評価
evaluate 総合評価 --prices samples/prices.xlsx
evaluate 委員評価 --decisions samples/decisions.xlsx --criteria samples/criteria.xlsx \
    --scores samples/scores
pdf=$work/評価.pdf

# page NAME PAGE [CROP_HEIGHT]: one page of $pdf at 80 dpi (the top CROP_HEIGHT pixels if given).
page() {
    local crop=()
    if [ $# -ge 3 ]; then crop=(-x 0 -y 0 -W 935 -H "$3"); fi
    pdftoppm -png -r 80 -f "$2" -l "$2" -singlefile "${crop[@]}" "$pdf" "$img/$1"
}

# page_with TEXT: the first page of $pdf whose text holds TEXT.
page_with() {
    local pages i
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    for ((i = 1; i <= pages; i++)); do
        # grep reads the whole page: with -q it would stop early and
        # pdftotext's broken pipe would fail the test under pipefail.
        if pdftotext -f "$i" -l "$i" "$pdf" - | grep -c "$1" >/dev/null; then
            echo "$i"
            return
        fi
    done
    echo "docs/img/make.sh: no page of $pdf holds $1" >&2
    exit 1
}
page 01-概要 1
page 02-要件別評価 2
page 03-公平性 6 330
page 04-感度分析 8
page 08-回答備考 13 330
page 05-カスタマイズ 19
page 09-団体別 21 330
page 06-業務別 23
page 07-検証結果 24
pdf=$work/総合評価.pdf
page 10-総合評価 1
pdf=$work/委員評価.pdf
at=$(page_with 裁定ファイル)
page 11-裁定 "$at" 420
at=$(page_with 委員評価の順位)
page 12-委員評価 "$at"
ls -l "$img"/*.png

#!/usr/bin/env bash
# Makes the packages a secretariat unpacks and runs, without Rust:
#   dist/out/fairbid-<version>-windows-x64.zip     fairbid.exe, サンプルを実行.bat
#   dist/out/fairbid-<version>-linux-x64.tar.gz    fairbid, run-sample.sh
# each with samples/, the guide (docs/ja/利用ガイド.md and its pictures), the
# flag pages, README.md and LICENSE. The version is Cargo.toml's.
# Needs the Windows target and the MinGW-w64 linker (see .ci/run).
# With SOURCE_DATE_EPOCH set, the files in the packages carry that date.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
bin=${CARGO_TARGET_DIR:-target}
out=dist/out
stamp=${SOURCE_DATE_EPOCH:-$(date +%s)}

cargo build --release --bin fairbid
cargo build --release --target x86_64-pc-windows-gnu --bin fairbid
cargo build --release --example zip_folder

rm -rf "$out"
mkdir -p "$out"

# stage FOLDER: what both packages hold.
stage() {
    local d=$1
    mkdir -p "$d/samples/responses" "$d/samples/scores" "$d/docs/ja" "$d/docs/img" "$d/docs/flags"
    # Every sample the guide walks through: the matrix, the responses and
    # requests, the decisions, the prices, the criteria and scoresheets,
    # the members.
    cp samples/*.xlsx samples/settings.toml samples/README.md "$d/samples/"
    cp samples/responses/*.xlsx "$d/samples/responses/"
    cp samples/scores/*.xlsx "$d/samples/scores/"
    cp docs/ja/利用ガイド.md "$d/docs/ja/"
    cp docs/img/*.png "$d/docs/img/"
    cp docs/flags/*.md "$d/docs/flags/"
    cp README.md LICENSE "$d/"
}

# binary SOURCE DEST STRIP: the release binary without its debug information.
binary() {
    if command -v "$3" >/dev/null; then "$3" -o "$2" "$1"; else cp "$1" "$2"; fi
}

linux=fairbid-$version-linux-x64
stage "$out/$linux"
binary "$bin/release/fairbid" "$out/$linux/fairbid" strip
cp dist/run-sample.sh "$out/$linux/"
chmod 755 "$out/$linux/fairbid" "$out/$linux/run-sample.sh"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
    -czf "$out/$linux.tar.gz" -C "$out" "$linux"

windows=fairbid-$version-windows-x64
stage "$out/$windows"
binary "$bin/x86_64-pc-windows-gnu/release/fairbid.exe" "$out/$windows/fairbid.exe" x86_64-w64-mingw32-strip
# A batch file is read by cmd.exe line by line: CRLF line endings, always.
sed 's/\r*$/\r/' dist/サンプルを実行.bat >"$out/$windows/サンプルを実行.bat"
SOURCE_DATE_EPOCH=$stamp "$bin/release/examples/zip_folder" "$out/$windows.zip" "$out/$windows"

rm -rf "${out:?}/$linux" "${out:?}/$windows"
ls -l "$out"

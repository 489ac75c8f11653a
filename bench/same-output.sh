#!/usr/bin/env bash
# Shows that a change of structure changed no output: runs every command the
# README shows on samples/ with the build of BASE_COMMIT and with the working
# tree, and compares the files they write byte for byte.
#
#   bench/same-output.sh BASE_COMMIT        # e.g. bench/same-output.sh main~3
#   bench/same-output.sh BASE_COMMIT --keep # keep the two output folders
#   BASE_BIN=path/to/fairbid bench/same-output.sh BASE_COMMIT  # base already built
#
# SOURCE_DATE_EPOCH is set, so a workbook's dates are the same in both runs.
# The base is built in a git worktree under target/same-output/base (made
# again when the commit changes). Exit 0 when every file is identical, 1 when
# any differs (each difference is listed), 2 when a build fails.
set -euo pipefail

cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
base=$(git rev-parse --verify "$1^{commit}")
keep=${2:-}

root=$PWD
work=$root/target/same-output
mkdir -p "$work"

# The base build: a worktree of BASE_COMMIT with a target dir of its own.
base_bin=${BASE_BIN:-}
if [ -n "$base_bin" ]; then
    base_bin=$(realpath "$base_bin")
elif [ ! -d "$work/base" ] || [ "$(git -C "$work/base" rev-parse HEAD 2>/dev/null)" != "$base" ]; then
    git worktree remove --force "$work/base" 2>/dev/null || rm -rf "$work/base"
    git worktree prune
    git worktree add --detach "$work/base" "$base" >/dev/null
fi
if [ -z "$base_bin" ]; then
    echo "building base $(git rev-parse --short "$base") ..." >&2
    (cd "$work/base" && CARGO_TARGET_DIR="$work/base-target" cargo build --release --quiet --bin fairbid) || exit 2
    base_bin=$work/base-target/release/fairbid
fi
echo "building working tree ..." >&2
cargo build --release --quiet --bin fairbid || exit 2

export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01
clock=()
if command -v faketime >/dev/null; then clock=(faketime "2026-01-01 00:00:00"); fi

# Every command the README shows, run in OUT with the binary BIN. Exit codes
# are recorded too: a command that now fails differently is a difference.
run_all() {
    local bin=$1 out=$2 s=$root/samples
    rm -rf "$out"
    mkdir -p "$out"
    (
        cd "$out"
        local common=(--requirements "$s/requirements.xlsx" --responses "$s/responses")
        local full=("${common[@]}" --requests "$s/requests.xlsx" --settings "$s/settings.toml")
        {
            "$bin" evaluate "${full[@]}" -o evaluation.xlsx --json evaluation.json --quiet; echo "evaluate $?"
            "$bin" evaluate "${full[@]}" -o evaluation-en.xlsx --json evaluation-en.json --lang en --quiet; echo "evaluate-en $?"
            "$bin" evaluate "${full[@]}" -o RFI評価.xlsx --dossiers 講評 --quiet; echo "evaluate-dossiers $?"
            "$bin" evaluate "${full[@]}" -o RFI-en.xlsx --dossiers dossiers-en --lang en --quiet; echo "evaluate-dossiers-en $?"
            "$bin" evaluate "${common[@]}" -o plain.xlsx --json plain.json --quiet; echo "evaluate-plain $?"
            "$bin" evaluate "${full[@]}" -o strict.xlsx --strict --quiet; echo "evaluate-strict $?"
            "$bin" template --requirements "$s/requirements.xlsx" -o 回答書.xlsx --settings "$s/settings.toml"; echo "template $?"
            "$bin" template --requirements "$s/requirements.xlsx" -o form-en.xlsx --settings "$s/settings.toml" --lang en; echo "template-en $?"
            "$bin" check "${common[@]}" --json check.json > check.txt; echo "check $?"
            "$bin" check "${common[@]}" --settings "$s/settings.toml" --json check-settings.json > check-settings.txt; echo "check-settings $?"
            "$bin" check "${common[@]}" --lang en > check-en.txt; echo "check-en $?"
            "$bin" draft "${full[@]}" -o RFP案.xlsx; echo "draft $?"
            "$bin" draft "${full[@]}" -o RFP案-applied.xlsx --apply; echo "draft-apply $?"
            "$bin" draft "${full[@]}" -o RFP-en.xlsx --apply --lang en; echo "draft-apply-en $?"
            "$bin" evaluate --requirements RFP案-applied.xlsx --responses "$s/responses" \
                --requests "$s/requests.xlsx" --settings "$s/settings.toml" -o RFP評価.xlsx --json RFP評価.json --quiet; echo "evaluate-rfp $?"
            sed 's/^min_competitors = 2/min_competitors = 5/' "$s/settings.toml" > 5社.toml
            "$bin" draft "${common[@]}" --settings 5社.toml -o RFP案5社.xlsx --apply; echo "draft-5 $?"
            "$bin" evaluate --requirements RFP案5社.xlsx --responses "$s/responses" --settings 5社.toml --json - --quiet > 5社.json; echo "evaluate-5 $?"
            # Before it honoured SOURCE_DATE_EPOCH, init dated its matrix now:
            # a fixed clock (faketime, where installed) compares such a base too.
            "${clock[@]}" "$bin" init init-ja >/dev/null; echo "init $?"
            "${clock[@]}" "$bin" init init-en --lang en >/dev/null; echo "init-en $?"
        } > exit-codes.txt 2> stderr.txt
    )
}

run_all "$base_bin" "$work/out-base"
run_all "$root/target/release/fairbid" "$work/out-new"

# The paths are the same in both runs but for the folder name: make stderr comparable.
sed -i "s#$work/out-base#OUT#g; s#$work/base/#ROOT/#g; s#$root/#ROOT/#g" "$work/out-base/stderr.txt"
sed -i "s#$work/out-new#OUT#g; s#$root/#ROOT/#g" "$work/out-new/stderr.txt"

status=0
count=0
while IFS= read -r -d '' f; do
    rel=${f#"$work/out-base/"}
    count=$((count + 1))
    if [ ! -f "$work/out-new/$rel" ]; then
        echo "missing in the working tree's run: $rel"
        status=1
    elif ! cmp -s "$f" "$work/out-new/$rel"; then
        echo "differs: $rel"
        status=1
    fi
done < <(find "$work/out-base" -type f -print0 | sort -z)
while IFS= read -r -d '' f; do
    rel=${f#"$work/out-new/"}
    [ -f "$work/out-base/$rel" ] || { echo "only in the working tree's run: $rel"; status=1; }
done < <(find "$work/out-new" -type f -print0 | sort -z)

if [ $status -eq 0 ]; then
    echo "same output: $count files byte-identical to $(git rev-parse --short "$base")"
fi
[ -n "$keep" ] || rm -rf "$work/out-base" "$work/out-new"
exit $status

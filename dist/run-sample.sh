#!/bin/sh
# サンプル（北陵県西部六町村・ベンダー5社）を評価し、評価結果と個別評価を
# 新しいフォルダ（結果、2回目からは 結果2、結果3 …）に書きます。
set -e
cd "$(dirname "$0")"
out=結果
n=1
while [ -e "$out" ]; do
    n=$((n + 1))
    out=結果$n
done
./fairbid evaluate --requirements samples/requirements.xlsx --responses samples/responses \
    --requests samples/requests.xlsx --settings samples/settings.toml \
    -o "$out/評価.xlsx" --dossiers "$out/講評"
echo
echo "評価結果: $out/評価.xlsx"
echo "個別評価: $out/講評/"

@echo off
chcp 65001 > nul
rem サンプル（北陵県西部六町村・ベンダー5社）を評価し、評価結果と個別評価を
rem 新しいフォルダ（結果、2回目からは 結果2、結果3 …）に書きます。
cd /d "%~dp0"
set "OUT=結果"
set N=1
:find
if not exist "%OUT%" goto run
set /a N+=1
set "OUT=結果%N%"
goto find
:run
fairbid.exe evaluate --requirements samples\requirements.xlsx --responses samples\responses --requests samples\requests.xlsx --settings samples\settings.toml -o "%OUT%\評価.xlsx" --dossiers "%OUT%\講評"
if errorlevel 1 goto failed
echo.
echo 評価結果: %OUT%\評価.xlsx
echo 個別評価: %OUT%\講評\
goto end
:failed
echo.
echo 評価を実行できませんでした。上のメッセージを確認してください。
:end
pause

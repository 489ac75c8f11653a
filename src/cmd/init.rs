//! `fairbid init`: a starter requirement matrix and the commented default
//! settings, so a secretariat starts from a form fairbid reads without a warning.

use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use crate::cli::InitArgs;
use crate::cmd::{Status, document_date};
use crate::model::Lang;
use crate::output::{check_target, write_atomic};
use crate::settings::DEFAULT_SETTINGS_TOML;

/// Example rows of the starter matrix: (ID, 業務, 分類, text, priority, weight).
const ROWS_JA: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "JR-001",
        "住民記録",
        "異動処理",
        "転入・転出・転居の届出を受け付け、住民票に異動を記録できること。",
        "必須",
        "",
    ),
    (
        "JR-002",
        "住民記録",
        "証明発行",
        "住民票の写しを窓口で即時に交付できること。",
        "必須",
        "",
    ),
    (
        "JR-003",
        "住民記録",
        "証明発行",
        "コンビニ交付サービスと連携できること。",
        "推奨",
        "",
    ),
    (
        "ZE-001",
        "個人住民税",
        "賦課",
        "特別徴収税額通知書を圧着はがき形式で出力できること。",
        "推奨",
        "",
    ),
    (
        "KK-001",
        "国民健康保険",
        "資格",
        "国保の資格取得・喪失を住民記録の異動と連動して処理できること。",
        "必須",
        "",
    ),
    (
        "KK-002",
        "国民健康保険",
        "賦課",
        "保険税の減免を条例で定める区分ごとに設定できること。",
        "任意",
        "",
    ),
];

const ROWS_EN: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "JR-001",
        "Resident registry",
        "Moves",
        "Register moves in, out and within the town on the resident record.",
        "Must",
        "",
    ),
    (
        "JR-002",
        "Resident registry",
        "Certificates",
        "Issue a copy of the resident record at the counter at once.",
        "Must",
        "",
    ),
    (
        "JR-003",
        "Resident registry",
        "Certificates",
        "Link to the convenience-store certificate service.",
        "Should",
        "",
    ),
    (
        "ZE-001",
        "Local tax",
        "Assessment",
        "Print the special-collection tax notice as a sealed postcard.",
        "Should",
        "",
    ),
    (
        "KK-001",
        "Health insurance",
        "Eligibility",
        "Update insurance eligibility from resident-record moves.",
        "Must",
        "",
    ),
    (
        "KK-002",
        "Health insurance",
        "Assessment",
        "Set premium reductions per the town's own categories.",
        "Could",
        "",
    ),
];

/// One file `init` writes: its name, its bytes, and what it is for.
struct Starter {
    name: &'static str,
    bytes: Vec<u8>,
    purpose: &'static str,
}

pub fn run(args: &InitArgs) -> Result<Status> {
    let dir = &args.dir;
    let lang = Lang::from(args.lang);
    let created = document_date();
    let starters = [
        Starter {
            name: "requirements.xlsx",
            bytes: starter_matrix(lang)?,
            purpose: lang.pick(
                "要件一覧の記入例。要件を記入し、template と evaluate の --requirements に指定します",
                "the requirement matrix: fill in the requirements; --requirements of template and evaluate",
            ),
        },
        Starter {
            name: "settings.toml",
            bytes: DEFAULT_SETTINGS_TOML.as_bytes().to_vec(),
            purpose: lang.pick(
                "設定（凡例・配点・しきい値・総合評価・費用按分）。内容を確認し、--settings に指定します",
                "the settings (legend, weights, thresholds, award, cost split): review them; --settings",
            ),
        },
        Starter {
            name: crate::write::starter_decisions::STARTER_DECISIONS_FILE,
            bytes: crate::write::starter_decisions::starter_decisions(lang, created)?,
            purpose: lang.pick(
                "選定委員会の裁定の記入例。裁定を記録し、evaluate --decisions に指定します",
                "the committee's decisions: record the rulings; evaluate --decisions",
            ),
        },
        Starter {
            name: crate::write::prices_starter::FILE_NAME,
            bytes: crate::write::prices_starter::starter_prices(lang, created)?,
            purpose: lang.pick(
                "提案価格一覧の記入例。各社の見積を転記し、evaluate --prices に指定します",
                "the prices: copy each bidder's price; evaluate --prices",
            ),
        },
        Starter {
            name: "criteria.xlsx",
            bytes: crate::write::criteria::starter_criteria(lang, created)?,
            purpose: lang.pick(
                "委員評価の評価基準の記入例。評価項目と配点を記入し、template --scoresheet と evaluate --criteria に指定します",
                "the committee's criteria: fill in the items and points; template --scoresheet and evaluate --criteria",
            ),
        },
        Starter {
            name: "members.xlsx",
            bytes: crate::write::share::starter::members_workbook(lang, created)?,
            purpose: lang.pick(
                "構成団体の一覧の記入例。人口などを記入し、share --members に指定します",
                "the member towns: fill in their population and use; share --members",
            ),
        },
    ];
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "{}: {}",
            dir.display(),
            lang.pick("フォルダを作成できません", "cannot create the folder")
        )
    })?;
    // Every target is checked before the first is written: a refused init
    // leaves the folder as it was.
    for starter in &starters {
        check_target(&dir.join(starter.name), &[], args.force, lang)?;
    }
    for starter in &starters {
        write_atomic(&dir.join(starter.name), &starter.bytes, lang)?;
    }
    let mut said =
        String::from(lang.pick("次のファイルを作成しました。\n", "wrote these files:\n"));
    for starter in &starters {
        said.push_str(&format!(
            "  {}  {}\n",
            shown(&dir.join(starter.name)),
            starter.purpose
        ));
    }
    eprint!("{said}");
    Ok(Status::Done)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The starter matrix: a title row, a blank row, the header, example rows.
///
/// Dated like every workbook fairbid writes (`SOURCE_DATE_EPOCH` when set), so
/// the same command gives the same bytes.
fn starter_matrix(lang: Lang) -> Result<Vec<u8>> {
    let created = ExcelDateTime::from_timestamp(document_date())
        .context("the document date is outside the years 1900–9999")?;
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = wb.add_worksheet();
    sheet.set_name(lang.pick("要件一覧", "Requirements"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    sheet.write_string_with_format(
        0,
        0,
        lang.pick(
            "機能要件一覧（記入例）",
            "Functional requirements (example)",
        ),
        &title,
    )?;
    let headers = match lang {
        Lang::Ja => [
            "要件ID",
            "業務",
            "分類",
            "要件内容",
            "必須区分",
            "配点",
            "備考",
        ],
        Lang::En => [
            "Requirement ID",
            "Business area",
            "Category",
            "Requirement",
            "Priority",
            "Weight",
            "Remarks",
        ],
    };
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
    }
    let rows = match lang {
        Lang::Ja => ROWS_JA,
        Lang::En => ROWS_EN,
    };
    for (r, (id, area, category, text, priority, weight)) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, v) in [id, area, category, text, priority, weight, &""]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(r, c as u16, **v, &cell)?;
        }
    }
    for (c, w) in [10.0, 14.0, 14.0, 60.0, 10.0, 8.0, 24.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    Ok(wb.save_to_buffer()?)
}

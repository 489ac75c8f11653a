//! The response form (SPEC §8.4): the workbook the secretariat sends to the
//! vendors, built from the requirement matrix.
//!
//! A form that comes back edited is the first source of unfair comparisons:
//! a reworded requirement, an inserted row, a cost in thousands of yen, a
//! code outside the legend. So the form lets a vendor type only where an
//! answer belongs — the requirement cells are locked by sheet protection, the
//! answer column offers the legend's codes as a drop-down, the cost column
//! takes numbers ≥ 0 only — and it is laid out exactly as `evaluate` reads
//! it: one sheet per business area with a header row of known aliases, a
//! cover whose `会社名` cell names the vendor, and an instructions sheet whose
//! first rows hold sentences, never a bare header word that the reader would
//! take for a broken header.
//!
//! ```text
//! 表紙        会社名 | [        ]        (unlocked cells are filled in)
//! 記入要領    the legend, the cost rules, what not to change
//! 住民記録    要件ID | 業務 | 分類 | 要件内容 | 必須区分 | 配点 | 回答 | カスタマイズ費用（円） | 備考
//!             R-001  | …    | …    | …        | 必須     | 3    | [▼] | [          ]           | [    ]
//! ```

use std::borrow::Cow;
use std::collections::HashSet;

use indexmap::IndexMap;
use rust_xlsxwriter::{
    ColNum, Color, DataValidation, DataValidationRule, Format, FormatAlign, Formula,
    ProtectionOptions, RowNum, Workbook, Worksheet,
};

use super::RunInfo;
use super::labels::Labels;
use super::xlsx::format::{
    TextFormat, bordered, centred, date_text, fit_text, header_format, merge_text, short_number,
    write_text,
};
use super::xlsx::layout::{Columns, cell, header_row, page_header_text};
use super::xlsx::new_workbook;
use super::xlsx::stream::{Cell, Rows, add_sheet, header_cells, stream};
use crate::model::{Lang, Level, Priority, Requirement};
use crate::normalize::legend::code_key;
use crate::normalize::nfkc;
use crate::read::header::Field;

/// Excel's limit on a sheet name, in UTF-16 units.
const SHEET_NAME_LIMIT: usize = 31;
/// Excel's limit on the joined text of a drop-down list written in the rule itself.
const LIST_LIMIT: usize = 255;
/// Excel's limits on a validation's input and error messages and titles.
const MESSAGE_LIMIT: usize = 255;
const MESSAGE_TITLE_LIMIT: usize = 32;

/// Row of the header on an answer sheet (0-based): a title and a note stand above it.
const HEADER_ROW: RowNum = 2;

/// The columns of an answer sheet, in order, with their (minimum, maximum)
/// widths in display cells. Each is a field of the reader's schema under the
/// header the schema gives it (`Field::form_header`), so that `evaluate`
/// reads back every column the form writes. The answer column is wide
/// enough for the longest default code and the drop-down arrow.
const COLUMNS: [(Field, (usize, usize)); 9] = [
    (Field::Id, (8, 12)),
    (Field::Area, (6, 12)),
    (Field::Category, (6, 14)),
    (Field::Text, (30, 50)),
    (Field::Priority, (8, 8)),
    (Field::Weight, (4, 6)),
    (Field::Answer, (12, 12)),
    (Field::Cost, (16, 16)),
    (Field::Remarks, (30, 30)),
];

/// The column of a field on an answer sheet; a field the form has no column
/// for fails the build.
const fn column(field: Field) -> ColNum {
    let mut i = 0;
    while i < COLUMNS.len() {
        if COLUMNS[i].0 as usize == field as usize {
            return i as ColNum;
        }
        i += 1;
    }
    panic!("not a column of the response form")
}

const ANSWER_COLUMN: ColNum = column(Field::Answer);
const COST_COLUMN: ColNum = column(Field::Cost);
const REMARKS_COLUMN: ColNum = column(Field::Remarks);

/// The priority as the form prints it; `evaluate` reads both languages back.
fn priority_label(priority: Priority, lang: Lang) -> &'static str {
    match priority {
        Priority::Mandatory => lang.pick("必須", "Must"),
        Priority::Desirable => lang.pick("推奨", "Should"),
        Priority::Optional => lang.pick("任意", "Could"),
    }
}

/// What a level means, for the legend on the instructions sheet.
fn level_meaning(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Standard => lang.pick(
            "パッケージの標準機能で対応（パラメータ設定を含む）",
            "Met by the package's standard functions (parameter settings included)",
        ),
        Level::Alternative => lang.pick(
            "他の機能または運用の工夫で対応（プログラム改修なし）",
            "Met by another function or by operation (no code change)",
        ),
        Level::Customization => lang.pick(
            "プログラムの改修で対応（費用の記入が必要）",
            "Met by changing the program code (state the cost)",
        ),
        Level::Unsupported => lang.pick("対応できない", "Cannot be met"),
        Level::Missing | Level::Invalid => "",
    }
}

/// The legend as the form shows it: each answered level with its codes,
/// a code listed twice kept under its first level (as `evaluate` reads it).
struct FormLegend {
    levels: Vec<(Level, String, Vec<String>, f64)>,
}

impl FormLegend {
    fn new(run: &RunInfo, labels: &Labels) -> FormLegend {
        let mut seen = HashSet::new();
        let levels = Level::ANSWERED
            .into_iter()
            .map(|level| {
                let configured = run.settings.legend.level(level).expect("answered level");
                let codes = configured
                    .codes
                    .iter()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty() && seen.insert(code_key(c)))
                    .collect();
                (
                    level,
                    labels.level(level).to_string(),
                    codes,
                    configured.factor,
                )
            })
            .collect();
        FormLegend { levels }
    }

    /// Every code in legend order: the drop-down's choices.
    fn codes(&self) -> Vec<&str> {
        self.levels
            .iter()
            .flat_map(|(_, _, codes, _)| codes.iter().map(String::as_str))
            .collect()
    }

    fn codes_of(&self, level: Level) -> &[String] {
        self.levels
            .iter()
            .find(|(l, ..)| *l == level)
            .map_or(&[], |(_, _, codes, _)| codes.as_slice())
    }

    /// Whether the choices fit in the validation rule itself: at most 255
    /// characters joined, and no comma (Excel splits the list on commas).
    fn fits_inline(&self) -> bool {
        let codes = self.codes();
        let joined: usize = codes
            .iter()
            .map(|c| c.replace('"', "\"\"").encode_utf16().count())
            .sum::<usize>()
            + codes.len().saturating_sub(1);
        joined <= LIST_LIMIT && !codes.iter().any(|c| c.contains(','))
    }

    /// `◎ 標準機能 / ○ 代替・運用 / …`: the first code of each level.
    fn summary(&self, lang: Lang) -> String {
        self.levels
            .iter()
            .filter_map(|(_, name, codes, _)| codes.first().map(|c| format!("{c} {name}")))
            .collect::<Vec<_>>()
            .join(lang.pick(" ／ ", " / "))
    }
}

/// Cleans business areas into sheet names Excel accepts: at most 31
/// characters, none of `[]:*?/\` (replaced by their full-width forms, which
/// read the same), no apostrophe at either end, not `History`, and unique
/// without regard to case or width. `reserved` names (the cover, the
/// instructions) are taken first.
pub fn area_sheet_names(areas: &[&str], reserved: &[&str], lang: Lang) -> Vec<String> {
    let key = |name: &str| nfkc(name).to_lowercase();
    let mut taken: HashSet<String> = reserved.iter().map(|r| key(r)).collect();
    areas
        .iter()
        .map(|area| {
            let base = clean_sheet_name(area, lang);
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(key(&name)) {
                let suffix = format!("（{n}）");
                let room = SHEET_NAME_LIMIT - suffix.encode_utf16().count();
                name = format!("{}{suffix}", fit_units(&base, room));
                n += 1;
            }
            name
        })
        .collect()
}

fn clean_sheet_name(area: &str, lang: Lang) -> String {
    let replaced: String = area
        .chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '/' => '／',
            '\\' => '＼',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = replaced.trim().trim_matches('\'').trim();
    let mut name = fit_units(trimmed, SHEET_NAME_LIMIT).trim_end().to_string();
    if name.is_empty() {
        name = lang.pick("業務", "Area").to_string();
    }
    // Excel keeps `History` for its change tracking.
    if name.eq_ignore_ascii_case("history") {
        name.push('_');
    }
    name
}

/// The longest prefix of `text` within `units` UTF-16 units.
fn fit_units(text: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        if used + c.len_utf16() > units {
            return &text[..i];
        }
        used += c.len_utf16();
    }
    text
}

/// A sheet name as a formula reference: always quoted, quotes doubled.
fn quoted_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// Fill of the cells a vendor fills in, the same on every sheet.
const INPUT_FILL: u32 = 0xFFF2CC;
const LABEL_FILL: u32 = 0xF2F2F2;

/// Every format of the form.
struct FormStyles {
    title: TextFormat,
    subtitle: TextFormat,
    section: TextFormat,
    sentence: TextFormat,
    header: TextFormat,
    label: TextFormat,
    /// A locked table cell, wrapped.
    text: TextFormat,
    /// A locked table cell, centred.
    centred: TextFormat,
    factor: Format,
    count: Format,
    /// No format of its own: the answer sheets' note.
    plain: TextFormat,
    /// Shows nothing on an empty cell: the blank cell that ends an answer
    /// sheet (a blank cell in no format at all would not be written).
    none: Format,
    /// Unlocked: the cover's fields, the answer, cost and remarks cells.
    field: Format,
    answer: Format,
    cost: Format,
    remarks: Format,
}

fn input() -> Format {
    bordered()
        .set_background_color(Color::RGB(INPUT_FILL))
        .set_unlocked()
}

impl FormStyles {
    fn new() -> FormStyles {
        FormStyles {
            title: TextFormat::new(Format::new().set_bold().set_font_size(16)),
            subtitle: TextFormat::new(Format::new().set_bold().set_font_size(13)),
            section: TextFormat::new(Format::new().set_bold().set_font_size(12)),
            sentence: TextFormat::new(
                Format::new()
                    .set_text_wrap()
                    .set_align(FormatAlign::Top)
                    .set_align(FormatAlign::Left),
            ),
            header: TextFormat::new(header_format()),
            label: TextFormat::new(
                bordered()
                    .set_bold()
                    .set_align(FormatAlign::VerticalCenter)
                    .set_background_color(Color::RGB(LABEL_FILL)),
            ),
            text: TextFormat::new(bordered().set_text_wrap()),
            centred: TextFormat::new(centred()),
            factor: bordered()
                .set_align(FormatAlign::Center)
                .set_num_format("0.0##"),
            count: bordered()
                .set_align(FormatAlign::Center)
                .set_num_format("0"),
            field: input().set_align(FormatAlign::VerticalCenter),
            answer: input().set_align(FormatAlign::Center),
            cost: input().set_num_format("#,##0"),
            remarks: input().set_text_wrap(),
            plain: TextFormat::new(Format::new()),
            none: Format::new().set_align(FormatAlign::Top),
        }
    }
}

/// The texts of the form in one language, with the settings filled in.
struct Texts {
    lang: Lang,
    /// The case title (settings.title), when set.
    title: Option<String>,
    date: String,
    tax_basis: String,
}

impl Texts {
    fn pick(&self, ja: &str, en: &str) -> String {
        self.lang.pick(ja, en).to_string()
    }

    fn cover_sheet(&self) -> &'static str {
        self.lang.pick("表紙", "Cover")
    }

    fn instructions_sheet(&self) -> &'static str {
        self.lang.pick("記入要領", "Instructions")
    }

    fn form_name(&self) -> String {
        self.pick("機能要件 回答書", "Response form: functional requirements")
    }

    /// The case title, or the form's name when the settings give none.
    fn heading(&self) -> String {
        self.title.clone().unwrap_or_else(|| self.form_name())
    }

    fn tax(&self) -> String {
        match (self.lang, self.tax_basis.as_str()) {
            (Lang::Ja, basis) => basis.to_string(),
            (Lang::En, "税込") => "tax included".to_string(),
            (Lang::En, _) => "tax excluded".to_string(),
        }
    }

    /// The cover's fields; the reader takes the cell right of `会社名` /
    /// `Company` as the vendor's name.
    fn cover_fields(&self) -> [String; 4] {
        [
            self.pick("会社名", "Company"),
            self.pick("担当者", "Contact person"),
            self.pick("連絡先（電話・メール）", "Phone and e-mail"),
            self.pick("回答日", "Date of reply"),
        ]
    }

    fn cover_lines(&self, instructions: &str) -> Vec<String> {
        let case = match (self.lang, &self.title) {
            (Lang::Ja, Some(t)) => format!("「{t}」の"),
            (Lang::En, Some(t)) => format!(" of \"{t}\""),
            (_, None) => String::new(),
        };
        match self.lang {
            Lang::Ja => vec![
                format!(
                    "本書は、{case}機能要件に対する回答書です。「{instructions}」シートをお読みのうえ、業務ごとのシートの色付きの欄に記入してください。"
                ),
                "上の欄に会社名・担当者・連絡先・回答日を記入してください。会社名は正式な商号で記入してください。".to_string(),
                format!("様式の作成日：{}", self.date),
            ],
            Lang::En => vec![
                format!(
                    "This workbook is the response form for the functional requirements{case}. Read the \"{instructions}\" sheet, then fill in the coloured cells of each business area's sheet."
                ),
                "Fill in the fields above: the company's registered name, the contact person, phone and e-mail, and the date of the reply.".to_string(),
                format!("Form issued on {}", self.date),
            ],
        }
    }

    fn sheets_section(&self) -> String {
        self.pick("業務ごとのシート", "Sheets by business area")
    }

    fn sheets_header(&self) -> [String; 2] {
        [
            self.pick("シート名", "Sheet"),
            self.pick("件数", "Number of items"),
        ]
    }

    fn legend_section(&self) -> String {
        self.pick("1. 回答の記号（凡例）", "1. Answer codes (legend)")
    }

    fn legend_header(&self) -> [String; 4] {
        [
            self.pick("区分", "Level"),
            self.pick("意味", "Meaning"),
            self.pick("記号（いずれか1つ）", "Codes (any one)"),
            self.pick("配点係数", "Points factor"),
        ]
    }

    fn legend_note(&self) -> String {
        self.pick(
            "要件ごとの得点は「配点 × 配点係数」です。",
            "Each requirement scores its weight times the factor of the answer.",
        )
    }

    fn rules_section(&self) -> String {
        self.pick("2. 記入のしかた", "2. How to fill in the form")
    }

    fn rules(&self, legend: &FormLegend, instructions: &str) -> Vec<String> {
        let customization = legend
            .codes_of(Level::Customization)
            .join(self.lang.pick("、", ", "));
        let tax = self.tax();
        match self.lang {
            Lang::Ja => vec![
                "(1) 業務ごとのシートの色付きの欄（回答・カスタマイズ費用・備考）にだけ記入してください。そのほかのセルは保護されており、変更できません。".to_string(),
                "(2) 回答欄には、上の表の記号のいずれか1つを一覧から選ぶか入力してください。空欄の要件は未回答として0点になります。".to_string(),
                "(3) 必須区分が「必須」の要件に対応できない場合や未回答の場合は、必須要件を満たさないものとして評価します。".to_string(),
                format!("(4) カスタマイズ費用は、カスタマイズ（{customization}）と回答した行にだけ、円単位の0以上の数値で記入してください（{tax}）。千円・万円単位の数値や「別途見積」などの文字は使わず、見積りの条件は備考欄に記入してください。"),
                "(5) 代替・運用で対応する場合は、その方法を備考欄に記入してください。".to_string(),
                "(6) 要件ID・要件の文言・必須区分・配点は変更しないでください。行や列の挿入・削除、シートの追加・削除・名前の変更もしないでください。".to_string(),
                "(7) 回答欄・費用欄に数式を入力しないでください。フィルターで行を絞り込んだ場合は、保存する前に解除してください。".to_string(),
                format!("(8) 表紙に会社名・担当者・連絡先・回答日を記入し、1社につき1ファイルで提出してください。ファイル名は会社名としてください（例：○○情報システム.xlsx）。「{instructions}」シートは削除しないでください。"),
            ],
            Lang::En => vec![
                "(1) Fill in only the coloured cells of each business area's sheet: the answer, the customization cost and the remarks. The other cells are protected and cannot be changed.".to_string(),
                "(2) In the answer cell, pick one code of the table above from the list or type it. A requirement left blank counts as not answered and scores 0.".to_string(),
                "(3) A requirement whose priority is Must and which cannot be met, or is not answered, counts as a mandatory requirement not met.".to_string(),
                format!("(4) Give a customization cost only on rows answered as customization ({customization}), in yen, as a number of 0 or more ({tax}). Do not write amounts in thousands or words such as \"to be quoted\"; put the conditions of the estimate in the remarks."),
                "(5) When the requirement is met by another function or by operation, describe how in the remarks.".to_string(),
                "(6) Do not change the IDs, the wording of the requirements, their priority or weight. Do not insert or delete rows or columns, and do not add, delete or rename sheets.".to_string(),
                "(7) Do not enter formulas in the answer or cost cells. If you filter the rows, clear the filter before saving.".to_string(),
                format!("(8) Fill in the cover (company, contact person, phone and e-mail, date) and send one file per company, named after the company (e.g. Example Systems.xlsx). Do not delete the \"{instructions}\" sheet."),
            ],
        }
    }

    fn choices_section(&self) -> String {
        self.pick(
            "3. 回答欄で選べる記号の一覧",
            "3. Every code the answer cells accept",
        )
    }

    fn answer_note(&self, instructions: &str) -> String {
        match self.lang {
            Lang::Ja => format!(
                "色付きの欄（回答・カスタマイズ費用・備考）に記入してください。記号と記入のしかたは「{instructions}」シートのとおりです。"
            ),
            Lang::En => format!(
                "Fill in the coloured cells (answer, customization cost, remarks). The codes and rules are on the \"{instructions}\" sheet."
            ),
        }
    }

    fn answer_validation(
        &self,
        legend: &FormLegend,
        instructions: &str,
    ) -> anyhow::Result<DataValidation> {
        let message = match self.lang {
            Lang::Ja => format!(
                "凡例の記号を一覧から選んでください。\n{}",
                legend.summary(self.lang)
            ),
            Lang::En => format!(
                "Pick a legend code from the list.\n{}",
                legend.summary(self.lang)
            ),
        };
        let error = match self.lang {
            Lang::Ja => format!(
                "凡例にない記号です。「{instructions}」シートの凡例の記号で回答してください。"
            ),
            Lang::En => format!(
                "This code is not in the legend. Answer with a code of the legend on the \"{instructions}\" sheet."
            ),
        };
        Ok(DataValidation::new()
            .set_input_title(fit_text(
                &self.pick("回答の記号", "Answer code"),
                MESSAGE_TITLE_LIMIT,
            ))?
            .set_input_message(fit_text(&message, MESSAGE_LIMIT))?
            .set_error_title(fit_text(
                &self.pick("凡例にない記号", "Not a legend code"),
                MESSAGE_TITLE_LIMIT,
            ))?
            .set_error_message(fit_text(&error, MESSAGE_LIMIT))?)
    }

    fn cost_validation(&self) -> anyhow::Result<DataValidation> {
        let tax = self.tax();
        let message = match self.lang {
            Lang::Ja => format!(
                "カスタマイズと回答した行にだけ、円単位の数値で記入してください（{tax}）。例：1200000"
            ),
            Lang::En => format!(
                "Only on rows answered as customization: the cost in yen as a number ({tax}), e.g. 1200000."
            ),
        };
        let error = self.pick(
            "費用は0以上の数値（円単位）で入力してください。見積りの条件などの文字は備考欄に記入してください。",
            "Enter the cost as a number of 0 or more, in yen. Put any words about the estimate in the remarks.",
        );
        Ok(DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_title(fit_text(
                &self.pick("カスタマイズ費用（円）", "Customization cost (yen)"),
                MESSAGE_TITLE_LIMIT,
            ))?
            .set_input_message(fit_text(&message, MESSAGE_LIMIT))?
            .set_error_title(fit_text(
                &self.pick("数値を入力してください", "A number is expected"),
                MESSAGE_TITLE_LIMIT,
            ))?
            .set_error_message(fit_text(&error, MESSAGE_LIMIT))?)
    }
}

/// The requirements of one business area, in matrix order.
struct Area<'a> {
    name: &'a str,
    sheet: String,
    requirements: Vec<&'a Requirement>,
}

/// Groups requirements by business area, areas in order of first appearance.
fn areas<'a>(requirements: &'a [Requirement], texts: &Texts) -> Vec<Area<'a>> {
    let mut grouped: IndexMap<&str, Vec<&Requirement>> = IndexMap::new();
    for req in requirements {
        grouped.entry(req.area.as_str()).or_default().push(req);
    }
    let mut areas: Vec<Area> = grouped
        .into_iter()
        .map(|(name, requirements)| Area {
            name,
            sheet: String::new(),
            requirements,
        })
        .collect();
    let names: Vec<&str> = areas.iter().map(|a| a.name).collect();
    let sheets = area_sheet_names(
        &names,
        &[texts.cover_sheet(), texts.instructions_sheet()],
        texts.lang,
    );
    for (area, sheet) in areas.iter_mut().zip(sheets) {
        area.sheet = sheet;
    }
    areas
}

/// The response form as bytes.
///
/// The same requirements, settings and `run.created` give the same bytes.
#[cfg(test)]
pub fn response_form(requirements: &[Requirement], run: &RunInfo) -> anyhow::Result<Vec<u8>> {
    Ok(form_workbook(requirements, run)?.save_to_buffer()?)
}

/// The response form, filled and not yet saved: the caller saves it
/// straight to the file once the requirements are let go.
pub fn form_workbook(requirements: &[Requirement], run: &RunInfo) -> anyhow::Result<Workbook> {
    let labels = Labels::load(run.lang)?;
    let title = Some(run.settings.title.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let texts = Texts {
        lang: run.lang,
        title,
        date: date_text(run.created, run.lang),
        tax_basis: run.settings.tax_basis.clone(),
    };
    let legend = FormLegend::new(run, &labels);
    let styles = FormStyles::new();
    let areas = areas(requirements, &texts);

    let mut wb = new_workbook(&texts.heading(), run.created)?;

    cover(wb.add_worksheet(), &texts, &styles, &areas)?;
    let choices = instructions(wb.add_worksheet(), &texts, &styles, &legend)?;
    let codes = legend.codes();
    let answer_rule = texts.answer_validation(&legend, texts.instructions_sheet())?;
    let answer_rule = match &choices {
        Some(range) => answer_rule.allow_list_formula(Formula::new(range)),
        None => answer_rule.allow_list_strings(&codes)?,
    };
    let rules = Rules {
        answer: (!codes.is_empty()).then_some(&answer_rule),
        cost: &texts.cost_validation()?,
    };
    for area in &areas {
        let ws = add_sheet(&mut wb, HEADER_ROW as usize + 1 + area.requirements.len())?;
        answer_sheet(ws, &texts, &styles, area, &rules)?;
    }
    Ok(wb)
}

/// Print setup shared by the form's sheets: A4, one page wide.
fn print_setup(ws: &mut Worksheet, texts: &Texts, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_header(format!("&L{}&R&A", page_header_text(&texts.heading(), 80)));
    ws.set_footer("&C&P / &N");
}

/// Protection that still lets a vendor widen columns and rows and filter.
fn protection(filter: bool) -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: filter,
        ..ProtectionOptions::new()
    }
}

/// The cover: the case, the vendor's fields, and the sheets to fill in.
fn cover(
    ws: &mut Worksheet,
    texts: &Texts,
    styles: &FormStyles,
    areas: &[Area],
) -> anyhow::Result<()> {
    ws.set_name(texts.cover_sheet())?;
    let mut cols = Columns::new(vec![(22, 22), (50, 50)]);
    write_text(ws, 0, 0, &texts.heading(), &styles.title)?;
    ws.set_row_height(0, 24.0)?;
    if texts.title.is_some() {
        write_text(ws, 1, 0, &texts.form_name(), &styles.subtitle)?;
    }

    let mut row = 3;
    for label in texts.cover_fields() {
        write_text(ws, row, 0, &label, &styles.label)?;
        ws.write_blank(row, 1, &styles.field)?;
        ws.set_row_height(row, 24.0)?;
        row += 1;
    }
    row += 1;
    for line in texts.cover_lines(texts.instructions_sheet()) {
        merge_text(ws, (row, 0), (row, 1), &line, &styles.sentence)?;
        cols.wrap_span(row, 0, 1, &line);
        row += 1;
    }
    row += 1;
    write_text(ws, row, 0, &texts.sheets_section(), &styles.section)?;
    row += 1;
    let headers = texts.sheets_header();
    header_row(ws, &mut cols, (row, 0), headers, &styles.header)?;
    row += 1;
    for area in areas {
        cell(ws, &mut cols, (row, 0), &area.sheet, &styles.text)?;
        ws.write_number_with_format(row, 1, area.requirements.len() as f64, &styles.count)?;
        row += 1;
    }
    cols.apply(ws)?;
    ws.set_screen_gridlines(false);
    print_setup(ws, texts, false);
    ws.protect_with_options(&protection(false));
    ws.set_active(true);
    Ok(())
}

/// The instructions: the legend, the rules, and — when the codes do not fit
/// in the validation rule — the list the answer cells draw their choices
/// from. Returns that list's range as a formula, when written.
fn instructions(
    ws: &mut Worksheet,
    texts: &Texts,
    styles: &FormStyles,
    legend: &FormLegend,
) -> anyhow::Result<Option<String>> {
    let sheet = texts.instructions_sheet();
    ws.set_name(sheet)?;
    let mut cols = Columns::new(vec![(14, 14), (54, 54), (26, 32), (10, 10)]);
    write_text(ws, 0, 0, sheet, &styles.title)?;
    ws.set_row_height(0, 24.0)?;

    write_text(ws, 2, 0, &texts.legend_section(), &styles.section)?;
    header_row(ws, &mut cols, (3, 0), texts.legend_header(), &styles.header)?;
    let mut row = 4;
    let separator = texts.lang.pick("、", ", ");
    for (level, name, codes, factor) in &legend.levels {
        let meaning = level_meaning(*level, texts.lang);
        let codes = codes.join(separator);
        cell(ws, &mut cols, (row, 0), name, &styles.text)?;
        cell(ws, &mut cols, (row, 1), meaning, &styles.text)?;
        cell(ws, &mut cols, (row, 2), &codes, &styles.text)?;
        ws.write_number_with_format(row, 3, *factor, &styles.factor)?;
        row += 1;
    }
    let note = texts.legend_note();
    merge_text(ws, (row, 0), (row, 3), &note, &styles.sentence)?;
    cols.wrap_span(row, 0, 3, &note);
    row += 2;

    write_text(ws, row, 0, &texts.rules_section(), &styles.section)?;
    row += 1;
    for rule in texts.rules(legend, sheet) {
        merge_text(ws, (row, 0), (row, 3), &rule, &styles.sentence)?;
        cols.wrap_span(row, 0, 3, &rule);
        row += 1;
    }

    let mut choices = None;
    if !legend.fits_inline() {
        row += 1;
        write_text(ws, row, 0, &texts.choices_section(), &styles.section)?;
        row += 1;
        let first = row;
        for (_, name, codes, _) in &legend.levels {
            for code in codes {
                write_text(ws, row, 0, code, &styles.centred)?;
                write_text(ws, row, 1, name, &styles.text)?;
                row += 1;
            }
        }
        choices = Some(format!(
            "={}!$A${}:$A${}",
            quoted_sheet(sheet),
            first + 1,
            row
        ));
    }
    cols.apply(ws)?;
    ws.set_screen_gridlines(false);
    print_setup(ws, texts, false);
    ws.protect_with_options(&protection(false));
    Ok(choices)
}

/// The validation rules of the answer and cost columns (shared by every sheet).
struct Rules<'a> {
    /// `None` when the legend has no code at all.
    answer: Option<&'a DataValidation>,
    cost: &'a DataValidation,
}

/// One business area's answer sheet, filled row by row (see [`stream`]):
/// at 200,000 requirements the form's sheets held whole until the save took
/// most of `template`'s memory.
fn answer_sheet(
    ws: &mut Worksheet,
    texts: &Texts,
    styles: &FormStyles,
    area: &Area,
    rules: &Rules,
) -> anyhow::Result<()> {
    ws.set_name(&area.sheet)?;
    let cols = Columns::new(COLUMNS.iter().map(|(_, limits)| *limits).collect());
    // The title's row is a little higher; every other height comes from the text.
    ws.set_row_height(0, 20.0)?;
    stream(ws, &styles.none, cols, |emit| {
        answer_rows(texts, styles, area, emit)
    })?;

    let first = HEADER_ROW + 1;
    let last = first + area.requirements.len() as RowNum - 1;
    if let Some(rule) = rules.answer {
        ws.add_data_validation(first, ANSWER_COLUMN, last, ANSWER_COLUMN, rule)?;
    }
    ws.add_data_validation(first, COST_COLUMN, last, COST_COLUMN, rules.cost)?;
    ws.set_freeze_panes(first, 0)?;
    ws.autofilter(HEADER_ROW, 0, last, REMARKS_COLUMN)?;
    print_setup(ws, texts, true);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.protect_with_options(&protection(true));
    Ok(())
}

/// The rows of an answer sheet, in order: the area's name, the note, the
/// header, then a row per requirement with its answer cells left blank.
fn answer_rows<'a>(
    texts: &'a Texts,
    styles: &'a FormStyles,
    area: &'a Area,
    emit: &mut Rows<'_, 'a>,
) -> anyhow::Result<()> {
    let lang = texts.lang;
    emit(
        0,
        &[(0, Cell::Plain(Cow::Borrowed(area.name), &styles.subtitle))],
    )?;
    let note = texts.answer_note(texts.instructions_sheet());
    emit(1, &[(0, Cell::Plain(Cow::Owned(note), &styles.plain))])?;
    let headers = COLUMNS.map(|(field, _)| {
        field
            .form_header(lang)
            .expect("every column of the form has a header in the schema")
    });
    emit(HEADER_ROW, &header_cells(headers, &styles.header))?;

    let first = HEADER_ROW + 1;
    let mut cells = Vec::with_capacity(COLUMNS.len());
    for (i, req) in area.requirements.iter().enumerate() {
        cells.clear();
        for (c, (field, _)) in COLUMNS.iter().enumerate() {
            let text = |s: &'a str| Cow::Borrowed(s);
            let cell = match field {
                Field::Id => Cell::measured(Cell::Plain(text(&req.id), &styles.text), &*req.id),
                Field::Area => Cell::Text(text(&req.area), &styles.text),
                Field::Category => Cell::Text(text(&req.category), &styles.text),
                Field::Text => Cell::Text(text(&req.text), &styles.text),
                Field::Priority => {
                    Cell::Plain(text(priority_label(req.priority, lang)), &styles.centred)
                }
                Field::Weight => Cell::measured(
                    Cell::Number(req.weight, styles.centred.format()),
                    short_number(req.weight),
                ),
                Field::Answer => Cell::Blank(&styles.answer),
                Field::Cost => Cell::Blank(&styles.cost),
                Field::Remarks => Cell::Blank(&styles.remarks),
                // Not columns of the form.
                Field::Member | Field::Status => continue,
            };
            cells.push((c as ColNum, cell));
        }
        emit(first + i as RowNum, &cells)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::read::header::{HeaderNeed, detect_header, field_of_header};
    use crate::read::workbook::{CellValue, Sheet, cell_text, read_sheets};
    use crate::settings::{LegendLevel, Settings};

    fn requirement(
        id: &str,
        area: &str,
        text: &str,
        priority: Priority,
        weight: f64,
    ) -> Requirement {
        Requirement {
            id: id.to_string(),
            area: area.to_string(),
            category: "証明発行".to_string(),
            text: text.to_string(),
            priority,
            weight,
            sheet: "要件一覧".to_string(),
            row: 1,
        }
    }

    fn matrix() -> Vec<Requirement> {
        vec![
            requirement(
                "JR-001",
                "住民記録",
                "住民票の写しを交付できること。",
                Priority::Mandatory,
                3.0,
            ),
            requirement(
                "ZE-001",
                "個人住民税",
                "=HYPERLINK(\"http://example.invalid\")",
                Priority::Optional,
                1.5,
            ),
            requirement(
                "JR-002",
                "住民記録",
                "転入届を受け付けできること。",
                Priority::Desirable,
                2.0,
            ),
        ]
    }

    fn form(requirements: &[Requirement], settings: &Settings, lang: Lang) -> Vec<u8> {
        let run = RunInfo {
            settings,
            lang,
            created: 1_767_225_600,
        };
        response_form(requirements, &run).unwrap()
    }

    fn sheets(bytes: &[u8]) -> Vec<Sheet> {
        read_sheets(bytes, &Settings::default()).unwrap()
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn row_texts(sheet: &Sheet, row: u32) -> Vec<String> {
        (0..9).map(|c| sheet.cell(row, c).display()).collect()
    }

    #[test]
    fn sheet_names_are_cleaned_shortened_and_unique() {
        let long = "住民基本台帳ネットワークシステム連携及び証明書コンビニ交付サービス";
        let longer = "住民基本台帳ネットワークシステム連携及び証明書コンビニ交付サービス（追加）";
        let names = area_sheet_names(
            &[
                "住民記録",
                "税務/収納[滞納]",
                "a:b*c?d\\e",
                "'引用'",
                " 住民記録 ",
                "表紙",
                "History",
                "",
                "abc",
                "ＡＢＣ",
                long,
                longer,
            ],
            &["表紙", "記入要領"],
            Lang::Ja,
        );
        assert_eq!(
            names,
            [
                "住民記録",
                "税務／収納［滞納］",
                "a：b＊c？d＼e",
                "引用",
                "住民記録（2）",
                "表紙（2）",
                "History_",
                "業務",
                "abc",
                "ＡＢＣ（2）",
                "住民基本台帳ネットワークシステム連携及び証明書コンビニ交付サー",
                "住民基本台帳ネットワークシステム連携及び証明書コンビニ交（2）",
            ]
        );
        assert_eq!(names[10].encode_utf16().count(), 31);
        assert_eq!(names[11].encode_utf16().count(), 31);
        for name in &names {
            assert!(name.encode_utf16().count() <= 31, "{name}");
            rust_xlsxwriter::utility::check_sheet_name(name).unwrap();
        }
    }

    #[test]
    fn legend_fits_in_the_rule_unless_too_long_or_with_a_comma() {
        let labels = Labels::load(Lang::Ja).unwrap();
        let settings = Settings::default();
        let run = RunInfo {
            settings: &settings,
            lang: Lang::Ja,
            created: 0,
        };
        let legend = FormLegend::new(&run, &labels);
        assert!(legend.fits_inline());
        assert_eq!(
            legend.codes(),
            [
                "◎",
                "A",
                "標準",
                "標準対応",
                "○",
                "B",
                "代替",
                "運用",
                "△",
                "C",
                "カスタマイズ",
                "改修",
                "×",
                "✕",
                "✖",
                "D",
                "不可",
                "対応不可"
            ]
        );
        assert_eq!(
            legend.summary(Lang::Ja),
            "◎ 標準機能 ／ ○ 代替・運用 ／ △ カスタマイズ ／ × 対応不可"
        );

        let mut settings = Settings::default();
        settings.legend.standard.codes.push("標準,設定変更".into());
        let run = RunInfo {
            settings: &settings,
            lang: Lang::Ja,
            created: 0,
        };
        assert!(!FormLegend::new(&run, &labels).fits_inline());

        let mut settings = Settings::default();
        settings.legend.standard.codes = vec!["x".repeat(200), "y".repeat(55)];
        let run = RunInfo {
            settings: &settings,
            lang: Lang::Ja,
            created: 0,
        };
        // 200 + 1 comma + 55 = 256 > 255
        assert!(!FormLegend::new(&run, &labels).fits_inline());
    }

    #[test]
    fn a_code_listed_under_two_levels_stays_with_the_first() {
        let labels = Labels::load(Lang::Ja).unwrap();
        let mut settings = Settings::default();
        settings.legend.alternative.codes.push("ａ".into());
        let run = RunInfo {
            settings: &settings,
            lang: Lang::Ja,
            created: 0,
        };
        let legend = FormLegend::new(&run, &labels);
        assert_eq!(
            legend.codes_of(Level::Alternative),
            ["○", "B", "代替", "運用"]
        );
    }

    #[test]
    fn answer_sheets_follow_the_areas_in_order_of_first_appearance() {
        let bytes = form(&matrix(), &Settings::default(), Lang::Ja);
        let sheets = sheets(&bytes);
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["表紙", "記入要領", "住民記録", "個人住民税"]);

        let resident = &sheets[2];
        assert_eq!(
            row_texts(resident, 2),
            [
                "要件ID",
                "業務",
                "分類",
                "要件内容",
                "必須区分",
                "配点",
                "回答",
                "カスタマイズ費用\n（円）",
                "備考"
            ]
        );
        assert_eq!(
            row_texts(resident, 3),
            [
                "JR-001",
                "住民記録",
                "証明発行",
                "住民票の写しを交付できること。",
                "必須",
                "3",
                "",
                "",
                ""
            ]
        );
        assert_eq!(
            row_texts(resident, 4),
            [
                "JR-002",
                "住民記録",
                "証明発行",
                "転入届を受け付けできること。",
                "推奨",
                "2",
                "",
                "",
                ""
            ]
        );
        let header = detect_header(resident, HeaderNeed::Response).unwrap();
        assert_eq!(header.row, 2);
        assert_eq!(header.columns.get(Field::Id), Some(0));
        assert_eq!(header.columns.get(Field::Text), Some(3));
        assert_eq!(header.columns.get(Field::Answer), Some(6));
        assert_eq!(header.columns.get(Field::Cost), Some(7));
        assert_eq!(header.columns.get(Field::Remarks), Some(8));
        assert_eq!(header.cost_scale, 1.0);
    }

    #[test]
    fn matrix_text_stays_text_with_a_quote_prefix() {
        let bytes = form(&matrix(), &Settings::default(), Lang::Ja);
        let sheets = sheets(&bytes);
        let tax = &sheets[3];
        assert_eq!(
            tax.cell(3, 3),
            &CellValue::Text("=HYPERLINK(\"http://example.invalid\")".into())
        );
        assert!(tax.formulas.is_empty());
        assert_eq!(tax.cell(3, 4).display(), "任意");
        assert_eq!(tax.cell(3, 5), &CellValue::Number(1.5));
        let xml = part(&bytes, "xl/styles.xml");
        assert!(xml.contains("quotePrefix=\"1\""));
    }

    #[test]
    fn cover_and_instructions_hold_no_header_word() {
        for lang in [Lang::Ja, Lang::En] {
            let mut settings = Settings {
                title: "○○市町村会 基幹系システム共同調達".into(),
                ..Settings::default()
            };
            for legend_fits in [true, false] {
                if !legend_fits {
                    settings
                        .legend
                        .unsupported
                        .codes
                        .push("対応不可（代替手段もなし）".repeat(10));
                }
                let bytes = form(&matrix(), &settings, lang);
                for sheet in &sheets(&bytes)[..2] {
                    for row in &sheet.rows {
                        for (_, value) in &row.cells {
                            let text = cell_text(value);
                            let field = field_of_header(&text);
                            assert!(
                                !matches!(field, Some(Field::Id | Field::Text | Field::Answer)),
                                "{lang:?} {}: {text:?} reads as a header of {field:?}",
                                sheet.name
                            );
                        }
                    }
                    assert!(detect_header(sheet, HeaderNeed::Response).is_none());
                }
            }
        }
    }

    #[test]
    fn cover_names_the_company_field_and_counts_the_sheets() {
        let bytes = form(&matrix(), &Settings::default(), Lang::Ja);
        let cover = &sheets(&bytes)[0];
        assert_eq!(cover.cell(0, 0).display(), "機能要件 回答書");
        assert_eq!(cover.cell(3, 0).display(), "会社名");
        assert_eq!(cover.cell(4, 0).display(), "担当者");
        assert_eq!(cover.cell(6, 0).display(), "回答日");
        let counts: Vec<(String, String)> = cover
            .rows
            .iter()
            .filter(|r| matches!(r.get(1), CellValue::Number(_)))
            .map(|r| (r.get(0).display(), r.get(1).display()))
            .collect();
        assert_eq!(
            counts,
            [
                ("住民記録".to_string(), "2".to_string()),
                ("個人住民税".to_string(), "1".to_string())
            ]
        );
        // The company cell is open to the vendor.
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        let style = cell_style(&xml, "B4");
        assert!(xf_is_unlocked(&part(&bytes, "xl/styles.xml"), style));
        assert!(!xf_is_unlocked(
            &part(&bytes, "xl/styles.xml"),
            cell_style(&xml, "A4")
        ));
    }

    #[test]
    fn long_legend_draws_the_choices_from_the_instructions_sheet() {
        let mut settings = Settings::default();
        settings.legend.alternative = LegendLevel {
            codes: vec![
                "○".into(),
                "代替機能・運用変更で対応（追加費用なし、帳票レイアウト変更を含む）".repeat(8),
            ],
            factor: 0.7,
        };
        let bytes = form(&matrix(), &settings, Lang::Ja);
        let sheets = sheets(&bytes);
        let instructions = &sheets[1];
        let first = instructions
            .rows
            .iter()
            .find(|r| r.get(0).display() == "◎")
            .expect("the list of choices")
            .index;
        let listed: Vec<String> = (first..first + 20)
            .map(|r| instructions.cell(r, 0).display())
            .take_while(|t| !t.is_empty())
            .collect();
        assert_eq!(listed.len(), 16);
        assert_eq!(listed[4], "○");
        let xml = part(&bytes, "xl/worksheets/sheet3.xml");
        let expected = format!(
            "<formula1>'記入要領'!$A${}:$A${}</formula1>",
            first + 1,
            first + 16
        );
        assert!(xml.contains(&expected), "{expected} not in {xml}");
    }

    #[test]
    fn same_inputs_give_the_same_bytes() {
        let a = form(&matrix(), &Settings::default(), Lang::En);
        let b = form(&matrix(), &Settings::default(), Lang::En);
        assert_eq!(a, b);
        assert!(part(&a, "docProps/core.xml").contains("2026-01-01T00:00:00Z"));
    }

    #[test]
    fn english_form_uses_english_aliases() {
        let bytes = form(&matrix(), &Settings::default(), Lang::En);
        let sheets = sheets(&bytes);
        assert_eq!(sheets[0].name, "Cover");
        assert_eq!(sheets[1].name, "Instructions");
        assert_eq!(
            row_texts(&sheets[2], 2),
            [
                "Requirement ID",
                "Business area",
                "Category",
                "Requirement",
                "Priority",
                "Weight",
                "Answer",
                "Customization cost (yen)",
                "Remarks"
            ]
        );
        assert_eq!(sheets[2].cell(3, 4).display(), "Must");
        assert_eq!(sheets[2].cell(4, 4).display(), "Should");
        assert_eq!(sheets[3].cell(3, 4).display(), "Could");
        let header = detect_header(&sheets[2], HeaderNeed::Matrix).unwrap();
        assert_eq!(header.columns.get(Field::Area), Some(1));
        assert_eq!(header.columns.get(Field::Priority), Some(4));
        assert_eq!(header.columns.get(Field::Weight), Some(5));
    }

    /// The `s` attribute of a cell in a sheet's XML.
    fn cell_style(xml: &str, cell: &str) -> usize {
        let start = xml.find(&format!("<c r=\"{cell}\"")).expect("cell present");
        let tag = &xml[start..start + xml[start..].find('>').unwrap()];
        let s = tag.split(" s=\"").nth(1).expect("styled cell");
        s[..s.find('"').unwrap()].parse().unwrap()
    }

    /// Whether the cell format at `index` of styles.xml is unlocked.
    fn xf_is_unlocked(styles: &str, index: usize) -> bool {
        let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
        let xf = xfs.split("<xf ").nth(index + 1).expect("xf present");
        xf.contains("<protection locked=\"0\"/>")
    }
}

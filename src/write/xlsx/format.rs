//! Cell formats, the level palette and safe text.
//!
//! Every format is created once per workbook and reused: the Matrix sheet may
//! hold millions of cells, and building a `Format` per cell would cost more
//! than writing the cell. Text from the inputs is written through
//! [`write_text`] only, which keeps it text (never a formula), guards it
//! against formula injection on later edits, and shortens what Excel would
//! refuse.

use std::borrow::Cow;

use rust_xlsxwriter::{ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Worksheet};

use crate::model::{FlagSeverity, Lang, Level, Severity};

/// Excel's limit on the length of a cell's text, in UTF-16 units.
pub const MAX_CELL_TEXT: usize = 32_767;
/// Appended to text cut to fit a cell, so that a reader sees it was cut.
pub const TRUNCATED: &str = "…[truncated]";

/// Fill and font colours of a level, the same on every sheet.
///
/// The fills keep their hues on screen (green for standard, red for
/// unsupported) but are spaced apart in lightness, so that a committee
/// member's black-and-white copy still tells the levels apart: their grey
/// values (Rec. 601 luma) are about 233, 210, 180, 154, 127 and 80, and the
/// two darkest carry white text. The points beside each code say the same
/// again in numbers.
pub fn level_colors(level: Level) -> (u32, u32) {
    match level {
        Level::Standard => (0xE2EFDA, 0x375623),
        Level::Alternative => (0xBDD7EE, 0x1F3864),
        Level::Customization => (0xF2A65A, 0x3F1F00),
        Level::Unsupported => (0xE57A7A, 0x400000),
        Level::Missing => (0x7F7F7F, 0xFFFFFF),
        Level::Invalid => (0x7030A0, 0xFFFFFF),
    }
}

/// The grey a black-and-white printer makes of a colour (Rec. 601 luma).
#[cfg(test)]
pub(crate) fn grey(rgb: u32) -> f64 {
    let (r, g, b) = ((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64
}

/// Fill and font colours of a flag's severity, the same on every sheet.
pub(crate) fn flag_colors(severity: FlagSeverity) -> (u32, u32) {
    match severity {
        FlagSeverity::High => (0xFFC7CE, 0x9C0006),
        FlagSeverity::Medium => (0xFFEB9C, 0x9C5700),
        FlagSeverity::Low => (0xDDEBF7, 0x1F4E78),
    }
}

fn finding_colors(severity: Severity) -> (u32, u32) {
    match severity {
        Severity::Error => (0xFFC7CE, 0x9C0006),
        Severity::Warning => (0xFFEB9C, 0x9C5700),
    }
}

/// A text format and its twin with a quote prefix, for text that a spreadsheet
/// would take for a formula when a user edits the cell.
#[derive(Clone)]
pub struct TextFormat {
    plain: Format,
    quoted: Format,
}

impl TextFormat {
    pub(crate) fn new(base: Format) -> TextFormat {
        TextFormat {
            quoted: base.clone().set_quote_prefix(),
            plain: base,
        }
    }

    /// The plain format, for cells without text (numbers, blanks).
    pub fn format(&self) -> &Format {
        &self.plain
    }
}

/// Every format the workbook uses.
pub struct Styles {
    pub title: TextFormat,
    pub section: TextFormat,
    pub note: TextFormat,
    pub emphasis: TextFormat,
    pub header: TextFormat,
    /// A table cell; text wraps when longer than the column is wide.
    pub text: TextFormat,
    /// A column's format on the Matrix, whose cells are written without a
    /// format of their own (rust_xlsxwriter hashes a cell's format on every
    /// write, a third of the time on a sheet of a million cells); printed
    /// with gridlines instead of borders.
    pub column: TextFormat,
    pub bold: TextFormat,
    pub integer: Format,
    /// Weights and points as Excel's General shows them: `3`, `2.1`, `0.9`.
    pub number: Format,
    pub percent: Format,
    pub ratio: Format,
    pub yen: Format,
    levels: Vec<TextFormat>,
    level_headers: Vec<TextFormat>,
    flags: Vec<TextFormat>,
    findings: Vec<TextFormat>,
}

/// A table cell: thin grey borders, text at the top. The evaluation, the
/// response form and the RFP draft build their table cells on it, so that
/// the committee's papers look alike.
pub(crate) fn bordered() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xA6A6A6))
        .set_align(FormatAlign::Top)
}

/// A short table cell (a code, a level), centred.
pub(crate) fn centred() -> Format {
    bordered().set_align(FormatAlign::Center).set_text_wrap()
}

/// A column header: bold and centred on a pale blue fill, wrapped so that a
/// long header grows its row instead of its column.
pub(crate) fn header_format() -> Format {
    bordered()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9E1F2))
}

/// `base` with a fill and font colour (a level's, a flag's, a change's).
pub(crate) fn coloured(base: Format, (fill, font): (u32, u32)) -> Format {
    base.set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            title: TextFormat::new(Format::new().set_bold().set_font_size(14)),
            section: TextFormat::new(Format::new().set_bold().set_font_size(12)),
            note: TextFormat::new(Format::new()),
            emphasis: TextFormat::new(
                Format::new()
                    .set_bold()
                    .set_font_color(Color::RGB(0x9C0006)),
            ),
            text: TextFormat::new(bordered().set_text_wrap()),
            column: TextFormat::new(Format::new().set_align(FormatAlign::Top).set_text_wrap()),
            bold: TextFormat::new(bordered().set_bold().set_text_wrap()),
            integer: bordered().set_num_format("0"),
            number: bordered(),
            percent: bordered().set_num_format("0.0"),
            ratio: bordered().set_num_format("0.00"),
            yen: bordered().set_num_format("\"¥\"#,##0"),
            levels: Level::ALL
                .iter()
                .map(|&l| TextFormat::new(coloured(centred(), level_colors(l))))
                .collect(),
            level_headers: Level::ALL
                .iter()
                .map(|&l| TextFormat::new(coloured(header_format(), level_colors(l))))
                .collect(),
            flags: [FlagSeverity::High, FlagSeverity::Medium, FlagSeverity::Low]
                .iter()
                .map(|&s| TextFormat::new(coloured(centred(), flag_colors(s))))
                .collect(),
            findings: [Severity::Error, Severity::Warning]
                .iter()
                .map(|&s| TextFormat::new(coloured(centred(), finding_colors(s))))
                .collect(),
            header: TextFormat::new(header_format()),
        }
    }

    /// Every format, each once, in a fixed order.
    pub fn all(&self) -> Vec<&Format> {
        let text = [
            &self.title,
            &self.section,
            &self.note,
            &self.emphasis,
            &self.header,
            &self.text,
            &self.column,
            &self.bold,
        ]
        .into_iter()
        .chain(&self.levels)
        .chain(&self.level_headers)
        .chain(&self.flags)
        .chain(&self.findings)
        .flat_map(|t| [&t.plain, &t.quoted]);
        let plain = [
            &self.integer,
            &self.number,
            &self.percent,
            &self.ratio,
            &self.yen,
        ];
        text.chain(plain).collect()
    }

    /// The coloured cell of an answer level.
    pub fn level(&self, level: Level) -> &TextFormat {
        &self.levels[level_index(level)]
    }

    /// A header cell in the colour of a level (the Summary's count columns).
    pub fn level_header(&self, level: Level) -> &TextFormat {
        &self.level_headers[level_index(level)]
    }

    pub fn flag(&self, severity: FlagSeverity) -> &TextFormat {
        &self.flags[match severity {
            FlagSeverity::High => 0,
            FlagSeverity::Medium => 1,
            FlagSeverity::Low => 2,
        }]
    }

    pub fn finding(&self, severity: Severity) -> &TextFormat {
        &self.findings[match severity {
            Severity::Error => 0,
            Severity::Warning => 1,
        }]
    }
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Standard => 0,
        Level::Alternative => 1,
        Level::Customization => 2,
        Level::Unsupported => 3,
        Level::Missing => 4,
        Level::Invalid => 5,
    }
}

/// Text that fits in one cell: longer text is cut at a character boundary
/// and marked, instead of failing the whole workbook.
pub fn safe_text(text: &str) -> Cow<'_, str> {
    fit_text(text, MAX_CELL_TEXT)
}

/// Text of at most `limit` UTF-16 units, marked when cut.
pub fn fit_text(text: &str, limit: usize) -> Cow<'_, str> {
    // A UTF-8 string never has more UTF-16 units than bytes.
    if text.len() <= limit || text.encode_utf16().count() <= limit {
        return Cow::Borrowed(text);
    }
    let budget = limit - TRUNCATED.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if used + c.len_utf16() > budget {
            break;
        }
        used += c.len_utf16();
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}{TRUNCATED}", &text[..end]))
}

/// Text that a spreadsheet would read as a formula, or as the start of one,
/// when a user retypes the cell (half- and full-width forms).
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
    )
}

/// Writes text as text: never a formula, quote-prefixed when it starts like
/// one, cut with a marker when longer than a cell holds.
pub fn write_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    text: &str,
    format: &TextFormat,
) -> anyhow::Result<()> {
    let text = safe_text(text);
    let format = if looks_like_formula(&text) {
        &format.quoted
    } else {
        &format.plain
    };
    ws.write_string_with_format(row, col, text.as_ref(), format)?;
    Ok(())
}

/// Writes a number; a non-finite one (a percent of nothing) as a blank cell,
/// since a spreadsheet cannot hold it.
pub fn write_number(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: f64,
    format: Option<&Format>,
) -> anyhow::Result<()> {
    match (value.is_finite(), format) {
        (true, Some(f)) => ws.write_number_with_format(row, col, value, f)?,
        (true, None) => ws.write_number(row, col, value)?,
        (false, Some(f)) => ws.write_blank(row, col, f)?,
        (false, None) => ws,
    };
    Ok(())
}

/// Writes text into a cell of a column that carries `format` as its column
/// format: without a cell format, unless the text needs the quote prefix.
pub fn write_column_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    text: &str,
    format: &TextFormat,
) -> anyhow::Result<()> {
    let text = safe_text(text);
    if looks_like_formula(&text) {
        ws.write_string_with_format(row, col, text.as_ref(), &format.quoted)?;
    } else {
        ws.write_string(row, col, text.as_ref())?;
    }
    Ok(())
}

/// Writes text into a merged range, with the same guards as [`write_text`].
pub fn merge_text(
    ws: &mut Worksheet,
    first: (RowNum, ColNum),
    last: (RowNum, ColNum),
    text: &str,
    format: &TextFormat,
) -> anyhow::Result<()> {
    let text = safe_text(text);
    let format = if looks_like_formula(&text) {
        &format.quoted
    } else {
        &format.plain
    };
    ws.merge_range(first.0, first.1, last.0, last.1, text.as_ref(), format)?;
    Ok(())
}

/// A yen amount for running text: `¥1,200,000` (rounded to the yen).
pub fn yen_text(amount: f64) -> String {
    let rounded = amount.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!("{sign}¥{grouped}")
}

/// A number for running text with at most two decimals: `31`, `2.45`.
pub fn short_number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// The calendar date (UTC) of a Unix time, as a committee writes it.
pub fn date_text(unix_seconds: i64, lang: Lang) -> String {
    let (y, m, d) = civil_date(unix_seconds.div_euclid(86_400));
    match lang {
        Lang::Ja => format!("{y}年{m}月{d}日"),
        Lang::En => format!("{y}-{m:02}-{d:02}"),
    }
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (H. Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a black-and-white printer every level is a grey of its own, at
    /// least 20 steps (of 255) from the next, and its text stays readable.
    #[test]
    fn levels_are_distinct_greys() {
        let mut greys: Vec<(f64, Level)> = (Level::ALL.iter())
            .map(|&l| (grey(level_colors(l).0), l))
            .collect();
        greys.sort_by(|a, b| b.0.total_cmp(&a.0));
        for pair in greys.windows(2) {
            assert!(pair[0].0 - pair[1].0 >= 20.0, "{pair:?}");
        }
        for level in Level::ALL {
            let (fill, font) = level_colors(level);
            assert!((grey(fill) - grey(font)).abs() >= 100.0, "{level:?}");
        }
    }

    #[test]
    fn long_text_is_cut_with_a_marker() {
        let long = "あ".repeat(40_000);
        let cut = safe_text(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(cut.ends_with(TRUNCATED));
        assert!(matches!(safe_text("短い要件"), Cow::Borrowed(_)));
    }

    #[test]
    fn cut_never_splits_a_surrogate_pair() {
        let long = "𠮷".repeat(20_000);
        let cut = fit_text(&long, 101);
        let units = cut.encode_utf16().count();
        assert!(units <= 101, "{units}");
        assert!(cut.starts_with("𠮷𠮷"));
        assert!(cut.ends_with(TRUNCATED));
    }

    #[test]
    fn formula_like_text_is_recognized() {
        for text in ["=1+1", "+81", "-", "@SUM(A1)", "＝合計"] {
            assert!(looks_like_formula(text), "{text}");
        }
        for text in ["A", "◎", "", " =1"] {
            assert!(!looks_like_formula(text), "{text}");
        }
    }

    #[test]
    fn yen_and_numbers_for_text() {
        assert_eq!(yen_text(1_200_000.0), "¥1,200,000");
        assert_eq!(yen_text(999.0), "¥999");
        assert_eq!(yen_text(1000.4), "¥1,000");
        assert_eq!(yen_text(0.0), "¥0");
        assert_eq!(short_number(31.0), "31");
        assert_eq!(short_number(2.4), "2.4");
        assert_eq!(short_number(0.333_333), "0.33");
    }

    #[test]
    fn dates() {
        assert_eq!(date_text(0, Lang::En), "1970-01-01");
        assert_eq!(date_text(1_743_465_600, Lang::Ja), "2025年4月1日");
        assert_eq!(date_text(951_782_400, Lang::En), "2000-02-29");
        assert_eq!(date_text(-86_400, Lang::En), "1969-12-31");
    }
}

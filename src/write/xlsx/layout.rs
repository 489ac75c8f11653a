//! Column widths and print setup shared by every sheet.
//!
//! rust_xlsxwriter's `autofit` counts every non-ASCII character as one narrow
//! glyph, so Japanese columns come out far too narrow; widths here come from
//! the display width of the text (`unicode-width`: two cells for a kanji).
//! Every sheet prints the same way so that the committee's binder reads as
//! one document: A4 landscape, one page wide (a Matrix of many vendors
//! across pages, its ID and text repeated on each), header rows repeated,
//! the title and date on top, page numbers and the marking below.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartSolidFill, ChartType, ColNum, Color, Format, RowNum,
    Worksheet,
};
use unicode_width::UnicodeWidthChar;

use super::Page;
use super::format::{TextFormat, fit_text, write_text};

/// The widest line of a text in display cells, counted no further than `cap`.
pub fn display_width(text: &str, cap: usize) -> usize {
    let mut widest = 0;
    for line in text.split('\n') {
        let mut width = 0;
        for c in line.chars() {
            width += c.width().unwrap_or(0);
            if width >= cap {
                return cap;
            }
        }
        widest = widest.max(width);
    }
    widest
}

/// Display width of the longest word: a run of narrow characters without
/// spaces. A column narrower than that would break the word mid-way, while
/// Japanese text may break between any two wide characters.
pub fn longest_word(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        match c.width() {
            Some(1) if !c.is_whitespace() => run += 1,
            _ => run = 0,
        }
        longest = longest.max(run);
    }
    longest
}

/// Display width of each line of a text, and whether the line has spaces
/// (where word wrap breaks).
fn line_widths(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    text.split('\n').map(|line| {
        let width = line.chars().map(|c| c.width().unwrap_or(0)).sum();
        (width, line.contains(' '))
    })
}

/// Height of a row of `lines` lines of 11-point text, in points. Japanese
/// glyphs need a little more than Excel's default 15 points per line.
pub fn row_height(lines: usize) -> f64 {
    16.0 * lines as f64 + 2.0
}

/// A wrapped cell: its row, first and last column (a merged range), and
/// the width of each line of its text with whether the line has spaces.
type WrappedCell = (RowNum, usize, usize, Vec<(usize, bool)>);

/// Column widths grown from the text written, within limits per column, and
/// the height of each row whose wrapped text needs more than one line.
///
/// Spreadsheet programs do not agree on growing rows to fit wrapped text
/// (LibreOffice keeps one line), so rows get explicit heights: a printed
/// page must never hide the end of a requirement.
pub struct Columns {
    limits: Vec<(usize, usize)>,
    widths: Vec<usize>,
    /// Wrapped cells, measured once the widths are final.
    wrapped: Vec<WrappedCell>,
}

impl Columns {
    /// `limits[i]` is the (minimum, maximum) width of column `i`, in display cells.
    pub fn new(limits: Vec<(usize, usize)>) -> Columns {
        let widths = limits.iter().map(|&(min, _)| min).collect();
        Columns {
            limits,
            widths,
            wrapped: Vec::new(),
        }
    }

    /// Widens column `col` to fit `text` (up to the column's maximum).
    pub fn fit(&mut self, col: usize, text: &str) {
        if let Some(&(_, max)) = self.limits.get(col) {
            let w = display_width(text, max);
            if w > self.widths[col] {
                self.widths[col] = w;
            }
        }
    }

    /// Widens column `col` to at least `width` (up to the column's maximum).
    pub fn fit_width(&mut self, col: usize, width: usize) {
        if let Some(&(_, max)) = self.limits.get(col) {
            self.widths[col] = self.widths[col].max(width.min(max));
        }
    }

    /// Widens column `col` to fit `text`, and remembers the cell so that its
    /// row can grow to show every line once the widths are final.
    pub fn wrap(&mut self, row: RowNum, col: usize, text: &str) {
        self.fit(col, text);
        self.wrap_span(row, col, col, text);
    }

    /// Remembers a wrapped cell merged over `first..=last` (no widening).
    pub fn wrap_span(&mut self, row: RowNum, first: usize, last: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.wrapped
            .push((row, first, last, line_widths(text).collect()));
    }

    /// Lines `text` takes in columns `first..=last` at the current widths.
    pub fn lines(&self, first: usize, last: usize, text: &str) -> usize {
        if text.is_empty() {
            return 1;
        }
        // Called for every cell of a streamed sheet: the lines are measured
        // as they are read, without collecting them.
        self.lines_of(first, last, line_widths(text))
    }

    fn lines_of(
        &self,
        first: usize,
        last: usize,
        line_widths: impl IntoIterator<Item = (usize, bool)>,
    ) -> usize {
        // The span's width as set on the sheet, less the cell padding.
        let room: usize = (first..=last)
            .map(|c| self.widths.get(c).copied().unwrap_or(8) + 2)
            .sum::<usize>()
            - 1;
        let room = room.max(1) as f64;
        line_widths
            .into_iter()
            .map(|(w, spaced)| {
                if (w as f64) <= room {
                    return 1;
                }
                // Japanese breaks between any two characters (but for a
                // few that may not start a line); words break at spaces
                // and leave more of each line unused.
                let used = if spaced { 0.85 } else { 0.95 };
                (w as f64 / (room * used)).ceil() as usize
            })
            .sum::<usize>()
            .max(1)
    }

    /// Sets the widths on the sheet, with room for the cell padding, and the
    /// heights of the rows whose wrapped text needs more than one line.
    pub fn apply(&self, ws: &mut Worksheet) -> anyhow::Result<()> {
        for (col, &w) in self.widths.iter().enumerate() {
            ws.set_column_width(col as ColNum, w as f64 + 2.0)?;
        }
        for (row, lines) in self.wrapped_lines() {
            if lines > 1 {
                ws.set_row_height(row, row_height(lines))?;
            }
        }
        Ok(())
    }

    /// Lines of each row holding wrapped text, at the current widths.
    fn wrapped_lines(&self) -> BTreeMap<RowNum, usize> {
        let mut rows: BTreeMap<RowNum, usize> = BTreeMap::new();
        for (row, first, last, widths) in &self.wrapped {
            let lines = self.lines_of(*first, *last, widths.iter().copied());
            let entry = rows.entry(*row).or_insert(1);
            *entry = (*entry).max(lines);
        }
        rows
    }

    /// The width of the columns on a printed page at 100 %, in pixels: a
    /// column `w` characters wide (as [`Columns::apply`] sets it) is `7w + 5`
    /// pixels in Excel's Calibri, but about `10w` where Calibri is missing
    /// (LibreOffice then measures with DejaVu Sans). The wider measure keeps
    /// a printed page from losing its last column in either, at the cost of
    /// some unused width in Excel.
    fn width_px(&self, cols: std::ops::Range<usize>) -> f64 {
        (self.widths.get(cols).unwrap_or_default().iter())
            .map(|&w| 10.0 * (w as f64 + 2.0) + 5.0)
            .sum()
    }
}

/// What an A4 landscape page holds inside the margins of [`page_setup`],
/// at 100 %, in pixels (96 to the inch): 11.69 × 8.27 inches less half an
/// inch each side, and 0.75 inch above and below for the page header and footer.
const PAGE_WIDTH_PX: f64 = (11.69 - 1.0) * 96.0;
#[cfg(test)]
const PAGE_HEIGHT_PX: f64 = (8.27 - 1.5) * 96.0;

/// A row's height in pixels when nothing sets it (15 points).
const DEFAULT_ROW_PX: f64 = 20.0;

/// The print scale, in percent, at which `width_px` fits the page width.
fn scale_to_fit(width_px: f64) -> u16 {
    ((100.0 * PAGE_WIDTH_PX / width_px.max(1.0)).floor() as u16).clamp(10, 100)
}

/// The tallest chart, in pixels. Every chart stands under its sheet's
/// opening lines (at most eight rows) and above the table it plots: with
/// them it fits the first printed page — 650 pixels high at 100 %, taller
/// at the scale that fits a wide sheet to the page width — so no page
/// break can cut it, in any spreadsheet program, and no page shows a
/// chart under a table's repeated header.
pub const CHART_MAX_PX: u32 = 440;

/// The rows a chart `height` pixels high covers (empty rows are 20 pixels
/// high), and one spare row under it: where its table starts.
pub fn chart_rows(height: u32) -> RowNum {
    height.div_ceil(DEFAULT_ROW_PX as u32) + 1
}

/// Prints a table of many vendors across pages, with the `repeated`
/// columns (the ID and text) on the left of each: at the scale where they
/// and the first `per_page` of `groups` fit the page width. A group (a
/// vendor's code and points, or the closing columns) is never split: a
/// page break goes before each group that would not fit on the page.
pub fn print_across(
    ws: &mut Worksheet,
    ctx: &Page,
    rows: (RowNum, RowNum),
    cols: &Columns,
    repeated: (ColNum, ColNum),
    groups: &[(ColNum, ColNum)],
    per_page: usize,
) -> anyhow::Result<()> {
    let span = |(first, last): (ColNum, ColNum)| cols.width_px(first as usize..last as usize + 1);
    let fixed = span(repeated);
    let first_page: f64 = groups.iter().take(per_page).map(|&g| span(g)).sum();
    let scale = scale_to_fit(fixed + first_page);
    let room = PAGE_WIDTH_PX * 100.0 / f64::from(scale) - fixed;
    let breaks = column_breaks(room, groups.iter().map(|&g| (g.0, span(g))));
    ws.set_repeat_rows(rows.0, rows.1)?;
    ws.set_repeat_columns(repeated.0, repeated.1)?;
    page_setup(ws, ctx)?;
    ws.set_print_fit_to_pages(0, 0);
    ws.set_print_scale(scale);
    if !breaks.is_empty() {
        let breaks: Vec<u32> = breaks.into_iter().map(u32::from).collect();
        ws.set_vertical_page_breaks(&breaks)?;
    }
    Ok(())
}

/// The columns before which a page starts, when groups of columns (first
/// column, width) are laid on pages `room` wide, never splitting a group.
fn column_breaks(room: f64, groups: impl IntoIterator<Item = (ColNum, f64)>) -> Vec<ColNum> {
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (first, width) in groups {
        if used > 0.0 && used + width > room {
            breaks.push(first);
            used = 0.0;
        }
        used += width;
    }
    breaks
}

/// Writes text into a table cell; its column widens (within limits) and
/// its row grows to show every line.
pub fn cell(
    ws: &mut Worksheet,
    cols: &mut Columns,
    (row, col): (RowNum, ColNum),
    text: &str,
    format: &TextFormat,
) -> anyhow::Result<()> {
    cols.wrap(row, col as usize, text);
    write_text(ws, row, col, text, format)
}

/// Writes a column header: the header wraps within the column's width
/// instead of widening it (but for a word that would not fit), and its row
/// grows to show every line.
pub fn header(
    ws: &mut Worksheet,
    cols: &mut Columns,
    (row, col): (RowNum, ColNum),
    text: &str,
    format: &TextFormat,
) -> anyhow::Result<()> {
    cols.fit_width(col as usize, longest_word(text));
    cols.wrap_span(row, col as usize, col as usize, text);
    write_text(ws, row, col, text, format)
}

/// Writes a row of column headers from `first_col` rightwards, each as
/// [`header`] writes it.
pub fn header_row<T: AsRef<str>>(
    ws: &mut Worksheet,
    cols: &mut Columns,
    (row, first_col): (RowNum, ColNum),
    labels: impl IntoIterator<Item = T>,
    format: &TextFormat,
) -> anyhow::Result<()> {
    for (i, text) in labels.into_iter().enumerate() {
        header(
            ws,
            cols,
            (row, first_col + i as ColNum),
            text.as_ref(),
            format,
        )?;
    }
    Ok(())
}

/// A bar per row of a table, labelled with its value and in the table's
/// order from the top: the `labels` column names each bar, the `values`
/// column sets its length, over `rows` of `sheet`.
pub fn bar_chart(
    sheet: &str,
    rows: (RowNum, RowNum),
    (labels, values): (ColNum, ColNum),
    (series, title): (&str, &str),
    num_format: &str,
    color: u32,
) -> Chart {
    let mut label = ChartDataLabel::new();
    label.show_value().set_num_format(num_format);
    let mut fill = ChartFormat::new();
    fill.set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(color)));
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name(series)
        .set_categories((sheet, rows.0, labels, rows.1, labels))
        .set_values((sheet, rows.0, values, rows.1, values))
        .set_data_label(&label)
        .set_format(&mut fill);
    chart.title().set_name(title);
    chart.legend().set_hidden();
    // A bar chart draws its first category at the bottom.
    chart.y_axis().set_reverse();
    chart.x_axis().set_min(0);
    chart
}

/// Ends a sheet written in rust_xlsxwriter's low- or constant-memory mode.
/// rust_xlsxwriter 0.102 writes the last row of such a sheet twice when that
/// row has a height of its own — a second, empty `<row>` element for the same
/// row, which spreadsheet programs may refuse or repair since rows must
/// ascend. A blank cell on the next row, in a format that shows nothing on an
/// empty cell, makes the last row an ordinary one.
pub fn end_streamed_rows(
    ws: &mut Worksheet,
    next_row: RowNum,
    invisible: &Format,
) -> anyhow::Result<()> {
    ws.write_blank(next_row, 0, invisible)?;
    Ok(())
}

/// Escapes text for a page header or footer, where `&` starts a code. The
/// limits keep the whole header under Excel's 255 characters even when every
/// character is an escaped `&`.
pub(crate) fn page_header_text(text: &str, limit: usize) -> String {
    fit_text(text, limit).replace('&', "&&")
}

/// The page of [`page_setup`], with `rows` repeated on every page.
pub fn print_setup(ws: &mut Worksheet, ctx: &Page, rows: (RowNum, RowNum)) -> anyhow::Result<()> {
    ws.set_repeat_rows(rows.0, rows.1)?;
    page_setup(ws, ctx)
}

/// The page of every printed sheet: A4 landscape, fit to the page width,
/// the title and date above and the page number and marking below.
pub fn page_setup(ws: &mut Worksheet, ctx: &Page) -> anyhow::Result<()> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_header(format!(
        "&L{}&R{}",
        page_header_text(&ctx.title, 80),
        page_header_text(&ctx.date, 20)
    ));
    ws.set_footer(format!(
        "&C&P / &N&R{}",
        page_header_text(&ctx.settings.marking, 60)
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_counts_double() {
        assert_eq!(display_width("住民記録", 100), 8);
        assert_eq!(display_width("R-001", 100), 5);
        assert_eq!(display_width("ＡＢ\n長い二行目の文", 100), 14);
        assert_eq!(display_width(&"要".repeat(500), 60), 60);
    }

    #[test]
    fn widths_stay_within_limits() {
        let mut w = Columns::new(vec![(4, 10), (2, 60)]);
        w.fit(0, "住民基本台帳システム");
        w.fit(1, "ID");
        assert_eq!(w.widths, vec![10, 2]);
    }

    #[test]
    fn wrapped_text_counts_lines_at_the_final_width() {
        let mut c = Columns::new(vec![(4, 10), (4, 10)]);
        c.wrap(3, 0, "住民基本台帳システムの更新");
        assert_eq!(c.widths[0], 10);
        // 26 cells in a 10-cell column, with room for word wrap.
        assert_eq!(c.lines(0, 0, "住民基本台帳システムの更新"), 3);
        assert_eq!(c.lines(0, 0, "甲町\n乙村"), 2);
        assert_eq!(c.lines(0, 0, ""), 1);
        // Merged over two columns: 10 + 4 + padding.
        assert_eq!(c.lines(0, 1, "住民基本台帳"), 1);
        assert_eq!(c.lines(0, 1, "住民基本台帳システム"), 2);
    }

    #[test]
    fn words_do_not_break_but_japanese_may() {
        assert_eq!(longest_word("Customization cost (yen)"), 13);
        assert_eq!(longest_word("カスタマイズ費用（税抜・円）"), 0);
        assert_eq!(longest_word("費用不明（件）Unknown"), 7);
    }

    /// A chart under eight opening lines fits the first page at 100 %.
    #[test]
    fn a_chart_fits_the_first_page() {
        let above = 8.0 * DEFAULT_ROW_PX + 10.0;
        assert!(above + f64::from(CHART_MAX_PX) <= PAGE_HEIGHT_PX);
        assert_eq!(chart_rows(440), 23);
    }

    #[test]
    fn column_groups_are_never_split() {
        let groups = [(6, 100.0), (8, 100.0), (10, 100.0), (12, 150.0)];
        assert_eq!(column_breaks(250.0, groups), vec![10]);
        assert_eq!(column_breaks(240.0, groups), vec![10, 12]);
        assert_eq!(column_breaks(300.0, groups), vec![12]);
        assert!(column_breaks(500.0, groups).is_empty());
        // A group wider than the page still gets a page of its own.
        assert_eq!(column_breaks(90.0, groups), vec![8, 10, 12]);
    }

    #[test]
    fn scale_fits_the_width() {
        assert_eq!(scale_to_fit(500.0), 100);
        assert_eq!(scale_to_fit(2.0 * PAGE_WIDTH_PX), 50);
        assert_eq!(scale_to_fit(1e9), 10);
    }

    #[test]
    fn ampersands_are_literal_in_headers() {
        assert_eq!(page_header_text("A&B 共同調達", 100), "A&&B 共同調達");
    }
}

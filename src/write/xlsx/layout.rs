//! Column widths and print setup shared by every sheet.
//!
//! rust_xlsxwriter's `autofit` counts every non-ASCII character as one narrow
//! glyph, so Japanese columns come out far too narrow; widths here come from
//! the display width of the text (`unicode-width`: two cells for a kanji).
//! Every sheet prints the same way so that the committee's binder reads as
//! one document: A4 landscape, one page wide, header rows repeated, the
//! title and date on top, page numbers and the marking below.

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
    /// column `w` characters wide (as [`Columns::apply`] sets it) is
    /// `7w + 5` pixels in the default 11-point font.
    fn width_px(&self, cols: std::ops::Range<usize>) -> f64 {
        (self.widths.get(cols).unwrap_or_default().iter())
            .map(|&w| 7.0 * (w as f64 + 2.0) + 5.0)
            .sum()
    }
}

/// What an A4 landscape page holds inside the margins of [`page_setup`],
/// at 100 %, in pixels (96 to the inch): 11.69 × 8.27 inches less half an
/// inch each side, and 0.75 inch above and below for the page header and footer.
const PAGE_WIDTH_PX: f64 = (11.69 - 1.0) * 96.0;
const PAGE_HEIGHT_PX: f64 = (8.27 - 1.5) * 96.0;

/// A row's height in pixels when nothing sets it (15 points).
const DEFAULT_ROW_PX: f64 = 20.0;

/// The print scale, in percent, at which `width_px` fits the page width.
fn scale_to_fit(width_px: f64) -> u16 {
    ((100.0 * PAGE_WIDTH_PX / width_px.max(1.0)).floor() as u16).clamp(10, 100)
}

/// Prints the sheet one page wide, like [`print_setup`], and keeps each
/// chart — its first row and its height in pixels — on one page: a page
/// break goes before a chart's row when the chart would not fit on the
/// page where it starts.
///
/// Excel ignores manual page breaks on a sheet printed "fit to page", so
/// such a sheet is printed at the scale that makes its columns one page
/// wide instead; the rows above each chart are measured (default rows,
/// wrapped rows at their heights, the repeated rows on every page after
/// the first), with a little room to spare for what is not measured.
pub fn print_setup_with_charts(
    ws: &mut Worksheet,
    ctx: &Page,
    rows: (RowNum, RowNum),
    cols: &Columns,
    charts: &[(RowNum, u32)],
) -> anyhow::Result<()> {
    let scale = scale_to_fit(cols.width_px(0..cols.widths.len()));
    let page = PAGE_HEIGHT_PX * 100.0 / f64::from(scale) * 0.92;
    let wrapped = cols.wrapped_lines();
    let height = |row: RowNum| match wrapped.get(&row) {
        Some(&lines) if lines > 1 => row_height(lines) * 4.0 / 3.0,
        _ => DEFAULT_ROW_PX,
    };
    let repeated: f64 = (rows.0..=rows.1).map(height).sum();
    let breaks = chart_breaks(page, repeated, height, charts);
    ws.set_repeat_rows(rows.0, rows.1)?;
    page_setup(ws, ctx)?;
    ws.set_print_fit_to_pages(0, 0);
    ws.set_print_scale(scale);
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    Ok(())
}

/// The rows before which a page break keeps each chart (first row, height
/// in pixels) whole, on pages `page` pixels high whose rows are `height(row)`
/// high, with `repeated` pixels of repeated rows atop every page after the first.
fn chart_breaks(
    page: f64,
    repeated: f64,
    height: impl Fn(RowNum) -> f64,
    charts: &[(RowNum, u32)],
) -> Vec<RowNum> {
    let mut breaks = Vec::new();
    let (mut row, mut used) = (0, 0.0);
    let mut charts = charts.to_vec();
    charts.sort_unstable();
    for (chart_row, chart_px) in charts {
        while row < chart_row {
            let h = height(row);
            if used + h > page {
                used = repeated;
            }
            used += h;
            row += 1;
        }
        let chart_px = f64::from(chart_px);
        if used + chart_px > page && used > repeated {
            breaks.push(chart_row);
            used = repeated;
        }
        // The rows under the chart, down to its bottom edge, are taken.
        let mut covered = 0.0;
        while covered < chart_px {
            covered += height(row);
            row += 1;
        }
        used += covered;
    }
    breaks
}

/// Prints a table of many vendors across pages, with `repeated` (the ID and
/// text columns) on the left of each: at the scale where the repeated
/// columns and `per_page` column groups of `group` columns from
/// `first_group` fit the page width.
pub fn print_across(
    ws: &mut Worksheet,
    ctx: &Page,
    rows: (RowNum, RowNum),
    cols: &Columns,
    repeated: (ColNum, ColNum),
    (first_group, group, per_page): (usize, usize, usize),
) -> anyhow::Result<()> {
    let fixed = cols.width_px(repeated.0 as usize..repeated.1 as usize + 1);
    let groups = cols.width_px(first_group..first_group + group * per_page);
    ws.set_repeat_rows(rows.0, rows.1)?;
    ws.set_repeat_columns(repeated.0, repeated.1)?;
    page_setup(ws, ctx)?;
    ws.set_print_fit_to_pages(0, 0);
    ws.set_print_scale(scale_to_fit(fixed + groups));
    Ok(())
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

    /// A chart that would run off the page it starts on goes to the next,
    /// whole; one that fits stays where it is.
    #[test]
    fn a_chart_that_would_be_cut_starts_a_page() {
        let rows = |_| 20.0;
        // 30 rows (600 px) then a 300 px chart on a 700 px page: a break.
        assert_eq!(chart_breaks(700.0, 20.0, rows, &[(30, 300)]), vec![30]);
        // 10 rows (200 px) then the same chart: it fits.
        assert!(chart_breaks(700.0, 20.0, rows, &[(10, 300)]).is_empty());
        // The second chart of a sheet is measured from where the first ends:
        // 200 + 300, then 5 rows (600), then 200 px more would pass 700.
        assert_eq!(
            chart_breaks(700.0, 20.0, rows, &[(10, 300), (30, 200)]),
            vec![30]
        );
        // Rows past a page start the next one under the repeated rows:
        // 40 rows fill one page (35) and 5 rows + 20 repeated on the next.
        assert!(chart_breaks(700.0, 20.0, rows, &[(40, 500)]).is_empty());
        assert_eq!(chart_breaks(700.0, 20.0, rows, &[(40, 600)]), vec![40]);
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

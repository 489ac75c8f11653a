//! Column widths and print setup shared by every sheet.
//!
//! rust_xlsxwriter's `autofit` counts every non-ASCII character as one narrow
//! glyph, so Japanese columns come out far too narrow; widths here come from
//! the display width of the text (`unicode-width`: two cells for a kanji).
//! Every sheet prints the same way so that the committee's binder reads as
//! one document: A4 landscape, one page wide, header rows repeated, the
//! title and date on top, page numbers and the marking below.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};
use unicode_width::UnicodeWidthChar;

use super::Ctx;
use super::format::fit_text;

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

/// Column widths grown from the text written, within limits per column.
pub struct Widths {
    limits: Vec<(usize, usize)>,
    widths: Vec<usize>,
}

impl Widths {
    /// `limits[i]` is the (minimum, maximum) width of column `i`, in display cells.
    pub fn new(limits: Vec<(usize, usize)>) -> Widths {
        let widths = limits.iter().map(|&(min, _)| min).collect();
        Widths { limits, widths }
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

    /// Sets the widths on the sheet, with room for the cell padding.
    pub fn apply(&self, ws: &mut Worksheet) -> anyhow::Result<()> {
        for (col, &w) in self.widths.iter().enumerate() {
            ws.set_column_width(col as ColNum, w as f64 + 2.0)?;
        }
        Ok(())
    }
}

/// Escapes text for a page header or footer, where `&` starts a code. The
/// limits keep the whole header under Excel's 255 characters even when every
/// character is an escaped `&`.
fn header_text(text: &str, limit: usize) -> String {
    fit_text(text, limit).replace('&', "&&")
}

/// A4 landscape, one page wide, `rows` repeated on every page, the title and
/// date in the page header, page x / y and the marking in the footer.
pub fn print_setup(ws: &mut Worksheet, ctx: &Ctx, rows: (RowNum, RowNum)) -> anyhow::Result<()> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(rows.0, rows.1)?;
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_header(format!(
        "&L{}&R{}",
        header_text(&ctx.title, 80),
        header_text(&ctx.date, 20)
    ));
    ws.set_footer(format!(
        "&C&P / &N&R{}",
        header_text(&ctx.settings.marking, 60)
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
        let mut w = Widths::new(vec![(4, 10), (2, 60)]);
        w.fit(0, "住民基本台帳システム");
        w.fit(1, "ID");
        assert_eq!(w.widths, vec![10, 2]);
    }

    #[test]
    fn ampersands_are_literal_in_headers() {
        assert_eq!(header_text("A&B 共同調達", 100), "A&&B 共同調達");
    }
}

//! By area (業務別): requirement fit per vendor within each business area.
//!
//! ```text
//!   業務別の機能要件適合度（%）
//!   [column chart: one series per vendor]
//!   業務     | 要件数 | 配点合計 | A社  | B社
//!   住民記録 | 2      | 5        | 100.0 | 42.0
//!   税務     | 1      | 2        | 70.0  | 0.0
//! ```
//!
//! The sums here are presentation only: each vendor's points per requirement
//! come from the analysis, added up per area.

use rust_xlsxwriter::{
    Chart, ChartType, ColNum, ConditionalFormat2ColorScale, ConditionalFormatType, RowNum,
    Worksheet,
};

use super::Ctx;
use super::format::{write_number, write_text};
use super::layout::{Columns, cell, chart_rows, header_row, print_setup};

const COL_AREA: ColNum = 0;
const COL_COUNT: ColNum = 1;
const COL_MAX: ColNum = 2;
const FIRST_VENDOR: ColNum = 3;
/// The chart's first row, under the title.
const CHART_ROW: RowNum = 1;
const CHART_HEIGHT: u32 = 340;

/// Requirements, weights and each vendor's points of one business area.
struct AreaTotals<'a> {
    name: &'a str,
    requirements: usize,
    max: f64,
    points: Vec<f64>,
}

fn area_totals<'a>(ctx: &'a Ctx) -> Vec<AreaTotals<'a>> {
    let vendors = &ctx.analysis.vendors;
    let mut areas: Vec<AreaTotals> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, req) in ctx.inputs.requirements.iter().enumerate() {
        let k = *index.entry(req.area.as_str()).or_insert_with(|| {
            areas.push(AreaTotals {
                name: &req.area,
                requirements: 0,
                max: 0.0,
                points: vec![0.0; vendors.len()],
            });
            areas.len() - 1
        });
        let area = &mut areas[k];
        area.requirements += 1;
        area.max += req.weight;
        for (v, result) in vendors.iter().enumerate() {
            area.points[v] += result.points.get(i).copied().unwrap_or(0.0);
        }
    }
    areas
}

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let b = &l.by_area;
    let s = &ctx.styles;
    let vendors = &ctx.analysis.vendors;
    let sheet = l.sheets.by_area.as_str();
    ws.set_name(sheet)?;

    let mut limits = vec![(8, 24), (6, 8), (6, 10)];
    limits.extend(std::iter::repeat_n((8, 16), vendors.len()));
    let mut cols = Columns::new(limits);

    write_text(ws, 0, 0, &b.title, &s.title)?;
    let areas = area_totals(ctx);
    // The chart above the table it plots, where no page break can cut it.
    let charted = !areas.is_empty() && !vendors.is_empty();
    let header_row_at = if charted {
        CHART_ROW + chart_rows(CHART_HEIGHT)
    } else {
        CHART_ROW
    };
    let headers = [&b.area, &b.requirements, &b.max];
    header_row(ws, &mut cols, (header_row_at, COL_AREA), headers, &s.header)?;
    // A vendor's name widens its column rather than wrap: the percentages
    // below are narrow.
    for (v, result) in vendors.iter().enumerate() {
        let col = FIRST_VENDOR + v as ColNum;
        cell(
            ws,
            &mut cols,
            (header_row_at, col),
            ctx.vendor_label(result.vendor),
            &s.header,
        )?;
    }

    let mut row = header_row_at + 1;
    for area in &areas {
        cell(ws, &mut cols, (row, COL_AREA), area.name, &s.bold)?;
        write_number(
            ws,
            row,
            COL_COUNT,
            area.requirements as f64,
            Some(&s.integer),
        )?;
        write_number(ws, row, COL_MAX, area.max, Some(&s.number))?;
        for (v, points) in area.points.iter().enumerate() {
            let col = FIRST_VENDOR + v as ColNum;
            if area.max > 0.0 {
                write_number(ws, row, col, 100.0 * points / area.max, Some(&s.percent))?;
            } else {
                write_text(ws, row, col, &l.common.none, &s.text)?;
            }
        }
        row += 1;
    }
    cols.apply(ws)?;

    if charted {
        let first = header_row_at + 1;
        let last = row - 1;
        let last_col = FIRST_VENDOR + vendors.len() as ColNum - 1;
        // Low fit in red fading to white at full fit: weak areas stand
        // out on screen, and as darker greys on a black-and-white copy
        // (a red-to-green scale prints both ends as the same grey).
        let scale = ConditionalFormat2ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, 0)
            .set_maximum(ConditionalFormatType::Number, 100)
            .set_minimum_color(0xF8696B)
            .set_maximum_color(0xFFFFFF);
        ws.add_conditional_format(first, FIRST_VENDOR, last, last_col, &scale)?;

        let mut chart = Chart::new(ChartType::Column);
        for v in 0..vendors.len() {
            let col = FIRST_VENDOR + v as ColNum;
            chart
                .add_series()
                .set_name((sheet, header_row_at, col))
                .set_categories((sheet, first, COL_AREA, last, COL_AREA))
                .set_values((sheet, first, col, last, col));
        }
        chart.title().set_name(b.chart_title.as_str());
        chart.y_axis().set_min(0).set_max(100).set_major_unit(20);
        let bars = (areas.len() * vendors.len()) as u32;
        chart.set_width((240 + 14 * bars).clamp(640, 1600));
        chart.set_height(CHART_HEIGHT);
        ws.insert_chart(CHART_ROW, COL_AREA, &chart)?;
    }

    print_setup(ws, ctx, (header_row_at, header_row_at))
}

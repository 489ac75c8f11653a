//! 按分: one row per member with every part of its share, its saving and
//! its cost per resident; the formula in words above the table, so that a
//! town can redo its share by hand; a chart of each town's current against
//! its new cost below.
//!
//! ```text
//!   費用按分
//!   按分総額 | ¥426,600,000        共同利用の総額 | …
//!   計算方法  均等割 ＝ 按分総額 ¥426,600,000 × 0.3 ÷ 団体数 6 …
//!   団体名 | 人口 | 現行経費 | 業務数 | 均等割 | 人口割 | 業務数割 | 基本額 | 再按分調整 | 端数調整 | 負担額 | …
//! ```

use rust_xlsxwriter::{Chart, ChartType, ColNum, RowNum, Worksheet};

use super::{Sheet, percent_text, yen};
use crate::analyze::share::Split;
use crate::write::xlsx::format::{write_number, write_text};
use crate::write::xlsx::layout::{Columns, cell, header_row, print_setup};

const COL_MEMBER: ColNum = 0;
const COL_CURRENT: ColNum = 2;
const COL_NEW_COST: ColNum = 12;
const COLUMNS: usize = 18;
/// Where the facts above the table are written: right of their labels.
const COL_FACT: ColNum = 3;

pub fn write(ws: &mut Worksheet, sh: &Sheet) -> anyhow::Result<()> {
    let l = &sh.labels().share;
    let s = &sh.styles;
    let o = sh.report.outcome;
    let settings = &sh.settings.share;
    ws.set_name(&l.sheet_apportion)?;
    let mut cols = Columns::new(
        std::iter::once((10, 20))
            .chain(std::iter::repeat_n((9, 16), COLUMNS - 1))
            .collect(),
    );

    write_text(ws, 0, 0, &l.title, &s.title)?;
    let mut row: RowNum = 1;
    if let Some(vendor) = sh.report.vendor {
        write_text(
            ws,
            row,
            0,
            &sh.say(&l.vendor, &[("vendor", vendor)]),
            &sh.label,
        )?;
        row += 1;
    }
    let fact = |ws: &mut Worksheet, row: &mut RowNum, label: &str| -> anyhow::Result<()> {
        write_text(ws, *row, 0, label, &sh.label)?;
        *row += 1;
        Ok(())
    };
    let amounts = [
        (&l.given_total, o.given_total),
        (&l.shared_customization, o.charges.shared_total()),
        (&l.total, o.split.total),
    ];
    for (label, amount) in amounts {
        write_number(ws, row, COL_FACT, amount, Some(&sh.yen))?;
        fact(ws, &mut row, label)?;
    }
    let weights = sh.say(
        &l.weights_value,
        &[
            ("equal", &percent_text(settings.equal)),
            ("population", &percent_text(settings.population)),
            ("business", &percent_text(settings.business)),
        ],
    );
    let guarantee = settings.min_saving.map_or_else(
        || l.no_guarantee.clone(),
        |g| format!("{}%", percent_text(g)),
    );
    let unit = sh.say(&l.unit_value, &[("unit", &settings.unit.to_string())]);
    for (label, value) in [
        (&l.weights, weights),
        (&l.guarantee, guarantee),
        (&l.unit, unit),
    ] {
        write_text(ws, row, COL_FACT, &value, &s.note)?;
        fact(ws, &mut row, label)?;
    }

    row += 1;
    write_text(ws, row, 0, &l.how, &s.section)?;
    row += 1;
    for line in how(sh, &o.split) {
        let format = if line.1 { &s.emphasis } else { &s.note };
        write_text(ws, row, 0, &line.0, format)?;
        row += 1;
    }

    row += 1;
    let header = row;
    let headers = [
        &l.member,
        &l.population,
        &l.current,
        &l.businesses,
        &l.equal,
        &l.population_part,
        &l.business_part,
        &l.base,
        &l.adjustment,
        &l.rounding,
    ]
    .map(String::as_str)
    .into_iter()
    .chain(sh.cost_headers())
    .chain([l.capped.as_str()]);
    header_row(ws, &mut cols, (header, 0), headers, &s.header)?;
    row += 1;
    let first = row;
    // The totals of the columns from 人口 to 削減額.
    let mut sums = [0.0; 13];
    for (m, c) in o.split.members.iter().zip(&o.costs) {
        let town = &sh.report.towns[m.town];
        cell(ws, &mut cols, (row, COL_MEMBER), &town.name, &s.text)?;
        let parts = [
            (Some(town.population), &sh.count),
            (Some(town.current), &sh.yen),
            (town.businesses, &sh.count),
            (Some(m.equal), &sh.yen),
            (Some(m.population_part), &sh.yen),
            (Some(m.business_part), &sh.yen),
            (Some(m.base), &sh.yen),
            (Some(m.adjustment), &sh.yen),
            (Some(m.rounding), &sh.yen),
        ];
        let figures: Vec<_> = parts.into_iter().chain(sh.cost_figures(c)).collect();
        sh.write_figures(ws, (row, 1), &figures)?;
        for (sum, (value, _)) in sums.iter_mut().zip(&figures) {
            *sum += value.unwrap_or(0.0);
        }
        let mark = if m.capped { l.capped_mark.as_str() } else { "" };
        cell(ws, &mut cols, (row, 17), mark, &s.text)?;
        row += 1;
    }
    let last = row - 1;
    cell(ws, &mut cols, (row, COL_MEMBER), &l.sum, &s.bold)?;
    let totals = sums.iter().enumerate().map(|(i, &sum)| {
        let format = if i == 0 || i == 2 { &sh.count } else { &sh.yen };
        (Some(sum), format)
    });
    sh.write_figures(ws, (row, 1), &totals.collect::<Vec<_>>())?;
    cols.apply(ws)?;
    ws.set_freeze_panes(header + 1, 1)?;

    let mut chart = Chart::new(ChartType::Column);
    for (col, name) in [(COL_CURRENT, &l.current), (COL_NEW_COST, &l.new_cost)] {
        chart
            .add_series()
            .set_name(name.as_str())
            .set_categories((
                l.sheet_apportion.as_str(),
                first,
                COL_MEMBER,
                last,
                COL_MEMBER,
            ))
            .set_values((l.sheet_apportion.as_str(), first, col, last, col));
    }
    chart.title().set_name(l.chart_title.as_str());
    chart.y_axis().set_min(0).set_num_format("#,##0");
    let towns = o.split.members.len() as u32;
    chart.set_width((200 + 70 * towns).clamp(640, 1400));
    chart.set_height(340);
    // A chart never splits across pages: it starts a page of its own.
    let chart_row = row + 2;
    ws.set_page_breaks(&[chart_row])?;
    ws.insert_chart(chart_row, COL_MEMBER, &chart)?;

    print_setup(ws, sh, (header, header))
}

/// The formula in words, line by line, with the figures of this split;
/// `true` marks a line the committee must not miss.
fn how(sh: &Sheet, split: &Split) -> Vec<(String, bool)> {
    let l = &sh.labels().share;
    let settings = &sh.settings.share;
    let towns = sh.report.towns;
    let total = yen(split.total);
    let n = split.members.len().to_string();
    let population: f64 = split.members.iter().map(|m| towns[m.town].population).sum();
    let businesses: f64 = (split.members.iter())
        .map(|m| towns[m.town].businesses.unwrap_or(0.0))
        .sum();
    let mut lines = vec![
        sh.say(
            &l.how_equal,
            &[
                ("total", &total),
                ("equal", &settings.equal.to_string()),
                ("n", &n),
            ],
        ),
        sh.say(
            &l.how_population,
            &[
                ("total", &total),
                ("population", &settings.population.to_string()),
                ("sum", &short_count(population)),
            ],
        ),
    ];
    if settings.business > 0.0 {
        lines.push(sh.say(
            &l.how_business,
            &[
                ("total", &total),
                ("business", &settings.business.to_string()),
                ("sum", &short_count(businesses)),
            ],
        ));
    }
    lines.push(l.how_base.clone());
    let mut lines: Vec<(String, bool)> = lines.into_iter().map(|t| (t, false)).collect();
    if let Some(g) = &split.guarantee {
        let min_saving = percent_text(g.min_saving);
        if g.feasible {
            let rounds = g.rounds.to_string();
            lines.push((
                sh.say(
                    &l.how_guarantee,
                    &[("min_saving", &min_saving), ("rounds", &rounds)],
                ),
                false,
            ));
        } else {
            lines.push((
                sh.say(
                    &l.guarantee_infeasible,
                    &[
                        ("min_saving", &min_saving),
                        ("shortfall", &yen(g.shortfall)),
                        ("max_feasible", &percent_text(split.max_feasible.max(0.0))),
                    ],
                ),
                true,
            ));
        }
    }
    let taker = sh.town(split.members[split.remainder_to].town);
    lines.push((
        sh.say(
            &l.how_rounding,
            &[
                ("unit", &settings.unit.to_string()),
                ("remainder", &yen(split.remainder)),
                ("town", taker),
            ],
        ),
        false,
    ));
    if split.remainder_over_cap {
        lines.push((sh.say(&l.remainder_over_cap, &[("town", taker)]), true));
    }
    lines.push((l.how_saving.clone(), false));
    lines
}

/// A count for running text: `123,456`.
fn short_count(value: f64) -> String {
    yen(value).replace('¥', "")
}

//! Sensitivity (感度分析): how robust the ranking is (SPEC §5.1).
//!
//! ```text
//!   感度分析（順位の安定性）
//!   配点の重み感度
//!   1位: A社 / 2位: C社 / 差: 31点
//!   順位は、業務「国民健康保険」の配点を×2.4に上げない限り変わりません。
//!   入替倍率が×1に近い業務・分類（上位10件）
//!   種別 | 業務・分類 | 入替倍率 | 判定          + [bar chart of the factors]
//!   順位を左右する要件（F08）: 1件 …
//!   必須要件を1件だけ緩和した場合
//!   要件ID | 要件 | 不適合となるベンダー | 緩和後の適合ベンダー数
//!   競争性の確保に必要な最小の緩和
//!   目標とする適合ベンダー数 | 緩和する必須要件
//!   業務・分類ごとの入替倍率
//!   種別 | 業務・分類   | A社（1位）の得点 | C社（2位）の得点 | 入替倍率 | 判定
//!   業務 | 国民健康保険 | 0                | 22               | 2.41     | 配点を×2.41に上げると並ぶ
//!   分類 | 証明発行     | 12               | 12               |          | どの倍率でも入れ替わらない
//! ```
//!
//! The swap factors come from the analysis; the points inside each group
//! are only summed here so that a committee member can check a factor by
//! hand: f = (R₁ − R₂) / (G₂ − G₁).

use std::collections::HashMap;

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::format::{short_number, write_number, write_text};
use super::layout::{Columns, bar_chart, cell, header_row, print_setup};
use crate::model::{FlagCode, GroupKind, GroupSensitivity, Sensitivity};
use crate::write::labels::{SensitivityLabels, fill};

const COL_KIND: ColNum = 0;
const COL_GROUP: ColNum = 1;
const COL_FIRST: ColNum = 2;
const COL_SECOND: ColNum = 3;
const COL_FACTOR: ColNum = 4;
const COL_VERDICT: ColNum = 5;

/// Groups shown in the chart: the ones nearest to swapping.
const NEAREST: usize = 10;

/// Scores closer than this are equal (SPEC §4).
const TOLERANCE: f64 = 1e-9;

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let t = &l.sensitivity;
    let s = &ctx.styles;
    let a = ctx.analysis;
    ws.set_name(&l.sheets.sensitivity)?;
    let mut cols = Columns::new(vec![
        (8, 14),
        (14, 40),
        (10, 16),
        (10, 28),
        (8, 12),
        (14, 30),
    ]);

    write_text(ws, 0, 0, &t.title, &s.title)?;
    let mut row: RowNum = 2;
    write_text(ws, row, 0, &t.weights_title, &s.section)?;
    row += 1;
    match &a.sensitivity {
        None => {
            write_text(ws, row, 0, &t.none, &s.note)?;
            row += 1;
        }
        Some(sens) => {
            let margin = short_number(sens.margin);
            let pair = fill(
                &t.pair,
                &[
                    ("first", ctx.vendor_name(sens.first)),
                    ("second", ctx.vendor_name(sens.second)),
                    ("margin", &margin),
                ],
            );
            write_text(ws, row, 0, &pair, &s.note)?;
            row += 1;
            write_text(ws, row, 0, &headline(sens, t), &s.emphasis)?;
            row += 1;
            write_text(ws, row, 0, &t.note, &s.note)?;
            row += 2;
            row = nearest(ws, &mut cols, ctx, sens, row)?;
            row = pivotal(ws, &mut cols, ctx, row)?;
        }
    }

    row += 1;
    row = whatifs(ws, &mut cols, ctx, row)?;
    row += 1;
    row = relief_sets(ws, &mut cols, ctx, row)?;

    // The full table comes last: it may run over pages, and the short
    // tables above are what a committee discusses.
    if let Some(sens) = &a.sensitivity {
        row += 1;
        write_text(ws, row, 0, &t.groups_title, &s.section)?;
        group_table(ws, &mut cols, ctx, sens, row + 1)?;
    }

    cols.apply(ws)?;
    // Only the title repeats: the sheet holds several tables, and a header
    // row repeated over the wrong table would mislabel it.
    print_setup(ws, ctx, (0, 0))
}

/// The sentence a committee reads: the change of weights nearest to the
/// current ones that would tie the first two vendors.
pub(crate) fn headline(sens: &Sensitivity, t: &SensitivityLabels) -> String {
    if sens.margin.abs() < TOLERANCE {
        return t.tied.clone();
    }
    let Some((group, factor)) = by_nearness(&sens.groups).into_iter().next() else {
        return t.holds_always.clone();
    };
    let template = if factor >= 1.0 {
        &t.holds_unless_raised
    } else {
        &t.holds_unless_lowered
    };
    fill(
        template,
        &[
            ("kind", kind(group.kind, t)),
            ("group", &group.name),
            ("factor", &short_number(factor)),
        ],
    )
}

/// The groups with a swap factor, nearest to ×1 first (on a ratio scale, so
/// that ×0.5 and ×2 are as near), then in the order the analysis lists them.
pub(crate) fn by_nearness(groups: &[GroupSensitivity]) -> Vec<(&GroupSensitivity, f64)> {
    let mut with_factor: Vec<(&GroupSensitivity, f64)> = groups
        .iter()
        .filter_map(|g| g.swap_factor.map(|f| (g, f)))
        .collect();
    // A factor of 0 (the group must vanish) is the farthest of all.
    let distance = |f: f64| {
        if f > 0.0 { f.ln().abs() } else { f64::INFINITY }
    };
    with_factor.sort_by(|a, b| distance(a.1).total_cmp(&distance(b.1)));
    with_factor
}

fn kind(kind: GroupKind, t: &SensitivityLabels) -> &str {
    match kind {
        GroupKind::Area => &t.kind_area,
        GroupKind::Category => &t.kind_category,
    }
}

/// What a swap factor means, in words.
fn verdict(factor: Option<f64>, t: &SensitivityLabels) -> String {
    match factor {
        None => t.no_swap.clone(),
        Some(f) if (f - 1.0).abs() < TOLERANCE => t.verdict_tied.clone(),
        Some(f) => {
            let template = if f > 1.0 {
                &t.verdict_raised
            } else {
                &t.verdict_lowered
            };
            fill(template, &[("factor", &short_number(f))])
        }
    }
}

/// Points of the first and second vendor inside each group, by (area,
/// category): a category is a group within its area.
type GroupPoints<'a> = HashMap<(&'a str, Option<&'a str>), (f64, f64)>;

/// The first and second vendors' points inside each area and inside each
/// category of an area.
fn group_points<'a>(ctx: &'a Ctx, sens: &Sensitivity) -> GroupPoints<'a> {
    let points = |vendor| ctx.analysis.result(vendor).points.as_slice();
    let (first, second) = (points(sens.first), points(sens.second));
    let mut sums = GroupPoints::new();
    for (i, req) in ctx.inputs.requirements.iter().enumerate() {
        let (p1, p2) = (first[i], second[i]);
        let mut add = |category: Option<&'a str>| {
            let sum = sums.entry((req.area.as_str(), category)).or_default();
            sum.0 += p1;
            sum.1 += p2;
        };
        add(None);
        if !req.category.is_empty() {
            add(Some(req.category.as_str()));
        }
    }
    sums
}

/// Every group with its points and swap factor; returns the next free row.
fn group_table(
    ws: &mut Worksheet,
    cols: &mut Columns,
    ctx: &Ctx,
    sens: &Sensitivity,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let t = &ctx.labels.sensitivity;
    let s = &ctx.styles;
    let first = fill(&t.points_first, &[("name", ctx.vendor_name(sens.first))]);
    let second = fill(&t.points_second, &[("name", ctx.vendor_name(sens.second))]);
    let headers = [
        &t.kind,
        &t.group,
        &first,
        &second,
        &t.swap_factor,
        &t.verdict,
    ];
    header_row(ws, cols, (row, COL_KIND), headers, &s.header)?;
    row += 1;
    let points = group_points(ctx, sens);
    for g in &sens.groups {
        cell(ws, cols, (row, COL_KIND), kind(g.kind, t), &s.text)?;
        cell(ws, cols, (row, COL_GROUP), &g.name, &s.text)?;
        let key = (g.area.as_str(), g.category.as_deref());
        let (g1, g2) = points.get(&key).copied().unwrap_or((f64::NAN, f64::NAN));
        write_number(ws, row, COL_FIRST, g1, Some(&s.number))?;
        write_number(ws, row, COL_SECOND, g2, Some(&s.number))?;
        write_number(
            ws,
            row,
            COL_FACTOR,
            g.swap_factor.unwrap_or(f64::NAN),
            Some(&s.ratio),
        )?;
        cell(
            ws,
            cols,
            (row, COL_VERDICT),
            &verdict(g.swap_factor, t),
            &s.text,
        )?;
        row += 1;
    }
    Ok(row)
}

/// How many single requirements decide the ranking (F08), and which.
fn pivotal(
    ws: &mut Worksheet,
    cols: &mut Columns,
    ctx: &Ctx,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let t = &ctx.labels.sensitivity;
    let s = &ctx.styles;
    write_text(ws, row, 0, &t.pivotal_title, &s.section)?;
    row += 1;
    let f08: Vec<_> = ctx
        .analysis
        .flags
        .iter()
        .filter(|f| f.code == FlagCode::F08)
        .collect();
    if f08.is_empty() {
        write_text(ws, row, 0, &t.pivotal_none, &s.note)?;
        return Ok(row + 1);
    }
    let count = fill(&t.pivotal_count, &[("count", &f08.len().to_string())]);
    write_text(ws, row, 0, &count, &s.note)?;
    row += 1;
    let headers = [&t.requirement, &t.text];
    header_row(ws, cols, (row, COL_KIND), headers, &s.header)?;
    row += 1;
    for flag in f08 {
        let Some(r) = flag.requirement else {
            continue;
        };
        let requirement = &ctx.inputs.requirements[r.index()];
        let (id, text) = (requirement.id.as_str(), requirement.text.as_str());
        cell(ws, cols, (row, COL_KIND), id, &s.text)?;
        cell(ws, cols, (row, COL_GROUP), text, &s.text)?;
        row += 1;
    }
    Ok(row)
}

/// The groups nearest to swapping, and a bar chart of their factors.
fn nearest(
    ws: &mut Worksheet,
    cols: &mut Columns,
    ctx: &Ctx,
    sens: &Sensitivity,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let t = &ctx.labels.sensitivity;
    let s = &ctx.styles;
    let near: Vec<_> = by_nearness(&sens.groups)
        .into_iter()
        .take(NEAREST)
        .collect();
    if near.is_empty() {
        return Ok(row);
    }
    let title = fill(&t.nearest_title, &[("count", &near.len().to_string())]);
    write_text(ws, row, 0, &title, &s.section)?;
    row += 1;

    // The chart first, the table it plots below it: the chart then stays on
    // the first page, where the committee looks.
    let height = (100 + 30 * near.len() as u32).clamp(220, 520);
    let chart_row = row;
    // Empty rows are 20 pixels high: leave the chart's rows free.
    row += height.div_ceil(20) + 1;

    let headers = [&t.kind, &t.group, &t.swap_factor, &t.verdict];
    header_row(ws, cols, (row, COL_KIND), headers, &s.header)?;
    row += 1;
    let first = row;
    for (g, factor) in &near {
        cell(ws, cols, (row, COL_KIND), kind(g.kind, t), &s.text)?;
        cell(ws, cols, (row, COL_GROUP), &g.name, &s.text)?;
        write_number(ws, row, COL_FIRST, *factor, Some(&s.ratio))?;
        let words = verdict(Some(*factor), t);
        cell(ws, cols, (row, COL_SECOND), &words, &s.text)?;
        row += 1;
    }

    // Nearest at the top.
    let mut chart = bar_chart(
        &ctx.labels.sheets.sensitivity,
        (first, row - 1),
        (COL_GROUP, COL_FIRST),
        (&t.swap_factor, &t.chart_title),
        "0.00",
        0xC55A11,
    );
    chart.set_width(720);
    chart.set_height(height);
    ws.insert_chart(chart_row, COL_KIND, &chart)?;
    Ok(row + 1)
}

/// Each mandatory requirement that knocks a vendor out, relaxed alone.
fn whatifs(
    ws: &mut Worksheet,
    cols: &mut Columns,
    ctx: &Ctx,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let t = &ctx.labels.sensitivity;
    let s = &ctx.styles;
    let a = ctx.analysis;
    write_text(ws, row, 0, &t.whatif_title, &s.section)?;
    row += 1;
    if a.knockout_whatifs.is_empty() {
        write_text(ws, row, 0, &t.whatif_none, &s.note)?;
        return Ok(row + 1);
    }
    let headers = [
        &t.requirement,
        &t.text,
        &t.knocked_out,
        &t.compliant_if_relaxed,
    ];
    header_row(ws, cols, (row, COL_KIND), headers, &s.header)?;
    row += 1;
    for w in &a.knockout_whatifs {
        let requirement = &ctx.inputs.requirements[w.requirement.index()];
        cell(ws, cols, (row, COL_KIND), &requirement.id, &s.text)?;
        cell(ws, cols, (row, COL_GROUP), &requirement.text, &s.text)?;
        cell(ws, cols, (row, COL_FIRST), &ctx.names(&w.vendors), &s.text)?;
        let relaxed = w.compliant_if_relaxed as f64;
        write_number(ws, row, COL_SECOND, relaxed, Some(&s.integer))?;
        row += 1;
    }
    Ok(row)
}

/// The smallest relaxations that reach 2, 3 and 4 compliant vendors.
fn relief_sets(
    ws: &mut Worksheet,
    cols: &mut Columns,
    ctx: &Ctx,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let t = &ctx.labels.sensitivity;
    let s = &ctx.styles;
    write_text(ws, row, 0, &t.relief_title, &s.section)?;
    row += 1;
    let headers = [&t.relief_target, &t.relief_set];
    header_row(ws, cols, (row, COL_KIND), headers, &s.header)?;
    row += 1;
    for (target, set) in &ctx.analysis.relief_sets {
        write_number(ws, row, COL_KIND, *target as f64, Some(&s.integer))?;
        let text = match set {
            None => t.relief_unreachable.clone(),
            Some(ids) if ids.is_empty() => t.relief_reached.clone(),
            Some(ids) => ctx.ids(ids),
        };
        cell(ws, cols, (row, COL_GROUP), &text, &s.text)?;
        row += 1;
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::write::labels::Labels;

    fn group(kind: GroupKind, name: &str, swap_factor: Option<f64>) -> GroupSensitivity {
        GroupSensitivity {
            kind,
            name: name.to_string(),
            area: name.to_string(),
            category: None,
            swap_factor,
        }
    }

    fn sens(margin: f64, groups: Vec<GroupSensitivity>) -> Sensitivity {
        Sensitivity {
            first: crate::model::VendorId::new(0),
            second: crate::model::VendorId::new(2),
            margin,
            groups,
        }
    }

    #[test]
    fn the_nearest_change_on_a_ratio_scale_heads_the_sheet() {
        let t = Labels::load(Lang::Ja).unwrap().sensitivity;
        // |ln 2.4| = 0.88 < |ln 3| = 1.10; a factor of 0 is the farthest.
        let s = sens(
            31.0,
            vec![
                group(GroupKind::Area, "住民記録", None),
                group(GroupKind::Area, "国民健康保険", Some(2.4)),
                group(GroupKind::Category, "窓口 / 証明", Some(0.0)),
                group(GroupKind::Category, "税額計算", Some(3.0)),
            ],
        );
        assert_eq!(
            headline(&s, &t),
            "順位は、業務「国民健康保険」の配点を×2.4に上げない限り変わりません。"
        );
        let order: Vec<&str> = by_nearness(&s.groups)
            .iter()
            .map(|(g, _)| g.name.as_str())
            .collect();
        assert_eq!(order, ["国民健康保険", "税額計算", "窓口 / 証明"]);

        let lowered = sens(5.0, vec![group(GroupKind::Category, "賦課", Some(0.45))]);
        let en = Labels::load(Lang::En).unwrap().sensitivity;
        assert_eq!(
            headline(&lowered, &en),
            "The ranking holds unless the weight of category “賦課” is lowered to ×0.45."
        );
        let never = sens(5.0, vec![group(GroupKind::Area, "収納", None)]);
        assert_eq!(headline(&never, &en), en.holds_always);
        assert_eq!(headline(&sens(0.0, vec![]), &t), "1位と2位は同点です。");
    }

    #[test]
    fn verdicts_in_words() {
        let t = Labels::load(Lang::Ja).unwrap().sensitivity;
        assert_eq!(verdict(Some(2.4), &t), "配点を×2.4に上げると並ぶ");
        assert_eq!(verdict(Some(0.25), &t), "配点を×0.25に下げると並ぶ");
        assert_eq!(verdict(Some(1.0), &t), "現在の配点で並んでいる");
        assert_eq!(verdict(None, &t), "どの倍率でも入れ替わらない");
    }
}

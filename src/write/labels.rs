//! The label catalogues of the evaluation workbook (`templates/labels/*.toml`).
//!
//! Labels live in TOML beside the code so that a committee can read (and a
//! translator can fix) every word the workbook prints without reading Rust.
//! The catalogues are embedded in the binary and parsed into typed structs
//! that deny unknown and miss no key, so a catalogue that drifts from the
//! code fails a test instead of printing an empty header.

use serde::Deserialize;

use crate::model::{
    CustomizationAdvice, FlagCode, FlagSeverity, Lang, Level, Priority, Role, Severity,
};

const JA: &str = include_str!("../../templates/labels/ja.toml");
const EN: &str = include_str!("../../templates/labels/en.toml");

/// Every label of the workbook in one language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub sheets: SheetNames,
    pub common: Common,
    pub levels: LevelLabels,
    pub priority: PriorityLabels,
    pub flag_severity: FlagSeverityLabels,
    pub finding_severity: FindingSeverityLabels,
    pub flag_names: FlagNames,
    pub advice: AdviceLabels,
    pub roles: RoleLabels,
    pub summary: SummaryLabels,
    pub matrix: MatrixLabels,
    pub fairness: FairnessLabels,
    pub sensitivity: SensitivityLabels,
    pub customization: CustomizationLabels,
    pub by_area: ByAreaLabels,
    pub validation: ValidationLabels,
    pub provenance: ProvenanceLabels,
    pub draft: DraftLabels,
    pub dossier: DossierLabels,
    pub findings: FindingLabels,
    pub award: super::award_labels::AwardLabels,
    pub committee: super::committee_words::CommitteeLabels,
    pub decisions: DecisionsLabels,
    pub share: ShareLabels,
    pub blind: BlindLabels,
    pub remarks: RemarksLabels,
}

/// The Remarks sheet (回答備考): every remark as a row.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemarksLabels {
    pub title: String,
    pub note: String,
    pub id: String,
    pub text: String,
    pub vendor: String,
    pub code: String,
    pub points: String,
    pub remark: String,
    pub none: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetNames {
    pub summary: String,
    pub matrix: String,
    pub fairness: String,
    pub sensitivity: String,
    pub customization: String,
    pub by_area: String,
    pub validation: String,
    pub provenance: String,
    pub remarks: String,
    pub by_member: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    pub default_title: String,
    pub date: String,
    /// `{name}` and `{display}`: a vendor shown with the name on its cover sheet.
    pub vendor_display: String,
    pub list_separator: String,
    pub none: String,
    pub tax_excluded: String,
    pub tax_included: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelLabels {
    pub legend: String,
    pub standard: String,
    pub alternative: String,
    pub customization: String,
    pub unsupported: String,
    pub missing: String,
    pub invalid: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityLabels {
    pub mandatory: String,
    pub desirable: String,
    pub optional: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagSeverityLabels {
    pub high: String,
    pub medium: String,
    pub low: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingSeverityLabels {
    pub error: String,
    pub warning: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct FlagNames {
    pub F01: String,
    pub F02: String,
    pub F03: String,
    pub F04: String,
    pub F05: String,
    pub F06: String,
    pub F07: String,
    pub F08: String,
    pub F09: String,
    pub F10: String,
    pub F11: String,
    pub F12: String,
    pub F13: String,
    pub F14: String,
    pub F15: String,
    pub F16: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceLabels {
    pub standardize: String,
    pub adapt_operations: String,
    pub review_requirement: String,
    pub none: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleLabels {
    pub requirements: String,
    pub response: String,
    pub requests: String,
    pub settings: String,
    pub prices: String,
    pub key: String,
    pub criteria: String,
    pub scores: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryLabels {
    pub ranking: String,
    pub rank: String,
    pub vendor: String,
    pub score: String,
    pub max: String,
    pub percent: String,
    pub compliance: String,
    pub compliant: String,
    pub non_compliant: String,
    pub knockouts: String,
    /// `{tax}`: the tax basis (税抜 / 税込).
    pub cost: String,
    pub cost_unknown: String,
    pub fit_note: String,
    /// `{compliant}`, `{min}`.
    pub competition: String,
    pub competition_short: String,
    /// `{ids}`.
    pub relief: String,
    /// `{high}`, `{medium}`, `{low}`.
    pub flags: String,
    /// `{errors}`, `{warnings}`.
    pub findings: String,
    pub chart_title: String,
    pub no_vendors: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixLabels {
    pub id: String,
    pub area: String,
    pub category: String,
    pub text: String,
    pub priority: String,
    pub weight: String,
    pub code: String,
    pub points: String,
    pub remarks: String,
    /// `{count}`: the number of remarks, too many for notes.
    pub remarks_in_columns: String,
    pub capable: String,
    pub flags: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FairnessLabels {
    pub title: String,
    pub code: String,
    pub name: String,
    pub severity: String,
    pub requirement: String,
    pub text: String,
    pub vendors: String,
    pub message: String,
    pub recommendation: String,
    pub similarity: String,
    pub term: String,
    pub relief: String,
    pub none: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityLabels {
    pub title: String,
    pub weights_title: String,
    /// `{first}`, `{second}`, `{margin}`.
    pub pair: String,
    pub note: String,
    /// `{kind}`, `{group}`, `{factor}`.
    pub holds_unless_raised: String,
    /// `{kind}`, `{group}`, `{factor}`.
    pub holds_unless_lowered: String,
    pub holds_always: String,
    pub tied: String,
    pub kind: String,
    pub group: String,
    /// `{name}`.
    pub points_first: String,
    /// `{name}`.
    pub points_second: String,
    pub swap_factor: String,
    pub verdict: String,
    /// `{factor}`.
    pub verdict_raised: String,
    /// `{factor}`.
    pub verdict_lowered: String,
    pub verdict_tied: String,
    pub no_swap: String,
    pub kind_area: String,
    pub kind_category: String,
    pub none: String,
    /// `{count}`.
    pub nearest_title: String,
    pub chart_title: String,
    pub groups_title: String,
    pub pivotal_title: String,
    /// `{count}`.
    pub pivotal_count: String,
    pub pivotal_none: String,
    pub whatif_title: String,
    pub requirement: String,
    pub text: String,
    pub knocked_out: String,
    pub compliant_if_relaxed: String,
    pub whatif_none: String,
    pub relief_title: String,
    pub relief_target: String,
    pub relief_set: String,
    pub relief_reached: String,
    pub relief_unreachable: String,
}

/// Labels of the RFP draft (`fairbid draft`). The column headers must name
/// no field of SPEC §3.1 (but `status`, `priority` and `weight`), so that
/// `evaluate` reads a draft as a matrix without mistaking them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftLabels {
    pub flags: String,
    pub capable: String,
    pub feasible: String,
    pub requests: String,
    pub recommendation: String,
    pub priority: String,
    pub weight: String,
    pub status: String,
    pub status_demoted: String,
    pub status_removed: String,
    pub rec_remove: String,
    /// `{reason}`.
    pub rec_demote: String,
    pub reason_sole: String,
    pub reason_relief: String,
    /// `{term}`.
    pub rec_rewrite: String,
    pub rec_review: String,
    pub rec_standardize: String,
    /// `{members}`.
    pub rec_adapt: String,
    pub rec_review_requirement: String,
    pub rec_keep: String,
    pub changes_sheet: String,
    pub changes_title: String,
    /// `{before}`, `{after}`, `{min}`.
    pub changes_note: String,
    pub change_id: String,
    pub change_sheet: String,
    pub change_row: String,
    pub change_text: String,
    pub change_kind: String,
    pub change_before: String,
    pub change_after: String,
    pub change_reason: String,
    pub change_demote: String,
    pub change_remove: String,
    pub reason_f04: String,
    pub reason_f01: String,
    pub reason_f06: String,
    pub no_changes: String,
}

/// Words of the key of a blind review (`fairbid blind`, SPEC §15).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlindLabels {
    pub key_sheet: String,
    pub title: String,
    pub seed: String,
    pub how_to_check: String,
    pub label: String,
    pub vendor: String,
    pub original: String,
    pub original_sha256: String,
    pub copy: String,
    pub copy_sha256: String,
    pub place_cells: String,
    pub place_comments: String,
    pub place_headers_footers: String,
    pub place_sheet_names: String,
    pub place_defined_names: String,
    pub place_text_boxes: String,
    pub place_properties: String,
    pub dropped: String,
    pub leaks: String,
    pub note: String,
    pub note_leaks: String,
    /// `{extension}`.
    pub not_xlsx: String,
    pub refused: String,
    /// `{detail}`.
    pub copy_failed: String,
    pub changed: String,
    pub leaks_sheet: String,
    pub leaks_title: String,
    pub leaks_advice: String,
    pub sheet: String,
    pub cell: String,
    pub text: String,
    pub no_leaks: String,
    /// The Summary's column of real names (`evaluate --key`).
    pub real_name: String,
}

/// Labels of a vendor's dossier (`evaluate --dossiers`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierLabels {
    /// `{vendor}`: the file name without extension.
    pub file: String,
    pub summary_sheet: String,
    pub answers_sheet: String,
    pub notes_sheet: String,
    /// `{vendor}`.
    pub title: String,
    pub scope: String,
    /// `{rank}`, `{count}`.
    pub rank_value: String,
    pub level_counts: String,
    pub count: String,
    pub sole_count: String,
    pub knockout_count: String,
    pub answers_title: String,
    pub level: String,
    pub cost: String,
    pub note: String,
    pub note_sole: String,
    pub note_knockout: String,
    /// `{level}`: an answer the committee's decisions ruled (§11).
    pub note_ruled: String,
    pub notes_title: String,
    pub kind: String,
    pub explanation: String,
    pub explain_sole: String,
    /// `{level}`.
    pub explain_knockout: String,
    pub notes_none: String,
    pub findings_title: String,
    pub findings_none: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomizationLabels {
    pub title: String,
    /// `{tax}`.
    pub cost_note: String,
    pub id: String,
    pub area: String,
    pub text: String,
    pub vendors: String,
    pub cost_min: String,
    pub cost_median: String,
    pub cost_max: String,
    pub cost_unknown: String,
    pub members: String,
    pub recommendation: String,
    pub unknown_cost: String,
    pub none: String,
    pub by_member_title: String,
    pub member: String,
    pub request_count: String,
    pub no_requests: String,
    pub no_request_file: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByAreaLabels {
    pub title: String,
    pub area: String,
    pub requirements: String,
    pub max: String,
    pub chart_title: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationLabels {
    pub title: String,
    /// `{errors}`, `{warnings}`.
    pub counts: String,
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub severity: String,
    pub message: String,
    pub value: String,
    pub none: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceLabels {
    pub title: String,
    pub tool: String,
    pub date: String,
    pub language: String,
    pub language_name: String,
    pub inputs: String,
    pub file: String,
    pub role: String,
    pub sha256: String,
    pub rows: String,
    pub settings: String,
}

/// The words of the findings (SPEC §7): one template per `FindingKind`, the
/// facts in braces; `write::findings` fills them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingLabels {
    pub hidden_sheet: String,
    pub hidden_row: String,
    pub hidden_column: String,
    pub formula: String,
    pub merged: String,
    pub field_answer: String,
    pub field_cost: String,
    pub missing_header: String,
    pub no_header_in_file: String,
    pub expected_matrix: String,
    pub expected_response: String,
    pub expected_requests: String,
    pub expected_prices: String,
    pub expected_decisions: String,
    pub expected_criteria: String,
    pub expected_scores: String,
    pub expected_members: String,
    pub date_id: String,
    pub missing_id: String,
    pub blank_requirement_text: String,
    pub unknown_priority: String,
    pub bad_weight: String,
    pub duplicate_id: String,
    pub duplicate_answer: String,
    pub unknown_id: String,
    pub unmatched_text: String,
    pub unmatched_row: String,
    pub blank_answer: String,
    pub invalid_answer: String,
    pub legend_level: String,
    pub legend_separator: String,
    pub legend_standard: String,
    pub legend_alternative: String,
    pub legend_customization: String,
    pub legend_unsupported: String,
    pub unreadable_cost: String,
    pub customization_without_cost: String,
    pub cost_without_customization: String,
    pub missing_requirement: String,
    pub three_level_legend: String,
    pub blank_member: String,
    pub blank_row_id: String,
    pub blank_request_id: String,
    pub request_id_not_in_matrix: String,
    pub not_a_member: String,
    pub no_requests: String,
    pub duplicate_vendor: String,
    pub in_folder_csv: String,
    pub in_folder_save_as: String,
    pub in_folder_other: String,
    pub expected_key: String,
    pub key_vendor_blank: String,
    /// `{label}`, `{first_sheet}`, `{first_row}`.
    pub key_label_twice: String,
    pub refusal: RefusalLabels,
    pub looks: LooksLabels,
    pub prices: super::award_labels::PriceFindingLabels,
    pub rules: ReadingRuleLabels,
    pub members: MemberFindingLabels,
}

/// The findings of the reading rules of §3.3 and §7: mandatory answers,
/// duplicate responses, costs with notes.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingRuleLabels {
    /// `{id}`.
    pub blank_mandatory_answer: String,
    pub missing_mandatory_requirement: String,
    /// `{id}`, `{level}`.
    pub ruled_mandatory_answer: String,
    pub duplicate_file: String,
    pub same_company: String,
    pub cost_tax_note: String,
    pub cost_column_tax_basis: String,
    pub approximate_cost: String,
    pub cost_range: String,
}

/// The committee's decisions (§11): the Decisions sheet, the marks on the
/// Summary and the Matrix, and the decision rows' findings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionsLabels {
    pub sheet: String,
    pub title: String,
    pub note: String,
    pub rule: String,
    pub source: String,
    pub role: String,
    pub rows: String,
    pub place: String,
    pub vendor: String,
    pub requirement: String,
    pub code: String,
    pub ruling: String,
    pub reason: String,
    pub date: String,
    pub changed: String,
    pub before: String,
    pub after: String,
    pub status: String,
    pub applied: String,
    pub not_applied: String,
    pub all_requirements: String,
    pub all_codes: String,
    pub level_count: String,
    pub scores: String,
    pub score_before: String,
    pub score_after: String,
    pub difference: String,
    pub score_rule: String,
    pub answers: String,
    pub weight: String,
    pub points_before: String,
    pub points_after: String,
    pub row_of: String,
    pub none: String,
    pub matrix_mark: String,
    pub summary_line: String,
    pub caveat_header: String,
    pub caveat: String,
    pub unknown_vendor: String,
    pub ambiguous_vendor: String,
    pub unknown_id: String,
    pub ruling_outside_legend: String,
    pub blank_reason: String,
    pub blank_vendor: String,
    pub blank_ruling: String,
}

/// The problems of a members workbook's rows (§14): one template per
/// `MemberProblem`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberFindingLabels {
    pub blank_name: String,
    pub bad_population: String,
    pub bad_current: String,
    pub bad_businesses: String,
    pub unknown_status: String,
    pub duplicate_town: String,
    pub unknown_requester: String,
}

/// The words of the cost-split workbook (`fairbid share`, §14).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareLabels {
    pub default_title: String,
    pub sheet_apportion: String,
    pub sheet_joins: String,
    pub sheet_customization: String,
    pub title: String,
    pub vendor: String,
    pub total: String,
    pub given_total: String,
    pub shared_customization: String,
    pub weights: String,
    pub weights_value: String,
    pub guarantee: String,
    pub no_guarantee: String,
    pub unit: String,
    pub unit_value: String,
    pub how: String,
    pub how_equal: String,
    pub how_population: String,
    pub how_business: String,
    pub how_base: String,
    pub how_guarantee: String,
    pub guarantee_infeasible: String,
    pub how_rounding: String,
    pub remainder_over_cap: String,
    pub how_saving: String,
    pub member: String,
    pub population: String,
    pub current: String,
    pub businesses: String,
    pub equal: String,
    pub population_part: String,
    pub business_part: String,
    pub base: String,
    pub adjustment: String,
    pub rounding: String,
    pub share: String,
    pub individual: String,
    pub new_cost: String,
    pub saving: String,
    pub saving_rate: String,
    pub per_resident_before: String,
    pub per_resident_after: String,
    pub capped: String,
    pub capped_mark: String,
    pub sum: String,
    pub chart_title: String,
    pub join_title: String,
    pub join_cost: String,
    pub join_total: String,
    pub share_before: String,
    pub share_after: String,
    pub change: String,
    pub candidate_row: String,
    pub no_candidates: String,
    pub individual_title: String,
    pub shared_title: String,
    pub unknown_title: String,
    pub requirement: String,
    pub requested_by: String,
    pub cost: String,
    pub no_requester: String,
    pub no_evaluation: String,
    pub none: String,
    pub members_file: String,
    pub evaluation_file: String,
}

/// Why a file was not read: one template per `Refusal`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusalLabels {
    pub unreadable: String,
    pub file_too_large: String,
    pub part_too_large: String,
    pub not_workbook: String,
    pub encrypted: String,
    pub damaged: String,
    pub crafted_shared_strings: String,
    pub sheet_too_large: String,
    pub sheet_unreadable: String,
    pub reader_out_of_memory: String,
    pub reader_timed_out: String,
    pub reader_crashed: String,
}

/// What a file that is not a workbook looks like: one phrase per `Looks`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LooksLabels {
    pub empty: String,
    pub csv: String,
    pub text: String,
    pub html: String,
    pub xml: String,
    pub pdf: String,
    pub other_zip: String,
    pub other_open_document: String,
    pub other_office: String,
    pub unknown: String,
}

impl Labels {
    /// The catalogue of one language.
    pub fn load(lang: Lang) -> anyhow::Result<Labels> {
        let (text, origin) = match lang {
            Lang::Ja => (JA, "templates/labels/ja.toml"),
            Lang::En => (EN, "templates/labels/en.toml"),
        };
        toml::from_str(text).map_err(|e| anyhow::anyhow!("{origin}: {e}"))
    }

    pub fn level(&self, level: Level) -> &str {
        let l = &self.levels;
        match level {
            Level::Standard => &l.standard,
            Level::Alternative => &l.alternative,
            Level::Customization => &l.customization,
            Level::Unsupported => &l.unsupported,
            Level::Missing => &l.missing,
            Level::Invalid => &l.invalid,
        }
    }

    pub fn priority(&self, priority: Priority) -> &str {
        let p = &self.priority;
        match priority {
            Priority::Mandatory => &p.mandatory,
            Priority::Desirable => &p.desirable,
            Priority::Optional => &p.optional,
        }
    }

    pub fn flag_severity(&self, severity: FlagSeverity) -> &str {
        let s = &self.flag_severity;
        match severity {
            FlagSeverity::High => &s.high,
            FlagSeverity::Medium => &s.medium,
            FlagSeverity::Low => &s.low,
        }
    }

    pub fn finding_severity(&self, severity: Severity) -> &str {
        let s = &self.finding_severity;
        match severity {
            Severity::Error => &s.error,
            Severity::Warning => &s.warning,
        }
    }

    pub fn flag_name(&self, code: FlagCode) -> &str {
        let n = &self.flag_names;
        match code {
            FlagCode::F01 => &n.F01,
            FlagCode::F02 => &n.F02,
            FlagCode::F03 => &n.F03,
            FlagCode::F04 => &n.F04,
            FlagCode::F05 => &n.F05,
            FlagCode::F06 => &n.F06,
            FlagCode::F07 => &n.F07,
            FlagCode::F08 => &n.F08,
            FlagCode::F09 => &n.F09,
            FlagCode::F10 => &n.F10,
            FlagCode::F11 => &n.F11,
            FlagCode::F12 => &n.F12,
            FlagCode::F13 => &n.F13,
            FlagCode::F14 => &n.F14,
            FlagCode::F15 => &n.F15,
            FlagCode::F16 => &n.F16,
        }
    }

    pub fn advice(&self, advice: CustomizationAdvice) -> &str {
        let a = &self.advice;
        match advice {
            CustomizationAdvice::Standardize => &a.standardize,
            CustomizationAdvice::AdaptOperations => &a.adapt_operations,
            CustomizationAdvice::ReviewRequirement => &a.review_requirement,
            CustomizationAdvice::None => &a.none,
        }
    }

    pub fn role(&self, role: Role) -> &str {
        let r = &self.roles;
        match role {
            Role::Requirements => &r.requirements,
            Role::Response => &r.response,
            Role::Requests => &r.requests,
            Role::Settings => &r.settings,
            Role::Prices => &r.prices,
            Role::Criteria => &r.criteria,
            Role::Scores => &r.scores,
            Role::Decisions => &self.decisions.role,
            Role::Key => &r.key,
        }
    }

    /// The tax basis of costs (settings `tax_basis`, 税抜 or 税込) in this language.
    pub fn tax_basis<'a>(&'a self, basis: &'a str) -> &'a str {
        match basis {
            "税抜" => &self.common.tax_excluded,
            "税込" => &self.common.tax_included,
            other => other,
        }
    }

    /// A vendor's name, with the name from its cover sheet in brackets when
    /// that name is present and says something more.
    pub fn vendor(&self, name: &str, display_name: Option<&str>) -> String {
        match display_name.map(str::trim) {
            Some(display) if !display.is_empty() && display != name.trim() => fill(
                &self.common.vendor_display,
                &[("name", name), ("display", display)],
            ),
            _ => name.to_string(),
        }
    }
}

/// Replaces each `{key}` of a label with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_with_every_key() {
        let ja = Labels::load(Lang::Ja).unwrap();
        let en = Labels::load(Lang::En).unwrap();
        assert_eq!(ja.sheets.summary, "概要");
        assert_eq!(en.sheets.by_area, "By area");
        assert_eq!(ja.flag_name(FlagCode::F10), "特定ベンダーへの集中");
        assert_eq!(
            ja.advice(CustomizationAdvice::AdaptOperations),
            "運用で対応（ノンカスタマイズ）"
        );
    }

    #[test]
    fn sheet_names_are_legal_in_excel() {
        for lang in [Lang::Ja, Lang::En] {
            let l = Labels::load(lang).unwrap();
            let s = &l.sheets;
            let names = [
                &s.summary,
                &s.matrix,
                &s.fairness,
                &s.sensitivity,
                &s.customization,
                &s.by_area,
                &s.validation,
                &s.provenance,
                &l.draft.changes_sheet,
                &l.dossier.summary_sheet,
                &l.dossier.answers_sheet,
                &l.dossier.notes_sheet,
            ];
            for name in names {
                assert!(name.chars().count() <= 31, "{name}");
                assert!(
                    !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let ja = Labels::load(Lang::Ja).unwrap();
        assert_eq!(
            fill(&ja.summary.cost, &[("tax", "税抜")]),
            "カスタマイズ費用（税抜・円）"
        );
        assert_eq!(
            ja.vendor("A社", Some("株式会社エー")),
            "A社（株式会社エー）"
        );
        assert_eq!(ja.vendor("A社", Some(" A社 ")), "A社");
        assert_eq!(ja.vendor("A社", None), "A社");
        let en = Labels::load(Lang::En).unwrap();
        assert_eq!(
            fill(&en.summary.cost, &[("tax", en.tax_basis("税込"))]),
            "Customization cost (yen, incl. tax)"
        );
        assert_eq!(ja.tax_basis("税込"), "税込");
    }
}

//! The words of a finding: its kind's template from the label catalogue
//! (`[findings]` of `templates/labels/*.toml`), filled with its facts.
//!
//! Readers record what they found and where; every output that shows a
//! finding (the Validation sheet, a dossier, the JSON, `check`, `template`,
//! the message that stops a run) words it here, in the language of that
//! output.

use serde::Serialize;
use serde::ser::Serializer;

use super::labels::{Labels, LooksLabels};
use super::xlsx::format::yen_text;
use crate::model::{
    CheckedField, DecisionProblem, Finding, FindingKind, HeaderNeed, Level, Looks, MemberProblem,
    OtherFile, Refusal, Severity, Stopped,
};

impl Labels {
    /// The message of a finding, in this catalogue's language.
    pub fn finding_message(&self, finding: &Finding) -> String {
        self.finding_kind_message(&finding.kind)
    }

    fn finding_kind_message(&self, kind: &FindingKind) -> String {
        let t = &self.findings;
        match kind {
            FindingKind::HiddenSheet { sheet } => fill_once(&t.hidden_sheet, &[("sheet", sheet)]),
            FindingKind::HiddenRow { row } => {
                fill_once(&t.hidden_row, &[("row", &row.to_string())])
            }
            FindingKind::HiddenColumn { letters } => {
                fill_once(&t.hidden_column, &[("letters", letters)])
            }
            FindingKind::Formula { field } => {
                fill_once(&t.formula, &[("column", self.checked_field(*field))])
            }
            FindingKind::Merged { field, range } => fill_once(
                &t.merged,
                &[("column", self.checked_field(*field)), ("range", range)],
            ),
            FindingKind::MissingHeader { need } => fill_once(
                &t.missing_header,
                &[("expected", self.expected_headers(*need))],
            ),
            FindingKind::NoHeaderInFile { need } => fill_once(
                &t.no_header_in_file,
                &[("expected", self.expected_headers(*need))],
            ),
            FindingKind::DateId => t.date_id.clone(),
            FindingKind::MissingId => t.missing_id.clone(),
            FindingKind::BlankRequirementText => t.blank_requirement_text.clone(),
            FindingKind::UnknownPriority => t.unknown_priority.clone(),
            FindingKind::BadWeight { fallback } => {
                fill_once(&t.bad_weight, &[("weight", &fallback.to_string())])
            }
            FindingKind::DuplicateId {
                id,
                first_sheet,
                first_row,
            } => fill_once(
                &t.duplicate_id,
                &[
                    ("id", id),
                    ("first_sheet", first_sheet),
                    ("first_row", &first_row.to_string()),
                ],
            ),
            FindingKind::DuplicateAnswer {
                first_sheet,
                first_row,
            } => fill_once(
                &t.duplicate_answer,
                &[
                    ("first_sheet", first_sheet),
                    ("first_row", &first_row.to_string()),
                ],
            ),
            FindingKind::UnknownId => t.unknown_id.clone(),
            FindingKind::UnmatchedText => t.unmatched_text.clone(),
            FindingKind::UnmatchedRow => t.unmatched_row.clone(),
            FindingKind::BlankAnswer => t.blank_answer.clone(),
            FindingKind::InvalidAnswer { code, legend } => {
                let legend = legend
                    .iter()
                    .map(|(level, codes)| {
                        fill_once(
                            &t.legend_level,
                            &[
                                ("level", self.legend_level(*level)),
                                ("codes", &codes.join(" ")),
                            ],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(&t.legend_separator);
                fill_once(&t.invalid_answer, &[("code", code), ("legend", &legend)])
            }
            FindingKind::UnreadableCost => t.unreadable_cost.clone(),
            FindingKind::CustomizationWithoutCost => t.customization_without_cost.clone(),
            FindingKind::CostWithoutCustomization => t.cost_without_customization.clone(),
            FindingKind::MissingRequirement { id } => {
                fill_once(&t.missing_requirement, &[("id", id)])
            }
            FindingKind::ThreeLevelLegend { standard, code } => fill_once(
                &t.three_level_legend,
                &[("codes", &standard.join(" ")), ("code", code)],
            ),
            FindingKind::BlankMember => t.blank_member.clone(),
            FindingKind::BlankRowId => t.blank_row_id.clone(),
            FindingKind::BlankRequestId => t.blank_request_id.clone(),
            FindingKind::RequestIdNotInMatrix => t.request_id_not_in_matrix.clone(),
            FindingKind::NotAMember { town } => fill_once(&t.not_a_member, &[("town", town)]),
            FindingKind::NoRequests => t.no_requests.clone(),
            FindingKind::DuplicateVendor { name, first_file } => fill_once(
                &t.duplicate_vendor,
                &[("name", name), ("first_file", first_file)],
            ),
            FindingKind::NotAWorkbookInFolder { extension, kind } => fill_once(
                match kind {
                    OtherFile::Csv => &t.in_folder_csv,
                    OtherFile::SaveAsXlsx => &t.in_folder_save_as,
                    OtherFile::Other => &t.in_folder_other,
                },
                &[("extension", extension)],
            ),
            FindingKind::Decision(problem) => self.decision_message(problem),
            FindingKind::Member(problem) => self.member_message(problem),
            FindingKind::Refused(refusal) => self.refusal_message(refusal),
            FindingKind::KeyVendorBlank => t.key_vendor_blank.clone(),
            FindingKind::KeyLabelTwice {
                label,
                first_sheet,
                first_row,
            } => fill_once(
                &t.key_label_twice,
                &[
                    ("label", label),
                    ("first_sheet", first_sheet),
                    ("first_row", &first_row.to_string()),
                ],
            ),
            FindingKind::Committee(problem) => self.committee_problem_message(problem),
            FindingKind::BlankMandatoryAnswer { .. }
            | FindingKind::MissingMandatoryRequirement { .. }
            | FindingKind::RuledMandatoryAnswer { .. }
            | FindingKind::DuplicateFile { .. }
            | FindingKind::SameCompany { .. }
            | FindingKind::CostTaxNote { .. }
            | FindingKind::CostColumnTaxBasis { .. }
            | FindingKind::ApproximateCost
            | FindingKind::CostRange { .. } => self.reading_rule_message(kind),
            FindingKind::PriceWithoutVendor
            | FindingKind::PriceWithoutAmount
            | FindingKind::PriceUnreadable { .. }
            | FindingKind::PriceZero
            | FindingKind::PriceTaxBasis { .. }
            | FindingKind::PriceUnknownVendor { .. }
            | FindingKind::PriceAmbiguousVendor { .. }
            | FindingKind::PriceDuplicate { .. }
            | FindingKind::PriceMissing { .. } => self.price_finding_message(kind),
        }
    }

    /// The findings of the reading rules of §3.3 and §7.
    fn reading_rule_message(&self, kind: &FindingKind) -> String {
        let t = &self.findings.rules;
        match kind {
            FindingKind::BlankMandatoryAnswer { id } => {
                fill_once(&t.blank_mandatory_answer, &[("id", id)])
            }
            FindingKind::RuledMandatoryAnswer { id, level } => fill_once(
                &t.ruled_mandatory_answer,
                &[("id", id), ("level", self.level(*level))],
            ),
            FindingKind::MissingMandatoryRequirement { id } => {
                fill_once(&t.missing_mandatory_requirement, &[("id", id)])
            }
            FindingKind::DuplicateFile { first_file } => {
                fill_once(&t.duplicate_file, &[("first_file", first_file)])
            }
            FindingKind::SameCompany {
                company,
                other_file,
            } => fill_once(
                &t.same_company,
                &[("company", company), ("other_file", other_file)],
            ),
            FindingKind::CostTaxNote { stated, basis } => fill_once(
                &t.cost_tax_note,
                &[
                    ("stated", self.tax_basis(stated)),
                    ("basis", self.tax_basis(basis)),
                ],
            ),
            FindingKind::CostColumnTaxBasis { stated, basis } => fill_once(
                &t.cost_column_tax_basis,
                &[
                    ("stated", self.tax_basis(stated)),
                    ("basis", self.tax_basis(basis)),
                ],
            ),
            FindingKind::ApproximateCost => t.approximate_cost.clone(),
            FindingKind::CostRange { low, high } => fill_once(
                &t.cost_range,
                &[("low", &yen_text(*low)), ("high", &yen_text(*high))],
            ),
            other => unreachable!("{other:?} is worded by finding_kind_message"),
        }
    }

    /// The words of a price row (SPEC §12).
    fn price_finding_message(&self, kind: &FindingKind) -> String {
        let t = &self.findings.prices;
        match kind {
            FindingKind::PriceWithoutVendor => t.without_vendor.clone(),
            FindingKind::PriceWithoutAmount => t.without_amount.clone(),
            FindingKind::PriceUnreadable { column } => {
                fill_once(&t.unreadable, &[("column", column)])
            }
            FindingKind::PriceZero => t.zero.clone(),
            FindingKind::PriceTaxBasis { found, expected } => fill_once(
                &t.tax_basis,
                &[
                    ("found", self.tax_basis(found)),
                    ("expected", self.tax_basis(expected)),
                ],
            ),
            FindingKind::PriceUnknownVendor { vendor } => {
                fill_once(&t.unknown_vendor, &[("vendor", vendor)])
            }
            FindingKind::PriceAmbiguousVendor { vendor } => {
                fill_once(&t.ambiguous_vendor, &[("vendor", vendor)])
            }
            FindingKind::PriceDuplicate { vendor, first_row } => fill_once(
                &t.duplicate,
                &[("vendor", vendor), ("first_row", &first_row.to_string())],
            ),
            FindingKind::PriceMissing { vendor } => fill_once(&t.missing, &[("vendor", vendor)]),
            other => unreachable!("not a price finding: {other:?}"),
        }
    }

    /// Why a decision row applies to nothing.
    fn decision_message(&self, problem: &DecisionProblem) -> String {
        let t = &self.decisions;
        match problem {
            DecisionProblem::UnknownVendor { name } => {
                fill_once(&t.unknown_vendor, &[("name", name)])
            }
            DecisionProblem::AmbiguousVendor { name } => {
                fill_once(&t.ambiguous_vendor, &[("name", name)])
            }
            DecisionProblem::UnknownId { id } => fill_once(&t.unknown_id, &[("id", id)]),
            DecisionProblem::RulingOutsideLegend { ruling } => {
                fill_once(&t.ruling_outside_legend, &[("ruling", ruling)])
            }
            DecisionProblem::BlankReason => t.blank_reason.clone(),
            DecisionProblem::BlankVendor => t.blank_vendor.clone(),
            DecisionProblem::BlankRuling => t.blank_ruling.clone(),
        }
    }

    /// What is wrong with a row of the members workbook (§14).
    fn member_message(&self, problem: &MemberProblem) -> String {
        let t = &self.findings.members;
        match problem {
            MemberProblem::BlankName => t.blank_name.clone(),
            MemberProblem::BadPopulation => t.bad_population.clone(),
            MemberProblem::BadCurrent => t.bad_current.clone(),
            MemberProblem::BadBusinesses => t.bad_businesses.clone(),
            MemberProblem::UnknownStatus => t.unknown_status.clone(),
            MemberProblem::DuplicateTown { first_row } => {
                fill_once(&t.duplicate_town, &[("first_row", &first_row.to_string())])
            }
            MemberProblem::UnknownRequester { town } => {
                fill_once(&t.unknown_requester, &[("town", town)])
            }
        }
    }

    /// Why a file was not read.
    pub fn refusal_message(&self, refusal: &Refusal) -> String {
        let t = &self.findings.refusal;
        match refusal {
            Refusal::Unreadable { detail } => fill_once(&t.unreadable, &[("detail", detail)]),
            Refusal::FileTooLarge { bytes, limit_mib } => fill_once(
                &t.file_too_large,
                &[("mib", &mib(*bytes)), ("limit_mib", &limit_mib.to_string())],
            ),
            Refusal::PartTooLarge {
                part,
                bytes,
                limit_mib,
            } => fill_once(
                &t.part_too_large,
                &[
                    ("part", part),
                    ("mib", &mib(*bytes)),
                    ("limit_mib", &limit_mib.to_string()),
                ],
            ),
            Refusal::NotWorkbook(looks) => fill_once(
                &t.not_workbook,
                &[("what", looks_like(&self.findings.looks, *looks))],
            ),
            Refusal::Encrypted => t.encrypted.clone(),
            Refusal::Damaged { detail } => fill_once(&t.damaged, &[("detail", detail)]),
            Refusal::CraftedSharedStrings { declared, part } => fill_once(
                &t.crafted_shared_strings,
                &[("part", part), ("declared", &declared.to_string())],
            ),
            Refusal::SheetTooLarge {
                sheet,
                cells,
                limit,
            } => fill_once(
                &t.sheet_too_large,
                &[
                    ("sheet", sheet),
                    ("cells", &cells.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ),
            Refusal::SheetUnreadable { sheet, detail } => {
                fill_once(&t.sheet_unreadable, &[("sheet", sheet), ("detail", detail)])
            }
            Refusal::ReaderStopped(Stopped::OutOfMemory { limit_mib }) => fill_once(
                &t.reader_out_of_memory,
                &[("limit_mib", &limit_mib.to_string())],
            ),
            Refusal::ReaderStopped(Stopped::TimedOut { limit_seconds }) => fill_once(
                &t.reader_timed_out,
                &[("limit_seconds", &limit_seconds.to_string())],
            ),
            Refusal::ReaderStopped(Stopped::Crashed { how }) => {
                fill_once(&t.reader_crashed, &[("how", how)])
            }
        }
    }

    fn checked_field(&self, field: CheckedField) -> &str {
        match field {
            CheckedField::Answer => &self.findings.field_answer,
            CheckedField::Cost => &self.findings.field_cost,
        }
    }

    /// The headers a need expects.
    fn expected_headers(&self, need: HeaderNeed) -> &str {
        let t = &self.findings;
        match need {
            HeaderNeed::Matrix => &t.expected_matrix,
            HeaderNeed::Response => &t.expected_response,
            HeaderNeed::Requests => &t.expected_requests,
            HeaderNeed::Prices => &t.expected_prices,
            HeaderNeed::Decisions => &t.expected_decisions,
            HeaderNeed::Criteria => &t.expected_criteria,
            HeaderNeed::Scores => &t.expected_scores,
            HeaderNeed::Members => &t.expected_members,
            HeaderNeed::Key => &t.expected_key,
        }
    }

    /// A level as the invalid-answer message lists the legend.
    fn legend_level(&self, level: Level) -> &str {
        let t = &self.findings;
        match level {
            Level::Standard => &t.legend_standard,
            Level::Alternative => &t.legend_alternative,
            Level::Customization => &t.legend_customization,
            _ => &t.legend_unsupported,
        }
    }
}

fn looks_like(t: &LooksLabels, looks: Looks) -> &str {
    match looks {
        Looks::Empty => &t.empty,
        Looks::Csv => &t.csv,
        Looks::Text => &t.text,
        Looks::Html => &t.html,
        Looks::Xml => &t.xml,
        Looks::Pdf => &t.pdf,
        Looks::OtherZip => &t.other_zip,
        Looks::OtherOpenDocument => &t.other_open_document,
        Looks::OtherOffice => &t.other_office,
        Looks::Unknown => &t.unknown,
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// Replaces each `{key}` of a template with its value in one pass: a fact
/// taken from a vendor's file (a sheet name, a code) is copied as it is,
/// never read as a placeholder itself.
fn fill_once(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            let (_, value) = values.iter().find(|(k, _)| *k == key)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A finding as the JSON shows it (`validation` of the report, `check
/// --json`): its place, its severity and its message in the catalogue's
/// language, in this order.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    cell: Option<&'a str>,
    severity: Severity,
    message: String,
    value: Option<&'a str>,
}

impl<'a> FindingJson<'a> {
    pub fn new(finding: &'a Finding, labels: &Labels) -> Self {
        FindingJson {
            file: &finding.file,
            sheet: finding.sheet.as_deref(),
            cell: finding.cell.as_deref(),
            severity: finding.severity,
            message: labels.finding_message(finding),
            value: finding.value.as_deref(),
        }
    }
}

/// Findings serialized as a JSON array, each worded as it is written.
pub struct FindingsJson<'a> {
    pub findings: &'a [Finding],
    pub labels: &'a Labels,
}

impl Serialize for FindingsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.findings
                .iter()
                .map(|f| FindingJson::new(f, self.labels)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn labels() -> [Labels; 2] {
        [Lang::Ja, Lang::En].map(|lang| Labels::load(lang).unwrap())
    }

    /// One finding kind of every variant, every refusal and every look.
    fn one_of_each() -> Vec<FindingKind> {
        use FindingKind::*;
        let legend: crate::model::LegendCodes = Level::ANSWERED
            .iter()
            .map(|&level| (level, vec!["◎".to_string(), "A".to_string()]))
            .collect();
        let mut kinds = vec![
            HiddenSheet {
                sheet: "旧回答".into(),
            },
            HiddenRow { row: 5 },
            HiddenColumn {
                letters: "C".into(),
            },
            Formula {
                field: CheckedField::Answer,
            },
            Formula {
                field: CheckedField::Cost,
            },
            Merged {
                field: CheckedField::Answer,
                range: "B2:B3".into(),
            },
            MissingHeader {
                need: HeaderNeed::Matrix,
            },
            MissingHeader {
                need: HeaderNeed::Response,
            },
            NoHeaderInFile {
                need: HeaderNeed::Requests,
            },
            DateId,
            MissingId,
            BlankRequirementText,
            UnknownPriority,
            BadWeight { fallback: 2.5 },
            DuplicateId {
                id: "JR-001".into(),
                first_sheet: "住民記録".into(),
                first_row: 2,
            },
            DuplicateAnswer {
                first_sheet: "住民記録".into(),
                first_row: 3,
            },
            UnknownId,
            UnmatchedText,
            UnmatchedRow,
            BlankAnswer,
            InvalidAnswer {
                code: "？".into(),
                legend,
            },
            UnreadableCost,
            CustomizationWithoutCost,
            CostWithoutCustomization,
            MissingRequirement {
                id: "JR-002".into(),
            },
            ThreeLevelLegend {
                standard: vec!["◎".into(), "S".into()],
                code: "○".into(),
            },
            BlankMember,
            BlankRowId,
            BlankRequestId,
            RequestIdNotInMatrix,
            NotAMember {
                town: "戊町".into(),
            },
            DuplicateVendor {
                name: "A社".into(),
                first_file: "A社.xlsx".into(),
            },
            NotAWorkbookInFolder {
                extension: "csv".into(),
                kind: OtherFile::Csv,
            },
            NotAWorkbookInFolder {
                extension: "numbers".into(),
                kind: OtherFile::SaveAsXlsx,
            },
            NotAWorkbookInFolder {
                extension: "pdf".into(),
                kind: OtherFile::Other,
            },
            NoRequests,
            PriceWithoutVendor,
            PriceWithoutAmount,
            PriceUnreadable {
                column: "初期費用".into(),
            },
            PriceZero,
            PriceTaxBasis {
                found: "税込".into(),
                expected: "税抜".into(),
            },
            PriceUnknownVendor {
                vendor: "ひかり情報".into(),
            },
            PriceAmbiguousVendor {
                vendor: "さくら電算".into(),
            },
            PriceDuplicate {
                vendor: "さくら電算".into(),
                first_row: 3,
            },
            PriceMissing {
                vendor: "A社".into(),
            },
            NoHeaderInFile {
                need: HeaderNeed::Key,
            },
            KeyVendorBlank,
            KeyLabelTwice {
                label: "提案者A".into(),
                first_sheet: "対照表".into(),
                first_row: 6,
            },
            BlankMandatoryAnswer {
                id: "JR-001".into(),
            },
            MissingMandatoryRequirement {
                id: "JR-001".into(),
            },
            RuledMandatoryAnswer {
                id: "JR-001".into(),
                level: Level::Standard,
            },
            DuplicateFile {
                first_file: "A社.xlsx".into(),
            },
            SameCompany {
                company: "株式会社さくら電算".into(),
                other_file: "さくら電算.xlsx".into(),
            },
            CostTaxNote {
                stated: "税込".into(),
                basis: "税抜".into(),
            },
            CostColumnTaxBasis {
                stated: "税込".into(),
                basis: "税抜".into(),
            },
            ApproximateCost,
            CostRange {
                low: 500_000.0,
                high: 1_000_000.0,
            },
            Decision(DecisionProblem::UnknownVendor {
                name: "X社".into()
            }),
            Decision(DecisionProblem::AmbiguousVendor {
                name: "さくら".into(),
            }),
            Decision(DecisionProblem::UnknownId {
                id: "JR-999".into(),
            }),
            Decision(DecisionProblem::RulingOutsideLegend {
                ruling: "可".into(),
            }),
            Decision(DecisionProblem::BlankReason),
            Decision(DecisionProblem::BlankVendor),
            Decision(DecisionProblem::BlankRuling),
        ];
        let refusals = [
            Refusal::Unreadable {
                detail: "denied".into(),
            },
            Refusal::FileTooLarge {
                bytes: 3 * 1024 * 1024,
                limit_mib: 1,
            },
            Refusal::PartTooLarge {
                part: "xl/sharedStrings.xml".into(),
                bytes: 1536 * 1024,
                limit_mib: 1,
            },
            Refusal::Encrypted,
            Refusal::Damaged {
                detail: "invalid zip header".into(),
            },
            Refusal::CraftedSharedStrings {
                declared: 100,
                part: "xl/sharedStrings.xml".into(),
            },
            Refusal::SheetTooLarge {
                sheet: "回答".into(),
                cells: 30_000_000,
                limit: 20_000_000,
            },
            Refusal::SheetUnreadable {
                sheet: "回答".into(),
                detail: "bad record".into(),
            },
            Refusal::ReaderStopped(Stopped::OutOfMemory { limit_mib: 1024 }),
            Refusal::ReaderStopped(Stopped::TimedOut { limit_seconds: 60 }),
            Refusal::ReaderStopped(Stopped::Crashed {
                how: "signal: 11 (SIGSEGV)".into(),
            }),
        ];
        let looks = [
            Looks::Empty,
            Looks::Csv,
            Looks::Text,
            Looks::Html,
            Looks::Xml,
            Looks::Pdf,
            Looks::OtherZip,
            Looks::OtherOpenDocument,
            Looks::OtherOffice,
            Looks::Unknown,
        ];
        kinds.extend(refusals.into_iter().map(Refused));
        kinds.extend(
            [
                MemberProblem::BlankName,
                MemberProblem::BadPopulation,
                MemberProblem::BadCurrent,
                MemberProblem::BadBusinesses,
                MemberProblem::UnknownStatus,
                MemberProblem::DuplicateTown { first_row: 3 },
                MemberProblem::UnknownRequester {
                    town: "戊町".into(),
                },
            ]
            .map(Member),
        );
        kinds.extend(looks.map(|l| Refused(Refusal::NotWorkbook(l))));
        kinds
    }

    /// Fails to compile when a kind is added without a sample above.
    fn sampled(kind: &FindingKind) -> bool {
        use FindingKind::*;
        match kind {
            HiddenSheet { .. } | HiddenRow { .. } | HiddenColumn { .. } | Formula { .. } => true,
            Merged { .. } | MissingHeader { .. } | NoHeaderInFile { .. } | DateId => true,
            MissingId | BlankRequirementText | UnknownPriority | BadWeight { .. } => true,
            DuplicateId { .. } | DuplicateAnswer { .. } | UnknownId | UnmatchedText => true,
            UnmatchedRow | BlankAnswer | InvalidAnswer { .. } | UnreadableCost => true,
            CustomizationWithoutCost | CostWithoutCustomization => true,
            MissingRequirement { .. } | ThreeLevelLegend { .. } | BlankMember => true,
            BlankRowId | BlankRequestId | RequestIdNotInMatrix | NotAMember { .. } => true,
            NoRequests => true,
            PriceWithoutVendor | PriceWithoutAmount | PriceUnreadable { .. } | PriceZero => true,
            PriceTaxBasis { .. } | PriceUnknownVendor { .. } | PriceAmbiguousVendor { .. } => true,
            PriceDuplicate { .. } | PriceMissing { .. } => true,
            DuplicateVendor { .. } | NotAWorkbookInFolder { .. } => true,
            KeyVendorBlank | KeyLabelTwice { .. } => true,
            // Sampled in `write::committee_words`.
            Committee(_) => true,
            BlankMandatoryAnswer { .. } | MissingMandatoryRequirement { .. } => true,
            RuledMandatoryAnswer { .. } => true,
            DuplicateFile { .. } | SameCompany { .. } | ApproximateCost => true,
            CostTaxNote { .. } | CostColumnTaxBasis { .. } | CostRange { .. } => true,
            Decision(_) => true,
            Member(_) => true,
            Refused(refusal) => match refusal {
                Refusal::Unreadable { .. } | Refusal::FileTooLarge { .. } => true,
                Refusal::PartTooLarge { .. } | Refusal::NotWorkbook(_) => true,
                Refusal::Encrypted | Refusal::Damaged { .. } => true,
                Refusal::CraftedSharedStrings { .. } | Refusal::SheetTooLarge { .. } => true,
                Refusal::SheetUnreadable { .. } | Refusal::ReaderStopped(_) => true,
            },
        }
    }

    #[test]
    fn every_kind_has_its_words_in_both_languages() {
        let [ja, en] = labels();
        for kind in one_of_each() {
            assert!(sampled(&kind));
            let f = Finding::file("A社.xlsx", Severity::Warning, kind.clone());
            let (j, e) = (ja.finding_message(&f), en.finding_message(&f));
            for message in [&j, &e] {
                assert!(!message.trim().is_empty(), "{kind:?}");
                assert!(!message.contains(['{', '}']), "{kind:?}: {message}");
            }
            assert_ne!(j, e, "{kind:?}");
        }
    }

    /// The words of the kinds whose facts are filled in, in both languages,
    /// as the readers wrote them before they moved to the catalogue.
    #[test]
    fn kinds_with_facts_are_worded_as_before() {
        let [ja, en] = labels();
        let kinds = one_of_each();
        let worded = |labels: &Labels, i: usize| {
            labels.finding_message(&Finding::file(
                "A社.xlsx",
                Severity::Error,
                kinds[i].clone(),
            ))
        };
        let expected: [(usize, &str, &str); 14] = [
            (
                1,
                "5行目が非表示です。非表示の行も読み込みます。内容を確認し、行を再表示してください。",
                "Row 5 is hidden; its cells are still read. Check them and unhide the row.",
            ),
            (
                2,
                "C列が非表示です。非表示の列も読み込みます。内容を確認し、列を再表示してください。",
                "Column C is hidden; its cells are still read. Check them and unhide the column.",
            ),
            (
                4,
                "費用欄に数式があります。最後に計算された値を読み込みます。数式ではなく値を直接入力してください。",
                "The cost cell holds a formula; its last calculated value is read. Type the value itself instead.",
            ),
            (
                5,
                "回答欄に結合セル B2:B3 があります。値は左上のセルにだけ入り、ほかのセルは空欄として読まれます。結合を解除し、1行ずつ入力してください。",
                "The answer column has merged cells B2:B3; only the top-left cell holds the value and the others read as blank. Unmerge them and fill in every row.",
            ),
            (
                7,
                "見出し行が見つからないため、このシートは読み込みません。1〜20行目のいずれか1行に「回答」と「要件ID」（または「要件」）の列見出しを並べてください。",
                "No header row found, so this sheet is not read: one of rows 1–20 must hold the headers \"answer\" (回答) and \"ID\" (要件ID) or \"requirement\" (要件).",
            ),
            (
                8,
                "どのシートにも見出し行が見つからないため、このファイルは読み込めません。表示されているシートの1〜20行目のいずれか1行に「要件ID」の列見出しを並べてください。",
                "No sheet has a header row, so this file cannot be read: one of rows 1–20 of a visible sheet must hold the header \"ID\" (要件ID).",
            ),
            (
                13,
                "配点が0以上の数値ではないため、優先度による配点 2.5 を使います。配点には0以上の数値を記入してください。",
                "The weight is not a number ≥ 0, so the priority's weight 2.5 is used; write a number ≥ 0.",
            ),
            (
                14,
                "ID「JR-001」が重複しています（最初の行：「住民記録」2行目）。この行は読み込みません。IDを一意にしてください。",
                "Duplicate ID \"JR-001\" (first at \"住民記録\" row 2); this row is dropped. Make every ID unique.",
            ),
            (
                15,
                "同じ要件の行が2回あります（最初の行：「住民記録」3行目）。最初の行の回答を採用し、この行は読み込みません。重複した行を削除してください。",
                "This requirement appears twice (first at \"住民記録\" row 3); the first row counts and this one is not read. Delete the duplicate row.",
            ),
            (
                20,
                "回答「？」は凡例にないため無効（0点）として扱います。凡例の記号（標準: ◎ A／代替: ◎ A／カスタマイズ: ◎ A／対応不可: ◎ A）のいずれかで回答してください。",
                "The answer \"？\" is not in the legend; it counts as invalid and scores 0. Answer with a legend code (standard: ◎ A; alternative: ◎ A; customization: ◎ A; unsupported: ◎ A).",
            ),
            (
                24,
                "要件「JR-002」の行が回答書にありません（行が削除された可能性があります）。未回答として0点で扱います。回答書に行を戻して回答してください。",
                "Requirement \"JR-002\" is missing from the response (a deleted row?); it counts as missing and scores 0. Restore the row and answer it.",
            ),
            (
                25,
                "「標準」（◎ S）の回答が一つもなく、「代替」の記号「○」が使われています。○△×の3段階の凡例で回答した可能性があります。○が何を意味するか、選定委員会で事業者に確認してください。",
                "No answer is standard (◎ S) while the alternative code \"○\" is used: likely the 3-level ○△× legend. The committee must confirm with the vendor what ○ meant.",
            ),
            (
                30,
                "「戊町」は設定の構成団体（members）にないため、この要望は集計しません。団体名を設定の members と同じ表記にしてください。",
                "\"戊町\" is not among the members listed in the settings, so this request is not counted. Spell the member as in `members`.",
            ),
            (
                31,
                "ベンダー名「A社」が A社.xlsx と重複しています（ベンダー名はファイル名です）。どちらかのファイル名を変えてください。この回答は評価に含めていません。",
                "vendor name “A社” repeats A社.xlsx (the file name is the vendor's name); rename one of the files. This response was left out.",
            ),
        ];
        for (i, j, e) in expected {
            assert_eq!(worded(&ja, i), j, "{:?}", kinds[i]);
            assert_eq!(worded(&en, i), e, "{:?}", kinds[i]);
        }
    }

    #[test]
    fn refusals_name_the_limit_and_the_fix() {
        let [ja, en] = labels();
        let m = ja.refusal_message(&Refusal::FileTooLarge {
            bytes: 3 * 1024 * 1024,
            limit_mib: 1,
        });
        assert_eq!(
            m,
            "ファイルが大きすぎるため読み込みませんでした（3.0 MiB、上限 max_file_mib = 1 MiB）。正しいファイルか確認し、必要なら設定の max_file_mib を引き上げてください。"
        );
        let m = en.refusal_message(&Refusal::NotWorkbook(Looks::Csv));
        assert_eq!(
            m,
            "Not a workbook (the content is CSV text). Ask the sender to save it in Excel format (.xlsx) and send it again."
        );
        let m = ja.refusal_message(&Refusal::SheetTooLarge {
            sheet: "回答".into(),
            cells: 30_000_000,
            limit: 20_000_000,
        });
        assert!(
            m.contains("シート「回答」") && m.contains("30000000 セル、上限 20000000 セル"),
            "{m}"
        );
        let m = en.refusal_message(&Refusal::PartTooLarge {
            part: "xl/sharedStrings.xml".into(),
            bytes: 1536 * 1024,
            limit_mib: 1,
        });
        assert!(
            m.contains("(1.5 MiB; the limit max_part_mib is 1 MiB)"),
            "{m}"
        );
        let m = en.refusal_message(&Refusal::NotWorkbook(Looks::Unknown));
        assert_eq!(
            m,
            "Not a workbook (neither an Excel nor an OpenDocument format). Ask the sender to save it in Excel format (.xlsx) and send it again."
        );
    }

    /// A fact is copied as it is, even when it reads like a placeholder.
    #[test]
    fn facts_are_never_read_as_placeholders() {
        assert_eq!(
            fill_once("a {x} b {y} {z}", &[("x", "{y}"), ("y", "}{")]),
            "a {y} b }{ {z}"
        );
        let [ja, _] = labels();
        let kind = FindingKind::DuplicateId {
            id: "{first_row}".into(),
            first_sheet: "{id}".into(),
            first_row: 7,
        };
        let f = Finding::file("A社.xlsx", Severity::Error, kind);
        assert!(
            ja.finding_message(&f)
                .starts_with("ID「{first_row}」が重複しています（最初の行：「{id}」7行目）。")
        );
    }

    #[test]
    fn the_json_of_a_finding_keeps_its_fields_in_order() {
        let [_, en] = labels();
        let f = Finding::file("A社.xlsx", Severity::Warning, FindingKind::BlankAnswer)
            .on_sheet("回答", 0)
            .at_cell(1, 1);
        let json = serde_json::to_string(&FindingJson::new(&f, &en)).unwrap();
        assert_eq!(
            json,
            r#"{"file":"A社.xlsx","sheet":"回答","cell":"B2","severity":"warning","message":"The answer is blank; it counts as missing and scores 0. Answer with a legend code.","value":null}"#
        );
    }
}

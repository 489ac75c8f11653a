//! The §8.2 JSON document: the machine-readable twin of the workbook.
//!
//! Keys are written in the order the specification shows them, so that a
//! diff between two runs reads top to bottom like the report itself. Every
//! number is passed through unrounded; amounts without a fraction print as
//! integers (the model's serializers take care of that).
//!
//! The document borrows the analysis and is serialized straight to its file:
//! at consortium scale a tree of `serde_json::Value`s and the text built
//! from it would each be hundreds of megabytes more than the analysis itself.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};

use super::findings::FindingsJson;
use super::labels::Labels;
use super::roster::Roster;
use crate::analyze::flags::{Say, worded};
use crate::model::{
    Analysis, Award, AwardVendor, CustomizationAdvice, CustomizationItem, DecisionResults,
    Decisions, Finding, GroupSensitivity, InputFile, Inputs, KnockoutWhatIf, Lang, LevelCounts,
    MemberId, ReqIx, Sensitivity, VendorId, VendorResult, serialize_amount, serialize_opt_amount,
};

/// The §8.2 JSON document, borrowing what it shows.
#[derive(Serialize)]
pub struct Report<'a> {
    tool: Tool,
    requirements: usize,
    vendors: Each<'a, VendorResult>,
    flags: Flags<'a>,
    competition: CompetitionJson<'a>,
    customization: Each<'a, CustomizationItem>,
    validation: Validation<'a>,
    inputs: &'a [InputFile],
    sensitivity: Option<Named<'a, Sensitivity>>,
    knockout_whatifs: Each<'a, KnockoutWhatIf>,
    relief_sets: ReliefSets<'a>,
    /// §13, with `--criteria` and `--scores`.
    #[serde(skip_serializing_if = "Option::is_none")]
    committee: Option<serde_json::Value>,
    /// The committee's decisions (§11), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    decisions: Option<DecisionsJson<'a>>,
    /// SPEC §12, when prices were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    award: Option<Named<'a, Award>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// How ids become names in the document: vendors by the roster,
/// requirements by their IDs, member towns by their names.
#[derive(Clone, Copy)]
struct Names<'a> {
    inputs: &'a Inputs,
    roster: &'a Roster,
}

impl<'a> Names<'a> {
    fn vendors(self, vendors: &'a [VendorId]) -> impl Iterator<Item = &'a str> + Clone + 'a {
        let roster = self.roster;
        vendors.iter().map(move |&v| roster.name(v))
    }

    fn ids(self, requirements: &'a [ReqIx]) -> impl Iterator<Item = &'a str> + Clone + 'a {
        let inputs = self.inputs;
        (requirements.iter()).map(move |&r| inputs.requirements[r.index()].id.as_str())
    }

    fn members(self, members: &'a [MemberId]) -> impl Iterator<Item = &'a str> + Clone + 'a {
        let names = self
            .inputs
            .requests
            .as_ref()
            .map_or(&[][..], |r| &r.members[..]);
        members.iter().map(move |&m| names[m.index()].as_str())
    }
}

/// A value of the analysis with the names its ids stand for.
struct Named<'a, T> {
    value: &'a T,
    names: Names<'a>,
}

/// Every item of a list, each named.
struct Each<'a, T> {
    items: &'a [T],
    names: Names<'a>,
}

impl<'a, T> Serialize for Each<'a, T>
where
    Named<'a, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names = self.names;
        serializer.collect_seq(self.items.iter().map(|value| Named { value, names }))
    }
}

/// A list of names or IDs, serialized as it is walked.
struct List<I>(I);

impl<I> List<I> {
    fn new(items: I) -> Self {
        List(items)
    }
}

impl<'a, I: Iterator<Item = &'a str> + Clone> Serialize for List<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// An amount as the model's serializers write it (`1200000`, not `1200000.0`).
struct Amount(f64);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_amount(&self.0, serializer)
    }
}

/// An optional amount (`null` when unknown).
struct OptAmount(Option<f64>);

impl Serialize for OptAmount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_opt_amount(&self.0, serializer)
    }
}

/// Each customizing vendor's own cost (§8.2 `costs`), null when unknown.
struct VendorCosts<'a, I>(I, &'a [Option<f64>]);

impl<'a, I: Iterator<Item = &'a str> + Clone> Serialize for VendorCosts<'a, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.clone().zip(self.1.iter().map(|c| OptAmount(*c))))
    }
}

/// A vendor's `name`; on blind copies evaluated with the key (§15), its
/// real name as `name` and the copy's label as `label`.
fn name_fields<S: SerializeStruct>(
    s: &mut S,
    names: &Names,
    vendor: VendorId,
) -> Result<(), S::Error> {
    match names.roster.real_name(vendor) {
        Some(real) => {
            s.serialize_field("name", real)?;
            s.serialize_field("label", names.roster.name(vendor))
        }
        None => s.serialize_field("name", names.roster.name(vendor)),
    }
}

impl Serialize for Named<'_, VendorResult> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (v, names) = (self.value, self.names);
        let mut s = serializer.serialize_struct("VendorResult", 10)?;
        name_fields(&mut s, &names, v.vendor)?;
        s.serialize_field("rank", &v.rank)?;
        s.serialize_field("score", &v.score)?;
        s.serialize_field("max_score", &v.max_score)?;
        s.serialize_field("percent", &v.percent)?;
        s.serialize_field("compliant", &v.compliant)?;
        s.serialize_field("knockouts", &List::new(names.ids(&v.knockouts)))?;
        s.serialize_field::<LevelCounts>("levels", &v.levels)?;
        s.serialize_field("customization_cost", &Amount(v.customization_cost))?;
        s.serialize_field("customization_cost_unknown", &v.customization_cost_unknown)?;
        s.end()
    }
}

impl Serialize for Named<'_, CustomizationItem> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (c, names) = (self.value, self.names);
        let mut s = serializer.serialize_struct("CustomizationItem", 9)?;
        let id = names.inputs.requirements[c.requirement.index()].id.as_str();
        s.serialize_field("requirement", id)?;
        s.serialize_field("vendors", &List::new(names.vendors(&c.vendors)))?;
        s.serialize_field(
            "costs",
            &VendorCosts(names.vendors(&c.vendors), &c.vendor_costs),
        )?;
        s.serialize_field("cost_min", &OptAmount(c.cost_min))?;
        s.serialize_field("cost_median", &OptAmount(c.cost_median))?;
        s.serialize_field("cost_max", &OptAmount(c.cost_max))?;
        s.serialize_field("cost_unknown", &c.cost_unknown)?;
        s.serialize_field("members", &List::new(names.members(&c.members)))?;
        s.serialize_field::<CustomizationAdvice>("recommendation", &c.recommendation)?;
        s.end()
    }
}

impl Serialize for Named<'_, Sensitivity> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (sens, roster) = (self.value, self.names.roster);
        let mut s = serializer.serialize_struct("Sensitivity", 4)?;
        s.serialize_field("first", roster.name(sens.first))?;
        s.serialize_field("second", roster.name(sens.second))?;
        s.serialize_field("margin", &sens.margin)?;
        s.serialize_field::<[GroupSensitivity]>("groups", &sens.groups)?;
        s.end()
    }
}

impl Serialize for Named<'_, KnockoutWhatIf> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (w, names) = (self.value, self.names);
        let mut s = serializer.serialize_struct("KnockoutWhatIf", 3)?;
        let id = names.inputs.requirements[w.requirement.index()].id.as_str();
        s.serialize_field("requirement", id)?;
        s.serialize_field("vendors", &List::new(names.vendors(&w.vendors)))?;
        s.serialize_field("compliant_if_relaxed", &w.compliant_if_relaxed)?;
        s.end()
    }
}

/// The flags, named and worded one at a time as they are written.
struct Flags<'a> {
    analysis: &'a Analysis,
    say: Say<'a>,
}

impl Serialize for Flags<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let say = &self.say;
        serializer.collect_seq(self.analysis.flags.iter().map(|f| worded(f, say)))
    }
}

/// The competition summary with its relief set's IDs.
struct CompetitionJson<'a> {
    analysis: &'a Analysis,
    names: Names<'a>,
}

impl Serialize for CompetitionJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = &self.analysis.competition;
        let mut s = serializer.serialize_struct("Competition", 3)?;
        s.serialize_field("compliant_vendors", &c.compliant_vendors)?;
        s.serialize_field("min_competitors", &c.min_competitors)?;
        s.serialize_field("relief", &List::new(self.names.ids(&c.relief)))?;
        s.end()
    }
}

/// The findings, each worded in the run's language as it is written.
struct Validation<'a> {
    findings: &'a [Finding],
    labels: Labels,
}

impl Serialize for Validation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FindingsJson {
            findings: self.findings,
            labels: &self.labels,
        }
        .serialize(serializer)
    }
}

/// Relief sets keyed by the number of compliant vendors they reach (`"2"`).
struct ReliefSets<'a> {
    sets: &'a [(usize, Option<Vec<ReqIx>>)],
    names: Names<'a>,
}

impl Serialize for ReliefSets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.sets.len()))?;
        for (target, set) in self.sets {
            let set = set.as_ref().map(|ids| List::new(self.names.ids(ids)));
            map.serialize_entry(&target.to_string(), &set)?;
        }
        map.end()
    }
}

/// The decision rows (§11), each with what it changed and its vendor's
/// score before any decision and after all of them.
struct DecisionsJson<'a> {
    decisions: &'a Decisions,
    results: &'a DecisionResults,
    analysis: &'a Analysis,
    names: Names<'a>,
}

impl Serialize for DecisionsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rows = self.decisions.rows.iter().zip(&self.results.rows);
        serializer.collect_seq(rows.map(|(d, effect)| {
            let (vendor, before, after) = match d.vendor {
                Some(v) => (
                    self.names.roster.name(v),
                    Some(self.results.score_before[v.index()]),
                    Some(self.analysis.result(v).score),
                ),
                None => (d.vendor_text.as_str(), None, None),
            };
            let requirement = match d.requirement {
                Some(r) => Some(self.names.inputs.requirements[r.index()].id.as_str()),
                None if d.id_text.is_empty() => None,
                None => Some(d.id_text.as_str()),
            };
            DecisionJson {
                vendor,
                requirement,
                code: (!d.code.is_empty()).then_some(d.code.as_str()),
                ruling: d.ruling.map(|l| l.key()),
                reason: &d.reason,
                date: (!d.date.is_empty()).then_some(d.date.as_str()),
                applied: d.valid,
                changed: effect.changed,
                score_before: before,
                score_after: after,
            }
        }))
    }
}

#[derive(Serialize)]
struct DecisionJson<'a> {
    vendor: &'a str,
    requirement: Option<&'a str>,
    code: Option<&'a str>,
    ruling: Option<&'static str>,
    reason: &'a str,
    date: Option<&'a str>,
    applied: bool,
    changed: usize,
    score_before: Option<f64>,
    score_after: Option<f64>,
}

/// The §8.2 JSON document, its vendors named by `roster`, its flags and
/// findings worded in `lang`.
pub fn report_json<'a>(
    inputs: &'a Inputs,
    analysis: &'a Analysis,
    roster: &'a Roster,
    lang: Lang,
) -> anyhow::Result<Report<'a>> {
    let names = Names { inputs, roster };
    Ok(Report {
        tool: Tool {
            name: "fairbid",
            version: env!("CARGO_PKG_VERSION"),
        },
        requirements: inputs.requirements.len(),
        vendors: Each {
            items: &analysis.vendors,
            names,
        },
        flags: Flags {
            analysis,
            say: roster
                .say(lang, &inputs.requirements, analysis)
                .with_committee(inputs.committee.as_ref()),
        },
        competition: CompetitionJson { analysis, names },
        customization: Each {
            items: &analysis.customization,
            names,
        },
        validation: Validation {
            findings: &inputs.findings,
            labels: Labels::load(lang)?,
        },
        inputs: &inputs.files,
        sensitivity: analysis
            .sensitivity
            .as_ref()
            .map(|value| Named { value, names }),
        knockout_whatifs: Each {
            items: &analysis.knockout_whatifs,
            names,
        },
        relief_sets: ReliefSets {
            sets: &analysis.relief_sets,
            names,
        },
        committee: (inputs.committee.as_ref().zip(analysis.committee.as_ref()))
            .map(|(c, r)| super::committee_json::committee_json(c, r, roster)),
        decisions: (inputs.decisions.as_ref())
            .zip(analysis.decisions.as_ref())
            .map(|(decisions, results)| DecisionsJson {
                decisions,
                results,
                analysis,
                names,
            }),
        award: analysis.award.as_ref().map(|value| Named { value, names }),
    })
}

/// The award (SPEC §12): `method`, `points`, `vendors`, `ties`, `tipping`.
impl Serialize for Named<'_, Award> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (a, names) = (self.value, self.names);
        let mut s = serializer.serialize_struct("Award", 5)?;
        s.serialize_field("method", &a.method)?;
        let points = serde_json::json!({
            "fit": a.fit_points, "committee": a.committee_points, "price": a.price_points
        });
        s.serialize_field("points", &points)?;
        s.serialize_field(
            "vendors",
            &Each {
                items: &a.vendors,
                names,
            },
        )?;
        let ties: Vec<serde_json::Value> = (a.ties.iter())
            .map(|t| {
                let vendors: Vec<&str> = names.vendors(&t.vendors).collect();
                serde_json::json!({"rank": t.rank, "vendors": vendors})
            })
            .collect();
        s.serialize_field("ties", &ties)?;
        let tipping = serde_json::json!({
            "price_points_tie": a.tipping.price_points_tie,
            "reversal_price": a.tipping.reversal_price,
        });
        s.serialize_field("tipping", &tipping)?;
        s.end()
    }
}

impl Serialize for Named<'_, AwardVendor> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (v, names) = (self.value, self.names);
        let mut s = serializer.serialize_struct("AwardVendor", 12)?;
        name_fields(&mut s, &names, v.vendor)?;
        s.serialize_field("rank", &v.rank)?;
        s.serialize_field("eligible", &v.eligible())?;
        s.serialize_field("reasons", &v.reasons)?;
        s.serialize_field("price", &OptAmount(v.price))?;
        s.serialize_field("fit_points", &v.fit_points)?;
        s.serialize_field("committee_points", &v.committee_points)?;
        s.serialize_field("technical_points", &v.technical_points)?;
        s.serialize_field("price_points", &v.price_points)?;
        s.serialize_field("total", &v.total)?;
        s.serialize_field("value", &v.value)?;
        s.end()
    }
}

//! The `committee` member of the §8.2 JSON (SPEC §13): the items with each
//! evaluator's score and the aggregate per vendor, the committee ranking,
//! the evaluators, the bias table and the leave-one-out winners.
//!
//! It is small (items × vendors × evaluators), so it is built as a value
//! with its keys in the order the specification lists them.

use serde_json::{Map, Value, json};

use super::roster::Roster;
use crate::model::{CommitteeInputs, CommitteeResult, EvaluatorId, ItemIx, VendorId};

/// The `committee` JSON of one run, its vendors named by `roster`.
pub fn committee_json(
    inputs: &CommitteeInputs,
    result: &CommitteeResult,
    roster: &Roster,
) -> Value {
    let vendors = result.items.first().map_or(0, |i| i.aggregate.len());
    let evaluators: Vec<EvaluatorId> = (0..inputs.evaluators.len()).map(EvaluatorId::new).collect();
    let items: Vec<Value> = (inputs.criteria.iter().enumerate())
        .map(|(i, c)| {
            let item = ItemIx::new(i);
            let mut scores = Map::new();
            let mut aggregate = Map::new();
            for v in (0..vendors).map(VendorId::new) {
                let by_evaluator: Map<String, Value> = (evaluators.iter())
                    .map(|&e| {
                        (
                            inputs.evaluator(e).to_string(),
                            json!(inputs.score(e, item, v)),
                        )
                    })
                    .collect();
                let name = roster.name(v).to_string();
                scores.insert(name.clone(), Value::Object(by_evaluator));
                aggregate.insert(name, json!(result.items[i].aggregate[v.index()]));
            }
            json!({
                "id": (!c.id.is_empty()).then_some(&c.id),
                "item": c.item,
                "max": c.max,
                "scores": scores,
                "aggregate": aggregate,
            })
        })
        .collect();
    let ranking: Vec<Value> = (result.vendors.iter())
        .map(|v| {
            json!({
                "name": roster.name(v.vendor),
                "score": v.score,
                "max_score": v.max_score,
                "rank": v.rank,
            })
        })
        .collect();
    let bias: Vec<Value> = (result.bias.iter())
        .map(|b| {
            json!({
                "evaluator": inputs.evaluator(b.evaluator),
                "vendor": roster.name(b.vendor),
                "bias": b.bias,
            })
        })
        .collect();
    let leave_one_out: Vec<Value> = (result.leave_one_out.iter())
        .map(|&(e, winner)| {
            json!({
                "evaluator": inputs.evaluator(e),
                "winner": winner.map(|w| roster.name(w)),
            })
        })
        .collect();
    json!({
        "aggregate": result.aggregate.key(),
        "items": items,
        "vendors": ranking,
        "evaluators": evaluators.iter().map(|&e| inputs.evaluator(e)).collect::<Vec<_>>(),
        "bias": bias,
        "leave_one_out": leave_one_out,
    })
}

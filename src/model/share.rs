//! What the members workbook of a cost split (SPEC §14) holds, and the
//! problems its rows can have.
//!
//! A split is a contract the towns sign: a row that cannot be read is never
//! guessed at, it is a finding naming its cell, and the split is made only
//! from rows that say everything it needs.

use serde::{Deserialize, Serialize};

/// Whether a town of the members workbook shares the cost now or is
/// considering joining.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TownStatus {
    /// Blank or 参加: a member of the consortium.
    Member,
    /// 新規, 加入予定, candidate: a town considering joining (割り勘効果).
    Candidate,
}

/// One town of the members workbook, amounts in yen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Town {
    pub name: String,
    pub population: f64,
    /// The town's own cost today, for the same period as the total.
    pub current: f64,
    /// Businesses used, for the business share; `None` when not given.
    pub businesses: Option<f64>,
    pub status: TownStatus,
    /// Where the row is: sheet and 1-based row, for the record.
    pub sheet: String,
    pub row: u32,
}

/// What is wrong with a row of the members workbook; the finding's cell and
/// value say where and what was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MemberProblem {
    /// A row with figures but no town name.
    BlankName,
    /// A population that is not a number above 0.
    BadPopulation,
    /// A current cost that is blank or not an amount ≥ 0.
    BadCurrent,
    /// A businesses count that is not a number ≥ 0, or blank while the
    /// settings give the business share a weight.
    BadBusinesses,
    /// A status that is none of blank, 参加, 新規, 加入予定, candidate.
    UnknownStatus,
    /// A town listed twice; the first row (1-based) counts.
    DuplicateTown { first_row: u32 },
    /// A town of the evaluation's requests that the members workbook does
    /// not list: its request cannot be charged to it.
    UnknownRequester { town: String },
}

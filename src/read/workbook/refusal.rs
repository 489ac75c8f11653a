//! Why a file was not read: the refusals the guards and parsers under
//! `workbook` end a failed read in ([`Refusal`], plain data in `model`, worded
//! where it is shown), so that one bad vendor file becomes a validation row
//! and never stops the run.

use std::fmt::Display;

pub use crate::model::{Looks, Refusal};

/// A refusal for a file the parser found cut off or corrupt, in its words.
pub(super) fn damaged(detail: impl Display) -> Refusal {
    Refusal::Damaged {
        detail: detail.to_string(),
    }
}

/// A calamine reader's error as a refusal. Each reader has its own error
/// type, and a password is the one error its sender can remove, so the
/// caller says whether it is one.
pub(super) fn parser_refusal(password: bool, e: impl Display) -> Refusal {
    if password {
        Refusal::Encrypted
    } else {
        damaged(e)
    }
}

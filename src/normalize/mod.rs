//! Pure text rules: NFKC, IDs, legend codes, yen amounts, priorities.
//!
//! Input workbooks are typed by hand in many offices; the same thing is
//! written in full-width and half-width forms, with stray spaces and with
//! look-alike symbols. Every comparison in fairbid goes through these functions
//! so that the rules live in one place.

pub mod id;
pub mod legend;
pub mod text;
pub mod vendor;
pub mod yen;

pub use id::normalize_id;
pub use legend::Legend;
pub use text::{compare_key, header_key, nfkc, parse_priority, split_header_note};
pub use vendor::{Found, VendorKeys, vendor_key};
pub use yen::{CostText, YenParse, parse_yen, read_cost_text};

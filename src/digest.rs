//! The fingerprint of an input: SHA-256 in lower-case hex.
//!
//! The run's record names every file it read by its hash, and the settings
//! file by the hash of its text, so that a committee can show later exactly
//! what was evaluated. One function, so that both are computed alike.

use sha2::{Digest, Sha256};

/// SHA-256 of the bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

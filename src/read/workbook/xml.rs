//! XML read as calamine reads it.
//!
//! A guard is only as good as its agreement with the parser it protects: if
//! it read an attribute otherwise (unescaped, or the last of two), a crafted
//! part could show the guard one number and calamine another. So attributes
//! are scanned raw, the first of a name wins, counts are parsed as calamine
//! parses them, and the XML reader is configured as calamine configures its own.

use quick_xml::events::BytesStart;

/// Raw (not unescaped) attributes of a start tag, scanned the way calamine
/// scans them, so both readers see the same values; stops at a malformed one.
pub(super) struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let mut pos = self.pos;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let key_start = pos;
        while pos < bytes.len() && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q) if q == b'"' || q == b'\'' => q,
            _ => {
                self.pos = bytes.len();
                return None;
            }
        };
        pos += 1;
        let start = pos;
        while pos < bytes.len() && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[start..pos];
        self.pos = (pos + 1).min(bytes.len());
        Some((key, value))
    }
}

pub(super) fn raw_attrs<'a>(e: &'a BytesStart<'_>) -> RawAttrs<'a> {
    raw_attrs_of(e.attributes_raw())
}

/// The same scan over the attribute text of a tag (after its name).
pub(super) fn raw_attrs_of(raw: &str) -> RawAttrs<'_> {
    RawAttrs { raw, pos: 0 }
}

/// The first attribute whose key is exactly `name`, raw.
pub(super) fn raw_attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<&'a str> {
    raw_attrs(e)
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A raw attribute value with its entities replaced; as written when they
/// are malformed, since a name shown with a stray `&` beats no name.
pub(super) fn unescaped(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |s| s.into_owned())
}

/// A decimal count as calamine reads it: ASCII digits only; larger than any
/// `u64` saturates.
pub(super) fn parse_count(raw: &str) -> Option<u64> {
    let raw = raw.as_bytes();
    if raw.is_empty() || !raw.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(raw.iter().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

/// An XML reader configured as calamine configures its own, so both see the
/// same elements.
pub(super) fn xml_reader<R: std::io::BufRead>(source: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(source);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    reader
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_as_calamine_reads_them() {
        assert_eq!(parse_count("100000000000"), Some(100_000_000_000));
        assert_eq!(parse_count("0012"), Some(12));
        assert_eq!(parse_count("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(parse_count("+5"), None);
        assert_eq!(parse_count("1e9"), None);
        assert_eq!(parse_count(""), None);
    }

    #[test]
    fn raw_attributes_are_not_unescaped_and_first_wins() {
        let e = BytesStart::from_content(
            r#"sst count = '3' uniqueCount="7" uniqueCount="9" name="a&amp;b""#,
            3,
        );
        assert_eq!(raw_attr(&e, "count"), Some("3"));
        assert_eq!(raw_attr(&e, "uniqueCount"), Some("7"));
        assert_eq!(raw_attr(&e, "name"), Some("a&amp;b"));
        assert_eq!(raw_attr(&e, "missing"), None);
    }
}

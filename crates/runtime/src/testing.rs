//! Equivalence checks for documents, used by the generated example tests (and available to
//! users' tests).
//!
//! Each check parses both documents and compares them as data, not text, and reports the path of
//! the first difference, e.g. `/createSubscriber/subscriber[2]/msisdn: expected "1" got "2"`.
//! The `assert_*` variants panic with that difference followed by both documents.

mod form;
mod json;
mod xml;

pub use form::form_equivalent;
pub use json::json_equivalent;
pub use xml::xml_equivalent;

use crate::redact::bounded;

/// How much of each document a failed assertion prints.
const MAX_DOCUMENT_IN_PANIC: usize = 4 * 1024;

/// Panics with a readable diff if two XML documents differ as trees: element names, attribute
/// sets (order ignored), child order, text trimmed (whitespace-only text ignored, CDATA is
/// text); comments, processing instructions, the XML declaration and DOCTYPE ignored.
#[track_caller]
pub fn assert_xml_equivalent(expected: &str, actual: &str) {
    check("XML", xml_equivalent(expected, actual), expected, actual);
}

/// Panics with a readable diff if two JSON documents differ as values: object key order is
/// ignored, numbers are compared by value (`1 == 1.0`), and an object member set to `null` or `[]` equals
/// an absent one (generated types write optional fields and empty lists by leaving them out).
#[track_caller]
pub fn assert_json_equivalent(expected: &str, actual: &str) {
    check("JSON", json_equivalent(expected, actual), expected, actual);
}

/// Panics with a readable diff unless two form bodies hold the same percent-decoded
/// `(name, value)` pairs in the same order.
#[track_caller]
pub fn assert_form_equivalent(expected: &str, actual: &str) {
    check("form", form_equivalent(expected, actual), expected, actual);
}

#[track_caller]
fn check(kind: &str, outcome: Result<(), String>, expected: &str, actual: &str) {
    if let Err(difference) = outcome {
        panic!(
            "{kind} documents differ: {difference}\n--- expected ---\n{}\n--- actual ---\n{}",
            bounded(expected, MAX_DOCUMENT_IN_PANIC),
            bounded(actual, MAX_DOCUMENT_IN_PANIC),
        );
    }
}

/// A value quoted for a difference message, bounded so one huge text does not flood the output.
fn quote(value: &str) -> String {
    format!("{:?}", bounded(value, 200))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assert_passes_on_equivalent_documents() {
        assert_xml_equivalent("<a x='1'><b/></a>", "<a x=\"1\">\n  <b></b>\n</a>");
        assert_json_equivalent(r#"{"a": 1}"#, r#"{ "a": 1.0 }"#);
        assert_form_equivalent("a=1&b=x+y", "a=1&b=x%20y");
    }

    #[test]
    fn assert_panics_with_path_and_documents() {
        let panic = std::panic::catch_unwind(|| assert_xml_equivalent("<a><b>1</b></a>", "<a><b>2</b></a>"))
            .expect_err("documents differ");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(
            message
                .starts_with("XML documents differ: /a/b: expected \"1\" got \"2\"\n--- expected ---\n<a><b>1</b></a>"),
            "{message}"
        );
        assert!(message.ends_with("--- actual ---\n<a><b>2</b></a>"), "{message}");
    }

    #[test]
    fn quote_bounds_long_values() {
        let long = "z".repeat(1000);
        assert!(quote(&long).len() < 210);
        assert_eq!(quote("a\"b"), r#""a\"b""#);
    }
}

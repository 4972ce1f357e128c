//! JSON documents compared as values.

use serde_json::{Number, Value};

use super::quote;

/// `Ok(())` when both JSON documents hold the same value (see
/// [`assert_json_equivalent`](super::assert_json_equivalent)), otherwise the JSON Pointer of the
/// first difference (`/` for the root).
pub fn json_equivalent(expected: &str, actual: &str) -> Result<(), String> {
    let expected: Value =
        serde_json::from_str(expected).map_err(|e| format!("expected document is not valid JSON: {e}"))?;
    let actual: Value = serde_json::from_str(actual).map_err(|e| format!("actual document is not valid JSON: {e}"))?;
    compare("", &expected, &actual)
}

/// Recursion is bounded by serde_json's own nesting limit (128).
fn compare(path: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    let here = if path.is_empty() { "/" } else { path };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, e_value) in e {
                let child = format!("{path}/{}", escape_pointer(key));
                match a.get(key) {
                    Some(a_value) => compare(&child, e_value, a_value)?,
                    // A member set to null or to an empty list says no more than an absent one: the
                    // generated types write optional fields and empty lists by leaving them out.
                    None if says_nothing(e_value) => {}
                    None => return Err(format!("{child}: missing, expected {}", render(e_value))),
                }
            }
            match a.iter().find(|(key, value)| !e.contains_key(*key) && !says_nothing(value)) {
                Some((key, value)) => Err(format!("{path}/{}: unexpected {}", escape_pointer(key), render(value))),
                None => Ok(()),
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for index in 0..e.len().max(a.len()) {
                let child = format!("{path}/{index}");
                match (e.get(index), a.get(index)) {
                    (Some(e_value), Some(a_value)) => compare(&child, e_value, a_value)?,
                    (Some(e_value), None) => {
                        return Err(format!("{child}: missing, expected {}", render(e_value)));
                    }
                    (None, Some(a_value)) => {
                        return Err(format!("{child}: unexpected {}", render(a_value)));
                    }
                    (None, None) => {}
                }
            }
            Ok(())
        }
        (Value::Number(e), Value::Number(a)) if numbers_equal(e, a) => Ok(()),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{here}: expected {} got {}", render(expected), render(actual))),
    }
}

/// `null` or `[]`: a member holding it is equivalent to no member.
fn says_nothing(value: &Value) -> bool {
    value.is_null() || value.as_array().is_some_and(Vec::is_empty)
}

/// Integers compare exactly (no f64 rounding of large IDs); otherwise by f64 value, so
/// `1 == 1.0`.
fn numbers_equal(expected: &Number, actual: &Number) -> bool {
    if expected == actual {
        return true;
    }
    let as_integer = |n: &Number| n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
    match (as_integer(expected), as_integer(actual)) {
        (Some(e), Some(a)) => e == a,
        _ => match (expected.as_f64(), actual.as_f64()) {
            (Some(e), Some(a)) => e == a,
            _ => false,
        },
    }
}

/// RFC 6901 escaping of one pointer segment.
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn render(value: &Value) -> String {
    match value {
        Value::String(text) => quote(text),
        other => {
            let text = other.to_string();
            super::bounded(&text, 200).into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(expected: &str, actual: &str) -> String {
        json_equivalent(expected, actual).expect_err("documents should differ")
    }

    #[test]
    fn key_order_and_number_spelling_do_not_matter() {
        assert_eq!(json_equivalent(r#"{"a": 1, "b": [1.5, 2e0]}"#, r#"{"b": [1.50, 2], "a": 1.0}"#), Ok(()));
        assert_eq!(json_equivalent("null", " null "), Ok(()));
    }

    #[test]
    fn large_integers_compare_exactly() {
        assert_eq!(
            diff("12345678901234567890", "12345678901234567891"),
            "/: expected 12345678901234567890 got 12345678901234567891"
        );
        assert_eq!(json_equivalent("-5", "-5.0"), Ok(()));
    }

    #[test]
    fn null_members_equal_absent_ones() {
        assert_eq!(json_equivalent(r#"{"a": 1, "next": null}"#, r#"{"a": 1}"#), Ok(()));
        assert_eq!(json_equivalent(r#"{"a": 1}"#, r#"{"a": 1, "next": null}"#), Ok(()));
        assert_eq!(diff(r#"{"a": null}"#, r#"{"a": 0}"#), "/a: expected null got 0");
        assert_eq!(diff("[null]", "[]"), "/0: missing, expected null");
        assert_eq!(json_equivalent(r#"{"a": 1, "tags": []}"#, r#"{"a": 1}"#), Ok(()));
        assert_eq!(diff(r#"{"tags": [1]}"#, r#"{}"#), "/tags: missing, expected [1]");
    }

    #[test]
    fn reports_pointer_of_first_difference() {
        assert_eq!(
            diff(r#"{"subs": [{"msisdn": "1"}, {"msisdn": "1"}]}"#, r#"{"subs": [{"msisdn": "1"}, {"msisdn": "2"}]}"#),
            r#"/subs/1/msisdn: expected "1" got "2""#
        );
        assert_eq!(diff(r#"{"a": 1}"#, r#"{}"#), "/a: missing, expected 1");
        assert_eq!(diff(r#"{}"#, r#"{"a/b": true}"#), "/a~1b: unexpected true");
        assert_eq!(diff("[1]", "[1, 2]"), "/1: unexpected 2");
        assert_eq!(diff("[1, 2]", "[1]"), "/1: missing, expected 2");
        assert_eq!(diff(r#"{"a": "1"}"#, r#"{"a": 1}"#), r#"/a: expected "1" got 1"#);
    }

    #[test]
    fn invalid_documents_are_errors() {
        let err = diff("{", "{}");
        assert!(err.starts_with("expected document is not valid JSON"), "{err}");
        let err = diff("{}", "{} x");
        assert!(err.starts_with("actual document is not valid JSON"), "{err}");
    }
}

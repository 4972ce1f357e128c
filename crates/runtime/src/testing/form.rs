//! Form bodies compared as ordered pairs.

use url::form_urlencoded;

use super::quote;

/// `Ok(())` when both form bodies hold the same percent-decoded `(name, value)` pairs in the same
/// order (see [`assert_form_equivalent`](super::assert_form_equivalent)); otherwise the first
/// differing pair (1-based). Surrounding whitespace and a leading `?` are ignored.
pub fn form_equivalent(expected: &str, actual: &str) -> Result<(), String> {
    let expected = pairs(expected);
    let actual = pairs(actual);
    for index in 0..expected.len().max(actual.len()) {
        let number = index + 1;
        match (expected.get(index), actual.get(index)) {
            (Some((e_name, e_value)), Some((a_name, a_value))) => {
                if e_name != a_name {
                    return Err(format!("pair {number}: expected name {} got {}", quote(e_name), quote(a_name)));
                }
                if e_value != a_value {
                    return Err(format!(
                        "pair {number} ({e_name}): expected {} got {}",
                        quote(e_value),
                        quote(a_value)
                    ));
                }
            }
            (Some((name, value)), None) => {
                return Err(format!("pair {number}: missing {name}={}", quote(value)));
            }
            (None, Some((name, value))) => {
                return Err(format!("pair {number}: unexpected {name}={}", quote(value)));
            }
            (None, None) => {}
        }
    }
    Ok(())
}

fn pairs(text: &str) -> Vec<(String, String)> {
    let text = text.trim();
    let text = text.strip_prefix('?').unwrap_or(text);
    form_urlencoded::parse(text.as_bytes()).map(|(name, value)| (name.into_owned(), value.into_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(expected: &str, actual: &str) -> String {
        form_equivalent(expected, actual).expect_err("bodies should differ")
    }

    #[test]
    fn decodes_before_comparing() {
        assert_eq!(form_equivalent("a=x+y&b=%2B1", "?a=x%20y&b=%2B1"), Ok(()));
        assert_eq!(form_equivalent(" token=abc\n", "token=abc"), Ok(()));
        assert_eq!(form_equivalent("", ""), Ok(()));
    }

    #[test]
    fn order_matters_and_differences_are_named() {
        assert_eq!(diff("a=1&b=2", "b=2&a=1"), r#"pair 1: expected name "a" got "b""#);
        assert_eq!(diff("a=1&msisdn=1", "a=1&msisdn=2"), r#"pair 2 (msisdn): expected "1" got "2""#);
        assert_eq!(diff("a=1&b=2", "a=1"), r#"pair 2: missing b="2""#);
        assert_eq!(diff("a=1", "a=1&c=%26"), r#"pair 2: unexpected c="&""#);
    }
}

//! JSON text -> `serde_json::Value`, tolerating Postman's bare `{{var}}` placeholders.

use std::borrow::Cow;

use serde_json::Value;

use super::MAX_DEPTH;
use super::scalar::{BARE_VAR_MARK, var_name};

/// Parses one sample; the error says why it is not usable.
pub(super) fn parse(text: &str) -> Result<Value, String> {
    let quoted = quote_bare_vars(text);
    let value: Value = serde_json::from_str(&quoted).map_err(|err| err.to_string())?;
    if depth(&value, 0) > MAX_DEPTH {
        return Err(format!("values nest deeper than {MAX_DEPTH} levels"));
    }
    Ok(value)
}

/// Nesting depth of containers, stopping early past the limit (serde_json itself stops at 128).
fn depth(value: &Value, level: usize) -> usize {
    if level > MAX_DEPTH {
        return level;
    }
    match value {
        Value::Array(items) => items.iter().map(|item| depth(item, level + 1)).max().unwrap_or(level + 1),
        Value::Object(map) => map.values().map(|item| depth(item, level + 1)).max().unwrap_or(level + 1),
        _ => level,
    }
}

/// Postman bodies often hold `{"count": {{n}}}`: not JSON until the variable is substituted. Outside string
/// literals `{{` is never valid JSON, so each bare `{{name}}` becomes the string `"\u{E000}{{name}}"`, which
/// [`bare_var`] recognizes later. Strings are left untouched.
pub(super) fn quote_bare_vars(text: &str) -> Cow<'_, str> {
    if !text.contains("{{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if in_string {
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
        } else if ch == '"' {
            in_string = true;
        } else if let Some((placeholder, len)) = bare_placeholder(rest) {
            out.push('"');
            out.push(BARE_VAR_MARK);
            out.push_str(placeholder);
            out.push('"');
            rest = rest.get(len..).unwrap_or_default();
            continue;
        }
        out.push(ch);
        rest = rest.get(ch.len_utf8()..).unwrap_or_default();
    }
    Cow::Owned(out)
}

/// `{{name}}` at the start of `text` when it can sit inside a JSON string as is; with its byte length.
fn bare_placeholder(text: &str) -> Option<(&str, usize)> {
    let body = text.strip_prefix("{{")?;
    let end = body.find("}}")?;
    let len = end + 4;
    let placeholder = text.get(..len)?;
    let name = var_name(placeholder)?;
    if name.chars().any(|c| c == '"' || c == '\\' || c.is_control()) {
        return None;
    }
    Some((placeholder, len))
}

/// The variable of a string produced by [`quote_bare_vars`].
pub(super) fn bare_var(value: &str) -> Option<&str> {
    var_name(value.strip_prefix(BARE_VAR_MARK)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_variables_become_marked_strings() {
        let text = r#"{"a": {{n}}, "b": "{{s}}", "c": "x {{y}}", "d": [{{m}}, 1], "e": "\"{{q}}"}"#;
        let value = parse(text).unwrap();
        assert_eq!(value["a"].as_str().and_then(bare_var), Some("n"));
        assert_eq!(value["b"], "{{s}}");
        assert_eq!(value["c"], "x {{y}}");
        assert_eq!(value["d"][0].as_str().and_then(bare_var), Some("m"));
        assert_eq!(value["e"], "\"{{q}}");
        assert!(parse(r#"{"a": {{bad"name}}}"#).is_err());
    }

    #[test]
    fn rejects_truncated_and_too_deep() {
        assert!(parse(r#"{"a": [1, 2"#).unwrap_err().contains("EOF"));
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().contains("deeper than 64"));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let very_deep = "[".repeat(10_000);
        assert!(parse(&very_deep).is_err());
    }
}

//! Readers for the small values every dialect shares: text members, flags, descriptions, key/value lists and
//! variables. Each one accepts the shapes real files use and reports what it had to skip.

use serde_json::Value;

use super::cx::{Cx, get, index_ptr, key_ptr, scalar_text};
use crate::{Description, DescriptionFormat, KeyValue, Variable};

/// `obj[key]` as a string; absent or `null` is `None`, any other type is skipped with a warning.
pub(crate) fn string_member(cx: &mut Cx, obj: &Value, key: &str, ptr: &str) -> Option<String> {
    match get(obj, key)? {
        Value::String(s) => Some(s.clone()),
        other => {
            cx.wrong_type(&key_ptr(ptr, key), &format!("`{key}`"), other, "a string");
            None
        }
    }
}

/// `obj[key]` where files write numbers and booleans as well as strings: scalars become text (as JSON writes
/// them); absent or `null` is `None`; arrays and objects are skipped with a warning.
pub(crate) fn scalar_member(cx: &mut Cx, obj: &Value, key: &str, ptr: &str) -> Option<String> {
    let value = get(obj, key)?;
    let text = scalar_text(value);
    if text.is_none() {
        cx.wrong_type(&key_ptr(ptr, key), &format!("`{key}`"), value, "text");
    }
    text
}

/// `obj[key]` as a boolean; anything but `true`/`false`/`null`/absent is skipped with a warning.
pub(crate) fn bool_member(cx: &mut Cx, obj: &Value, key: &str, ptr: &str) -> Option<bool> {
    match get(obj, key)? {
        Value::Bool(b) => Some(*b),
        other => {
            cx.wrong_type(&key_ptr(ptr, key), &format!("`{key}`"), other, "a boolean");
            None
        }
    }
}

/// `disabled: true` (v2) or `enabled: false` (v1, environments).
pub(crate) fn disabled(cx: &mut Cx, obj: &Value, ptr: &str) -> bool {
    let disabled = bool_member(cx, obj, "disabled", ptr).unwrap_or(false);
    let enabled = bool_member(cx, obj, "enabled", ptr).unwrap_or(true);
    disabled || !enabled
}

/// `obj.description`: a string, `{content, type}`, or `null`.
pub(crate) fn description(cx: &mut Cx, obj: &Value, ptr: &str) -> Option<Description> {
    let value = get(obj, "description")?;
    description_value(cx, value, &key_ptr(ptr, "description"))
}

/// A description value at `ptr`. Empty text counts as no description.
pub(crate) fn description_value(cx: &mut Cx, value: &Value, ptr: &str) -> Option<Description> {
    let (content, format) = match value {
        Value::String(s) => (s.clone(), DescriptionFormat::Markdown),
        Value::Object(_) => {
            let content = string_member(cx, value, "content", ptr)?;
            let format = match string_member(cx, value, "type", ptr).as_deref() {
                Some("text/html") => DescriptionFormat::Html,
                Some("text/plain") => DescriptionFormat::Plain,
                _ => DescriptionFormat::Markdown,
            };
            (content, format)
        }
        Value::Null => return None,
        other => {
            cx.wrong_type(ptr, "description", other, "a string or {content, type}");
            return None;
        }
    };
    (!content.is_empty()).then_some(Description { content, format })
}

/// How a list of pairs is spelled when a file gives it as one string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairSyntax {
    /// `Key: value` lines; a line starting with `//` is disabled (v1 header strings).
    Header,
    /// `key=value&key=value`.
    Query,
}

/// A list of key/value pairs (headers, query parameters, urlencoded fields, path variables, auth parameters).
/// Accepts a list of `{key, value, description, disabled}` (v1 response headers say `name`), a string in
/// `syntax`, or an object of `key: value` members; `null` and `{}` are empty. `what` names an entry in messages.
pub(crate) fn key_values(
    cx: &mut Cx,
    value: Option<&Value>,
    ptr: &str,
    what: &str,
    syntax: PairSyntax,
) -> Vec<KeyValue> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) => parse_pairs(text, syntax),
        Some(Value::Array(entries)) => {
            let mut pairs = Vec::with_capacity(entries.len());
            for (index, entry) in entries.iter().enumerate() {
                let entry_ptr = index_ptr(ptr, index);
                match entry {
                    Value::Object(_) => pairs.push(key_value(cx, entry, &entry_ptr)),
                    Value::String(text) => pairs.extend(parse_pairs(text, syntax)),
                    other => cx.wrong_type(&entry_ptr, &format!("{what} entry"), other, "an object"),
                }
            }
            pairs
        }
        Some(Value::Object(members)) if members.is_empty() => Vec::new(),
        Some(Value::Object(members)) => {
            cx.warn(ptr, format!("{what} list is an object; its members were read as key/value pairs"));
            let mut pairs = Vec::with_capacity(members.len());
            for (key, member) in members {
                match scalar_text(member) {
                    Some(value) => pairs.push(KeyValue { key: key.clone(), value, ..KeyValue::default() }),
                    None => cx.wrong_type(&key_ptr(ptr, key), &format!("{what} `{key}`"), member, "text"),
                }
            }
            pairs
        }
        Some(other) => {
            cx.wrong_type(ptr, &format!("{what} list"), other, "a list");
            Vec::new()
        }
    }
}

fn key_value(cx: &mut Cx, entry: &Value, ptr: &str) -> KeyValue {
    let key = scalar_member(cx, entry, "key", ptr).or_else(|| scalar_member(cx, entry, "name", ptr));
    KeyValue {
        key: key.unwrap_or_default(),
        value: scalar_member(cx, entry, "value", ptr).unwrap_or_default(),
        description: description(cx, entry, ptr),
        disabled: disabled(cx, entry, ptr),
    }
}

/// Splits a string form of a pair list.
pub(crate) fn parse_pairs(text: &str, syntax: PairSyntax) -> Vec<KeyValue> {
    match syntax {
        PairSyntax::Header => text.lines().filter_map(header_line).collect(),
        PairSyntax::Query => text.split('&').filter(|s| !s.is_empty()).map(query_pair).collect(),
    }
}

fn header_line(line: &str) -> Option<KeyValue> {
    let line = line.trim();
    let (line, disabled) = match line.strip_prefix("//") {
        Some(rest) => (rest.trim_start(), true),
        None => (line, false),
    };
    if line.is_empty() {
        return None;
    }
    let (key, value) = line.split_once(':').unwrap_or((line, ""));
    Some(KeyValue { key: key.trim().to_owned(), value: value.trim().to_owned(), description: None, disabled })
}

fn query_pair(pair: &str) -> KeyValue {
    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
    KeyValue { key: key.to_owned(), value: value.to_owned(), ..KeyValue::default() }
}

/// A variable list (`variable` in v2, `variables` in v1, `values` in environments). An entry is named by `key`
/// (or `id`, which v2.0 files use); object and array values are kept as their JSON text.
pub(crate) fn variables(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Vec<Variable> {
    let entries = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(entries)) => entries,
        Some(other) => {
            cx.wrong_type(ptr, "variable list", other, "a list");
            return Vec::new();
        }
    };
    let mut variables = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(ptr, index);
        if !entry.is_object() {
            cx.wrong_type(&entry_ptr, "variable entry", entry, "an object");
            continue;
        }
        let Some(key) =
            scalar_member(cx, entry, "key", &entry_ptr).or_else(|| scalar_member(cx, entry, "id", &entry_ptr))
        else {
            cx.warn(&entry_ptr, "variable has no `key` or `id`; skipped");
            continue;
        };
        let value = match get(entry, "value") {
            None => String::new(),
            Some(v) => scalar_text(v).unwrap_or_else(|| v.to_string()),
        };
        variables.push(Variable { key, value, disabled: disabled(cx, entry, &entry_ptr) });
    }
    variables
}

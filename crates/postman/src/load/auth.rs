//! Auth: `{type, <type>: params}` with an open set of types. v2.0 gives the parameters as an object, v2.1 (and v1's
//! `auth`) as a list of `{key, value, type}`.

use serde_json::Value;

use super::cx::{Cx, get, index_ptr, key_ptr, scalar_text};
use super::fields::{scalar_member, string_member};
use crate::{Auth, KeyValue};

/// Reads an auth value at `ptr`; absent or `null` is no auth (inherit).
pub(crate) fn auth(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Option<Auth> {
    let value = value.filter(|v| !v.is_null())?;
    if !value.is_object() {
        cx.wrong_type(ptr, "auth", value, "an object");
        return None;
    }
    let Some(kind) = string_member(cx, value, "type", ptr) else {
        cx.warn(ptr, "auth has no `type`; skipped");
        return None;
    };
    let params_ptr = key_ptr(ptr, &kind);
    let params = match get(value, &kind) {
        None => Vec::new(),
        Some(Value::Array(entries)) => param_list(cx, entries, &params_ptr),
        Some(Value::Object(members)) => members
            .iter()
            .map(|(key, v)| KeyValue { key: key.clone(), value: text(v), ..KeyValue::default() })
            .collect(),
        Some(other) => {
            cx.wrong_type(&params_ptr, &format!("`{kind}` auth parameters"), other, "a list or an object");
            Vec::new()
        }
    };
    Some(Auth { kind, params })
}

fn param_list(cx: &mut Cx, entries: &[Value], ptr: &str) -> Vec<KeyValue> {
    let mut params = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(ptr, index);
        if !entry.is_object() {
            cx.wrong_type(&entry_ptr, "auth parameter", entry, "an object");
            continue;
        }
        let key = scalar_member(cx, entry, "key", &entry_ptr).unwrap_or_default();
        let value = get(entry, "value").map(text).unwrap_or_default();
        params.push(KeyValue { key, value, ..KeyValue::default() });
    }
    params
}

/// Auth parameters may be structured (oauth2 scopes, edgegrid headers): those keep their JSON text.
fn text(value: &Value) -> String {
    scalar_text(value).unwrap_or_else(|| value.to_string())
}

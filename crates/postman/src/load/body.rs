//! v2 request bodies: `{mode, raw | urlencoded | formdata | file | graphql, options}`.

use serde_json::Value;

use super::cx::{Cx, get, index_ptr, key_ptr, kind, scalar_text};
use super::fields::{PairSyntax, description, disabled, key_values, parse_pairs, scalar_member, string_member};
use crate::{Body, FormField};

const MODES: [&str; 5] = ["raw", "urlencoded", "formdata", "file", "graphql"];

/// Reads a body at `ptr`. No body, `null`, `{}` and a body without a mode or content are all `None`.
pub(crate) fn body(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Option<Body> {
    let value = value.filter(|v| !v.is_null())?;
    if !value.is_object() {
        cx.wrong_type(ptr, "body", value, "an object");
        return None;
    }
    let mode = match string_member(cx, value, "mode", ptr) {
        Some(mode) => mode,
        None => {
            // Without a mode, a body that still carries content in exactly the member a mode would use is read
            // as that mode rather than dropped.
            let mode = MODES.into_iter().find(|m| has_content(get(value, m)))?;
            cx.warn(ptr, format!("body has no `mode`; read as `{mode}` from its `{mode}` member"));
            mode.to_owned()
        }
    };
    Some(match mode.as_str() {
        "raw" => Body::Raw { text: raw_text(cx, value, ptr, "raw"), language: raw_language(value) },
        "urlencoded" => Body::UrlEncoded(key_values(
            cx,
            get(value, "urlencoded"),
            &key_ptr(ptr, "urlencoded"),
            "urlencoded field",
            PairSyntax::Query,
        )),
        "formdata" => Body::FormData(form_fields(cx, get(value, "formdata"), &key_ptr(ptr, "formdata"))),
        "file" => {
            Body::File { src: get(value, "file").and_then(|f| string_member(cx, f, "src", &key_ptr(ptr, "file"))) }
        }
        "graphql" => graphql(cx, get(value, "graphql"), &key_ptr(ptr, "graphql")),
        unknown => {
            let member = if get(value, unknown).is_some() { unknown } else { "raw" };
            let text = raw_text(cx, value, ptr, member);
            cx.warn(&key_ptr(ptr, "mode"), format!("unknown body mode `{unknown}`; read as raw text"));
            Body::Raw { text, language: None }
        }
    })
}

fn has_content(value: Option<&Value>) -> bool {
    match value {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        _ => false,
    }
}

/// `body[member]` as text; a structured value keeps its JSON text (with a warning, since Postman writes text).
pub(crate) fn raw_text(cx: &mut Cx, body: &Value, ptr: &str, member: &str) -> String {
    match get(body, member) {
        None => String::new(),
        Some(value) => scalar_text(value).unwrap_or_else(|| {
            cx.warn(&key_ptr(ptr, member), format!("`{member}` body is {}; its JSON text was used", kind(value)));
            value.to_string()
        }),
    }
}

fn raw_language(body: &Value) -> Option<String> {
    body.pointer("/options/raw/language").and_then(Value::as_str).map(str::to_owned)
}

/// Form fields: a list of `{key, value | src, type, description, disabled}`; `""` (seen in real files) is empty.
pub(crate) fn form_fields(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Vec<FormField> {
    let entries = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::String(text)) => {
            return parse_pairs(text, PairSyntax::Query)
                .into_iter()
                .map(|kv| FormField { key: kv.key, value: kv.value, ..FormField::default() })
                .collect();
        }
        Some(Value::Array(entries)) => entries,
        Some(other) => {
            cx.wrong_type(ptr, "form field list", other, "a list");
            return Vec::new();
        }
    };
    let mut fields = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(ptr, index);
        if !entry.is_object() {
            cx.wrong_type(&entry_ptr, "form field", entry, "an object");
            continue;
        }
        let is_file = string_member(cx, entry, "type", &entry_ptr).as_deref() == Some("file");
        let src = if is_file { file_src(cx, entry, &entry_ptr) } else { None };
        let value = src.or_else(|| scalar_member(cx, entry, "value", &entry_ptr)).unwrap_or_default();
        fields.push(FormField {
            key: scalar_member(cx, entry, "key", &entry_ptr).unwrap_or_default(),
            value,
            is_file,
            description: description(cx, entry, &entry_ptr),
            disabled: disabled(cx, entry, &entry_ptr),
        });
    }
    fields
}

/// A file field's `src`: one path, or a list of paths (multi-file upload), joined with `,`.
fn file_src(cx: &mut Cx, field: &Value, ptr: &str) -> Option<String> {
    match get(field, "src")? {
        Value::Array(paths) => Some(paths.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")),
        _ => scalar_member(cx, field, "src", ptr),
    }
}

/// `{query, variables}`; `variables` may be a JSON string, an object, or `null`.
pub(crate) fn graphql(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Body {
    let Some(value) = value else {
        return Body::GraphQl { query: String::new(), variables: String::new() };
    };
    if !value.is_object() {
        cx.wrong_type(ptr, "graphql body", value, "an object");
        return Body::GraphQl { query: String::new(), variables: String::new() };
    }
    let query = string_member(cx, value, "query", ptr).unwrap_or_default();
    let variables = match get(value, "variables") {
        None => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    Body::GraphQl { query, variables }
}

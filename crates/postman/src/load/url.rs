//! URLs: a string, or an object of parts (`raw`, `protocol`, `host`, `port`, `path`, `query`, `variable`) where
//! any part may be missing and `host`/`path` may be a string or a list.

use serde_json::Value;

use super::cx::{Cx, get, index_ptr, key_ptr, scalar_text};
use super::fields::{PairSyntax, key_values, parse_pairs, scalar_member, string_member};
use crate::Url;

/// Reads a URL value at `ptr`: a string, an object, or absent/`null` (an empty URL).
pub(crate) fn url(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Url {
    match value {
        None | Some(Value::Null) => Url::default(),
        Some(Value::String(raw)) => parse_url(raw),
        Some(obj @ Value::Object(_)) => url_object(cx, obj, ptr),
        Some(other) => {
            cx.wrong_type(ptr, "url", other, "a string or an object");
            Url::default()
        }
    }
}

/// Parts given in the object win over those parsed from `raw`; `raw` is rebuilt from the parts when missing.
fn url_object(cx: &mut Cx, obj: &Value, ptr: &str) -> Url {
    let raw = string_member(cx, obj, "raw", ptr);
    let mut url = raw.as_deref().map(parse_url).unwrap_or_default();
    if let Some(protocol) = string_member(cx, obj, "protocol", ptr) {
        url.protocol = Some(protocol.trim_end_matches("://").trim_end_matches(':').to_owned());
    }
    if let Some(host) = get(obj, "host") {
        url.host = host_labels(cx, host, &key_ptr(ptr, "host"));
    }
    if let Some(port) = scalar_member(cx, obj, "port", ptr) {
        url.port = Some(port);
    }
    if let Some(path) = get(obj, "path") {
        url.path = path_segments(cx, path, &key_ptr(ptr, "path"));
    }
    if let Some(query) = get(obj, "query") {
        url.query = key_values(cx, Some(query), &key_ptr(ptr, "query"), "query parameter", PairSyntax::Query);
    }
    url.variables = key_values(cx, get(obj, "variable"), &key_ptr(ptr, "variable"), "path variable", PairSyntax::Query);
    url.raw = raw.unwrap_or_else(|| rebuild_raw(&url));
    url
}

fn host_labels(cx: &mut Cx, host: &Value, ptr: &str) -> Vec<String> {
    match host {
        Value::String(text) => split_outside_braces(text, '.'),
        Value::Array(labels) => text_list(cx, labels, ptr, "host label"),
        other => {
            cx.wrong_type(ptr, "url host", other, "a string or a list");
            Vec::new()
        }
    }
}

fn path_segments(cx: &mut Cx, path: &Value, ptr: &str) -> Vec<String> {
    match path {
        Value::String(text) => split_path(text),
        Value::Array(segments) => text_list(cx, segments, ptr, "path segment"),
        other => {
            cx.wrong_type(ptr, "url path", other, "a string or a list");
            Vec::new()
        }
    }
}

/// Elements of a host or path list: text, numbers, or the schema's `{type, value}` objects.
fn text_list(cx: &mut Cx, elements: &[Value], ptr: &str, what: &str) -> Vec<String> {
    let mut texts = Vec::with_capacity(elements.len());
    for (index, element) in elements.iter().enumerate() {
        let element_ptr = index_ptr(ptr, index);
        let text = match element {
            Value::Object(_) => scalar_member(cx, element, "value", &element_ptr),
            Value::Array(_) => None,
            scalar => scalar_text(scalar),
        };
        match text {
            Some(text) => texts.push(text),
            None if element.is_object() => cx.warn(&element_ptr, format!("{what} object has no `value`; skipped")),
            None => cx.wrong_type(&element_ptr, what, element, "text"),
        }
    }
    texts
}

/// Splits a URL string. The host is everything between the scheme and the first `/` (or `?`), minus any
/// `user:password@` and `:port`; the path is split on `/`, the query on `&` and `=`; a `#fragment` is dropped.
pub(crate) fn parse_url(raw: &str) -> Url {
    let text = raw.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    let (before_query, query) = text.split_once('?').unwrap_or((text, ""));
    let (protocol, rest) = match before_query.split_once("://") {
        Some((scheme, rest)) if !scheme.is_empty() && !scheme.contains(['/', '{', '}']) => (Some(scheme), rest),
        _ => (None, before_query),
    };
    let (authority, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (host, port) = split_port(authority);
    Url {
        raw: raw.to_owned(),
        protocol: protocol.map(str::to_owned),
        host: if host.is_empty() { Vec::new() } else { split_outside_braces(host, '.') },
        port: port.map(str::to_owned),
        path: split_path(path),
        query: parse_pairs(query, PairSyntax::Query),
        variables: Vec::new(),
    }
}

/// `host:8443` or `host:{{port}}` -> (host, port); IPv6 brackets and anything else stay in the host.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if let Some((host, port)) = authority.rsplit_once(':') {
        let numeric = !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
        let variable = port.starts_with("{{") && port.ends_with("}}");
        if (numeric || variable) && !port.contains(']') {
            return (host, Some(port));
        }
    }
    (authority, None)
}

/// `/a/b/` -> `["a", "b", ""]`: only the leading slash is dropped, so the path rejoins exactly.
fn split_path(path: &str) -> Vec<String> {
    if path.is_empty() {
        return Vec::new();
    }
    path.strip_prefix('/').unwrap_or(path).split('/').map(str::to_owned).collect()
}

/// Splits on `separator` except inside `{{...}}`, so `{{base.url}}` stays one host label.
fn split_outside_braces(text: &str, separator: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == separator && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
}

/// The raw form of a URL given only as parts. Disabled query parameters are not sent, so they are left out.
fn rebuild_raw(url: &Url) -> String {
    let mut raw = String::new();
    if let Some(protocol) = &url.protocol {
        raw.push_str(protocol);
        raw.push_str("://");
    }
    raw.push_str(&url.host.join("."));
    if let Some(port) = &url.port {
        raw.push(':');
        raw.push_str(port);
    }
    for segment in &url.path {
        raw.push('/');
        raw.push_str(segment);
    }
    let query: Vec<String> =
        url.query.iter().filter(|q| !q.disabled).map(|q| format!("{}={}", q.key, q.value)).collect();
    if !query.is_empty() {
        raw.push('?');
        raw.push_str(&query.join("&"));
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_url_splits_into_parts() {
        let url = parse_url("http://user:pw@echo.example.com:9443/status/400/?query=string&a=b&abcd#{{search}}");
        assert_eq!(url.protocol.as_deref(), Some("http"));
        assert_eq!(url.host, ["echo", "example", "com"]);
        assert_eq!(url.port.as_deref(), Some("9443"));
        assert_eq!(url.path, ["status", "400", ""]);
        let query: Vec<_> = url.query.iter().map(|q| (q.key.as_str(), q.value.as_str())).collect();
        assert_eq!(query, [("query", "string"), ("a", "b"), ("abcd", "")]);
    }

    #[test]
    fn variable_hosts_stay_whole() {
        let url = parse_url("{{base.url}}:{{port}}/v1/:id?x={{y}}");
        assert_eq!(url.protocol, None);
        assert_eq!(url.host, ["{{base.url}}"]);
        assert_eq!(url.port.as_deref(), Some("{{port}}"));
        assert_eq!(url.path, ["v1", ":id"]);
        assert_eq!(url.query[0].value, "{{y}}");
    }

    #[test]
    fn bare_host_has_no_path() {
        let url = parse_url("https://example.com");
        assert_eq!(url.host, ["example", "com"]);
        assert!(url.path.is_empty());
        assert_eq!(parse_url("https://example.com/").path, [""]);
        assert_eq!(parse_url("").host, Vec::<String>::new());
    }

    #[test]
    fn raw_is_rebuilt_from_parts() {
        let mut cx = Cx::default();
        let value = serde_json::json!({
            "protocol": "https", "host": "{{base_url}}", "port": 8443, "path": "/stacks/{{api_key}}",
            "query": [{"key": "a", "value": 1}, {"key": "b", "value": "", "disabled": true}]
        });
        let url = url(&mut cx, Some(&value), "/u");
        assert_eq!(url.raw, "https://{{base_url}}:8443/stacks/{{api_key}}?a=1");
        assert_eq!(url.query.len(), 2);
        assert!(cx.diagnostics.is_empty());
    }
}

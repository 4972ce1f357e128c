//! Body formats: what a request or example body is, judged from its headers, Postman's hints and its text.

use tango_postman::{Body, KeyValue, Request, SavedResponse};

use crate::infer::{BodyFormat, FormPair, SampleBody};

/// What a body is.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// No body, or an empty one.
    Empty,
    /// XML, JSON or form, with its sample.
    Structured(BodyFormat, SampleBody),
    /// Text that is neither (a message, HTML, ...).
    Text(String),
    /// A body mode the client cannot send (file, multipart), by name.
    Unsupported(&'static str),
}

/// The value of a header (case-insensitive), ignoring disabled ones.
pub fn header<'a>(headers: &'a [KeyValue], name: &str) -> Option<&'a str> {
    headers.iter().find(|h| !h.disabled && h.key.trim().eq_ignore_ascii_case(name)).map(|h| h.value.trim())
}

/// The format a content type or Postman language name announces.
pub fn format_of_label(label: &str) -> Option<BodyFormat> {
    let label = label.to_ascii_lowercase();
    if label.contains("json") {
        Some(BodyFormat::Json)
    } else if label.contains("xml") || label == "soap" {
        Some(BodyFormat::Xml)
    } else if label.contains("x-www-form-urlencoded") {
        Some(BodyFormat::Form)
    } else {
        None
    }
}

/// Judges text by its first character: `<` is XML, `{`/`[` is JSON.
pub fn sniff(text: &str) -> Option<BodyFormat> {
    match text.trim_start_matches('\u{feff}').trim_start().chars().next() {
        Some('<') => Some(BodyFormat::Xml),
        Some('{' | '[') => Some(BodyFormat::Json),
        _ => None,
    }
}

/// Decides the format of raw text: what the text looks like wins over what the headers claim, because
/// collections do send XML under a urlencoded content type. Returns the format and, when the claim
/// disagreed, the claimed label.
fn raw_format(text: &str, claimed: Option<&str>) -> (Option<BodyFormat>, Option<String>) {
    let sniffed = sniff(text);
    let announced = claimed.and_then(format_of_label);
    match (sniffed, announced) {
        (Some(s), Some(a)) if s != a => (Some(s), claimed.map(str::to_owned)),
        (Some(s), _) => (Some(s), None),
        (None, _) => (None, None),
    }
}

/// The kind of a request body, and a note when its declared content type disagreed with its text.
pub fn request_body(request: &Request) -> (BodyKind, Option<String>) {
    let content_type = header(&request.headers, "content-type");
    match &request.body {
        None => (BodyKind::Empty, None),
        Some(Body::Raw { text, language }) => {
            if text.trim().is_empty() {
                return (BodyKind::Empty, None);
            }
            let claimed = content_type.or(language.as_deref());
            match raw_format(text, claimed) {
                (Some(format), mismatch) => {
                    let note = mismatch.map(|c| format!("declared `{c}` but the body is {}", format_name(format)));
                    (BodyKind::Structured(format, SampleBody::Text(text.clone())), note)
                }
                (None, _) => (BodyKind::Text(text.clone()), None),
            }
        }
        Some(Body::UrlEncoded(pairs)) if pairs.is_empty() => (BodyKind::Empty, None),
        Some(Body::UrlEncoded(pairs)) => {
            (BodyKind::Structured(BodyFormat::Form, SampleBody::Form(form_pairs(pairs))), None)
        }
        Some(Body::FormData(fields)) if fields.is_empty() => (BodyKind::Empty, None),
        Some(Body::FormData(_)) => (BodyKind::Unsupported("formdata (multipart/form-data)"), None),
        Some(Body::File { .. }) => (BodyKind::Unsupported("file"), None),
        Some(Body::GraphQl { query, variables }) => {
            let variables: serde_json::Value = serde_json::from_str(variables).unwrap_or(serde_json::Value::Null);
            let doc = serde_json::json!({ "query": query, "variables": variables });
            (BodyKind::Structured(BodyFormat::Json, SampleBody::Text(doc.to_string())), None)
        }
    }
}

/// The kind of a saved response body.
pub fn response_body(response: &SavedResponse) -> BodyKind {
    let Some(text) = response.body.as_deref().filter(|t| !t.trim().is_empty()) else {
        return BodyKind::Empty;
    };
    let claimed = header(&response.headers, "content-type").or(response.preview_language.as_deref());
    match raw_format(text, claimed) {
        (Some(format), _) => BodyKind::Structured(format, SampleBody::Text(text.to_owned())),
        (None, _) => BodyKind::Text(text.to_owned()),
    }
}

fn form_pairs(pairs: &[KeyValue]) -> Vec<FormPair> {
    pairs.iter().map(|p| FormPair { key: p.key.clone(), value: p.value.clone(), disabled: p.disabled }).collect()
}

/// A form sample as `a=b&c=d` (enabled pairs only), the text the generated tests round-trip.
pub fn form_text(pairs: &[FormPair]) -> String {
    let enabled: Vec<(&str, &str)> =
        pairs.iter().filter(|p| !p.disabled).map(|p| (p.key.as_str(), p.value.as_str())).collect();
    // Encoding a list of string pairs cannot fail; an empty string is the harmless fallback.
    serde_urlencoded::to_string(enabled).unwrap_or_default()
}

/// Whether an example body is a document as it stands. JSON with a bare `{{var}}` (`"n": {{count}}`) is a
/// template Postman fills in before sending: it can shape a type but cannot be read back, so it gets no
/// round-trip test.
pub fn is_literal_document(format: BodyFormat, text: &str) -> bool {
    format != BodyFormat::Json || serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The warning for an example left without a round-trip test because it is a template.
pub fn template_note(origin: &str) -> String {
    format!("{origin} is a template (a bare `{{{{variable}}}}` in JSON), so it has no round-trip test")
}

/// `XML`, `JSON` or `form`.
pub fn format_name(format: BodyFormat) -> &'static str {
    match format {
        BodyFormat::Xml => "XML",
        BodyFormat::Json => "JSON",
        BodyFormat::Form => "form",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_shape_wins_over_a_wrong_content_type() {
        let request = Request {
            headers: vec![KeyValue {
                key: "Content-Type".into(),
                value: "application/x-www-form-urlencoded".into(),
                ..KeyValue::default()
            }],
            body: Some(Body::Raw { text: "<ping/>".into(), language: None }),
            ..Request::default()
        };
        let (kind, note) = request_body(&request);
        assert_eq!(kind, BodyKind::Structured(BodyFormat::Xml, SampleBody::Text("<ping/>".into())));
        assert_eq!(note.as_deref(), Some("declared `application/x-www-form-urlencoded` but the body is XML"));
    }

    #[test]
    fn responses_are_empty_text_or_structured() {
        let mut r = SavedResponse { body: Some("  ".into()), ..SavedResponse::default() };
        assert_eq!(response_body(&r), BodyKind::Empty);
        r.body = Some("Subscriber created".into());
        assert_eq!(response_body(&r), BodyKind::Text("Subscriber created".into()));
        r.body = Some("{\"a\":1}".into());
        assert!(matches!(response_body(&r), BodyKind::Structured(BodyFormat::Json, _)));
    }

    #[test]
    fn form_text_encodes_and_skips_disabled_pairs() {
        let pairs = vec![
            FormPair { key: "token".into(), value: "{{resellertoken}}".into(), disabled: false },
            FormPair { key: "name".into(), value: "a b&c".into(), disabled: false },
            FormPair { key: "off".into(), value: "x".into(), disabled: true },
        ];
        assert_eq!(form_text(&pairs), "token=%7B%7Bresellertoken%7D%7D&name=a+b%26c");
    }
}

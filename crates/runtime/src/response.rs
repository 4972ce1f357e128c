//! Response formats and the typed success value.

use std::fmt;
use std::ops::{Deref, DerefMut};

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde::de::value::{Error as ValueError, StrDeserializer, UnitDeserializer};

use crate::codec;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::retry::{Attempts, Retry};

/// How a response body (success or error) is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// XML via quick-xml serde.
    Xml,
    /// JSON via serde_json.
    Json,
    /// `application/x-www-form-urlencoded` via serde_html_form (flat structs; a `Vec` field is a repeated key).
    Form,
    /// The whole body as a string (UTF-8 checked, not trimmed), e.g. into `String`.
    Text,
    /// The body is ignored; the value is deserialized from unit, e.g. into `()`.
    Empty,
}

impl Format {
    /// The `Accept` header value a request expecting this format sends.
    pub(crate) fn accept(self) -> &'static str {
        match self {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
            Format::Form | Format::Text | Format::Empty => "*/*",
        }
    }

    /// Whether a response with this `Content-Type` can hold this format. A missing header,
    /// `text/plain` and `application/octet-stream` are accepted for XML and JSON (servers
    /// mislabel); anything else must name the format (`application/xml`, `text/xml`, `*+xml`;
    /// `application/json`, `*+json`). Form, text and empty formats accept any type.
    pub(crate) fn accepts_content_type(self, content_type: Option<&str>) -> bool {
        let Some(content_type) = content_type else {
            return true;
        };
        let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let generic = matches!(essence.as_str(), "" | "text/plain" | "application/octet-stream");
        match self {
            Format::Xml => generic || essence.ends_with("/xml") || essence.ends_with("+xml"),
            Format::Json => generic || essence.ends_with("/json") || essence.ends_with("+json"),
            Format::Form | Format::Text | Format::Empty => true,
        }
    }

    /// Decodes `body` into `T`.
    ///
    /// An empty (or all-whitespace) body for [`Format::Xml`] or [`Format::Json`] decodes only into
    /// types that accept unit or none, such as `()` or `Option<T>` (which becomes `None`);
    /// anything else is a [`DecodeError`] of kind [`DecodeErrorKind::Empty`].
    pub(crate) fn decode<T: DeserializeOwned>(self, body: &[u8]) -> Result<T, DecodeError> {
        match self {
            Format::Empty => {
                T::deserialize(UnitDeserializer::<ValueError>::new()).map_err(|e| DecodeError::new(self, e.to_string()))
            }
            Format::Text => {
                let text = utf8(self, body)?;
                T::deserialize(StrDeserializer::<ValueError>::new(text))
                    .map_err(|e| DecodeError::new(self, e.to_string()))
            }
            Format::Xml | Format::Json if body.trim_ascii().is_empty() => {
                T::deserialize(UnitDeserializer::<ValueError>::new())
                    .map_err(|_| DecodeError::with_kind(self, DecodeErrorKind::Empty, "empty body"))
            }
            Format::Xml => codec::decode_xml(utf8(self, body)?),
            Format::Json => codec::decode_json(body),
            Format::Form => codec::decode_form(body),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Xml => "XML",
            Format::Json => "JSON",
            Format::Form => "form data",
            Format::Text => "text",
            Format::Empty => "empty body",
        })
    }
}

fn utf8(format: Format, body: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(body)
        .map_err(|e| DecodeError::with_kind(format, DecodeErrorKind::Encoding, format!("body is not UTF-8: {e}")))
}

/// A decoded success body with the response's status and headers, and how many attempts it
/// took.
///
/// Derefs to the value; [`into_inner`](Self::into_inner) takes it out.
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    value: T,
    status: StatusCode,
    headers: HeaderMap,
    attempts: Attempts,
}

impl<T> ResponseValue<T> {
    /// Bundles a value with its response metadata, as from a single attempt (useful for mocks
    /// in users' tests).
    pub fn new(value: T, status: StatusCode, headers: HeaderMap) -> Self {
        ResponseValue { value, status, headers, attempts: Attempts::default() }
    }

    /// The same, with the attempts that led to it.
    pub(crate) fn with_attempts(mut self, attempts: Attempts) -> Self {
        self.attempts = attempts;
        self
    }

    /// How many times the request went on the wire (1 unless it was retried).
    pub fn attempts(&self) -> u32 {
        self.attempts.count()
    }

    /// Why and after how long each retry happened (empty when the first attempt succeeded).
    pub fn retries(&self) -> &[Retry] {
        self.attempts.retries()
    }

    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The HTTP status (always 2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Value, status and headers.
    pub fn into_parts(self) -> (T, StatusCode, HeaderMap) {
        (self.value, self.status, self.headers)
    }

    /// Transforms the value, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue { value: f(self.value), status: self.status, headers: self.headers, attempts: self.attempts }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for ResponseValue<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename = "result")]
    struct Outcome {
        #[serde(rename = "code")]
        code: u32,
    }

    #[test]
    fn decodes_each_format() {
        let xml: Outcome = Format::Xml.decode(b"<result><code>7</code></result>").expect("xml");
        assert_eq!(xml, Outcome { code: 7 });
        let json: Outcome = Format::Json.decode(br#"{"code": 8}"#).expect("json");
        assert_eq!(json, Outcome { code: 8 });
        let form: Outcome = Format::Form.decode(b"code=9").expect("form");
        assert_eq!(form, Outcome { code: 9 });
        let text: String = Format::Text.decode(b" Subscriber created\n").expect("text");
        assert_eq!(text, " Subscriber created\n");
        let unit: () = Format::Empty.decode(b"ignored <junk>").expect("empty");
        assert_eq!(unit, ());
    }

    #[test]
    fn empty_body_for_structured_formats() {
        let err = Format::Xml.decode::<Outcome>(b"").unwrap_err();
        assert_eq!(err.to_string(), "invalid XML: empty body");
        assert_eq!(err.kind(), DecodeErrorKind::Empty);
        let err = Format::Json.decode::<Outcome>(b"  \n").unwrap_err();
        assert_eq!(err.to_string(), "invalid JSON: empty body");
        let none: Option<Outcome> = Format::Xml.decode(b"").expect("option");
        assert_eq!(none, None);
        let unit: () = Format::Json.decode(b"").expect("unit");
        assert_eq!(unit, ());
    }

    #[test]
    fn text_rejects_invalid_utf8_and_non_string_targets() {
        let err = Format::Text.decode::<String>(b"\xff").unwrap_err();
        assert_eq!(err.format(), Format::Text);
        assert_eq!(err.kind(), DecodeErrorKind::Encoding);
        assert!(err.message().contains("not UTF-8"), "{err}");
        let err = Format::Text.decode::<u32>(b"12").unwrap_err();
        assert!(err.message().contains("invalid type"), "{err}");
        let err = Format::Empty.decode::<String>(b"x").unwrap_err();
        assert_eq!(err.format(), Format::Empty);
    }

    #[test]
    fn content_type_must_fit_the_format() {
        for (format, content_type, accepted) in [
            (Format::Xml, None, true),
            (Format::Xml, Some("application/xml; charset=utf-8"), true),
            (Format::Xml, Some("Text/XML"), true),
            (Format::Xml, Some("application/soap+xml"), true),
            (Format::Xml, Some("text/plain"), true),
            (Format::Xml, Some("text/html; charset=utf-8"), false),
            (Format::Xml, Some("application/json"), false),
            (Format::Json, Some("application/json"), true),
            (Format::Json, Some("application/problem+json"), true),
            (Format::Json, Some("application/xml"), false),
            (Format::Json, Some("text/html"), false),
            (Format::Text, Some("text/html"), true),
            (Format::Form, Some("text/html"), true),
            (Format::Empty, Some("image/png"), true),
        ] {
            assert_eq!(format.accepts_content_type(content_type), accepted, "{format} {content_type:?}");
        }
    }

    #[test]
    fn accept_header_by_format() {
        assert_eq!(Format::Xml.accept(), "application/xml");
        assert_eq!(Format::Json.accept(), "application/json");
        assert_eq!(Format::Text.accept(), "*/*");
    }

    #[test]
    fn response_value_accessors() {
        let mut headers = HeaderMap::new();
        headers.insert("x-id", http::HeaderValue::from_static("42"));
        let value = ResponseValue::new(5u8, StatusCode::CREATED, headers);
        assert_eq!(*value, 5);
        assert_eq!(value.status(), StatusCode::CREATED);
        assert_eq!(value.headers().get("x-id").and_then(|v| v.to_str().ok()), Some("42"));
        let mapped = value.map(|v| u32::from(v) * 2);
        assert_eq!(mapped.status(), StatusCode::CREATED);
        assert_eq!(mapped.attempts(), 1);
        assert!(mapped.retries().is_empty());
        let (inner, status, headers) = mapped.into_parts();
        assert_eq!((inner, status, headers.len()), (10, StatusCode::CREATED, 1));
    }
}

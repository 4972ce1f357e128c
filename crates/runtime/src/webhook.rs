//! Parsing incoming webhook payloads (Tango calling you).
//!
//! Framework-agnostic: pass the raw body and the `Authorization` header value from whatever HTTP
//! server receives the webhook. The key is checked before the body is parsed.

use serde::de::DeserializeOwned;

use crate::codec;
use crate::credentials::Token;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::response::Format;

/// Why a webhook request was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A key is expected and the `Authorization` header is missing, not `Bearer <key>`, or holds
    /// another key. Answer 401.
    #[error("webhook request is not authorized")]
    Unauthorized,
    /// The body is not a valid payload. Answer 400.
    #[error("invalid webhook payload: {0}")]
    Decode(#[source] DecodeError),
}

/// Parses a JSON webhook body. When `expected_key` is `Some`, `authorization` must be
/// `Bearer <key>` (scheme case-insensitive, compared in constant time) or the result is
/// [`WebhookError::Unauthorized`].
pub fn parse_json<T: DeserializeOwned>(
    body: &[u8],
    authorization: Option<&str>,
    expected_key: Option<&Token>,
) -> Result<T, WebhookError> {
    authorize(authorization, expected_key)?;
    codec::decode_json(body).map_err(WebhookError::Decode)
}

/// Parses an XML webhook body; authorization as in [`parse_json`].
pub fn parse_xml<T: DeserializeOwned>(
    body: &[u8],
    authorization: Option<&str>,
    expected_key: Option<&Token>,
) -> Result<T, WebhookError> {
    authorize(authorization, expected_key)?;
    let text = std::str::from_utf8(body).map_err(|e| {
        WebhookError::Decode(DecodeError::with_kind(
            Format::Xml,
            DecodeErrorKind::Encoding,
            format!("body is not UTF-8: {e}"),
        ))
    })?;
    codec::decode_xml(text).map_err(WebhookError::Decode)
}

fn authorize(authorization: Option<&str>, expected_key: Option<&Token>) -> Result<(), WebhookError> {
    let Some(expected) = expected_key else {
        return Ok(());
    };
    let presented = authorization
        .map(str::trim)
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key.trim())
        .ok_or(WebhookError::Unauthorized)?;
    if expected.matches(presented) { Ok(()) } else { Err(WebhookError::Unauthorized) }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Event {
        #[serde(rename = "event")]
        event: String,
        #[serde(rename = "msisdn")]
        msisdn: String,
    }

    const BODY: &[u8] = br#"{"event": "activated", "msisdn": "15550001"}"#;

    fn key() -> Token {
        Token::new("hook-key-123")
    }

    #[test]
    fn good_key_parses_body() {
        let event: Event = parse_json(BODY, Some("Bearer hook-key-123"), Some(&key())).expect("authorized");
        assert_eq!(event, Event { event: "activated".into(), msisdn: "15550001".into() });
        let event: Event = parse_json(BODY, Some("  bearer hook-key-123 "), Some(&key())).expect("case");
        assert_eq!(event.msisdn, "15550001");
    }

    #[test]
    fn wrong_or_malformed_key_is_unauthorized() {
        for header in
            ["Bearer hook-key-124", "Bearer hook-key-1234", "Bearer ", "Basic hook-key-123", "hook-key-123", ""]
        {
            let err = parse_json::<Event>(BODY, Some(header), Some(&key())).unwrap_err();
            assert!(matches!(err, WebhookError::Unauthorized), "{header:?}: {err:?}");
        }
    }

    #[test]
    fn missing_header_is_unauthorized_when_a_key_is_expected() {
        let err = parse_json::<Event>(BODY, None, Some(&key())).unwrap_err();
        assert!(matches!(err, WebhookError::Unauthorized), "{err:?}");
        assert_eq!(err.to_string(), "webhook request is not authorized");
        // No key configured: anything goes.
        let event: Event = parse_json(BODY, None, None).expect("no key expected");
        assert_eq!(event.event, "activated");
    }

    #[test]
    fn key_is_checked_before_the_body() {
        let err = parse_json::<Event>(b"not json", Some("Bearer nope"), Some(&key())).unwrap_err();
        assert!(matches!(err, WebhookError::Unauthorized), "{err:?}");
    }

    #[test]
    fn bad_json_is_a_decode_error() {
        let err = parse_json::<Event>(br#"{"event": 1"#, Some("Bearer hook-key-123"), Some(&key())).unwrap_err();
        let WebhookError::Decode(decode) = &err else {
            panic!("expected decode error, got {err:?}");
        };
        assert_eq!(decode.format(), Format::Json);
        assert!(err.to_string().starts_with("invalid webhook payload: invalid JSON"), "{err}");
    }

    #[test]
    fn xml_payloads() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Notice {
            #[serde(rename = "@id")]
            id: u32,
            #[serde(rename = "status")]
            status: String,
        }
        let notice: Notice =
            parse_xml(br#"<notice id="9"><status>ok</status></notice>"#, Some("Bearer hook-key-123"), Some(&key()))
                .expect("parses");
        assert_eq!(notice, Notice { id: 9, status: "ok".into() });
        let err = parse_xml::<Notice>(b"\xff", None, None).unwrap_err();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
        let err = parse_xml::<Notice>(b"<notice>", None, None).unwrap_err();
        assert!(matches!(&err, WebhookError::Decode(d) if d.format() == Format::Xml), "{err:?}");
    }
}

//! Encoding request bodies and decoding documents: XML, JSON and form data.
//!
//! Generated code uses these to build a [`RequestBody`](crate::RequestBody); the
//! [`Client`](crate::Client) uses the same decoders for responses, so a body that round-trips here
//! round-trips on the wire.

use serde::Serialize;
use serde::de::DeserializeOwned;
use url::form_urlencoded;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::request::Param;
use crate::response::Format;

/// A value that could not be encoded or a document that could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodecError {
    /// Serialization failed, e.g. a map key that XML cannot express or a nested struct in a form.
    #[error("cannot encode {format}: {message}")]
    Encode {
        /// The target format.
        format: Format,
        /// The serializer's reason.
        message: String,
    },
    /// Deserialization failed.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

fn encode_error(format: Format, error: impl std::fmt::Display) -> CodecError {
    CodecError::Encode { format, message: error.to_string() }
}

/// Serializes `value` as an XML document without declaration; the root element's name comes from
/// the type's name or its `#[serde(rename = "...")]`.
///
/// A carriage return in a value is written as `&#13;`: written raw, any conformant parser on the
/// server would turn it into a line feed (XML 1.0 §2.11), while a character reference survives.
pub fn to_xml<T: Serialize>(value: &T) -> Result<String, CodecError> {
    let xml = quick_xml::se::to_string(value).map_err(|e| encode_error(Format::Xml, e))?;
    // quick-xml writes no CDATA, comments or indentation, so a CR can only be inside a value.
    Ok(if xml.contains('\r') { xml.replace('\r', "&#13;") } else { xml })
}

/// Deserializes an XML document (a leading byte-order mark is ignored; the root's name is not
/// checked). A document with a DOCTYPE is refused ([`DecodeErrorKind::Refused`]): entities are
/// never declared, expanded or fetched, so "billion laughs" and external entities cannot cost
/// memory or reach the network.
pub fn from_xml<T: DeserializeOwned>(text: &str) -> Result<T, CodecError> {
    Ok(decode_xml(text)?)
}

/// Serializes `value` as compact JSON.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    serde_json::to_vec(value).map_err(|e| encode_error(Format::Json, e))
}

/// Deserializes a JSON document.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    Ok(decode_json(bytes)?)
}

/// Serializes a flat struct (or sequence of pairs) into form fields, in field order. The params
/// are not secret; add token fields with [`Param::secret`].
pub fn to_form<T: Serialize>(value: &T) -> Result<Vec<Param>, CodecError> {
    let encoded = serde_html_form::to_string(value).map_err(|e| encode_error(Format::Form, e))?;
    Ok(form_urlencoded::parse(encoded.as_bytes())
        .map(|(name, value)| Param::new(name.into_owned(), value.into_owned()))
        .collect())
}

/// Renders form fields as `application/x-www-form-urlencoded` text, the inverse of [`to_form`]. Secret
/// values are written as they are: this is the wire text, not a log line.
pub fn form_string(params: &[Param]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for param in params {
        serializer.append_pair(&param.name, &param.value);
    }
    serializer.finish()
}

/// Deserializes `application/x-www-form-urlencoded` text into a flat struct.
pub fn from_form<T: DeserializeOwned>(text: &str) -> Result<T, CodecError> {
    Ok(decode_form(text.as_bytes())?)
}

pub(crate) fn decode_xml<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    crate::xml_safety::decode(text)
}

pub(crate) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let kind = match e.classify() {
            serde_json::error::Category::Data => DecodeErrorKind::Data,
            serde_json::error::Category::Io
            | serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof => DecodeErrorKind::Syntax,
        };
        DecodeError::with_kind(Format::Json, kind, e.to_string())
    })
}

pub(crate) fn decode_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    serde_html_form::from_bytes(bytes).map_err(|e| DecodeError::new(Format::Form, e.to_string()))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::testing::xml_equivalent;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    #[serde(rename = "createSubscriber")]
    struct CreateSubscriber {
        #[serde(rename = "@version")]
        version: String,
        #[serde(rename = "token")]
        token: String,
        #[serde(rename = "msisdn", default, skip_serializing_if = "Vec::is_empty")]
        msisdn: Vec<String>,
    }

    fn sample() -> CreateSubscriber {
        CreateSubscriber { version: "2".into(), token: "a&b".into(), msisdn: vec!["0155".into(), "0166".into()] }
    }

    #[test]
    fn xml_round_trip_uses_rename_as_root() {
        let xml = to_xml(&sample()).expect("encodes");
        assert_eq!(
            xml,
            r#"<createSubscriber version="2"><token>a&amp;b</token><msisdn>0155</msisdn><msisdn>0166</msisdn></createSubscriber>"#
        );
        let back: CreateSubscriber = from_xml(&xml).expect("decodes");
        assert_eq!(back, sample());
        let with_bom = format!("\u{feff}<?xml version=\"1.0\"?>\n{xml}");
        let back: CreateSubscriber = from_xml(&with_bom).expect("decodes with BOM");
        assert_eq!(back, sample());
        assert_eq!(xml_equivalent(&xml, &with_bom), Ok(()));
    }

    #[test]
    fn xml_carriage_returns_survive_a_conformant_parser() {
        let value = CreateSubscriber { version: "a\rb".into(), token: "x\r\ny".into(), msisdn: vec![] };
        let xml = to_xml(&value).expect("encodes");
        assert_eq!(xml, "<createSubscriber version=\"a&#13;b\"><token>x&#13;\ny</token></createSubscriber>");
        assert_eq!(from_xml::<CreateSubscriber>(&xml).expect("decodes"), value);
    }

    #[test]
    fn xml_decode_error_is_typed() {
        let err = from_xml::<CreateSubscriber>("<createSubscriber version=\"2\"><token>").unwrap_err();
        let CodecError::Decode(decode) = &err else {
            panic!("expected decode error, got {err:?}");
        };
        assert_eq!(decode.format(), Format::Xml);
        assert_eq!(decode.kind(), DecodeErrorKind::Syntax);
        assert!(err.to_string().starts_with("invalid XML: "), "{err}");
    }

    #[test]
    fn json_round_trip() {
        #[derive(Debug, Serialize, Deserialize, PartialEq)]
        struct Command {
            #[serde(rename = "resellerToken")]
            reseller_token: String,
            #[serde(rename = "count")]
            count: u32,
        }
        let value = Command { reseller_token: "t".into(), count: 3 };
        let bytes = to_json(&value).expect("encodes");
        assert_eq!(bytes, br#"{"resellerToken":"t","count":3}"#);
        assert_eq!(from_json::<Command>(&bytes).expect("decodes"), value);
        let err = from_json::<Command>(b"{\"count\": \"x\"}").unwrap_err();
        assert!(err.to_string().starts_with("invalid JSON: "), "{err}");
        assert!(matches!(&err, CodecError::Decode(d) if d.kind() == DecodeErrorKind::Data), "{err:?}");
        let err = from_json::<Command>(b"{\"count\": 3").unwrap_err();
        assert!(matches!(&err, CodecError::Decode(d) if d.kind() == DecodeErrorKind::Syntax), "{err:?}");
    }

    #[test]
    fn form_round_trip_and_nested_rejection() {
        #[derive(Debug, Serialize, Deserialize, PartialEq)]
        struct Lookup {
            #[serde(rename = "msisdn")]
            msisdn: String,
            #[serde(rename = "page", skip_serializing_if = "Option::is_none")]
            page: Option<u32>,
        }
        let value = Lookup { msisdn: "+1 555".into(), page: Some(2) };
        let params = to_form(&value).expect("encodes");
        assert_eq!(params, vec![Param::new("msisdn", "+1 555"), Param::new("page", "2")]);
        assert!(params.iter().all(|p| !p.secret));
        let back: Lookup = from_form("msisdn=%2B1+555&page=2").expect("decodes");
        assert_eq!(back, value);

        #[derive(Serialize)]
        struct Nested {
            inner: Lookup,
        }
        let err = to_form(&Nested { inner: value }).unwrap_err();
        assert!(matches!(&err, CodecError::Encode { format: Format::Form, .. }), "{err:?}");
    }
}

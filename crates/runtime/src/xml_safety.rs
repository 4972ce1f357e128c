//! Decoding XML from servers we do not control.
//!
//! quick-xml never fetches anything and only knows the five predefined entities, but it would
//! happily read past a DOCTYPE. We refuse DOCTYPEs outright, so an entity declaration ("billion
//! laughs", external `SYSTEM` entities) is an error before anything could be expanded; an entity
//! reference without a declaration is a syntax error. Nesting is capped by quick-xml's recursion
//! limit (128), so the stack stays bounded, and the body itself is capped by the client.

use std::cell::Cell;
use std::rc::Rc;

use quick_xml::DeError;
use quick_xml::de::{Deserializer, EntityResolver};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::BytesText;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::response::Format;

/// Why a DOCTYPE stopped the decoder.
#[derive(Debug, thiserror::Error)]
#[error("DOCTYPE declarations are refused")]
struct DoctypeRefused;

/// Refuses every DOCTYPE and resolves only predefined entities. `seen` tells the caller that the
/// failure came from here (quick-xml reports it as a custom error).
struct RefuseDoctype {
    seen: Rc<Cell<bool>>,
}

impl EntityResolver for RefuseDoctype {
    type Error = DoctypeRefused;

    fn capture(&mut self, _doctype: BytesText) -> Result<(), DoctypeRefused> {
        self.seen.set(true);
        Err(DoctypeRefused)
    }

    fn resolve(&self, entity: &str) -> Option<&str> {
        resolve_predefined_entity(entity)
    }
}

/// Deserializes `text` (a leading byte-order mark is ignored), refusing DOCTYPEs.
pub(crate) fn decode<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doctype_seen = Rc::new(Cell::new(false));
    let mut deserializer = Deserializer::from_str_with_resolver(text, RefuseDoctype { seen: doctype_seen.clone() });
    T::deserialize(&mut deserializer).map_err(|error| {
        if doctype_seen.get() {
            return DecodeError::with_kind(
                Format::Xml,
                DecodeErrorKind::Refused,
                "DOCTYPE declarations are refused (entities are never expanded or fetched)",
            );
        }
        DecodeError::with_kind(Format::Xml, kind(&error), error.to_string())
    })
}

fn kind(error: &DeError) -> DecodeErrorKind {
    match error {
        DeError::InvalidXml(_) | DeError::UnexpectedEof => DecodeErrorKind::Syntax,
        DeError::TooDeeplyNested(_) | DeError::TooManyEvents(_) => DecodeErrorKind::Refused,
        _ => DecodeErrorKind::Data,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Doc {
        #[serde(rename = "value", default)]
        value: String,
    }

    fn refused(text: &str) -> DecodeError {
        let err = decode::<Doc>(text).expect_err("refused");
        assert_eq!(err.kind(), DecodeErrorKind::Refused, "{err}");
        err
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for level in 1..10 {
            let previous = if level == 1 { "lol".to_owned() } else { format!("lol{}", level - 1) };
            doc.push_str(&format!(" <!ENTITY lol{level} \"{}\">\n", format!("&{previous};").repeat(10)));
        }
        doc.push_str("]>\n<doc><value>&lol9;</value></doc>");
        let err = refused(&doc);
        assert_eq!(
            err.to_string(),
            "invalid XML: DOCTYPE declarations are refused (entities are never expanded or fetched)"
        );
    }

    #[test]
    fn external_entities_are_refused() {
        refused(r#"<!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><doc><value>&xxe;</value></doc>"#);
        refused(r#"<!DOCTYPE doc SYSTEM "http://127.0.0.1:9/doc.dtd"><doc><value>x</value></doc>"#);
        // Into a type that ignores everything, too.
        let err = decode::<()>("<!DOCTYPE doc><doc/>").expect_err("refused");
        assert_eq!(err.kind(), DecodeErrorKind::Refused);
    }

    #[test]
    fn undeclared_entities_are_syntax_errors_and_predefined_ones_work() {
        let err = decode::<Doc>("<doc><value>&lol;</value></doc>").expect_err("unknown entity");
        assert_eq!(err.kind(), DecodeErrorKind::Syntax, "{err}");
        let doc: Doc = decode("\u{feff}<doc><value>&lt;a&gt; &amp; &#x41;&#66;</value></doc>").expect("decodes");
        assert_eq!(doc.value, "<a> & AB");
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        #[derive(Debug, Deserialize)]
        struct Node {
            #[serde(rename = "n", default)]
            _n: Option<Box<Node>>,
        }
        let depth = 100_000;
        let doc = format!("{}{}", "<n>".repeat(depth), "</n>".repeat(depth));
        let err = decode::<Node>(&doc).expect_err("too deep");
        assert_eq!(err.kind(), DecodeErrorKind::Refused, "{err}");
        // Unknown elements are skipped, however deep.
        let doc = format!("<doc><value>v</value>{}{}</doc>", "<x>".repeat(depth), "</x>".repeat(depth));
        assert_eq!(decode::<Doc>(&doc).map(|d| d.value), Ok("v".to_owned()));
    }

    #[test]
    fn malformed_and_mismatched_documents() {
        let err = decode::<Doc>("<doc><value>x</doc>").expect_err("mismatched tags");
        assert_eq!(err.kind(), DecodeErrorKind::Syntax, "{err}");
        let err = decode::<Doc>("<doc><value>x").expect_err("truncated");
        assert_eq!(err.kind(), DecodeErrorKind::Syntax, "{err}");
        #[derive(Debug, Deserialize)]
        struct Count {
            #[serde(rename = "n")]
            _n: u32,
        }
        let err = decode::<Count>("<c><n>many</n></c>").expect_err("not a number");
        assert_eq!(err.kind(), DecodeErrorKind::Data, "{err}");
    }
}

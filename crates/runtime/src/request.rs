//! The request description the generated code hands to [`Client::execute`](crate::Client::execute).

use std::borrow::Cow;
use std::fmt;

use http::Method;
use url::form_urlencoded;

use crate::credentials::Token;
use crate::redact::REDACTED;

/// One API call, built by generated code.
#[derive(Debug, Clone)]
pub struct Call {
    /// The operation's name, e.g. `"subscribers::create_subscriber"` (for errors and logs).
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path as documented, e.g. `"/api/subscribers/:id"` (for errors and logs).
    pub path_template: &'static str,
    /// The concrete path, each segment already percent-encoded, starting with `/`. It is appended
    /// to the environment's base URL path.
    pub path: String,
    /// Query parameters, in order.
    pub query: Vec<Param>,
    /// Extra headers. `Content-Type` (from the body) and `Accept` (from the success format) are set
    /// by the client; a header of the same name here replaces them.
    pub headers: Vec<Param>,
    /// The request body.
    pub body: RequestBody,
    /// The operation is safe to repeat even though its method is not (codegen settings mark such
    /// POSTs). GET, HEAD, PUT, DELETE, OPTIONS and TRACE are always retryable; a POST or PATCH is
    /// retried only when this is true.
    pub idempotent: bool,
}

impl Call {
    /// A call with no query, no extra headers and no body, not marked idempotent.
    pub fn new(operation: &'static str, method: Method, path_template: &'static str, path: impl Into<String>) -> Call {
        Call {
            operation,
            method,
            path_template,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: RequestBody::Empty,
            idempotent: false,
        }
    }

    /// Marks the call as safe (or not) to repeat whatever its method.
    pub fn with_idempotent(mut self, idempotent: bool) -> Call {
        self.idempotent = idempotent;
        self
    }

    /// Appends a query parameter.
    pub fn with_query(mut self, param: Param) -> Call {
        self.query.push(param);
        self
    }

    /// Appends an extra header.
    pub fn with_header(mut self, param: Param) -> Call {
        self.headers.push(param);
        self
    }

    /// Sets the body.
    pub fn with_body(mut self, body: RequestBody) -> Call {
        self.body = body;
        self
    }
}

/// A name/value pair for a query string, header or form body.
///
/// A secret param's value is sent as is but never shown: `Debug` redacts it and URLs in errors
/// render it as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Param {
    /// The wire name.
    pub name: Cow<'static, str>,
    /// The value, unencoded.
    pub value: String,
    /// Whether the value is a credential.
    pub secret: bool,
}

impl Param {
    /// A plain (non-secret) param.
    pub fn new(name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Param {
        Param { name: name.into(), value: value.into(), secret: false }
    }

    /// A param carrying `token`; its value is redacted everywhere it is displayed.
    pub fn secret(name: impl Into<Cow<'static, str>>, token: &Token) -> Param {
        Param { name: name.into(), value: token.expose_secret().to_owned(), secret: true }
    }
}

impl fmt::Debug for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Param");
        debug.field("name", &self.name);
        if self.secret {
            debug.field("value", &format_args!("{REDACTED}"));
        } else {
            debug.field("value", &self.value);
        }
        debug.field("secret", &self.secret).finish()
    }
}

/// A request body. Its `Debug` shows only the kind and size: XML and JSON bodies often carry a
/// token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestBody {
    /// No body.
    Empty,
    /// An XML document, sent as `application/xml`.
    Xml(String),
    /// A JSON document, sent as `application/json`.
    Json(Vec<u8>),
    /// Form fields, sent as `application/x-www-form-urlencoded`.
    Form(Vec<Param>),
    /// Any other text with its content type.
    Text {
        /// The `Content-Type` header value.
        content_type: &'static str,
        /// The body.
        text: String,
    },
}

impl RequestBody {
    /// The `Content-Type` this body is sent with.
    pub fn content_type(&self) -> Option<&'static str> {
        match self {
            RequestBody::Empty => None,
            RequestBody::Xml(_) => Some("application/xml"),
            RequestBody::Json(_) => Some("application/json"),
            RequestBody::Form(_) => Some("application/x-www-form-urlencoded"),
            RequestBody::Text { content_type, .. } => Some(content_type),
        }
    }

    /// The bytes sent on the wire.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        match self {
            RequestBody::Empty => Vec::new(),
            RequestBody::Xml(text) | RequestBody::Text { text, .. } => text.as_bytes().to_vec(),
            RequestBody::Json(bytes) => bytes.clone(),
            RequestBody::Form(params) => encode_form(params).into_bytes(),
        }
    }

    /// The secret values carried by form params.
    pub(crate) fn secret_values(&self) -> impl Iterator<Item = &str> {
        let params = match self {
            RequestBody::Form(params) => params.as_slice(),
            _ => &[],
        };
        params.iter().filter(|p| p.secret).map(|p| p.value.as_str())
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestBody::Empty => f.write_str("Empty"),
            RequestBody::Xml(text) => write!(f, "Xml({} bytes)", text.len()),
            RequestBody::Json(bytes) => write!(f, "Json({} bytes)", bytes.len()),
            RequestBody::Form(params) => write!(f, "Form({} fields)", params.len()),
            RequestBody::Text { content_type, text } => {
                write!(f, "Text({content_type}, {} bytes)", text.len())
            }
        }
    }
}

/// `application/x-www-form-urlencoded` serialization of `params`, in order.
pub(crate) fn encode_form(params: &[Param]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for param in params {
        serializer.append_pair(&param.name, &param.value);
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret_token() -> Token {
        Token::new("tok-SECRET-1")
    }

    #[test]
    fn param_debug_redacts_secret_values() {
        let secret = Param::secret("ResellerToken", &secret_token());
        let debug = format!("{secret:?}");
        assert!(!debug.contains("tok-SECRET-1"), "{debug}");
        assert_eq!(debug, r#"Param { name: "ResellerToken", value: <redacted>, secret: true }"#);
        assert_eq!(secret.value, "tok-SECRET-1");
        let plain = Param::new("msisdn", "15551234567");
        assert!(format!("{plain:?}").contains("15551234567"));
    }

    #[test]
    fn body_debug_shows_kind_and_size_only() {
        let xml = RequestBody::Xml("<a><token>tok-SECRET-1</token></a>".into());
        assert_eq!(format!("{xml:?}"), "Xml(34 bytes)");
        let form = RequestBody::Form(vec![Param::secret("token", &secret_token())]);
        assert_eq!(format!("{form:?}"), "Form(1 fields)");
        let text = RequestBody::Text { content_type: "text/xml", text: "tok-SECRET-1".into() };
        assert_eq!(format!("{text:?}"), "Text(text/xml, 12 bytes)");
        let call = Call::new("op", Method::POST, "/x", "/x")
            .with_query(Param::secret("token", &secret_token()))
            .with_body(xml);
        let debug = format!("{call:?}");
        assert!(!debug.contains("tok-SECRET-1"), "{debug}");
    }

    #[test]
    fn form_encoding_keeps_order_and_escapes() {
        let body = RequestBody::Form(vec![Param::new("b", "x y&z"), Param::secret("a", &Token::new("t=1"))]);
        assert_eq!(body.to_bytes(), b"b=x+y%26z&a=t%3D1");
        assert_eq!(body.secret_values().collect::<Vec<_>>(), vec!["t=1"]);
        assert_eq!(body.content_type(), Some("application/x-www-form-urlencoded"));
        assert_eq!(RequestBody::Empty.content_type(), None);
        assert!(RequestBody::Empty.to_bytes().is_empty());
    }
}

/// Characters left as they are in a path segment: RFC 3986 unreserved characters. Everything else,
/// `/`, `?`, `#` and `%` included, is percent-encoded, so a parameter can never add a segment or a query.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a path parameter value as one path segment.
pub fn encode_path_segment(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}

#[cfg(test)]
mod segment_tests {
    use super::encode_path_segment;

    #[test]
    fn path_parameters_cannot_escape_their_segment() {
        assert_eq!(encode_path_segment("+14155550100"), "%2B14155550100");
        assert_eq!(encode_path_segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
        assert_eq!(encode_path_segment("ok-1.2_~"), "ok-1.2_~");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }
}

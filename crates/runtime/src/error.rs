//! Typed errors: configuration, per-call failures, decoding.

use std::fmt;

use http::{HeaderMap, StatusCode};

use crate::credentials::TokenKind;
use crate::response::Format;

/// A body that did not decode in the expected [`Format`].
///
/// Display: `invalid XML: <reason>` (or JSON, form data, text, empty body).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {format}: {message}")]
pub struct DecodeError {
    format: Format,
    message: String,
}

impl DecodeError {
    /// A decode failure in `format`, with the decoder's reason.
    pub fn new(format: Format, message: impl Into<String>) -> Self {
        DecodeError { format, message: message.into() }
    }

    /// The format that failed.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The decoder's reason.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A client that could not be configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The base URL is not an absolute http(s) URL usable as a prefix.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The rejected URL (user info removed).
        url: String,
        /// Why it was rejected.
        reason: String,
    },
    /// Neither `TANGO_DISTRIBUTOR_TOKEN` nor `TANGO_RESELLER_TOKEN` is set.
    #[error("no credentials: set TANGO_DISTRIBUTOR_TOKEN and/or TANGO_RESELLER_TOKEN")]
    MissingCredentials,
    /// An environment variable holds something other than Unicode text.
    #[error("environment variable {name} is not valid Unicode")]
    InvalidEnvVar {
        /// The variable's name.
        name: &'static str,
    },
    /// A configured header value (such as the user agent) is not a valid header value.
    #[error("invalid value for header `{name}`")]
    InvalidHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The HTTP client could not be built (for example the TLS backend failed to initialise).
    #[error("cannot build HTTP client")]
    Http(#[source] reqwest::Error),
}

/// The failure of one API call.
///
/// `E` is the operation's typed error body (decoded from 4xx/5xx responses). Every variant names
/// the operation; variants with a response name the status and the URL, rendered with secret query
/// values replaced by `<redacted>`. No variant's `Display` or `Debug` shows a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E = ()> {
    /// A credential the operation needs is not configured.
    #[error("{operation}: no {kind} token configured")]
    MissingCredential {
        /// The operation, e.g. `subscribers::create_subscriber`.
        operation: &'static str,
        /// The kind of token it needs.
        kind: TokenKind,
    },
    /// The request could not be built (serialization failed, bad header value...).
    #[error("{operation}: invalid request: {message}")]
    InvalidRequest {
        /// The operation.
        operation: &'static str,
        /// What was wrong.
        message: String,
    },
    /// Connect/IO/TLS failure or timeout; no (complete) response.
    #[error("{operation}: request to {url} {}", transport_outcome(*.timeout, .source))]
    Transport {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// True when the configured timeout (connect or total) elapsed.
        timeout: bool,
        /// The transport error (carries no URL).
        source: reqwest::Error,
    },
    /// A non-2xx response.
    #[error("{operation}: HTTP {status} from {url}{}", message_suffix(message))]
    Api {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// The response status.
        status: StatusCode,
        /// The body as text, bounded to 4 KiB, secrets scrubbed.
        message: String,
        /// The typed error body, when the operation's error format decoded it (boxed, like the
        /// headers, to keep `Result<T, Error<E>>` small).
        body: Option<Box<E>>,
        /// The response headers.
        headers: Box<HeaderMap>,
    },
    /// A 2xx response whose body did not decode into the expected type.
    #[error("{operation}: HTTP {status} from {url}: {source}; body starts: {snippet:?}")]
    Decode {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// The response status.
        status: StatusCode,
        /// Why decoding failed.
        source: DecodeError,
        /// The start of the body, bounded to 4 KiB, secrets scrubbed.
        snippet: String,
    },
    /// The response body exceeded the client's `max_response_bytes`; it was not read further.
    #[error("{operation}: HTTP {status} from {url}: body larger than {limit} bytes")]
    ResponseTooLarge {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// The response status.
        status: StatusCode,
        /// The configured limit in bytes.
        limit: u64,
    },
}

/// A short reason for `Display`; the full chain stays available through `source()`.
fn transport_outcome(timeout: bool, source: &reqwest::Error) -> &'static str {
    if timeout {
        "timed out"
    } else if source.is_connect() {
        "failed: could not connect"
    } else if source.is_body() || source.is_decode() {
        "failed while reading the response body"
    } else {
        "failed"
    }
}

/// `: message` for a non-empty server message, nothing otherwise.
fn message_suffix(message: &str) -> String {
    let message = message.trim();
    if message.is_empty() { String::new() } else { format!(": {message}") }
}

impl<E> Error<E> {
    /// An [`Error::InvalidRequest`], e.g. for a request body that failed to serialize.
    pub fn invalid_request(operation: &'static str, message: impl fmt::Display) -> Self {
        Error::InvalidRequest { operation, message: message.to_string() }
    }

    /// The response status, for variants that have a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } | Error::ResponseTooLarge { status, .. } => {
                Some(*status)
            }
            Error::MissingCredential { .. } | Error::InvalidRequest { .. } | Error::Transport { .. } => None,
        }
    }

    /// True for a 401 response (no or bad token).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// True when the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { timeout: true, .. })
    }

    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        match self {
            Error::MissingCredential { operation, .. }
            | Error::InvalidRequest { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Api { operation, .. }
            | Error::Decode { operation, .. }
            | Error::ResponseTooLarge { operation, .. } => operation,
        }
    }

    /// The request URL (secrets redacted), for variants that were sent.
    pub fn url(&self) -> Option<&str> {
        match self {
            Error::Transport { url, .. }
            | Error::Api { url, .. }
            | Error::Decode { url, .. }
            | Error::ResponseTooLarge { url, .. } => Some(url),
            Error::MissingCredential { .. } | Error::InvalidRequest { .. } => None,
        }
    }

    /// The typed error body of an [`Error::Api`], when it decoded.
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => body.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_operation_status_and_url() {
        let err: Error<()> = Error::Api {
            operation: "subscribers::get",
            url: "https://h/api/x?token=<redacted>".into(),
            status: StatusCode::BAD_REQUEST,
            message: " Subscriber not found\n".into(),
            body: None,
            headers: Box::default(),
        };
        assert_eq!(
            err.to_string(),
            "subscribers::get: HTTP 400 Bad Request from https://h/api/x?token=<redacted>: Subscriber not found"
        );
        assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
        assert_eq!(err.url(), Some("https://h/api/x?token=<redacted>"));
        assert!(!err.is_unauthorized());
        assert!(err.api_body().is_none());
    }

    #[test]
    fn display_of_other_variants() {
        let err: Error = Error::MissingCredential { operation: "op", kind: TokenKind::Reseller };
        assert_eq!(err.to_string(), "op: no reseller token configured");
        assert_eq!(err.status(), None);
        assert_eq!(err.url(), None);
        let err: Error = Error::invalid_request("op", "bad header");
        assert_eq!(err.to_string(), "op: invalid request: bad header");
        let err: Error = Error::Decode {
            operation: "op",
            url: "u".into(),
            status: StatusCode::OK,
            source: DecodeError::new(Format::Xml, "unexpected end"),
            snippet: "<a>".into(),
        };
        assert_eq!(err.to_string(), r#"op: HTTP 200 OK from u: invalid XML: unexpected end; body starts: "<a>""#);
        let err: Error =
            Error::ResponseTooLarge { operation: "op", url: "u".into(), status: StatusCode::UNAUTHORIZED, limit: 10 };
        assert_eq!(err.to_string(), "op: HTTP 401 Unauthorized from u: body larger than 10 bytes");
        assert!(err.is_unauthorized());
        assert_eq!(err.operation(), "op");
    }

    #[test]
    fn error_stays_small() {
        // clippy's result_large_err threshold; generated methods return Result<T, Error<E>>.
        assert!(std::mem::size_of::<Error<[u64; 32]>>() <= 128);
    }

    #[test]
    fn error_is_std_error_send_sync() {
        fn check<T: std::error::Error + Send + Sync + 'static>() {}
        check::<Error<()>>();
        check::<Error<String>>();
        check::<ConfigError>();
        check::<DecodeError>();
    }
}

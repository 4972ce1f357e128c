//! Typed errors: configuration, per-call failures, decoding.

use std::fmt;

use http::{HeaderMap, StatusCode};

use crate::credentials::TokenKind;
use crate::response::Format;
use crate::retry::{Attempts, Retry};

/// What kind of decoding failure a [`DecodeError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is empty (or whitespace) where a document was expected.
    Empty,
    /// The body is not UTF-8 text.
    Encoding,
    /// The body is not a well-formed document (malformed or truncated XML or JSON).
    Syntax,
    /// The document is well-formed but does not match the expected type (a missing field, a value
    /// of the wrong kind).
    Data,
    /// The document uses something refused for safety: a DOCTYPE (entity declarations, external
    /// entities) or nesting beyond the decoder's depth limit. Nothing was expanded or fetched.
    Refused,
}

/// A body that did not decode in the expected [`Format`].
///
/// Display: `invalid XML: <reason>` (or JSON, form data, text, empty body).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {format}: {message}")]
pub struct DecodeError {
    format: Format,
    kind: DecodeErrorKind,
    message: String,
}

impl DecodeError {
    /// A decode failure in `format` of kind [`DecodeErrorKind::Data`], with the decoder's reason.
    pub fn new(format: Format, message: impl Into<String>) -> Self {
        Self::with_kind(format, DecodeErrorKind::Data, message)
    }

    /// A decode failure of the given kind.
    pub fn with_kind(format: Format, kind: DecodeErrorKind, message: impl Into<String>) -> Self {
        DecodeError { format, kind, message: message.into() }
    }

    /// The format that failed.
    pub fn format(&self) -> Format {
        self.format
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
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
    /// The base URL is plain `http://` to a host that is not loopback: tokens would cross the
    /// network unencrypted. Use `https://`, or opt in with `ClientBuilder::allow_http`.
    #[error(
        "refusing plain-HTTP base URL `{url}`: use https (or ClientBuilder::allow_http(true) for a trusted network)"
    )]
    InsecureBaseUrl {
        /// The rejected URL.
        url: String,
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
/// values replaced by `<redacted>`. No variant's `Display` or `Debug` shows a token. Variants that
/// went on the wire carry the [`Attempts`] made (`Display` adds "after N attempts" when N > 1).
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
    #[error("{operation}: request to {url} {}{}", transport_outcome(*.timeout, .source), after(.attempts))]
    Transport {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// True when a timeout (connect, per attempt, or the total deadline) elapsed.
        timeout: bool,
        /// The transport error of the last attempt (carries no URL).
        source: reqwest::Error,
        /// The attempts made.
        attempts: Attempts,
    },
    /// A non-2xx response (after any retries).
    #[error("{operation}: HTTP {status} from {url}{}{}", after(.attempts), message_suffix(message))]
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
        /// The attempts made.
        attempts: Attempts,
    },
    /// A redirect to another origin (scheme, host or port) was refused: the request, and the
    /// token it carries, never went there. Same-origin redirects are followed.
    #[error("{operation}: HTTP {status} from {url}: refused to follow redirect to another origin: {location}")]
    Redirect {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// The redirect status (301, 302, 303, 307, 308).
        status: StatusCode,
        /// The `Location` it pointed to, secrets redacted.
        location: String,
        /// The attempts made.
        attempts: Attempts,
    },
    /// A 2xx response whose `Content-Type` is not the expected format (for example an HTML
    /// error page from a proxy where XML was expected).
    #[error(
        "{operation}: HTTP {status} from {url}: expected {expected}, got content type `{content_type}`; body starts: {snippet:?}"
    )]
    UnexpectedContentType {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// The response status.
        status: StatusCode,
        /// The format the operation expects.
        expected: Format,
        /// The `Content-Type` received (bounded).
        content_type: String,
        /// The start of the body, bounded to 4 KiB, secrets scrubbed.
        snippet: String,
        /// The attempts made.
        attempts: Attempts,
    },
    /// A 2xx response with an empty body where the operation expects a document.
    #[error("{operation}: HTTP {status} from {url}: empty body where {expected} was expected")]
    EmptyBody {
        /// The operation.
        operation: &'static str,
        /// The request URL, secrets redacted.
        url: String,
        /// The response status.
        status: StatusCode,
        /// The format the operation expects.
        expected: Format,
        /// The attempts made.
        attempts: Attempts,
    },
    /// A 2xx response whose body did not decode into the expected type: malformed XML or JSON,
    /// a refused DOCTYPE, or a document of the wrong shape (see [`DecodeError::kind`]).
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
        /// The attempts made.
        attempts: Attempts,
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
        /// The attempts made.
        attempts: Attempts,
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

/// ` after N attempts` when the call was retried, nothing otherwise.
fn after(attempts: &Attempts) -> String {
    match attempts.count() {
        0 | 1 => String::new(),
        n => format!(" after {n} attempts"),
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
            Error::Api { status, .. }
            | Error::Redirect { status, .. }
            | Error::UnexpectedContentType { status, .. }
            | Error::EmptyBody { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
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
            | Error::Redirect { operation, .. }
            | Error::UnexpectedContentType { operation, .. }
            | Error::EmptyBody { operation, .. }
            | Error::Decode { operation, .. }
            | Error::ResponseTooLarge { operation, .. } => operation,
        }
    }

    /// The request URL (secrets redacted), for variants that were sent.
    pub fn url(&self) -> Option<&str> {
        self.sent().map(|(url, _)| url)
    }

    /// How many times the request went on the wire: 0 when it was never sent (a missing
    /// credential, an invalid request).
    pub fn attempts(&self) -> u32 {
        self.sent().map_or(0, |(_, attempts)| attempts.count())
    }

    /// Why and after how long each retry happened (empty when the call was sent once or never).
    pub fn retries(&self) -> &[Retry] {
        self.sent().map_or(&[], |(_, attempts)| attempts.retries())
    }

    /// URL and attempts of the variants that went on the wire.
    fn sent(&self) -> Option<(&str, &Attempts)> {
        match self {
            Error::Transport { url, attempts, .. }
            | Error::Api { url, attempts, .. }
            | Error::Redirect { url, attempts, .. }
            | Error::UnexpectedContentType { url, attempts, .. }
            | Error::EmptyBody { url, attempts, .. }
            | Error::Decode { url, attempts, .. }
            | Error::ResponseTooLarge { url, attempts, .. } => Some((url, attempts)),
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
    use std::time::Duration;

    use super::*;
    use crate::retry::RetryReason;

    fn retried(times: u32) -> Attempts {
        let retries = (1..=times)
            .map(|attempt| Retry {
                attempt,
                reason: RetryReason::Status(StatusCode::SERVICE_UNAVAILABLE),
                delay: Duration::from_millis(1),
            })
            .collect();
        Attempts::from_retries(retries)
    }

    #[test]
    fn display_names_operation_status_and_url() {
        let err: Error<()> = Error::Api {
            operation: "subscribers::get",
            url: "https://h/api/x?token=<redacted>".into(),
            status: StatusCode::BAD_REQUEST,
            message: " Subscriber not found\n".into(),
            body: None,
            headers: Box::default(),
            attempts: Attempts::default(),
        };
        assert_eq!(
            err.to_string(),
            "subscribers::get: HTTP 400 Bad Request from https://h/api/x?token=<redacted>: Subscriber not found"
        );
        assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
        assert_eq!(err.url(), Some("https://h/api/x?token=<redacted>"));
        assert_eq!(err.attempts(), 1);
        assert!(err.retries().is_empty());
        assert!(!err.is_unauthorized());
        assert!(err.api_body().is_none());
    }

    #[test]
    fn display_counts_attempts_after_retries() {
        let err: Error<()> = Error::Api {
            operation: "subscribers::get",
            url: "https://h/x".into(),
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "busy".into(),
            body: None,
            headers: Box::default(),
            attempts: retried(2),
        };
        assert_eq!(
            err.to_string(),
            "subscribers::get: HTTP 503 Service Unavailable from https://h/x after 3 attempts: busy"
        );
        assert_eq!(err.attempts(), 3);
        assert_eq!(err.retries().len(), 2);
    }

    #[test]
    fn display_of_other_variants() {
        let err: Error = Error::MissingCredential { operation: "op", kind: TokenKind::Reseller };
        assert_eq!(err.to_string(), "op: no reseller token configured");
        assert_eq!(err.status(), None);
        assert_eq!(err.url(), None);
        assert_eq!(err.attempts(), 0);
        let err: Error = Error::invalid_request("op", "bad header");
        assert_eq!(err.to_string(), "op: invalid request: bad header");
        assert_eq!(err.attempts(), 0);
        let err: Error = Error::Decode {
            operation: "op",
            url: "u".into(),
            status: StatusCode::OK,
            source: DecodeError::with_kind(Format::Xml, DecodeErrorKind::Syntax, "unexpected end"),
            snippet: "<a>".into(),
            attempts: Attempts::default(),
        };
        assert_eq!(err.to_string(), r#"op: HTTP 200 OK from u: invalid XML: unexpected end; body starts: "<a>""#);
        let err: Error = Error::ResponseTooLarge {
            operation: "op",
            url: "u".into(),
            status: StatusCode::UNAUTHORIZED,
            limit: 10,
            attempts: Attempts::default(),
        };
        assert_eq!(err.to_string(), "op: HTTP 401 Unauthorized from u: body larger than 10 bytes");
        assert!(err.is_unauthorized());
        assert_eq!(err.operation(), "op");
        let err: Error = Error::Redirect {
            operation: "op",
            url: "https://h/x".into(),
            status: StatusCode::FOUND,
            location: "https://evil/x?token=<redacted>".into(),
            attempts: Attempts::default(),
        };
        assert_eq!(
            err.to_string(),
            "op: HTTP 302 Found from https://h/x: refused to follow redirect to another origin: https://evil/x?token=<redacted>"
        );
        let err: Error = Error::UnexpectedContentType {
            operation: "op",
            url: "u".into(),
            status: StatusCode::OK,
            expected: Format::Xml,
            content_type: "text/html".into(),
            snippet: "<html>".into(),
            attempts: Attempts::default(),
        };
        assert_eq!(
            err.to_string(),
            r#"op: HTTP 200 OK from u: expected XML, got content type `text/html`; body starts: "<html>""#
        );
        let err: Error = Error::EmptyBody {
            operation: "op",
            url: "u".into(),
            status: StatusCode::OK,
            expected: Format::Json,
            attempts: Attempts::default(),
        };
        assert_eq!(err.to_string(), "op: HTTP 200 OK from u: empty body where JSON was expected");
        assert_eq!(err.url(), Some("u"));
    }

    #[test]
    fn error_stays_small() {
        // clippy's result_large_err threshold; generated methods return Result<T, Error<E>>.
        assert!(std::mem::size_of::<Error<[u64; 32]>>() <= 128, "{}", std::mem::size_of::<Error<[u64; 32]>>());
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

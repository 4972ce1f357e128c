//! The HTTP client: builds requests from [`Call`]s, sends them with timeouts and retries, reads
//! and decodes responses.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::{Host, Url};

use crate::credentials::{Credentials, Token, TokenKind};
use crate::environment::Environment;
use crate::error::{ConfigError, DecodeErrorKind, Error};
use crate::redact::{Scrubber, body_snippet, bounded, looks_secret, render_url};
use crate::request::{Call, Param};
use crate::response::{Format, ResponseValue};
use crate::retry::{self, Attempts, Retry, RetryPolicy};
use crate::transport::{self, AttemptFailure, RawResponse};

/// Default total deadline for a call, retries and waits included.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default limit for one attempt (connect, send, headers and body).
const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default cap on a response body.
const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;
/// Default `User-Agent`.
const DEFAULT_USER_AGENT: &str = concat!("tango-runtime/", env!("CARGO_PKG_VERSION"));
/// Longest `Content-Type` value kept in an error.
const MAX_CONTENT_TYPE_IN_ERROR: usize = 200;

/// A Tango API client. Cheap to clone (shared connection pool); `Debug` shows the environment,
/// never tokens.
///
/// Every call runs in a `tracing` span named `tango_call` with the fields `operation`, `method`,
/// `path_template`, `url` (secrets redacted), `status`, `attempt` and `latency_ms`; retries are
/// logged at INFO with their reason and wait. No token appears in any field or message.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    environment: Environment,
    credentials: Credentials,
    settings: Settings,
}

/// What the client does per call.
#[derive(Debug, Clone)]
struct Settings {
    timeout: Duration,
    attempt_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: u64,
    check_content_type: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("environment", &self.inner.environment.name())
            .field("base_url", &self.inner.environment.base_url().as_str())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]; start with [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    environment: Environment,
    credentials: Credentials,
    connect_timeout: Duration,
    user_agent: String,
    allow_http: bool,
    settings: Settings,
}

impl ClientBuilder {
    /// Total deadline for a call: every attempt and every wait between attempts. Default 60 s.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.settings.timeout = d;
        self
    }

    /// Limit for one attempt: connecting, sending, and reading the headers and the whole body
    /// (so a server that trickles its body cannot hold a call forever). Default 30 s; never more
    /// than what is left of [`timeout`](Self::timeout).
    pub fn attempt_timeout(mut self, d: Duration) -> Self {
        self.settings.attempt_timeout = d;
        self
    }

    /// Timeout for establishing a connection (TCP and TLS). Default 10 s.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// When failed attempts are repeated; see [`RetryPolicy`]. Default [`RetryPolicy::default`]
    /// (3 attempts, 100 ms base delay, 5 s cap, full jitter). [`RetryPolicy::none`] disables
    /// retries.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.settings.retry = policy;
        self
    }

    /// The `User-Agent` header. Default `tango-runtime/<version>`.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// The largest response body read, in bytes; a larger one fails with
    /// [`Error::ResponseTooLarge`] instead of exhausting memory. Default 16 MiB.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.settings.max_response_bytes = limit;
        self
    }

    /// Whether a 2xx response must have a `Content-Type` fitting the expected format (XML or
    /// JSON; a missing type, `text/plain` and `application/octet-stream` pass), else
    /// [`Error::UnexpectedContentType`]. Default true.
    pub fn check_content_type(mut self, check: bool) -> Self {
        self.settings.check_content_type = check;
        self
    }

    /// Allows a plain `http://` base URL to a host that is not loopback. Default false:
    /// [`build`](Self::build) refuses it, because tokens would cross the network unencrypted.
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`ConfigError::InsecureBaseUrl`] for a plain-HTTP base URL that is not
    /// loopback (unless [`allow_http`](Self::allow_http)). Redirects are followed only within
    /// the base URL's origin; one to another origin ends in [`Error::Redirect`], so a token is
    /// never replayed to another host.
    pub fn build(self) -> Result<Client, ConfigError> {
        let base = self.environment.base_url();
        if base.scheme() == "http" && !self.allow_http && !is_loopback(base) {
            return Err(ConfigError::InsecureBaseUrl { url: base.to_string() });
        }
        let user_agent =
            HeaderValue::from_str(&self.user_agent).map_err(|_| ConfigError::InvalidHeader { name: "user-agent" })?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(user_agent)
            .redirect(transport::redirect_policy())
            .build()
            .map_err(ConfigError::Http)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                environment: self.environment,
                credentials: self.credentials,
                settings: self.settings,
            }),
        })
    }
}

/// `localhost` (or a name under it) or a loopback IP address.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => {
            let domain = domain.trim_end_matches('.').to_ascii_lowercase();
            domain == "localhost" || domain.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A request ready to go (built anew for each attempt), with what is needed to report on it
/// safely.
struct Prepared {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<bytes::Bytes>,
    /// What errors and logs say about the call.
    report: Report,
}

impl Prepared {
    /// The request for one attempt.
    fn request(&self) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = self.headers.clone();
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        request
    }
}

/// The operation, the redacted URL and the secrets to scrub from server text.
struct Report {
    operation: &'static str,
    /// The URL as sent (secrets included): only for resolving redirects.
    sent_url: Url,
    /// The URL with secret query values redacted.
    url: String,
    scrubber: Scrubber,
}

impl Report {
    fn snippet(&self, body: &[u8]) -> String {
        body_snippet(self.scrubber.scrub(&String::from_utf8_lossy(body)).as_bytes())
    }

    /// A redirect target for an error message: secret-looking query values redacted, known
    /// secrets scrubbed, bounded.
    fn location(&self, target: &Url) -> String {
        let rendered = render_url(target, looks_secret);
        bounded(&self.scrubber.scrub(&rendered), 1024).into_owned()
    }
}

impl Client {
    /// A client with default settings.
    pub fn new(environment: Environment, credentials: Credentials) -> Result<Client, ConfigError> {
        Client::builder(environment, credentials).build()
    }

    /// A builder for timeouts, retries, limits and the user agent.
    pub fn builder(environment: Environment, credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            environment,
            credentials,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            allow_http: false,
            settings: Settings {
                timeout: DEFAULT_TIMEOUT,
                attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
                retry: RetryPolicy::default(),
                max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
                check_content_type: true,
            },
        }
    }

    /// The environment requests go to.
    pub fn environment(&self) -> &Environment {
        &self.inner.environment
    }

    /// The token for an operation; [`Error::MissingCredential`] when it is not configured.
    pub fn token<E>(&self, kind: TokenKind, operation: &'static str) -> Result<&Token, Error<E>> {
        self.inner.credentials.token(kind).ok_or(Error::MissingCredential { operation, kind })
    }

    /// Sends `call` and decodes the response: a 2xx body by `success` into `T`; any other status
    /// becomes [`Error::Api`] with the body decoded by `error` into `E` when it can be.
    ///
    /// Failed attempts are retried per the client's [`RetryPolicy`] when the method is
    /// idempotent or `call.idempotent` is set; the result tells how many attempts were made
    /// ([`ResponseValue::attempts`], [`Error::attempts`]).
    pub async fn execute<T, E>(&self, call: Call, success: Format, error: Format) -> Result<ResponseValue<T>, Error<E>>
    where
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let span = tracing::info_span!(
            "tango_call",
            operation = call.operation,
            method = %call.method,
            path_template = call.path_template,
            url = tracing::field::Empty,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        self.run(call, success, error).instrument(span).await
    }

    /// [`execute`](Self::execute) inside its span.
    async fn run<T, E>(&self, call: Call, success: Format, error: Format) -> Result<ResponseValue<T>, Error<E>>
    where
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let started = Instant::now();
        let span = tracing::Span::current();
        let prepared = self.prepare(&call, success).inspect_err(|e| {
            tracing::debug!(error = %e, "request not sent");
        })?;
        span.record("url", tracing::field::display(&prepared.report.url));
        let (outcome, attempts) = self.send_with_retries(&call, &prepared).await;
        span.record("latency_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
        if let Ok(response) = &outcome {
            span.record("status", response.status.as_u16());
        }
        let result: Result<ResponseValue<T>, Error<E>> =
            self.finish(&prepared.report, success, error, outcome, attempts);
        match &result {
            Ok(value) => {
                tracing::debug!(status = value.status().as_u16(), attempts = value.attempts(), "call succeeded")
            }
            Err(e) => tracing::debug!(error = %e, attempts = e.attempts(), "call failed"),
        }
        result
    }

    /// Sends `request` until it succeeds, fails in a way not worth repeating, runs out of
    /// attempts, or would run past the deadline. Returns the last outcome and the attempts made.
    async fn send_with_retries(
        &self,
        call: &Call,
        prepared: &Prepared,
    ) -> (Result<RawResponse, AttemptFailure>, Attempts) {
        let settings = &self.inner.settings;
        let span = tracing::Span::current();
        let deadline = Instant::now().checked_add(settings.timeout);
        let remaining = || deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(Instant::now()));
        let repeatable = call.idempotent || retry::is_idempotent(&call.method);
        let attempt_limit = if repeatable { settings.retry.attempt_limit() } else { 1 };
        let mut retries: Vec<Retry> = Vec::new();
        let mut attempt: u32 = 1;
        loop {
            span.record("attempt", attempt);
            let mut this_attempt = prepared.request();
            *this_attempt.timeout_mut() = Some(settings.attempt_timeout.min(remaining()));
            tracing::debug!(attempt, "sending");
            let outcome = transport::send(&self.inner.http, this_attempt, settings.max_response_bytes).await;
            let Some((reason, asked_wait)) = retryable(&outcome) else {
                return (outcome, Attempts::from_retries(retries));
            };
            if !repeatable {
                tracing::debug!(attempt, %reason, "not retried: the method is not idempotent");
                return (outcome, Attempts::from_retries(retries));
            }
            if attempt >= attempt_limit {
                tracing::debug!(attempt, %reason, "not retried: no attempts left");
                return (outcome, Attempts::from_retries(retries));
            }
            let delay = asked_wait.unwrap_or_else(|| settings.retry.backoff(attempt, fastrand::f64()));
            if delay >= remaining() {
                tracing::debug!(attempt, %reason, delay_ms = millis(delay), "not retried: the deadline comes first");
                return (outcome, Attempts::from_retries(retries));
            }
            tracing::info!(attempt, %reason, delay_ms = millis(delay), "retrying");
            retries.push(Retry { attempt, reason, delay });
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Turns the last outcome into the call's result.
    fn finish<T, E>(
        &self,
        report: &Report,
        success: Format,
        error: Format,
        outcome: Result<RawResponse, AttemptFailure>,
        attempts: Attempts,
    ) -> Result<ResponseValue<T>, Error<E>>
    where
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let operation = report.operation;
        let url = report.url.clone();
        let RawResponse { status, headers, body } = match outcome {
            Ok(response) => response,
            Err(AttemptFailure::Transport(source)) => {
                let timeout = source.is_timeout();
                return Err(Error::Transport { operation, url, timeout, source: source.without_url(), attempts });
            }
            Err(AttemptFailure::TooLarge { status }) => {
                let limit = self.inner.settings.max_response_bytes;
                return Err(Error::ResponseTooLarge { operation, url, status, limit, attempts });
            }
        };
        if status.is_redirection()
            && let Some(target) = transport::redirect_target(&report.sent_url, &headers)
            && target.origin() != report.sent_url.origin()
        {
            return Err(Error::Redirect { operation, url, status, location: report.location(&target), attempts });
        }
        if !status.is_success() {
            return Err(Error::Api {
                operation,
                url,
                status,
                message: report.snippet(&body),
                body: error.decode::<E>(&body).ok().map(Box::new),
                headers: Box::new(headers),
                attempts,
            });
        }
        let content_type = headers.get(CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        if self.inner.settings.check_content_type
            && !body.trim_ascii().is_empty()
            && !success.accepts_content_type(content_type.as_deref())
        {
            return Err(Error::UnexpectedContentType {
                operation,
                url,
                status,
                expected: success,
                content_type: bounded(&content_type.unwrap_or_default(), MAX_CONTENT_TYPE_IN_ERROR).into_owned(),
                snippet: report.snippet(&body),
                attempts,
            });
        }
        match success.decode::<T>(&body) {
            Ok(value) => Ok(ResponseValue::new(value, status, headers).with_attempts(attempts)),
            Err(source) if source.kind() == DecodeErrorKind::Empty => {
                Err(Error::EmptyBody { operation, url, status, expected: success, attempts })
            }
            Err(source) => {
                Err(Error::Decode { operation, url, status, source, snippet: report.snippet(&body), attempts })
            }
        }
    }

    /// Turns `call` into a request: URL (base path prefix kept, query appended), headers, body.
    fn prepare<E>(&self, call: &Call, success: Format) -> Result<Prepared, Error<E>> {
        let invalid = |message: String| Error::InvalidRequest { operation: call.operation, message };
        let mut url = join_path(self.inner.environment.base_url(), &call.path).map_err(invalid)?;
        if !call.query.is_empty() {
            url.query_pairs_mut().extend_pairs(call.query.iter().map(|p| (p.name.as_ref(), p.value.as_str())));
        }
        let rendered_url = render_url(&url, |name| call.query.iter().any(|p| p.secret && p.name == name));
        let headers = headers(call, success).map_err(invalid)?;

        let mut scrubber = Scrubber::default();
        for token in self.inner.credentials.tokens() {
            scrubber.add(token.expose_secret());
        }
        let secret_params = call.query.iter().chain(&call.headers).filter(|p| p.secret);
        for value in secret_params.map(|p| p.value.as_str()).chain(call.body.secret_values()) {
            scrubber.add(value);
        }

        let body = call.body.content_type().map(|_| bytes::Bytes::from(call.body.to_bytes()));
        let report = Report { operation: call.operation, sent_url: url.clone(), url: rendered_url, scrubber };
        Ok(Prepared { method: call.method.clone(), url, headers, body, report })
    }
}

/// Whether an outcome is worth another attempt: the reason, and the wait the server asked for
/// (`Retry-After`), if any.
fn retryable(outcome: &Result<RawResponse, AttemptFailure>) -> Option<(retry::RetryReason, Option<Duration>)> {
    match outcome {
        Ok(response) if retry::is_retryable_status(response.status) => Some((
            retry::RetryReason::Status(response.status),
            retry::retry_after(&response.headers, SystemTime::now()),
        )),
        Ok(_) | Err(AttemptFailure::TooLarge { .. }) => None,
        Err(AttemptFailure::Transport(error)) => transport::retry_reason(error).map(|reason| (reason, None)),
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// `base` with `path` appended to its path (`/api` + `/x` = `/api/x`, never `//`). Dot segments
/// (also percent-encoded ones) are rejected: the URL parser would resolve them and escape the
/// base path prefix.
fn join_path(base: &Url, path: &str) -> Result<Url, String> {
    let is_dot_segment = |segment: &str| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    };
    if path.split(['/', '\\']).any(is_dot_segment) {
        return Err(format!("path `{path}` contains a `.` or `..` segment"));
    }
    let prefix = base.path().trim_end_matches('/');
    let separator = if path.starts_with('/') || path.is_empty() { "" } else { "/" };
    let mut url = base.clone();
    url.set_path(&format!("{prefix}{separator}{path}"));
    Ok(url)
}

/// `Accept` from the success format, `Content-Type` from the body, then the call's own headers
/// (a name given there replaces the default). Secret values are marked sensitive.
fn headers(call: &Call, success: Format) -> Result<HeaderMap, String> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static(success.accept()));
    if let Some(content_type) = call.body.content_type() {
        let value =
            HeaderValue::from_str(content_type).map_err(|_| format!("invalid content type `{content_type}`"))?;
        headers.insert(CONTENT_TYPE, value);
    }
    let mut overridden: Vec<HeaderName> = Vec::new();
    for param in &call.headers {
        let (name, value) = header(param)?;
        if !overridden.contains(&name) {
            headers.remove(&name);
            overridden.push(name.clone());
        }
        headers.append(name, value);
    }
    Ok(headers)
}

fn header(param: &Param) -> Result<(HeaderName, HeaderValue), String> {
    let name =
        HeaderName::from_bytes(param.name.as_bytes()).map_err(|_| format!("invalid header name `{}`", param.name))?;
    let mut value = HeaderValue::from_str(&param.value).map_err(|_| {
        if param.secret {
            format!("invalid value for header `{name}`")
        } else {
            format!("invalid value {:?} for header `{name}`", param.value)
        }
    })?;
    value.set_sensitive(param.secret);
    Ok((name, value))
}

#[cfg(test)]
mod tests {
    use http::Method;

    use super::*;
    use crate::request::RequestBody;

    fn client(base: &str) -> Client {
        let environment = Environment::new("test", base).expect("valid base");
        Client::new(environment, Credentials::reseller("tok-R-secret")).expect("builds")
    }

    #[test]
    fn join_keeps_prefix_without_double_slash() {
        for (base, path, expected) in [
            ("https://h/api", "/x/1", "https://h/api/x/1"),
            ("https://h/api/", "/x/1", "https://h/api/x/1"),
            ("https://h", "/x", "https://h/x"),
            ("https://h/", "x", "https://h/x"),
            ("https://h:8443/a/b", "", "https://h:8443/a/b"),
            ("https://h/api", "/a%2Fb/c%20d", "https://h/api/a%2Fb/c%20d"),
            ("https://h/api", "/what?x#y", "https://h/api/what%3Fx%23y"),
        ] {
            let base = Url::parse(base).expect("valid");
            let joined = join_path(&base, path).expect("joins");
            assert_eq!(joined.as_str(), expected, "{base} + {path}");
        }
    }

    #[test]
    fn join_rejects_dot_segments() {
        let base = Url::parse("https://h/api").expect("valid");
        for path in ["/../admin", "/a/./b", "/%2e%2E/x", "/a\\..\\b", "/.."] {
            let err = join_path(&base, path).unwrap_err();
            assert!(err.contains("segment"), "{path}: {err}");
        }
        assert_eq!(join_path(&base, "/a..b/.c").expect("not dot segments").path(), "/api/a..b/.c");
    }

    #[test]
    fn prepare_sets_headers_and_redacts_url() {
        let client = client("https://h/api");
        let token = client.token::<()>(TokenKind::Reseller, "op").expect("configured").clone();
        let call = Call::new("subscribers::get", Method::GET, "/subscribers/:id", "/subscribers/7")
            .with_query(Param::new("msisdn", "1 2"))
            .with_query(Param::secret("rt", &token))
            .with_header(Param::secret("X-Key", &token))
            .with_header(Param::new("Accept", "text/xml"));
        let prepared = client.prepare::<()>(&call, Format::Xml).expect("prepares");
        assert_eq!(prepared.request().url().as_str(), "https://h/api/subscribers/7?msisdn=1+2&rt=tok-R-secret");
        assert_eq!(prepared.report.url, "https://h/api/subscribers/7?msisdn=1+2&rt=<redacted>");
        let request = prepared.request();
        let headers = request.headers();
        assert_eq!(headers.get_all(ACCEPT).iter().count(), 1);
        assert_eq!(headers.get(ACCEPT).and_then(|v| v.to_str().ok()), Some("text/xml"));
        assert!(headers.get(CONTENT_TYPE).is_none());
        assert!(headers.get("x-key").is_some_and(HeaderValue::is_sensitive));
        assert_eq!(prepared.report.scrubber.scrub("got tok-R-secret"), "got <redacted>");
    }

    #[test]
    fn prepare_sets_content_type_from_body() {
        let client = client("https://h/");
        for (body, content_type) in [
            (RequestBody::Xml("<a/>".into()), "application/xml"),
            (RequestBody::Json(b"{}".to_vec()), "application/json"),
            (RequestBody::Form(vec![Param::new("a", "1")]), "application/x-www-form-urlencoded"),
            (
                RequestBody::Text { content_type: "text/xml; charset=utf-8", text: "<a/>".into() },
                "text/xml; charset=utf-8",
            ),
        ] {
            let call = Call::new("op", Method::POST, "/x", "/x").with_body(body);
            let prepared = client.prepare::<()>(&call, Format::Json).expect("prepares");
            let request = prepared.request();
            let headers = request.headers();
            assert_eq!(headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some(content_type));
            assert_eq!(headers.get(ACCEPT).and_then(|v| v.to_str().ok()), Some("application/json"));
            assert!(request.body().is_some());
        }
    }

    #[test]
    fn invalid_headers_are_request_errors_without_secret_values() {
        let client = client("https://h/");
        let call =
            Call::new("op", Method::GET, "/x", "/x").with_header(Param::secret("X-Key", &Token::new("bad\nsecret")));
        let err = client.prepare::<()>(&call, Format::Xml).err().expect("rejected");
        let text = format!("{err} {err:?}");
        assert!(text.contains("invalid value for header `x-key`"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        let call = Call::new("op", Method::GET, "/x", "/x").with_header(Param::new("bad name", "v"));
        let err = client.prepare::<()>(&call, Format::Xml).err().expect("rejected");
        assert_eq!(err.to_string(), "op: invalid request: invalid header name `bad name`");
    }

    #[test]
    fn missing_credential_names_operation_and_kind() {
        let client = client("https://h/");
        let err = client.token::<()>(TokenKind::Distributor, "accounts::list").unwrap_err();
        assert!(matches!(err, Error::MissingCredential { operation: "accounts::list", kind: TokenKind::Distributor }));
        assert_eq!(client.token::<()>(TokenKind::Either, "x").map(Token::expose_secret).ok(), Some("tok-R-secret"));
    }

    #[test]
    fn debug_shows_environment_not_tokens() {
        let client = client("https://h/api");
        let debug = format!("{client:?}");
        assert_eq!(debug, r#"Client { environment: "test", base_url: "https://h/api", .. }"#);
        let builder = Client::builder(
            Environment::new("e", "https://h").expect("valid"),
            Credentials::distributor("tok-D-secret"),
        );
        assert!(!format!("{builder:?}").contains("tok-D-secret"));
        assert_eq!(client.environment().name(), "test");
    }

    #[test]
    fn plain_http_only_to_loopback_or_when_allowed() {
        let builder = |base: &str| Client::builder(Environment::new("e", base).expect("valid"), Credentials::new());
        for base in
            ["http://127.0.0.1:9/api", "http://localhost:8080", "http://[::1]:1", "http://api.localhost", "https://h"]
        {
            assert!(builder(base).build().is_ok(), "{base}");
        }
        for base in ["http://sandbox.example.com/api", "http://10.0.0.1", "http://localhost.example.com"] {
            let err = builder(base).build().unwrap_err();
            assert!(matches!(&err, ConfigError::InsecureBaseUrl { url } if url.starts_with(base)), "{base}: {err:?}");
            assert!(err.to_string().contains("use https"), "{err}");
            assert!(builder(base).allow_http(true).build().is_ok(), "{base} allowed");
        }
    }

    #[test]
    fn invalid_user_agent_is_a_config_error() {
        let err = Client::builder(Environment::new("e", "https://h").expect("valid"), Credentials::new())
            .user_agent("bad\nagent")
            .build()
            .unwrap_err();
        assert!(matches!(err, ConfigError::InvalidHeader { name: "user-agent" }), "{err:?}");
    }
}

//! The HTTP client: builds requests from [`Call`]s, sends them, reads and decodes responses.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::credentials::{Credentials, Token, TokenKind};
use crate::environment::Environment;
use crate::error::{ConfigError, Error};
use crate::redact::{Scrubber, body_snippet, render_url};
use crate::request::{Call, Param};
use crate::response::{Format, ResponseValue};

/// Default whole-request timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default cap on a response body.
const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;
/// Default `User-Agent`.
const DEFAULT_USER_AGENT: &str = concat!("tango-runtime/", env!("CARGO_PKG_VERSION"));

/// A Tango API client. Cheap to clone (shared connection pool); `Debug` shows the environment,
/// never tokens.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    environment: Environment,
    credentials: Credentials,
    max_response_bytes: u64,
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
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    max_response_bytes: u64,
}

impl ClientBuilder {
    /// Timeout for the whole request, body included. Default 30 s.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Timeout for establishing the connection. Default 10 s.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
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
        self.max_response_bytes = limit;
        self
    }

    /// Builds the client. Redirects are not followed (a 3xx is returned as [`Error::Api`]), so a
    /// token in a body or query is never replayed to another host.
    pub fn build(self) -> Result<Client, ConfigError> {
        let user_agent =
            HeaderValue::from_str(&self.user_agent).map_err(|_| ConfigError::InvalidHeader { name: "user-agent" })?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(ConfigError::Http)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                environment: self.environment,
                credentials: self.credentials,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

/// A request ready to go, with what is needed to report on it safely.
struct Prepared {
    request: reqwest::Request,
    /// The URL with secret query values redacted.
    url: String,
    scrubber: Scrubber,
}

/// A response read in full (within the size cap).
struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// Why [`Client::send_once`] got no usable response.
enum SendFailure {
    Transport(reqwest::Error),
    TooLarge { status: StatusCode },
}

impl Client {
    /// A client with default settings.
    pub fn new(environment: Environment, credentials: Credentials) -> Result<Client, ConfigError> {
        Client::builder(environment, credentials).build()
    }

    /// A builder for timeouts, user agent and body limit.
    pub fn builder(environment: Environment, credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            environment,
            credentials,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
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
    pub async fn execute<T, E>(&self, call: Call, success: Format, error: Format) -> Result<ResponseValue<T>, Error<E>>
    where
        T: DeserializeOwned,
        E: DeserializeOwned,
    {
        let operation = call.operation;
        let Prepared { request, url, scrubber } = self.prepare(&call, success)?;
        // The one place a request goes on the wire; a retry loop will wrap this call.
        let response = match self.send_once(request).await {
            Ok(response) => response,
            Err(SendFailure::Transport(source)) => {
                return Err(Error::Transport {
                    operation,
                    url,
                    timeout: source.is_timeout(),
                    source: source.without_url(),
                });
            }
            Err(SendFailure::TooLarge { status }) => {
                return Err(Error::ResponseTooLarge { operation, url, status, limit: self.inner.max_response_bytes });
            }
        };
        let RawResponse { status, headers, body } = response;
        let snippet = || body_snippet(scrubber.scrub(&String::from_utf8_lossy(&body)).as_bytes());
        if status.is_success() {
            match success.decode::<T>(&body) {
                Ok(value) => Ok(ResponseValue::new(value, status, headers)),
                Err(source) => Err(Error::Decode { operation, url, status, source, snippet: snippet() }),
            }
        } else {
            Err(Error::Api {
                operation,
                url,
                status,
                message: snippet(),
                body: error.decode::<E>(&body).ok().map(Box::new),
                headers: Box::new(headers),
            })
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

        let mut request = reqwest::Request::new(call.method.clone(), url);
        *request.headers_mut() = headers;
        if call.body.content_type().is_some() {
            *request.body_mut() = Some(call.body.to_bytes().into());
        }
        Ok(Prepared { request, url: rendered_url, scrubber })
    }

    /// Sends one request and reads its body, stopping as soon as it exceeds the size cap.
    async fn send_once(&self, request: reqwest::Request) -> Result<RawResponse, SendFailure> {
        let limit = self.inner.max_response_bytes;
        let mut response = self.inner.http.execute(request).await.map_err(SendFailure::Transport)?;
        let status = response.status();
        if response.content_length().is_some_and(|length| length > limit) {
            return Err(SendFailure::TooLarge { status });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(SendFailure::Transport)? {
            let total = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
            if total > limit {
                return Err(SendFailure::TooLarge { status });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse { status, headers: std::mem::take(response.headers_mut()), body })
    }
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
        assert_eq!(prepared.request.url().as_str(), "https://h/api/subscribers/7?msisdn=1+2&rt=tok-R-secret");
        assert_eq!(prepared.url, "https://h/api/subscribers/7?msisdn=1+2&rt=<redacted>");
        let headers = prepared.request.headers();
        assert_eq!(headers.get_all(ACCEPT).iter().count(), 1);
        assert_eq!(headers.get(ACCEPT).and_then(|v| v.to_str().ok()), Some("text/xml"));
        assert!(headers.get(CONTENT_TYPE).is_none());
        assert!(headers.get("x-key").is_some_and(HeaderValue::is_sensitive));
        assert_eq!(prepared.scrubber.scrub("got tok-R-secret"), "got <redacted>");
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
            let headers = prepared.request.headers();
            assert_eq!(headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some(content_type));
            assert_eq!(headers.get(ACCEPT).and_then(|v| v.to_str().ok()), Some("application/json"));
            assert!(prepared.request.body().is_some());
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
    fn invalid_user_agent_is_a_config_error() {
        let err = Client::builder(Environment::new("e", "https://h").expect("valid"), Credentials::new())
            .user_agent("bad\nagent")
            .build()
            .unwrap_err();
        assert!(matches!(err, ConfigError::InvalidHeader { name: "user-agent" }), "{err:?}");
    }
}

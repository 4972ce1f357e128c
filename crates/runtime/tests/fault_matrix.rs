//! The fault matrix: the client against a server on 127.0.0.1 that stalls, resets, truncates,
//! floods, lies about content and redirects elsewhere. Every row asserts the exact outcome (error
//! variant or success), the number of attempts, and a time bound; retry waits are configured in
//! milliseconds so the suite stays fast.

mod support;

use std::time::Duration;

use serde::Deserialize;
use support::{Action, FaultServer, head, reply, response, within, xml_ok};
use tango_runtime::{
    Call, Client, ClientBuilder, ConfigError, Credentials, DecodeErrorKind, Environment, Error, Format, Method, Param,
    RequestBody, ResponseValue, RetryPolicy, RetryReason, StatusCode, Token, TokenKind,
};

const TOKEN: &str = "tok-FAULT-s3cr3t";
const SUBSCRIBER_XML: &str = r#"<subscriber id="7"><msisdn>15550001</msisdn></subscriber>"#;
/// Generous for one fast row; every row states its own bound.
const QUICK: Duration = Duration::from_secs(2);

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename = "subscriber")]
struct Subscriber {
    #[serde(rename = "@id")]
    id: u32,
    #[serde(rename = "msisdn")]
    msisdn: String,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename = "error")]
struct ApiError {
    #[serde(rename = "code")]
    code: u32,
}

type Outcome<T = Subscriber> = Result<ResponseValue<T>, Error<ApiError>>;

/// Millisecond retry waits, three attempts, one-second attempts inside a three-second deadline.
fn fast(base: &str) -> ClientBuilder {
    let environment = Environment::new("fault", base).expect("valid base URL");
    Client::builder(environment, Credentials::reseller(TOKEN))
        .retry(
            RetryPolicy::new().max_attempts(3).base_delay(Duration::from_millis(1)).max_delay(Duration::from_millis(4)),
        )
        .connect_timeout(Duration::from_millis(500))
        .attempt_timeout(Duration::from_secs(1))
        .timeout(Duration::from_secs(3))
}

fn build(builder: ClientBuilder) -> Client {
    builder.build().expect("client builds")
}

/// A GET with the token in the query, decoding XML.
async fn get_subscriber(client: &Client) -> Outcome {
    let token = client.token::<ApiError>(TokenKind::Reseller, "subscribers::get")?;
    let call = Call::new("subscribers::get", Method::GET, "/subscribers/:id", "/subscribers/7")
        .with_query(Param::secret("token", token));
    client.execute(call, Format::Xml, Format::Xml).await
}

/// A POST with the token in an XML body, optionally marked idempotent.
async fn create_subscriber(client: &Client, idempotent: bool) -> Outcome {
    let token = client.token::<ApiError>(TokenKind::Reseller, "subscribers::create")?;
    let body = format!("<createSubscriber><token>{}</token></createSubscriber>", token.expose_secret());
    let call = Call::new("subscribers::create", Method::POST, "/subscribers", "/subscribers")
        .with_body(RequestBody::Xml(body))
        .with_idempotent(idempotent);
    client.execute(call, Format::Xml, Format::Xml).await
}

/// A GET decoding JSON.
async fn get_json(client: &Client) -> Outcome<serde_json::Value> {
    let call = Call::new("usage::get", Method::GET, "/usage", "/usage");
    client.execute(call, Format::Json, Format::Json).await
}

fn reasons(retries: &[tango_runtime::Retry]) -> Vec<RetryReason> {
    retries.iter().map(|r| r.reason).collect()
}

/// No error text, in Display or Debug, carries the token.
fn assert_no_token<E: std::fmt::Debug>(err: &Error<E>) {
    let text = format!("{err}\n{err:?}");
    assert!(!text.contains(TOKEN), "token leaked: {text}");
}

fn xml_response(status: u16, body: &str) -> Vec<Action> {
    reply(response(status, &[("content-type", "application/xml")], body.as_bytes()))
}

// ---- timeouts ----------------------------------------------------------------------------------

#[tokio::test]
async fn fault_slow_headers_time_out_each_attempt() {
    let server = FaultServer::always(vec![Action::ReadRequest, Action::Sleep(Duration::from_secs(10))]).await;
    let client = build(
        fast(&server.url())
            .attempt_timeout(Duration::from_millis(150))
            .retry(RetryPolicy::new().max_attempts(2).base_delay(Duration::from_millis(1))),
    );

    let (outcome, took) = within(Duration::from_secs(1), get_subscriber(&client)).await;

    let err = outcome.expect_err("times out");
    assert!(matches!(err, Error::Transport { timeout: true, .. }), "{err:?}");
    assert_eq!(err.attempts(), 2);
    assert_eq!(reasons(err.retries()), vec![RetryReason::Timeout]);
    assert_eq!(server.requests().len(), 2);
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert_no_token(&err);
}

#[tokio::test]
async fn fault_slow_body_times_out() {
    let mut start = head(200, &[("content-type", "application/xml"), ("content-length", "100")]);
    start.extend_from_slice(b"<subscriber id=\"7\">");
    let server =
        FaultServer::always(vec![Action::ReadRequest, Action::Write(start), Action::Sleep(Duration::from_secs(10))])
            .await;
    let client = build(fast(&server.url()).attempt_timeout(Duration::from_millis(200)).retry(RetryPolicy::none()));

    let (outcome, took) = within(Duration::from_secs(1), get_subscriber(&client)).await;

    let err = outcome.expect_err("body times out");
    assert!(matches!(err, Error::Transport { timeout: true, .. }), "{err:?}");
    assert!(err.to_string().contains("timed out"), "{err}");
    assert_eq!(err.attempts(), 1);
    assert!(took >= Duration::from_millis(200), "{took:?}");
}

#[tokio::test]
async fn fault_slow_but_steady_body_within_the_timeout_succeeds() {
    let body = SUBSCRIBER_XML.as_bytes();
    let mut actions = vec![
        Action::ReadRequest,
        Action::Write(head(200, &[("content-type", "application/xml"), ("content-length", &body.len().to_string())])),
    ];
    for piece in body.chunks(12) {
        actions.push(Action::Sleep(Duration::from_millis(15)));
        actions.push(Action::Write(piece.to_vec()));
    }
    let server = FaultServer::always(actions).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let value = outcome.expect("trickled body arrives in time");
    assert_eq!(*value, Subscriber { id: 7, msisdn: "15550001".into() });
    assert_eq!(value.attempts(), 1);
}

#[tokio::test]
async fn fault_total_deadline_caps_retries() {
    let server = FaultServer::always(vec![Action::ReadRequest, Action::Sleep(Duration::from_secs(10))]).await;
    let client = build(
        fast(&server.url())
            .attempt_timeout(Duration::from_millis(200))
            .timeout(Duration::from_millis(300))
            .retry(RetryPolicy::new().max_attempts(5).base_delay(Duration::from_millis(1)).jitter(false)),
    );

    let (outcome, took) = within(Duration::from_secs(1), get_subscriber(&client)).await;

    let err = outcome.expect_err("deadline");
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.attempts(), 2, "the second attempt gets only what is left of the deadline");
    assert!(took >= Duration::from_millis(290) && took < Duration::from_millis(800), "{took:?}");
}

// ---- connection failures -----------------------------------------------------------------------

#[tokio::test]
async fn fault_connection_refused_is_retried_for_get() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
        listener.local_addr().expect("address").port()
    }; // nothing listens there any more
    let client = build(fast(&format!("http://127.0.0.1:{port}")));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("refused");
    match &err {
        Error::Transport { timeout, source, .. } => {
            assert!(!timeout);
            assert!(source.is_connect(), "{source:?}");
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(err.attempts(), 3);
    assert_eq!(reasons(err.retries()), vec![RetryReason::Connect; 2]);
}

#[tokio::test]
async fn fault_reset_before_response_is_retried_for_get() {
    let server = FaultServer::always(vec![Action::ReadRequest, Action::Reset]).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("reset");
    assert!(matches!(err, Error::Transport { timeout: false, .. }), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(reasons(err.retries()), vec![RetryReason::ConnectionLost; 2]);
    assert_eq!(server.requests().len(), 3);
    assert_no_token(&err);
}

#[tokio::test]
async fn fault_reset_then_success() {
    let server = FaultServer::start(vec![vec![Action::ReadRequest, Action::Reset], xml_ok(SUBSCRIBER_XML)]).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let value = outcome.expect("second attempt succeeds");
    assert_eq!(value.id, 7);
    assert_eq!(value.attempts(), 2);
    assert_eq!(reasons(value.retries()), vec![RetryReason::ConnectionLost]);
}

#[tokio::test]
async fn fault_reset_mid_body_is_retried_for_get() {
    let mut partial = head(200, &[("content-type", "application/xml"), ("content-length", "200")]);
    partial.extend_from_slice(b"<subscriber id=\"7\"><msis");
    let server = FaultServer::always(vec![
        Action::ReadRequest,
        Action::Write(partial),
        Action::Sleep(Duration::from_millis(20)),
        Action::Reset,
    ])
    .await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("reset mid-body");
    assert!(matches!(err, Error::Transport { timeout: false, .. }), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(reasons(err.retries()), vec![RetryReason::ConnectionLost; 2]);
}

#[tokio::test]
async fn fault_post_reset_is_never_retried() {
    let server = FaultServer::always(vec![Action::ReadRequest, Action::Reset]).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, create_subscriber(&client, false)).await;

    let err = outcome.expect_err("reset");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.requests().len(), 1, "a POST goes out once");
    assert_no_token(&err);
}

#[tokio::test]
async fn fault_truncated_body_is_a_transport_error() {
    let mut partial = head(200, &[("content-type", "application/xml"), ("content-length", "100")]);
    partial.extend_from_slice(&SUBSCRIBER_XML.as_bytes()[..30]);
    let server = FaultServer::always(vec![Action::ReadRequest, Action::Write(partial)]).await; // then FIN
    let client =
        build(fast(&server.url()).retry(RetryPolicy::new().max_attempts(2).base_delay(Duration::from_millis(1))));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("truncated");
    match &err {
        Error::Transport { timeout: false, source, .. } => {
            assert!(source.is_body() || source.is_decode(), "{source:?}")
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(err.attempts(), 2);
    assert_eq!(reasons(err.retries()), vec![RetryReason::ConnectionLost]);
}

#[tokio::test]
async fn fault_stale_keep_alive_connection_is_retried() {
    // The first connection answers once, keeps the connection open, reads the next request on
    // it and hangs up without answering; the retry opens a fresh connection.
    let keep_alive = response(200, &[("content-type", "application/xml")], SUBSCRIBER_XML.as_bytes());
    let keep_alive = String::from_utf8(keep_alive).expect("ascii").replace("connection: close\r\n", "").into_bytes();
    let server = FaultServer::start(vec![
        vec![Action::ReadRequest, Action::Write(keep_alive), Action::ReadRequest],
        xml_ok(SUBSCRIBER_XML),
    ])
    .await;
    let client = build(fast(&server.url()));

    let (first, _) = within(QUICK, get_subscriber(&client)).await;
    let (second, _) = within(QUICK, get_subscriber(&client)).await;

    assert_eq!(first.expect("first call").attempts(), 1);
    let second = second.expect("second call recovers");
    assert_eq!(second.attempts(), 2);
    assert_eq!(reasons(second.retries()), vec![RetryReason::ConnectionLost]);
    assert_eq!((server.connections(), server.requests().len()), (2, 3));
}

#[tokio::test]
async fn fault_garbage_response_is_not_retried() {
    let server = FaultServer::always(reply(b"SPDY/9 banana\r\n\r\n".to_vec())).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("not HTTP");
    assert!(matches!(err, Error::Transport { timeout: false, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1, "a protocol error would repeat");
}

#[tokio::test]
async fn fault_header_flood_is_not_retried() {
    let headers: Vec<(String, String)> = (0..200).map(|i| (format!("x-flood-{i}"), "y".repeat(20))).collect();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let server = FaultServer::always(reply(response(200, &headers, SUBSCRIBER_XML.as_bytes()))).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("too many headers");
    assert!(matches!(err, Error::Transport { timeout: false, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1);
}

// ---- retryable statuses ------------------------------------------------------------------------

#[tokio::test]
async fn fault_5xx_then_success() {
    let server = FaultServer::start(vec![
        xml_response(503, "<error><code>1</code></error>"),
        xml_response(502, ""),
        xml_ok(SUBSCRIBER_XML),
    ])
    .await;
    let client = build(fast(&server.url()));

    let (outcome, took) = within(QUICK, get_subscriber(&client)).await;

    let value = outcome.expect("third attempt succeeds");
    assert_eq!(*value, Subscriber { id: 7, msisdn: "15550001".into() });
    assert_eq!(value.attempts(), 3);
    assert_eq!(
        reasons(value.retries()),
        vec![RetryReason::Status(StatusCode::SERVICE_UNAVAILABLE), RetryReason::Status(StatusCode::BAD_GATEWAY)]
    );
    assert!(value.retries().iter().all(|r| r.delay <= Duration::from_millis(4)), "{:?}", value.retries());
    assert!(took < Duration::from_millis(500), "{took:?}");
}

#[tokio::test]
async fn fault_504_exhausts_attempts_with_typed_error_body() {
    let server = FaultServer::always(xml_response(504, "<error><code>504</code></error>")).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("504");
    match &err {
        Error::Api { status, body, .. } => {
            assert_eq!(*status, StatusCode::GATEWAY_TIMEOUT);
            assert_eq!(body.as_deref(), Some(&ApiError { code: 504 }));
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_eq!(err.attempts(), 3);
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn fault_post_503_is_never_retried() {
    let server = FaultServer::always(xml_response(503, "")).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, create_subscriber(&client, false)).await;

    let err = outcome.expect_err("503");
    assert!(matches!(err, Error::Api { status: StatusCode::SERVICE_UNAVAILABLE, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn fault_post_marked_idempotent_is_retried() {
    let server = FaultServer::start(vec![xml_response(503, ""), xml_ok(SUBSCRIBER_XML)]).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, create_subscriber(&client, true)).await;

    let value = outcome.expect("retried");
    assert_eq!(value.attempts(), 2);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body, "the same body is sent again");
    assert!(String::from_utf8_lossy(&requests[1].body).contains(TOKEN));
}

#[tokio::test]
async fn fault_429_retry_after_seconds_is_honoured() {
    let server =
        FaultServer::start(vec![reply(response(429, &[("retry-after", "1")], b"slow down")), xml_ok(SUBSCRIBER_XML)])
            .await;
    let client = build(fast(&server.url()));

    let (outcome, took) = within(Duration::from_millis(2500), get_subscriber(&client)).await;

    let value = outcome.expect("succeeds after waiting");
    assert_eq!(value.attempts(), 2);
    assert_eq!(value.retries()[0].reason, RetryReason::Status(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(value.retries()[0].delay, Duration::from_secs(1));
    let requests = server.requests();
    let gap = requests[1].at.duration_since(requests[0].at);
    assert!(gap >= Duration::from_millis(950), "waited only {gap:?}");
    assert!(took < Duration::from_millis(2000), "{took:?}");
}

#[tokio::test]
async fn fault_429_retry_after_http_date_is_honoured() {
    // A date in the past means "now": the wait is exactly zero, not the (1 ms) backoff.
    let past = httpdate::fmt_http_date(std::time::SystemTime::now() - Duration::from_secs(60));
    let server =
        FaultServer::start(vec![reply(response(429, &[("retry-after", &past)], b"")), xml_ok(SUBSCRIBER_XML)]).await;
    let client = build(
        fast(&server.url())
            .retry(RetryPolicy::new().max_attempts(3).base_delay(Duration::from_millis(1)).jitter(false)),
    );

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let value = outcome.expect("retried");
    assert_eq!(value.attempts(), 2);
    assert_eq!(value.retries()[0].delay, Duration::ZERO);
}

#[tokio::test]
async fn fault_429_retry_after_beyond_the_deadline_fails_fast() {
    let server = FaultServer::always(reply(response(429, &[("retry-after", "30")], b"come back later"))).await;
    let client = build(fast(&server.url()));

    let (outcome, took) = within(Duration::from_millis(500), get_subscriber(&client)).await;

    let err = outcome.expect_err("429");
    match &err {
        Error::Api { status, message, headers, .. } => {
            assert_eq!(*status, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(message, "come back later");
            assert_eq!(headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("30"));
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1, "waiting 30 s would overrun the 3 s deadline");
    assert!(took < Duration::from_millis(300), "{took:?}");
}

#[tokio::test]
async fn fault_429_without_retry_after_backs_off() {
    let server = FaultServer::start(vec![reply(response(429, &[], b"")), xml_ok(SUBSCRIBER_XML)]).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let value = outcome.expect("retried");
    assert_eq!(value.attempts(), 2);
    assert!(value.retries()[0].delay <= Duration::from_millis(1), "first backoff bound is the base delay");
}

// ---- limits and payload faults -----------------------------------------------------------------

#[tokio::test]
async fn fault_oversized_body_with_length_fails_before_reading() {
    let body = "x".repeat(10_000);
    let server =
        FaultServer::always(reply(response(200, &[("content-type", "application/xml")], body.as_bytes()))).await;
    let client = build(fast(&server.url()).max_response_bytes(1024));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("too large");
    assert!(matches!(err, Error::ResponseTooLarge { limit: 1024, status: StatusCode::OK, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1, "not retried: it would be as large again");
}

#[tokio::test]
async fn fault_oversized_chunked_body_is_cut_off() {
    let mut actions = vec![
        Action::ReadRequest,
        Action::Write(head(200, &[("transfer-encoding", "chunked"), ("content-type", "application/xml")])),
    ];
    let chunk = format!("{:x}\r\n{}\r\n", 4096, "y".repeat(4096)).into_bytes();
    actions.extend(std::iter::repeat_n(Action::Write(chunk), 64)); // 256 KiB, far past the cap
    actions.push(Action::Write(b"0\r\n\r\n".to_vec()));
    let server = FaultServer::always(actions).await;
    let client = build(fast(&server.url()).max_response_bytes(10_000));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("too large");
    assert!(matches!(err, Error::ResponseTooLarge { limit: 10_000, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn fault_wrong_content_type() {
    let page = "<html><body>Gateway maintenance</body></html>";
    let server =
        FaultServer::always(reply(response(200, &[("content-type", "text/html; charset=utf-8")], page.as_bytes())))
            .await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("html");
    match &err {
        Error::UnexpectedContentType { status, url, expected, content_type, snippet, .. } => {
            assert_eq!(*status, StatusCode::OK);
            assert_eq!(url, &format!("{}/subscribers/7?token=<redacted>", server.url()));
            assert_eq!(*expected, Format::Xml);
            assert_eq!(content_type, "text/html; charset=utf-8");
            assert_eq!(snippet, page);
        }
        other => panic!("expected UnexpectedContentType, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
    assert_no_token(&err);
}

#[tokio::test]
async fn fault_json_where_xml_expected_is_a_content_type_error() {
    let server =
        FaultServer::always(reply(response(200, &[("content-type", "application/json")], br#"{"id": 7}"#))).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("json");
    assert!(
        matches!(&err, Error::UnexpectedContentType { expected: Format::Xml, content_type, .. } if content_type == "application/json"),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn fault_empty_body_where_data_expected() {
    let server = FaultServer::always(reply(response(200, &[("content-type", "application/xml")], b""))).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("empty");
    assert!(matches!(err, Error::EmptyBody { status: StatusCode::OK, expected: Format::Xml, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.url(), Some(format!("{}/subscribers/7?token=<redacted>", server.url()).as_str()));
}

#[tokio::test]
async fn fault_malformed_xml() {
    let broken = format!(r#"<subscriber id="7"><msisdn>15550001</subscriber><!-- {TOKEN} -->"#);
    let server = FaultServer::always(xml_ok(&broken)).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("malformed");
    match &err {
        Error::Decode { status, source, snippet, .. } => {
            assert_eq!(*status, StatusCode::OK);
            assert_eq!((source.format(), source.kind()), (Format::Xml, DecodeErrorKind::Syntax), "{source}");
            assert_eq!(snippet, &broken.replace(TOKEN, "<redacted>"), "snippet kept, token scrubbed");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
    assert_no_token(&err);
}

#[tokio::test]
async fn fault_malformed_json() {
    let server =
        FaultServer::always(reply(response(200, &[("content-type", "application/json")], br#"{"used": 12,"#))).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_json(&client)).await;

    let err = outcome.expect_err("malformed");
    match &err {
        Error::Decode { source, snippet, .. } => {
            assert_eq!((source.format(), source.kind()), (Format::Json, DecodeErrorKind::Syntax), "{source}");
            assert_eq!(snippet, r#"{"used": 12,"#);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn fault_long_body_snippet_is_bounded() {
    let body = format!("<subscriber id=\"x\">{}</subscriber>", "z".repeat(100_000));
    let server = FaultServer::always(xml_ok(&body)).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("bad id");
    match &err {
        Error::Decode { source, snippet, .. } => {
            assert_eq!(source.kind(), DecodeErrorKind::Data, "{source}");
            assert!(snippet.len() <= 4096 && snippet.starts_with("<subscriber id=\"x\">zzz"), "{}", snippet.len());
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
}

// ---- XML safety --------------------------------------------------------------------------------

#[tokio::test]
async fn fault_xml_billion_laughs_is_refused() {
    let mut doc = String::from("<?xml version=\"1.0\"?><!DOCTYPE subscriber [<!ENTITY a \"lol\">");
    let mut previous = 'a';
    for name in 'b'..='k' {
        doc.push_str(&format!("<!ENTITY {name} \"{}\">", format!("&{previous};").repeat(10)));
        previous = name;
    }
    doc.push_str("]><subscriber id=\"7\"><msisdn>&k;</msisdn></subscriber>");
    let server = FaultServer::always(xml_ok(&doc)).await;
    let client = build(fast(&server.url()));

    let (outcome, took) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("refused");
    assert!(
        matches!(&err, Error::Decode { source, .. } if source.kind() == DecodeErrorKind::Refused && source.format() == Format::Xml),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
    assert!(took < Duration::from_millis(500), "{took:?}");
}

#[tokio::test]
async fn fault_xml_external_entity_is_never_fetched() {
    let bait = FaultServer::always(xml_ok("<secret/>")).await;
    let doc = format!(
        r#"<!DOCTYPE subscriber [<!ENTITY xxe SYSTEM "{}/etc/passwd">]><subscriber id="7"><msisdn>&xxe;</msisdn></subscriber>"#,
        bait.url()
    );
    let server = FaultServer::always(xml_ok(&doc)).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("refused");
    assert!(matches!(&err, Error::Decode { source, .. } if source.kind() == DecodeErrorKind::Refused), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(bait.connections(), 0, "the external entity was not fetched");
}

// ---- redirects ---------------------------------------------------------------------------------

#[tokio::test]
async fn fault_redirect_to_another_host_is_refused() {
    let elsewhere = FaultServer::always(xml_ok(SUBSCRIBER_XML)).await;
    let location = format!("http://localhost:{}/collect?token={TOKEN}&next=1", elsewhere.port());
    let server = FaultServer::always(reply(response(302, &[("location", &location)], b""))).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("refused");
    match &err {
        Error::Redirect { status, location, .. } => {
            assert_eq!(*status, StatusCode::FOUND);
            assert_eq!(location, &format!("http://localhost:{}/collect?token=<redacted>&next=1", elsewhere.port()));
        }
        other => panic!("expected Redirect, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
    assert_eq!(elsewhere.connections(), 0, "nothing was sent to the other host");
    assert_no_token(&err);
}

#[tokio::test]
async fn fault_same_origin_redirect_is_followed_with_body() {
    let server =
        FaultServer::start(vec![reply(response(307, &[("location", "/v2/subscribers")], b"")), xml_ok(SUBSCRIBER_XML)])
            .await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, create_subscriber(&client, false)).await;

    let value = outcome.expect("followed");
    assert_eq!(value.id, 7);
    assert_eq!(value.attempts(), 1, "a redirect is not a retry");
    let requests = server.requests();
    assert_eq!(
        requests.iter().map(|r| (r.method.as_str(), r.target.as_str())).collect::<Vec<_>>(),
        vec![("POST", "/subscribers"), ("POST", "/v2/subscribers")]
    );
    assert_eq!(requests[0].body, requests[1].body);
}

#[tokio::test]
async fn fault_redirect_loop_ends() {
    let server = FaultServer::always(reply(response(302, &[("location", "/again")], b""))).await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("loop");
    match &err {
        Error::Transport { source, .. } => assert!(source.is_redirect(), "{source:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.requests().len(), 6, "the first request and five redirects");
}

#[tokio::test]
async fn fault_redirect_to_another_scheme_is_refused() {
    // Same host and port, other scheme: another origin, so not followed.
    let server = FaultServer::start_with(|port| {
        let location = format!("https://127.0.0.1:{port}/subscribers/7");
        vec![reply(response(301, &[("location", &location)], b""))]
    })
    .await;
    let client = build(fast(&server.url()));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("refused");
    assert!(matches!(&err, Error::Redirect { status: StatusCode::MOVED_PERMANENTLY, .. }), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.requests().len(), 1);
}

// ---- TLS ---------------------------------------------------------------------------------------

#[tokio::test]
async fn fault_tls_required_plain_http_base_is_refused() {
    let environment = Environment::new("prod", "http://provisioning.tango.example/api").expect("valid URL");

    let err = Client::builder(environment.clone(), Credentials::reseller(TOKEN)).build().expect_err("refused");

    assert!(
        matches!(&err, ConfigError::InsecureBaseUrl { url } if url == "http://provisioning.tango.example/api"),
        "{err:?}"
    );
    let allowed = Client::builder(environment, Credentials::reseller(TOKEN)).allow_http(true).build();
    assert!(allowed.is_ok(), "explicit opt-in");
}

#[tokio::test]
async fn fault_tls_handshake_with_plain_server_is_not_retried() {
    // A plain-HTTP server behind an https:// URL: the handshake fails and would fail again.
    let server = FaultServer::always(vec![Action::Write(b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec())]).await;
    let client = build(fast(&format!("https://127.0.0.1:{}", server.port())));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("handshake fails");
    match &err {
        Error::Transport { timeout: false, source, .. } => assert!(source.is_connect(), "{source:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.connections(), 1);
}

// ---- credentials -------------------------------------------------------------------------------

#[tokio::test]
async fn fault_missing_credential_never_sends() {
    let server = FaultServer::always(xml_ok(SUBSCRIBER_XML)).await;
    let environment = Environment::new("fault", &server.url()).expect("valid");
    let client = build(Client::builder(environment, Credentials::distributor(Token::new("d"))));

    let (outcome, _) = within(QUICK, get_subscriber(&client)).await;

    let err = outcome.expect_err("no reseller token");
    assert!(matches!(err, Error::MissingCredential { kind: TokenKind::Reseller, .. }), "{err:?}");
    assert_eq!(err.attempts(), 0);
    assert_eq!(server.connections(), 0);
}

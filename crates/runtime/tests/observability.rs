//! The `tracing` span every call runs in, and that no token reaches logs, errors or Debug output
//! even when it travels in the query, a header and the body and the server echoes it back.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use support::{FaultServer, reply, response, within};
use tango_runtime::{
    Call, Client, Credentials, Environment, Error, Format, Method, Param, RequestBody, RetryPolicy, TokenKind,
};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

const RESELLER: &str = "tok-RESELLER-0bs3rv3";
const DISTRIBUTOR: &str = "tok-DISTRIBUTOR-0bs3rv3";

/// Everything the subscriber writes, shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

fn subscriber(captured: &Captured) -> impl tracing::Subscriber + Send + Sync + use<> {
    tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .finish()
}

fn client(base: &str) -> Client {
    let environment = Environment::new("local", base).expect("valid");
    Client::builder(environment, Credentials::reseller(RESELLER).with_distributor(DISTRIBUTOR))
        .retry(RetryPolicy::new().base_delay(Duration::from_millis(1)).max_delay(Duration::from_millis(2)))
        .build()
        .expect("builds")
}

/// A PUT (retryable) carrying the reseller token in the query, the distributor token in a header
/// and both in the body.
fn call(client: &Client) -> Call {
    let reseller = client.token::<()>(TokenKind::Reseller, "sims::swap").expect("configured");
    let distributor = client.token::<()>(TokenKind::Distributor, "sims::swap").expect("configured");
    Call::new("sims::swap", Method::PUT, "/sims/:iccid", "/sims/8901")
        .with_query(Param::secret("resellerToken", reseller))
        .with_header(Param::secret("X-Distributor-Token", distributor))
        .with_body(RequestBody::Xml(format!("<swap><r>{RESELLER}</r><d>{DISTRIBUTOR}</d></swap>")))
}

fn assert_no_tokens(text: &str) {
    for token in [RESELLER, DISTRIBUTOR] {
        assert!(!text.contains(token), "token {token} leaked:\n{text}");
    }
    assert!(!text.contains("0bs3rv3"), "token fragment leaked:\n{text}");
}

#[tokio::test]
async fn span_records_call_fields_and_retries_without_tokens() {
    let echo = format!("bad token {RESELLER}");
    let server = FaultServer::start(vec![
        reply(response(503, &[], echo.as_bytes())),
        reply(response(200, &[("content-type", "text/plain")], b"swapped")),
    ])
    .await;
    let client = client(&server.url());
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(subscriber(&captured));

    let (outcome, _) =
        within(Duration::from_secs(2), client.execute::<String, ()>(call(&client), Format::Text, Format::Text)).await;

    let value = outcome.expect("succeeds on the second attempt");
    assert_eq!((value.as_str(), value.attempts()), ("swapped", 2));
    let logs = captured.text();
    let close = logs.lines().find(|line| line.contains("close")).unwrap_or_else(|| panic!("no span close:\n{logs}"));
    for field in [
        "tango_call{",
        "operation=\"sims::swap\"",
        "method=PUT",
        "path_template=\"/sims/:iccid\"",
        "resellerToken=<redacted>",
        "status=200",
        "attempt=2",
        "latency_ms=",
    ] {
        assert!(close.contains(field), "span close lacks {field}:\n{logs}");
    }
    let retry =
        logs.lines().find(|line| line.contains("retrying")).unwrap_or_else(|| panic!("no retry event:\n{logs}"));
    assert!(retry.contains("attempt=1") && retry.contains("reason=HTTP 503 Service Unavailable"), "{retry}");
    assert!(retry.contains("delay_ms="), "{retry}");
    assert_no_tokens(&logs);
    // The server did get the tokens: redaction is for display only.
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("x-distributor-token"), Some(DISTRIBUTOR));
    assert!(requests[0].target.ends_with(&format!("resellerToken={RESELLER}")), "{}", requests[0].target);
}

#[tokio::test]
async fn failed_call_logs_redacted_error() {
    let echo = format!("<error>token {RESELLER} / {DISTRIBUTOR} is suspended</error>");
    let server =
        FaultServer::always(reply(response(403, &[("content-type", "application/xml")], echo.as_bytes()))).await;
    let client = client(&server.url());
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(subscriber(&captured));

    let (outcome, _) =
        within(Duration::from_secs(2), client.execute::<String, ()>(call(&client), Format::Text, Format::Text)).await;

    let err = outcome.expect_err("403");
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    let logs = captured.text();
    assert!(logs.contains("call failed"), "{logs}");
    assert!(logs.contains("status=403"), "{logs}");
    assert!(logs.contains("token <redacted> / <redacted> is suspended"), "{logs}");
    assert_no_tokens(&logs);
    assert_no_tokens(&format!("{err}\n{err:?}\n{:?}\n{:?}", call(&client), client));
}

#[tokio::test]
async fn transport_failure_logs_redacted_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
        listener.local_addr().expect("address").port()
    };
    let client = client(&format!("http://127.0.0.1:{port}"));
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(subscriber(&captured));

    let (outcome, _) =
        within(Duration::from_secs(2), client.execute::<(), ()>(call(&client), Format::Empty, Format::Empty)).await;

    let err = outcome.expect_err("refused");
    assert_eq!(err.attempts(), 3);
    let logs = captured.text();
    assert!(logs.contains(&format!("url=http://127.0.0.1:{port}/sims/8901?resellerToken=<redacted>")), "{logs}");
    assert_eq!(logs.matches("retrying").count(), 2, "{logs}");
    assert!(logs.contains("reason=could not connect"), "{logs}");
    assert_no_tokens(&logs);
    assert_no_tokens(&format!("{err}\n{err:?}"));
}

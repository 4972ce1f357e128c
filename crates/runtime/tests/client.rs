//! The client against a local HTTP server (wiremock on 127.0.0.1): what goes on the wire, and how
//! each kind of response becomes a value or a typed error.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use tango_runtime::{
    Call, Client, Credentials, Environment, Error, Format, Method, Param, RequestBody, StatusCode, TokenKind, codec,
    testing,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const RESELLER: &str = "tok-RESELLER-s3cr3t";
const DISTRIBUTOR: &str = "tok-DISTRIBUTOR-s3cr3t";

fn credentials() -> Credentials {
    Credentials::reseller(RESELLER).with_distributor(DISTRIBUTOR)
}

fn client_for(base: &str) -> Client {
    let environment = Environment::new("local", base).expect("valid base URL");
    Client::new(environment, credentials()).expect("client builds")
}

/// A server answering every request with `response`.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(response).mount(&server).await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Error text as a user would see it in logs: Display and Debug.
fn rendered<E: std::fmt::Debug>(err: &Error<E>) -> String {
    format!("{err}\n{err:?}")
}

#[derive(Debug, Serialize)]
#[serde(rename = "createSubscriber")]
struct CreateSubscriber {
    #[serde(rename = "resellerToken")]
    reseller_token: String,
    #[serde(rename = "msisdn")]
    msisdn: String,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename = "createSubscriberResponse")]
struct CreateSubscriberResponse {
    #[serde(rename = "@status")]
    status: String,
    #[serde(rename = "subscriberId")]
    subscriber_id: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename = "error")]
struct ApiError {
    #[serde(rename = "code")]
    code: u32,
    #[serde(rename = "message")]
    message: String,
}

/// What a generated operation does: token from the client, XML body, execute.
async fn create_subscriber(
    client: &Client,
    msisdn: &str,
) -> Result<tango_runtime::ResponseValue<CreateSubscriberResponse>, Error<ApiError>> {
    const OPERATION: &str = "subscribers::create_subscriber";
    let token = client.token(TokenKind::Reseller, OPERATION)?;
    let body = CreateSubscriber { reseller_token: token.expose_secret().to_owned(), msisdn: msisdn.to_owned() };
    let xml = codec::to_xml(&body).map_err(|e| Error::invalid_request(OPERATION, e))?;
    let call = Call::new(OPERATION, Method::POST, "/subscribers", "/subscribers").with_body(RequestBody::Xml(xml));
    client.execute(call, Format::Xml, Format::Xml).await
}

#[tokio::test]
async fn xml_post_sends_token_in_body_and_decodes_response() {
    let server = server_answering(
        ResponseTemplate::new(201)
            .insert_header("x-request-id", "r-1")
            .set_body_raw(
                r#"<?xml version="1.0"?><createSubscriberResponse status="ok"><subscriberId>42</subscriberId></createSubscriberResponse>"#,
                "application/xml",
            ),
    )
    .await;
    let client = client_for(&server.uri());

    let response = create_subscriber(&client, "15550001").await.expect("succeeds");

    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers().get("x-request-id").and_then(|v| v.to_str().ok()), Some("r-1"));
    assert_eq!(response.into_inner(), CreateSubscriberResponse { status: "ok".into(), subscriber_id: 42 });
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/subscribers");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "content-type"), Some("application/xml"));
    assert_eq!(header(&request, "accept"), Some("application/xml"));
    assert_eq!(header(&request, "user-agent"), Some(concat!("tango-runtime/", env!("CARGO_PKG_VERSION"))));
    let expected_body = format!(
        "<createSubscriber><resellerToken>{RESELLER}</resellerToken><msisdn>15550001</msisdn></createSubscriber>"
    );
    assert_eq!(request.body, expected_body.as_bytes());
    testing::assert_xml_equivalent(&expected_body, &String::from_utf8_lossy(&request.body));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Lookup {
    #[serde(rename = "msisdn")]
    msisdn: String,
    #[serde(rename = "state")]
    state: String,
}

#[tokio::test]
async fn form_get_sends_secret_query_param() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw("msisdn=%2B15550001&state=active", "application/x-www-form-urlencoded"),
    )
    .await;
    let client = client_for(&server.uri());
    let token = client.token::<()>(TokenKind::Distributor, "lookup").expect("configured");
    let call = Call::new("lookups::subscriber", Method::GET, "/lookup", "/lookup")
        .with_query(Param::new("msisdn", "+15550001"))
        .with_query(Param::secret("token", token));

    let response = client.execute::<Lookup, ()>(call, Format::Form, Format::Text).await.expect("succeeds");

    assert_eq!(*response, Lookup { msisdn: "+15550001".into(), state: "active".into() });
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        vec![("msisdn".to_owned(), "+15550001".to_owned()), ("token".to_owned(), DISTRIBUTOR.to_owned())]
    );
    assert_eq!(header(&request, "content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn form_post_4xx_error_does_not_reveal_the_token() {
    // The server echoes the token back, as some do in "invalid token" messages.
    let server = server_answering(
        ResponseTemplate::new(400).set_body_string(format!("Invalid token {DISTRIBUTOR} for account 77")),
    )
    .await;
    let client = client_for(&server.uri());
    let token = client.token::<()>(TokenKind::Distributor, "x").expect("configured");
    let call = Call::new("accounts::suspend", Method::POST, "/accounts/:id/suspend", "/accounts/77/suspend")
        .with_query(Param::secret("token", token))
        .with_body(RequestBody::Form(vec![
            Param::new("reason", "fraud check"),
            Param::secret("distributorToken", token),
        ]));

    let err = client.execute::<(), ()>(call, Format::Empty, Format::Empty).await.expect_err("400");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/accounts/77/suspend");
    assert_eq!(header(&request, "content-type"), Some("application/x-www-form-urlencoded"));
    let expected_form = format!("reason=fraud+check&distributorToken={DISTRIBUTOR}");
    assert_eq!(request.body, expected_form.as_bytes());
    assert_eq!(request.url.query(), Some(format!("token={DISTRIBUTOR}").as_str()));

    let text = rendered(&err);
    assert!(!text.contains(DISTRIBUTOR), "token leaked: {text}");
    assert!(!text.contains("s3cr3t"), "token leaked: {text}");
    assert!(text.contains("accounts::suspend"), "{text}");
    assert!(text.contains("400 Bad Request"), "{text}");
    let redacted_url = format!("{}/accounts/77/suspend?token=<redacted>", server.uri());
    assert!(text.contains(&redacted_url), "{text}");
    assert_eq!(err.url(), Some(redacted_url.as_str()));
    match err {
        Error::Api { status, message, body, .. } => {
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(message, "Invalid token <redacted> for account 77");
            assert_eq!(body.as_deref(), Some(&()));
        }
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Activation {
    #[serde(rename = "iccid")]
    iccid: String,
    #[serde(rename = "count")]
    count: u32,
}

#[tokio::test]
async fn json_round_trip() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"count": 2, "iccid": "8901"}"#, "application/json"),
    )
    .await;
    let client = client_for(&server.uri());
    let payload = Activation { iccid: "0089".into(), count: 1 };
    let call = Call::new("sims::activate", Method::PUT, "/sims", "/sims")
        .with_body(RequestBody::Json(codec::to_json(&payload).expect("encodes")));

    let response = client.execute::<Activation, ()>(call, Format::Json, Format::Json).await.expect("succeeds");

    assert_eq!(response.into_inner(), Activation { iccid: "8901".into(), count: 2 });
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    testing::assert_json_equivalent(r#"{"iccid": "0089", "count": 1.0}"#, &String::from_utf8_lossy(&request.body));
}

#[tokio::test]
async fn empty_2xx_into_unit() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = client_for(&server.uri());
    let call = Call::new("subscribers::delete", Method::DELETE, "/s/:id", "/s/9");

    let response = client.execute::<(), ()>(call, Format::Empty, Format::Empty).await.expect("succeeds");

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&only_request(&server).await, "accept"), Some("*/*"));
}

#[tokio::test]
async fn empty_2xx_into_a_struct_is_an_empty_body_error() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let client = client_for(&server.uri());
    let err = create_subscriber(&client, "1").await.expect_err("empty body");
    match err {
        Error::EmptyBody { status, expected, attempts, .. } => {
            assert_eq!(status, StatusCode::OK);
            assert_eq!(expected, Format::Xml);
            assert_eq!(attempts.count(), 1);
        }
        other => panic!("expected EmptyBody, got {other:?}"),
    }
}

#[tokio::test]
async fn text_message_2xx_into_string() {
    let server = server_answering(ResponseTemplate::new(200).set_body_string("Subscriber 42 created")).await;
    let client = client_for(&server.uri());
    let call = Call::new("subscribers::touch", Method::POST, "/touch", "/touch");

    let response = client.execute::<String, ()>(call, Format::Text, Format::Text).await.expect("succeeds");

    assert_eq!(response.into_inner(), "Subscriber 42 created");
}

#[tokio::test]
async fn xml_error_body_decodes_into_typed_error() {
    let server =
        server_answering(ResponseTemplate::new(422).set_body_raw(
            "<error><code>1007</code><message>MSISDN already in use</message></error>",
            "application/xml",
        ))
        .await;
    let client = client_for(&server.uri());

    let err = create_subscriber(&client, "15550001").await.expect_err("422");

    assert_eq!(err.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    assert_eq!(err.operation(), "subscribers::create_subscriber");
    assert_eq!(err.api_body(), Some(&ApiError { code: 1007, message: "MSISDN already in use".into() }));
    let Error::Api { message, .. } = &err else {
        panic!("expected Api, got {err:?}");
    };
    assert!(message.contains("MSISDN already in use"), "{message}");
    assert!(err.to_string().contains("HTTP 422 Unprocessable Entity from"), "{err}");
}

#[tokio::test]
async fn text_error_body_keeps_message_without_typed_body() {
    let server = server_answering(ResponseTemplate::new(404).set_body_string("Subscriber not found")).await;
    let client = client_for(&server.uri());

    let err = create_subscriber(&client, "15550001").await.expect_err("404");

    match &err {
        Error::Api { status, message, body, .. } => {
            assert_eq!(*status, StatusCode::NOT_FOUND);
            assert_eq!(message, "Subscriber not found");
            assert_eq!(body, &None);
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert!(err.to_string().ends_with(": Subscriber not found"), "{err}");
}

#[tokio::test]
async fn unauthorized_is_flagged() {
    let server = server_answering(ResponseTemplate::new(401).set_body_string("Unauthorized")).await;
    let client = client_for(&server.uri());

    let err = create_subscriber(&client, "1").await.expect_err("401");

    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
    assert!(!rendered(&err).contains(RESELLER));
}

#[tokio::test]
async fn server_error_is_an_api_error() {
    let server = server_answering(ResponseTemplate::new(503)).await;
    let client = client_for(&server.uri());

    let err = create_subscriber(&client, "1").await.expect_err("503");

    match &err {
        Error::Api { status, message, body, .. } => {
            assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(message, "");
            assert_eq!(body, &None);
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert!(!err.is_unauthorized());
}

#[tokio::test]
async fn truncated_or_non_xml_2xx_is_a_decode_error_with_snippet() {
    for body in ["<createSubscriberResponse status=\"ok\"><subscriberId>4", "<html><body>Gateway says hi</body></html>"]
    {
        let server = server_answering(ResponseTemplate::new(200).set_body_string(body)).await;
        let client = client_for(&server.uri());

        let err = create_subscriber(&client, "1").await.expect_err("bad body");

        match &err {
            Error::Decode { operation, status, source, snippet, .. } => {
                assert_eq!(*operation, "subscribers::create_subscriber");
                assert_eq!(*status, StatusCode::OK);
                assert_eq!(source.format(), Format::Xml);
                assert_eq!(snippet, body);
            }
            other => panic!("expected Decode for {body:?}, got {other:?}"),
        }
        assert!(err.to_string().contains("invalid XML"), "{err}");
    }
}

#[tokio::test]
async fn oversized_body_is_an_error() {
    let server = server_answering(ResponseTemplate::new(200).set_body_string("x".repeat(4096))).await;
    let environment = Environment::new("local", &server.uri()).expect("valid");
    let client = Client::builder(environment, credentials()).max_response_bytes(1024).build().expect("builds");
    let call = Call::new("reports::download", Method::GET, "/report", "/report");

    let err = client.execute::<String, ()>(call, Format::Text, Format::Text).await.expect_err("too large");

    assert!(matches!(err, Error::ResponseTooLarge { limit: 1024, status: StatusCode::OK, .. }), "{err:?}");
    assert!(err.to_string().contains("body larger than 1024 bytes"), "{err}");
}

#[tokio::test]
async fn oversized_chunked_body_without_length_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    // wiremock always sends Content-Length; this server streams chunks without one.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let address = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-type: text/plain\r\n\r\n")
            .await;
        let chunk = format!("{:x}\r\n{}\r\n", 512, "y".repeat(512));
        for _ in 0..8 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    let environment = Environment::new("local", &format!("http://{address}")).expect("valid");
    let client = Client::builder(environment, credentials()).max_response_bytes(1500).build().expect("builds");
    let call = Call::new("reports::stream", Method::GET, "/stream", "/stream");

    let err = client.execute::<String, ()>(call, Format::Text, Format::Text).await.expect_err("too large");

    assert!(matches!(err, Error::ResponseTooLarge { limit: 1500, .. }), "{err:?}");
    server.abort();
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = server_answering(ResponseTemplate::new(200).set_delay(Duration::from_millis(200))).await;
    let environment = Environment::new("local", &server.uri()).expect("valid");
    let client =
        Client::builder(environment, credentials()).timeout(Duration::from_millis(50)).build().expect("builds");
    let call = Call::new("slow::op", Method::GET, "/slow", "/slow")
        .with_query(Param::secret("token", &tango_runtime::Token::new(RESELLER)));

    let err = client.execute::<(), ()>(call, Format::Empty, Format::Empty).await.expect_err("times out");

    assert!(err.is_timeout(), "{err:?}");
    assert!(matches!(err, Error::Transport { timeout: true, .. }), "{err:?}");
    let text = rendered(&err);
    assert!(text.contains("slow::op"), "{text}");
    assert!(text.contains("timed out"), "{text}");
    assert!(text.contains("/slow?token=<redacted>"), "{text}");
    assert!(!text.contains(RESELLER), "{text}");
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
        listener.local_addr().expect("address").port()
    }; // dropped: nothing listens on the port now
    let client = client_for(&format!("http://127.0.0.1:{port}/api"));
    let call = Call::new("ping::ping", Method::GET, "/ping", "/ping")
        .with_query(Param::secret("token", &tango_runtime::Token::new(RESELLER)));

    let err = client.execute::<(), ()>(call, Format::Empty, Format::Empty).await.expect_err("refused");

    match &err {
        Error::Transport { operation, url, timeout, source, attempts } => {
            assert_eq!(*operation, "ping::ping");
            assert_eq!(url, &format!("http://127.0.0.1:{port}/api/ping?token=<redacted>"));
            assert!(!timeout);
            assert!(source.is_connect(), "{source:?}");
            assert!(source.url().is_none(), "source must not carry the URL");
            assert_eq!(attempts.count(), 3, "GET retried after connection refused");
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(err.status(), None);
    let text = rendered(&err);
    assert!(text.contains("ping::ping: request to http://127.0.0.1:"), "{text}");
    assert!(text.contains("failed: could not connect"), "{text}");
    assert!(!text.contains(RESELLER), "{text}");
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    for base in [format!("{}/tango/api", server.uri()), format!("{}/tango/api/", server.uri())] {
        let client = client_for(&base);
        let call = Call::new("subscribers::get", Method::GET, "/subscribers/:id", "/subscribers/a%2Fb");
        client.execute::<(), ()>(call, Format::Empty, Format::Empty).await.expect("succeeds");
    }
    let requests = server.received_requests().await.unwrap_or_default();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, vec!["/tango/api/subscribers/a%2Fb"; 2]);
}

#[tokio::test]
async fn missing_credential_fails_before_sending() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let environment = Environment::new("local", &server.uri()).expect("valid");
    let client = Client::new(environment, Credentials::distributor(DISTRIBUTOR)).expect("builds");

    let err = create_subscriber(&client, "1").await.expect_err("no reseller token");

    assert!(
        matches!(
            err,
            Error::MissingCredential { operation: "subscribers::create_subscriber", kind: TokenKind::Reseller }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "subscribers::create_subscriber: no reseller token configured");
    assert!(server.received_requests().await.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let target = server_answering(ResponseTemplate::new(200)).await;
    let server =
        server_answering(ResponseTemplate::new(302).insert_header("location", format!("{}/elsewhere", target.uri())))
            .await;
    let client = client_for(&server.uri());

    let err = create_subscriber(&client, "1").await.expect_err("302");

    assert_eq!(err.status(), Some(StatusCode::FOUND));
    assert!(target.received_requests().await.unwrap_or_default().is_empty());
}

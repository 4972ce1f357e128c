//! Generated calls against a local HTTP server: what goes on the wire (method, path, query, content type,
//! body, token) and how answers come back (typed bodies, typed errors).

use tango_fixture_client::{groups, subscribers};
use tango_runtime::{Client, Credentials, Environment, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const RESELLER: &str = "reseller-secret-7f3a";
const DISTRIBUTOR: &str = "distributor-secret-91bc";

async fn client_for(server: &MockServer, credentials: Credentials) -> Client {
    let environment = Environment::new("local", &server.uri()).expect("loopback base URL");
    Client::new(environment, credentials).expect("client builds")
}

fn both_tokens() -> Credentials {
    Credentials::new().with_reseller(RESELLER).with_distributor(DISTRIBUTOR)
}

fn only_request(server_requests: Option<Vec<Request>>) -> Request {
    let mut requests = server_requests.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request was sent");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[tokio::test]
async fn xml_command_sends_its_body_with_the_reseller_token_first() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/provisioning/subscribers"))
        .respond_with(ResponseTemplate::new(201).insert_header("content-type", "application/xml").set_body_string(
            "<subscriber><subscriberId>30001</subscriberId><groupId>2001</groupId><status>pending</status>\
                     <numbers><number type=\"mobile\">+14155550100</number></numbers></subscriber>",
        ))
        .mount(&server)
        .await;
    let client = client_for(&server, both_tokens()).await;
    let subscriber = subscribers::Subscriber::new(2001, "Jane", "Doe", "USA").with_zip_code("02134");
    let body = subscribers::CreateSubscriberRequest::new(subscriber);

    let response = subscribers::create_subscriber(&client, &body).await.expect("201 decodes");

    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.subscriber_id, 30001);
    let request = only_request(server.received_requests().await);
    assert_eq!(header(&request, "content-type"), "application/xml");
    let sent = String::from_utf8(request.body.clone()).expect("UTF-8 body");
    tango_runtime::testing::assert_xml_equivalent(
        &format!(
            "<createSubscriber><token>{RESELLER}</token><subscriber><groupId>2001</groupId>\
             <firstName>Jane</firstName><lastName>Doe</lastName><homeLocation>USA</homeLocation>\
             <zipCode>02134</zipCode></subscriber></createSubscriber>"
        ),
        &sent,
    );
}

#[tokio::test]
async fn query_lookup_sends_parameters_and_the_token_in_the_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/provisioning/group"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/xml")
                .set_body_string("<group><groupId>2001</groupId><groupName>Acme Sales</groupName></group>"),
        )
        .mount(&server)
        .await;
    // `Either` prefers the reseller token.
    let client = client_for(&server, both_tokens()).await;
    let params = groups::GetGroupRequest::new("2001").with_include_subscribers("true");

    let group = groups::get_group(&client, &params).await.expect("200 decodes").into_inner();

    assert_eq!(group.group_id, Some(2001));
    assert_eq!(group.group_name.as_deref(), Some("Acme Sales"));
    let request = only_request(server.received_requests().await);
    let query: Vec<(String, String)> =
        request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(
        query,
        [
            ("groupId".to_owned(), "2001".to_owned()),
            ("includeSubscribers".to_owned(), "true".to_owned()),
            ("token".to_owned(), RESELLER.to_owned()),
        ]
    );
}

#[tokio::test]
async fn form_lookup_sends_a_urlencoded_body_with_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/provisioning/groups"))
        .respond_with(ResponseTemplate::new(200).insert_header("content-type", "application/xml").set_body_string(
            "<groups><group><groupId>1</groupId><groupName>A</groupName><homeLocation>FRA</homeLocation>\
                     <subscriberCount>0</subscriberCount></group></groups>",
        ))
        .mount(&server)
        .await;
    let client = client_for(&server, Credentials::reseller(RESELLER)).await;
    let params = groups::ListGroupsRequest::new().with_home_location("FRA").with_limit(100);

    let listed = groups::list_groups(&client, &params).await.expect("200 decodes").into_inner();

    assert_eq!(listed.group.len(), 1);
    assert_eq!(listed.group[0].home_location, "FRA");
    let request = only_request(server.received_requests().await);
    assert_eq!(header(&request, "content-type"), "application/x-www-form-urlencoded");
    let sent = String::from_utf8(request.body.clone()).expect("UTF-8 body");
    tango_runtime::testing::assert_form_equivalent(&format!("token={RESELLER}&homeLocation=FRA&limit=100"), &sent);
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_into_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/xml")
                .set_body_string("<subscriber><subscriberId>30001</subscriberId></subscriber>"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server, Credentials::reseller(RESELLER)).await;

    let _ = subscribers::get_subscriber_2(&client, &subscribers::GetSubscriber2Params::new("a/b c")).await;

    let request = only_request(server.received_requests().await);
    assert_eq!(request.url.path(), "/provisioning/subscribers/a%2Fb%20c");
}

#[tokio::test]
async fn json_command_sends_json_with_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/provisioning/daypasses"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_string(r#"{"orderId": "DP-1", "status": "ORDERED"}"#),
        )
        .mount(&server)
        .await;
    let client = client_for(&server, Credentials::reseller(RESELLER)).await;
    let body = subscribers::day_passes::OrderDayPassRequest::new(30001, "FRA", 7);

    let order = subscribers::day_passes::order_day_pass(&client, &body).await.expect("200 decodes").into_inner();

    assert_eq!(order.order_id.as_deref(), Some("DP-1"));
    let request = only_request(server.received_requests().await);
    assert_eq!(header(&request, "content-type"), "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(sent["token"], RESELLER);
    assert_eq!(sent["subscriberId"], 30001);
    assert_eq!(sent["destination"], "FRA");
    assert_eq!(sent["days"], 7);
}

#[tokio::test]
async fn a_4xx_xml_error_comes_back_typed_with_the_message_and_no_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/provisioning/group"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("content-type", "application/xml")
                .set_body_string("<error><code>1004</code><message>Group not found</message></error>"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server, Credentials::reseller(RESELLER)).await;

    let error = groups::get_group(&client, &groups::GetGroupRequest::new("9")).await.expect_err("404 is an error");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let body = error.api_body().expect("the error body decodes into its type");
    assert_eq!(body.code, 1004);
    assert_eq!(body.message, "Group not found");
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(RESELLER), "the token leaked into {text}");
        assert!(text.contains("groups::get_group"), "the operation is named in {text}");
    }
}

#[tokio::test]
async fn unauthorized_is_recognisable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string("Unauthorized"))
        .mount(&server)
        .await;
    let client = client_for(&server, Credentials::reseller(RESELLER)).await;
    let body = subscribers::day_passes::OrderDayPassRequest::new(1, "GBR", 1);

    let error = subscribers::day_passes::order_day_pass(&client, &body).await.expect_err("401 is an error");

    assert!(error.is_unauthorized(), "{error}");
}

#[tokio::test]
async fn a_missing_token_fails_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = client_for(&server, Credentials::distributor(DISTRIBUTOR)).await;
    let body = subscribers::CreateSubscriberRequest::new(subscribers::Subscriber::new(1, "A", "B", "GBR"));

    let error = subscribers::create_subscriber(&client, &body).await.expect_err("no reseller token");

    assert!(matches!(error, Error::MissingCredential { .. }), "{error:?}");
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(0));
}

#[test]
fn webhooks_parse_and_check_their_bearer_key() {
    use tango_fixture_client::callbacks;
    let body = br#"{"eventType": "SIM_STATUS", "eventId": "e-1", "timestamp": "2025-05-01T12:00:00Z",
        "subscriberId": 30001, "iccid": "8901260123456789012", "status": "ACTIVE"}"#;
    let key = tango_runtime::Token::new("callback-key");

    let event = callbacks::parse_sim_status(body, Some("Bearer callback-key"), Some(&key)).expect("valid webhook");
    assert_eq!(event.event_type, "SIM_STATUS");
    assert_eq!(event.iccid, "8901260123456789012");

    let wrong = callbacks::parse_sim_status(body, Some("Bearer nope"), Some(&key));
    assert!(matches!(wrong, Err(tango_runtime::webhook::WebhookError::Unauthorized)), "{wrong:?}");
    let garbage = callbacks::parse_sim_status(b"{not json", None, None);
    assert!(matches!(garbage, Err(tango_runtime::webhook::WebhookError::Decode(_))), "{garbage:?}");
}

#[test]
fn an_element_with_attributes_and_no_text_reads_as_empty_text() {
    let number: subscribers::Number =
        tango_runtime::codec::from_xml(r#"<number type="mobile"/>"#).expect("an empty element is valid");
    assert_eq!(number.r#type.as_deref(), Some("mobile"));
    assert_eq!(number.value, "");
}

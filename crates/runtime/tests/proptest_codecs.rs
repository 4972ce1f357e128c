//! Property tests of the codecs, on structs shaped exactly like generated ones (explicit renames,
//! `@attr`, `$text`, `Option` with `empty_as_none`, `Vec` with `default, skip_serializing_if`):
//! every generated value survives serialize-then-deserialize, and arbitrary input never panics a
//! decoder or an equivalence check.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use tango_runtime::{codec, testing, webhook};

/// Cases per round-trip property.
const ROUND_TRIP_CASES: u32 = 512;
/// Cases per "never panics" property.
const ARBITRARY_INPUT_CASES: u32 = 2048;

// ---- types shaped like the generator's output -------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "createSubscriberRequest")]
struct CreateSubscriber {
    #[serde(rename = "@version")]
    version: String,
    #[serde(rename = "@channel", default, skip_serializing_if = "Option::is_none")]
    channel: Option<String>,
    #[serde(rename = "msisdn")]
    msisdn: String,
    #[serde(
        rename = "count",
        default,
        deserialize_with = "tango_runtime::de::empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    count: Option<i64>,
    #[serde(
        rename = "active",
        default,
        deserialize_with = "tango_runtime::de::empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    active: Option<bool>,
    #[serde(
        rename = "rate",
        default,
        deserialize_with = "tango_runtime::de::empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    rate: Option<f64>,
    #[serde(rename = "note", default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(rename = "plan", default, skip_serializing_if = "Vec::is_empty")]
    plans: Vec<Plan>,
    #[serde(rename = "tag", default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    address: Option<Address>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Plan {
    #[serde(rename = "@code")]
    code: String,
    /// `default`: `<plan code="x"/>` has no text node at all, and without it quick-xml fails with
    /// "missing field `$text`" (found by this test; the generator must emit it too).
    #[serde(rename = "$text", default)]
    text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Address {
    #[serde(rename = "zip")]
    zip: String,
    #[serde(rename = "street", default, skip_serializing_if = "Option::is_none")]
    street: Option<String>,
    #[serde(rename = "line", default, skip_serializing_if = "Vec::is_empty")]
    lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct UsageReport {
    #[serde(rename = "resellerToken")]
    reseller_token: String,
    #[serde(rename = "iccid")]
    iccid: String,
    #[serde(rename = "usedBytes", default, skip_serializing_if = "Option::is_none")]
    used_bytes: Option<i64>,
    #[serde(rename = "roaming", default, skip_serializing_if = "Option::is_none")]
    roaming: Option<bool>,
    #[serde(rename = "price", default, skip_serializing_if = "Option::is_none")]
    price: Option<f64>,
    #[serde(rename = "extra", default, skip_serializing_if = "Option::is_none")]
    extra: Option<serde_json::Value>,
    #[serde(rename = "sessions", default, skip_serializing_if = "Vec::is_empty")]
    sessions: Vec<Session>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Session {
    #[serde(rename = "start")]
    start: String,
    #[serde(rename = "bytes")]
    bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LookupForm {
    #[serde(rename = "msisdn")]
    msisdn: String,
    #[serde(
        rename = "page",
        default,
        deserialize_with = "tango_runtime::de::empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    page: Option<i64>,
    #[serde(
        rename = "detailed",
        default,
        deserialize_with = "tango_runtime::de::empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    detailed: Option<bool>,
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

// ---- strategies --------------------------------------------------------------------------------

/// Text XML 1.0 can carry as data: any `Char`, but no text made only of whitespace (quick-xml
/// drops whitespace-only text nodes, so `"\n"` reads back as `""`: a property of XML data
/// binding, not of these types). Carriage returns are included: `to_xml` writes them as `&#13;`.
fn xml_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::char::range(' ', '~'),
            1 => Just('\n'),
            1 => Just('\t'),
            1 => Just('\r'),
            2 => proptest::char::range('\u{a0}', '\u{d7ff}'),
            1 => proptest::char::range('\u{e000}', '\u{fffd}'),
            1 => proptest::char::range('\u{10000}', '\u{10ffff}'),
        ],
        0..24,
    )
    .prop_map(|chars| {
        let text: String = chars.into_iter().collect();
        if text.trim().is_empty() { String::new() } else { text }
    })
}

/// Finite floats (NaN is not equal to itself).
fn finite() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("finite", |f| f.is_finite())
}

fn plan() -> impl Strategy<Value = Plan> {
    (xml_text(), xml_text()).prop_map(|(code, text)| Plan { code, text })
}

fn address() -> impl Strategy<Value = Address> {
    (xml_text(), proptest::option::of(xml_text()), proptest::collection::vec(xml_text(), 0..3))
        .prop_map(|(zip, street, lines)| Address { zip, street, lines })
}

fn create_subscriber() -> impl Strategy<Value = CreateSubscriber> {
    (
        (xml_text(), proptest::option::of(xml_text()), xml_text()),
        (any::<Option<i64>>(), any::<Option<bool>>(), proptest::option::of(finite()), proptest::option::of(xml_text())),
        (proptest::collection::vec(plan(), 0..3), proptest::collection::vec(xml_text(), 0..3)),
        proptest::option::of(address()),
    )
        .prop_map(|((version, channel, msisdn), (count, active, rate, note), (plans, tags), address)| {
            CreateSubscriber { version, channel, msisdn, count, active, rate, note, plans, tags, address }
        })
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        finite().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..4)
                .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn usage_report() -> impl Strategy<Value = UsageReport> {
    (
        (any::<String>(), any::<String>()),
        (any::<Option<i64>>(), any::<Option<bool>>(), proptest::option::of(finite())),
        // `Some(null)` and `None` are the same on the wire (`"extra": null` or absent).
        proptest::option::of(json_value().prop_filter("not null", |v| !v.is_null())),
        proptest::collection::vec(
            (any::<String>(), any::<i64>()).prop_map(|(start, bytes)| Session { start, bytes }),
            0..3,
        ),
    )
        .prop_map(|((reseller_token, iccid), (used_bytes, roaming, price), extra, sessions)| UsageReport {
            reseller_token,
            iccid,
            used_bytes,
            roaming,
            price,
            extra,
            sessions,
        })
}

fn lookup_form() -> impl Strategy<Value = LookupForm> {
    (any::<String>(), any::<Option<i64>>(), any::<Option<bool>>(), proptest::option::of(any::<String>()))
        .prop_map(|(msisdn, page, detailed, state)| LookupForm { msisdn, page, detailed, state })
}

/// Strings that look like XML: tags, attributes, entities, CDATA, DOCTYPEs and text glued at
/// random, so the decoders get past the first byte.
fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<createSubscriberRequest version=\"1\">".to_owned()),
        Just("</createSubscriberRequest>".to_owned()),
        Just("<msisdn>".to_owned()),
        Just("</msisdn>".to_owned()),
        Just("<count>".to_owned()),
        Just("</count>".to_owned()),
        Just("<plan code=\"a\">".to_owned()),
        Just("</plan>".to_owned()),
        Just("<address><zip>".to_owned()),
        Just("</zip></address>".to_owned()),
        Just("<tag/>".to_owned()),
        Just("&amp;".to_owned()),
        Just("&lol;".to_owned()),
        Just("&#x0;".to_owned()),
        Just("&#1114112;".to_owned()),
        Just("<![CDATA[x]]>".to_owned()),
        Just("<!DOCTYPE a [<!ENTITY lol \"lol\">]>".to_owned()),
        Just("<?xml version=\"1.0\"?>".to_owned()),
        Just("<!-- c -->".to_owned()),
        Just("<a xmlns:p=\"u\"><p:b/></a>".to_owned()),
        "[ -~]{0,8}",
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

// ---- properties --------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(ROUND_TRIP_CASES))]

    #[test]
    fn xml_values_survive_a_round_trip(value in create_subscriber()) {
        let xml = codec::to_xml(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: CreateSubscriber = codec::from_xml(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(&back, &value, "{}", xml);
        // The equivalence check used by generated example tests agrees.
        let again = codec::to_xml(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(testing::xml_equivalent(&xml, &again), Ok(()));
    }

    #[test]
    fn json_values_survive_a_round_trip(value in usage_report()) {
        let json = codec::to_json(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: UsageReport = codec::from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &value);
        let text = String::from_utf8_lossy(&json);
        prop_assert_eq!(testing::json_equivalent(&text, &text), Ok(()));
    }

    #[test]
    fn form_values_survive_a_round_trip(value in lookup_form()) {
        let params = codec::to_form(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let text = codec::form_string(&params);
        let back: LookupForm = codec::from_form(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &value, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(ARBITRARY_INPUT_CASES))]

    #[test]
    fn arbitrary_bytes_never_panic_the_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_everything(&bytes);
    }

    #[test]
    fn tag_soup_never_panics_the_decoders(text in tag_soup()) {
        decode_everything(text.as_bytes());
        let _ = testing::xml_equivalent(&text, "<createSubscriberRequest/>");
    }

    #[test]
    fn arbitrary_text_never_panics_the_equivalence_checks(a in ".{0,64}", b in ".{0,64}") {
        let _ = testing::xml_equivalent(&a, &b);
        let _ = testing::json_equivalent(&a, &b);
        let _ = testing::form_equivalent(&a, &b);
    }
}

/// Every decoder the runtime exposes, into several target types. Results are ignored: the
/// property is that none of them panics (proptest reports a panic as a failure).
fn decode_everything(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = codec::from_xml::<CreateSubscriber>(&text);
    let _ = codec::from_xml::<Address>(&text);
    let _ = codec::from_xml::<String>(&text);
    let _ = codec::from_xml::<Vec<Plan>>(&text);
    let _ = codec::from_xml::<()>(&text);
    let _ = codec::from_json::<UsageReport>(bytes);
    let _ = codec::from_json::<serde_json::Value>(bytes);
    let _ = codec::from_form::<LookupForm>(&text);
    let _ = webhook::parse_xml::<CreateSubscriber>(bytes, None, None);
    let _ = webhook::parse_json::<UsageReport>(bytes, Some("Bearer x"), None);
    let _ = testing::xml_equivalent(&text, &text);
    let _ = testing::json_equivalent(&text, &text);
    let _ = testing::form_equivalent(&text, &text);
}

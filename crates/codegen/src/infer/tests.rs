//! Behaviour of the whole inference pipeline, rule by rule (see the module docs and GUIDE.md section 3).

use super::FieldKind::{Attribute, Element, Text};
use super::FieldType::{Any, Bool, Float, Integer, String as Str};
use super::*;

// ---- helpers ----------------------------------------------------------------------------------------------------

fn text_sample(body: &str, origin: &str) -> Sample {
    Sample { body: SampleBody::Text(body.to_owned()), origin: origin.to_owned() }
}

fn form_sample(pairs: &[(&str, &str, bool)], origin: &str) -> Sample {
    let pairs = pairs
        .iter()
        .map(|(key, value, disabled)| FormPair { key: (*key).into(), value: (*value).into(), disabled: *disabled })
        .collect();
    Sample { body: SampleBody::Form(pairs), origin: origin.to_owned() }
}

fn no_vars(_: &str) -> Option<String> {
    None
}

fn run_with(
    root_name: &str,
    format: BodyFormat,
    samples: &[Sample],
    required: &Requiredness,
    resolve_var: &dyn Fn(&str) -> Option<String>,
) -> Option<Inferred> {
    infer(&InferInput { root_name, format, samples, required, resolve_var })
}

fn run(root_name: &str, format: BodyFormat, samples: &[Sample]) -> Inferred {
    run_with(root_name, format, samples, &Requiredness::FromSamples, &no_vars).expect("some sample is usable")
}

/// XML samples named s1, s2, ...
fn xml(bodies: &[&str]) -> Vec<Sample> {
    bodies.iter().enumerate().map(|(i, b)| text_sample(b, &format!("s{}", i + 1))).collect()
}

fn field(rust: &str, wire: &str, kind: FieldKind, ty: FieldType, required: bool) -> Field {
    Field { rust_name: rust.into(), wire_name: wire.into(), kind, ty, required, bound_variable: None, example: None }
}

fn el(rust: &str, wire: &str, ty: FieldType, required: bool) -> Field {
    field(rust, wire, Element, ty, required)
}

fn at(rust: &str, wire: &str, ty: FieldType, required: bool) -> Field {
    field(rust, wire, Attribute, ty, required)
}

fn text(ty: FieldType) -> Field {
    field("value", "$text", Text, ty, true)
}

trait FieldExt {
    fn ex(self, example: &str) -> Self;
    fn bound(self, var: &str) -> Self;
}

impl FieldExt for Field {
    fn ex(mut self, example: &str) -> Self {
        self.example = Some(example.into());
        self
    }
    fn bound(mut self, var: &str) -> Self {
        self.bound_variable = Some(var.into());
        self
    }
}

fn st(name: &str) -> FieldType {
    FieldType::Struct(name.into())
}

fn list(ty: FieldType) -> FieldType {
    FieldType::List(Box::new(ty))
}

fn def(name: &str, wire: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef { name: name.into(), wire_name: wire.into(), fields }
}

fn warnings(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_owned()).collect()
}

// ---- the Tango case -------------------------------------------------------------------------------------------------

const CREATE_SUBSCRIBER: &str = r#"<createSubscriber><token>{{resellertoken}}</token><subscriber><firstName>A</firstName><msisdn>+14155550100</msisdn><homeLocation>USA</homeLocation><device type="sim"><iccid>8901260123456789012</iccid></device><device type="esim"><iccid>8901260123456789013</iccid></device></subscriber></createSubscriber>"#;

const CREATE_SUBSCRIBER_DOC: &str = "Creates a subscriber.\n\n**Mandatory fields**\n\n- `token` - reseller token\n\
    - firstName\n- homeLocation (ISO 3166 alpha-3)\n- iccid\n- lastName\n\n**Optional fields**\n- msisdn\n";

#[test]
fn tango_create_subscriber_with_mandatory_fields_prose() {
    let listed = mandatory_fields(CREATE_SUBSCRIBER_DOC).unwrap();
    assert_eq!(listed, ["token", "firstName", "homeLocation", "iccid", "lastName"]);
    let samples = vec![text_sample(CREATE_SUBSCRIBER, "request body of \"Create Subscriber\"")];
    let resolve = |name: &str| (name == "resellertoken").then(|| "c1c882b8".to_owned());
    let got = run_with("CreateSubscriberRequest", BodyFormat::Xml, &samples, &Requiredness::Listed(listed), &resolve)
        .unwrap();
    let expected = Inferred {
        root: st("CreateSubscriberRequest"),
        root_element: Some("createSubscriber".into()),
        defs: vec![
            def(
                "CreateSubscriberRequest",
                "createSubscriber",
                vec![
                    el("token", "token", Str, true).bound("resellertoken"),
                    // Required because it holds mandatory fields, though the prose does not name it.
                    el("subscriber", "subscriber", st("Subscriber"), true),
                ],
            ),
            def(
                "Subscriber",
                "subscriber",
                vec![
                    el("first_name", "firstName", Str, true).ex("A"),
                    el("msisdn", "msisdn", Str, false).ex("+14155550100"),
                    el("home_location", "homeLocation", Str, true).ex("USA"),
                    el("device", "device", list(st("Device")), false),
                ],
            ),
            def(
                "Device",
                "device",
                vec![
                    at("type", "type", Str, false).ex("sim"),
                    el("iccid", "iccid", Str, true).ex("8901260123456789012"),
                ],
            ),
        ],
        used_samples: vec![0],
        incomplete_samples: vec![],
        warnings: warnings(&["CreateSubscriberRequest: mandatory field `lastName` has no example"]),
    };
    assert_eq!(got, expected);
}

// ---- rule 1: parsing and grouping ---------------------------------------------------------------------------------

#[test]
fn unusable_samples_are_skipped_and_named() {
    let mut samples = xml(&[
        "<Ping><x>",
        "{{header}}<Ping/>{{footer}}",
        "<?xml version=\"1.0\"?><!-- hi --><Ping><x>1</x></Ping>",
        "<Pong/>",
        "<Ping><x>2</x></Ping>",
        "   ",
    ]);
    samples.push(form_sample(&[("a", "1", false)], "s7"));
    let got = run("PingRequest", BodyFormat::Xml, &samples);
    assert_eq!(got.used_samples, [2, 4]);
    assert_eq!(got.root_element.as_deref(), Some("Ping"));
    assert_eq!(got.defs, [def("PingRequest", "Ping", vec![el("x", "x", Integer, true).ex("1")])]);
    assert_eq!(
        got.warnings,
        warnings(&[
            "s1: skipped, not well-formed XML: truncated: <x> is not closed",
            "s2: skipped, not well-formed XML: text outside the root element: \"{{header}}\"",
            "s4: skipped, its root element <Pong> is not <Ping>",
            "s6: skipped, the body is empty",
            "s7: skipped, form fields where a Xml body was expected",
        ])
    );
}

#[test]
fn nothing_usable_gives_none() {
    let samples = xml(&["<a>", "{\"a\": 1}"]);
    assert_eq!(run_with("R", BodyFormat::Xml, &samples, &Requiredness::FromSamples, &no_vars), None);
    let samples = xml(&["{\"a\": [1, 2", "<a/>"]);
    assert_eq!(run_with("R", BodyFormat::Json, &samples, &Requiredness::FromSamples, &no_vars), None);
    assert_eq!(run_with("R", BodyFormat::Json, &[], &Requiredness::FromSamples, &no_vars), None);
}

#[test]
fn xml_text_is_trimmed_unescaped_and_cdata_counts() {
    let got = run("R", BodyFormat::Xml, &xml(&["<r><a>  x &amp; y </a><b><![CDATA[<i>5</i>]]></b><c>&#49;2</c></r>"]));
    assert_eq!(
        got.defs,
        [def(
            "R",
            "r",
            vec![
                el("a", "a", Str, false).ex("x & y"),
                el("b", "b", Str, false).ex("<i>5</i>"),
                el("c", "c", Integer, false).ex("12")
            ]
        )]
    );
}

#[test]
fn json_roots_may_be_arrays_or_scalars() {
    let got = run("ListResponse", BodyFormat::Json, &xml(&[r#"[{"a": 1}, {"a": 2, "b": "x"}]"#]));
    assert_eq!(got.root, list(st("ListResponseItem")));
    assert_eq!(got.root_element, None);
    assert_eq!(
        got.defs,
        [def("ListResponseItem", "", vec![el("a", "a", Integer, true).ex("1"), el("b", "b", Str, false).ex("x")])]
    );
    let got = run("CountResponse", BodyFormat::Json, &xml(&["42", "7"]));
    assert_eq!((got.root, got.defs), (Integer, vec![]));
    let got = run("Nested", BodyFormat::Json, &xml(&[r#"[[{"a": true}]]"#]));
    assert_eq!(got.root, list(list(st("NestedItem"))));
    let got = run("Null", BodyFormat::Json, &xml(&["null"]));
    assert_eq!((got.root, got.warnings), (Any, warnings(&["Null: `$`: only null seen; kept as untyped JSON"])));
}

#[test]
fn form_pairs_disabled_are_seen_but_optional() {
    let samples = vec![
        form_sample(&[("token", "{{resellertoken}}", false), ("name", "A", false), ("count", "3", true)], "f1"),
        form_sample(&[("token", "{{resellertoken}}", false), ("name", "B", false), ("count", "4", false)], "f2"),
    ];
    let got = run("FormRequest", BodyFormat::Form, &samples);
    assert_eq!(got.root_element, None);
    assert_eq!(
        got.defs,
        [def(
            "FormRequest",
            "",
            vec![
                el("token", "token", Str, true).bound("resellertoken"),
                el("name", "name", Str, true).ex("A"),
                el("count", "count", Integer, false).ex("3"),
            ]
        )]
    );
    let listed = Requiredness::Listed(vec!["count".into()]);
    let got = run_with("FormRequest", BodyFormat::Form, &samples, &listed, &no_vars).unwrap();
    let required: Vec<bool> = got.defs[0].fields.iter().map(|f| f.required).collect();
    assert_eq!(required, [false, false, true]);
    assert_eq!(got.warnings, warnings(&["f1: mandatory field `count` is missing"]));
}

#[test]
fn form_text_bodies_are_decoded_and_repeated_keys_are_lists() {
    let got = run("F", BodyFormat::Form, &xml(&["a=1&a=2&b=x+y"]));
    assert_eq!(
        got.defs,
        [def("F", "", vec![el("a", "a", list(Integer), false).ex("1"), el("b", "b", Str, false).ex("x y")])]
    );
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

// ---- rule 2: merging and scalar types -----------------------------------------------------------------------------

#[test]
fn repeated_children_become_lists_in_any_parent() {
    let got = run("R", BodyFormat::Xml, &xml(&["<r><i>1</i></r>", "<r><i>2</i><i>3</i></r>"]));
    assert_eq!(got.defs, [def("R", "r", vec![el("i", "i", list(Integer), false).ex("1")])]);
}

#[test]
fn variables_cast_no_vote() {
    let resolve = |name: &str| match name {
        "num" => Some("abc".to_owned()),
        "count" => Some("12".to_owned()),
        "flag" => Some("true".to_owned()),
        "tmpl" => Some("{{other}}".to_owned()),
        _ => None,
    };
    let samples = xml(&[
        "<r><n>{{num}}</n><c>{{count}}</c><f>{{flag}}</f><u>{{nowhere}}</u><t>{{tmpl}}</t><m>{{a}}</m></r>",
        "<r><n>42</n><c>{{count}}</c><f>{{flag}}</f><u>{{nowhere}}</u><t>{{tmpl}}</t><m>{{b}}</m></r>",
    ]);
    let got = run_with("R", BodyFormat::Xml, &samples, &Requiredness::FromSamples, &resolve).unwrap();
    assert_eq!(
        got.defs[0].fields,
        [
            el("n", "n", Integer, true).ex("42"),
            el("c", "c", Integer, true).bound("count"),
            el("f", "f", Bool, true).bound("flag"),
            el("u", "u", Str, true).bound("nowhere"),
            el("t", "t", Str, true).bound("tmpl"),
            el("m", "m", Str, true),
        ]
    );
}

#[test]
fn scalars_are_conservative() {
    let samples = xml(&[
        "<r><b>true</b><B>True</B><i>-12</i><p>+14155550100</p><z>02134</z><iccid>89012601234567890123</iccid><d>1.5</d><e/><big>123456789012345678</big></r>",
        "<r><b>false</b><B>false</B><i>0</i><p>+14155550101</p><z>10001</z><iccid>1</iccid><d>2</d><e>5</e><big>1234567890123456789</big></r>",
    ]);
    let got = run("R", BodyFormat::Xml, &samples);
    let types: Vec<(&str, &FieldType)> = got.defs[0].fields.iter().map(|f| (f.wire_name.as_str(), &f.ty)).collect();
    assert_eq!(
        types,
        [
            ("b", &Bool),
            ("B", &Str),
            ("i", &Integer),
            ("p", &Str),
            ("z", &Str),
            ("iccid", &Str),
            ("d", &Str),
            ("e", &Str),
            ("big", &Str)
        ]
    );
    assert_eq!(got.defs[0].fields[1].rust_name, "b_2");
    assert_eq!(got.defs[0].fields[7].example.as_deref(), Some("5"));
}

#[test]
fn json_kinds_decide_types() {
    let samples = xml(&[
        r#"{"s": "123", "i": 5, "f": 1.5, "n": 1, "b": true, "o": {"k": 1}, "e": {}, "l": [], "z": null, "c": 1, "x": 9223372036854775808, "li": [1, 2]}"#,
        r#"{"s": "x", "i": -3, "f": 2, "n": 2.5, "b": false, "o": {"k": 2}, "e": {}, "l": [], "z": null, "c": "one", "li": [1, null]}"#,
    ]);
    let got = run("J", BodyFormat::Json, &samples);
    assert_eq!(got.root, st("J"));
    assert_eq!(
        got.defs,
        [
            def(
                "J",
                "",
                vec![
                    el("s", "s", Str, true).ex("123"),
                    el("i", "i", Integer, true).ex("5"),
                    el("f", "f", Float, true).ex("1.5"),
                    el("n", "n", Float, true).ex("1"),
                    el("b", "b", Bool, true).ex("true"),
                    el("o", "o", st("O"), true),
                    el("e", "e", Any, true),
                    el("l", "l", Any, true),
                    el("z", "z", Any, false),
                    el("c", "c", Any, true),
                    el("x", "x", Float, false).ex("9223372036854775808"),
                    el("li", "li", list(Any), false),
                ]
            ),
            def("O", "o", vec![el("k", "k", Integer, true).ex("1")]),
        ]
    );
    assert_eq!(
        got.warnings,
        warnings(&[
            "J: `$.e`: only {} seen; kept as untyped JSON",
            "J: `$.l`: only [] seen; kept as untyped JSON",
            "J: `$.z`: only null seen; kept as untyped JSON",
            "J: `$.c`: conflicting JSON kinds (string, integer) in s1, s2; kept as untyped JSON",
            "J: `$.li[]`: conflicting JSON kinds (integer, null) in s1, s2; kept as untyped JSON",
        ])
    );
}

#[test]
fn json_null_makes_optional_and_variables_resolve_by_spot() {
    let resolve = |name: &str| match name {
        "n" => Some("5".to_owned()),
        "f" => Some("true".to_owned()),
        "q" => Some("7".to_owned()),
        "r" => Some("2.5".to_owned()),
        _ => None,
    };
    let samples = xml(&[
        r#"{"count": {{n}}, "flag": {{f}}, "quoted": "{{q}}", "ratio": {{r}}, "bare": {{unknown}}, "note": null, "id": 1}"#,
        r#"{"count": {{n}}, "flag": {{f}}, "quoted": "{{q}}", "ratio": {{r}}, "bare": {{unknown}}, "note": "x", "id": 2}"#,
    ]);
    let got = run_with("J", BodyFormat::Json, &samples, &Requiredness::FromSamples, &resolve).unwrap();
    assert_eq!(
        got.defs[0].fields,
        [
            el("count", "count", Integer, true).bound("n"),
            el("flag", "flag", Bool, true).bound("f"),
            el("quoted", "quoted", Str, true).bound("q"),
            el("ratio", "ratio", Float, true).bound("r"),
            el("bare", "bare", Str, true).bound("unknown"),
            el("note", "note", Str, false).ex("x"),
            el("id", "id", Integer, true).ex("1"),
        ]
    );
    assert_eq!(got.warnings, Vec::<String>::new());
}

#[test]
fn elements_with_attributes_get_a_text_value_field() {
    let got = run("R", BodyFormat::Xml, &xml(&["<r><p>5</p></r>", "<r><p unit=\"kg\">6</p></r>"]));
    assert_eq!(
        got.defs,
        [
            def("R", "r", vec![el("p", "p", st("P"), true)]),
            def("P", "p", vec![at("unit", "unit", Str, false).ex("kg"), text(Integer).ex("5")]),
        ]
    );
    let got = run("R", BodyFormat::Xml, &xml(&["<r a=\"1\"/>"]));
    assert_eq!(got.defs, [def("R", "r", vec![at("a", "a", Integer, false).ex("1")])]);
    let got = run("R", BodyFormat::Xml, &xml(&["<r>{{v}}</r>"]));
    assert_eq!(got.defs, [def("R", "r", vec![text(Str).bound("v")])]);
}

#[test]
fn mixed_content_keeps_children_and_text_and_warns() {
    let got = run("R", BodyFormat::Xml, &xml(&["<r><v a=\"1\">hello <value>x</value> world</v></r>"]));
    assert_eq!(
        got.defs,
        [
            def("R", "r", vec![el("v", "v", st("V"), false)]),
            def(
                "V",
                "v",
                vec![
                    at("a", "a", Integer, false).ex("1"),
                    text(Str).ex("hello world"),
                    el("value_2", "value", Str, false).ex("x")
                ]
            ),
        ]
    );
    assert_eq!(
        got.warnings,
        warnings(&["s1: `/r/v` mixes text with child elements; the text is kept as field `value`"])
    );
}

// ---- rule 3: requiredness -----------------------------------------------------------------------------------------

#[test]
fn listed_names_match_normalized_at_any_depth() {
    let samples = xml(&[
        "<r><TOKEN>t</TOKEN><sub><home_location>USA</home_location><x id=\"1\"/></sub><items><i>1</i><i>2</i></items></r>",
        "<r><TOKEN>t</TOKEN><sub><x/></sub><items><i>3</i></items></r>",
    ]);
    let listed = Requiredness::Listed(vec![
        "token".into(),
        "Home Location".into(),
        "sub.x.ID".into(),
        "i".into(),
        "ghost".into(),
    ]);
    let got = run_with("R", BodyFormat::Xml, &samples, &listed, &no_vars).unwrap();
    assert_eq!(
        got.defs,
        [
            def(
                "R",
                "r",
                vec![
                    el("token", "TOKEN", Str, true).ex("t"),
                    // Containers of mandatory fields are mandatory; `items` holds only a list.
                    el("sub", "sub", st("Sub"), true),
                    el("items", "items", st("Items"), false)
                ]
            ),
            def(
                "Sub",
                "sub",
                vec![el("home_location", "home_location", Str, true).ex("USA"), el("x", "x", st("X"), true)]
            ),
            def("X", "x", vec![at("id", "id", Integer, true).ex("1")]),
            def("Items", "items", vec![el("i", "i", list(Integer), false).ex("1")]),
        ]
    );
    assert_eq!(
        got.warnings,
        warnings(&[
            "s2: mandatory field `home_location` is missing",
            "s2: mandatory field `id` is missing",
            "R: mandatory field `ghost` has no example",
        ])
    );
    assert_eq!(got.incomplete_samples, [1], "s2 lacks mandatory fields, so it cannot be read as the type");
}

#[test]
fn from_samples_needs_two_parents_holding_the_field() {
    let got = run("R", BodyFormat::Xml, &xml(&["<r><a>1</a><b>x</b></r>"]));
    assert!(got.defs[0].fields.iter().all(|f| !f.required));
    let got = run("R", BodyFormat::Xml, &xml(&["<r x=\"1\"><a>1</a><b>x</b></r>", "<r x=\"2\"><a>2</a></r>"]));
    let required: Vec<(&str, bool)> = got.defs[0].fields.iter().map(|f| (f.wire_name.as_str(), f.required)).collect();
    assert_eq!(required, [("x", true), ("a", true), ("b", false)]);
    // Two parent instances within one sample are enough.
    let got = run("R", BodyFormat::Xml, &xml(&["<r><d><n>1</n></d><d><n>2</n><m>x</m></d></r>"]));
    assert_eq!(got.defs[1], def("D", "d", vec![el("n", "n", Integer, true).ex("1"), el("m", "m", Str, false).ex("x")]));
}

// ---- rule 4: names ------------------------------------------------------------------------------------------------

#[test]
fn struct_names_prefix_the_parent_then_number_and_reuse_same_shapes() {
    let got = run(
        "Root",
        BodyFormat::Xml,
        &xml(&["<r><address><street>x</street></address><subscriberAddress><a>1</a></subscriberAddress>\
                <subscriber><address><zip>0</zip></address></subscriber><billing><address><city>c</city></address></billing>\
                <shipping><address><street>y</street></address></shipping><root><q>1</q></root></r>"]),
    );
    let names: Vec<(&str, Vec<&FieldType>)> =
        got.defs.iter().map(|d| (d.name.as_str(), d.fields.iter().map(|f| &f.ty).collect())).collect();
    assert_eq!(
        names,
        [
            (
                "Root",
                vec![
                    &st("Address"),
                    &st("SubscriberAddress"),
                    &st("Subscriber"),
                    &st("Billing"),
                    &st("Shipping"),
                    &st("RootRoot")
                ]
            ),
            ("Address", vec![&Str]),
            ("SubscriberAddress", vec![&Integer]),
            ("Subscriber", vec![&st("Address2")]),
            ("Address2", vec![&Integer]),
            ("Billing", vec![&st("BillingAddress")]),
            ("BillingAddress", vec![&Str]),
            ("Shipping", vec![&st("Address")]),
            ("RootRoot", vec![&Integer]),
        ]
    );
    assert_eq!(got.defs[1].fields[0].example.as_deref(), Some("x"));
}

#[test]
fn field_names_are_unique_and_come_from_local_names() {
    let got = run(
        "R",
        BodyFormat::Xml,
        &xml(&["<r id=\"1\" xmlns:ns=\"urn:x\"><id>2</id><Id>3</Id><ns:tag>t</ns:tag><a.b>1</a.b><x-y>2</x-y>\
                <🎉>?</🎉><type>k</type><ns:item><v>1</v></ns:item><🎈><w>1</w></🎈></r>"]),
    );
    let names: Vec<(&str, &str, FieldKind)> =
        got.defs[0].fields.iter().map(|f| (f.rust_name.as_str(), f.wire_name.as_str(), f.kind)).collect();
    assert_eq!(
        names,
        [
            ("id", "id", Attribute),
            ("xmlns_ns", "xmlns:ns", Attribute),
            ("id_2", "id", Element),
            ("id_3", "Id", Element),
            ("tag", "ns:tag", Element),
            ("a_b", "a.b", Element),
            ("x_y", "x-y", Element),
            ("field", "🎉", Element),
            ("type", "type", Element),
            ("item", "ns:item", Element),
            ("field_2", "🎈", Element),
        ]
    );
    let struct_names: Vec<(&str, &str)> = got.defs.iter().map(|d| (d.name.as_str(), d.wire_name.as_str())).collect();
    assert_eq!(struct_names, [("R", "r"), ("Item", "ns:item"), ("Type", "🎈")]);
}

#[test]
fn inference_is_deterministic() {
    let samples = xml(&[CREATE_SUBSCRIBER, "<createSubscriber><zeta>1</zeta><alpha>2</alpha></createSubscriber>"]);
    let first = run("C", BodyFormat::Xml, &samples);
    let wires: Vec<&str> = first.defs[0].fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wires, ["token", "subscriber", "zeta", "alpha"]);
    for _ in 0..5 {
        assert_eq!(run("C", BodyFormat::Xml, &samples), first);
    }
}

// ---- rule 5: examples ---------------------------------------------------------------------------------------------

#[test]
fn examples_are_the_first_literal_cut_to_80_chars() {
    let long = "x".repeat(100);
    let got =
        run("R", BodyFormat::Xml, &xml(&["<r><a>{{v}}</a><b></b></r>", &format!("<r><a>{long}</a><b>2</b></r>")]));
    assert_eq!(got.defs[0].fields[0].example, Some("x".repeat(80)));
    assert_eq!(got.defs[0].fields[1].example.as_deref(), Some("2"));
}

// ---- rule 7: module registry --------------------------------------------------------------------------------------

fn graph(root: &str, defs: Vec<TypeDef>) -> Inferred {
    Inferred {
        root: st(root),
        root_element: None,
        defs,
        used_samples: vec![0],
        incomplete_samples: vec![],
        warnings: vec![],
    }
}

#[test]
fn module_types_share_same_shapes_and_rename_different_ones() {
    let street = el("street", "street", Str, true);
    let zip = el("zip", "zip", Str, false);
    let subscriber = |address: &str| {
        def(
            "Subscriber",
            "subscriber",
            vec![el("name", "name", Str, true), el("address", "address", st(address), false)],
        )
    };
    let request = |name: &str, sub: &str| def(name, "r", vec![el("subscriber", "subscriber", st(sub), true)]);

    let mut module = ModuleTypes::new();
    let op1 = graph(
        "CreateRequest",
        vec![
            request("CreateRequest", "Subscriber"),
            subscriber("Address"),
            def("Address", "address", vec![street.clone()]),
        ],
    );
    assert_eq!(module.add(op1.clone()), op1);

    let op2 = graph(
        "UpdateRequest",
        vec![
            request("UpdateRequest", "Subscriber"),
            subscriber("Address"),
            def("Address", "address", vec![street.clone(), zip.clone()]),
        ],
    );
    let got = module.add(op2);
    assert_eq!(got.root, st("UpdateRequest"));
    assert_eq!(
        got.defs,
        [
            request("UpdateRequest", "UpdateRequestSubscriber"),
            TypeDef { name: "UpdateRequestSubscriber".into(), ..subscriber("UpdateRequestAddress") },
            def("UpdateRequestAddress", "address", vec![street.clone(), zip.clone()]),
        ]
    );

    // Same root name again: numbered, never merged; its identical children are reused (example ignored).
    let op3 = graph(
        "CreateRequest",
        vec![
            request("CreateRequest", "Subscriber"),
            subscriber("Address"),
            def("Address", "address", vec![street.clone().ex("Main St")]),
        ],
    );
    let got = module.add(op3);
    assert_eq!(got.root, st("CreateRequest2"));
    assert_eq!(got.defs, [request("CreateRequest2", "Subscriber")]);

    // Prefix taken by another struct of the same graph: numbered instead.
    let op4 = graph(
        "DeleteRequest",
        vec![
            def(
                "DeleteRequest",
                "r",
                vec![
                    el("address", "address", st("Address"), true),
                    el("dra", "deleteRequestAddress", st("DeleteRequestAddress"), true),
                ],
            ),
            def("Address", "address", vec![zip.clone()]),
            def("DeleteRequestAddress", "deleteRequestAddress", vec![street.clone(), zip.clone()]),
        ],
    );
    let got = module.add(op4);
    let names: Vec<&str> = got.defs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["DeleteRequest", "Address2", "DeleteRequestAddress"]);
    assert_eq!(got.defs[0].fields[0].ty, st("Address2"));

    let all: Vec<&str> = module.defs().iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        all,
        [
            "CreateRequest",
            "Subscriber",
            "Address",
            "UpdateRequest",
            "UpdateRequestSubscriber",
            "UpdateRequestAddress",
            "CreateRequest2",
            "DeleteRequest",
            "Address2",
            "DeleteRequestAddress",
        ]
    );
}

#[test]
fn module_types_number_list_roots_and_pass_scalars_through() {
    let mut module = ModuleTypes::new();
    let item = def("ListItem", "", vec![el("a", "a", Integer, true)]);
    let listed = Inferred {
        root: list(st("ListItem")),
        root_element: None,
        defs: vec![item.clone()],
        used_samples: vec![0],
        incomplete_samples: vec![],
        warnings: vec![],
    };
    assert_eq!(module.add(listed.clone()), listed);
    let again = module.add(listed);
    assert_eq!(again.root, list(st("ListItem2")));
    assert_eq!(again.defs, [TypeDef { name: "ListItem2".into(), ..item }]);
    let scalar = Inferred {
        root: Integer,
        root_element: None,
        defs: vec![],
        used_samples: vec![0],
        incomplete_samples: vec![],
        warnings: vec![],
    };
    assert_eq!(module.add(scalar.clone()), scalar);
    assert_eq!(module.defs().len(), 2);
}

#[test]
fn module_types_reuse_inferred_graphs() {
    let mut module = ModuleTypes::new();
    let a = run("GetARequest", BodyFormat::Xml, &xml(&["<getA><address><street>x</street></address></getA>"]));
    let b = run("GetBRequest", BodyFormat::Xml, &xml(&["<getB><address><street>y</street></address></getB>"]));
    module.add(a);
    let b = module.add(b);
    assert_eq!(b.defs, [def("GetBRequest", "getB", vec![el("address", "address", st("Address"), false)])]);
}

// ---- robustness ---------------------------------------------------------------------------------------------------

#[test]
fn deep_documents_are_skipped_with_a_warning() {
    let deep_xml = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
    let deep_json = "{\"a\":".repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1);
    let samples = xml(&[&deep_xml]);
    assert_eq!(run_with("R", BodyFormat::Xml, &samples, &Requiredness::FromSamples, &no_vars), None);
    let samples = xml(&[&deep_json, "{\"b\": 1}"]);
    let got = run("R", BodyFormat::Json, &samples);
    assert_eq!(got.used_samples, [1]);
    assert_eq!(got.warnings, warnings(&["s1: skipped, not valid JSON: values nest deeper than 64 levels"]));
    let ok = "<a>".repeat(MAX_DEPTH) + "1" + &"</a>".repeat(MAX_DEPTH);
    let got = run("R", BodyFormat::Xml, &xml(&[&ok]));
    assert_eq!(got.defs.len(), MAX_DEPTH - 1);
    let hostile = "[".repeat(100_000);
    assert_eq!(run_with("R", BodyFormat::Json, &xml(&[&hostile]), &Requiredness::FromSamples, &no_vars), None);
}

#[test]
fn huge_repeated_lists_merge() {
    let items: String = (0..20_000).map(|i| format!("<item id=\"{i}\"><n>{i}</n></item>")).collect();
    let got = run("R", BodyFormat::Xml, &xml(&[&format!("<r>{items}</r>")]));
    assert_eq!(
        got.defs,
        [
            def("R", "r", vec![el("item", "item", list(st("Item")), false)]),
            def("Item", "item", vec![at("id", "id", Integer, true).ex("0"), el("n", "n", Integer, true).ex("0")]),
        ]
    );
    let numbers: Vec<String> = (0..20_000).map(|i| i.to_string()).collect();
    let got = run("L", BodyFormat::Json, &xml(&[&format!("[{}]", numbers.join(","))]));
    assert_eq!(got.root, list(Integer));
}

#[test]
fn json_duplicate_keys_and_odd_names() {
    let got = run("J", BodyFormat::Json, &xml(&[r#"{"a": 1, "a": "x", "🎉": 1, "x-y": {"$k": 2}, "": 3}"#]));
    let fields: Vec<(&str, &str, &FieldType)> =
        got.defs[0].fields.iter().map(|f| (f.rust_name.as_str(), f.wire_name.as_str(), &f.ty)).collect();
    assert_eq!(
        fields,
        [("a", "a", &Str), ("field", "🎉", &Integer), ("x_y", "x-y", &st("XY")), ("field_2", "", &Integer)]
    );
    assert_eq!(got.defs[1].fields[0].rust_name, "k");
}

#[test]
fn malformed_inputs_never_panic() {
    let bodies = [
        "",
        "<",
        "<a",
        "<a>",
        "</a>",
        "<a></b>",
        "<a b=>",
        "<a b='1' b='2'/>",
        "<!DOCTYPE",
        "<![CDATA[x",
        "<a>&#0;</a>",
        "<a>&#xFFFFFFFF;</a>",
        "<?xml?>",
        "{",
        "[",
        "{\"a\":}",
        "{{x}}",
        "\u{0}",
        "<a>\u{0}</a>",
        "{\"a\": {{b\"}}}",
        "<a:b:c/>",
        "<:a/>",
        "&",
        "{\"\\ud800\": 1}",
    ];
    for body in bodies {
        for format in [BodyFormat::Xml, BodyFormat::Json, BodyFormat::Form] {
            let _ = run_with("R", format, &xml(&[body]), &Requiredness::Listed(vec!["a".into()]), &no_vars);
        }
        let _ = xml_root_name(body);
        let _ = mandatory_fields(body);
    }
}

#[test]
fn fields_seen_later_keep_their_place_between_known_neighbours() {
    // The second device has `eid` between `iccid` and `label`; the third starts with a new `slot`.
    let samples = xml(&[
        "<d><device><iccid>1</iccid><label>a</label></device><device><iccid>2</iccid><eid>e</eid><label>b</label></device>\
         <device><slot>s</slot><iccid>3</iccid></device></d>",
    ]);
    let got = run("D", BodyFormat::Xml, &samples);
    let device = got.defs.iter().find(|d| d.name == "Device").expect("Device struct");
    let wires: Vec<&str> = device.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wires, ["slot", "iccid", "eid", "label"]);
}

#[test]
fn nested_structs_never_take_names_the_generated_code_uses() {
    let samples = xml(&["<AddResponse><string lang=\"en\">5</string><Error><code>1</code></Error></AddResponse>"]);
    let got = run("AddResponse", BodyFormat::Xml, &samples);
    let names: Vec<&str> = got.defs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["AddResponse", "AddResponseString", "AddResponseError"]);
}

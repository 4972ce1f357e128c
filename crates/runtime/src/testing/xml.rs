//! XML documents compared as trees.

use std::collections::BTreeMap;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::quote;

/// Deeper documents are rejected rather than risking the stack in the recursive comparison.
const MAX_DEPTH: usize = 256;

/// `Ok(())` when both XML documents are the same tree (see
/// [`assert_xml_equivalent`](super::assert_xml_equivalent)), otherwise the path of the first
/// difference. Several top-level elements (a fragment) are compared in order.
pub fn xml_equivalent(expected: &str, actual: &str) -> Result<(), String> {
    let expected = parse(expected).map_err(|e| format!("expected document is not valid XML: {e}"))?;
    let actual = parse(actual).map_err(|e| format!("actual document is not valid XML: {e}"))?;
    compare_children("", &expected, &actual)
}

#[derive(Debug, PartialEq)]
enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, PartialEq)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Node>,
}

impl Node {
    fn describe(&self) -> String {
        match self {
            Node::Element(element) => format!("element <{}>", element.name),
            Node::Text(text) => format!("text {}", quote(text)),
        }
    }
}

/// Builds the tree: text pieces (text, entity references, CDATA) between two tags are joined,
/// trimmed, and dropped when empty; comments and PIs do not split text.
fn parse(text: &str) -> Result<Vec<Node>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut top: Vec<Node> = Vec::new();
    let mut open: Vec<Element> = Vec::new();
    let mut pending = String::new();
    loop {
        let event = reader.read_event().map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(start) => {
                flush(&mut pending, children_of(&mut open, &mut top));
                if open.len() >= MAX_DEPTH {
                    return Err(format!("nesting deeper than {MAX_DEPTH} elements"));
                }
                open.push(element(&start)?);
            }
            Event::Empty(start) => {
                flush(&mut pending, children_of(&mut open, &mut top));
                let element = element(&start)?;
                children_of(&mut open, &mut top).push(Node::Element(element));
            }
            Event::End(_) => {
                flush(&mut pending, children_of(&mut open, &mut top));
                let closed =
                    open.pop().ok_or_else(|| format!("at byte {}: unmatched end tag", reader.buffer_position()))?;
                children_of(&mut open, &mut top).push(Node::Element(closed));
            }
            Event::Text(t) => pending.push_str(&t.xml10_content()),
            Event::CData(c) => pending.push_str(&c.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(ch)) => pending.push(ch),
                Ok(None) => match resolve_predefined_entity(&r) {
                    Some(replacement) => pending.push_str(replacement),
                    // A DTD-defined entity: compare it literally.
                    None => {
                        pending.push('&');
                        pending.push_str(&r);
                        pending.push(';');
                    }
                },
                Err(e) => return Err(format!("at byte {}: {e}", reader.buffer_position())),
            },
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(format!("unexpected end of document inside <{}>", unclosed.name));
    }
    flush(&mut pending, &mut top);
    Ok(top)
}

fn children_of<'a>(open: &'a mut [Element], top: &'a mut Vec<Node>) -> &'a mut Vec<Node> {
    match open.last_mut() {
        Some(parent) => &mut parent.children,
        None => top,
    }
}

fn flush(pending: &mut String, into: &mut Vec<Node>) {
    let text = pending.trim();
    if !text.is_empty() {
        into.push(Node::Text(text.to_owned()));
    }
    pending.clear();
}

fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = start.name().as_ref().to_owned();
    let mut attributes = BTreeMap::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| format!("in <{name}>: {e}"))?;
        let value = attribute.normalized_value(XmlVersion::Implicit1_0).map_err(|e| format!("in <{name}>: {e}"))?;
        attributes.insert(attribute.key.as_ref().to_owned(), value.into_owned());
    }
    Ok(Element { name, attributes, children: Vec::new() })
}

/// Compares two child lists in order; `path` is the parent's path (`""` for the document).
fn compare_children(path: &str, expected: &[Node], actual: &[Node]) -> Result<(), String> {
    let here = if path.is_empty() { "/" } else { path };
    for index in 0..expected.len().max(actual.len()) {
        match (expected.get(index), actual.get(index)) {
            (Some(Node::Element(e)), Some(Node::Element(a))) => {
                let child_path = format!("{path}/{}", segment(expected, actual, index, &e.name));
                if e.name != a.name {
                    return Err(format!("{child_path}: expected element <{}> got <{}>", e.name, a.name));
                }
                compare_attributes(&child_path, &e.attributes, &a.attributes)?;
                compare_children(&child_path, &e.children, &a.children)?;
            }
            (Some(Node::Text(e)), Some(Node::Text(a))) => {
                if e != a {
                    return Err(format!("{here}: expected {} got {}", quote(e), quote(a)));
                }
            }
            (Some(e), Some(a)) => {
                return Err(format!("{here}: expected {} got {}", e.describe(), a.describe()));
            }
            (Some(e), None) => return Err(format!("{here}: missing {}", e.describe())),
            (None, Some(a)) => return Err(format!("{here}: unexpected {}", a.describe())),
            (None, None) => {}
        }
    }
    Ok(())
}

/// `name`, or `name[k]` (1-based among same-named siblings) when the name repeats.
fn segment(expected: &[Node], actual: &[Node], index: usize, name: &str) -> String {
    let same_name = |node: &Node| matches!(node, Node::Element(e) if e.name == name);
    let repeats =
        expected.iter().filter(|n| same_name(n)).count() > 1 || actual.iter().filter(|n| same_name(n)).count() > 1;
    if !repeats {
        return name.to_owned();
    }
    let position = expected.iter().take(index + 1).filter(|n| same_name(n)).count();
    format!("{name}[{position}]")
}

fn compare_attributes(
    path: &str,
    expected: &BTreeMap<String, String>,
    actual: &BTreeMap<String, String>,
) -> Result<(), String> {
    for (name, value) in expected {
        match actual.get(name) {
            None => {
                return Err(format!("{path}/@{name}: missing attribute (expected {})", quote(value)));
            }
            Some(got) if got != value => {
                return Err(format!("{path}/@{name}: expected {} got {}", quote(value), quote(got)));
            }
            Some(_) => {}
        }
    }
    match actual.iter().find(|(name, _)| !expected.contains_key(*name)) {
        Some((name, value)) => Err(format!("{path}/@{name}: unexpected attribute {}", quote(value))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(expected: &str, actual: &str) -> String {
        xml_equivalent(expected, actual).expect_err("documents should differ")
    }

    #[test]
    fn ignores_formatting_comments_declaration_and_attribute_order() {
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE createSubscriber>
<createSubscriber a="1" b="2">
    <!-- a comment -->
    <token>abc</token>
    <?pi data?>
    <empty/>
</createSubscriber>"#;
        let actual = r#"<createSubscriber b="2" a='1'><token>  abc
</token><empty></empty></createSubscriber>"#;
        assert_eq!(xml_equivalent(expected, actual), Ok(()));
    }

    #[test]
    fn entities_cdata_and_char_refs_are_text() {
        assert_eq!(
            xml_equivalent("<a t=\"x&amp;y\">&lt;b&gt; &#65;&#x42;</a>", "<a t='x&#38;y'><![CDATA[<b> AB]]></a>"),
            Ok(())
        );
        assert_eq!(xml_equivalent("<a>x<!-- c -->y</a>", "<a>xy</a>"), Ok(()));
        assert_eq!(xml_equivalent("<a>&custom;</a>", "<a>&custom;</a>"), Ok(()));
    }

    #[test]
    fn reports_text_difference_with_indexed_path() {
        let expected = "<createSubscriber><subscriber><msisdn>1</msisdn></subscriber>\
                        <subscriber><msisdn>1</msisdn></subscriber></createSubscriber>";
        let actual = "<createSubscriber><subscriber><msisdn>1</msisdn></subscriber>\
                      <subscriber><msisdn>2</msisdn></subscriber></createSubscriber>";
        assert_eq!(diff(expected, actual), r#"/createSubscriber/subscriber[2]/msisdn: expected "1" got "2""#);
    }

    #[test]
    fn reports_structure_differences() {
        assert_eq!(diff("<a><b/></a>", "<a><c/></a>"), "/a/b: expected element <b> got <c>");
        assert_eq!(diff("<a><b/><c/></a>", "<a><b/></a>"), "/a: missing element <c>");
        assert_eq!(diff("<a><b/></a>", "<a><b/>tail</a>"), r#"/a: unexpected text "tail""#);
        assert_eq!(diff("<a>x</a>", "<a><x/></a>"), r#"/a: expected text "x" got element <x>"#);
        assert_eq!(diff("<a/>", "<b/>"), "/a: expected element <a> got <b>");
        assert_eq!(diff("<a/>", "<a/><a/>"), "/: unexpected element <a>");
        assert_eq!(diff("<a><b/><b/></a>", "<a><b/></a>"), "/a: missing element <b>");
    }

    #[test]
    fn reports_attribute_differences() {
        assert_eq!(diff(r#"<a x="1"/>"#, r#"<a x="2"/>"#), r#"/a/@x: expected "1" got "2""#);
        assert_eq!(diff(r#"<a x="1"/>"#, r#"<a/>"#), r#"/a/@x: missing attribute (expected "1")"#);
        assert_eq!(diff(r#"<a/>"#, r#"<a y="3"/>"#), r#"/a/@y: unexpected attribute "3""#);
    }

    #[test]
    fn names_keep_their_prefix() {
        assert_eq!(
            diff("<s:Envelope/>", "<soap:Envelope/>"),
            "/s:Envelope: expected element <s:Envelope> got <soap:Envelope>"
        );
    }

    #[test]
    fn malformed_documents_are_errors_not_panics() {
        let err = diff("<a><b></a>", "<a/>");
        assert!(err.starts_with("expected document is not valid XML"), "{err}");
        let err = diff("<a/>", "<a>");
        assert_eq!(err, "actual document is not valid XML: unexpected end of document inside <a>");
        let err = diff("<a/>", "</a>");
        assert!(err.starts_with("actual document is not valid XML"), "{err}");
        let err = diff("<a/>", r#"<a x="1" x="2"/>"#);
        assert!(err.starts_with("actual document is not valid XML"), "{err}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let err = diff("<a/>", &deep);
        assert!(err.contains("nesting deeper"), "{err}");
    }
}

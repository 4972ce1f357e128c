//! XML text -> element tree, with quick-xml's pull reader (iterative, so depth is bounded by [`MAX_DEPTH`]).

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::MAX_DEPTH;

/// One parsed element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Element {
    /// Full (qualified) name.
    pub name: String,
    /// Attributes in document order, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// Text content (CDATA included), entity-unescaped; each run between child elements trimmed, runs joined by
    /// one space.
    pub text: String,
}

impl Element {
    /// Text interleaved with child elements.
    pub fn is_mixed(&self) -> bool {
        !self.children.is_empty() && !self.text.is_empty()
    }
}

/// An element being read, with the text run since its last child.
struct Frame {
    element: Element,
    run: String,
    runs: Vec<String>,
}

impl Frame {
    fn flush_run(&mut self) {
        let trimmed = self.run.trim();
        if !trimmed.is_empty() {
            self.runs.push(trimmed.to_owned());
        }
        self.run.clear();
    }
}

/// Parses one document; the error says why it is not usable.
pub(super) fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|err| format!("{err} (at byte {})", reader.error_position()))?;
        match event {
            Event::Start(start) => open(&mut stack, root.as_ref(), &start)?,
            Event::Empty(start) => {
                open(&mut stack, root.as_ref(), &start)?;
                close(&mut stack, &mut root);
            }
            Event::End(_) => close(&mut stack, &mut root),
            Event::Text(content) => push_text(&mut stack, &content.xml10_content())?,
            Event::CData(content) => push_text(&mut stack, &content.xml10_content())?,
            Event::GeneralRef(reference) => push_text(&mut stack, &resolve_reference(&reference)?)?,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(frame) = stack.last() {
        return Err(format!("truncated: <{}> is not closed", frame.element.name));
    }
    root.ok_or_else(|| "no root element".to_owned())
}

/// The first element's name, if the text gets that far as XML.
pub(super) fn root_name(text: &str) -> Option<String> {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) | Event::Empty(start) => return Some(start.name().into_inner().to_owned()),
            Event::Text(content) if content.trim().is_empty() => {}
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            _ => return None,
        }
    }
}

fn open(stack: &mut Vec<Frame>, root: Option<&Element>, start: &BytesStart<'_>) -> Result<(), String> {
    if stack.is_empty() && root.is_some() {
        return Err("more than one root element".to_owned());
    }
    if stack.len() >= MAX_DEPTH {
        return Err(format!("elements nest deeper than {MAX_DEPTH} levels"));
    }
    let name = start.name().into_inner().to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|err| format!("bad attribute in <{name}>: {err}"))?;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad attribute value in <{name}>: {err}"))?;
        attrs.push((attr.key.into_inner().to_owned(), value.into_owned()));
    }
    if let Some(parent) = stack.last_mut() {
        parent.flush_run();
    }
    stack.push(Frame { element: Element { name, attrs, ..Element::default() }, run: String::new(), runs: Vec::new() });
    Ok(())
}

/// Ends the innermost element (the reader has already checked that end names match).
fn close(stack: &mut Vec<Frame>, root: &mut Option<Element>) {
    let Some(mut frame) = stack.pop() else { return };
    frame.flush_run();
    frame.element.text = frame.runs.join(" ");
    match stack.last_mut() {
        Some(parent) => parent.element.children.push(frame.element),
        None => *root = Some(frame.element),
    }
}

fn push_text(stack: &mut [Frame], text: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(frame) => {
            frame.run.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(format!("text outside the root element: {:?}", super::scalar::example(text.trim()))),
    }
}

fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, String> {
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(ch)) => Ok(ch.to_string()),
            _ => Err(format!("bad character reference &{};", &**reference)),
        };
    }
    resolve_predefined_entity(reference).map(str::to_owned).ok_or_else(|| format!("unknown entity &{};", &**reference))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(name: &str, text: &str) -> Element {
        Element { name: name.to_owned(), text: text.to_owned(), ..Element::default() }
    }

    #[test]
    fn reads_attributes_children_text_cdata_and_entities() {
        let doc = r#"<?xml version="1.0"?><!DOCTYPE r><!-- c --><?pi x?>
            <r a="1 &amp; 2"><x> A &lt; B </x><y><![CDATA[<raw>]]></y><z/>&#65;</r>"#;
        let root = parse(doc).unwrap();
        assert_eq!(root.name, "r");
        assert_eq!(root.attrs, vec![("a".to_owned(), "1 & 2".to_owned())]);
        assert_eq!(root.children, vec![el("x", "A < B"), el("y", "<raw>"), el("z", "")]);
        assert_eq!(root.text, "A");
        assert!(root.is_mixed());
    }

    #[test]
    fn rejects_what_is_not_one_document() {
        let cases = [
            ("{{header}}<Ping/>{{footer}}", "text outside the root element"),
            ("<a><b></a>", "expected `</b>`, but `</a>` was found"),
            ("<a><b>", "truncated: <b> is not closed"),
            ("<a/><b/>", "more than one root element"),
            ("", "no root element"),
            ("<a>&nbsp;</a>", "unknown entity &nbsp;"),
            ("<a x='1' x='2'/>", "bad attribute"),
        ];
        for (doc, why) in cases {
            let err = parse(doc).unwrap_err();
            assert!(err.to_lowercase().contains(&why.to_lowercase()), "{doc}: {err}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().contains("deeper than 64"));
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn root_name_of_partial_text() {
        assert_eq!(root_name("<?xml version='1.0'?>\n<ns:createSubscriber><x>"), Some("ns:createSubscriber".into()));
        assert_eq!(root_name("{{header}}<Ping/>"), None);
        assert_eq!(root_name("{\"a\":1}"), None);
        assert_eq!(root_name(""), None);
    }
}

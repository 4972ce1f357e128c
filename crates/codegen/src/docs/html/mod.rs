//! HTML -> pulldown-cmark events: a small lenient tag tokenizer and a streaming converter.
//!
//! Hand-written rather than html5ever/scraper (heavy, a full DOM we do not need) or `tl` (lenient but its
//! raw-text and entity handling would still need wrapping): descriptions are small fragments, and we need
//! exact control over leniency and linear time on hostile input.

mod convert;
mod entities;
mod format;
mod inline;
mod tokenize;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use convert::convert;
use tokenize::{Token, tokenize};

pub(super) use inline::InlineHtml;

/// Tags that decide "this block is HTML" (anything else, e.g. `<subscriber>`, is taken for XML).
const HTML_NAMES: &str = "a abbr article aside audio b big blockquote body br button caption center cite \
    code col colgroup dd del details dfn div dl dt em figcaption figure font footer form h1 h2 h3 h4 h5 h6 \
    head header hgroup hr html i iframe img input ins kbd li main mark menu meta nav nobr noscript ol p \
    picture pre s samp script section select small span strike strong style sub summary sup svg table tbody \
    td textarea tfoot th thead tr tt u ul var video wbr";

fn listed(list: &str, name: &str) -> bool {
    list.split_whitespace().any(|n| n == name)
}

fn attr<'t>(attrs: &'t [(String, String)], name: &str) -> Option<&'t str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

fn is_code_tag(name: &str) -> bool {
    matches!(name, "code" | "tt" | "kbd" | "samp")
}

/// Events for a markdown HTML block: converted when it is HTML, fenced as XML when it is not (a raw
/// `<subscriber>` example pasted into a description).
pub(super) fn block_events(block: &str) -> Vec<Event<'static>> {
    let tokens = tokenize(block);
    let first_tag = tokens.iter().find_map(|t| match t {
        Token::Open { name, .. } | Token::Close(name) => Some(name.as_str()),
        Token::Text(_) => None,
    });
    match first_tag {
        Some(name) if !listed(HTML_NAMES, name) => vec![
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::Borrowed("xml")))),
            Event::Text(CowStr::from(block.to_owned())),
            Event::End(TagEnd::CodeBlock),
        ],
        _ => convert(tokens),
    }
}

pub(super) fn to_events(src: &str) -> Vec<Event<'static>> {
    convert(tokenize(src))
}

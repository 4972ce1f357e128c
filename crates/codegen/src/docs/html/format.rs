//! Inline formatting tags (`<b>`, `<i>`, `<s>`, `<a>`) and the events they open and close.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::attr;

pub(super) const MAX_FORMAT_DEPTH: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Format {
    Strong,
    Emphasis,
    Strike,
    Link,
}

impl Format {
    /// The opening event; `None` for an `<a>` without `href` (an anchor) or a link inside a link.
    pub(super) fn start(self, attrs: &[(String, String)], open: &[Format]) -> Option<Event<'static>> {
        Some(Event::Start(match self {
            Format::Strong => Tag::Strong,
            Format::Emphasis => Tag::Emphasis,
            Format::Strike => Tag::Strikethrough,
            Format::Link if open.contains(&Format::Link) => return None,
            Format::Link => return attr(attrs, "href").map(|href| link_start(href, false)),
        }))
    }

    pub(super) fn end(self) -> TagEnd {
        match self {
            Format::Strong => TagEnd::Strong,
            Format::Emphasis => TagEnd::Emphasis,
            Format::Strike => TagEnd::Strikethrough,
            Format::Link => TagEnd::Link,
        }
    }

    pub(super) fn of(name: &str) -> Option<Format> {
        match name {
            "b" | "strong" => Some(Format::Strong),
            "i" | "em" | "cite" | "dfn" | "var" => Some(Format::Emphasis),
            "s" | "strike" | "del" => Some(Format::Strike),
            "a" => Some(Format::Link),
            _ => None,
        }
    }
}

pub(super) fn link_start(dest: &str, image: bool) -> Event<'static> {
    let (link_type, dest_url, title, id) =
        (LinkType::Inline, CowStr::from(dest.to_owned()), CowStr::Borrowed(""), CowStr::Borrowed(""));
    Event::Start(if image {
        Tag::Image { link_type, dest_url, title, id }
    } else {
        Tag::Link { link_type, dest_url, title, id }
    })
}

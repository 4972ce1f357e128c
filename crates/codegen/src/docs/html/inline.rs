//! Raw HTML tags inside markdown prose.

use pulldown_cmark::{CowStr, Event};

use super::format::{Format, MAX_FORMAT_DEPTH};
use super::tokenize::{Token, tokenize};
use super::{HTML_NAMES, attr, collapse_whitespace, is_code_tag, listed};

/// Raw HTML inside markdown prose: known formatting tags become formatting, other known HTML tags are
/// dropped, and anything else (`<token>`, `<subscriber>`) is kept as text, escaped later.
#[derive(Default)]
pub(crate) struct InlineHtml {
    open: Vec<Format>,
    code: Option<String>,
}

impl InlineHtml {
    pub(crate) fn capturing(&self) -> bool {
        self.code.is_some()
    }

    pub(crate) fn capture(&mut self, text: &str) {
        if let Some(code) = self.code.as_mut() {
            code.push_str(text);
        }
    }

    pub(crate) fn tag<'a>(&mut self, raw: &str, out: &mut Vec<Event<'a>>) {
        if raw.trim_start().starts_with("<!--") {
            return;
        }
        let literal = || Event::Text(CowStr::from(raw.to_owned()));
        match tokenize(raw).as_slice() {
            [Token::Open { name, empty: true, .. }] if Format::of(name).is_some() || is_code_tag(name) => {}
            [Token::Open { name, attrs, .. }] => {
                if let Some(code) = self.code.as_mut() {
                    if name == "br" {
                        code.push(' ');
                    } else if !listed(HTML_NAMES, name) {
                        code.push_str(raw);
                    }
                    return;
                }
                match name.as_str() {
                    "br" => out.push(Event::HardBreak),
                    "img" => {
                        if let Some(alt) = attr(attrs, "alt") {
                            out.push(Event::Text(CowStr::from(alt.to_owned())));
                        }
                    }
                    name if is_code_tag(name) => self.code = Some(String::new()),
                    name => match Format::of(name) {
                        Some(format) => {
                            if self.open.len() < MAX_FORMAT_DEPTH
                                && let Some(start) = format.start(attrs, &self.open)
                            {
                                out.push(start);
                                self.open.push(format);
                            }
                        }
                        None if listed(HTML_NAMES, name) => {}
                        None => out.push(literal()),
                    },
                }
            }
            [Token::Close(name)] => {
                if self.code.is_some() {
                    if is_code_tag(name) {
                        self.end_code(out);
                    } else if !listed(HTML_NAMES, name) {
                        self.capture(raw);
                    }
                    return;
                }
                match Format::of(name) {
                    Some(format) => {
                        if let Some(at) = self.open.iter().rposition(|f| *f == format) {
                            while self.open.len() > at {
                                if let Some(f) = self.open.pop() {
                                    out.push(Event::End(f.end()));
                                }
                            }
                        }
                    }
                    None if listed(HTML_NAMES, name) => {}
                    None => out.push(literal()),
                }
            }
            _ if self.code.is_some() => self.capture(raw),
            _ => out.push(literal()),
        }
    }

    fn end_code<'a>(&mut self, out: &mut Vec<Event<'a>>) {
        if let Some(code) = self.code.take() {
            let code = collapse_whitespace(&code);
            if !code.trim().is_empty() {
                out.push(Event::Code(CowStr::from(code.trim().to_owned())));
            }
        }
    }

    /// At a block boundary: nothing inline may stay open.
    pub(crate) fn close_all<'a>(&mut self, out: &mut Vec<Event<'a>>) {
        self.end_code(out);
        while let Some(format) = self.open.pop() {
            out.push(Event::End(format.end()));
        }
    }
}

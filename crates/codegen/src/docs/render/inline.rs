//! Inline markdown (one paragraph, heading or cell) with its own escaping.

use pulldown_cmark::LinkType;

use super::code::longest_run;
use super::urls::{encode_dest, link_destination, next_url};
use super::wrap::wrap;
use crate::docs::clean::is_dropped;

/// A breakable space inside an inline buffer (input never contains NUL: it is sanitized away).
pub(super) const BREAK: char = '\u{0}';
/// A hard line break inside an inline buffer.
pub(super) const HARD: char = '\u{1}';

/// Where inline content is going.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    /// A paragraph or list item: wrapped lines, hard breaks as `\`.
    Flow,
    /// A heading: one line, `#` escaped.
    Heading,
    /// A table cell: one line, breaks as `<br>`.
    Cell,
    /// [`crate::docs::escape_inline`]: one line.
    Line,
}

struct Mark {
    marker: &'static str,
    /// Byte offset just after the opening marker.
    pos: usize,
    strike: bool,
}

struct OpenLink {
    dest: String,
    pos: usize,
    image: bool,
    /// `<url>` already written; the link's text is skipped.
    auto: bool,
}

/// Inline markdown being built, with its own escaping.
pub(crate) struct Inline {
    /// Markdown so far, with [`BREAK`] and [`HARD`] standing for spaces and line breaks.
    buf: String,
    mode: Mode,
    /// The next text starts an output line: `#`, `-`, `1.` ... there would start a block.
    line_start: bool,
    /// The previous character of text (for `_` inside words).
    prev: Option<char>,
    /// Open emphasis, strong, strikethrough.
    marks: Vec<Mark>,
    /// Open links and images; `None` for one kept as text only.
    links: Vec<Option<OpenLink>>,
    /// Open real links: text inside is not autolinked.
    in_link: usize,
    /// Inside an autolink, whose text was already written.
    skip_text: usize,
    /// Open strikethroughs (nested ones write no marker).
    strikes: usize,
    /// The last few letters of text, lowercase: is a `:` here the end of `http`/`https`?
    scheme: String,
    /// Where the last code span ended.
    code_end: Option<usize>,
    /// A cell line break waiting for more content (none is written at the end of a cell).
    pending_br: bool,
}

impl Inline {
    pub(crate) fn new(mode: Mode) -> Self {
        Inline {
            buf: String::new(),
            mode,
            line_start: mode != Mode::Cell,
            prev: None,
            marks: Vec::new(),
            links: Vec::new(),
            in_link: 0,
            skip_text: 0,
            strikes: 0,
            scheme: String::new(),
            code_end: None,
            pending_br: false,
        }
    }

    fn is_empty(&self) -> bool {
        !self.buf.chars().any(|c| c != BREAK && c != HARD)
    }

    /// Called before anything visible is appended.
    fn before_content(&mut self) {
        if self.pending_br {
            self.pending_br = false;
            if !self.is_empty() {
                while self.buf.ends_with(BREAK) {
                    self.buf.pop();
                }
                self.buf.push_str("<br>");
            }
        }
    }

    fn raw(&mut self, s: &str) {
        self.before_content();
        self.buf.push_str(s);
        self.line_start = false;
        self.prev = s.chars().last();
    }

    /// Text as the reader should see it: escaped, bare URLs wrapped.
    pub(crate) fn text(&mut self, text: &str) {
        if self.skip_text > 0 {
            return;
        }
        let mut rest = text;
        if self.in_link == 0 {
            while let Some((start, end)) = next_url(rest) {
                self.plain(rest.get(..start).unwrap_or(""));
                let url = rest.get(start..end).unwrap_or("");
                let url = if self.mode == Mode::Cell { url.replace('|', "%7C") } else { url.to_owned() };
                self.raw(&format!("<{url}>"));
                rest = rest.get(end..).unwrap_or("");
            }
        }
        self.plain(rest);
    }

    fn plain(&mut self, text: &str) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let mut advance = c.len_utf8();
            if c.is_whitespace() {
                self.space();
                self.prev = Some(' ');
                rest = rest.get(advance..).unwrap_or("");
                continue;
            }
            if is_dropped(c) {
                rest = rest.get(advance..).unwrap_or("");
                continue;
            }
            self.before_content();
            let next = rest.get(advance..).and_then(|r| r.chars().next());
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            match c {
                '\\' | '`' | '*' | '[' | ']' | '~' | '|' => {
                    self.buf.push('\\');
                    self.buf.push(c);
                }
                // A URL split across events (`http://<b></b>example.com`) was not wrapped; an escaped
                // colon keeps rustdoc from seeing a bare URL in the joined text.
                ':' if self.in_link == 0 && (self.scheme.ends_with("http") || self.scheme.ends_with("https")) => {
                    self.buf.push_str("\\:");
                }
                '_' if alnum(self.prev) && alnum(next) => self.buf.push('_'),
                '_' => self.buf.push_str("\\_"),
                '<' => self.buf.push_str("&lt;"),
                '>' => self.buf.push_str("&gt;"),
                '&' if looks_like_entity(rest.get(1..).unwrap_or("")) => self.buf.push_str("&amp;"),
                '#' | '{' | '}' if self.mode == Mode::Heading => {
                    self.buf.push('\\');
                    self.buf.push(c);
                }
                '#' | '-' | '+' | '=' if self.line_start => {
                    self.buf.push('\\');
                    self.buf.push(c);
                }
                '0'..='9' if self.line_start => {
                    // `1.` / `1)` would start an ordered list.
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    self.buf.push_str(rest.get(..digits).unwrap_or(""));
                    advance = digits;
                    if let Some(punct @ (b'.' | b')')) = rest.as_bytes().get(digits).copied()
                        && digits <= 9
                    {
                        self.buf.push('\\');
                        self.buf.push(char::from(punct));
                        advance += 1;
                    }
                }
                _ => self.buf.push(c),
            }
            self.line_start = false;
            self.prev = Some(c);
            if c.is_ascii_alphabetic() {
                if self.scheme.len() >= 5 {
                    self.scheme.remove(0);
                }
                self.scheme.push(c.to_ascii_lowercase());
            } else {
                self.scheme.clear();
            }
            rest = rest.get(advance..).unwrap_or("");
        }
    }

    fn space(&mut self) {
        if self.line_start || self.buf.is_empty() || self.buf.ends_with(BREAK) || self.buf.ends_with(HARD) {
            return;
        }
        // A space right after opening markers goes before them (`** x**` is not bold).
        let mut at = self.buf.len();
        let mut chain = 0;
        for mark in self.marks.iter().rev() {
            if mark.pos != at {
                break;
            }
            at -= mark.marker.len();
            chain += 1;
        }
        if chain == 0 {
            self.buf.push(BREAK);
            return;
        }
        let before = self.buf.get(..at).unwrap_or("");
        if before.is_empty() || before.ends_with(BREAK) || before.ends_with(HARD) {
            return;
        }
        self.buf.insert(at, BREAK);
        for mark in self.marks.iter_mut().rev().take(chain) {
            mark.pos += BREAK.len_utf8();
        }
    }

    pub(super) fn code(&mut self, code: &str) {
        if self.skip_text > 0 {
            return;
        }
        let mut content: String =
            code.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).filter(|c| !is_dropped(*c)).collect();
        if self.mode == Mode::Cell {
            content = content.replace('|', "\\|");
        }
        if content.trim().is_empty() {
            return;
        }
        let ticks = "`".repeat(longest_run(&content, '`') + 1);
        let pad =
            content.starts_with('`') || content.ends_with('`') || (content.starts_with(' ') && content.ends_with(' '));
        let pad = if pad { " " } else { "" };
        if self.code_end == Some(self.buf.len()) {
            // Two code spans side by side would merge their backticks into one run.
            self.buf.push(BREAK);
        }
        self.raw(&format!("{ticks}{pad}{content}{pad}{ticks}"));
        self.code_end = Some(self.buf.len());
    }

    pub(super) fn open_mark(&mut self, marker: &'static str) {
        // Nested strikethrough means nothing more, and `~~~~` at a line start would open a code fence.
        let strike = marker == "~~";
        let marker = if strike && self.strikes > 0 { "" } else { marker };
        self.strikes += usize::from(strike);
        self.raw(marker);
        self.marks.push(Mark { marker, pos: self.buf.len(), strike });
    }

    pub(super) fn close_mark(&mut self) {
        let Some(mark) = self.marks.pop() else { return };
        self.strikes = self.strikes.saturating_sub(usize::from(mark.strike));
        let opener = mark.pos.saturating_sub(mark.marker.len());
        let content = self.buf.get(mark.pos..).unwrap_or("");
        if content.chars().all(|c| c == BREAK || c == HARD) {
            // Nothing inside: drop the opener (a lone `****` could be a thematic break).
            let had_space = !content.is_empty();
            self.buf.truncate(opener);
            if had_space {
                self.space();
            }
            self.reset_line_start();
            return;
        }
        // Spaces and breaks at the end go after the closer (`**x **` is not bold, and a closer alone on
        // the next line could read as a thematic break).
        let trailing = self.pop_trailing_breaks();
        self.buf.push_str(mark.marker);
        self.buf.extend(trailing);
    }

    /// Removes trailing spaces and hard breaks; returns the one to put back (a hard break wins).
    fn pop_trailing_breaks(&mut self) -> Option<char> {
        let mut popped = None;
        while let Some(c) = self.buf.chars().last().filter(|c| *c == BREAK || *c == HARD) {
            self.buf.pop();
            if popped != Some(HARD) {
                popped = Some(c);
            }
        }
        popped
    }

    /// After removing an empty construct, the next text may be at the start of the line again.
    fn reset_line_start(&mut self) {
        if self.mode != Mode::Cell && (self.buf.is_empty() || self.buf.ends_with(HARD)) {
            self.line_start = true;
        }
    }

    pub(super) fn open_link(&mut self, link_type: LinkType, dest: &str, image: bool) {
        if self.in_link > 0 && !image {
            // Links do not nest.
            self.links.push(None);
            return;
        }
        if matches!(link_type, LinkType::Autolink | LinkType::Email) && !image {
            let dest = encode_dest(dest.trim());
            if !dest.is_empty() {
                self.raw(&format!("<{dest}>"));
                self.links.push(Some(OpenLink { dest, pos: self.buf.len(), image, auto: true }));
                self.skip_text += 1;
                return;
            }
        }
        match link_destination(dest) {
            Some(dest) => {
                if !image && self.buf.ends_with('!') {
                    // A literal `!` before our `[` would make the link an image.
                    self.buf.pop();
                    self.buf.push_str("\\!");
                }
                self.raw(if image { "![" } else { "[" });
                self.links.push(Some(OpenLink { dest, pos: self.buf.len(), image, auto: false }));
                if !image {
                    self.in_link += 1;
                }
            }
            // Not a real URL (rustdoc would try it as an intra-doc path): keep only the text.
            None => self.links.push(None),
        }
    }

    pub(super) fn close_link(&mut self) {
        let Some(Some(link)) = self.links.pop() else { return };
        if link.auto {
            self.skip_text = self.skip_text.saturating_sub(1);
            return;
        }
        if !link.image {
            self.in_link = self.in_link.saturating_sub(1);
        }
        if self.buf.len() == link.pos && !link.image {
            // `[](url)` shows nothing: show the URL itself.
            self.buf.truncate(link.pos.saturating_sub(1));
            if link.dest.starts_with("http://") || link.dest.starts_with("https://") {
                self.raw(&format!("<{}>", link.dest));
            } else {
                self.reset_line_start();
            }
            return;
        }
        let trailing = self.pop_trailing_breaks();
        self.raw(&format!("]({})", link.dest));
        self.buf.extend(trailing);
        if trailing == Some(HARD) {
            self.line_start = true;
        }
    }

    pub(super) fn hard_break(&mut self) {
        match self.mode {
            Mode::Cell => self.pending_br = true,
            Mode::Heading | Mode::Line => self.space(),
            Mode::Flow => {
                if self.is_empty() || self.buf.ends_with(HARD) {
                    return;
                }
                while self.buf.ends_with(BREAK) {
                    self.buf.pop();
                }
                self.buf.push(HARD);
                self.line_start = true;
            }
        }
    }

    fn close_all(&mut self) {
        while !self.marks.is_empty() {
            self.close_mark();
        }
        while !self.links.is_empty() {
            self.close_link();
        }
    }

    /// One line: breaks as spaces.
    pub(crate) fn finish_line(mut self) -> String {
        self.close_all();
        self.buf.split([BREAK, HARD]).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// Lines wrapped to `width`; hard breaks end a line with `\`.
    pub(super) fn finish_flow(mut self, width: usize) -> Vec<String> {
        self.close_all();
        let segments: Vec<&str> = self.buf.split(HARD).filter(|s| s.split(BREAK).any(|w| !w.is_empty())).collect();
        let mut lines = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            let mut wrapped = wrap(segment, width);
            if i + 1 < segments.len()
                && let Some(last) = wrapped.last_mut()
            {
                last.push('\\');
            }
            lines.extend(wrapped);
        }
        lines
    }
}

/// `name;` or `#123;` follows: the `&` would start a character reference.
fn looks_like_entity(after_amp: &str) -> bool {
    let name = after_amp.bytes().take(33).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    name > 0 && after_amp.as_bytes().get(name) == Some(&b';')
}

//! HTML text -> tokens: a lenient tag tokenizer, linear on hostile input.

use super::entities::decode_entities;

/// One piece of HTML.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// Text with entities decoded.
    Text(String),
    /// `<name attr=value ...>`; names are lowercase. `empty`: written `<name/>`.
    Open { name: String, attrs: Vec<(String, String)>, empty: bool },
    /// `</name>`.
    Close(String),
}

/// Elements whose content is never shown.
const DROPPED_CONTENT: &[&str] = &["script", "style", "title", "template"];

pub(super) fn tokenize(src: &str) -> Vec<Token> {
    Tokenizer::new(src).run()
}

struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    text_start: usize,
    tokens: Vec<Token>,
    /// Per searched byte (`>`, `"`, `'`): the last search's start and result, so repeated searches from
    /// nearby positions are answered without rescanning.
    searches: [(usize, Option<usize>); 3],
    /// Bytes left for tag attempts that fail; once spent, `<` is plain text (keeps hostile input linear).
    budget: usize,
    /// How far the current tag attempt has scanned.
    scanned: usize,
}

const MAX_ATTRIBUTES: usize = 64;

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            text_start: 0,
            tokens: Vec::new(),
            searches: [(usize::MAX, None); 3],
            budget: src.len().saturating_mul(4).saturating_add(1 << 16),
            scanned: 0,
        }
    }

    fn run(mut self) -> Vec<Token> {
        while let Some(lt) = self.src.get(self.pos..).and_then(|s| s.find('<')).map(|i| i + self.pos) {
            let Some((end, token)) = self.markup(lt) else {
                self.pos = lt + 1;
                continue;
            };
            self.flush_text(lt);
            self.pos = end;
            self.text_start = end;
            if let Some(token) = token {
                let skip_to = match &token {
                    Token::Open { name, .. } if DROPPED_CONTENT.contains(&name.as_str()) => {
                        Some(find_ascii_ci(self.src, end, &format!("</{name}")).unwrap_or(self.src.len()))
                    }
                    _ => None,
                };
                self.tokens.push(token);
                if let Some(skip_to) = skip_to {
                    self.pos = skip_to;
                    self.text_start = skip_to;
                }
            }
        }
        self.flush_text(self.src.len());
        self.tokens
    }

    fn flush_text(&mut self, end: usize) {
        if let Some(text) = self.src.get(self.text_start..end).filter(|t| !t.is_empty()) {
            self.tokens.push(Token::Text(decode_entities(text)));
        }
    }

    /// Markup starting at `lt`: where it ends and the token it makes (comments and declarations make
    /// none). `None`: this `<` is text.
    fn markup(&mut self, lt: usize) -> Option<(usize, Option<Token>)> {
        let rest = self.src.get(lt..)?;
        let bytes = rest.as_bytes();
        match bytes.get(1)? {
            b'!' if rest.starts_with("<!--") => {
                let end = rest.get(4..).and_then(|r| r.find("-->")).map_or(self.src.len(), |i| lt + 4 + i + 3);
                Some((end, None))
            }
            b'!' if rest.starts_with("<![CDATA[") => {
                let body = rest.get(9..).unwrap_or("");
                let (text, end) = match body.find("]]>") {
                    Some(i) => (body.get(..i).unwrap_or(""), lt + 9 + i + 3),
                    None => (body, self.src.len()),
                };
                Some((end, Some(Token::Text(text.to_owned()))))
            }
            b'!' | b'?' => self.find(b'>', lt).map(|gt| (gt + 1, None)),
            b'/' => {
                let name_len = tag_name_len(bytes.get(2..)?);
                if name_len == 0 {
                    return None;
                }
                let name = rest.get(2..2 + name_len)?.to_ascii_lowercase();
                let gt = self.find(b'>', lt + 2 + name_len)?;
                Some((gt + 1, Some(Token::Close(name))))
            }
            c if c.is_ascii_alphabetic() => {
                self.scanned = lt;
                let attempt = self.open_tag(lt);
                if attempt.is_none() {
                    // Failed scans of `>` and quotes are memoized; the attribute walk is charged here.
                    self.budget = self.budget.saturating_sub(self.scanned.saturating_sub(lt).max(1));
                }
                attempt
            }
            _ => None,
        }
    }

    fn open_tag(&mut self, lt: usize) -> Option<(usize, Option<Token>)> {
        if self.budget == 0 {
            return None;
        }
        self.find(b'>', lt)?;
        let bytes = self.src.as_bytes();
        let name_len = tag_name_len(bytes.get(lt + 1..)?);
        let name = self.src.get(lt + 1..lt + 1 + name_len)?.to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut i = lt + 1 + name_len;
        loop {
            self.scanned = i;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match bytes.get(i)? {
                b'>' => {
                    let empty = i > 0 && bytes.get(i - 1) == Some(&b'/');
                    return Some((i + 1, Some(Token::Open { name, attrs, empty })));
                }
                b'/' => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if attrs.len() >= MAX_ATTRIBUTES || i - lt > self.budget {
                return None;
            }
            let start = i;
            while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/')) {
                i += 1;
            }
            let attr_name = self.src.get(start..i)?.to_ascii_lowercase();
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                match *bytes.get(i)? {
                    quote @ (b'"' | b'\'') => {
                        let close = self.find(quote, i + 1)?;
                        value = decode_entities(self.src.get(i + 1..close)?);
                        i = close + 1;
                    }
                    _ => {
                        let start = i;
                        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                            i += 1;
                        }
                        value = decode_entities(self.src.get(start..i)?);
                    }
                }
            } else if start == i {
                // A stray `=`: skip it.
                i += 1;
                continue;
            }
            attrs.push((attr_name, value));
        }
    }

    /// The next `byte` at or after `from`, memoized per byte.
    fn find(&mut self, byte: u8, from: usize) -> Option<usize> {
        let slot = match byte {
            b'>' => 0,
            b'"' => 1,
            _ => 2,
        };
        let (searched_from, found) = self.searches.get(slot).copied().unwrap_or((usize::MAX, None));
        if searched_from <= from {
            match found {
                None => return None,
                Some(at) if at >= from => return Some(at),
                Some(_) => {}
            }
        }
        let found = self.src.as_bytes().get(from..)?.iter().position(|b| *b == byte).map(|p| p + from);
        if let Some(entry) = self.searches.get_mut(slot) {
            *entry = (from, found);
        }
        found
    }
}

fn tag_name_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() => {
            bytes.iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_' | b'.')).count()
        }
        _ => 0,
    }
}

/// Byte offset of `needle` (ASCII) in `src` at or after `from`, ignoring ASCII case.
fn find_ascii_ci(src: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = src.as_bytes().get(from..)?;
    let needle = needle.as_bytes();
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| p + from)
}

//! Postman descriptions (markdown, HTML or plain text) -> rustdoc markdown.
//!
//! The generated crate is built with `#![deny(missing_docs)]`, documented with `-D warnings` and its doctests
//! run, so the output must never contain a block rustdoc would compile (every code block is fenced with a
//! non-Rust language, never indented), brackets that look like intra-doc links, raw `<tag>`s, bare URLs or
//! unbalanced backticks.
//!
//! Pipeline: sanitize the input, turn it into pulldown-cmark events (the markdown parser, a small HTML
//! converter in `html`, or line splitting for plain text), then `render` writes markdown back out,
//! escaping every piece of text itself. Re-rendering from events (rather than patching the source) is what
//! makes the output safe whatever the input looked like.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream};

/// Markup of the input.
pub use tango_postman::DescriptionFormat;

/// Converts a description into rustdoc markdown lines (without the `///` prefix), safe as described in the
/// module docs. `heading_offset`: how many levels to demote headings (crate docs: 0, item docs: 2).
pub fn to_rustdoc(text: &str, format: DescriptionFormat, heading_offset: usize) -> String {
    let src = sanitize(text);
    let mut renderer = render::Renderer::new(heading_offset);
    for event in &events(&src, format) {
        renderer.event(event);
    }
    renderer.finish()
}

/// The first paragraph as one line, at most `max` characters (counted before escaping), cut at a word
/// boundary with `…`. When the paragraph is too long but its first sentence fits, the sentence is used.
///
/// The result is already escaped with [`escape_inline`] (safe in prose and in table cells); do not escape it
/// again.
pub fn summary(text: &str, format: DescriptionFormat, max: usize) -> String {
    let src = sanitize(text);
    let events = events(&src, format);
    let mut plain = summary::first_text(&events, true);
    if plain.trim().is_empty() {
        plain = summary::first_text(&events, false);
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_inline(&summary::shorten(&plain, max))
}

/// Escapes arbitrary text (a name, an example value) for use inline in rustdoc: one line, markdown
/// punctuation escaped, `<`/`>` as entities, bare URLs wrapped in `<...>`, `|` escaped for table cells.
pub fn escape_inline(text: &str) -> String {
    let mut inline = render::Inline::new(render::Mode::Line);
    inline.text(&sanitize(text));
    inline.finish_line()
}

/// Line endings to `\n`, no control characters (NUL, C1, ...) and no bidi overrides (rustc denies those in
/// comments), no BOM. Tabs and newlines stay.
fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Characters that never reach the output: controls (tab and newline are handled before this is asked),
/// bidi controls, BOM.
fn is_dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The description as pulldown-cmark events, whatever its markup.
fn events(src: &str, format: DescriptionFormat) -> Vec<Event<'_>> {
    match format {
        DescriptionFormat::Markdown => markdown_events(src),
        DescriptionFormat::Html => html::to_events(src),
        DescriptionFormat::Plain => plain_events(src),
    }
}

/// Markdown events with raw HTML resolved: HTML blocks are converted (or fenced as XML when they are not
/// HTML), inline tags become formatting or escaped text.
fn markdown_events(src: &str) -> Vec<Event<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = Vec::new();
    let mut html_block: Option<String> = None;
    let mut inline_html = html::InlineHtml::default();
    for event in TextMergeStream::new(Parser::new_ext(src, options)) {
        if let Some(block) = html_block.as_mut() {
            match event {
                Event::Html(s) | Event::Text(s) => block.push_str(&s),
                Event::End(TagEnd::HtmlBlock) => {
                    let block = html_block.take().unwrap_or_default();
                    out.extend(html::block_events(&block));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(s) | Event::InlineHtml(s) => inline_html.tag(&s, &mut out),
            Event::Text(s) | Event::Code(s) if inline_html.capturing() => inline_html.capture(&s),
            Event::Start(tag) if is_inline_tag(&tag) => out.push(Event::Start(tag)),
            Event::End(tag) if is_inline_end(tag) => out.push(Event::End(tag)),
            Event::Start(_) | Event::End(_) => {
                inline_html.close_all(&mut out);
                out.push(event);
            }
            other => out.push(other),
        }
    }
    inline_html.close_all(&mut out);
    out
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Plain text: blank lines separate paragraphs, every other line break is kept as a hard break.
fn plain_events(src: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    let mut in_paragraph = false;
    for line in src.lines().map(str::trim) {
        if line.is_empty() {
            if in_paragraph {
                out.push(Event::End(TagEnd::Paragraph));
                in_paragraph = false;
            }
            continue;
        }
        out.push(if in_paragraph { Event::HardBreak } else { Event::Start(Tag::Paragraph) });
        in_paragraph = true;
        out.push(Event::Text(CowStr::Borrowed(line)));
    }
    if in_paragraph {
        out.push(Event::End(TagEnd::Paragraph));
    }
    out
}

/// HTML -> pulldown-cmark events: a small lenient tag tokenizer and a streaming converter.
///
/// Hand-written rather than html5ever/scraper (heavy, a full DOM we do not need) or `tl` (lenient but its
/// raw-text and entity handling would still need wrapping): descriptions are small fragments, and we need
/// exact control over leniency and linear time on hostile input.
mod html {
    use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

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
    /// Tags that decide "this block is HTML" (anything else, e.g. `<subscriber>`, is taken for XML).
    const HTML_NAMES: &str = "a abbr article aside audio b big blockquote body br button caption center cite \
        code col colgroup dd del details dfn div dl dt em figcaption figure font footer form h1 h2 h3 h4 h5 h6 \
        head header hgroup hr html i iframe img input ins kbd li main mark menu meta nav nobr noscript ol p \
        picture pre s samp script section select small span strike strong style sub summary sup svg table tbody \
        td textarea tfoot th thead tr tt u ul var video wbr";

    fn listed(list: &str, name: &str) -> bool {
        list.split_whitespace().any(|n| n == name)
    }

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

    /// Decodes `&amp;`-style, `&#39;` and `&#x27;` references; unknown ones stay as written.
    pub(super) fn decode_entities(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(amp) = rest.find('&') {
            out.push_str(rest.get(..amp).unwrap_or(""));
            rest = rest.get(amp..).unwrap_or("");
            match entity(rest) {
                Some((decoded, len)) => {
                    out.push_str(&decoded);
                    rest = rest.get(len..).unwrap_or("");
                }
                None => {
                    out.push('&');
                    rest = rest.get(1..).unwrap_or("");
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// `s` starts with `&`: the decoded reference and its length in bytes.
    fn entity(s: &str) -> Option<(String, usize)> {
        let semi = s.bytes().take(34).position(|b| b == b';')?;
        let name = s.get(1..semi)?;
        let decoded = if let Some(number) = name.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) if (1..=6).contains(&hex.len()) => u32::from_str_radix(hex, 16).ok()?,
                Some(_) => return None,
                None if (1..=7).contains(&number.len()) => number.parse::<u32>().ok()?,
                None => return None,
            };
            char::from_u32(code).filter(|c| *c != '\0').unwrap_or('\u{fffd}').to_string()
        } else {
            named_entity(name)?.to_owned()
        };
        Some((decoded, semi + 1))
    }

    fn named_entity(name: &str) -> Option<&'static str> {
        Some(match name {
            "amp" | "AMP" => "&",
            "lt" | "LT" => "<",
            "gt" | "GT" => ">",
            "quot" | "QUOT" => "\"",
            "apos" => "'",
            "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
            "shy" | "zwj" | "zwnj" => "",
            "copy" => "©",
            "reg" => "®",
            "trade" => "™",
            "hellip" => "…",
            "mdash" => "—",
            "ndash" => "–",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "laquo" => "«",
            "raquo" => "»",
            "bull" => "•",
            "middot" => "·",
            "times" => "×",
            "divide" => "÷",
            "plusmn" => "±",
            "deg" => "°",
            "euro" => "€",
            "pound" => "£",
            "yen" => "¥",
            "cent" => "¢",
            "sect" => "§",
            "para" => "¶",
            "larr" => "←",
            "rarr" => "→",
            "uarr" => "↑",
            "darr" => "↓",
            "harr" => "↔",
            "le" => "≤",
            "szlig" => "ß",
            "aelig" => "æ",
            "AElig" => "Æ",
            "oslash" => "ø",
            "Oslash" => "Ø",
            "ccedil" => "ç",
            "Ccedil" => "Ç",
            "ntilde" => "ñ",
            "Ntilde" => "Ñ",
            "iexcl" => "¡",
            "iquest" => "¿",
            "ge" => "≥",
            "ne" => "≠",
            _ => return accented_letter(name),
        })
    }

    /// `&eacute;`-style references for the Latin-1 vowels and `y`.
    fn accented_letter(name: &str) -> Option<&'static str> {
        const LETTERS: &[(&str, [&str; 5])] = &[
            // grave, acute, circ, uml, tilde
            ("a", ["à", "á", "â", "ä", "ã"]),
            ("e", ["è", "é", "ê", "ë", ""]),
            ("i", ["ì", "í", "î", "ï", ""]),
            ("o", ["ò", "ó", "ô", "ö", "õ"]),
            ("u", ["ù", "ú", "û", "ü", ""]),
            ("y", ["", "ý", "", "ÿ", ""]),
            ("A", ["À", "Á", "Â", "Ä", "Ã"]),
            ("E", ["È", "É", "Ê", "Ë", ""]),
            ("I", ["Ì", "Í", "Î", "Ï", ""]),
            ("O", ["Ò", "Ó", "Ô", "Ö", "Õ"]),
            ("U", ["Ù", "Ú", "Û", "Ü", ""]),
        ];
        let accent = ["grave", "acute", "circ", "uml", "tilde"];
        let (letter, rest) = (name.get(..1)?, name.get(1..)?);
        let index = accent.iter().position(|a| *a == rest)?;
        let (_, forms) = LETTERS.iter().find(|(l, _)| *l == letter)?;
        forms.get(index).copied().filter(|f| !f.is_empty())
    }

    fn attr<'t>(attrs: &'t [(String, String)], name: &str) -> Option<&'t str> {
        attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    fn heading_level(name: &str) -> Option<HeadingLevel> {
        Some(match name {
            "h1" => HeadingLevel::H1,
            "h2" => HeadingLevel::H2,
            "h3" => HeadingLevel::H3,
            "h4" => HeadingLevel::H4,
            "h5" => HeadingLevel::H5,
            "h6" => HeadingLevel::H6,
            _ => return None,
        })
    }

    /// `class="language-json"` (or `lang-json`) on `<code>` / `<pre>`.
    fn class_language(attrs: &[(String, String)]) -> Option<String> {
        attr(attrs, "class")?
            .split_whitespace()
            .find_map(|c| c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-")))
            .map(str::to_owned)
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

    fn link_start(dest: &str, image: bool) -> Event<'static> {
        let (link_type, dest_url, title, id) =
            (LinkType::Inline, CowStr::from(dest.to_owned()), CowStr::Borrowed(""), CowStr::Borrowed(""));
        Event::Start(if image {
            Tag::Image { link_type, dest_url, title, id }
        } else {
            Tag::Link { link_type, dest_url, title, id }
        })
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

    fn convert(tokens: Vec<Token>) -> Vec<Event<'static>> {
        let mut converter = Converter::default();
        for token in tokens {
            converter.token(token);
        }
        converter.finish()
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Block {
        List,
        /// `had_run`: text already appeared in this item, so later text starts a new paragraph.
        Item {
            had_run: bool,
        },
        Quote,
        Heading(HeadingLevel),
        /// `rows` seen so far (the first is the header); `row`: the open row's end tag.
        Table {
            rows: usize,
            row: Option<TagEnd>,
        },
        Cell,
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Run {
        /// We emitted `Start(Paragraph)`.
        Paragraph,
        /// Text directly in an item, heading or cell.
        Bare,
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Format {
        Strong,
        Emphasis,
        Strike,
        Link,
    }

    impl Format {
        /// The opening event; `None` for an `<a>` without `href` (an anchor) or a link inside a link.
        fn start(self, attrs: &[(String, String)], open: &[Format]) -> Option<Event<'static>> {
            Some(Event::Start(match self {
                Format::Strong => Tag::Strong,
                Format::Emphasis => Tag::Emphasis,
                Format::Strike => Tag::Strikethrough,
                Format::Link if open.contains(&Format::Link) => return None,
                Format::Link => return attr(attrs, "href").map(|href| link_start(href, false)),
            }))
        }

        fn end(self) -> TagEnd {
            match self {
                Format::Strong => TagEnd::Strong,
                Format::Emphasis => TagEnd::Emphasis,
                Format::Strike => TagEnd::Strikethrough,
                Format::Link => TagEnd::Link,
            }
        }

        fn of(name: &str) -> Option<Format> {
            match name {
                "b" | "strong" => Some(Format::Strong),
                "i" | "em" | "cite" | "dfn" | "var" => Some(Format::Emphasis),
                "s" | "strike" | "del" => Some(Format::Strike),
                "a" => Some(Format::Link),
                _ => None,
            }
        }
    }

    fn is_code_tag(name: &str) -> bool {
        matches!(name, "code" | "tt" | "kbd" | "samp")
    }

    /// Elements that only separate blocks.
    const BOUNDARY_NAMES: &str = "p div section article header footer main nav aside figure figcaption center form \
        fieldset details summary dl dt dd caption address body html";

    fn is_boundary(name: &str) -> bool {
        listed(BOUNDARY_NAMES, name)
    }

    const MAX_BLOCK_DEPTH: usize = 32;
    const MAX_FORMAT_DEPTH: usize = 8;

    /// Streams tokens into well-nested events. Formatting left open at a block boundary is closed there
    /// (its text is kept); stray end tags are ignored.
    #[derive(Default)]
    struct Converter {
        out: Vec<Event<'static>>,
        blocks: Vec<Block>,
        run: Option<Run>,
        formats: Vec<Format>,
        /// Text of an open `<code>` outside `<pre>`.
        code: Option<String>,
        /// An open `<pre>`: language from a `class`, raw text.
        pre: Option<(Option<String>, String)>,
    }

    impl Converter {
        fn token(&mut self, token: Token) {
            if let Some((lang, text)) = self.pre.as_mut() {
                match token {
                    Token::Text(s) => text.push_str(&s),
                    Token::Open { name, .. } if name == "br" => text.push('\n'),
                    Token::Open { name, attrs, .. } if (is_code_tag(&name) || name == "pre") && lang.is_none() => {
                        *lang = class_language(&attrs);
                    }
                    Token::Close(name) if name == "pre" => self.end_pre(),
                    _ => {}
                }
                return;
            }
            if let Some(code) = self.code.as_mut() {
                match &token {
                    Token::Text(s) => return code.push_str(s),
                    Token::Open { name, .. } if name == "br" => return code.push(' '),
                    Token::Close(name) if is_code_tag(name) => return self.end_code(),
                    Token::Open { name, .. } | Token::Close(name) if !is_block_tag(name) => return,
                    _ => self.end_code(),
                }
            }
            match token {
                Token::Text(s) => self.text(&s),
                // `<b/>` opens nothing that could be closed (XML-ish input).
                Token::Open { name, empty: true, .. } if Format::of(&name).is_some() || is_code_tag(&name) => {}
                Token::Open { name, attrs, .. } => self.open(&name, &attrs),
                Token::Close(name) => self.close(&name),
            }
        }

        fn text(&mut self, text: &str) {
            let text = collapse_whitespace(text);
            if text.trim().is_empty() {
                if self.run.is_some() && !text.is_empty() {
                    self.out.push(Event::Text(CowStr::Borrowed(" ")));
                }
            } else if self.ensure_run() {
                self.out.push(Event::Text(CowStr::from(text)));
            }
        }

        fn open(&mut self, name: &str, attrs: &[(String, String)]) {
            if let Some(level) = heading_level(name) {
                if self.in_cell() {
                    self.boundary();
                } else if !self.in_table_grid() {
                    self.enter_block();
                    self.out.push(Event::Start(Tag::Heading { level, id: None, classes: vec![], attrs: vec![] }));
                    self.blocks.push(Block::Heading(level));
                }
                return;
            }
            if let Some(format) = Format::of(name) {
                return self.open_format(format, attrs);
            }
            match name {
                "br" if self.run.is_some() => self.out.push(Event::HardBreak),
                "br" => {}
                "hr" => {
                    if self.in_cell() {
                        self.boundary();
                    } else if !self.in_table_grid() {
                        self.enter_block();
                        self.out.push(Event::Rule);
                    }
                }
                "ul" | "ol" => {
                    if self.in_cell() || self.blocks.len() >= MAX_BLOCK_DEPTH {
                        self.boundary();
                    } else if !self.in_table_grid() {
                        self.enter_block();
                        let start = (name == "ol")
                            .then(|| attr(attrs, "start").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1));
                        self.out.push(Event::Start(Tag::List(start)));
                        self.blocks.push(Block::List);
                    }
                }
                "li" => {
                    if self.in_cell() || self.blocks.len() >= MAX_BLOCK_DEPTH {
                        self.boundary();
                    } else if !self.in_table_grid() {
                        self.enter_block();
                        if let Some(at) =
                            self.blocks.iter().rposition(|b| matches!(b, Block::List | Block::Item { .. }))
                            && matches!(self.blocks.get(at), Some(Block::Item { .. }))
                        {
                            self.close_to(at);
                        }
                        if self.blocks.last() != Some(&Block::List) {
                            self.out.push(Event::Start(Tag::List(None)));
                            self.blocks.push(Block::List);
                        }
                        self.out.push(Event::Start(Tag::Item));
                        self.blocks.push(Block::Item { had_run: false });
                    }
                }
                "blockquote" => {
                    if self.in_cell() || self.blocks.len() >= MAX_BLOCK_DEPTH {
                        self.boundary();
                    } else if !self.in_table_grid() {
                        self.enter_block();
                        self.out.push(Event::Start(Tag::BlockQuote(None)));
                        self.blocks.push(Block::Quote);
                    }
                }
                "pre" => {
                    if !self.in_cell() {
                        self.enter_block();
                    }
                    self.pre = Some((class_language(attrs), String::new()));
                }
                "table" => {
                    if self.table_at().is_some() || self.blocks.len() >= MAX_BLOCK_DEPTH {
                        self.boundary();
                    } else {
                        self.enter_block();
                        self.out.push(Event::Start(Tag::Table(vec![])));
                        self.blocks.push(Block::Table { rows: 0, row: None });
                    }
                }
                "tr" => {
                    if self.table_at().is_some() {
                        self.close_cell();
                        self.close_row();
                        self.open_row();
                    } else {
                        self.boundary();
                    }
                }
                "td" | "th" => {
                    if self.table_at().is_some() {
                        self.close_cell();
                        self.open_row();
                        self.out.push(Event::Start(Tag::TableCell));
                        self.blocks.push(Block::Cell);
                    } else {
                        self.boundary();
                    }
                }
                "img" => self.image(attrs),
                name if is_code_tag(name) => self.code = Some(String::new()),
                name if is_boundary(name) => self.boundary(),
                _ => {}
            }
        }

        fn close(&mut self, name: &str) {
            if heading_level(name).is_some() {
                if let Some(Block::Heading(_)) = self.blocks.last() {
                    self.close_top();
                }
                return;
            }
            if let Some(format) = Format::of(name) {
                if let Some(at) = self.formats.iter().rposition(|f| *f == format) {
                    while self.formats.len() > at {
                        if let Some(f) = self.formats.pop() {
                            self.out.push(Event::End(f.end()));
                        }
                    }
                }
                return;
            }
            match name {
                "ul" | "ol" => self.close_last(|b| *b == Block::List),
                "li" => {
                    if let Some(at) = self.blocks.iter().rposition(|b| matches!(b, Block::List | Block::Item { .. }))
                        && matches!(self.blocks.get(at), Some(Block::Item { .. }))
                    {
                        self.close_to(at);
                    }
                }
                "blockquote" => self.close_last(|b| *b == Block::Quote),
                "table" => self.close_last(|b| matches!(b, Block::Table { .. })),
                "tr" => {
                    self.close_cell();
                    self.close_row();
                }
                "td" | "th" => self.close_cell(),
                name if is_boundary(name) => self.boundary(),
                _ => {}
            }
        }

        fn open_format(&mut self, format: Format, attrs: &[(String, String)]) {
            if self.formats.len() >= MAX_FORMAT_DEPTH {
                return;
            }
            if let Some(start) = format.start(attrs, &self.formats)
                && self.ensure_run()
            {
                self.out.push(start);
                self.formats.push(format);
            }
        }

        fn image(&mut self, attrs: &[(String, String)]) {
            let alt = attr(attrs, "alt").unwrap_or("");
            match attr(attrs, "src") {
                Some(src) if (src.starts_with("http://") || src.starts_with("https://")) && self.ensure_run() => {
                    self.out.push(link_start(src, true));
                    if !alt.is_empty() {
                        self.out.push(Event::Text(CowStr::from(collapse_whitespace(alt))));
                    }
                    self.out.push(Event::End(TagEnd::Image));
                }
                _ if !alt.is_empty() => self.text(alt),
                _ => {}
            }
        }

        fn in_cell(&self) -> bool {
            self.blocks.last() == Some(&Block::Cell)
        }

        /// Inside a table but outside any cell: only rows and cells mean anything here.
        fn in_table_grid(&self) -> bool {
            matches!(self.blocks.last(), Some(Block::Table { .. }))
        }

        fn table_at(&self) -> Option<usize> {
            let last = self.blocks.len().checked_sub(1)?;
            match self.blocks.last()? {
                Block::Table { .. } => Some(last),
                Block::Cell => {
                    last.checked_sub(1).filter(|at| matches!(self.blocks.get(*at), Some(Block::Table { .. })))
                }
                _ => None,
            }
        }

        /// A `<p>`/`<div>`-like edge: a line break inside cells and headings, the end of the run elsewhere.
        fn boundary(&mut self) {
            match self.blocks.last() {
                Some(Block::Cell) => {
                    if self.run.is_some() {
                        self.out.push(Event::HardBreak);
                    }
                }
                Some(Block::Heading(_)) => self.text(" "),
                _ => self.end_run(),
            }
        }

        /// Before a block element: headings cannot hold blocks, and the open run ends.
        fn enter_block(&mut self) {
            if let Some(Block::Heading(_)) = self.blocks.last() {
                self.close_top();
            }
            self.end_run();
        }

        /// Opens a run for inline content if the context allows one.
        fn ensure_run(&mut self) -> bool {
            if self.run.is_some() {
                return true;
            }
            let run = match self.blocks.last_mut() {
                Some(Block::Table { .. }) => return false,
                Some(Block::Item { had_run }) if *had_run => Run::Paragraph,
                Some(Block::Item { had_run }) => {
                    *had_run = true;
                    Run::Bare
                }
                Some(Block::Heading(_) | Block::Cell) => Run::Bare,
                Some(Block::List) => {
                    self.out.push(Event::Start(Tag::Item));
                    self.blocks.push(Block::Item { had_run: true });
                    Run::Bare
                }
                None | Some(Block::Quote) => Run::Paragraph,
            };
            if run == Run::Paragraph {
                self.out.push(Event::Start(Tag::Paragraph));
            }
            self.run = Some(run);
            true
        }

        fn end_run(&mut self) {
            self.end_code();
            while let Some(format) = self.formats.pop() {
                self.out.push(Event::End(format.end()));
            }
            if self.run.take() == Some(Run::Paragraph) {
                self.out.push(Event::End(TagEnd::Paragraph));
            }
        }

        fn end_code(&mut self) {
            if let Some(code) = self.code.take() {
                let code = collapse_whitespace(&code);
                if !code.trim().is_empty() && self.ensure_run() {
                    self.out.push(Event::Code(CowStr::from(code.trim().to_owned())));
                }
            }
        }

        fn end_pre(&mut self) {
            let Some((lang, text)) = self.pre.take() else { return };
            let text = text.strip_prefix('\n').unwrap_or(&text);
            if self.in_cell() {
                let code = collapse_whitespace(text);
                if !code.trim().is_empty() && self.ensure_run() {
                    self.out.push(Event::Code(CowStr::from(code.trim().to_owned())));
                }
                return;
            }
            if self.in_table_grid() {
                return;
            }
            let lang = CowStr::from(lang.unwrap_or_default());
            self.out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))));
            self.out.push(Event::Text(CowStr::from(text.to_owned())));
            self.out.push(Event::End(TagEnd::CodeBlock));
        }

        fn open_row(&mut self) {
            if let Some(Block::Table { rows, row }) = self.blocks.last_mut()
                && row.is_none()
            {
                let (start, end) =
                    if *rows == 0 { (Tag::TableHead, TagEnd::TableHead) } else { (Tag::TableRow, TagEnd::TableRow) };
                *rows += 1;
                *row = Some(end);
                self.out.push(Event::Start(start));
            }
        }

        fn close_row(&mut self) {
            if let Some(Block::Table { row, .. }) = self.blocks.last_mut()
                && let Some(end) = row.take()
            {
                self.out.push(Event::End(end));
            }
        }

        fn close_cell(&mut self) {
            if self.in_cell() {
                self.close_top();
            }
        }

        fn close_last(&mut self, which: impl Fn(&Block) -> bool) {
            if let Some(at) = self.blocks.iter().rposition(which) {
                self.close_to(at);
            }
        }

        /// Closes every block from the top down to and including `at`.
        fn close_to(&mut self, at: usize) {
            while self.blocks.len() > at {
                self.close_top();
            }
        }

        fn close_top(&mut self) {
            self.end_run();
            let end = match self.blocks.pop() {
                Some(Block::List) => TagEnd::List(false),
                Some(Block::Item { .. }) => TagEnd::Item,
                Some(Block::Quote) => TagEnd::BlockQuote(None),
                Some(Block::Heading(level)) => TagEnd::Heading(level),
                Some(Block::Cell) => TagEnd::TableCell,
                Some(Block::Table { row, .. }) => {
                    if let Some(end) = row {
                        self.out.push(Event::End(end));
                    }
                    TagEnd::Table
                }
                None => return,
            };
            self.out.push(Event::End(end));
        }

        fn finish(mut self) -> Vec<Event<'static>> {
            if self.pre.is_some() {
                self.end_pre();
            }
            self.end_code();
            self.close_to(0);
            self.end_run();
            self.out
        }
    }

    fn is_block_tag(name: &str) -> bool {
        is_boundary(name)
            || heading_level(name).is_some()
            || matches!(name, "ul" | "ol" | "li" | "blockquote" | "pre" | "table" | "tr" | "td" | "th" | "hr")
    }

    /// Raw HTML inside markdown prose: known formatting tags become formatting, other known HTML tags are
    /// dropped, and anything else (`<token>`, `<subscriber>`) is kept as text, escaped later.
    #[derive(Default)]
    pub(super) struct InlineHtml {
        open: Vec<Format>,
        code: Option<String>,
    }

    impl InlineHtml {
        pub(super) fn capturing(&self) -> bool {
            self.code.is_some()
        }

        pub(super) fn capture(&mut self, text: &str) {
            if let Some(code) = self.code.as_mut() {
                code.push_str(text);
            }
        }

        pub(super) fn tag<'a>(&mut self, raw: &str, out: &mut Vec<Event<'a>>) {
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
        pub(super) fn close_all<'a>(&mut self, out: &mut Vec<Event<'a>>) {
            self.end_code(out);
            while let Some(format) = self.open.pop() {
                out.push(Event::End(format.end()));
            }
        }
    }
}

/// Events -> markdown that rustdoc renders as intended and never lints or compiles.
mod render {
    use super::is_dropped;
    use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag, TagEnd};

    /// Doc lines are wrapped near this width (prefixes included), only before words that cannot start a
    /// block (see `can_start_line`).
    const WRAP: usize = 100;
    /// The largest list number CommonMark accepts.
    const MAX_LIST_NUMBER: u64 = 999_999_999;
    /// Wider tables are folded into their last column.
    const MAX_COLUMNS: usize = 64;
    /// Deeper quotes/lists are flattened (keeps output linear in pathological input).
    const MAX_NEST: usize = 8;
    /// A breakable space inside an inline buffer (input never contains NUL: it is sanitized away).
    const BREAK: char = '\u{0}';
    /// A hard line break inside an inline buffer.
    const HARD: char = '\u{1}';

    /// Where inline content is going.
    #[derive(Debug, Clone, Copy, PartialEq)]
    pub(super) enum Mode {
        /// A paragraph or list item: wrapped lines, hard breaks as `\`.
        Flow,
        /// A heading: one line, `#` escaped.
        Heading,
        /// A table cell: one line, breaks as `<br>`.
        Cell,
        /// [`super::escape_inline`]: one line.
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
    pub(super) struct Inline {
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
        pub(super) fn new(mode: Mode) -> Self {
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
        pub(super) fn text(&mut self, text: &str) {
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
            let pad = content.starts_with('`')
                || content.ends_with('`')
                || (content.starts_with(' ') && content.ends_with(' '));
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
        pub(super) fn finish_line(mut self) -> String {
            self.close_all();
            self.buf.split([BREAK, HARD]).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        }

        /// Lines wrapped to `width`; hard breaks end a line with `\`.
        fn finish_flow(mut self, width: usize) -> Vec<String> {
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

    fn wrap(segment: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0;
        for word in segment.split(BREAK).filter(|w| !w.is_empty()) {
            let word_width = word.chars().count();
            if line.is_empty() {
                line.push_str(word);
                line_width = word_width;
            } else if line_width + 1 + word_width > width && can_start_line(word) && !line.ends_with('\\') {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
                line_width = word_width;
            } else {
                line.push(' ');
                line.push_str(word);
                line_width += 1 + word_width;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `name;` or `#123;` follows: the `&` would start a character reference.
    fn looks_like_entity(after_amp: &str) -> bool {
        let name = after_amp.bytes().take(33).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
        name > 0 && after_amp.as_bytes().get(name) == Some(&b';')
    }

    /// Whether a wrapped line may start with `word`: it must not be able to open a block (`-`, `#`, `1.`,
    /// `>`, `|`, ...). Text never starts with `[`, `*` or `` ` `` unescaped, so those are our own markup
    /// (a link, emphasis, a code span closed on the same line), which is safe too.
    fn can_start_line(word: &str) -> bool {
        word.starts_with(|c: char| c.is_alphabetic() || matches!(c, '(' | '"' | '\'' | '[' | '*' | '`' | '&'))
            || word.starts_with("<http")
    }

    fn longest_run(text: &str, c: char) -> usize {
        let (mut best, mut current) = (0, 0);
        for x in text.chars() {
            current = if x == c { current + 1 } else { 0 };
            best = best.max(current);
        }
        best
    }

    /// `http(s)://...` in text: byte range, trailing punctuation and unbalanced `)` left out.
    fn next_url(text: &str) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(found) = text.get(from..).and_then(|t| t.find("://")) {
            let colon = from + found;
            from = colon + 3;
            let scheme_start = ["https", "http"].iter().find_map(|scheme| {
                let start = colon.checked_sub(scheme.len())?;
                bytes.get(start..colon)?.eq_ignore_ascii_case(scheme.as_bytes()).then_some(start)
            });
            // No word-boundary check: rustdoc's lint finds `xhttps://...` too.
            let Some(start) = scheme_start else { continue };
            // Up to the first character that cannot be in a URL, or a `)` closing a parenthesis opened
            // before the URL.
            let mut end = colon + 3;
            let mut depth = 0usize;
            while let Some(&b) = bytes.get(end).filter(|b| is_url_byte(**b)) {
                match b {
                    b'(' => depth += 1,
                    b')' if depth == 0 => break,
                    b')' => depth -= 1,
                    _ => {}
                }
                end += 1;
            }
            loop {
                let url = text.get(start..end).unwrap_or("");
                match url.as_bytes().last() {
                    Some(b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"' | b'*' | b'_' | b'~') => end -= 1,
                    _ => break,
                }
            }
            if end > colon + 3 {
                return Some((start, end));
            }
        }
        None
    }

    fn is_url_byte(b: u8) -> bool {
        b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'`' | b'\\' | b'|' | b'[' | b']')
    }

    /// A link target that stays a link: absolute URLs only. Relative paths and anchors point into the
    /// Postman documenter, not into rustdoc output, and a bare word (`[text](Subscriber)`) would be resolved
    /// as an intra-doc path and fail; those links keep only their text.
    fn link_destination(dest: &str) -> Option<String> {
        let dest = dest.trim();
        let dest = if dest.starts_with("www.") { format!("https://{dest}") } else { dest.to_owned() };
        let scheme = dest.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("http" | "https") if dest.len() > scheme.as_deref().map_or(0, str::len) + 3 => {
                Some(encode_dest(&dest))
            }
            Some("mailto" | "ftp" | "ftps" | "tel") => Some(encode_dest(&dest)),
            _ => None,
        }
    }

    /// Percent-encodes what would end or break a `(dest)` / `<dest>` or a table cell.
    fn encode_dest(dest: &str) -> String {
        let mut out = String::with_capacity(dest.len());
        for c in dest.chars() {
            match c {
                ' ' => out.push_str("%20"),
                '<' => out.push_str("%3C"),
                '>' => out.push_str("%3E"),
                '(' => out.push_str("%28"),
                ')' => out.push_str("%29"),
                '\\' => out.push_str("%5C"),
                '`' => out.push_str("%60"),
                '|' => out.push_str("%7C"),
                c if c.is_whitespace() || is_dropped(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    /// Language for a fence: a known non-Rust language from the info string, else a guess from the
    /// content. Never empty and never Rust (that would be a doctest).
    fn code_language(info: &str, content: &str) -> &'static str {
        let tag = info.split(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or("");
        let tag = tag.trim_matches(|c| c == '{' || c == '}' || c == '.').to_ascii_lowercase();
        let tag = tag.strip_prefix("language-").unwrap_or(&tag);
        match tag {
            "xml" | "soap" | "wsdl" | "xsd" => "xml",
            "json" | "jsonc" | "json5" => "json",
            "html" | "xhtml" => "html",
            "js" | "javascript" => "javascript",
            "ts" | "typescript" => "typescript",
            "sh" | "bash" | "shell" | "zsh" | "curl" => "bash",
            "console" => "console",
            "http" => "http",
            "yaml" | "yml" => "yaml",
            "toml" => "toml",
            "ini" => "ini",
            "csv" => "csv",
            "sql" => "sql",
            "graphql" | "gql" => "graphql",
            "css" => "css",
            "python" | "py" => "python",
            "java" => "java",
            "csharp" | "cs" | "c#" => "csharp",
            "php" => "php",
            "ruby" | "rb" => "ruby",
            "go" | "golang" => "go",
            "diff" => "diff",
            "text" | "txt" | "plain" | "plaintext" => "text",
            "" | "rust" | "rs" => guess_language(content),
            _ => "text",
        }
    }

    fn guess_language(content: &str) -> &'static str {
        match content.trim_start().chars().next() {
            Some('<') => "xml",
            Some('{' | '[') => "json",
            _ => "text",
        }
    }

    /// A container whose prefix every output line carries.
    enum Frame {
        Quote,
        /// `pending`: the marker (`-`, `3.`) is not written yet; later lines get spaces of its width.
        Item {
            marker: String,
            pending: bool,
        },
    }

    struct List {
        /// The next number (ordered lists).
        next: Option<u64>,
        /// `-`/`*`, or `.`/`)` after the number.
        bullet: char,
        /// Items hold paragraphs: blank lines between items.
        loose: bool,
        items: usize,
        /// Too deep: items are written as plain paragraphs.
        flat: bool,
    }

    #[derive(Clone, Copy, PartialEq)]
    enum RunKind {
        Paragraph,
        /// Text directly in an item (tight list).
        Bare,
        Heading(usize),
    }

    struct CodeBlock {
        /// The fence's info string as written (empty for indented blocks).
        info: String,
        text: String,
        /// Becomes a code span in the open table cell.
        in_cell: bool,
    }

    /// A table is collected whole, then written (the column count is known only at the end).
    struct Table {
        aligns: Vec<Alignment>,
        /// Rendered cells; the first row is the header.
        rows: Vec<Vec<String>>,
        row: Option<Vec<String>>,
        cell: Option<Inline>,
        /// Tables inside this one's cells: flattened into the cell.
        nested: usize,
    }

    pub(super) struct Renderer {
        out: String,
        last_blank: bool,
        /// Open quotes and items, at most [`MAX_NEST`]; deeper ones are only counted in `flat`.
        frames: Vec<Frame>,
        flat: usize,
        lists: Vec<List>,
        need_blank: bool,
        inline: Option<Inline>,
        run: RunKind,
        last_flush_bare: bool,
        /// A list just ended at this depth with this bullet: an adjacent list gets the other bullet so the
        /// two do not merge.
        last_closed_list: Option<(usize, char)>,
        code: Option<CodeBlock>,
        table: Option<Table>,
        heading_offset: usize,
    }

    impl Renderer {
        pub(super) fn new(heading_offset: usize) -> Self {
            Renderer {
                out: String::new(),
                last_blank: false,
                frames: Vec::new(),
                flat: 0,
                lists: Vec::new(),
                need_blank: false,
                inline: None,
                run: RunKind::Paragraph,
                last_flush_bare: false,
                last_closed_list: None,
                code: None,
                table: None,
                heading_offset,
            }
        }

        pub(super) fn finish(mut self) -> String {
            if self.code.is_some() {
                self.end_code_block();
            }
            if self.table.is_some() {
                self.end_table();
            }
            self.flush_run();
            let len = self.out.trim_end().len();
            self.out.truncate(len);
            self.out
        }

        pub(super) fn event(&mut self, event: &Event<'_>) {
            if let Some(code) = self.code.as_mut() {
                match event {
                    Event::Text(s) | Event::Code(s) | Event::Html(s) | Event::InlineHtml(s) => code.text.push_str(s),
                    Event::SoftBreak | Event::HardBreak => code.text.push('\n'),
                    Event::End(TagEnd::CodeBlock) => self.end_code_block(),
                    _ => {}
                }
                return;
            }
            match event {
                Event::Start(tag) => self.start(tag),
                Event::End(tag) => self.end(*tag),
                Event::Text(s)
                | Event::Html(s)
                | Event::InlineHtml(s)
                | Event::InlineMath(s)
                | Event::DisplayMath(s) => {
                    if let Some(inline) = self.inline_mut() {
                        inline.text(s);
                    }
                }
                Event::FootnoteReference(s) => {
                    if let Some(inline) = self.inline_mut() {
                        inline.text(&format!("[^{s}]"));
                    }
                }
                Event::Code(s) => {
                    if let Some(inline) = self.inline_mut() {
                        inline.code(s);
                    }
                }
                Event::SoftBreak => {
                    if let Some(inline) = self.inline_mut() {
                        inline.text(" ");
                    }
                }
                Event::HardBreak => {
                    if let Some(inline) = self.inline_mut() {
                        inline.hard_break();
                    }
                }
                Event::Rule => {
                    if self.table.is_none() {
                        self.begin_block();
                        // `___` rather than `---`: never a setext underline, never mistaken for a list item.
                        self.emit_line("___");
                        self.need_blank = true;
                    }
                }
                // As text: rustdoc reads a marker with nothing after it (`1. [x]`) as a broken link.
                Event::TaskListMarker(done) => {
                    if let Some(inline) = self.inline_mut() {
                        inline.text(if *done { "[x] " } else { "[ ] " });
                    }
                }
            }
        }

        fn in_cell(&self) -> bool {
            self.table.as_ref().is_some_and(|t| t.cell.is_some())
        }

        /// Where inline content goes: the open cell, the open run, or a new bare run. `None` inside a table
        /// but outside a cell.
        fn inline_mut(&mut self) -> Option<&mut Inline> {
            if self.table.is_some() {
                return self.table.as_mut().and_then(|t| t.cell.as_mut());
            }
            if self.inline.is_none() {
                self.begin_block();
                self.inline = Some(Inline::new(Mode::Flow));
                self.run = RunKind::Bare;
            }
            self.inline.as_mut()
        }

        fn start(&mut self, tag: &Tag<'_>) {
            match tag {
                Tag::Emphasis => self.with_inline(|i| i.open_mark("*")),
                Tag::Strong => self.with_inline(|i| i.open_mark("**")),
                Tag::Strikethrough => self.with_inline(|i| i.open_mark("~~")),
                Tag::Link { link_type, dest_url, .. } => self.with_inline(|i| i.open_link(*link_type, dest_url, false)),
                Tag::Image { link_type, dest_url, .. } => self.with_inline(|i| i.open_link(*link_type, dest_url, true)),
                Tag::Superscript | Tag::Subscript | Tag::MetadataBlock(_) => {}
                Tag::CodeBlock(kind) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let in_cell = self.in_cell();
                    if !in_cell && self.table.is_none() {
                        self.begin_block();
                    }
                    self.code = Some(CodeBlock { info, text: String::new(), in_cell });
                }
                Tag::Table(aligns) => match self.table.as_mut() {
                    Some(table) => table.nested += 1,
                    None => {
                        self.begin_block();
                        self.table =
                            Some(Table { aligns: aligns.clone(), rows: Vec::new(), row: None, cell: None, nested: 0 });
                    }
                },
                Tag::TableHead | Tag::TableRow => {
                    if let Some(table) = self.table.as_mut()
                        && table.nested == 0
                    {
                        table.finish_row();
                        table.row = Some(Vec::new());
                    }
                }
                Tag::TableCell => match self.table.as_mut() {
                    Some(table) if table.nested == 0 => {
                        table.finish_cell();
                        table.cell = Some(Inline::new(Mode::Cell));
                    }
                    Some(table) => {
                        if let Some(cell) = table.cell.as_mut() {
                            cell.text(" ");
                        }
                    }
                    None => {}
                },
                _ if self.table.is_some() => {
                    // Blocks inside a cell (only from odd HTML): a line break.
                    if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
                        cell.hard_break();
                    }
                }
                Tag::Paragraph | Tag::HtmlBlock => {
                    if matches!(self.top_frame(), Some(Frame::Item { .. }))
                        && let Some(list) = self.lists.last_mut()
                    {
                        list.loose = true;
                    }
                    self.open_run(Mode::Flow, RunKind::Paragraph);
                }
                Tag::Heading { level, .. } => {
                    let level = (*level as usize + self.heading_offset).clamp(1, 6);
                    self.open_run(Mode::Heading, RunKind::Heading(level));
                }
                Tag::BlockQuote(_) => {
                    self.begin_block();
                    self.push_frame(Frame::Quote);
                }
                // Not enabled in our parser options; kept as plain blocks.
                Tag::FootnoteDefinition(_) | Tag::DefinitionList => self.begin_block(),
                Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                    self.open_run(Mode::Flow, RunKind::Paragraph);
                }
                Tag::List(start) => self.start_list(*start),
                Tag::Item => self.start_item(),
            }
        }

        fn end(&mut self, tag: TagEnd) {
            match tag {
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.with_inline(Inline::close_mark),
                TagEnd::Link | TagEnd::Image => self.with_inline(Inline::close_link),
                TagEnd::Superscript | TagEnd::Subscript | TagEnd::MetadataBlock(_) | TagEnd::CodeBlock => {}
                TagEnd::Table => match self.table.as_mut() {
                    Some(table) if table.nested > 0 => table.nested -= 1,
                    Some(_) => self.end_table(),
                    None => {}
                },
                TagEnd::TableHead | TagEnd::TableRow => {
                    if let Some(table) = self.table.as_mut()
                        && table.nested == 0
                    {
                        table.finish_row();
                    }
                }
                TagEnd::TableCell => {
                    if let Some(table) = self.table.as_mut()
                        && table.nested == 0
                    {
                        table.finish_cell();
                    }
                }
                _ if self.table.is_some() => {}
                TagEnd::Paragraph
                | TagEnd::HtmlBlock
                | TagEnd::Heading(_)
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => {
                    self.flush_run();
                    self.need_blank = true;
                }
                TagEnd::BlockQuote(_) => {
                    self.flush_run();
                    self.pop_frame();
                    self.need_blank = true;
                }
                TagEnd::FootnoteDefinition | TagEnd::DefinitionList => {
                    self.flush_run();
                    self.need_blank = true;
                }
                TagEnd::List(_) => {
                    self.flush_run();
                    if let Some(list) = self.lists.pop() {
                        self.last_closed_list = Some((self.depth(), list.bullet));
                    }
                    self.need_blank = true;
                }
                TagEnd::Item => {
                    // An empty item writes nothing: a lone `-` under text would underline it as a heading.
                    self.flush_run();
                    self.pop_frame();
                    self.need_blank = false;
                }
            }
        }

        fn with_inline(&mut self, f: impl FnOnce(&mut Inline)) {
            if let Some(inline) = self.inline_mut() {
                f(inline);
            }
        }

        fn depth(&self) -> usize {
            self.frames.len() + self.flat
        }

        /// The innermost open quote or item, unless it was flattened.
        fn top_frame(&self) -> Option<&Frame> {
            if self.flat > 0 { None } else { self.frames.last() }
        }

        fn push_frame(&mut self, frame: Frame) {
            if self.flat == 0 && self.frames.len() < MAX_NEST {
                self.frames.push(frame);
            } else {
                self.flat += 1;
            }
        }

        fn pop_frame(&mut self) {
            if self.flat > 0 {
                self.flat -= 1;
            } else {
                self.frames.pop();
            }
        }

        fn open_run(&mut self, mode: Mode, run: RunKind) {
            self.begin_block();
            self.inline = Some(Inline::new(mode));
            self.run = run;
        }

        fn start_list(&mut self, start: Option<u64>) {
            self.flush_run();
            if self.last_flush_bare
                && matches!(self.top_frame(), Some(Frame::Item { .. }))
                && start.is_none_or(|n| n == 1)
            {
                // A list right under an item's text: no blank line, the item stays tight. Only bullets and
                // lists starting at 1 may interrupt a paragraph; `3.` there would be read as text.
                self.need_blank = false;
            }
            let adjacent = self.last_closed_list.take().filter(|(depth, _)| *depth == self.depth());
            let bullet = match (start, adjacent) {
                (None, Some((_, '-'))) => '*',
                (None, _) => '-',
                (Some(_), Some((_, '.'))) => ')',
                (Some(_), _) => '.',
            };
            self.begin_block();
            let flat = self.flat > 0 || self.frames.len() >= MAX_NEST;
            self.lists.push(List { next: start, bullet, loose: false, items: 0, flat });
        }

        fn start_item(&mut self) {
            self.flush_run();
            let (marker, flat, loose, items) = match self.lists.last_mut() {
                Some(list) => {
                    list.items += 1;
                    let marker = match list.next.as_mut() {
                        Some(n) => {
                            // CommonMark list numbers have at most 9 digits; a longer one would make the
                            // item a paragraph and its indented continuation a code block.
                            let number = (*n).min(MAX_LIST_NUMBER);
                            *n = number + 1;
                            format!("{number}{}", list.bullet)
                        }
                        None => list.bullet.to_string(),
                    };
                    (marker, list.flat, list.loose, list.items)
                }
                None => ("-".to_owned(), false, false, 1),
            };
            if flat {
                self.need_blank = items > 1;
                self.begin_block();
                self.flat += 1;
            } else {
                self.need_blank = loose && items > 1;
                self.begin_block();
                self.push_frame(Frame::Item { marker, pending: true });
            }
            self.need_blank = false;
        }

        /// Before a block: the open run is written, and a blank line separates it from what came before.
        fn begin_block(&mut self) {
            self.flush_run();
            self.last_flush_bare = false;
            self.last_closed_list = None;
            if self.need_blank {
                self.emit_blank();
            }
            self.need_blank = false;
        }

        fn flush_run(&mut self) {
            let Some(inline) = self.inline.take() else { return };
            match self.run {
                RunKind::Heading(level) => {
                    let text = inline.finish_line();
                    if !text.is_empty() {
                        self.emit_line(&format!("{} {text}", "#".repeat(level)));
                    }
                }
                RunKind::Paragraph | RunKind::Bare => {
                    let width = self.wrap_width();
                    for line in inline.finish_flow(width) {
                        self.emit_line(&line);
                    }
                }
            }
            if self.run == RunKind::Bare {
                self.need_blank = true;
                self.last_flush_bare = true;
            }
        }

        fn end_code_block(&mut self) {
            let Some(code) = self.code.take() else { return };
            if code.in_cell {
                if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
                    cell.code(&code.text);
                }
                return;
            }
            if self.table.is_some() {
                return;
            }
            let text: String = code.text.chars().filter(|c| matches!(c, '\n' | '\t') || !is_dropped(*c)).collect();
            let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
            let first = lines.iter().position(|l| !l.is_empty());
            let last = lines.iter().rposition(|l| !l.is_empty());
            if let (Some(first), Some(last)) = (first, last) {
                let body = lines.get(first..=last).unwrap_or(&[]);
                let lang = code_language(&code.info, body.first().copied().unwrap_or(""));
                let fence = "`".repeat(body.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0).max(2) + 1);
                self.emit_line(&format!("{fence}{lang}"));
                for line in body {
                    self.emit_line(line);
                }
                self.emit_line(&fence);
            }
            self.need_blank = true;
        }

        fn end_table(&mut self) {
            let Some(mut table) = self.table.take() else { return };
            table.finish_row();
            let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0).max(table.aligns.len()).min(MAX_COLUMNS);
            if columns == 0 || table.rows.is_empty() {
                return;
            }
            // Every row gets `columns` cells; cells past the cap join the last one (rows x columns stays
            // proportional to the input).
            let line = |cells: &[String]| {
                let mut out: Vec<String> = (0..columns).map(|i| cells.get(i).cloned().unwrap_or_default()).collect();
                if let (Some(last), Some(rest)) = (out.last_mut(), cells.get(columns..)) {
                    for extra in rest.iter().filter(|c| !c.is_empty()) {
                        last.push(' ');
                        last.push_str(extra);
                    }
                }
                format!("| {} |", out.join(" | "))
            };
            let mut rows = table.rows.iter();
            if let Some(head) = rows.next() {
                self.emit_line(&line(head));
            }
            let delimiters: Vec<&str> = (0..columns)
                .map(|i| match table.aligns.get(i) {
                    Some(Alignment::Left) => ":---",
                    Some(Alignment::Center) => ":---:",
                    Some(Alignment::Right) => "---:",
                    _ => "---",
                })
                .collect();
            self.emit_line(&format!("| {} |", delimiters.join(" | ")));
            for row in rows {
                self.emit_line(&line(row));
            }
            self.need_blank = true;
        }

        fn wrap_width(&self) -> usize {
            let prefix: usize = self
                .frames
                .iter()
                .map(|f| match f {
                    Frame::Quote => 2,
                    Frame::Item { marker, .. } => marker.len() + 1,
                })
                .sum();
            WRAP.saturating_sub(prefix).max(40)
        }

        fn emit_line(&mut self, content: &str) {
            let mut line = String::new();
            for frame in &mut self.frames {
                match frame {
                    Frame::Quote => line.push_str("> "),
                    Frame::Item { marker, pending } => {
                        if *pending {
                            line.push_str(marker);
                            line.push(' ');
                            *pending = false;
                        } else {
                            line.extend(std::iter::repeat_n(' ', marker.len() + 1));
                        }
                    }
                }
            }
            line.push_str(content);
            self.out.push_str(line.trim_end());
            self.out.push('\n');
            self.last_blank = false;
        }

        fn emit_blank(&mut self) {
            if self.out.is_empty() || self.last_blank {
                return;
            }
            // Item indentation stays before a quote's `>`: a `>` at column 0 would end the items.
            let mut prefix = String::new();
            for frame in &self.frames {
                match frame {
                    Frame::Quote => prefix.push_str("> "),
                    Frame::Item { marker, .. } => prefix.extend(std::iter::repeat_n(' ', marker.len() + 1)),
                }
            }
            self.out.push_str(prefix.trim_end());
            self.out.push('\n');
            self.last_blank = true;
        }
    }

    impl Table {
        fn finish_cell(&mut self) {
            if let Some(cell) = self.cell.take() {
                self.row.get_or_insert_with(Vec::new).push(cell.finish_line());
            }
        }

        fn finish_row(&mut self) {
            self.finish_cell();
            if let Some(row) = self.row.take() {
                self.rows.push(row);
            }
        }
    }
}

/// Plain text for [`summary()`].
mod summary {
    use pulldown_cmark::{Event, Tag, TagEnd};

    /// The text of the first paragraph (`paragraphs_only`), or of the first block with any text.
    pub(super) fn first_text(events: &[Event<'_>], paragraphs_only: bool) -> String {
        let mut text = String::new();
        let mut has_text = false;
        let mut in_code = false;
        let mut in_paragraph = 0usize;
        for event in events {
            let collecting = !in_code && (!paragraphs_only || in_paragraph > 0);
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Start(Tag::Paragraph) => in_paragraph += 1,
                Event::End(TagEnd::Paragraph) => {
                    in_paragraph = in_paragraph.saturating_sub(1);
                    if has_text {
                        return text;
                    }
                }
                Event::Text(s) | Event::Code(s) if collecting => {
                    text.push_str(s);
                    has_text |= !s.trim().is_empty();
                }
                Event::SoftBreak | Event::HardBreak if collecting => text.push(' '),
                Event::Start(tag) if !super::is_inline_tag(tag) && has_text => return text,
                Event::End(tag) if !super::is_inline_end(*tag) && has_text => return text,
                // Keep item and cell texts apart.
                Event::Start(_) | Event::End(_) if collecting && has_text => text.push(' '),
                _ => {}
            }
        }
        text
    }

    const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "ex", "etc", "vs", "approx", "incl", "no", "nr", "cf", "fig"];

    /// Byte length of the first sentence, when it is shorter than the text.
    fn first_sentence(text: &str) -> Option<usize> {
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !matches!(c, '.' | '!' | '?') || !chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
                continue;
            }
            let before = text.get(..i).unwrap_or("");
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("").trim_start_matches('(');
            let next_word = text.get(i + 1..).unwrap_or("").trim_start();
            let abbreviation = word.chars().count() <= 1 || ABBREVIATIONS.contains(&word.to_lowercase().as_str());
            if !abbreviation && !next_word.starts_with(char::is_lowercase) && !next_word.is_empty() {
                return Some(i + c.len_utf8());
            }
        }
        None
    }

    /// At most `max` characters: the text, its first sentence, or a word-boundary cut ending in `…`.
    pub(super) fn shorten(text: &str, max: usize) -> String {
        if text.chars().count() <= max {
            return text.to_owned();
        }
        if let Some(end) = first_sentence(text)
            && text.get(..end).is_some_and(|s| s.chars().count() <= max)
        {
            return text.get(..end).unwrap_or("").to_owned();
        }
        let Some(budget) = max.checked_sub(1) else { return String::new() };
        let cut = text.char_indices().nth(budget).map_or(text.len(), |(i, _)| i);
        let head = text.get(..cut).unwrap_or("");
        let at_boundary = text.get(cut..).is_some_and(|rest| rest.starts_with(char::is_whitespace));
        let head = match head.rfind(char::is_whitespace) {
            _ if at_boundary => head,
            Some(space) if space > 0 => head.get(..space).unwrap_or(head),
            _ => head,
        };
        let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–'));
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DescriptionFormat::{Html, Markdown, Plain};

    fn seed_description() -> String {
        let raw =
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../collection/tango-provisioning-v6.published.json"));
        let json: serde_json::Value = serde_json::from_str(raw).expect("seed is JSON");
        json["collection"]["info"]["description"].as_str().expect("seed has a description").to_owned()
    }

    fn md(text: &str) -> String {
        to_rustdoc(text, Markdown, 2)
    }

    fn html(text: &str) -> String {
        to_rustdoc(text, Html, 2)
    }

    #[test]
    fn seed_description_keeps_structure_and_demotes_headings() {
        let out = md(&seed_description());
        assert!(out.starts_with("The **Tango Networks Provisioning API** is primarily an XML over HTTP service,"));
        assert!(
            out.contains("\n\n### What's New\n\n#### API Updates (6.0)\n\n- **Message Copy** - The authenticationKey")
        );
        assert!(out.contains("\n\n### API Overview\n\n"));
        assert!(out.contains("#### Supported Home Locations"));
        let headings: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings.len(), 10);
        assert!(headings.iter().all(|h| h.starts_with("### ") || h.starts_with("#### ")), "{headings:?}");
        let link =
            "[CALLBACKS](https://api-postman.tango-networks.com/?version=latest#7a5c0719-d8d5-45f0-a9e2-7b899170a0f0)";
        assert_eq!(out.matches(link).count(), 2);
        assert!(out.contains("- A **2xx** response code means that the request was successful.\n"));
        // The `  \n` hard break of the source survives as `\`.
        assert!(out.contains("result in a HTTP Unauthorized response.\\\nIn this documentation"));
        assert!(out.contains("(ex. *token*)"));
        assert!(!out.contains("\n\n\n"));
        assert!(out.lines().all(|l| l == l.trim_end()));
        assert!(out.ends_with("USA, GBR, FRA, SWE, MEX, AUT, BEL, DEU, DNK, ESP, IRL, ITA, LUX, POL, CHE, NLD"));

        let crate_level = to_rustdoc(&seed_description(), Markdown, 0);
        assert!(crate_level.contains("\n\n# What's New\n\n## API Updates (6.0)\n\n"));
    }

    #[test]
    fn heading_levels_keep_their_distance_and_stop_at_six() {
        assert_eq!(md("# A\n\ntext\n\n## B\n\n##### E"), "### A\n\ntext\n\n#### B\n\n###### E");
        assert_eq!(md("Title\n=====\n\nSub\n---"), "### Title\n\n#### Sub");
        // Text that only looks like heading syntax stays text.
        assert_eq!(md("### C# and F# #"), "##### C\\# and F\\#");
    }

    #[test]
    fn fenced_blocks_get_a_non_rust_language() {
        assert_eq!(
            md("```\n<subscriber>\n  <name>x</name>\n</subscriber>\n```"),
            "```xml\n<subscriber>\n  <name>x</name>\n</subscriber>\n```"
        );
        assert_eq!(md("```\n{\"a\": [1]}\n```"), "```json\n{\"a\": [1]}\n```");
        assert_eq!(md("```\nPOST /api HTTP/1.1\n```"), "```text\nPOST /api HTTP/1.1\n```");
        assert_eq!(md("```rust\nfn main() {}\n```"), "```text\nfn main() {}\n```");
        assert_eq!(md("```should_panic\nx\n```"), "```text\nx\n```");
        assert_eq!(md("```JSON\n{}\n```"), "```json\n{}\n```");
        assert_eq!(md("~~~\nuses ``` inside\n~~~"), "````text\nuses ``` inside\n````");
        assert_eq!(md("```\n\n```"), "");
    }

    #[test]
    fn indented_code_becomes_fenced() {
        assert_eq!(
            md("Example:\n\n    <a>\n      <b>1</b>\n    </a>\n\nafter"),
            "Example:\n\n```xml\n<a>\n  <b>1</b>\n</a>\n```\n\nafter"
        );
        assert_eq!(md("- item\n\n      code in item\n"), "- item\n\n  ```text\n  code in item\n  ```");
    }

    #[test]
    fn raw_tags_in_prose_are_escaped_or_converted() {
        assert_eq!(
            md("Pass your <token> and <subscriber> here."),
            "Pass your &lt;token&gt; and &lt;subscriber&gt; here."
        );
        assert_eq!(
            md("a <b>bold</b> and <i>it</i> and <code>x < y</code><br>next"),
            "a **bold** and *it* and `x < y`\\\nnext"
        );
        assert_eq!(md("see <a href=\"https://x.io/a b\">docs</a>"), "see [docs](https://x.io/a%20b)");
        assert_eq!(md("unclosed <b>bold"), "unclosed **bold**");
        assert_eq!(md("a <!-- hidden --> b"), "a b");
        assert_eq!(
            md("Example:\n\n<subscriber>\n  <token>abc</token>\n</subscriber>\n\nend"),
            "Example:\n\n```xml\n<subscriber>\n  <token>abc</token>\n</subscriber>\n```\n\nend"
        );
    }

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(md("Refer to the [CALLBACKS] folder"), "Refer to the \\[CALLBACKS\\] folder");
        assert_eq!(md("[foo][bar] and [^1] and [ ]"), "\\[foo\\]\\[bar\\] and \\[^1\\] and \\[ \\]");
        // Targets that are not absolute URLs keep only their text (a bare word would be an intra-doc path).
        assert_eq!(
            md("see [the docs](Subscriber), [top](#top), [auth](/reference/auth) and [m](mailto:a@b.co)"),
            "see the docs, top, auth and [m](mailto:a@b.co)"
        );
        assert_eq!(md("[x][r]\n\n[r]: https://x.io/r"), "[x](https://x.io/r)");
        assert_eq!(md("- [x] done\n- [ ] open"), "- \\[x\\] done\n- \\[ \\] open");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(
            md("See https://example.com/a_b. Or (http://x.io/p?q=1&r=2)."),
            "See <https://example.com/a_b>. Or (<http://x.io/p?q=1&r=2>)."
        );
        assert_eq!(md("[https://x.io](https://x.io) <https://y.io>"), "[https://x.io](https://x.io) <https://y.io>");
        assert_eq!(
            md("wiki https://en.wikipedia.org/wiki/Foo_(bar) end"),
            "wiki <https://en.wikipedia.org/wiki/Foo_(bar)> end"
        );
        assert_eq!(md("gluedhttps://example.com/x"), "glued<https://example.com/x>");
        assert_eq!(md("(https://example.com/i.png)&x"), "(<https://example.com/i.png>)&x");
        // Split by a dropped tag: not wrapped, but no longer a bare URL to rustdoc either.
        assert_eq!(
            md("http://<span></span>www.example.com and ht<i></i>tps://example.com"),
            "http\\://www.example.com and https\\://example.com"
        );
    }

    #[test]
    fn html_mandatory_fields_table_and_pre() {
        let input = "<p><strong>Mandatory fields</strong></p><ul><li>token</li><li>name</li></ul>\n\
            <table><tr><th>Field</th><th>Type</th></tr><tr><td>token</td><td>string | <b>secret</b></td></tr>\
            <tr><td>name</td></tr></table>\
            <pre>&lt;subscriber&gt;\n  &lt;name&gt;A &amp; B&lt;/name&gt;\n&lt;/subscriber&gt;</pre>\
            <pre><code class=\"language-json\">{\"a\": 1}</code></pre><pre>plain</pre>";
        assert_eq!(
            html(input),
            "**Mandatory fields**\n\n- token\n- name\n\n\
             | Field | Type |\n| --- | --- |\n| token | string \\| **secret** |\n\
             | name |  |\n\n```xml\n<subscriber>\n  <name>A & B</name>\n</subscriber>\n```\n\n\
             ```json\n{\"a\": 1}\n```\n\n\
             ```text\nplain\n```"
        );
    }

    #[test]
    fn html_structure() {
        assert_eq!(html("<h1>Title</h1><p>One<br>two</p><p>three</p>"), "### Title\n\nOne\\\ntwo\n\nthree");
        assert_eq!(html("<ul><li>a<ul><li>b</li></ul></li><li>c</ul>"), "- a\n  - b\n- c");
        assert_eq!(html("<ol start=\"3\"><li>x<li>y</ol>"), "3. x\n4. y");
        assert_eq!(html("<blockquote><p>quoted</p><p>more</p></blockquote>"), "> quoted\n>\n> more");
        assert_eq!(html("<p>a</p><script>alert('<b>')</script><style>p{}</style><p>b</p>"), "a\n\nb");
        assert_eq!(html("<div><custom-tag>kept</custom-tag> text</div>"), "kept text");
        assert_eq!(html("<a href=www.contentstack.com/docs>x</a>"), "[x](https://www.contentstack.com/docs)");
        assert_eq!(html("<p>  lots \n\t of   space </p>"), "lots of space");
        assert_eq!(html("<b> Mandatory </b>fields"), "**Mandatory** fields");
        assert_eq!(
            html("<table><tr><td><p>one</p><p>two</p></td><td><ul><li>x</li><li>y</li></ul></td></tr></table>"),
            "| one<br>two | x<br>y |\n| --- | --- |"
        );
        assert_eq!(
            html(
                "<h3>\tResponse Parameters\t</h3>\t\t\n<table border=1>\n<tr>\t<th>\tfield\t</th>\t</tr>\n\
                 <tr>\t<td>\tanswer\t</td>\t</tr>\n</table>"
            ),
            "##### Response Parameters\n\n| field |\n| --- |\n| answer |"
        );
    }

    #[test]
    fn absurd_numbers_and_widths_are_bounded() {
        assert_eq!(html("<ol start=\"99999999999\"><li>a<li>b</ol>"), "999999999. a\n999999999. b");
        let wide = format!("<table><tr>{}</tr><tr><td>x</td></tr></table>", "<th>h</th>".repeat(70));
        let out = html(&wide);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines.iter().map(|l| l.matches(" | ").count()).collect::<Vec<_>>(), [63, 63, 63]);
        assert!(lines[0].ends_with(&format!("| h{} |", " h".repeat(6))));
    }

    #[test]
    fn entities_are_decoded_then_escaped_again() {
        assert_eq!(
            html("<p>&amp; &lt;b&gt; &quot;x&quot; &#39;y&#39; &nbsp;z &#233;&#xE9;&eacute; &bogus; &#0;</p>"),
            "& &lt;b&gt; \"x\" 'y' z ééé &amp;bogus; \u{fffd}"
        );
        assert_eq!(md("A &amp; B &lt;token&gt; &copy;"), "A & B &lt;token&gt; ©");
    }

    #[test]
    fn summary_is_one_escaped_line() {
        let seed = seed_description();
        assert_eq!(
            summary(&seed, Markdown, 200),
            "The Tango Networks Provisioning API is primarily an XML over HTTP \
            service, which operates using the principles of REST with some newer methods being JSON based."
        );
        let short = summary(&seed, Markdown, 40);
        assert_eq!(short, "The Tango Networks Provisioning API is…");
        assert!(short.chars().count() <= 40);
        assert_eq!(summary("The quick brown fox jumps", Plain, 19), "The quick brown…");
        assert_eq!(summary("The quick brown fox jumps", Plain, 20), "The quick brown fox…");
        assert_eq!(summary("Supercalifragilistic", Plain, 6), "Super…");
        assert_eq!(summary("Short one.", Plain, 0), "");
        assert_eq!(summary("Use e.g. this. Then that.", Plain, 16), "Use e.g. this.");
        assert_eq!(summary("# Heading\n\nFirst para\nwrapped.\n\nSecond.", Markdown, 80), "First para wrapped.");
        assert_eq!(
            summary("<p>Adds a <code>[x]</code> &lt;token&gt;</p><p>more</p>", Html, 80),
            "Adds a \\[x\\] &lt;token&gt;"
        );
        assert_eq!(summary("- only a list item", Markdown, 80), "only a list item");
        assert_eq!(summary("", Markdown, 80), "");
    }

    #[test]
    fn escape_inline_makes_any_text_safe() {
        assert_eq!(
            escape_inline("a|b [c] <d> *e* _f_ `g` https://x.io"),
            "a\\|b \\[c\\] &lt;d&gt; \\*e\\* \\_f\\_ \\`g\\` <https://x.io>"
        );
        assert_eq!(escape_inline("- starts\nlike a list"), "\\- starts like a list");
        assert_eq!(escape_inline("12. ordered"), "12\\. ordered");
        assert_eq!(escape_inline("snake_case_name"), "snake_case_name");
        assert_eq!(escape_inline("AT&T &amp;"), "AT&T &amp;amp;");
        assert_eq!(escape_inline("  "), "");
    }

    #[test]
    fn plain_text_keeps_lines_and_escapes_markup() {
        assert_eq!(
            to_rustdoc("1. not a list\n- not a bullet\n# not a heading\n\n    not code", Plain, 2),
            "1\\. not a list\\\n\\- not a bullet\\\n\\# not a heading\n\nnot code"
        );
    }

    #[test]
    fn long_paragraphs_wrap_only_before_safe_words() {
        // Between the words, only the breaks before `word`/`end` are allowed.
        let text = "word ".repeat(50) + &"- 1. # > | 2) ".repeat(10) + "end";
        let out = md(&text);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() >= 4, "{out}");
        // `&gt;` may start a line: entities are decoded after the block structure is read.
        assert!(lines.iter().all(|l| l.starts_with("word ") || l.starts_with("&gt; ") || *l == "end"), "{out}");
        assert!(lines.iter().take(2).all(|l| l.chars().count() <= 100), "{out}");
        let one_line = "word ".repeat(50) + &"- 1. # &gt; \\| 2) ".repeat(10) + "end";
        assert_eq!(out.replace('\n', " "), one_line);
    }

    #[test]
    fn markdown_lists_quotes_and_tables_round_trip() {
        assert_eq!(md("* a\n* b\n    * c\n\n1) one\n2) two"), "- a\n- b\n  - c\n\n1. one\n2. two");
        assert_eq!(md("- a\n\n- b"), "- a\n\n- b");
        assert_eq!(html("<ul><li>a<ol start=3><li>b</ol><li>c<ul><li></ul></ul>"), "- a\n\n  3. b\n- c");
        assert_eq!(md("- a\n\n\n* b"), "- a\n\n* b");
        assert_eq!(md("> quote\n> > nested\n\ntext"), "> quote\n>\n> > nested\n\ntext");
        assert_eq!(md("- a\n  1. b\n\n     > c\n     >\n     > d"), "- a\n  1. b\n\n     > c\n     >\n     > d");
        assert_eq!(
            md("| a | b |\n|---|:-:|\n| `x\\|y` | [l](https://l.io) |"),
            "| a | b |\n| --- | :---: |\n| `x\\|y` | [l](https://l.io) |"
        );
        assert_eq!(md("a\n\n---\n\nb"), "a\n\n___\n\nb");
        assert_eq!(
            md("**bold** _em_ ~~gone~~ `x` and ``a`b`` and stray ` tick"),
            "**bold** *em* ~~gone~~ `x` and ``a`b`` and stray \\` tick"
        );
    }

    #[test]
    fn hostile_input_never_panics_and_stays_clean() {
        let crlf = md("line one\r\nline two\r\n\r\npara\r");
        assert_eq!(crlf, md("line one\nline two\n\npara\n"));
        assert_eq!(crlf, "line one line two\n\npara");
        let dirty = md("nul\0 bell\u{7} bidi\u{202e}x \u{feff}bom 🎉 emoji");
        assert_eq!(dirty, "nul bell bidix bom 🎉 emoji");
        assert_eq!(html("<<<>>> <a <b <p"), "&lt;&lt;&lt;&gt;&gt;&gt; &lt;a &lt;b &lt;p");
        assert_eq!(html("<p>unclosed <b>bold <i>both"), "unclosed **bold *both***");
        assert_eq!(html("<s><del>x</del></s> y"), "~~x~~ y");
        assert_eq!(html("<ol><li><s><br></s>x</ol>"), "1. x");
        assert_eq!(
            md("Wow!<a href=\"https://example.com\">x</a> <code>a</code><code>b</code>"),
            "Wow\\![x](https://example.com) `a` `b`"
        );
        assert_eq!(md("&#x202E;&#1;ok"), "ok");
        // One megabyte, and smaller inputs that stress each stage; all must stay linear.
        let big = [
            "<a x=\"".repeat(200_000),
            "<a ".repeat(30_000),
            "<".repeat(100_000),
            "*".repeat(100_000),
            "[".repeat(100_000),
            "> ".repeat(20_000) + "deep",
            "- ".repeat(20_000) + "deep",
            "<ul><li>".repeat(10_000),
            "<div><b>".repeat(10_000),
            "`".repeat(50_001),
            "&#".repeat(50_000),
        ];
        for input in &big {
            for format in [Markdown, Html, Plain] {
                let out = to_rustdoc(input, format, 2);
                assert!(!out.contains(['\0', '\u{1}', '\r']));
                let _ = summary(input, format, 80);
            }
        }
    }

    /// Pieces the generated inputs of [`rustdoc_accepts_the_output`] are glued from, `¦`-separated.
    const FRAGMENTS: &str = "<token>¦[x]¦[a](b)¦[c](https://example.com/c)¦https://example.com/u_v.¦`¦``¦```¦~~~¦~~¦*¦**¦_¦\
        __¦#¦# ¦- ¦1. ¦> ¦|¦| a |¦\n¦\n\n¦    ¦\t¦<b>¦</b>¦<i>¦<a href=x>¦\
        <a href=\"https://example.com\">¦</a>¦<p>¦</p>¦<br>¦<ul>¦<li>¦</ul>¦<ol>¦</ol>¦<table>¦<tr>¦\
        <td>¦<th>¦</table>¦<pre>¦</pre>¦<code>¦</code>¦<h2>¦</h2>¦&lt;¦&amp;¦&#x3c;¦&nbsp;¦word¦Word¦ ¦\
        2019.¦---¦===¦***¦\\¦!¦![i](https://example.com/i.png)¦<!--¦-->¦<subscriber>¦</subscriber>¦\
        {{token}}¦[^1]¦[ ]¦<blockquote>¦</blockquote>¦<s>¦</s>¦<hr>¦<div>¦é¦🎉¦\r\n¦:¦<¦>¦&¦\n- ¦\n1. ¦\
        \n> ¦\n    ¦\n```\n¦\n| a | b |\n|---|---|\n¦  \n¦\\\n¦<br/>¦<b/>¦<p/>¦&#x202e;¦&#0;¦\
        \n[r]: https://example.com/r\n¦[x][r]¦<http://example.com>¦<a@b.co>¦www.example.com¦http://¦\
        (https://example.com/(a))¦\n\n    code\n¦\
        <img src=\"https://example.com/i.png\" alt=\"https://example.com/alt\">¦\
        <pre><code class=\"language-rust\">¦\n***\n¦\n===\n¦\n---\n¦\n<div>\n¦\n<subscriber>\n¦\
        \n</div>\n¦\n\n<table><tr><td>¦<ol start=3>¦- [ ] ¦1) ¦#### ¦\n    - x¦\t- y";

    /// Renders tricky inputs into a tiny crate and runs `cargo doc` and `cargo test --doc` with warnings
    /// denied: the proof that rustdoc accepts the output. Slow (two cargo runs): `cargo test -- --ignored`.
    #[test]
    #[ignore = "runs cargo on a generated crate"]
    fn rustdoc_accepts_the_output() {
        let inputs: Vec<(&str, DescriptionFormat)> = vec![
            ("Pass <token> to [CALLBACKS] at https://example.com/x_y. `unbalanced", Markdown),
            ("```\nfn main() { panic!() }\n```\n\n    fn indented() { panic!() }\n\n```rust\npanic!()\n```", Markdown),
            ("[foo][bar] [Subscriber] [x](Subscriber) [y](crate::Nope) [^1] <subscriber>\n<name>x</name>", Markdown),
            ("Example:\n\n<subscriber>\n  <token>{{token}}</token>\n</subscriber>", Markdown),
            (
                "# Top\n\n| a | b |\n|---|---|\n| <x> | [y] |\n\n\
                 > quote https://quote.example.org\n\n1. one\n   - two\n\n***",
                Markdown,
            ),
            (
                "<p><strong>Mandatory fields</strong></p><ul><li>token</li><li>name</li></ul>\
                 <table><tr><th>Field</th></tr>\
              <tr><td>&lt;token&gt; <pre>x|y</pre></td></tr></table><pre>&lt;a&gt;&lt;/a&gt;</pre><p>a<br>b</p>",
                Html,
            ),
            (
                "<h3>\tResponse Parameters\t</h3>\n<table border=1>\n<tr><th>field</th></tr>\n\
                 <tr><td>_embedded</td></tr>\n</table>",
                Markdown,
            ),
            (
                "<a href=www.example.com/y>Link</a> <img src=\"https://img.example.com/a.png\" alt=\"pic\"> \
                 <b><i>x<br></i></b>",
                Html,
            ),
            ("1. plain\n- text\n<tag> [x] `y` * z\nhttps://plain.example.net/p", Plain),
            ("www.example.com and http:// and mailto:a@b.c and <a@b.co> (https://example.com/a_(b))", Markdown),
            ("<p>see https://html.example.com/x?y=1&amp;z=2.</p><p><code>a`b</code> <b></b>***</p>", Html),
        ];
        let mut items: Vec<String> = inputs
            .iter()
            .map(|(input, format)| format!("{}\n\n{}", summary(input, *format, 80), to_rustdoc(input, *format, 2)))
            .collect();
        items.push(format!("Inline: {}", escape_inline("<v> [w] https://example.com/e `x")));
        // Plus random glue of hostile fragments (deterministic xorshift), in every format.
        let fragments: Vec<&str> = FRAGMENTS.split('¦').collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % bound as u64).unwrap_or(0)
        };
        for _ in 0..600 {
            let text: String = (0..5 + next(40)).map(|_| fragments[next(fragments.len())]).collect();
            for format in [Markdown, Html, Plain] {
                items.push(format!("{}\n\n{}", summary(&text, format, 60), to_rustdoc(&text, format, 2)));
            }
        }
        assert_rustdoc_accepts(&to_rustdoc(&seed_description(), Markdown, 0), &items);
    }

    /// Builds a crate with `crate_docs` and one documented item per entry of `items`, runs `cargo doc` and
    /// `cargo test --doc` on it with warnings denied, and fails with rustdoc's complaint if there is one.
    fn assert_rustdoc_accepts(crate_docs: &str, items: &[String]) {
        let doc_lines = |prefix: &str, text: &str| -> String {
            text.lines()
                .map(|line| if line.is_empty() { format!("{prefix}\n") } else { format!("{prefix} {line}\n") })
                .collect()
        };
        let mut lib = String::from("#![deny(missing_docs)]\n#![deny(rustdoc::all)]\n");
        lib.push_str(&doc_lines("//!", crate_docs));
        for (i, item) in items.iter().enumerate() {
            lib.push_str(&doc_lines("///", item));
            lib.push_str(&format!("pub fn item_{i}() {{}}\n"));
        }
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("src")).expect("src dir");
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nname = \"docs_check\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n",
        )
        .expect("write Cargo.toml");
        std::fs::write(dir.path().join("src/lib.rs"), &lib).expect("write lib.rs");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        for args in [&["doc", "--no-deps"][..], &["test", "--doc"][..]] {
            let output = std::process::Command::new(&cargo)
                .args(args)
                .current_dir(dir.path())
                .env("RUSTDOCFLAGS", "-D warnings")
                .env("CARGO_TARGET_DIR", dir.path().join("target"))
                .output()
                .expect("run cargo");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "cargo {args:?} failed:\n{stderr}");
            assert!(!stderr.contains("warning"), "cargo {args:?} warned:\n{stderr}");
            if args[0] == "test" {
                assert!(stdout.contains("running 0 tests"), "doctests were generated:\n{stdout}");
            }
        }
    }
}

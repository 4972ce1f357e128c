//! HTML tokens -> well-nested pulldown-cmark events.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::format::{Format, MAX_FORMAT_DEPTH, link_start};
use super::tokenize::Token;
use super::{attr, collapse_whitespace, is_code_tag, listed};

pub(super) fn convert(tokens: Vec<Token>) -> Vec<Event<'static>> {
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

/// Elements that only separate blocks.
const BOUNDARY_NAMES: &str = "p div section article header footer main nav aside figure figcaption center form \
    fieldset details summary dl dt dd caption address body html";

fn is_boundary(name: &str) -> bool {
    listed(BOUNDARY_NAMES, name)
}

const MAX_BLOCK_DEPTH: usize = 32;

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
                    let start =
                        (name == "ol").then(|| attr(attrs, "start").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1));
                    self.out.push(Event::Start(Tag::List(start)));
                    self.blocks.push(Block::List);
                }
            }
            "li" => {
                if self.in_cell() || self.blocks.len() >= MAX_BLOCK_DEPTH {
                    self.boundary();
                } else if !self.in_table_grid() {
                    self.enter_block();
                    if let Some(at) = self.blocks.iter().rposition(|b| matches!(b, Block::List | Block::Item { .. }))
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
            Block::Cell => last.checked_sub(1).filter(|at| matches!(self.blocks.get(*at), Some(Block::Table { .. }))),
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

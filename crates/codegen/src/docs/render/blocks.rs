//! Block structure: paragraphs, headings, lists, quotes, code blocks and tables, written line by line
//! with their prefixes.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Tag, TagEnd};

use super::code::{code_language, longest_run};
use super::inline::{Inline, Mode};
use crate::docs::clean::is_dropped;

/// Doc lines are wrapped near this width (prefixes included), only before words that cannot start a
/// block (see `can_start_line`).
const WRAP: usize = 100;
/// The largest list number CommonMark accepts.
const MAX_LIST_NUMBER: u64 = 999_999_999;
/// Wider tables are folded into their last column.
const MAX_COLUMNS: usize = 64;
/// Deeper quotes/lists are flattened (keeps output linear in pathological input).
const MAX_NEST: usize = 8;

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

/// Writes markdown from a stream of events, one block at a time.
pub(crate) struct Renderer {
    out: String,
    /// The last line written is blank (never two in a row).
    last_blank: bool,
    /// Open quotes and items, at most [`MAX_NEST`]; deeper ones are only counted in `flat`.
    frames: Vec<Frame>,
    flat: usize,
    lists: Vec<List>,
    /// The next block needs a blank line before it.
    need_blank: bool,
    /// The open paragraph, heading or item text, and what it is.
    inline: Option<Inline>,
    run: RunKind,
    /// The last block written was an item's bare text (a nested list may follow without a blank line).
    last_flush_bare: bool,
    /// A list just ended at this depth with this bullet: an adjacent list gets the other bullet so the
    /// two do not merge.
    last_closed_list: Option<(usize, char)>,
    code: Option<CodeBlock>,
    table: Option<Table>,
    heading_offset: usize,
}

impl Renderer {
    pub(crate) fn new(heading_offset: usize) -> Self {
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

    pub(crate) fn finish(mut self) -> String {
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

    pub(crate) fn event(&mut self, event: &Event<'_>) {
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
            Event::Text(s) | Event::Html(s) | Event::InlineHtml(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
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
        if self.last_flush_bare && matches!(self.top_frame(), Some(Frame::Item { .. })) && start.is_none_or(|n| n == 1)
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

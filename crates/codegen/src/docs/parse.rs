//! A description, whatever its markup, as pulldown-cmark events.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream};

use super::{DescriptionFormat, html};

/// The description as pulldown-cmark events, whatever its markup.
pub(super) fn events(src: &str, format: DescriptionFormat) -> Vec<Event<'_>> {
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

pub(super) fn is_inline_tag(tag: &Tag<'_>) -> bool {
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

pub(super) fn is_inline_end(tag: TagEnd) -> bool {
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

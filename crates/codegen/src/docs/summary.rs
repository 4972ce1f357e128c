//! Plain text for [`summary()`](super::summary()).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::parse::{is_inline_end, is_inline_tag};

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
            Event::Start(tag) if !is_inline_tag(tag) && has_text => return text,
            Event::End(tag) if !is_inline_end(*tag) && has_text => return text,
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

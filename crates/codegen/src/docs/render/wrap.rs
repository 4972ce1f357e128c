//! Line wrapping, only before words that cannot start a block.

use super::inline::BREAK;

pub(super) fn wrap(segment: &str, width: usize) -> Vec<String> {
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

/// Whether a wrapped line may start with `word`: it must not be able to open a block (`-`, `#`, `1.`,
/// `>`, `|`, ...). Text never starts with `[`, `*` or `` ` `` unescaped, so those are our own markup
/// (a link, emphasis, a code span closed on the same line), which is safe too.
fn can_start_line(word: &str) -> bool {
    word.starts_with(|c: char| c.is_alphabetic() || matches!(c, '(' | '"' | '\'' | '[' | '*' | '`' | '&'))
        || word.starts_with("<http")
}

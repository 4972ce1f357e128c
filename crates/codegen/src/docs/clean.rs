//! Input cleaning: line endings, control characters, bidi overrides.

/// Line endings to `\n`, no control characters (NUL, C1, ...) and no bidi overrides (rustc denies those in
/// comments), no BOM. Tabs and newlines stay.
pub(super) fn sanitize(text: &str) -> String {
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
pub(super) fn is_dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

//! URLs: bare ones found in text, and link destinations that stay links.

use crate::docs::clean::is_dropped;

/// `http(s)://...` in text: byte range, trailing punctuation and unbalanced `)` left out.
pub(super) fn next_url(text: &str) -> Option<(usize, usize)> {
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
pub(super) fn link_destination(dest: &str) -> Option<String> {
    let dest = dest.trim();
    let dest = if dest.starts_with("www.") { format!("https://{dest}") } else { dest.to_owned() };
    let scheme = dest.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") if dest.len() > scheme.as_deref().map_or(0, str::len) + 3 => Some(encode_dest(&dest)),
        Some("mailto" | "ftp" | "ftps" | "tel") => Some(encode_dest(&dest)),
        _ => None,
    }
}

/// Percent-encodes what would end or break a `(dest)` / `<dest>` or a table cell.
pub(super) fn encode_dest(dest: &str) -> String {
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

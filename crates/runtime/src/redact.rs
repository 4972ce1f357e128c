//! Keeping secrets and huge bodies out of error messages.

use std::borrow::Cow;

use url::{Position, Url, form_urlencoded};

/// Upper bound, in bytes, for body text kept in errors (`message`, `snippet`).
pub(crate) const MAX_SNIPPET_BYTES: usize = 4 * 1024;

/// Replacement for every secret value.
pub(crate) const REDACTED: &str = "<redacted>";

/// Appended when text was cut.
const ELLIPSIS: &str = "…";

/// Query parameter names whose values are hidden even when the call did not mark them secret:
/// defence in depth against a generator that forgot the flag.
const SECRET_NAME_PARTS: &[&str] = &["token", "secret", "password", "passwd", "key", "auth"];

/// True when a parameter name looks like it carries a credential.
pub(crate) fn looks_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_NAME_PARTS.iter().any(|part| name.contains(part))
}

/// `text` cut to at most `max` bytes on a char boundary, with `…` appended (inside the bound)
/// when something was cut.
pub(crate) fn bounded(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cut_with_ellipsis(text, max))
}

/// The longest prefix of `text` that fits in `max` bytes together with `…`, then `…`.
fn cut_with_ellipsis(text: &str, max: usize) -> String {
    let mut end = max.saturating_sub(ELLIPSIS.len()).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1; // terminates: 0 is always a char boundary
    }
    let head = text.get(..end).unwrap_or_default();
    format!("{head}{ELLIPSIS}")
}

/// A body as bounded text: at most [`MAX_SNIPPET_BYTES`], invalid UTF-8 replaced, a multi-byte
/// character cut by the bound dropped rather than mangled.
pub(crate) fn body_snippet(body: &[u8]) -> String {
    // Decode only a window a little larger than the bound, not a multi-megabyte body.
    let window = body.get(..MAX_SNIPPET_BYTES + 4).unwrap_or(body);
    let text = match std::str::from_utf8(window) {
        Ok(text) => Cow::Borrowed(text),
        // Only the last character is incomplete (the window cut it): drop it.
        Err(e) if e.error_len().is_none() => String::from_utf8_lossy(window.get(..e.valid_up_to()).unwrap_or_default()),
        Err(_) => String::from_utf8_lossy(window),
    };
    let truncated = body.len() > window.len();
    if !truncated && text.len() <= MAX_SNIPPET_BYTES {
        return text.into_owned();
    }
    cut_with_ellipsis(&text, MAX_SNIPPET_BYTES)
}

/// Secret values to scrub out of text that came back from the server.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scrubber {
    secrets: Vec<String>,
}

impl Scrubber {
    /// Adds a secret (and its form-encoded spelling, which a server may echo).
    pub(crate) fn add(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        let encoded: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        for value in [secret.to_owned(), encoded] {
            if !self.secrets.contains(&value) {
                self.secrets.push(value);
            }
        }
        // Longest first, so a secret that contains another is replaced whole.
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// `text` with every secret replaced by [`REDACTED`].
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        out
    }
}

/// Renders `url` for errors and logs: the values of query parameters for which `is_secret`
/// returns true, or whose names [`look secret`](looks_secret), are replaced by `<redacted>`.
pub(crate) fn render_url(url: &Url, is_secret: impl Fn(&str) -> bool) -> String {
    if url.query().is_none() {
        return url.as_str().to_owned();
    }
    let mut rendered = url[..Position::AfterPath].to_owned();
    for (index, (name, value)) in url.query_pairs().enumerate() {
        rendered.push(if index == 0 { '?' } else { '&' });
        rendered.extend(form_urlencoded::byte_serialize(name.as_bytes()));
        rendered.push('=');
        if is_secret(&name) || looks_secret(&name) {
            rendered.push_str(REDACTED);
        } else {
            rendered.extend(form_urlencoded::byte_serialize(value.as_bytes()));
        }
    }
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_cuts_on_char_boundary() {
        assert_eq!(bounded("short", 10), "short");
        let text = "ééééé"; // 10 bytes
        let cut = bounded(text, 8);
        assert!(cut.len() <= 8, "{cut}");
        assert_eq!(cut, "éé…");
        assert_eq!(bounded("abcdef", 0), "…");
    }

    #[test]
    fn snippet_is_bounded_and_marks_truncation() {
        let body = "x".repeat(10_000);
        let snippet = body_snippet(body.as_bytes());
        assert!(snippet.len() <= MAX_SNIPPET_BYTES, "{}", snippet.len());
        assert!(snippet.ends_with(ELLIPSIS));
        assert_eq!(body_snippet(b"<a>"), "<a>");
        assert_eq!(body_snippet(b"\xff<a>"), "\u{fffd}<a>");
        // Exactly at the window edge, and the body goes on.
        let body = "y".repeat(MAX_SNIPPET_BYTES + 4 + 1);
        let snippet = body_snippet(body.as_bytes());
        assert!(snippet.len() <= MAX_SNIPPET_BYTES && snippet.ends_with(ELLIPSIS));
    }

    #[test]
    fn snippet_drops_a_char_cut_by_the_window() {
        let mut body = "a".repeat(MAX_SNIPPET_BYTES + 3).into_bytes();
        body.extend("é".as_bytes()); // straddles the window edge
        let snippet = body_snippet(&body);
        assert!(!snippet.contains('\u{fffd}'), "no replacement char");
        assert!(snippet.ends_with(ELLIPSIS));
    }

    #[test]
    fn scrubber_replaces_plain_and_encoded_secrets() {
        let mut scrubber = Scrubber::default();
        scrubber.add("a b+c");
        scrubber.add("");
        let text = scrubber.scrub("bad token a b+c (sent as a+b%2Bc)");
        assert_eq!(text, "bad token <redacted> (sent as <redacted>)");
    }

    #[test]
    fn render_url_redacts_secret_values() {
        let url = Url::parse("https://h/api/x?msisdn=1%202&token=abc&ResellerToken=def&t=ghi").expect("valid");
        let rendered = render_url(&url, |name| name == "t");
        assert_eq!(rendered, "https://h/api/x?msisdn=1+2&token=<redacted>&ResellerToken=<redacted>&t=<redacted>");
        let plain = Url::parse("https://h/api/x").expect("valid");
        assert_eq!(render_url(&plain, |_| true), "https://h/api/x");
    }
}

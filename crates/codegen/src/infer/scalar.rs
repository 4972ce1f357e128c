//! Scalar rules shared by every format: variables, conservative bool/integer detection, name matching.

use super::MAX_EXAMPLE_CHARS;

/// Marks a JSON string that stood for a bare (unquoted) `{{var}}` in the sample text; see `json::quote_bare_vars`.
pub(super) const BARE_VAR_MARK: char = '\u{E000}';

/// The variable name when `value` is exactly `{{name}}` (no braces inside, not empty).
pub(super) fn var_name(value: &str) -> Option<&str> {
    let name = value.strip_prefix("{{")?.strip_suffix("}}")?;
    if name.is_empty() || name.contains(['{', '}']) {
        return None;
    }
    Some(name)
}

/// Whether `text` is an integer we dare type as one: `-?(0|[1-9][0-9]{0,17})`, so it always fits `i64` and
/// phone numbers (`+1...`), ICCIDs (19-20 digits) and zip codes with a leading zero stay strings.
pub(super) fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let bytes = digits.as_bytes();
    match bytes {
        [b'0'] => true,
        [first, rest @ ..] => (b'1'..=b'9').contains(first) && rest.len() <= 17 && rest.iter().all(u8::is_ascii_digit),
        [] => false,
    }
}

/// Whether `text` is literally `true` or `false`.
pub(super) fn is_bool(text: &str) -> bool {
    text == "true" || text == "false"
}

/// How the literal text values of one field voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextVotes {
    /// Number of literal values.
    pub count: usize,
    /// Some value was empty.
    pub empty: bool,
    /// Every value was `true`/`false`.
    pub all_bool: bool,
    /// Every value was a conservative integer.
    pub all_int: bool,
}

impl Default for TextVotes {
    fn default() -> Self {
        Self { count: 0, empty: false, all_bool: true, all_int: true }
    }
}

impl TextVotes {
    /// Adds one literal value.
    pub fn vote(&mut self, text: &str) {
        self.count += 1;
        self.empty |= text.is_empty();
        self.all_bool &= is_bool(text);
        self.all_int &= is_integer(text);
    }

    /// The type these votes allow; `None` when nothing voted.
    pub fn kind(&self) -> Option<super::FieldType> {
        use super::FieldType;
        if self.count == 0 {
            None
        } else if self.empty {
            Some(FieldType::String)
        } else if self.all_bool {
            Some(FieldType::Bool)
        } else if self.all_int {
            Some(FieldType::Integer)
        } else {
            Some(FieldType::String)
        }
    }
}

/// `value` cut to [`MAX_EXAMPLE_CHARS`] characters.
pub(super) fn example(value: &str) -> String {
    value.chars().take(MAX_EXAMPLE_CHARS).collect()
}

/// Lowercase ASCII letters and digits only: how names from prose and wire names are compared.
pub(super) fn normalize(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The part of an XML name after its namespace prefix (`ns:tag` -> `tag`); namespace declarations
/// (`xmlns`, `xmlns:p`) keep their full name so they stay distinguishable.
pub(super) fn local_part(name: &str) -> &str {
    if name == "xmlns" || name.starts_with("xmlns:") {
        return name;
    }
    match name.rsplit_once(':') {
        Some((_, local)) if !local.is_empty() => local,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_conservative() {
        for yes in ["0", "7", "-12", "123456789012345678", "-123456789012345678"] {
            assert!(is_integer(yes), "{yes}");
        }
        for no in ["", "-", "01", "+1", "1234567890123456789", "1.5", "1e3", " 1", "8901260123456789012", "-0x1"] {
            assert!(!is_integer(no), "{no}");
        }
    }

    #[test]
    fn variables_are_exact() {
        assert_eq!(var_name("{{resellertoken}}"), Some("resellertoken"));
        assert_eq!(var_name("{{$guid}}"), Some("$guid"));
        assert_eq!(var_name("{{}}"), None);
        assert_eq!(var_name("x{{a}}"), None);
        assert_eq!(var_name("{{a}}{{b}}"), None);
    }

    #[test]
    fn names_normalize_and_lose_prefixes() {
        assert_eq!(normalize("Home-Location_1"), "homelocation1");
        assert_eq!(local_part("soap:Body"), "Body");
        assert_eq!(local_part("xmlns:soap"), "xmlns:soap");
        assert_eq!(local_part("a:"), "a:");
        assert_eq!(example(&"é".repeat(100)).chars().count(), 80);
    }
}

//! "Mandatory fields" sections in request descriptions (markdown, or HTML from the documenter).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::scalar::normalize;

/// Inline and block tags the documenter writes; anything else (`<createSubscriber>` in an example) is left alone.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<\s*(/?)\s*(p|br|li|ul|ol|strong|b|em|i|code|h[1-6]|table|thead|tbody|tr|td|th|div|span|a|pre)\b[^>]*>",
    )
    .expect("static regex")
});
/// Block tags that mark a description as HTML, where newlines mean nothing.
static HTML_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(p|li|ul|ol|table|tr|h[1-6]|div)\b").expect("static regex"));
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").expect("static regex"));
/// `**Mandatory fields:** rest`, `Mandatory fields`, `Mandatory field:` (after any heading marks).
static START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[*_\s]*mandatory\s+fields?\b[*_\s]*(:)?[*_\s]*(.*)$").expect("static regex"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*+•]|\d{1,3}[.)])\s+(.*)$").expect("static regex"));
static TABLE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$").expect("static regex"));

/// First-column texts of table header rows.
const HEADER_CELLS: &[&str] = &[
    "field",
    "fields",
    "fieldname",
    "name",
    "parameter",
    "parameters",
    "element",
    "attribute",
    "key",
    "mandatoryfields",
];
/// Items that say the list is empty.
const NONE_ITEMS: &[&str] = &["none", "na", "nil"];
/// Where a trailing description starts after a name.
const DESCRIPTION_STARTS: &[&str] = &[" - ", " : ", ": ", " (", "(", "–", "—", " = "];

/// See [`super::mandatory_fields`].
pub(super) fn mandatory_fields(description: &str) -> Option<Vec<String>> {
    let text = to_markdown(description);
    let lines: Vec<&str> = text.lines().collect();
    let mut names = Names::default();
    let mut found = false;
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        match section_start(line) {
            None => index += 1,
            Some(Start::Inline(rest)) => {
                found = true;
                for part in rest.split([',', ';']).flat_map(|part| part.split(" and ")) {
                    names.push(part);
                }
                index += 1;
            }
            Some(Start::Block) => {
                found = true;
                index = read_block(&lines, index + 1, &mut names);
            }
        }
    }
    (found && (!names.list.is_empty() || names.explicit_none)).then_some(names.list)
}

enum Start<'a> {
    /// Names follow on later lines.
    Block,
    /// Names follow on the same line.
    Inline(&'a str),
}

fn section_start(line: &str) -> Option<Start<'_>> {
    let trimmed = line.trim();
    let heading = trimmed.starts_with('#');
    let core = trimmed.trim_start_matches('#').trim_start();
    let captures = START.captures(core)?;
    let colon = captures.get(1).is_some();
    let rest = captures.get(2).map_or("", |m| m.as_str()).trim();
    if rest.trim_matches(['*', '_']).is_empty() {
        Some(Start::Block)
    } else if colon {
        Some(Start::Inline(rest))
    } else if heading {
        Some(Start::Block)
    } else {
        None
    }
}

/// Reads bullets or table rows from `start`; returns the first line that is not part of the section.
fn read_block(lines: &[&str], start: usize, names: &mut Names) -> usize {
    let mut seen_items = false;
    let mut index = start;
    while let Some(line) = lines.get(index) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if seen_items {
                return index;
            }
        } else if trimmed.starts_with('#') || trimmed.starts_with("**") || trimmed.starts_with("__") {
            return index;
        } else if let Some(item) = BULLET.captures(trimmed).and_then(|c| c.get(1)) {
            names.push(item.as_str());
            seen_items = true;
        } else if trimmed.starts_with('|') {
            seen_items = true;
            let is_header = lines.get(index + 1).is_some_and(|next| TABLE_SEPARATOR.is_match(next.trim()));
            if !TABLE_SEPARATOR.is_match(trimmed) && !is_header {
                let first = trimmed.trim_start_matches('|').split('|').next().unwrap_or_default();
                if !HEADER_CELLS.contains(&normalize(first).as_str()) {
                    names.push(first);
                }
            }
        } else if seen_items {
            return index;
        }
        index += 1;
    }
    index
}

#[derive(Default)]
struct Names {
    list: Vec<String>,
    explicit_none: bool,
}

impl Names {
    fn push(&mut self, raw: &str) {
        let Some(name) = clean(raw) else { return };
        let key = normalize(&name);
        if NONE_ITEMS.contains(&key.as_str()) {
            self.explicit_none = true;
        } else if !key.is_empty() && !self.list.iter().any(|known| normalize(known) == key) {
            self.list.push(name);
        }
    }
}

/// The name part of a list item: markup and trailing descriptions removed.
fn clean(raw: &str) -> Option<String> {
    let mut text = raw.trim();
    let cut = DESCRIPTION_STARTS.iter().filter_map(|sep| text.find(sep)).filter(|&at| at > 0).min();
    if let Some(at) = cut {
        text = text.get(..at).unwrap_or(text);
    }
    let name: String = text.chars().filter(|c| !matches!(c, '`' | '[' | ']')).collect();
    let name = name.trim().trim_matches(['*', '_']).trim().trim_end_matches(['.', ',', ';', ':']).trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// HTML descriptions as the markdown lines the section reader understands.
fn to_markdown(description: &str) -> String {
    let html = HTML_BLOCK.is_match(description);
    let collapsed;
    let source = if html {
        collapsed = description.split_whitespace().collect::<Vec<_>>().join(" ");
        collapsed.as_str()
    } else {
        description
    };
    let converted = TAG.replace_all(source, |caps: &Captures<'_>| {
        let closing = caps.get(1).is_some_and(|m| !m.as_str().is_empty());
        let tag = caps.get(2).map_or(String::new(), |m| m.as_str().to_ascii_lowercase());
        let replacement = match (tag.as_str(), closing) {
            ("li", false) => "\n- ",
            ("p" | "div" | "ul" | "ol" | "table" | "pre" | "br", _) => "\n",
            ("tr", false) => "\n|",
            ("td" | "th", false) => " ",
            ("td" | "th", true) => " |",
            ("thead", true) => "\n|---|",
            ("strong" | "b", _) => "**",
            ("code", _) => "`",
            (heading, false) if heading.starts_with('h') && heading.len() == 2 => "\n### ",
            (heading, true) if heading.starts_with('h') && heading.len() == 2 => "\n",
            _ => "",
        };
        replacement.to_owned()
    });
    if !converted.contains('&') {
        return converted.into_owned();
    }
    ENTITY
        .replace_all(&converted, |caps: &Captures<'_>| {
            let entity = caps.get(1).map_or("", |m| m.as_str());
            decode_entity(entity).unwrap_or_else(|| format!("&{entity};"))
        })
        .into_owned()
}

fn decode_entity(entity: &str) -> Option<String> {
    let ch = match entity {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        _ => {
            let code = match entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => entity.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some(ch.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Option<Vec<String>> {
        mandatory_fields(text)
    }

    fn list(names: &[&str]) -> Option<Vec<String>> {
        Some(names.iter().map(|n| (*n).to_owned()).collect())
    }

    #[test]
    fn markdown_bullets_end_at_the_next_bold_section() {
        let text = "Creates a subscriber.\n\n**Mandatory fields**\n\n- `token` - reseller token\n* firstName\n\
                    - **homeLocation** (ISO country)\n- msisdn: the number\n**Optional fields**\n- lastName\n";
        assert_eq!(fields(text), list(&["token", "firstName", "homeLocation", "msisdn"]));
    }

    #[test]
    fn heading_with_nested_bullets_ends_at_blank_line() {
        let text = "### Mandatory Fields\n1. subscriber:\n   - first_name – given name\n\nOther text\n- notme";
        assert_eq!(fields(text), list(&["subscriber", "first_name"]));
    }

    #[test]
    fn markdown_table_skips_header_and_separator() {
        let text =
            "Mandatory fields:\n\n| Field | Description |\n|---|---|\n| token | the token |\n| `iccid` | SIM |\n\nmore";
        assert_eq!(fields(text), list(&["token", "iccid"]));
    }

    #[test]
    fn inline_list_on_the_heading_line() {
        assert_eq!(fields("Mandatory fields: token, name, homeLocation."), list(&["token", "name", "homeLocation"]));
        assert_eq!(fields("**Mandatory fields:** token and msisdn"), list(&["token", "msisdn"]));
        assert_eq!(fields("MANDATORY FIELD: none"), Some(vec![]));
    }

    #[test]
    fn html_from_the_documenter() {
        let text = "<p>Create.</p>\n<p><strong>Mandatory fields</strong></p>\n<ul>\n  <li><code>token</code></li>\n  \
                    <li>name &amp; more</li>\n</ul>\n<p><strong>Optional fields</strong></p><ul><li>x</li></ul>";
        assert_eq!(fields(text), list(&["token", "name & more"]));
        let table = "<h4>Mandatory fields</h4><table><thead><tr><th>Name</th><th>Info</th></tr></thead>\
                     <tbody><tr><td>token</td><td>t</td></tr><tr><td>iccid</td><td>i</td></tr></tbody></table><p>x</p>";
        assert_eq!(fields(table), list(&["token", "iccid"]));
    }

    #[test]
    fn prose_mentions_are_not_sections() {
        assert_eq!(fields("Always refer to the **Mandatory fields** description on each function."), None);
        assert_eq!(fields("No list here\n- token"), None);
        assert_eq!(fields("**Mandatory fields**\n\nNothing follows."), None);
        assert_eq!(fields(""), None);
    }
}

//! Code spans and blocks: backtick runs and the fence's language.

pub(super) fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut current) = (0, 0);
    for x in text.chars() {
        current = if x == c { current + 1 } else { 0 };
        best = best.max(current);
    }
    best
}

/// Language for a fence: a known non-Rust language from the info string, else a guess from the
/// content. Never empty and never Rust (that would be a doctest).
pub(super) fn code_language(info: &str, content: &str) -> &'static str {
    let tag = info.split(|c: char| c == ',' || c.is_whitespace()).next().unwrap_or("");
    let tag = tag.trim_matches(|c| c == '{' || c == '}' || c == '.').to_ascii_lowercase();
    let tag = tag.strip_prefix("language-").unwrap_or(&tag);
    match tag {
        "xml" | "soap" | "wsdl" | "xsd" => "xml",
        "json" | "jsonc" | "json5" => "json",
        "html" | "xhtml" => "html",
        "js" | "javascript" => "javascript",
        "ts" | "typescript" => "typescript",
        "sh" | "bash" | "shell" | "zsh" | "curl" => "bash",
        "console" => "console",
        "http" => "http",
        "yaml" | "yml" => "yaml",
        "toml" => "toml",
        "ini" => "ini",
        "csv" => "csv",
        "sql" => "sql",
        "graphql" | "gql" => "graphql",
        "css" => "css",
        "python" | "py" => "python",
        "java" => "java",
        "csharp" | "cs" | "c#" => "csharp",
        "php" => "php",
        "ruby" | "rb" => "ruby",
        "go" | "golang" => "go",
        "diff" => "diff",
        "text" | "txt" | "plain" | "plaintext" => "text",
        "" | "rust" | "rs" => guess_language(content),
        _ => "text",
    }
}

fn guess_language(content: &str) -> &'static str {
    match content.trim_start().chars().next() {
        Some('<') => "xml",
        Some('{' | '[') => "json",
        _ => "text",
    }
}

//! Rendering a [`Report`]: JSON for tools, markdown for people, short lines for `cargo xtask codegen`.

use std::fmt::Write as _;

use super::{Change, Report, Side};

pub(super) fn json(report: &Report) -> String {
    let value = serde_json::json!({ "changes": report.changes });
    // Serializing plain strings and booleans cannot fail; an empty document is the harmless fallback.
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn side(side: &Side) -> String {
    match &side.version {
        Some(version) => format!("{} (version {version})", side.title),
        None => format!("{} (no version)", side.title),
    }
}

/// Markdown inline code that survives backticks inside the text.
fn code(text: &str) -> String {
    if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") }
}

fn line(change: &Change) -> String {
    format!("- **{}** {}: {}", change.operation, code(change.kind.as_str()), change.detail)
}

pub(super) fn markdown(report: &Report, old_source: &str, new_source: &str) -> String {
    let mut out = String::from("# API changes\n\n");
    let _ = writeln!(out, "- old: {} from {}", side(&report.old), code(old_source));
    let _ = writeln!(out, "- new: {} from {}\n", side(&report.new), code(new_source));
    let breaking: Vec<&Change> = report.breaking().collect();
    let other: Vec<&Change> = report.changes.iter().filter(|c| !c.breaking).collect();
    if report.changes.is_empty() {
        out.push_str("No API changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} change(s): **{} breaking**, {} non-breaking.\n",
        report.changes.len(),
        breaking.len(),
        other.len()
    );
    for (title, list) in [("Breaking", &breaking), ("Non-breaking", &other)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        for change in list.iter() {
            out.push_str(&line(change));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

pub(super) fn summary_lines(report: &Report, limit: usize) -> Vec<String> {
    let ordered = report.breaking().chain(report.changes.iter().filter(|c| !c.breaking));
    let mut lines: Vec<String> = ordered
        .take(limit)
        .map(|c| {
            let mark = if c.breaking { " (breaking)" } else { "" };
            format!("{}: {}{mark}: {}", c.operation, c.kind, c.detail)
        })
        .collect();
    let rest = report.changes.len().saturating_sub(limit);
    if rest > 0 {
        lines.push(format!("... and {rest} more"));
    }
    lines
}

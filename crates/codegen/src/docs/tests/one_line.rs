//! `summary` and `escape_inline`: one escaped line.

use super::*;

#[test]
fn summary_is_one_escaped_line() {
    let seed = seed_description();
    assert_eq!(
        summary(&seed, Markdown, 200),
        "The Tango Networks Provisioning API is primarily an XML over HTTP \
        service, which operates using the principles of REST with some newer methods being JSON based."
    );
    let short = summary(&seed, Markdown, 40);
    assert_eq!(short, "The Tango Networks Provisioning API is…");
    assert!(short.chars().count() <= 40);
    assert_eq!(summary("The quick brown fox jumps", Plain, 19), "The quick brown…");
    assert_eq!(summary("The quick brown fox jumps", Plain, 20), "The quick brown fox…");
    assert_eq!(summary("Supercalifragilistic", Plain, 6), "Super…");
    assert_eq!(summary("Short one.", Plain, 0), "");
    assert_eq!(summary("Use e.g. this. Then that.", Plain, 16), "Use e.g. this.");
    assert_eq!(summary("# Heading\n\nFirst para\nwrapped.\n\nSecond.", Markdown, 80), "First para wrapped.");
    assert_eq!(
        summary("<p>Adds a <code>[x]</code> &lt;token&gt;</p><p>more</p>", Html, 80),
        "Adds a \\[x\\] &lt;token&gt;"
    );
    assert_eq!(summary("- only a list item", Markdown, 80), "only a list item");
    assert_eq!(summary("", Markdown, 80), "");
}

#[test]
fn escape_inline_makes_any_text_safe() {
    assert_eq!(
        escape_inline("a|b [c] <d> *e* _f_ `g` https://x.io"),
        "a\\|b \\[c\\] &lt;d&gt; \\*e\\* \\_f\\_ \\`g\\` <https://x.io>"
    );
    assert_eq!(escape_inline("- starts\nlike a list"), "\\- starts like a list");
    assert_eq!(escape_inline("12. ordered"), "12\\. ordered");
    assert_eq!(escape_inline("snake_case_name"), "snake_case_name");
    assert_eq!(escape_inline("AT&T &amp;"), "AT&T &amp;amp;");
    assert_eq!(escape_inline("  "), "");
}

//! Broken, dirty and huge input.

use super::*;

#[test]
fn hostile_input_never_panics_and_stays_clean() {
    let crlf = md("line one\r\nline two\r\n\r\npara\r");
    assert_eq!(crlf, md("line one\nline two\n\npara\n"));
    assert_eq!(crlf, "line one line two\n\npara");
    let dirty = md("nul\0 bell\u{7} bidi\u{202e}x \u{feff}bom 🎉 emoji");
    assert_eq!(dirty, "nul bell bidix bom 🎉 emoji");
    assert_eq!(html("<<<>>> <a <b <p"), "&lt;&lt;&lt;&gt;&gt;&gt; &lt;a &lt;b &lt;p");
    assert_eq!(html("<p>unclosed <b>bold <i>both"), "unclosed **bold *both***");
    assert_eq!(html("<s><del>x</del></s> y"), "~~x~~ y");
    assert_eq!(html("<ol><li><s><br></s>x</ol>"), "1. x");
    assert_eq!(
        md("Wow!<a href=\"https://example.com\">x</a> <code>a</code><code>b</code>"),
        "Wow\\![x](https://example.com) `a` `b`"
    );
    assert_eq!(md("&#x202E;&#1;ok"), "ok");
    // One megabyte, and smaller inputs that stress each stage; all must stay linear.
    let big = [
        "<a x=\"".repeat(200_000),
        "<a ".repeat(30_000),
        "<".repeat(100_000),
        "*".repeat(100_000),
        "[".repeat(100_000),
        "> ".repeat(20_000) + "deep",
        "- ".repeat(20_000) + "deep",
        "<ul><li>".repeat(10_000),
        "<div><b>".repeat(10_000),
        "`".repeat(50_001),
        "&#".repeat(50_000),
    ];
    for input in &big {
        for format in [Markdown, Html, Plain] {
            let out = to_rustdoc(input, format, 2);
            assert!(!out.contains(['\0', '\u{1}', '\r']));
            let _ = summary(input, format, 80);
        }
    }
}

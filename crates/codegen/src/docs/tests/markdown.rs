//! Markdown input.

use super::*;

#[test]
fn seed_description_keeps_structure_and_demotes_headings() {
    let out = md(&seed_description());
    assert!(out.starts_with("The **Tango Networks Provisioning API** is primarily an XML over HTTP service,"));
    assert!(out.contains("\n\n### What's New\n\n#### API Updates (6.0)\n\n- **Message Copy** - The authenticationKey"));
    assert!(out.contains("\n\n### API Overview\n\n"));
    assert!(out.contains("#### Supported Home Locations"));
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 10);
    assert!(headings.iter().all(|h| h.starts_with("### ") || h.starts_with("#### ")), "{headings:?}");
    let link =
        "[CALLBACKS](https://api-postman.tango-networks.com/?version=latest#7a5c0719-d8d5-45f0-a9e2-7b899170a0f0)";
    assert_eq!(out.matches(link).count(), 2);
    assert!(out.contains("- A **2xx** response code means that the request was successful.\n"));
    // The `  \n` hard break of the source survives as `\`.
    assert!(out.contains("result in a HTTP Unauthorized response.\\\nIn this documentation"));
    assert!(out.contains("(ex. *token*)"));
    assert!(!out.contains("\n\n\n"));
    assert!(out.lines().all(|l| l == l.trim_end()));
    assert!(out.ends_with("USA, GBR, FRA, SWE, MEX, AUT, BEL, DEU, DNK, ESP, IRL, ITA, LUX, POL, CHE, NLD"));

    let crate_level = to_rustdoc(&seed_description(), Markdown, 0);
    assert!(crate_level.contains("\n\n# What's New\n\n## API Updates (6.0)\n\n"));
}

#[test]
fn heading_levels_keep_their_distance_and_stop_at_six() {
    assert_eq!(md("# A\n\ntext\n\n## B\n\n##### E"), "### A\n\ntext\n\n#### B\n\n###### E");
    assert_eq!(md("Title\n=====\n\nSub\n---"), "### Title\n\n#### Sub");
    // Text that only looks like heading syntax stays text.
    assert_eq!(md("### C# and F# #"), "##### C\\# and F\\#");
}

#[test]
fn fenced_blocks_get_a_non_rust_language() {
    assert_eq!(
        md("```\n<subscriber>\n  <name>x</name>\n</subscriber>\n```"),
        "```xml\n<subscriber>\n  <name>x</name>\n</subscriber>\n```"
    );
    assert_eq!(md("```\n{\"a\": [1]}\n```"), "```json\n{\"a\": [1]}\n```");
    assert_eq!(md("```\nPOST /api HTTP/1.1\n```"), "```text\nPOST /api HTTP/1.1\n```");
    assert_eq!(md("```rust\nfn main() {}\n```"), "```text\nfn main() {}\n```");
    assert_eq!(md("```should_panic\nx\n```"), "```text\nx\n```");
    assert_eq!(md("```JSON\n{}\n```"), "```json\n{}\n```");
    assert_eq!(md("~~~\nuses ``` inside\n~~~"), "````text\nuses ``` inside\n````");
    assert_eq!(md("```\n\n```"), "");
}

#[test]
fn indented_code_becomes_fenced() {
    assert_eq!(
        md("Example:\n\n    <a>\n      <b>1</b>\n    </a>\n\nafter"),
        "Example:\n\n```xml\n<a>\n  <b>1</b>\n</a>\n```\n\nafter"
    );
    assert_eq!(md("- item\n\n      code in item\n"), "- item\n\n  ```text\n  code in item\n  ```");
}

#[test]
fn raw_tags_in_prose_are_escaped_or_converted() {
    assert_eq!(md("Pass your <token> and <subscriber> here."), "Pass your &lt;token&gt; and &lt;subscriber&gt; here.");
    assert_eq!(
        md("a <b>bold</b> and <i>it</i> and <code>x < y</code><br>next"),
        "a **bold** and *it* and `x < y`\\\nnext"
    );
    assert_eq!(md("see <a href=\"https://x.io/a b\">docs</a>"), "see [docs](https://x.io/a%20b)");
    assert_eq!(md("unclosed <b>bold"), "unclosed **bold**");
    assert_eq!(md("a <!-- hidden --> b"), "a b");
    assert_eq!(
        md("Example:\n\n<subscriber>\n  <token>abc</token>\n</subscriber>\n\nend"),
        "Example:\n\n```xml\n<subscriber>\n  <token>abc</token>\n</subscriber>\n```\n\nend"
    );
}

#[test]
fn brackets_that_are_not_links_are_escaped() {
    assert_eq!(md("Refer to the [CALLBACKS] folder"), "Refer to the \\[CALLBACKS\\] folder");
    assert_eq!(md("[foo][bar] and [^1] and [ ]"), "\\[foo\\]\\[bar\\] and \\[^1\\] and \\[ \\]");
    // Targets that are not absolute URLs keep only their text (a bare word would be an intra-doc path).
    assert_eq!(
        md("see [the docs](Subscriber), [top](#top), [auth](/reference/auth) and [m](mailto:a@b.co)"),
        "see the docs, top, auth and [m](mailto:a@b.co)"
    );
    assert_eq!(md("[x][r]\n\n[r]: https://x.io/r"), "[x](https://x.io/r)");
    assert_eq!(md("- [x] done\n- [ ] open"), "- \\[x\\] done\n- \\[ \\] open");
}

#[test]
fn bare_urls_are_wrapped() {
    assert_eq!(
        md("See https://example.com/a_b. Or (http://x.io/p?q=1&r=2)."),
        "See <https://example.com/a_b>. Or (<http://x.io/p?q=1&r=2>)."
    );
    assert_eq!(md("[https://x.io](https://x.io) <https://y.io>"), "[https://x.io](https://x.io) <https://y.io>");
    assert_eq!(
        md("wiki https://en.wikipedia.org/wiki/Foo_(bar) end"),
        "wiki <https://en.wikipedia.org/wiki/Foo_(bar)> end"
    );
    assert_eq!(md("gluedhttps://example.com/x"), "glued<https://example.com/x>");
    assert_eq!(md("(https://example.com/i.png)&x"), "(<https://example.com/i.png>)&x");
    // Split by a dropped tag: not wrapped, but no longer a bare URL to rustdoc either.
    assert_eq!(
        md("http://<span></span>www.example.com and ht<i></i>tps://example.com"),
        "http\\://www.example.com and https\\://example.com"
    );
}

#[test]
fn long_paragraphs_wrap_only_before_safe_words() {
    // Between the words, only the breaks before `word`/`end` are allowed.
    let text = "word ".repeat(50) + &"- 1. # > | 2) ".repeat(10) + "end";
    let out = md(&text);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 4, "{out}");
    // `&gt;` may start a line: entities are decoded after the block structure is read.
    assert!(lines.iter().all(|l| l.starts_with("word ") || l.starts_with("&gt; ") || *l == "end"), "{out}");
    assert!(lines.iter().take(2).all(|l| l.chars().count() <= 100), "{out}");
    let one_line = "word ".repeat(50) + &"- 1. # &gt; \\| 2) ".repeat(10) + "end";
    assert_eq!(out.replace('\n', " "), one_line);
}

#[test]
fn markdown_lists_quotes_and_tables_round_trip() {
    assert_eq!(md("* a\n* b\n    * c\n\n1) one\n2) two"), "- a\n- b\n  - c\n\n1. one\n2. two");
    assert_eq!(md("- a\n\n- b"), "- a\n\n- b");
    assert_eq!(html("<ul><li>a<ol start=3><li>b</ol><li>c<ul><li></ul></ul>"), "- a\n\n  3. b\n- c");
    assert_eq!(md("- a\n\n\n* b"), "- a\n\n* b");
    assert_eq!(md("> quote\n> > nested\n\ntext"), "> quote\n>\n> > nested\n\ntext");
    assert_eq!(md("- a\n  1. b\n\n     > c\n     >\n     > d"), "- a\n  1. b\n\n     > c\n     >\n     > d");
    assert_eq!(
        md("| a | b |\n|---|:-:|\n| `x\\|y` | [l](https://l.io) |"),
        "| a | b |\n| --- | :---: |\n| `x\\|y` | [l](https://l.io) |"
    );
    assert_eq!(md("a\n\n---\n\nb"), "a\n\n___\n\nb");
    assert_eq!(
        md("**bold** _em_ ~~gone~~ `x` and ``a`b`` and stray ` tick"),
        "**bold** *em* ~~gone~~ `x` and ``a`b`` and stray \\` tick"
    );
}

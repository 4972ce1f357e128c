//! rustdoc itself accepts the output (slow, ignored by default).

use super::*;

/// Pieces the generated inputs of [`rustdoc_accepts_the_output`] are glued from, `¦`-separated.
const FRAGMENTS: &str = "<token>¦[x]¦[a](b)¦[c](https://example.com/c)¦https://example.com/u_v.¦`¦``¦```¦~~~¦~~¦*¦**¦_¦\
    __¦#¦# ¦- ¦1. ¦> ¦|¦| a |¦\n¦\n\n¦    ¦\t¦<b>¦</b>¦<i>¦<a href=x>¦\
    <a href=\"https://example.com\">¦</a>¦<p>¦</p>¦<br>¦<ul>¦<li>¦</ul>¦<ol>¦</ol>¦<table>¦<tr>¦\
    <td>¦<th>¦</table>¦<pre>¦</pre>¦<code>¦</code>¦<h2>¦</h2>¦&lt;¦&amp;¦&#x3c;¦&nbsp;¦word¦Word¦ ¦\
    2019.¦---¦===¦***¦\\¦!¦![i](https://example.com/i.png)¦<!--¦-->¦<subscriber>¦</subscriber>¦\
    {{token}}¦[^1]¦[ ]¦<blockquote>¦</blockquote>¦<s>¦</s>¦<hr>¦<div>¦é¦🎉¦\r\n¦:¦<¦>¦&¦\n- ¦\n1. ¦\
    \n> ¦\n    ¦\n```\n¦\n| a | b |\n|---|---|\n¦  \n¦\\\n¦<br/>¦<b/>¦<p/>¦&#x202e;¦&#0;¦\
    \n[r]: https://example.com/r\n¦[x][r]¦<http://example.com>¦<a@b.co>¦www.example.com¦http://¦\
    (https://example.com/(a))¦\n\n    code\n¦\
    <img src=\"https://example.com/i.png\" alt=\"https://example.com/alt\">¦\
    <pre><code class=\"language-rust\">¦\n***\n¦\n===\n¦\n---\n¦\n<div>\n¦\n<subscriber>\n¦\
    \n</div>\n¦\n\n<table><tr><td>¦<ol start=3>¦- [ ] ¦1) ¦#### ¦\n    - x¦\t- y";

/// Renders tricky inputs into a tiny crate and runs `cargo doc` and `cargo test --doc` with warnings
/// denied: the proof that rustdoc accepts the output. Slow (two cargo runs): `cargo test -- --ignored`.
#[test]
#[ignore = "runs cargo on a generated crate"]
fn rustdoc_accepts_the_output() {
    let inputs: Vec<(&str, DescriptionFormat)> = vec![
        ("Pass <token> to [CALLBACKS] at https://example.com/x_y. `unbalanced", Markdown),
        ("```\nfn main() { panic!() }\n```\n\n    fn indented() { panic!() }\n\n```rust\npanic!()\n```", Markdown),
        ("[foo][bar] [Subscriber] [x](Subscriber) [y](crate::Nope) [^1] <subscriber>\n<name>x</name>", Markdown),
        ("Example:\n\n<subscriber>\n  <token>{{token}}</token>\n</subscriber>", Markdown),
        (
            "# Top\n\n| a | b |\n|---|---|\n| <x> | [y] |\n\n\
             > quote https://quote.example.org\n\n1. one\n   - two\n\n***",
            Markdown,
        ),
        (
            "<p><strong>Mandatory fields</strong></p><ul><li>token</li><li>name</li></ul>\
             <table><tr><th>Field</th></tr>\
          <tr><td>&lt;token&gt; <pre>x|y</pre></td></tr></table><pre>&lt;a&gt;&lt;/a&gt;</pre><p>a<br>b</p>",
            Html,
        ),
        (
            "<h3>\tResponse Parameters\t</h3>\n<table border=1>\n<tr><th>field</th></tr>\n\
             <tr><td>_embedded</td></tr>\n</table>",
            Markdown,
        ),
        (
            "<a href=www.example.com/y>Link</a> <img src=\"https://img.example.com/a.png\" alt=\"pic\"> \
             <b><i>x<br></i></b>",
            Html,
        ),
        ("1. plain\n- text\n<tag> [x] `y` * z\nhttps://plain.example.net/p", Plain),
        ("www.example.com and http:// and mailto:a@b.c and <a@b.co> (https://example.com/a_(b))", Markdown),
        ("<p>see https://html.example.com/x?y=1&amp;z=2.</p><p><code>a`b</code> <b></b>***</p>", Html),
    ];
    let mut items: Vec<String> = inputs
        .iter()
        .map(|(input, format)| format!("{}\n\n{}", summary(input, *format, 80), to_rustdoc(input, *format, 2)))
        .collect();
    items.push(format!("Inline: {}", escape_inline("<v> [w] https://example.com/e `x")));
    // Plus random glue of hostile fragments (deterministic xorshift), in every format.
    let fragments: Vec<&str> = FRAGMENTS.split('¦').collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % bound as u64).unwrap_or(0)
    };
    for _ in 0..600 {
        let text: String = (0..5 + next(40)).map(|_| fragments[next(fragments.len())]).collect();
        for format in [Markdown, Html, Plain] {
            items.push(format!("{}\n\n{}", summary(&text, format, 60), to_rustdoc(&text, format, 2)));
        }
    }
    assert_rustdoc_accepts(&to_rustdoc(&seed_description(), Markdown, 0), &items);
}

/// Builds a crate with `crate_docs` and one documented item per entry of `items`, runs `cargo doc` and
/// `cargo test --doc` on it with warnings denied, and fails with rustdoc's complaint if there is one.
fn assert_rustdoc_accepts(crate_docs: &str, items: &[String]) {
    let doc_lines = |prefix: &str, text: &str| -> String {
        text.lines()
            .map(|line| if line.is_empty() { format!("{prefix}\n") } else { format!("{prefix} {line}\n") })
            .collect()
    };
    let mut lib = String::from("#![deny(missing_docs)]\n#![deny(rustdoc::all)]\n");
    lib.push_str(&doc_lines("//!", crate_docs));
    for (i, item) in items.iter().enumerate() {
        lib.push_str(&doc_lines("///", item));
        lib.push_str(&format!("pub fn item_{i}() {{}}\n"));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("src")).expect("src dir");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"docs_check\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n",
    )
    .expect("write Cargo.toml");
    std::fs::write(dir.path().join("src/lib.rs"), &lib).expect("write lib.rs");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for args in [&["doc", "--no-deps"][..], &["test", "--doc"][..]] {
        let output = std::process::Command::new(&cargo)
            .args(args)
            .current_dir(dir.path())
            .env("RUSTDOCFLAGS", "-D warnings")
            .env("CARGO_TARGET_DIR", dir.path().join("target"))
            .output()
            .expect("run cargo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "cargo {args:?} failed:\n{stderr}");
        assert!(!stderr.contains("warning"), "cargo {args:?} warned:\n{stderr}");
        if args[0] == "test" {
            assert!(stdout.contains("running 0 tests"), "doctests were generated:\n{stdout}");
        }
    }
}

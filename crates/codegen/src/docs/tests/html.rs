//! HTML input.

use super::*;

#[test]
fn html_mandatory_fields_table_and_pre() {
    let input = "<p><strong>Mandatory fields</strong></p><ul><li>token</li><li>name</li></ul>\n\
        <table><tr><th>Field</th><th>Type</th></tr><tr><td>token</td><td>string | <b>secret</b></td></tr>\
        <tr><td>name</td></tr></table>\
        <pre>&lt;subscriber&gt;\n  &lt;name&gt;A &amp; B&lt;/name&gt;\n&lt;/subscriber&gt;</pre>\
        <pre><code class=\"language-json\">{\"a\": 1}</code></pre><pre>plain</pre>";
    assert_eq!(
        html(input),
        "**Mandatory fields**\n\n- token\n- name\n\n\
         | Field | Type |\n| --- | --- |\n| token | string \\| **secret** |\n\
         | name |  |\n\n```xml\n<subscriber>\n  <name>A & B</name>\n</subscriber>\n```\n\n\
         ```json\n{\"a\": 1}\n```\n\n\
         ```text\nplain\n```"
    );
}

#[test]
fn html_structure() {
    assert_eq!(html("<h1>Title</h1><p>One<br>two</p><p>three</p>"), "### Title\n\nOne\\\ntwo\n\nthree");
    assert_eq!(html("<ul><li>a<ul><li>b</li></ul></li><li>c</ul>"), "- a\n  - b\n- c");
    assert_eq!(html("<ol start=\"3\"><li>x<li>y</ol>"), "3. x\n4. y");
    assert_eq!(html("<blockquote><p>quoted</p><p>more</p></blockquote>"), "> quoted\n>\n> more");
    assert_eq!(html("<p>a</p><script>alert('<b>')</script><style>p{}</style><p>b</p>"), "a\n\nb");
    assert_eq!(html("<div><custom-tag>kept</custom-tag> text</div>"), "kept text");
    assert_eq!(html("<a href=www.contentstack.com/docs>x</a>"), "[x](https://www.contentstack.com/docs)");
    assert_eq!(html("<p>  lots \n\t of   space </p>"), "lots of space");
    assert_eq!(html("<b> Mandatory </b>fields"), "**Mandatory** fields");
    assert_eq!(
        html("<table><tr><td><p>one</p><p>two</p></td><td><ul><li>x</li><li>y</li></ul></td></tr></table>"),
        "| one<br>two | x<br>y |\n| --- | --- |"
    );
    assert_eq!(
        html(
            "<h3>\tResponse Parameters\t</h3>\t\t\n<table border=1>\n<tr>\t<th>\tfield\t</th>\t</tr>\n\
             <tr>\t<td>\tanswer\t</td>\t</tr>\n</table>"
        ),
        "##### Response Parameters\n\n| field |\n| --- |\n| answer |"
    );
}

#[test]
fn absurd_numbers_and_widths_are_bounded() {
    assert_eq!(html("<ol start=\"99999999999\"><li>a<li>b</ol>"), "999999999. a\n999999999. b");
    let wide = format!("<table><tr>{}</tr><tr><td>x</td></tr></table>", "<th>h</th>".repeat(70));
    let out = html(&wide);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().map(|l| l.matches(" | ").count()).collect::<Vec<_>>(), [63, 63, 63]);
    assert!(lines[0].ends_with(&format!("| h{} |", " h".repeat(6))));
}

#[test]
fn entities_are_decoded_then_escaped_again() {
    assert_eq!(
        html("<p>&amp; &lt;b&gt; &quot;x&quot; &#39;y&#39; &nbsp;z &#233;&#xE9;&eacute; &bogus; &#0;</p>"),
        "& &lt;b&gt; \"x\" 'y' z ééé &amp;bogus; \u{fffd}"
    );
    assert_eq!(md("A &amp; B &lt;token&gt; &copy;"), "A & B &lt;token&gt; ©");
}

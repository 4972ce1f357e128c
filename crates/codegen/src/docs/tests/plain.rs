//! Plain-text input.

use super::*;

#[test]
fn plain_text_keeps_lines_and_escapes_markup() {
    assert_eq!(
        to_rustdoc("1. not a list\n- not a bullet\n# not a heading\n\n    not code", Plain, 2),
        "1\\. not a list\\\n\\- not a bullet\\\n\\# not a heading\n\nnot code"
    );
}

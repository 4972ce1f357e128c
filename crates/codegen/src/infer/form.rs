//! `application/x-www-form-urlencoded` text -> pairs, for form samples that arrive as raw text.

use super::FormPair;

/// Splits `a=1&b=x+y` into pairs, percent-decoding keys and values (`+` is a space). Never fails: bytes that are
/// not valid escapes are kept as they are.
pub(super) fn parse(text: &str) -> Vec<FormPair> {
    text.trim()
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            FormPair { key: decode(key), value: decode(value), disabled: false }
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(decoded) => {
                        out.push(decoded);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs() {
        let pairs = parse("token={{t}}&name=A+B%21&flag&bad=%zz%4&x=%E2%9C%93");
        let got: Vec<(&str, &str)> = pairs.iter().map(|p| (p.key.as_str(), p.value.as_str())).collect();
        assert_eq!(got, [("token", "{{t}}"), ("name", "A B!"), ("flag", ""), ("bad", "%zz%4"), ("x", "✓")]);
    }
}

//! Character references (`&amp;`, `&#39;`, `&eacute;`) in HTML text and attributes.

/// Decodes `&amp;`-style, `&#39;` and `&#x27;` references; unknown ones stay as written.
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        rest = rest.get(amp..).unwrap_or("");
        match entity(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = rest.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// `s` starts with `&`: the decoded reference and its length in bytes.
fn entity(s: &str) -> Option<(String, usize)> {
    let semi = s.bytes().take(34).position(|b| b == b';')?;
    let name = s.get(1..semi)?;
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if (1..=6).contains(&hex.len()) => u32::from_str_radix(hex, 16).ok()?,
            Some(_) => return None,
            None if (1..=7).contains(&number.len()) => number.parse::<u32>().ok()?,
            None => return None,
        };
        char::from_u32(code).filter(|c| *c != '\0').unwrap_or('\u{fffd}').to_string()
    } else {
        named_entity(name)?.to_owned()
    };
    Some((decoded, semi + 1))
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "shy" | "zwj" | "zwnj" => "",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "le" => "≤",
        "szlig" => "ß",
        "aelig" => "æ",
        "AElig" => "Æ",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "iexcl" => "¡",
        "iquest" => "¿",
        "ge" => "≥",
        "ne" => "≠",
        _ => return accented_letter(name),
    })
}

/// `&eacute;`-style references for the Latin-1 vowels and `y`.
fn accented_letter(name: &str) -> Option<&'static str> {
    const LETTERS: &[(&str, [&str; 5])] = &[
        // grave, acute, circ, uml, tilde
        ("a", ["à", "á", "â", "ä", "ã"]),
        ("e", ["è", "é", "ê", "ë", ""]),
        ("i", ["ì", "í", "î", "ï", ""]),
        ("o", ["ò", "ó", "ô", "ö", "õ"]),
        ("u", ["ù", "ú", "û", "ü", ""]),
        ("y", ["", "ý", "", "ÿ", ""]),
        ("A", ["À", "Á", "Â", "Ä", "Ã"]),
        ("E", ["È", "É", "Ê", "Ë", ""]),
        ("I", ["Ì", "Í", "Î", "Ï", ""]),
        ("O", ["Ò", "Ó", "Ô", "Ö", "Õ"]),
        ("U", ["Ù", "Ú", "Û", "Ü", ""]),
    ];
    let accent = ["grave", "acute", "circ", "uml", "tilde"];
    let (letter, rest) = (name.get(..1)?, name.get(1..)?);
    let index = accent.iter().position(|a| *a == rest)?;
    let (_, forms) = LETTERS.iter().find(|(l, _)| *l == letter)?;
    forms.get(index).copied().filter(|f| !f.is_empty())
}

//! Input mutation: byte-level edits with a dictionary, and structure-aware edits of JSON
//! documents (so the loader sees valid JSON of surprising shapes, not only syntax errors).

use serde_json::Value;

/// Largest input produced.
const MAX_LEN: usize = 256 * 1024;

/// Bytes that matter to JSON and XML parsers.
const INTERESTING_BYTES: &[u8] = b"\0\xff<>\"'{}[]:,&;\\/=?# \n\r\t0-.e";

/// Leaves that break assumptions: kinds, numbers at the edges, Postman-flavoured strings.
fn interesting_leaf(rng: &mut fastrand::Rng) -> Value {
    let choices: [fn() -> Value; 16] = [
        || Value::Null,
        || Value::Bool(true),
        || Value::Bool(false),
        || Value::from(-1),
        || Value::from(0),
        || Value::from(u64::MAX),
        || Value::from(1e308),
        || Value::String(String::new()),
        || Value::String("{{baseUrl}}/{{id}}".into()),
        || Value::String(":id".into()),
        || Value::String("{{".into()),
        || Value::String("https://schema.getpostman.com/json/collection/v2.1.0/collection.json".into()),
        || Value::String("<a><b>{{token}}</b></a>".into()),
        || Value::Array(Vec::new()),
        || Value::Object(serde_json::Map::new()),
        || Value::String("\u{0}\u{202e}é".into()),
    ];
    choices[rng.usize(..choices.len())]()
}

/// Whether inputs are mutated as raw bytes only, or as JSON documents when they parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Byte-level edits only.
    Bytes,
    /// Mostly structure-aware JSON edits, with byte edits mixed in.
    Json,
    /// Mostly markup-aware XML edits (whole tags and text runs), with byte edits mixed in.
    Xml,
}

/// Text values that change how a field decodes.
const INTERESTING_TEXT: &[&str] = &[
    "",
    " ",
    "\r\n",
    "-1",
    "0",
    "007",
    "99999999999999999999",
    "1.5",
    "NaN",
    "true",
    "false",
    "1",
    "yes",
    "&amp;",
    "&#13;",
    "<![CDATA[ ]]>",
    "<![CDATA[<x>]]>",
    "é\u{202e}",
    "{{token}}",
];

/// Produces mutated inputs.
#[derive(Debug, Clone)]
pub struct Mutator {
    dictionary: Vec<Vec<u8>>,
    mode: Mode,
}

impl Mutator {
    /// A byte-level mutator inserting `dictionary` tokens among other edits.
    pub fn new(dictionary: Vec<Vec<u8>>) -> Self {
        Mutator { dictionary, mode: Mode::Bytes }
    }

    /// The same mutator in another mode.
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// A mutation of `input`: one to six stacked edits; `seeds` supply splice material.
    pub fn mutate(&self, input: &[u8], seeds: &[Vec<u8>], rng: &mut fastrand::Rng) -> Vec<u8> {
        if self.mode == Mode::Json
            && rng.u8(..10) < 7
            && let Ok(mut value) = serde_json::from_slice::<Value>(input)
        {
            for _ in 0..rng.usize(1..=4) {
                self.mutate_json(&mut value, seeds, rng);
            }
            if let Ok(bytes) = serde_json::to_vec(&value) {
                return bytes;
            }
        }
        if self.mode == Mode::Xml && rng.u8(..10) < 7 {
            let mut segments = xml_segments(input);
            for _ in 0..rng.usize(1..=3) {
                self.mutate_xml(&mut segments, rng);
            }
            let mut out = segments.concat();
            out.truncate(MAX_LEN);
            return out;
        }
        let mut out = input.to_vec();
        for _ in 0..rng.usize(1..=6) {
            self.edit(&mut out, seeds, rng);
        }
        out.truncate(MAX_LEN);
        out
    }

    fn token<'a>(&'a self, rng: &mut fastrand::Rng) -> &'a [u8] {
        self.dictionary.get(rng.usize(..self.dictionary.len().max(1))).map_or(b"<", Vec::as_slice)
    }

    /// One byte-level edit.
    fn edit(&self, out: &mut Vec<u8>, seeds: &[Vec<u8>], rng: &mut fastrand::Rng) {
        let position = rng.usize(..=out.len());
        match rng.u8(..9) {
            0 if !out.is_empty() => {
                let at = rng.usize(..out.len());
                out[at] ^= 1 << rng.u8(..8);
            }
            1 if !out.is_empty() => {
                let at = rng.usize(..out.len());
                out[at] = INTERESTING_BYTES[rng.usize(..INTERESTING_BYTES.len())];
            }
            2 => out.insert(position, rng.u8(..)),
            3 if !out.is_empty() => {
                let end = (position + rng.usize(1..=16)).min(out.len());
                out.drain(position.min(end)..end);
            }
            4 if !out.is_empty() => {
                let start = rng.usize(..out.len());
                let end = (start + rng.usize(1..=64)).min(out.len());
                let copy = out[start..end].to_vec();
                let at = rng.usize(..=out.len());
                out.splice(at..at, copy);
            }
            5 => {
                let token = self.token(rng).to_vec();
                out.splice(position..position, token);
            }
            6 => {
                let token = self.token(rng).to_vec();
                let end = (position + token.len()).min(out.len());
                out.splice(position..end, token);
            }
            7 if !seeds.is_empty() => {
                let other = &seeds[rng.usize(..seeds.len())];
                if !other.is_empty() {
                    let start = rng.usize(..other.len());
                    let end = (start + rng.usize(1..=256)).min(other.len());
                    out.splice(position..position, other[start..end].iter().copied());
                }
            }
            _ => out.truncate(position),
        }
    }

    /// One markup-aware edit: whole tags and text runs are deleted, copied, swapped, replaced or
    /// inserted, so most results stay well-formed enough to reach the deserializer.
    fn mutate_xml(&self, segments: &mut Vec<Vec<u8>>, rng: &mut fastrand::Rng) {
        let count = segments.len();
        let position = rng.usize(..=count);
        match rng.u8(..7) {
            0 if count > 0 => {
                segments.remove(rng.usize(..count));
            }
            1 if count > 0 => {
                let start = rng.usize(..count);
                let end = (start + rng.usize(1..=4)).min(count);
                let copy: Vec<Vec<u8>> = segments[start..end].to_vec();
                segments.splice(end..end, copy);
            }
            2 => {
                let text = INTERESTING_TEXT[rng.usize(..INTERESTING_TEXT.len())].as_bytes().to_vec();
                let texts: Vec<usize> = (0..count).filter(|&i| segments[i].first() != Some(&b'<')).collect();
                match texts.get(rng.usize(..texts.len().max(1))) {
                    Some(&index) => segments[index] = text,
                    None => segments.insert(position, text),
                }
            }
            3 => {
                let open = self.opening_tag(rng);
                let close = [b"</".as_slice(), open.get(1..).unwrap_or_default()].concat();
                let text = INTERESTING_TEXT[rng.usize(..INTERESTING_TEXT.len())].as_bytes().to_vec();
                segments.splice(position..position, [open, text, close]);
            }
            4 if count > 1 => segments.swap(rng.usize(..count), rng.usize(..count)),
            5 => segments.insert(position, self.token(rng).to_vec()),
            _ if count > 0 => {
                // An attribute value, or a tag's name, replaced.
                let index = rng.usize(..count);
                let segment = &mut segments[index];
                if let Some(quote) = segment.iter().position(|&b| b == b'"') {
                    let end = segment
                        .iter()
                        .skip(quote + 1)
                        .position(|&b| b == b'"')
                        .map_or(segment.len(), |e| quote + 1 + e);
                    let text = INTERESTING_TEXT[rng.usize(..INTERESTING_TEXT.len())].as_bytes().to_vec();
                    segment.splice(quote + 1..end, text);
                } else {
                    *segment = self.opening_tag(rng);
                }
            }
            _ => segments.push(self.token(rng).to_vec()),
        }
    }

    /// An opening tag from the dictionary (`<name>`), or `<x>` when it has none.
    fn opening_tag(&self, rng: &mut fastrand::Rng) -> Vec<u8> {
        let tags: Vec<&Vec<u8>> = self
            .dictionary
            .iter()
            .filter(|t| t.starts_with(b"<") && t.ends_with(b">") && !t.starts_with(b"</"))
            .collect();
        tags.get(rng.usize(..tags.len().max(1))).map_or_else(|| b"<x>".to_vec(), |tag| (*tag).clone())
    }

    /// One structure-aware edit somewhere in `value`.
    fn mutate_json(&self, value: &mut Value, seeds: &[Vec<u8>], rng: &mut fastrand::Rng) {
        let pointer = random_pointer(value, rng);
        let Some(node) = value.pointer_mut(&pointer) else { return };
        match rng.u8(..7) {
            0 | 1 => *node = interesting_leaf(rng),
            2 => match node {
                Value::Object(map) if !map.is_empty() => {
                    let key = map.keys().nth(rng.usize(..map.len())).cloned().unwrap_or_default();
                    map.shift_remove(&key);
                }
                Value::Array(items) if !items.is_empty() => {
                    items.remove(rng.usize(..items.len()));
                }
                _ => *node = Value::Null,
            },
            3 => match node {
                Value::Array(items) if !items.is_empty() => {
                    let copy = items[rng.usize(..items.len())].clone();
                    items.insert(rng.usize(..=items.len()), copy);
                }
                other => *other = Value::Array(vec![other.take(), interesting_leaf(rng)]),
            },
            4 => {
                // Wrap in the shapes Postman nests: folders in `item`, values in `{content}`.
                let key = ["item", "items", "request", "url", "body", "content", "value"][rng.usize(..7)];
                let inner = node.take();
                *node = serde_json::json!({ key: inner });
            }
            5 => {
                if let Value::Object(map) = node {
                    let key = String::from_utf8_lossy(self.token(rng)).into_owned();
                    map.insert(key, interesting_leaf(rng));
                } else {
                    *node = interesting_leaf(rng);
                }
            }
            _ => {
                // Graft a subtree of some seed.
                let graft = seeds
                    .get(rng.usize(..seeds.len().max(1)))
                    .and_then(|seed| serde_json::from_slice::<Value>(seed).ok())
                    .and_then(|mut donor| {
                        let pointer = random_pointer(&donor, rng);
                        donor.pointer_mut(&pointer).map(Value::take)
                    });
                if let Some(graft) = graft {
                    *node = graft;
                }
            }
        }
    }
}

/// `input` cut into tags (`<...>`) and the text runs between them.
fn xml_segments(input: &[u8]) -> Vec<Vec<u8>> {
    let mut segments = Vec::new();
    let mut current = Vec::new();
    for &byte in input {
        if byte == b'<' && !current.is_empty() {
            segments.push(std::mem::take(&mut current));
        }
        current.push(byte);
        if byte == b'>' {
            segments.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

/// The JSON pointer of a node reached by a random descent from the root.
fn random_pointer(value: &Value, rng: &mut fastrand::Rng) -> String {
    let depth = rng.usize(..12);
    let mut pointer = String::new();
    let mut node = value;
    for _ in 0..depth {
        let children = match node {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if children == 0 || rng.u8(..5) == 0 {
            break;
        }
        let pick = rng.usize(..children);
        let next = match node {
            Value::Object(map) => {
                map.iter().nth(pick).map(|(key, child)| (key.replace('~', "~0").replace('/', "~1"), child))
            }
            Value::Array(items) => items.get(pick).map(|child| (pick.to_string(), child)),
            _ => None,
        };
        let Some((token, child)) = next else { break };
        pointer.push('/');
        pointer.push_str(&token);
        node = child;
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_segments_split_tags_and_text() {
        let segments = xml_segments(b"<a x=\"1\">t<b/>u</a>");
        let segments: Vec<&[u8]> = segments.iter().map(Vec::as_slice).collect();
        assert_eq!(segments, vec![&b"<a x=\"1\">"[..], b"t", b"<b/>", b"u", b"</a>"]);
        assert_eq!(xml_segments(b"").len(), 0);
    }

    #[test]
    fn mutations_are_reproducible_and_bounded() {
        let mutator = Mutator::new(vec![b"<a>".to_vec()]).with_mode(Mode::Json);
        let seed = br#"{"item": [{"name": "x", "request": {"url": "{{u}}"}}]}"#.to_vec();
        let run = |rng_seed| {
            let mut rng = fastrand::Rng::with_seed(rng_seed);
            (0..200).map(|_| mutator.mutate(&seed, std::slice::from_ref(&seed), &mut rng)).collect::<Vec<_>>()
        };
        let first = run(9);
        assert_eq!(first, run(9));
        assert!(first.iter().all(|m| m.len() <= MAX_LEN));
        let distinct: std::collections::HashSet<&Vec<u8>> = first.iter().collect();
        assert!(distinct.len() > 150, "mutations vary: {}", distinct.len());
        let valid_json = first.iter().filter(|m| serde_json::from_slice::<Value>(m).is_ok()).count();
        assert!(valid_json > 60, "JSON mode keeps many inputs valid: {valid_json}");
    }
}

//! A small JSON reader for the JSON-LD blocks of a page (`<script
//! type="application/ld+json">`): values as a tree, nothing more. Hand-written because the
//! wasm build carries no JSON library (serde_json is the CLI's), and lenient where pages are
//! sloppy: control characters inside strings, a trailing semicolon, a `<!--` or CDATA wrapper.
//!
//! Nesting deeper than [`MAX_DEPTH`] is refused (the reader recurses once per level, so the
//! cap is what bounds its stack), and so is anything after the first value.

/// A JSON value. Numbers are kept as their text: JSON-LD's article fields are strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in their order (a repeated key is kept twice).
    Object(Vec<(String, Json)>),
}

/// Deepest nesting read: JSON-LD nests a handful of levels; a hostile page nesting
/// thousands deep is refused instead of exhausting the stack.
pub const MAX_DEPTH: usize = 64;

impl Json {
    /// The first member of an object with this key.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// An array's items, or this value alone (JSON-LD writes one item or a list alike).
    pub fn items(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            other => std::slice::from_ref(other),
        }
    }
}

/// Openings tried before giving up: a wrapper such as `/* <![CDATA[ */` holds a bracket or
/// two before the JSON starts.
const MAX_OPENINGS_TRIED: usize = 4;

/// Reads the JSON value of a JSON-LD script (from its first `{` or `[` that opens a value);
/// `None` when it is not JSON (or nests deeper than [`MAX_DEPTH`]).
pub fn parse_json(text: &str) -> Option<Json> {
    text.match_indices(['{', '['])
        .take(MAX_OPENINGS_TRIED)
        .find_map(|(start, _)| {
            Reader {
                bytes: text.as_bytes(),
                at: start,
            }
            .value(0)
        })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match *self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.skip_space();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    members.push((key, self.value(depth + 1)?));
                    if self.eat(b',') {
                        // A trailing comma before the brace is forgiven.
                        if self.eat(b'}') {
                            return Some(Json::Object(members));
                        }
                        continue;
                    }
                    return self.eat(b'}').then_some(Json::Object(members));
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b',') {
                        if self.eat(b']') {
                            return Some(Json::Array(items));
                        }
                        continue;
                    }
                    return self.eat(b']').then_some(Json::Array(items));
                }
            }
            b'"' => self.string().map(Json::String),
            b't' => self.word(b"true", Json::Bool(true)),
            b'f' => self.word(b"false", Json::Bool(false)),
            b'n' => self.word(b"null", Json::Null),
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                while self.bytes.get(self.at).is_some_and(|b| {
                    b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')
                }) {
                    self.at += 1;
                }
                let number = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                Some(Json::Number(number.to_string()))
            }
            _ => None,
        }
    }

    fn word(&mut self, word: &[u8], value: Json) -> Option<Json> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Some(value)
        } else {
            None
        }
    }

    /// A string from its opening quote; `\u` escapes with their surrogate pairs.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut text = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(text).ok(),
                b'\\' => {
                    let escaped = *self.bytes.get(self.at)?;
                    self.at += 1;
                    let decoded = match escaped {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => self.unicode_escape()?,
                        other => char::from(other),
                    };
                    let mut buffer = [0; 4];
                    text.extend_from_slice(decoded.encode_utf8(&mut buffer).as_bytes());
                }
                other => text.push(other),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let value = u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()?;
        self.at += 4;
        Some(value)
    }

    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
            let saved = self.at;
            self.at += 2;
            match self.hex4() {
                Some(second) if (0xDC00..0xE000).contains(&second) => {
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    return char::from_u32(code);
                }
                _ => self.at = saved,
            }
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_nest_and_strings_unescape() {
        let value = parse_json(
            r#"{"@type": ["NewsArticle"], "headline": "Caf\u00e9 \"opens\" \ud83d\ude00",
                "author": [{"name": "Ann Lee"}, {"name": "Bo Park"}], "n": -1.5e3, "ok": true,
                "none": null}"#,
        )
        .unwrap();
        assert_eq!(
            value.get("headline").and_then(Json::as_str),
            Some("Café \"opens\" 😀")
        );
        let authors: Vec<_> = value
            .get("author")
            .unwrap()
            .items()
            .iter()
            .filter_map(|author| author.get("name").and_then(Json::as_str))
            .collect();
        assert_eq!(authors, ["Ann Lee", "Bo Park"]);
        assert_eq!(value.get("n"), Some(&Json::Number("-1.5e3".into())));
        assert_eq!(value.get("none"), Some(&Json::Null));
    }

    #[test]
    fn sloppy_scripts_are_read() {
        let wrapped = "/* <![CDATA[ */ {\"headline\": \"Line one\nline two\",} /* ]]> */;";
        let value = parse_json(wrapped).unwrap();
        assert_eq!(
            value.get("headline").and_then(Json::as_str),
            Some("Line one\nline two")
        );
    }

    #[test]
    fn broken_or_too_deep_json_is_refused() {
        assert_eq!(parse_json("{\"a\": }"), None);
        assert_eq!(parse_json("no json here"), None);
        assert_eq!(parse_json("{\"a\": \"unterminated"), None);
        let deep = "[".repeat(MAX_DEPTH + 10) + &"]".repeat(MAX_DEPTH + 10);
        assert_eq!(parse_json(&deep), None);
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_json(&fine).is_some());
    }
}

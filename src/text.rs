//! Small text utilities shared by the cleaner and metadata extraction: word tokens, case
//! tests, HTML entity decoding and the normalisation applied to every kept paragraph.
//!
//! Documented normalisations of kept text: hard-wrapped lines are joined with one space,
//! runs of whitespace (including no-break spaces and tabs) become one space, HTML entities
//! are decoded, markdown emphasis (`**`, `__`), heading marks (`#`), quote marks (`>`) and
//! list bullets are removed, and simple HTML formatting tags (`<p>`, `<b>`, `<br>`, ...) are
//! dropped. Nothing else of the input is changed.

/// Whether `c` can be part of a word token.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Word tokens of `text`: runs of letters and digits, with an apostrophe or hyphen allowed
/// between two word characters ("don't", "e-mail", "Torres-Guillén").
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    WordIter { text, position: 0 }
}

struct WordIter<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Iterator for WordIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = &self.text[self.position..];
        let start_in_rest = rest.find(is_word_char)?;
        let start = self.position + start_in_rest;
        let mut end = start;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            if is_word_char(c) {
                end = start + offset + c.len_utf8();
            } else if matches!(c, '\'' | '’' | '-') {
                match chars.peek() {
                    Some((_, next)) if is_word_char(*next) => {}
                    _ => break,
                }
            } else {
                break;
            }
        }
        self.position = end;
        Some(&self.text[start..end])
    }
}

/// `word` in lowercase with curly apostrophes made straight, written into `buffer`.
pub fn lowercase_into<'b>(word: &str, buffer: &'b mut String) -> &'b str {
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            if c == '’' {
                buffer.push('\'');
            } else {
                buffer.extend(c.to_lowercase());
            }
        }
    }
    buffer.as_str()
}

/// Lowercase word tokens of `text` (curly apostrophes made straight).
pub fn lowercase_words(text: &str) -> Vec<String> {
    let mut buffer = String::new();
    words(text).map(|word| lowercase_into(word, &mut buffer).to_string()).collect()
}

/// Whether the word starts with an uppercase letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a character belongs to a script written without spaces between words
/// (Chinese, Japanese, Thai...), where word counts say little about length.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F        // Thai
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF)     // CJK compatibility ideographs
}

/// Decodes the HTML entity starting at `text` (which begins with `&`). Returns the decoded
/// character and the entity's length in bytes, or `None` when it is not an entity.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "euro" => '€',
            "pound" => '£',
            "middot" => '·',
            "bull" => '•',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

/// HTML formatting tags dropped from text (the tag name, lowercase).
const FORMATTING_TAGS: &[&str] = &[
    "p", "br", "b", "i", "u", "em", "strong", "span", "div", "a", "small", "sup", "sub", "h1",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "font", "mark", "hr",
];

/// Length in bytes of a formatting tag at the start of `text` (which begins with `<`).
fn formatting_tag_length(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 1;
    if bytes.get(index) == Some(&b'/') {
        index += 1;
    }
    let name_start = index;
    while bytes.get(index).is_some_and(u8::is_ascii_alphanumeric) {
        index += 1;
    }
    let name = text.get(name_start..index)?.to_ascii_lowercase();
    if !FORMATTING_TAGS.contains(&name.as_str()) {
        return None;
    }
    match bytes.get(index) {
        Some(b'>') => Some(index + 1),
        Some(b' ' | b'/' | b'\t') => {
            let close = text[index..].as_bytes().iter().take(300).position(|&b| b == b'>')?;
            let tag = &text[index..index + close];
            if tag.contains('<') {
                None
            } else {
                Some(index + close + 1)
            }
        }
        _ => None,
    }
}

/// Appends `line` to `out` with the documented normalisations applied (entities decoded,
/// emphasis marks and formatting tags removed, whitespace runs collapsed to one space).
pub fn push_normalized(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let mut advance = c.len_utf8();
        match c {
            '&' => {
                if let Some((decoded, length)) = decode_entity(rest) {
                    push_char_collapsing(out, decoded);
                    advance = length;
                } else {
                    out.push('&');
                }
            }
            '<' => {
                if let Some(length) = formatting_tag_length(rest) {
                    push_char_collapsing(out, ' ');
                    advance = length;
                } else {
                    out.push('<');
                }
            }
            '*' | '_' if rest.as_bytes().get(1) == Some(&(c as u8)) => {
                // Markdown emphasis: "**bold**" or "__bold__"; longer runs go too.
                advance = rest.bytes().take_while(|&b| b == c as u8).count();
            }
            _ => push_char_collapsing(out, c),
        }
        rest = &rest[advance..];
    }
}

fn push_char_collapsing(out: &mut String, c: char) {
    if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    } else {
        out.push(c);
    }
}

/// Sentence-final punctuation, possibly followed by closing quotes or brackets.
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let found: Vec<_> = words("Don’t e-mail Torres-Guillén, 'now' -- 2024!").collect();
        assert_eq!(found, ["Don’t", "e-mail", "Torres-Guillén", "now", "2024"]);
    }

    #[test]
    fn normalization_drops_markup_and_decodes_entities() {
        let mut out = String::new();
        push_normalized(&mut out, "**Tom &amp; Jerry**&nbsp; <b>meet</b>\t&#8220;again&#8221; <img src=x>");
        assert_eq!(out, "Tom & Jerry meet “again” <img src=x>");
    }

    #[test]
    fn sentence_ends_see_through_closing_quotes() {
        assert!(ends_sentence("He left.”"));
        assert!(ends_sentence("Really?"));
        assert!(!ends_sentence("More News"));
    }
}

//! Word tokens, their hashes and case: the units every other room counts and compares.

/// Whether `c` is white space or an invisible zero-width character (which pasted text
/// carries around, and which never makes a line non-blank).
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Whether `c` can be part of a word token (a letter, mark-bearing letter or digit:
/// [`char::is_alphanumeric`]).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if let Some(classes) = TwoByteClasses::of(c) {
        classes.word_chars.contains(c)
    } else {
        !is_general_punctuation(c) && c.is_alphanumeric()
    }
}

/// Whether `c` is a letter ([`char::is_alphabetic`]).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if let Some(classes) = TwoByteClasses::of(c) {
        classes.letters.contains(c)
    } else {
        !is_general_punctuation(c) && c.is_alphabetic()
    }
}

/// The characters written with two bytes in UTF-8 (U+0080 to U+07FF: Latin letters with
/// accents, Greek, Cyrillic, Hebrew, Arabic), the non-ASCII letters news text holds most.
/// The standard library answers them with a search of its Unicode tables, and every scan
/// of a word asks again, so their classes are read from the standard library once, into
/// two bitmaps, and then looked up (the same answers: a test compares every character).
struct TwoByteClasses {
    word_chars: CharBits,
    letters: CharBits,
}

/// One bit per character below U+0800.
struct CharBits([u64; 32]);

impl CharBits {
    fn contains(&self, c: char) -> bool {
        let code = c as usize;
        self.0[code / 64] & (1 << (code % 64)) != 0
    }
}

impl TwoByteClasses {
    /// The classes when `c` is one of the characters they hold.
    fn of(c: char) -> Option<&'static TwoByteClasses> {
        static CLASSES: std::sync::OnceLock<TwoByteClasses> = std::sync::OnceLock::new();
        if u32::from(c) >= 0x800 {
            return None;
        }
        Some(CLASSES.get_or_init(|| {
            let (mut word_chars, mut letters) = ([0u64; 32], [0u64; 32]);
            for c in (0x80..0x800u32).filter_map(char::from_u32) {
                let code = c as usize;
                word_chars[code / 64] |= u64::from(c.is_alphanumeric()) << (code % 64);
                letters[code / 64] |= u64::from(c.is_alphabetic()) << (code % 64);
            }
            TwoByteClasses {
                word_chars: CharBits(word_chars),
                letters: CharBits(letters),
            }
        }))
    }
}

/// Whether `c` is in Unicode's General Punctuation block (U+2000 to U+206F: spaces, dashes,
/// curly quotes, bullets, the ellipsis, invisible formatting), which holds no letter, mark
/// or digit. These are the non-ASCII characters news text uses most, so they are answered
/// without a search of the Unicode tables.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// A word in lowercase ([`str::to_lowercase`]), borrowed from the text when it already is,
/// as most words are: looking a word up in a word list then allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowercase<'a>(std::borrow::Cow<'a, str>);

impl<'a> Lowercase<'a> {
    /// `word` in lowercase.
    pub fn of(word: &'a str) -> Lowercase<'a> {
        if word
            .bytes()
            .all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase())
        {
            Lowercase(std::borrow::Cow::Borrowed(word))
        } else {
            Lowercase(std::borrow::Cow::Owned(word.to_lowercase()))
        }
    }

    /// The lowercase text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lowercase text, owned.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }

    /// The lowercase text, still borrowed from the word when the word was lowercase.
    pub fn into_cow(self) -> std::borrow::Cow<'a, str> {
        self.0
    }
}

impl std::ops::Deref for Lowercase<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Lowercase<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Lowercase<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Display for Lowercase<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Word tokens of `text`: runs of letters and digits, with an apostrophe or hyphen allowed
/// between two word characters ("don't", "e-mail", "Torres-Guillén").
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    WordScanner::<false> {
        text,
        position: 0,
        digits: 0,
    }
    .map(|word| word.text)
}

/// A word token of [`words`] with its [`word_hash`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashedWord<'a> {
    /// The word as it stands in the text.
    pub text: &'a str,
    /// Its [`word_hash`].
    pub hash: u64,
    /// Whether the word is all ASCII.
    pub ascii: bool,
}

/// The word tokens of `text`, as [`words`] finds them, with their hashes. ASCII words (most
/// words) are hashed while they are scanned, in the same pass over their bytes; words with
/// other characters are hashed afterwards by [`word_hash`].
pub fn hashed_words(text: &str) -> HashedWords<'_> {
    WordScanner {
        text,
        position: 0,
        digits: 0,
    }
}

/// Iterator of [`hashed_words`].
pub type HashedWords<'a> = WordScanner<'a, true>;

/// The byte spans of `text`'s [`words`] that hold an ASCII digit: what the article's word
/// table hands the readers of dates and figures, for their tests.
#[cfg(test)]
pub(crate) fn digit_word_spans(text: &str) -> Vec<(usize, usize)> {
    words(text)
        .filter(|word| word.bytes().any(|byte| byte.is_ascii_digit()))
        .map(|word| {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + word.len())
        })
        .collect()
}

/// The word scanner behind [`words`] and [`hashed_words`]. Without `HASHED` it leaves every
/// hash at 0, and the compiler drops the hashing code: [`words`] costs no more than a scan.
pub struct WordScanner<'a, const HASHED: bool> {
    text: &'a str,
    position: usize,
    /// ASCII digits in the word returned last (counted only with `HASHED`).
    digits: usize,
}

impl<const HASHED: bool> WordScanner<'_, HASHED> {
    /// How many ASCII digits the word returned last holds: counted while its bytes were
    /// hashed, so that the word table's digit traits need no second look at them. (0
    /// without `HASHED`.)
    pub fn last_word_digits(&self) -> usize {
        self.digits
    }
}

/// The character at byte `index` of `text` (which must be a boundary) and its length.
fn char_at(text: &str, index: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(index)?;
    if byte.is_ascii() {
        Some((byte as char, 1))
    } else {
        text[index..].chars().next().map(|c| (c, c.len_utf8()))
    }
}

/// Whether a word character starts at byte `index` of `text`.
fn word_char_at(text: &str, index: usize) -> bool {
    char_at(text, index).is_some_and(|(c, _)| is_word_char(c))
}

impl<'a, const HASHED: bool> Iterator for WordScanner<'a, HASHED> {
    type Item = HashedWord<'a>;

    fn next(&mut self) -> Option<HashedWord<'a>> {
        self.scan_next()
    }
}

impl<'a, const HASHED: bool> WordScanner<'a, HASHED> {
    /// The next word by its span, compiled into the caller: for the loop that fills the
    /// article's word table, the one caller that runs on every word of every paragraph, where
    /// the call and the word handed back through memory cost about a tenth of the scan. The
    /// table keeps spans, and an ASCII word's traits are read from its bytes, so no `&str` of
    /// the word is made (its two character-boundary tests cost about as much again).
    #[inline(always)]
    pub fn next_span_inlined(&mut self) -> Option<WordSpan> {
        self.scan_span()
    }

    // Compiled into its callers natively only: in the page's build, forcing it in made the
    // scanner's callers larger (2 KB of the .wasm) for a loop the page does not run inlined.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn scan_next(&mut self) -> Option<HashedWord<'a>> {
        let span = self.scan_span()?;
        Some(HashedWord {
            text: &self.text[span.start..span.end],
            hash: span.hash,
            ascii: span.ascii,
        })
    }

    /// The scan behind both: the next word's span, hash and whether it is all ASCII.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn scan_span(&mut self) -> Option<WordSpan> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut index = self.position;
        // Skip to the first word character.
        loop {
            let byte = *bytes.get(index)?;
            if ASCII_WORD_BYTES[usize::from(byte)] != 0 {
                break;
            } else if byte.is_ascii() {
                index += 1;
            } else {
                let (c, length) = char_at(text, index)?;
                if is_word_char(c) {
                    break;
                }
                index += length;
            }
        }
        let start = index;
        let mut end = index;
        let mut hash = HASH_START;
        let mut ascii = true;
        let mut digits = 0;
        // `end` moves past word characters only: an apostrophe or hyphen joins the word
        // when a word character follows it, and that character then moves `end`.
        while let Some(&byte) = bytes.get(index) {
            let lowercase = ASCII_WORD_BYTES[usize::from(byte)];
            if lowercase != 0 {
                if HASHED {
                    hash = mix_into_hash(hash, lowercase);
                    // Digits are the only word bytes below the lowercase letters.
                    digits += usize::from(lowercase <= b'9');
                }
                index += 1;
                end = index;
            } else if byte == b'\'' || byte == b'-' {
                if !word_char_at(text, index + 1) {
                    break;
                }
                if HASHED {
                    hash = mix_into_hash(hash, byte);
                }
                index += 1;
            } else if byte.is_ascii() {
                break;
            } else {
                let Some((c, length)) = char_at(text, index) else {
                    break;
                };
                if is_word_char(c) {
                    index += length;
                    end = index;
                } else if c == '’' && word_char_at(text, index + length) {
                    index += length;
                } else {
                    break;
                }
                ascii = false;
            }
        }
        self.position = end;
        self.digits = digits;
        let hash = if !HASHED {
            0
        } else if ascii {
            finish_hash(hash)
        } else {
            word_hash(&text[start..end])
        };
        Some(WordSpan {
            start,
            end,
            hash,
            ascii,
        })
    }
}

/// A word token of [`hashed_words`] by where it stands in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan {
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Its [`word_hash`].
    pub hash: u64,
    /// Whether the word is all ASCII.
    pub ascii: bool,
}

/// For every byte value: its lowercase form if it is an ASCII letter or digit, else 0. One
/// table lookup replaces the range tests and the case change in the word scanner's inner loop.
static ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte: u8 = 0;
    while byte < 128 {
        if byte.is_ascii_alphanumeric() {
            table[byte as usize] = byte.to_ascii_lowercase();
        }
        byte += 1;
    }
    table
};

/// Starting state of [`word_hash`].
const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of a word into the running [`word_hash`].
const fn mix_into_hash(hash: u64, byte: u8) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    // `as`, not `u64::from`: `From` is not callable in a `const fn`.
    (hash.rotate_left(5) ^ byte as u64).wrapping_mul(SEED)
}

/// Final avalanche of [`word_hash`], so that the low bits (used by hash tables) depend on
/// every byte.
const fn finish_hash(hash: u64) -> u64 {
    let mut h = hash ^ (hash >> 33);
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// A 64-bit hash of `word` in lowercase with curly apostrophes made straight: the key under
/// which word lists, vocabularies and repeat detection compare words without allocating.
pub fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return ascii_word_hash(word.as_bytes());
    }
    let mut hash = HASH_START;
    {
        let mut buffer = [0u8; 4];
        for c in word.chars() {
            // Most characters of a word with others are ASCII ("Guillén"): lowercased as
            // bytes, without the Unicode case tables and the encoding of a character.
            if c.is_ascii() {
                hash = mix_into_hash(hash, (c as u8).to_ascii_lowercase());
            } else if c == '’' {
                hash = mix_into_hash(hash, b'\'');
            } else {
                for lower in c.to_lowercase() {
                    for byte in lower.encode_utf8(&mut buffer).bytes() {
                        hash = mix_into_hash(hash, byte);
                    }
                }
            }
        }
    }
    finish_hash(hash)
}

/// [`word_hash`] of an ASCII word, in a form the compiler can run on constants: a short
/// list of words can be hashed when the program is built.
pub const fn ascii_word_hash(word: &[u8]) -> u64 {
    let mut hash = HASH_START;
    let mut at = 0;
    while at < word.len() {
        hash = mix_into_hash(hash, word[at].to_ascii_lowercase());
        at += 1;
    }
    finish_hash(hash)
}

/// Word hashes of `text`, in order.
pub fn word_hashes(text: &str) -> Vec<u64> {
    hashed_words(text).map(|word| word.hash).collect()
}

/// A hasher for keys that are already well-mixed 64-bit hashes ([`word_hash`]).
#[derive(Default, Clone, Copy)]
pub struct PrehashedHasher(u64);

impl std::hash::Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Build-hasher for maps and sets keyed by word hashes.
pub type Prehashed = std::hash::BuildHasherDefault<PrehashedHasher>;

/// A set of word hashes.
pub type HashSetOfWords = std::collections::HashSet<u64, Prehashed>;

/// A map keyed by word hashes.
pub type HashMapOfWords<V> = std::collections::HashMap<u64, V, Prehashed>;

/// A fast hasher for short text keys (words, names): eight bytes per multiply, then a final
/// avalanche so that the bits the tables use depend on every byte. SipHash, the standard
/// maps' default, resists keys chosen to collide, which costs several times more per word
/// and buys nothing here: a table lives for one article, so crafted collisions could at
/// worst slow down the analysis of the article that carries them.
#[derive(Default, Clone, Copy)]
pub struct TextHasher(u64);

impl TextHasher {
    const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(26) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for TextHasher {
    fn finish(&self) -> u64 {
        finish_hash(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length tells "ab" from "ab\0".
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
}

/// Build-hasher of [`TextHasher`].
pub type HashText = std::hash::BuildHasherDefault<TextHasher>;

/// A map keyed by text (words, names), hashed by [`TextHasher`].
pub type HashMapOfText<K, V> = std::collections::HashMap<K, V, HashText>;

/// A set of texts (words, names), hashed by [`TextHasher`].
pub type HashSetOfText<K> = std::collections::HashSet<K, HashText>;

/// `word` in lowercase with curly apostrophes made straight, written into `buffer`.
pub fn lowercase_into<'b>(word: &str, buffer: &'b mut String) -> &'b str {
    buffer.clear();
    push_lowercase(word, buffer);
    buffer.as_str()
}

/// Appends `word` in lowercase to `line`, as [`lowercase_into`] writes it (curly
/// apostrophes made straight).
pub fn push_lowercase(word: &str, line: &mut String) {
    if word.is_ascii() {
        let start = line.len();
        line.push_str(word);
        line[start..].make_ascii_lowercase();
    } else {
        for c in word.chars() {
            if c == '’' {
                line.push('\'');
            } else {
                line.extend(c.to_lowercase());
            }
        }
    }
}

/// Lowercase word tokens of `text` (curly apostrophes made straight).
pub fn lowercase_words(text: &str) -> Vec<String> {
    let mut buffer = String::new();
    words(text)
        .map(|word| lowercase_into(word, &mut buffer).to_string())
        .collect()
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
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

/// Sentence-final punctuation, possibly followed by closing quotes or brackets.
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ':'])
}

#[cfg(test)]
mod tests {
    use super::{is_letter, is_word_char, Lowercase};

    #[test]
    fn character_classes_agree_with_the_standard_library() {
        // Every character of the Basic Multilingual Plane, the punctuation block included.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn lowercase_borrows_what_is_already_lowercase() {
        for word in [
            "said",
            "Said",
            "SAID",
            "Élysée",
            "ÉLYSÉE",
            "don’t",
            "İstanbul",
            "",
        ] {
            let lower = Lowercase::of(word);
            assert_eq!(lower.as_str(), word.to_lowercase(), "{word}");
        }
        assert!(matches!(
            Lowercase::of("said").0,
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(Lowercase::of("Said") == "said");
    }

    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let found: Vec<_> = words("Don’t e-mail Torres-Guillén, 'now' -- 2024!").collect();
        assert_eq!(found, ["Don’t", "e-mail", "Torres-Guillén", "now", "2024"]);
    }

    #[test]
    fn hashes_found_while_scanning_match_word_hash() {
        let text = "Don’t e-mail TORRES-Guillén's 3rd-floor office, 'now' -- 2024! Ça va? 東京 x-";
        let found: Vec<_> = hashed_words(text).collect();
        let texts: Vec<_> = found.iter().map(|word| word.text).collect();
        assert_eq!(
            texts,
            [
                "Don’t",
                "e-mail",
                "TORRES-Guillén's",
                "3rd-floor",
                "office",
                "now",
                "2024",
                "Ça",
                "va",
                "東京",
                "x"
            ]
        );
        for word in found {
            assert_eq!(word.hash, word_hash(word.text), "{word:?}");
            assert_eq!(word.ascii, word.text.is_ascii(), "{word:?}");
        }
    }

    /// `word_hash` against its definition (every character lowercased by the standard
    /// library, curly apostrophes made straight, the bytes mixed in) on every short joining
    /// of ASCII, accented, cased and multi-character-lowercase pieces.
    #[test]
    fn word_hash_is_its_definition() {
        let definition = |word: &str| {
            let mut hash = HASH_START;
            for c in word.chars() {
                let lower: String = if c == '’' {
                    "'".into()
                } else {
                    c.to_lowercase().collect()
                };
                for byte in lower.bytes() {
                    hash = mix_into_hash(hash, byte);
                }
            }
            finish_hash(hash)
        };
        let pieces = [
            "a", "Z", "7", "'", "’", "é", "É", "İ", "Σ", "東", "\u{212A}", "-",
        ];
        for word in crate::text::test_texts::every_joining(&pieces, 4, "") {
            assert_eq!(word_hash(&word), definition(&word), "{word:?}");
        }
    }

    #[test]
    fn word_hashes_ignore_case_and_apostrophe_style() {
        assert_eq!(word_hash("Don’t"), word_hash("don't"));
        assert_eq!(word_hash("ÉLYSÉE"), word_hash("élysée"));
        assert_ne!(word_hash("said"), word_hash("says"));
    }

    #[test]
    fn sentence_ends_see_through_closing_quotes() {
        assert!(ends_sentence("He left.”"));
        assert!(ends_sentence("Really?"));
        assert!(!ends_sentence("More News"));
    }
}

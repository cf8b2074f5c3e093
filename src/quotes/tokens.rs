//! A light tokeniser for attribution: words (with the apostrophes, hyphens, full stops and
//! ampersands inside them, and the full stop of an abbreviation) and punctuation marks.

use std::ops::Range;

use super::lexicon::{quote_lexicon, NameWordLists, QuoteLexicon};
use super::word_key::{ascii_key, ascii_key_of, casing_key, short_ascii_key, two_chunk_ascii_key};
use super::word_table::{Word, WordTable};
use crate::text::{
    alphanumeric_len_of_chunk, alphanumeric_prefix_len, is_ascii_white_space, is_word_char,
    load_eight, Lowercase,
};

/// Longest word [`LowerWord`] lowercases on the stack: longer than nearly every English word
/// and name, so that only rare words are copied to the heap.
const INLINE_WORD_BYTES: usize = 24;

/// A word in lowercase, the same text as [`Lowercase`] gives, without a heap copy for a
/// short ASCII word with capitals ("The", "Sen.", "He"), which `Lowercase` would allocate:
/// attribution looks every capitalised word up in its word lists.
pub enum LowerWord<'a> {
    /// A short ASCII word, lowercased in place.
    Inline {
        /// The lowercase bytes, `len` of them.
        bytes: [u8; INLINE_WORD_BYTES],
        /// How many of `bytes` are the word.
        len: usize,
    },
    /// Any other word: borrowed when already lowercase, else a lowercase copy.
    Other(Lowercase<'a>),
}

impl<'a> LowerWord<'a> {
    /// `word` in lowercase. Out of line in the page's wasm, where size counts more than
    /// a call.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn of(word: &'a str) -> Self {
        let len = word.len();
        if len <= INLINE_WORD_BYTES
            && word.bytes().any(|byte| byte.is_ascii_uppercase())
            && word.is_ascii()
        {
            let mut bytes = [0; INLINE_WORD_BYTES];
            bytes[..len].copy_from_slice(word.as_bytes());
            bytes[..len].make_ascii_lowercase();
            LowerWord::Inline { bytes, len }
        } else {
            LowerWord::Other(Lowercase::of(word))
        }
    }

    /// The lowercase text.
    pub fn as_str(&self) -> &str {
        match self {
            // ASCII bytes, lowercased, are valid UTF-8: the default is never taken.
            LowerWord::Inline { bytes, len } => {
                std::str::from_utf8(&bytes[..*len]).unwrap_or_default()
            }
            LowerWord::Other(lower) => lower.as_str(),
        }
    }
}

/// One token of the input: a word or a punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the input.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// For a mark, its character (quote marks normalised to `"`); for a word, [`WORD`] with
    /// the bits of the lists the word stands in ([`NameWordLists`]) and of its initial
    /// ([`INITIAL_LETTER`], [`INITIAL_CAPITAL`]): read where the word is, without a lookup
    /// and without going back to the text.
    kind: u32,
    /// For a word, the index of its entry in the article's [`WordTable`]; [`NOT_A_WORD`]
    /// for a mark.
    pub word: u32,
}

/// What a word's first character is ([`Token::initial`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Initial {
    /// Whether it is a letter.
    pub letter: bool,
    /// Whether it is an upper-case letter.
    pub capital: bool,
}

impl Initial {
    /// The initial of `word` (neither letter nor capital for an empty word); an ASCII first
    /// letter, nearly always, is read from its byte.
    pub fn of(word: &str) -> Initial {
        match word.as_bytes().first() {
            Some(&byte) if byte.is_ascii() => Initial::of_ascii(byte),
            _ => word.chars().next().map_or(
                Initial {
                    letter: false,
                    capital: false,
                },
                Initial::of_char,
            ),
        }
    }

    /// The initial of a word whose first character is `first`.
    fn of_char(first: char) -> Initial {
        Initial {
            letter: first.is_alphabetic(),
            capital: first.is_uppercase(),
        }
    }

    /// The initial of a word whose first byte, ASCII, is `byte`.
    fn of_ascii(byte: u8) -> Initial {
        Initial {
            letter: byte.is_ascii_alphabetic(),
            capital: byte.is_ascii_uppercase(),
        }
    }
}

/// The bit of [`Token::kind`] that marks a word: above every character.
const WORD: u32 = 1 << 31;

/// The bit of a word's [`Token::kind`] saying that its first character is a letter (above
/// the sixteen bits of its lists).
const INITIAL_LETTER: u32 = 1 << 16;

/// The bit of a word's [`Token::kind`] saying that its first character is an upper-case
/// letter.
const INITIAL_CAPITAL: u32 = 1 << 17;

/// The [`Token::word`] of a mark.
pub const NOT_A_WORD: u32 = u32::MAX;

impl Token {
    /// A punctuation token.
    pub fn mark(start: usize, end: usize, punct: char) -> Self {
        Token {
            start,
            end,
            kind: u32::from(punct),
            word: NOT_A_WORD,
        }
    }

    /// A word token: entry `word` of the article's [`WordTable`], standing in `lists`,
    /// whose first character is `initial`.
    pub fn of_word(
        start: usize,
        end: usize,
        word: u32,
        lists: NameWordLists,
        initial: Initial,
    ) -> Self {
        let letter = if initial.letter { INITIAL_LETTER } else { 0 };
        let capital = if initial.capital { INITIAL_CAPITAL } else { 0 };
        Token {
            start,
            end,
            kind: WORD | letter | capital | u32::from(lists.bits()),
            word,
        }
    }

    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.kind & WORD != 0
    }

    /// Punctuation character (quote marks normalised to `"`), or `None` for a word.
    pub fn punct(&self) -> Option<char> {
        if self.is_word() {
            None
        } else {
            char::from_u32(self.kind)
        }
    }

    /// Whether the token is the punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == u32::from(c)
    }

    /// Whether the token ends a sentence.
    pub fn ends_sentence(&self) -> bool {
        self.is('.') || self.is('!') || self.is('?')
    }

    /// What the word lists say of the word (its title and organisation lists with its
    /// possessive ending set aside, see [`NameWordLists::with_stem`]); nothing for a mark.
    pub fn lists(&self) -> NameWordLists {
        // The low bits of a word's kind are its lists (16 bits).
        NameWordLists::from_bits(if self.is_word() { self.kind as u16 } else { 0 })
    }

    /// Whether the token is a word starting with an upper-case letter: asked of every
    /// token by the speaker table and the name runs, so told from the token's bits, set
    /// when the word was read, without going back to the text.
    pub fn is_capitalised_word(&self) -> bool {
        self.kind & (WORD | INITIAL_CAPITAL) == WORD | INITIAL_CAPITAL
    }

    /// Whether the token, a word, starts with a letter, and with a capital one (neither
    /// for a mark), from the token's bits.
    pub fn initial(&self) -> Initial {
        Initial {
            letter: self.kind & (WORD | INITIAL_LETTER) == WORD | INITIAL_LETTER,
            capital: self.is_capitalised_word(),
        }
    }
}

/// The tokens of every paragraph of an article, read once and shared by the speaker table,
/// the narration around each quotation and the signature lines: one tokenisation per
/// paragraph, however many parts of attribution read it.
#[derive(Debug, Default)]
pub struct ParagraphTokens {
    /// The tokens of all paragraphs, in order.
    tokens: Vec<Token>,
    /// For each paragraph, the range of its tokens in `tokens`.
    bounds: Vec<Range<usize>>,
}

impl ParagraphTokens {
    /// Tokenises each of `paragraphs` (byte spans of `input`), with the table of the
    /// distinct words the tokens' indices point into (the tests' way in: attribution reuses
    /// its buffers, [`read_reusing`](Self::read_reusing)).
    #[cfg(test)]
    pub fn read(input: &str, paragraphs: &[Range<usize>]) -> (Self, WordTable) {
        Self::read_reusing(input, paragraphs, ParagraphTokens::default(), Vec::new())
    }

    /// Tokenises each of `paragraphs` (byte spans of `input`), with the table of the
    /// distinct words the tokens' indices point into, into the lists of `spare` and into
    /// `spare_words` (the word
    /// list of an earlier article's [`WordTable`]), emptied first: an article read after
    /// another on the same thread finds its buffers allocated, and warm in the cache; the
    /// tokens and the table are those of a fresh read.
    pub fn read_reusing(
        input: &str,
        paragraphs: &[Range<usize>],
        spare: ParagraphTokens,
        spare_words: Vec<Word>,
    ) -> (Self, WordTable) {
        // Fewer than one token (a word or a mark) per four bytes of English text: one
        // allocation for nearly every article (none when a spare list is large enough).
        let room = paragraphs.iter().map(|span| span.len()).sum::<usize>() / 4 + 16;
        let ParagraphTokens {
            mut tokens,
            mut bounds,
        } = spare;
        tokens.clear();
        tokens.reserve(room);
        bounds.clear();
        bounds.reserve(paragraphs.len());
        let mut words = WordTable::with_room_for_in(room, spare_words);
        for span in paragraphs {
            let start = tokens.len();
            tokenize(input, span.clone(), &mut tokens, &mut words);
            bounds.push(start..tokens.len());
        }
        (ParagraphTokens { tokens, bounds }, words)
    }

    /// How many tokens the token list has room for.
    pub fn capacity(&self) -> usize {
        self.tokens.capacity()
    }

    /// The tokens of paragraph `index` (empty when there is no such paragraph).
    pub fn of(&self, index: usize) -> &[Token] {
        self.bounds
            .get(index)
            .map_or(&[], |bounds| &self.tokens[bounds.clone()])
    }

    /// How many paragraphs were read.
    pub fn paragraph_count(&self) -> usize {
        self.bounds.len()
    }

    /// The tokens of each paragraph, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &[Token]> + '_ {
        self.bounds
            .iter()
            .map(|bounds| &self.tokens[bounds.clone()])
    }
}

/// Appends the tokens of `input[range]` to `out`, each word entered in `words`.
pub fn tokenize(input: &str, range: Range<usize>, out: &mut Vec<Token>, words: &mut WordTable) {
    tokenize_with_fast_paths(input, range, out, words, true);
}

/// [`tokenize`], with the fast paths for ASCII marks and plain ASCII words (`fast_paths`)
/// or without them, where every token takes the general path: the tests' reference for
/// what the fast paths must give.
#[inline(always)]
fn tokenize_with_fast_paths(
    input: &str,
    range: Range<usize>,
    out: &mut Vec<Token>,
    words: &mut WordTable,
    fast_paths: bool,
) {
    let lexicon = quote_lexicon();
    let text = &input[range.clone()];
    let bytes = text.as_bytes();
    // The character at byte `offset` of `text` (always a character boundary), decoded only
    // when it is not ASCII.
    let char_at = |offset: usize| match bytes.get(offset) {
        None => None,
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text[offset..].chars().next(),
    };
    // The lowercase word outside ASCII with its full stop, for the list of titles; one
    // buffer for all.
    let mut with_dot = String::new();
    let mut offset = 0;
    while let Some(&byte) = bytes.get(offset) {
        // Spaces, about one byte in six, are passed over before any decoding.
        if byte == b' ' {
            offset += 1;
            continue;
        }
        if fast_paths {
            // A mark or white space in ASCII, one byte, is one token or none.
            if IS_ASCII_MARK_OR_SPACE[usize::from(byte)] {
                if !is_ascii_white_space(byte) {
                    let start = range.start + offset;
                    let punct = if byte == b'\'' { '"' } else { char::from(byte) };
                    out.push(Token::mark(start, start + 1, punct));
                }
                offset += 1;
                continue;
            }
            // Most words are ASCII words of fewer than sixteen bytes ending at a space or
            // a mark that joins nothing: read from the eight or sixteen bytes loaded once,
            // which give the word's end, its key and the byte after it (see
            // `plain_ascii_word`). Any other word takes the general path below.
            if let Some((len, key)) = plain_ascii_word(&bytes[offset..], lexicon) {
                let start = range.start + offset;
                // The word has no apostrophe, hence no possessive ending: its lists are
                // those of its key ([`ascii_word_lists`] with no stem to read), read
                // here without a call.
                let (word, lists) = words.enter(key, || lexicon.lists_of_ascii_key(key));
                out.push(Token::of_word(
                    start,
                    start + len,
                    word,
                    lists,
                    Initial::of_ascii(byte),
                ));
                offset += len;
                continue;
            }
        }
        let Some(c) = char_at(offset) else {
            break;
        };
        let start = range.start + offset;
        if !is_word_char(c) {
            if !c.is_whitespace() {
                let punct = match c {
                    '“' | '”' | '„' | '‘' | '\'' | '’' => '"',
                    '—' | '–' => '-',
                    other => other,
                };
                out.push(Token::mark(start, start + c.len_utf8(), punct));
            }
            offset += c.len_utf8();
            continue;
        }
        let mut end = offset + c.len_utf8();
        loop {
            // ASCII letters and digits, most of every word.
            end += bytes.get(end..).map_or(0, alphanumeric_prefix_len);
            // Nearly every word ends at a space or a mark in ASCII that joins nothing:
            // told from its byte, without decoding a character.
            let ends_word = bytes.get(end).is_none_or(|&byte| ends_plainly(byte));
            if ends_word {
                break;
            }
            let Some(next) = char_at(end) else {
                break;
            };
            let after = end + next.len_utf8();
            // An apostrophe, hyphen, full stop or ampersand between two word characters
            // ("don't", "U.S", "AT&T").
            let joins = matches!(next, '\'' | '’' | '-' | '.' | '&')
                && char_at(after).is_some_and(is_word_char);
            if is_word_char(next) || joins {
                end = after;
            } else {
                break;
            }
        }
        // Abbreviations keep their full stop: initials ("F."), titles ("Sen."), "U.S.".
        if bytes.get(end) == Some(&b'.') {
            let word = &text[offset..end];
            let initial = word.chars().count() == 1 && c.is_uppercase();
            // Asked only when needed: most words before a full stop are no initial. An
            // ASCII word with its full stop is looked up by its key, read from the text
            // (the titles are lowercase ASCII, each in the lists of names' words); any
            // other is lowercased in place, without a copy per word.
            let mut title = || {
                if let Some(key) = ascii_key_of(input, range.start + offset..range.start + end + 1)
                {
                    return lexicon.lists_of_ascii_key(key).title();
                }
                with_dot.clear();
                with_dot.push_str(&Lowercase::of(word));
                with_dot.push('.');
                lexicon.is_title(&with_dot)
            };
            if initial || word.contains('.') || title() {
                end += 1;
            }
        }
        let span = start..range.start + end;
        // The word's key (nearly always from its bytes alone) and its entry: the word lists
        // are read once per distinct word of the article, an ASCII word's by the same key.
        let (word, lists) = match ascii_key_of(input, span.clone()) {
            Some(key) => words.enter(key, || ascii_word_lists(&input[span.clone()], key)),
            None => words.enter(casing_key(&input[span.clone()]), || {
                word_lists(&input[span.clone()])
            }),
        };
        out.push(Token::of_word(
            span.start,
            span.end,
            word,
            lists,
            Initial::of_char(c),
        ));
        offset = end;
    }
}

/// For every byte value, whether it is ASCII and no letter or digit (a mark or white
/// space): one load where the tokeniser would test three ranges, for every token.
static IS_ASCII_MARK_OR_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte: u8 = 0;
    while byte < 128 {
        table[byte as usize] = !byte.is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// The length and [`casing_key`] of the word opening `bytes` when the general path of
/// [`tokenize`] would read it as those bytes alone: one to fifteen ASCII letters and digits
/// followed, inside the first eight or sixteen bytes, by an ASCII byte that neither joins
/// two words' characters (an apostrophe, a hyphen, an ampersand) nor may be an
/// abbreviation's full stop; or one to six followed by a full stop that joins nothing (a
/// sentence's end, most often), which the word keeps as the general path decides: when it
/// is an initial or a title of `lexicon`. `None` for any other token, and when fewer bytes
/// are left.
#[inline(always)]
fn plain_ascii_word(bytes: &[u8], lexicon: &QuoteLexicon) -> Option<(usize, u64)> {
    let first = load_eight(bytes.get(..8)?);
    let len = alphanumeric_len_of_chunk(first);
    if len < 8 {
        if len == 0 {
            return None;
        }
        let next = (first >> (8 * len)) as u8;
        if ends_plainly(next) {
            return Some((len, short_ascii_key(first & low_bytes(len))));
        }
        // The byte after the full stop must be in the chunk, and ASCII that is no word's
        // ("U.S", "2.5" join; a character outside ASCII may be a letter).
        if next != b'.' || len > 6 {
            return None;
        }
        let after = (first >> (8 * (len + 1))) as u8;
        if !after.is_ascii() || after.is_ascii_alphanumeric() {
            return None;
        }
        let with_stop = short_ascii_key(first & low_bytes(len + 1));
        let initial = len == 1 && (first as u8).is_ascii_uppercase();
        return Some(
            if initial || lexicon.lists_of_ascii_key(with_stop).title() {
                (len + 1, with_stop)
            } else {
                (len, short_ascii_key(first & low_bytes(len)))
            },
        );
    }
    let second = load_eight(bytes.get(8..16)?);
    let more = alphanumeric_len_of_chunk(second);
    if more == 8 || !ends_plainly((second >> (8 * more)) as u8) {
        return None;
    }
    let key = if more == 0 {
        short_ascii_key(first)
    } else {
        two_chunk_ascii_key(8 + more, first, second & low_bytes(more))
    };
    Some((8 + more, key))
}

/// Whether a word of ASCII letters and digits ends at the byte `next` that follows it, as
/// written: an ASCII byte that joins nothing and is no full stop (which an abbreviation
/// keeps).
#[inline(always)]
fn ends_plainly(next: u8) -> bool {
    next.is_ascii() && !matches!(next, b'\'' | b'-' | b'.' | b'&')
}

/// The mask of the low `count` bytes of a number (`count` below eight).
#[inline(always)]
fn low_bytes(count: usize) -> u64 {
    (1u64 << (8 * count)) - 1
}

/// Whether `word` starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    Initial::of(word).capital
}

/// `word` without a possessive ending ("Macron’s" → "Macron").
// Asked of every word of every name read: the first test, which answers for most, is
// inlined where it is asked; the endings are compared out of line.
#[inline]
pub fn strip_possessive(word: &str) -> &str {
    // Most words end in none of the endings, told by their last byte ('s', an apostrophe,
    // or 0x99, the last byte of ’).
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    strip_possessive_ending(word)
}

/// [`strip_possessive`] of a word whose last byte may end a possessive ending.
#[inline(never)]
fn strip_possessive_ending(word: &str) -> &str {
    for ending in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

/// What the word lists say of `word` in any case: the lists of its lowercase, its title and
/// organisation lists read with its possessive ending set aside ([`NameWordLists::with_stem`]).
/// Asked once per distinct word of an article.
pub fn word_lists(word: &str) -> NameWordLists {
    // An ASCII word, nearly every one, is looked up as written: no lowercase copy.
    if let Some(key) = ascii_key(word) {
        return ascii_word_lists(word, key);
    }
    let lexicon = quote_lexicon();
    let lower = LowerWord::of(word);
    let lower = lower.as_str();
    let lists = lexicon.name_word_lists(lower);
    let stem = strip_possessive(lower);
    let stem_lists = (stem.len() < lower.len()).then(|| lexicon.name_word_lists(stem));
    lists.with_stem(stem_lists)
}

/// The [`word_lists`] of the ASCII `word`, whose [`ascii_key`] is `key`.
fn ascii_word_lists(word: &str, key: u64) -> NameWordLists {
    let lexicon = quote_lexicon();
    let lists = lexicon.lists_of_ascii_key(key);
    // Nearly every word has no possessive ending (told by its last byte): its own lists
    // are all.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S' | b'\'')) {
        return lists;
    }
    let stem = strip_ascii_possessive(word);
    let stem_lists = (stem.len() < word.len())
        .then(|| lexicon.ascii_name_word_lists(stem))
        .flatten();
    lists.with_stem(stem_lists)
}

/// An ASCII word without its possessive ending in any case ("Macron's", "MACRON'S" →
/// "Macron", "MACRON"), as [`strip_possessive`] strips the word in lowercase.
fn strip_ascii_possessive(word: &str) -> &str {
    // Most words end in none of the endings: told by their last byte.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S' | b'\'')) {
        return word;
    }
    for ending in ["'s", "'S", "'"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

/// Whether token `index` ends a sentence: a full stop, question or exclamation mark not
/// followed by a closing parenthesis, a comma or a lower-case word ("(R-Fla.) said").
pub fn ends_sentence_at(input: &str, tokens: &[Token], index: usize) -> bool {
    if !tokens[index].ends_sentence() {
        return false;
    }
    match tokens.get(index + 1) {
        None => true,
        Some(next) if next.is_word() => !input[next.start..next.end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase),
        Some(next) => !(next.is(')') || next.is(',')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessive_endings_are_stripped() {
        for (word, stem) in [
            ("Macron’s", "Macron"),
            ("Macron's", "Macron"),
            ("Dumas’", "Dumas"),
            ("Dumas'", "Dumas"),
            ("Dumas", "Dumas"),
            ("’s", "’s"),
            ("'", "'"),
            ("Émile’", "Émile"),
            ("MACRON'S", "MACRON'S"),
            ("", ""),
        ] {
            assert_eq!(strip_possessive(word), stem, "{word}");
        }
    }

    #[test]
    fn reading_into_an_earlier_article_s_buffers_reads_as_a_fresh_read() {
        let paragraphs_of = |text: &str| {
            let mut spans = Vec::new();
            let mut start = 0;
            for part in text.split("\n\n") {
                spans.push(start..start + part.len());
                start += part.len() + 2;
            }
            spans
        };
        // The earlier article is longer, has more paragraphs and other words (outside
        // ASCII among them), so that its leftovers would show.
        let earlier = "Mayor Ann Lee said: “We won.” The PRESIDENT’S aide, Émile 😀, left.\n\nMore words, Sen. Ted Cruz’s own, then a last line.\n\nAnd one more paragraph here.";
        for text in [
            "“Yes,” said Luc Dumas.\n\nDumas’s plan failed.",
            "",
            "Émile",
        ] {
            let paragraphs = paragraphs_of(text);
            let (fresh, fresh_words) = ParagraphTokens::read(text, &paragraphs);
            let (spare, spare_words) = ParagraphTokens::read(earlier, &paragraphs_of(earlier));
            let (reused, reused_words) =
                ParagraphTokens::read_reusing(text, &paragraphs, spare, spare_words.into_spare());
            assert_eq!(reused.tokens, fresh.tokens, "{text}");
            assert_eq!(reused.bounds, fresh.bounds, "{text}");
            assert_eq!(reused_words.len(), fresh_words.len(), "{text}");
            for token in &fresh.tokens {
                assert_eq!(
                    reused_words.lists(token.word),
                    fresh_words.lists(token.word)
                );
                assert_eq!(reused_words.casing(token.word), 0);
            }
        }
    }

    #[test]
    fn fast_paths_read_as_the_general_path_reads() {
        // Words of every length around eight and sixteen bytes, ending at every kind of
        // byte (joining marks, full stops of abbreviations and titles, characters outside
        // ASCII, the paragraph's end), and marks and white space of every kind, in runs
        // that put each at every offset of an eight- or sixteen-byte load.
        let pieces = [
            "a",
            "He",
            "said",
            "Dumas",
            "Olsen's",
            "Sen.",
            "F.",
            "U.S.",
            "AT&T",
            "x-ray",
            "2024",
            "Mr.",
            "plan.",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "Émile",
            "café",
            "naïve",
            "don’t",
            "O’Brien",
            "😀",
            "—",
            "“",
            "”",
            "'",
            ",",
            ":",
            "\n",
            "\t",
            "\u{b}",
            "ABCDEFG.",
            "word-",
            "word'",
            "word&",
            "end.",
            "7.5",
            "e\u{301}",
            "Interoperable",
            "abcdefghijklmno",
            "ABCDEFGHIJKLMNOP",
            "Abcdefghijklmnopq",
            "Washington.",
            "Administration's",
            "counter-intelligence",
            "eightchr’s",
            "\r",
            "\u{c}",
            "\u{0}",
            "#",
            "@[`{",
            "Dr.é",
            "Gov.'",
            "Q.-",
            "abc.def",
            "Jr.,",
            // Plain words ending in an s, in lists and in none: no possessive to set aside.
            "His",
            "Congress",
        ];
        let mut texts = Vec::new();
        for (index, first) in pieces.iter().enumerate() {
            for (step, second) in pieces.iter().enumerate() {
                let third = pieces[(index * 7 + step * 3) % pieces.len()];
                for gap in ["", " ", "  "] {
                    texts.push(format!("{first}{gap}{second}{third}{gap}{first}"));
                }
            }
        }
        texts.push(pieces.join(" "));
        texts.push(pieces.concat());
        for text in &texts {
            for start in 0..text.len().min(17) {
                if !text.is_char_boundary(start) {
                    continue;
                }
                let read = |fast_paths| {
                    let mut tokens = Vec::new();
                    let mut words = WordTable::default();
                    tokenize_with_fast_paths(
                        text,
                        start..text.len(),
                        &mut tokens,
                        &mut words,
                        fast_paths,
                    );
                    // Tokens hold their word's entry and lists: equal tokens, equal words.
                    (tokens, words.len())
                };
                assert_eq!(read(true), read(false), "{text:?} from {start}");
            }
        }
    }

    #[test]
    fn words_keep_their_joining_marks_and_abbreviations_their_full_stop() {
        let text = "U.S. Sen. F. Smith’s AT&T plan—don't, “Émile-Zola” said 😀 2.5%. Done.";
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens, &mut WordTable::default());
        let read: Vec<(&str, Option<char>)> = tokens
            .iter()
            .map(|token| (&text[token.start..token.end], token.punct()))
            .collect();
        for token in &tokens {
            let expected = if token.is_word() {
                Initial::of(&text[token.start..token.end])
            } else {
                Initial {
                    letter: false,
                    capital: false,
                }
            };
            assert_eq!(
                token.initial(),
                expected,
                "{:?}",
                &text[token.start..token.end]
            );
            assert_eq!(token.is_capitalised_word(), expected.capital);
        }
        let word = |text| (text, None);
        assert_eq!(
            read,
            vec![
                word("U.S."),
                word("Sen."),
                word("F."),
                word("Smith’s"),
                word("AT&T"),
                word("plan"),
                ("—", Some('-')),
                word("don't"),
                (",", Some(',')),
                ("“", Some('"')),
                word("Émile-Zola"),
                ("”", Some('"')),
                word("said"),
                ("😀", Some('😀')),
                word("2.5"),
                ("%", Some('%')),
                (".", Some('.')),
                word("Done"),
                (".", Some('.')),
            ]
        );
    }
}

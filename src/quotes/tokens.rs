//! A light tokeniser for attribution: words (with the apostrophes, hyphens, full stops and
//! ampersands inside them, and the full stop of an abbreviation) and punctuation marks.

use std::ops::Range;

use super::lexicon::quote_lexicon;
use crate::text::{alphanumeric_prefix_len, is_word_char, Lowercase};

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
        // The page's wasm keeps the smaller code (a copy per capitalised word is cheap
        // beside its other costs, and every kilobyte of the page counts).
        if cfg!(not(target_arch = "wasm32"))
            && len <= INLINE_WORD_BYTES
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
    /// Punctuation character (quote marks normalised to `"`), or `None` for a word.
    pub punct: Option<char>,
}

impl Token {
    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    /// Whether the token is the punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.punct == Some(c)
    }

    /// Whether the token ends a sentence.
    pub fn ends_sentence(&self) -> bool {
        matches!(self.punct, Some('.' | '!' | '?'))
    }

    /// Whether the token, a word of `input`, starts with an upper-case letter: asked of
    /// many tokens, so an ASCII first letter (nearly always) is read from its byte,
    /// without slicing the word out of the text (which checks character boundaries).
    pub fn is_capitalised_in(&self, input: &str) -> bool {
        match input.as_bytes().get(self.start) {
            Some(&byte) if byte.is_ascii() => byte.is_ascii_uppercase(),
            _ => is_capitalised(&input[self.start..self.end]),
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
    /// Tokenises each of `paragraphs` (byte spans of `input`).
    pub fn read(input: &str, paragraphs: &[Range<usize>]) -> Self {
        // Fewer than one token (a word or a mark) per four bytes of English text: one
        // allocation for nearly every article.
        let mut tokens =
            Vec::with_capacity(paragraphs.iter().map(|span| span.len()).sum::<usize>() / 4 + 16);
        let bounds = paragraphs
            .iter()
            .map(|span| {
                let start = tokens.len();
                tokenize(input, span.clone(), &mut tokens);
                start..tokens.len()
            })
            .collect();
        ParagraphTokens { tokens, bounds }
    }

    /// How many tokens all paragraphs hold.
    pub fn token_count(&self) -> usize {
        self.tokens.len()
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

/// Appends the tokens of `input[range]` to `out`.
pub fn tokenize(input: &str, range: Range<usize>, out: &mut Vec<Token>) {
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
    // The lowercase word with its full stop, for the list of titles; one buffer for all.
    let mut with_dot = String::new();
    let mut offset = 0;
    while let Some(&byte) = bytes.get(offset) {
        // Spaces, about one byte in six, are passed over before any decoding.
        if byte == b' ' {
            offset += 1;
            continue;
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
                out.push(Token {
                    start,
                    end: start + c.len_utf8(),
                    punct: Some(punct),
                });
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
            let ends_word = bytes
                .get(end)
                .is_none_or(|&byte| byte.is_ascii() && !matches!(byte, b'\'' | b'-' | b'.' | b'&'));
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
            // Built only when asked: most words before a full stop are no initial, and
            // lowercased in place, without a copy per word.
            let mut title = || {
                with_dot.clear();
                if word.is_ascii() {
                    with_dot.push_str(word);
                    with_dot.make_ascii_lowercase();
                } else {
                    with_dot.push_str(&Lowercase::of(word));
                }
                with_dot.push('.');
                lexicon.is_title(&with_dot)
            };
            if initial || word.contains('.') || title() {
                end += 1;
            }
        }
        out.push(Token {
            start,
            end: range.start + end,
            punct: None,
        });
        offset = end;
    }
}

/// Whether `word` starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    // Asked of nearly every token: an ASCII first letter is read from its byte.
    match word.as_bytes().first() {
        Some(&byte) if byte.is_ascii() => byte.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// `word` without a possessive ending ("Macron’s" → "Macron").
pub fn strip_possessive(word: &str) -> &str {
    // Asked of every word of a name: most end in none of the endings, told by their last
    // byte ('s', an apostrophe, or 0x99, the last byte of ’).
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    for ending in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

/// Prepositions: a name right after one is its object, not a clause's subject.
pub const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "from", "by", "with", "to", "for", "into", "about", "near", "like",
    "than", "over", "against", "toward", "towards",
];

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
    fn words_keep_their_joining_marks_and_abbreviations_their_full_stop() {
        let text = "U.S. Sen. F. Smith’s AT&T plan—don't, “Émile-Zola” said 😀 2.5%. Done.";
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let read: Vec<(&str, Option<char>)> = tokens
            .iter()
            .map(|token| (&text[token.start..token.end], token.punct))
            .collect();
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

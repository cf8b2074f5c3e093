//! How the article itself writes each word, and what that says about names. English
//! capitalises a sentence's first word whatever it is, so a capital letter there is no
//! evidence of a name: "Despite Anna Berg", "Lately, he", "Unflappable Dumas" (a headline's
//! adjective) are runs of capitalised words that start with a common word. The article tells
//! the two apart: a name keeps its capital inside sentences of running text, a common word
//! does not (and is often seen in lowercase too).
//!
//! Headline-like lines (most words capitalised) and lines in capitals say nothing about
//! case and are left out of the evidence.

use std::ops::Range;

use super::tokens::{word_lists, LowerWord, Token};
use super::word_key::casing_key;
use super::word_table::WordTable;
use crate::text::{stopwords, word_hash};

/// Letters of a capitalised word that counts towards a headline: shorter ones ("A", "I",
/// "To") stand capitalised in running text too.
const HEADLINE_WORD_MIN_LETTERS: usize = 3;

/// Words of at least this many letters ending in -ly, -ing or -ed have the shape of an
/// adverb or a participle ("Lately", "Responding", "Unimpressed"); shorter ones are more
/// often names or plain words ("Ely", "King", "Ted").
const MODIFIER_SHAPE_MIN_LETTERS: usize = 5;

/// The casing bit of a word the article capitalises inside a sentence of running text.
const CAPITALISED_INSIDE: u8 = 1;

/// The casing bit of a word the article writes in lowercase.
const LOWERCASE: u8 = 2;

/// The case evidence of one article, kept with each distinct word of its table (by the
/// word's [`casing_key`], which ignores case).
#[derive(Debug, Default)]
pub struct WordCasing {
    /// The article's distinct words, with the casing bits recorded for each.
    words: WordTable,
}

impl WordCasing {
    /// No evidence yet, for the article whose distinct words are `words` (the table its
    /// tokens point into).
    pub fn new(words: WordTable) -> Self {
        WordCasing { words }
    }

    /// The table of distinct words the evidence was kept in.
    pub fn into_words(self) -> WordTable {
        self.words
    }

    /// Records the words of one paragraph (its `tokens`); `headline` says whether
    /// the paragraph reads as a headline ([`is_headline_like`]), which says nothing of case.
    pub fn record(&mut self, tokens: &[Token], headline: bool) {
        if headline {
            return;
        }
        let mut previous: Option<&Token> = None;
        for token in tokens {
            let before = previous.replace(token);
            if !token.is_word() {
                continue;
            }
            let initial = token.initial();
            if !initial.letter {
                continue;
            }
            // The token points at its word's entry: no key, no lookup.
            if !initial.capital {
                self.words.add_casing(token.word, LOWERCASE);
            } else if before.is_some_and(continues_sentence) {
                self.words.add_casing(token.word, CAPITALISED_INSIDE);
            }
        }
    }

    /// The casing bits of `word`: none for a word the article does not write.
    fn casing_of(&self, word: &str) -> (Option<u32>, u8) {
        let index = self.words.find(casing_key(word));
        (index, index.map_or(0, |index| self.words.casing(index)))
    }

    /// Whether the article capitalises `word` inside a sentence of running text.
    pub fn is_capitalised_inside(&self, word: &str) -> bool {
        self.casing_of(word).1 & CAPITALISED_INSIDE != 0
    }

    /// Whether `word`, capitalised at the start of a name, is rather the common word that
    /// opens a sentence or a headline: the article never capitalises it inside a sentence,
    /// and it is a function word, has the shape of an adverb or participle, or is seen in
    /// lowercase elsewhere in the article.
    ///
    /// `before_name` says whether more name words follow: an adverb in -ly is followed by a
    /// comma or a clause ("Lately, he", "Lately he"), seldom by a name, while many given
    /// names end in -ly ("Kelly", "Emily"), so that shape counts only for a word alone.
    pub fn is_opening_word(&self, word: &str, before_name: bool) -> bool {
        self.is_opening_with(word, self.casing_of(word), before_name)
    }

    /// [`is_opening_word`](Self::is_opening_word) of `word`, the text of a token whose
    /// entry in the article's word table is `index`: its casing read from the entry,
    /// without keying the text.
    pub fn is_opening_entry(&self, word: &str, index: u32, before_name: bool) -> bool {
        self.is_opening_with(word, (Some(index), self.words.casing(index)), before_name)
    }

    /// [`is_opening_word`](Self::is_opening_word) of `word`, whose entry in the word table
    /// (if the article writes it) and casing bits are `entry`.
    fn is_opening_with(&self, word: &str, entry: (Option<u32>, u8), before_name: bool) -> bool {
        let (index, casing) = entry;
        if casing & CAPITALISED_INSIDE != 0 || is_all_capitals(word) {
            return false;
        }
        // The cheapest evidence first: each is enough on its own.
        if casing & LOWERCASE != 0 {
            return true;
        }
        // The word lists of a word the article writes were read once, with its entry; the
        // whole word's lists (not-names, sentence openers) are the same for every way of
        // writing it.
        let lists = match index {
            Some(index) => self.words.lists(index),
            None => word_lists(word),
        };
        if lists.not_name() || lists.sentence_opener() || stopwords().contains(&word_hash(word)) {
            return true;
        }
        match modifier_shape(LowerWord::of(word).as_str()) {
            Some(Shape::Adverb) => !before_name,
            Some(Shape::Participle) => true,
            None => false,
        }
    }
}

/// Whether a capitalised word after `previous` stands inside a sentence: after a word, a
/// comma or a semicolon (not after a full stop, a colon, a quote mark or a dash, which may
/// open a sentence).
fn continues_sentence(previous: &Token) -> bool {
    previous.is_word() || previous.is(',') || previous.is(';')
}

/// The shape of a modifier a word may have.
enum Shape {
    /// Ends in -ly ("Lately").
    Adverb,
    /// Ends in -ing or -ed ("Responding", "Unimpressed").
    Participle,
}

/// Whether `lower` (lowercase) ends like an adverb or a participle.
fn modifier_shape(lower: &str) -> Option<Shape> {
    if lower.chars().count() < MODIFIER_SHAPE_MIN_LETTERS || !lower.chars().all(char::is_alphabetic)
    {
        return None;
    }
    if lower.ends_with("ly") {
        Some(Shape::Adverb)
    } else if lower.ends_with("ing") || lower.ends_with("ed") {
        Some(Shape::Participle)
    } else {
        None
    }
}

/// Whether `word` is written in capitals (two letters or more: "NEW", "FBI").
pub fn is_all_capitals(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let mut count = 0;
    letters.all(|c| {
        count += 1;
        c.is_uppercase()
    }) && count >= 2
}

/// Whether the paragraph reads as a headline or a label: several words, every word in
/// lowercase a function word ("Unflappable Dumas Keeps His Calm in the Rain"), or every word
/// in capitals. A sentence of running text, however many names it holds, has a verb or a
/// noun in lowercase ("Anna Berg met Luc Dumas in Lyon").
pub fn is_headline_like(input: &str, tokens: &[Token]) -> bool {
    // Words opening with a letter, with their initials, told by the tokens' bits.
    let words = tokens
        .iter()
        .map(Token::initial)
        .zip(tokens)
        .filter(|(initial, _)| initial.letter)
        .map(|(initial, token)| (initial.capital, &input[token.start..token.end]));
    // One walk, ending at the first word that rules both readings out (in running text, its
    // first lowercase word that is no function word).
    let mut count = 0;
    let mut all_capitals = true;
    let mut capitalised_long = 0;
    let mut capitalised_or_function = true;
    for (capitalised, word) in words {
        count += 1;
        all_capitals = all_capitals && is_all_capitals(word);
        if capitalised {
            if word.chars().count() >= HEADLINE_WORD_MIN_LETTERS {
                capitalised_long += 1;
            }
        } else {
            capitalised_or_function =
                capitalised_or_function && stopwords().contains(&word_hash(word));
        }
        if !all_capitals && !capitalised_or_function {
            return false;
        }
    }
    count >= 2 && (all_capitals || capitalised_long >= 2 && capitalised_or_function)
}

/// When the paragraph of `tokens` opens with a dateline ("LYON —", "BRUSSELS (Agency) -",
/// "Brussels (Agency) –", "SAINT PAUL, Minn. —"), the token range of the dateline with its
/// dash: a place and an agency, not part of the first sentence.
pub fn dateline(input: &str, tokens: &[Token]) -> Option<Range<usize>> {
    /// Datelines are a place, maybe a date and an agency: a handful of words.
    const DATELINE_MAX_TOKENS: usize = 12;
    let first = tokens.first().filter(|token| token.is_word())?;
    // One walk to the dash, given up at the first word neither capitalised nor a number:
    // asked of every paragraph, and most open with a sentence, whose second or third word
    // is in lowercase.
    let mut agency = false;
    let mut dash = None;
    for (index, token) in tokens.iter().enumerate().take(DATELINE_MAX_TOKENS) {
        if token.is('-') {
            dash = Some(index);
            break;
        }
        agency |= token.is('(');
        if token.is_word()
            && !token.is_capitalised_word()
            && !input[token.start..token.end]
                .bytes()
                .all(|byte| byte.is_ascii_digit())
        {
            return None;
        }
    }
    let dash = dash?;
    let capitals = is_all_capitals(&input[first.start..first.end]);
    ((capitals || agency) && tokens.get(dash + 1).is_some()).then_some(0..dash + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::tokens::tokenize;
    use crate::text::test_texts::every_joining;

    fn tokens(text: &str) -> Vec<Token> {
        tokens_and_words(text).0
    }

    fn tokens_and_words(text: &str) -> (Vec<Token>, WordTable) {
        let mut tokens = Vec::new();
        let mut words = WordTable::default();
        tokenize(text, 0..text.len(), &mut tokens, &mut words);
        (tokens, words)
    }

    #[test]
    fn sentence_openers_are_told_from_names() {
        let text = "Despite the rain, Anna Berg spoke. Lately she met Mayor Anna Berg. Unimpressed Dumas smiled as Luc Dumas spoke, even so.";
        let (tokens, words) = tokens_and_words(text);
        let mut casing = WordCasing::new(words);
        casing.record(&tokens, is_headline_like(text, &tokens));
        // A word the article never writes has no casing of its own.
        assert!(!casing.is_opening_word("Zola", false));
        assert!(casing.is_opening_word("Monday", false));
        assert!(casing.is_opening_word("Despite", true));
        assert!(casing.is_opening_word("Lately", false));
        assert!(casing.is_opening_word("Unimpressed", true));
        assert!(casing.is_opening_word("Even", true));
        assert!(!casing.is_opening_word("Anna", true));
        assert!(!casing.is_opening_word("Luc", true));
        // A given name in -ly before a family name stays a name.
        assert!(!casing.is_opening_word("Kelly", true));
    }

    #[test]
    fn headlines_and_datelines() {
        let headline = "Unflappable Dumas Makes His Case for the Budget";
        assert!(is_headline_like(headline, &tokens(headline)));
        let prose = "Dumas made his case for the budget on Monday in Lyon.";
        assert!(!is_headline_like(prose, &tokens(prose)));
        let names = "Chancellor Anna Berg met President Luc Dumas in Lyon.";
        assert!(!is_headline_like(names, &tokens(names)));
        let label = "FLOOD VICTIMS, IN THEIR OWN WORDS";
        assert!(is_headline_like(label, &tokens(label)));
        for line in [
            "LYON - Luc Dumas won.",
            "BRUSSELS, Dec. 8 (Agency) — The vote passed.",
            "Brussels (Agency) – The vote passed.",
        ] {
            assert!(dateline(line, &tokens(line)).is_some(), "{line}");
        }
        let appositive = "Luc Dumas — the front-runner — spoke.";
        assert!(dateline(appositive, &tokens(appositive)).is_none());
    }

    /// [`dateline`] as it is defined: the first dash among the first twelve tokens, every
    /// word before it capitalised or a number, the first token a word in capitals or an
    /// agency in parentheses before the dash, and a token after it.
    fn dateline_by_definition(input: &str, tokens: &[Token]) -> Option<Range<usize>> {
        let dash = tokens.iter().take(12).position(|token| token.is('-'))?;
        let before = &tokens[..dash];
        let first = before.first().filter(|token| token.is_word())?;
        let words_capitalised = before.iter().filter(|token| token.is_word()).all(|token| {
            let word = &input[token.start..token.end];
            crate::quotes::tokens::is_capitalised(word) || word.chars().all(|c| c.is_ascii_digit())
        });
        let agency = before.iter().any(|token| token.is('('));
        let capitals = is_all_capitals(&input[first.start..first.end]);
        (words_capitalised && (capitals || agency) && tokens.get(dash + 1).is_some())
            .then_some(0..dash + 1)
    }

    #[test]
    fn datelines_are_read_as_defined() {
        let pieces = [
            "LYON", "Lyon", "lyon", "2024", "12a", "Émile", "ÉCOLE", "(Agency)", "(", ")", ",",
            "-", "—", "the", "Dec.", "8", "Reuters", "x", "\"", ":",
        ];
        // Every line of up to three pieces, and lines of many capitalised words before a dash.
        let mut lines = every_joining(&pieces, 3, " ");
        for count in 9..14 {
            lines.push(format!("{} - The vote.", vec!["SAINT"; count].join(" ")));
            lines.push(format!(
                "{} (AP) - The vote.",
                vec!["Saint"; count].join(" ")
            ));
        }
        for line in &lines {
            let tokens = tokens(line);
            assert_eq!(
                dateline(line, &tokens),
                dateline_by_definition(line, &tokens),
                "{line}"
            );
        }
    }
}

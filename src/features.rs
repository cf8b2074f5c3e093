//! Measurements of one paragraph that the cleaner's decisions rest on: length, word counts,
//! stopword density, capitalisation, sentence punctuation. Computed in one pass per
//! paragraph; no decisions here.

use crate::lexicon::lexicon;
use crate::text::{ends_sentence, is_capitalized, is_unspaced_script, lowercase_into, words};

/// Measurements of one paragraph's normalised text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Characters (not bytes).
    pub chars: usize,
    /// Word tokens.
    pub words: usize,
    /// Words that are English stopwords.
    pub stopwords: usize,
    /// Words starting with an uppercase letter.
    pub capitalized: usize,
    /// Capitalised words that are not stopwords and not the first word.
    pub inner_capitalized: usize,
    /// Words that are not stopwords and not the first word.
    pub inner_content_words: usize,
    /// Words made only of digits.
    pub numbers: usize,
    /// Characters of scripts written without spaces (CJK, Thai).
    pub unspaced_chars: usize,
    /// Sentence-ending punctuation followed by a space or the end.
    pub sentence_ends: usize,
    /// Whether the text ends like a sentence.
    pub ends_sentence: bool,
    /// Letters in the text.
    pub letters: usize,
}

impl Features {
    /// Measures `text`.
    pub fn of(text: &str) -> Features {
        let stopwords = &lexicon().stopwords;
        let mut features = Features { ends_sentence: ends_sentence(text), ..Features::default() };
        let mut buffer = String::new();
        for (index, word) in words(text).enumerate() {
            features.words += 1;
            let lower = lowercase_into(word, &mut buffer);
            let is_stopword = stopwords.contains(lower);
            features.stopwords += usize::from(is_stopword);
            let capitalized = is_capitalized(word);
            features.capitalized += usize::from(capitalized);
            if index > 0 && !is_stopword {
                features.inner_content_words += 1;
                features.inner_capitalized += usize::from(capitalized);
            }
            features.numbers += usize::from(word.bytes().all(|b| b.is_ascii_digit()));
        }
        let mut previous_was_end = false;
        for c in text.chars() {
            features.chars += 1;
            if c.is_alphabetic() {
                features.letters += 1;
                if is_unspaced_script(c) {
                    features.unspaced_chars += 1;
                }
            }
            if previous_was_end && c == ' ' {
                features.sentence_ends += 1;
            }
            previous_was_end = matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
            if matches!(c, '。' | '！' | '？') {
                features.sentence_ends += 1;
                previous_was_end = false;
            }
        }
        if features.ends_sentence {
            features.sentence_ends += 1;
        }
        features
    }

    /// Share of words that are English stopwords.
    pub fn stopword_density(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f64 / self.words as f64
        }
    }

    /// A length measure that works for spaced and unspaced scripts: words, or for text
    /// mostly in CJK or Thai, characters divided by two (about a word's worth).
    pub fn word_length(&self) -> usize {
        if self.unspaced_chars * 2 > self.letters {
            self.unspaced_chars / 2 + self.words
        } else {
            self.words
        }
    }

    /// Whether the text reads like a headline or menu entry: a few words, no sentence end,
    /// most content words capitalised ("Brothel Ring Busted in Boston", "Local News").
    pub fn is_title_case(&self) -> bool {
        self.words >= 1
            && !self.ends_sentence
            && (self.inner_content_words == 0
                || self.inner_capitalized * 10 >= self.inner_content_words * 7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_menus_measure_differently() {
        let prose = Features::of("The council said it would vote on the plan in the spring. It did not say why.");
        assert!(prose.stopword_density() > 0.4);
        assert_eq!(prose.sentence_ends, 2);
        assert!(!prose.is_title_case());
        let menu = Features::of("Local News and Politics");
        assert!(menu.is_title_case());
    }

    #[test]
    fn unspaced_scripts_get_a_word_length() {
        let features = Features::of("东京电力公司周二表示将开始排放处理过的水。");
        assert!(features.word_length() >= 8, "{features:?}");
    }
}

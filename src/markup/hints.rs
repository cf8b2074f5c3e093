//! What the words of an element's `class` and `id` say it holds ("related", "share",
//! "byline", "caption"...): the lexicon `lexicon/class_hints.txt`, and the cutting of an
//! attribute value into words.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a class or id word says an element holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HintKind {
    /// Links to other articles.
    Related,
    /// Share and follow buttons.
    Share,
    /// Readers' comments.
    Comments,
    /// Sign-up and subscription prompts.
    Newsletter,
    /// The author's name.
    Byline,
    /// The publication date.
    Date,
    /// A photo or video caption.
    Caption,
    /// A photo credit.
    Credit,
    /// The trail of sections above the article.
    Breadcrumb,
    /// Tag and topic links.
    Tags,
    /// Advertising and sponsored content.
    Promo,
    /// A column beside the article.
    Sidebar,
    /// The page footer.
    Footer,
    /// Menus and navigation.
    Navigation,
    /// Cookie and consent notices.
    Cookie,
    /// About the author.
    Bio,
}

impl HintKind {
    /// Every kind, in the order of their bits in [`Hints`].
    pub const ALL: [HintKind; 16] = [
        HintKind::Related,
        HintKind::Share,
        HintKind::Comments,
        HintKind::Newsletter,
        HintKind::Byline,
        HintKind::Date,
        HintKind::Caption,
        HintKind::Credit,
        HintKind::Breadcrumb,
        HintKind::Tags,
        HintKind::Promo,
        HintKind::Sidebar,
        HintKind::Footer,
        HintKind::Navigation,
        HintKind::Cookie,
        HintKind::Bio,
    ];

    fn from_name(name: &str) -> Option<HintKind> {
        Some(match name {
            "related" => HintKind::Related,
            "share" => HintKind::Share,
            "comments" => HintKind::Comments,
            "newsletter" => HintKind::Newsletter,
            "byline" => HintKind::Byline,
            "date" => HintKind::Date,
            "caption" => HintKind::Caption,
            "credit" => HintKind::Credit,
            "breadcrumb" => HintKind::Breadcrumb,
            "tags" => HintKind::Tags,
            "promo" => HintKind::Promo,
            "sidebar" => HintKind::Sidebar,
            "footer" => HintKind::Footer,
            "navigation" => HintKind::Navigation,
            "cookie" => HintKind::Cookie,
            "bio" => HintKind::Bio,
            _ => return None,
        })
    }

    fn bit(self) -> u32 {
        1 << HintKind::ALL
            .iter()
            .position(|&kind| kind == self)
            .unwrap_or(0)
    }
}

/// A set of [`HintKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Hints(u32);

impl Hints {
    /// Whether the set holds `kind`.
    pub fn has(self, kind: HintKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Adds `kind`.
    pub fn insert(&mut self, kind: HintKind) {
        self.0 |= kind.bit();
    }

    /// Both sets together.
    pub fn union(self, other: Hints) -> Hints {
        Hints(self.0 | other.0)
    }

    /// The kinds in the set.
    pub fn kinds(self) -> impl Iterator<Item = HintKind> {
        HintKind::ALL
            .into_iter()
            .filter(move |kind| self.has(*kind))
    }
}

/// The attribute a hint word came from, for the reason shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintAttribute {
    /// `class="..."`.
    Class,
    /// `id="..."`.
    Id,
}

impl HintAttribute {
    /// The attribute's name.
    pub fn name(self) -> &'static str {
        match self {
            HintAttribute::Class => "class",
            HintAttribute::Id => "id",
        }
    }
}

/// One element's hints: every kind its class and id words name, and the first word found
/// (to say why, in a reason: `related links (class "related")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ElementHints {
    /// Every kind named.
    pub kinds: Hints,
    /// The first hint word found, with its kind and attribute.
    pub first: Option<HintWord>,
}

/// A hint word of an element's class or id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintWord {
    /// The word as the lexicon writes it.
    pub word: &'static str,
    /// What it says.
    pub kind: HintKind,
    /// Where it stood.
    pub attribute: HintAttribute,
}

/// The lexicon: hint words and their kinds.
fn lexicon() -> &'static HashMap<&'static str, HintKind> {
    static LEXICON: OnceLock<HashMap<&'static str, HintKind>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        include_str!("lexicon/class_hints.txt")
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .filter_map(|line| {
                let mut columns = line.split_whitespace();
                let word = columns.next()?;
                let kind = HintKind::from_name(columns.next()?)?;
                Some((word, kind))
            })
            .collect()
    })
}

/// Longest attribute value read for hints: class lists run to a few hundred bytes; past this
/// a value is hostile or generated, and reading it whole would only cost time.
pub const MAX_HINT_VALUE_BYTES: usize = 1024;

/// Longest word looked up: every lexicon word is shorter.
const MAX_HINT_WORD_BYTES: usize = 24;

/// Adds the hints of one `class` or `id` value to `hints`.
pub fn read_hints(value: &[u8], attribute: HintAttribute, hints: &mut ElementHints) {
    let value = &value[..value.len().min(MAX_HINT_VALUE_BYTES)];
    let lexicon = lexicon();
    let mut word = [0u8; MAX_HINT_WORD_BYTES];
    for_each_word(value, |piece| {
        if piece.len() > MAX_HINT_WORD_BYTES {
            return;
        }
        let lower = &mut word[..piece.len()];
        for (to, from) in lower.iter_mut().zip(piece) {
            *to = from.to_ascii_lowercase();
        }
        let Ok(lower) = std::str::from_utf8(lower) else {
            return;
        };
        if let Some((&entry, &kind)) = lexicon.get_key_value(lower) {
            hints.kinds.insert(kind);
            hints.first.get_or_insert(HintWord {
                word: entry,
                kind,
                attribute,
            });
        }
    });
}

/// Calls `visit` with each word of an attribute value: the value cut at every byte that is
/// not an ASCII letter (spaces, `-`, `_`, `:`, digits...) and where a lower-case letter is
/// followed by an upper-case one ("RelatedArticles").
fn for_each_word(value: &[u8], mut visit: impl FnMut(&[u8])) {
    let mut start = None;
    for (index, &byte) in value.iter().enumerate() {
        let letter = byte.is_ascii_alphabetic();
        let case_change =
            byte.is_ascii_uppercase() && index > 0 && value[index - 1].is_ascii_lowercase();
        match start {
            Some(first) if !letter || case_change => {
                visit(&value[first..index]);
                start = letter.then_some(index);
            }
            None if letter => start = Some(index),
            _ => {}
        }
    }
    if let Some(first) = start {
        visit(&value[first..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints_of(value: &str) -> ElementHints {
        let mut hints = ElementHints::default();
        read_hints(value.as_bytes(), HintAttribute::Class, &mut hints);
        hints
    }

    #[test]
    fn words_are_cut_at_punctuation_digits_and_case_changes() {
        let mut words = Vec::new();
        for_each_word(b"c-article__byline RelatedArticles col2x ad", |word| {
            words.push(String::from_utf8_lossy(word).into_owned())
        });
        assert_eq!(
            words,
            ["c", "article", "byline", "Related", "Articles", "col", "x", "ad"]
        );
    }

    #[test]
    fn whole_words_name_hints() {
        let hints = hints_of("story-footer RelatedLinks");
        assert!(hints.kinds.has(HintKind::Footer) && hints.kinds.has(HintKind::Related));
        let first = hints.first.unwrap();
        assert_eq!((first.word, first.kind), ("footer", HintKind::Footer));
        // "ad" is a word of its own, never part of another.
        assert!(hints_of("ad-slot").kinds.has(HintKind::Promo));
        assert!(hints_of("header download reading").kinds.is_empty());
    }

    #[test]
    fn every_lexicon_line_names_a_kind() {
        let lines = include_str!("lexicon/class_hints.txt")
            .lines()
            .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
            .count();
        assert_eq!(lexicon().len(), lines);
    }
}

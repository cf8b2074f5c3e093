//! The word lists quote attribution reads: reporting verbs with their tense forms (and those
//! of several words, "put it"), nouns that carry a speaker's words ("remarks", "statement")
//! and documents that speak for whoever issued them, titles and honorifics, pronouns with
//! their gender, organisation words, nouns that head a description of a source,
//! capitalised words that are not names, words that open sentences before a name, and the
//! words (fillers, time phrases) that may stand between a speaker and a verb. They live as
//! plain text files in `src/quotes/lexicon/` so that adding a verb or a title never means
//! adding an `if`.

use crate::text::patterns::without_comments;
use std::sync::OnceLock;

use super::word_key::ascii_key;

// Looked up for nearly every word of every article: a fast text hasher, not SipHash.
use crate::text::{HashFilter, HashMapOfText as HashMap, HashMapOfWords, HashSetOfText as HashSet};

/// Grammatical gender a pronoun or honorific implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// he, him, his, Mr.
    Masculine,
    /// she, her, Mrs., Ms.
    Feminine,
    /// they, it, we: a group or an organisation.
    Plural,
    /// I: the speaker themself, who has no antecedent in the article.
    Speaker,
}

/// The lists a word (lowercase) stands in among those a name is read with: one lookup
/// answers them all, where reading a run of capitalised words asks each of them of every
/// word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameWordLists(u16);

impl NameWordLists {
    /// The lists as bits, for a token to carry ([`NameWordLists::from_bits`] reads them).
    pub fn bits(self) -> u16 {
        self.0
    }

    /// The lists whose [`NameWordLists::bits`] are `bits`.
    pub fn from_bits(bits: u16) -> Self {
        NameWordLists(bits)
    }

    const NOT_NAME: u16 = 1;
    const TITLE: u16 = 2;
    const ORGANISATION: u16 = 4;
    const PRONOUN: u16 = 8;
    const SENTENCE_OPENER: u16 = 16;
    const CONNECTOR: u16 = 32;
    // The flags above are the lists of names' words; those below, the cues' ([`CueWord`]).
    const VERB: u16 = 64;
    const CUE_NOUN: u16 = 128;
    const PHRASE_END: u16 = 256;
    const CUE_FLAGS: u16 = Self::VERB | Self::CUE_NOUN | Self::PHRASE_END;
    // Pronouns of a man or a woman ([`QuoteLexicon::personal_pronoun`]), and the
    // [`PREPOSITIONS`]: asked of the words around every name.
    const MASCULINE: u16 = 512;
    const FEMININE: u16 = 1024;
    const PREPOSITION: u16 = 2048;
    /// The flags a word's possessive ending changes ([`NameWordLists::with_stem`]).
    const STEM_FLAGS: u16 = Self::TITLE | Self::ORGANISATION;

    /// Whether the word is a capitalised word that is no name on its own.
    pub fn not_name(self) -> bool {
        self.0 & Self::NOT_NAME != 0
    }

    /// Whether the word is a title or honorific.
    pub fn title(self) -> bool {
        self.0 & Self::TITLE != 0
    }

    /// Whether the word makes a name an organisation's.
    pub fn organisation(self) -> bool {
        self.0 & Self::ORGANISATION != 0
    }

    /// Whether the word is a pronoun.
    pub fn pronoun(self) -> bool {
        self.0 & Self::PRONOUN != 0
    }

    /// Whether the word opens sentences before a name without being part of it.
    pub fn sentence_opener(self) -> bool {
        self.0 & Self::SENTENCE_OPENER != 0
    }

    /// Whether the word is one of the [`QuoteLexicon::name_connectors`].
    pub fn connector(self) -> bool {
        self.0 & Self::CONNECTOR != 0
    }

    /// Whether the word is one of the [`PREPOSITIONS`].
    pub fn preposition(self) -> bool {
        self.0 & Self::PREPOSITION != 0
    }

    /// The gender of the word when it is a pronoun of a man or a woman, as
    /// [`QuoteLexicon::personal_pronoun`] tells.
    pub fn personal_pronoun(self) -> Option<Gender> {
        if self.0 & Self::MASCULINE != 0 {
            Some(Gender::Masculine)
        } else if self.0 & Self::FEMININE != 0 {
            Some(Gender::Feminine)
        } else {
            None
        }
    }

    /// What the word may be among the cues read before a quotation.
    pub fn cue_word(self) -> CueWord {
        CueWord(self)
    }

    /// The lists of a word whose stem without its possessive ending ("President's" →
    /// "president") stands in `stem` (`None` without such an ending): a title with or
    /// without the ending, an organisation word by its stem alone ("Ministry's"); every
    /// other list by the word as written.
    pub fn with_stem(self, stem: Option<NameWordLists>) -> NameWordLists {
        let title = self.title() || stem.is_some_and(NameWordLists::title);
        let organisation = stem.unwrap_or(self).organisation();
        let mut bits = self.0 & !Self::STEM_FLAGS;
        if title {
            bits |= Self::TITLE;
        }
        if organisation {
            bits |= Self::ORGANISATION;
        }
        NameWordLists(bits)
    }
}

/// Prepositions: a name right after one is its object, not a clause's subject.
pub const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "from", "by", "with", "to", "for", "into", "about", "near", "like",
    "than", "over", "against", "toward", "towards",
];

/// What a word (lowercase) may be among the cues read before a quotation: one lookup for
/// each word of the sentence before it, most of which are none of them. Kept in the same
/// map as the lists of names' words (one map for both: a second one would be a second copy
/// of the map's code in the page's wasm).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueWord(NameWordLists);

impl CueWord {
    /// Whether the word is none of a reporting verb, a cue noun or a phrase's last word.
    pub fn is_none(self) -> bool {
        self.0 .0 & NameWordLists::CUE_FLAGS == 0
    }

    /// Whether the word is a form of a reporting verb ([`QuoteLexicon::verb`]).
    pub fn verb(self) -> bool {
        self.0 .0 & NameWordLists::VERB != 0
    }

    /// Whether the word is one of the [`QuoteLexicon::cue_nouns`].
    pub fn cue_noun(self) -> bool {
        self.0 .0 & NameWordLists::CUE_NOUN != 0
    }

    /// Whether the word is the last of one of the [`QuoteLexicon::phrases`].
    pub fn ends_phrase(self) -> bool {
        self.0 .0 & NameWordLists::PHRASE_END != 0
    }
}

/// How a reporting verb may attribute a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingVerb {
    /// The verb's base form ("say" for "said"), given as the cue.
    pub base: &'static str,
    /// Whether the verb only attributes a short phrase right after its object ("called").
    pub partial_only: bool,
    /// Whether the verb's object is the person spoken to ("told reporters").
    pub takes_object: bool,
}

/// All lists, parsed once.
#[derive(Debug)]
pub struct QuoteLexicon {
    /// Every form of every reporting verb (lowercase) with what it means.
    pub verbs: HashMap<&'static str, ReportingVerb>,
    /// Nouns carrying a speaker's words.
    pub cue_nouns: HashSet<&'static str>,
    /// Titles and honorifics (lowercase, abbreviations with their full stop).
    pub titles: HashSet<&'static str>,
    /// Pronouns with their gender.
    pub pronouns: HashMap<&'static str, Gender>,
    /// The lists of names' words (not-names, titles, organisation words, pronouns,
    /// sentence openers) each word stands in, and what it may be among the cues.
    name_word_lists: HashMap<&'static str, NameWordLists>,
    /// The same for the ASCII words of the lists, by their [`ascii_key`]: looked up with a
    /// word in any case, without lowercasing it.
    name_word_keys: HashMapOfWords<NameWordLists>,
    /// The keys of `name_word_keys` as bits: a word whose bit is clear stands in no list,
    /// told without a lookup. Most words of an article stand in none, and each distinct word
    /// is asked once.
    key_filter: Box<KeyFilter>,
    /// Words making a name an organisation.
    pub organisation_words: HashSet<&'static str>,
    /// Capitalised words that are not names on their own.
    pub not_names: HashSet<&'static str>,
    /// Words that open sentences before a name without being part of it ("Despite",
    /// "Though", "Even"), when the article never capitalises them inside a sentence.
    pub sentence_openers: HashSet<&'static str>,
    /// Head nouns of descriptions that name a source ("the daily", "a source").
    pub description_heads: HashSet<&'static str>,
    /// Words that may stand between a speaker and the reporting verb.
    pub fillers: HashSet<&'static str>,
    /// Nouns for documents that carry someone's words ("a statement", "a release").
    pub documents: HashSet<&'static str>,
    /// Reporting verbs of several words ("put it", "pointed out"), each as its words.
    pub phrases: Vec<Vec<&'static str>>,
    /// Words of a time phrase that may stand between a speaker and the verb ("X on Thursday
    /// said", "X later Monday told").
    pub time_words: HashSet<&'static str>,
    /// Lowercase words that may join capitalised words into one name ("Secretary of
    /// State", "Charles de Gaulle"), matched as written (`name_connectors.txt`).
    pub name_connectors: Vec<&'static str>,
}

impl QuoteLexicon {
    /// The reporting verb `word` (already lowercase) is a form of, if any.
    pub fn verb(&self, word: &str) -> Option<&ReportingVerb> {
        self.verbs.get(word)
    }

    /// The lists of names' words `word` (lowercase) stands in.
    pub fn name_word_lists(&self, word: &str) -> NameWordLists {
        self.name_word_lists.get(word).copied().unwrap_or_default()
    }

    /// The lists of names' words `word`, in any case, stands in; `None` when it is not
    /// ASCII (then [`QuoteLexicon::name_word_lists`] of its lowercase answers).
    pub fn ascii_name_word_lists(&self, word: &str) -> Option<NameWordLists> {
        Some(self.lists_of_ascii_key(ascii_key(word)?))
    }

    /// The lists of names' words the ASCII word whose [`ascii_key`] is `key` stands in.
    /// The filter's bit is read where the key is (natively: asked once per distinct word of
    /// an article, by the tokeniser's fast path), the table only for the few keys it lets
    /// through.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn lists_of_ascii_key(&self, key: u64) -> NameWordLists {
        if !self.key_filter.may_contain(key) {
            return NameWordLists::default();
        }
        self.lists_of_filtered_key(key)
    }

    /// [`lists_of_ascii_key`](Self::lists_of_ascii_key) of a key the filter lets through.
    #[inline(never)]
    fn lists_of_filtered_key(&self, key: u64) -> NameWordLists {
        self.name_word_keys.get(&key).copied().unwrap_or_default()
    }

    /// Whether `word`, as written, is one of the [`name_connectors`](Self::name_connectors).
    pub fn is_name_connector(&self, word: &str) -> bool {
        self.name_connectors.contains(&word)
    }

    /// What `word` (lowercase) may be among the cues read before a quotation.
    pub fn cue_word(&self, word: &str) -> CueWord {
        CueWord(self.name_word_lists(word))
    }

    /// Whether `word` (lowercase) is a title or honorific.
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word)
    }
}

/// The filter of [`QuoteLexicon::key_filter`], 32,768 bits: the lists hold a few thousand
/// ASCII words, so that about one word in twenty outside them shares a bit with one of them
/// (4 KB, kept in cache beside the word table).
type KeyFilter = HashFilter<512>;

/// The lexicon, parsed from the embedded files on first use.
pub fn quote_lexicon() -> &'static QuoteLexicon {
    static LEXICON: OnceLock<QuoteLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let pronouns = pronouns(without_comments!(include_str!("lexicon/pronouns.txt")));
        let mut lexicon = QuoteLexicon {
            name_word_lists: HashMap::default(),
            name_word_keys: HashMapOfWords::default(),
            key_filter: Box::default(),
            verbs: reporting_verbs(without_comments!(include_str!(
                "lexicon/reporting_verbs.txt"
            ))),
            cue_nouns: words(without_comments!(include_str!("lexicon/cue_nouns.txt"))).collect(),
            titles: words(without_comments!(include_str!("lexicon/titles.txt"))).collect(),
            pronouns,
            organisation_words: words(without_comments!(include_str!(
                "lexicon/organisation_words.txt"
            )))
            .collect(),
            not_names: words(without_comments!(include_str!("lexicon/not_names.txt"))).collect(),
            sentence_openers: words(without_comments!(include_str!(
                "lexicon/sentence_openers.txt"
            )))
            .collect(),
            description_heads: words(without_comments!(include_str!(
                "lexicon/description_heads.txt"
            )))
            .collect(),
            fillers: words(without_comments!(include_str!(
                "lexicon/speech_fillers.txt"
            )))
            .collect(),
            documents: words(without_comments!(include_str!(
                "lexicon/document_nouns.txt"
            )))
            .collect(),
            time_words: words(without_comments!(include_str!("lexicon/time_words.txt"))).collect(),
            name_connectors: words(without_comments!(include_str!(
                "lexicon/name_connectors.txt"
            )))
            .collect(),
            phrases: lines(without_comments!(include_str!(
                "lexicon/reporting_phrases.txt"
            )))
            .map(|line| line.split_whitespace().collect())
            .collect(),
        };
        lexicon.name_word_lists = name_word_lists(&lexicon);
        // Keyed by a case-blind key: only the entries in lowercase, which alone a lowercase
        // word ever matched, and only ASCII ones (a word outside ASCII is looked up in
        // lowercase). The cues' words too: the words before a quotation are told apart by
        // this map as the names' words are.
        lexicon.name_word_keys = lexicon
            .name_word_lists
            .iter()
            .filter(|(word, _)| {
                word.bytes()
                    .all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase())
            })
            .filter_map(|(word, &lists)| Some((ascii_key(word)?, lists)))
            .collect();
        for &key in lexicon.name_word_keys.keys() {
            lexicon.key_filter.insert(key);
        }
        lexicon
    })
}

/// Each word of the lists a name is read with or a cue is told by, and the lists it stands
/// in.
fn name_word_lists(lexicon: &QuoteLexicon) -> HashMap<&'static str, NameWordLists> {
    let mut lists: HashMap<&'static str, NameWordLists> = HashMap::default();
    let sets = [
        (&lexicon.not_names, NameWordLists::NOT_NAME),
        (&lexicon.titles, NameWordLists::TITLE),
        (&lexicon.organisation_words, NameWordLists::ORGANISATION),
        (&lexicon.sentence_openers, NameWordLists::SENTENCE_OPENER),
    ];
    for (set, flag) in sets {
        for &word in set {
            lists.entry(word).or_default().0 |= flag;
        }
    }
    for (&word, gender) in &lexicon.pronouns {
        let personal = match gender {
            Gender::Masculine => NameWordLists::MASCULINE,
            Gender::Feminine => NameWordLists::FEMININE,
            Gender::Plural | Gender::Speaker => 0,
        };
        lists.entry(word).or_default().0 |= NameWordLists::PRONOUN | personal;
    }
    for &word in PREPOSITIONS {
        lists.entry(word).or_default().0 |= NameWordLists::PREPOSITION;
    }
    for &word in &lexicon.name_connectors {
        lists.entry(word).or_default().0 |= NameWordLists::CONNECTOR;
    }
    for &verb in lexicon.verbs.keys() {
        lists.entry(verb).or_default().0 |= NameWordLists::VERB;
    }
    for &noun in &lexicon.cue_nouns {
        lists.entry(noun).or_default().0 |= NameWordLists::CUE_NOUN;
    }
    for &last in lexicon.phrases.iter().filter_map(|phrase| phrase.last()) {
        lists.entry(last).or_default().0 |= NameWordLists::PHRASE_END;
    }
    lists
}

/// Non-empty, non-comment lines of a lexicon file.
fn lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Every white-space separated word of a lexicon file.
fn words(file: &'static str) -> impl Iterator<Item = &'static str> {
    lines(file).flat_map(str::split_whitespace)
}

fn reporting_verbs(file: &'static str) -> HashMap<&'static str, ReportingVerb> {
    let mut verbs = HashMap::default();
    for line in lines(file) {
        let partial_only = line.split_whitespace().any(|word| word == "@partial");
        let takes_object = line.split_whitespace().any(|word| word == "@object");
        let mut forms = line
            .split_whitespace()
            .filter(|word| !word.starts_with('@'));
        let Some(base) = forms.next() else { continue };
        let verb = ReportingVerb {
            base,
            partial_only,
            takes_object,
        };
        verbs.entry(base).or_insert_with(|| verb.clone());
        for form in forms {
            verbs.entry(form).or_insert_with(|| verb.clone());
        }
    }
    verbs
}

fn pronouns(file: &'static str) -> HashMap<&'static str, Gender> {
    lines(file)
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let word = fields.next()?;
            let gender = match fields.next()? {
                "m" => Gender::Masculine,
                "f" => Gender::Feminine,
                "p" => Gender::Plural,
                _ => Gender::Speaker,
            };
            Some((word, gender))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded() {
        let lexicon = quote_lexicon();
        assert_eq!(lexicon.verb("said").map(|verb| verb.base), Some("say"));
        assert!(lexicon.verb("called").is_some_and(|verb| verb.partial_only));
        assert!(!lexicon
            .verb("tweeted")
            .is_some_and(|verb| verb.partial_only));
        assert!(lexicon.is_title("president") && lexicon.is_title("sen."));
        assert_eq!(lexicon.pronouns.get("she"), Some(&Gender::Feminine));
        assert!(lexicon.organisation_words.contains("ministry"));
        assert!(lexicon.cue_nouns.contains("remarks"));
    }

    #[test]
    fn one_lookup_tells_what_a_word_is_among_the_cues() {
        let lexicon = quote_lexicon();
        let phrase_ends: Vec<&str> = lexicon
            .phrases
            .iter()
            .filter_map(|phrase| phrase.last().copied())
            .collect();
        let listed = lexicon
            .verbs
            .keys()
            .chain(&lexicon.cue_nouns)
            .chain(&phrase_ends);
        for &word in listed.chain(&["zebra", "the", "according", ""]) {
            let cue = lexicon.cue_word(word);
            assert_eq!(cue.verb(), lexicon.verb(word).is_some(), "{word}");
            assert_eq!(cue.cue_noun(), lexicon.cue_nouns.contains(word), "{word}");
            assert_eq!(cue.ends_phrase(), phrase_ends.contains(&word), "{word}");
            assert_eq!(
                cue.is_none(),
                !(cue.verb() || cue.cue_noun() || cue.ends_phrase()),
                "{word}"
            );
        }
        assert!(lexicon.cue_word("said").verb());
        assert!(lexicon.cue_word("remarks").cue_noun());
        assert!(lexicon.cue_word("zebra").is_none());
        // As written, in any case, for an ASCII word, by the lists the key finds.
        for word in ["Said", "SAID", "remarks", "Zebra", "put", "according"] {
            let lower = word.to_lowercase();
            assert_eq!(
                lexicon
                    .ascii_name_word_lists(word)
                    .map(NameWordLists::cue_word),
                Some(lexicon.cue_word(&lower)),
                "{word}"
            );
        }
    }

    #[test]
    fn one_lookup_tells_personal_pronouns_and_prepositions() {
        let lexicon = quote_lexicon();
        for (word, gender) in &lexicon.pronouns {
            let personal = matches!(gender, Gender::Masculine | Gender::Feminine);
            let lists = lexicon.name_word_lists(word);
            assert_eq!(
                lists.personal_pronoun(),
                personal.then_some(*gender),
                "{word}"
            );
        }
        assert_eq!(
            lexicon.name_word_lists("herself").personal_pronoun(),
            Some(Gender::Feminine)
        );
        assert_eq!(lexicon.name_word_lists("they").personal_pronoun(), None);
        assert_eq!(lexicon.name_word_lists("macron").personal_pronoun(), None);
        for word in ["with", "of", "towards", "said", "he", "zebra"] {
            assert_eq!(
                lexicon.name_word_lists(word).preposition(),
                PREPOSITIONS.contains(&word),
                "{word}"
            );
        }
    }

    #[test]
    fn a_possessive_stem_gives_titles_and_organisations_only() {
        let lexicon = quote_lexicon();
        let title = lexicon.name_word_lists("president");
        let organisation = lexicon.name_word_lists("ministry");
        let opener = lexicon.name_word_lists("despite");
        let plain = NameWordLists::default();
        assert!(plain.with_stem(Some(title)).title());
        assert!(title.with_stem(None).title());
        assert!(plain.with_stem(Some(organisation)).organisation());
        assert!(!organisation.with_stem(Some(plain)).organisation());
        assert!(organisation.with_stem(None).organisation());
        // Every other list is the word's own.
        assert!(opener.with_stem(Some(title)).sentence_opener());
        assert!(!plain.with_stem(Some(opener)).sentence_opener());
    }

    #[test]
    fn one_lookup_gives_every_list_of_names_words() {
        let lexicon = quote_lexicon();
        for word in [
            "president",
            "sen.",
            "ministry",
            "she",
            "monday",
            "despite",
            "zebra",
        ] {
            let lists = lexicon.name_word_lists(word);
            assert_eq!(lists.title(), lexicon.is_title(word), "{word}");
            assert_eq!(lists.not_name(), lexicon.not_names.contains(word), "{word}");
            assert_eq!(
                lists.organisation(),
                lexicon.organisation_words.contains(word),
                "{word}"
            );
            assert_eq!(
                lists.pronoun(),
                lexicon.pronouns.contains_key(word),
                "{word}"
            );
            assert_eq!(
                lists.sentence_opener(),
                lexicon.sentence_openers.contains(word),
                "{word}"
            );
        }
        assert!(lexicon.name_word_lists("president").title());
        assert!(lexicon.name_word_lists("she").pronoun());
        assert!(lexicon.name_word_lists("ministry").organisation());
        assert!(lexicon.name_word_lists("monday").not_name());
        assert!(lexicon.name_word_lists("despite").sentence_opener());
        assert_eq!(lexicon.name_word_lists("zebra"), NameWordLists::default());
        assert!(lexicon.name_word_lists("de").connector());
        // In any case by the key, as the lowercase says.
        for word in [
            "President",
            "SEN.",
            "Ministry",
            "She",
            "monday",
            "Despite",
            "Zebra",
            "De",
            "Of",
        ] {
            assert_eq!(
                lexicon.ascii_name_word_lists(word),
                Some(lexicon.name_word_lists(&word.to_lowercase())),
                "{word}"
            );
        }
        assert_eq!(lexicon.ascii_name_word_lists("Émile"), None);
        // The filter in front of the map passes every word of the lists.
        for (word, &lists) in &lexicon.name_word_lists {
            if word
                .bytes()
                .all(|byte| byte.is_ascii() && !byte.is_ascii_uppercase())
            {
                assert_eq!(lexicon.ascii_name_word_lists(word), Some(lists), "{word}");
            }
        }
    }
}

//! The people and organisations an article names: a per-article table of entities with
//! every mention's position, the fullest name the article uses for each ("Macron" →
//! "Emmanuel Macron", and for a family name written first "Li" → "Li Qiang"), their gender
//! (from honorifics and he/she/his/her near the mentions) and the titles seen with them (so
//! that "the president" can be resolved).
//!
//! The table is the judge of what is a name in the article: words that only open sentences
//! ("Despite", "Lately", a headline's adjective) are set aside by the article's own casing
//! (`casing`), datelines and headline-like lines give no names, and two names run together
//! ("Olsen Dumas talks") are two people, never one speaker.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;

// Keyed by `name_key`, which the maps take as the hash itself.
use crate::text::{DenseIds, HashMapOfWords, HashSetOfText as HashSet, HashSetOfWords};

use super::casing::{dateline, is_all_capitals, is_headline_like, WordCasing};
use super::lexicon::Gender;
use super::names::{name_at, NameChunk};
use super::tokens::{ParagraphTokens, Token};
use super::word_key::exact_key;
use super::word_table::WordTable;

/// One person or organisation of the article (of the text `'a`).
#[derive(Debug, Clone, Default)]
pub struct Entity<'a> {
    /// The fullest name the article uses: borrowed from the article's text when it stands
    /// there as written (nearly always), so that entering a name copies nothing.
    pub name: Cow<'a, str>,
    /// Whether it is an organisation.
    pub organisation: bool,
    /// Titles seen with it, lowercase.
    pub titles: Vec<String>,
    /// The [`name_key`] of its name and of the name's last word, made when it was entered:
    /// the tables are keyed by them again after that, and a key costs a hash of the text.
    key: u64,
    last_word_key: u64,
    masculine: u32,
    feminine: u32,
    /// The entity of two words or more entered before this one with the same last word,
    /// when this one has two words or more: the full names ending in one word are a chain
    /// through the entities, without a list for each word.
    earlier_with_last_word: Option<usize>,
}

impl Entity<'_> {
    /// The gender the article's pronouns and honorifics give it, if clear.
    pub fn gender(&self) -> Option<Gender> {
        if self.organisation {
            Some(Gender::Plural)
        } else if self.masculine > self.feminine {
            Some(Gender::Masculine)
        } else if self.feminine > self.masculine {
            Some(Gender::Feminine)
        } else {
            None
        }
    }

    /// Whether it is likely a person (not an organisation, not a lone place-like word).
    fn is_person(&self) -> bool {
        !self.organisation
            && (self.masculine + self.feminine > 0
                || !self.titles.is_empty()
                || has_space(&self.name))
    }
}

/// A mention of an entity at a byte position.
#[derive(Debug, Clone, Copy)]
struct Mention {
    position: usize,
    entity: usize,
    /// Whether the mention stands inside a quotation (the speaker's words, where a name is
    /// rarely what a later pronoun refers to).
    quoted: bool,
    /// Whether a preposition governs the mention ("in an interview with X"): an object,
    /// which a later pronoun refers to less often than to a subject.
    object: bool,
}

/// How many mentions back a pronoun or description looks for its antecedent.
const ANTECEDENT_WINDOW: usize = 60;

/// About how many tokens of running text there are per name read: the first size of the
/// list of names read (growing it costs a copy of the names; any size gives the same table).
const TOKENS_PER_NAME_READ: usize = 20;

/// How many tokens after a mention its pronouns are counted for the entity's gender.
const GENDER_WINDOW: usize = 20;

/// The entities of one article (of the text `'a`) and where they are mentioned.
#[derive(Debug, Default)]
pub struct SpeakerTable<'a> {
    entities: Vec<Entity<'a>>,
    mentions: Vec<Mention>,
    // The maps of names and words are keyed by [`name_key`]: no copy of the text per key.
    by_name: HashMapOfWords<usize>,
    by_last_word: HashMapOfWords<usize>,
    /// Persons by the first word of their name, for names written family name first ("Li
    /// Qiang", then "Li"; "Yoon Suk Yeol", then "Yoon").
    by_first_word: HashMapOfWords<usize>,
    /// How the article writes each word: tells a name from a sentence's opening word.
    casing: WordCasing,
    /// The last name of two words or more entered, by its last word; the others ending in
    /// that word are chained through [`Entity::earlier_with_last_word`].
    full_names_by_last_word: HashMapOfWords<usize>,
    /// Names the article writes more than once.
    repeated_names: HashSetOfWords,
}

/// A name chunk read in a paragraph, with what is known around it.
struct FoundName<'a> {
    chunk: NameChunk<'a>,
    /// The [`name_key`] of the chunk's name, made once for the several tables it is
    /// looked up in.
    key: u64,
    /// Byte offset of the chunk's first token.
    position: usize,
    /// The first gendered pronoun after it, before the next name.
    pronoun: Option<Gender>,
    /// Whether a preposition governs it.
    object: bool,
}

impl<'a> SpeakerTable<'a> {
    /// Builds the table from the tokens of the article's paragraphs (of `input`) and the
    /// table of the distinct words they point into; `quoted` holds the byte spans of its
    /// quotations, in order.
    pub fn build(
        input: &'a str,
        paragraph_tokens: &ParagraphTokens,
        words: WordTable,
        quoted: &[Range<usize>],
    ) -> Self {
        let mut table = SpeakerTable {
            casing: WordCasing::new(words),
            ..SpeakerTable::default()
        };
        let mut running_text: Vec<&[Token]> =
            Vec::with_capacity(paragraph_tokens.paragraph_count());
        for tokens in paragraph_tokens.paragraphs() {
            let headline = is_headline_like(input, tokens);
            table.casing.record(tokens, headline);
            // In a headline or a label every word is capitalised: its runs of capitalised
            // words are no evidence of names ("Mayor Olsen Says Council Will Act").
            if !headline {
                running_text.push(tokens);
            }
        }
        // About one name is read per twenty tokens of running text: room for that many
        // at once, where growing the list from empty moved every name read several times.
        let running_tokens: usize = running_text.iter().map(|tokens| tokens.len()).sum();
        let mut found: Vec<FoundName> =
            Vec::with_capacity(running_tokens / TOKENS_PER_NAME_READ + 4);
        for tokens in running_text {
            // A dateline ("LYON —") names a place, never a speaker.
            let mut index = dateline(input, tokens).map_or(0, |range| range.end);
            while index < tokens.len() {
                // Most tokens are marks and lowercase words, which open no name: told by
                // their first letter, without reading a run.
                let token = tokens[index];
                if !token.is_capitalised_word() {
                    index += 1;
                    continue;
                }
                let Some(chunk) = name_at(input, tokens, index) else {
                    index += 1;
                    continue;
                };
                let after = chunk.tokens.end;
                index = after.max(index + 1);
                let Some((kept, dropped_words)) = table.clean_name_read(tokens, &chunk) else {
                    continue;
                };
                // The name as read, unless opening words went (a suffix of it then).
                let mut chunk = chunk;
                if kept < chunk.name.len() {
                    let dropped = chunk.name.len() - kept;
                    chunk.name = part_of(&chunk.name, dropped..chunk.name.len());
                    chunk.words.start += dropped_words;
                }
                let position = tokens[chunk.tokens.start].start;
                // The word before carries its lists: a preposition is told without a
                // lowercase copy or a walk over the list.
                let object =
                    chunk.tokens.start > 0 && tokens[chunk.tokens.start - 1].lists().preposition();
                found.push(FoundName {
                    pronoun: pronoun_after(input, tokens, after),
                    key: name_key(&chunk.name),
                    chunk,
                    position,
                    object,
                });
            }
        }
        // Each table holds a name or a word of one at most per name read: sized once, so
        // that none of them grows (and rehashes its keys) while the names are entered.
        let room = found.len();
        table.entities.reserve(room);
        table.by_name.reserve(room);
        table.by_last_word.reserve(room);
        table.by_first_word.reserve(room);
        table.full_names_by_last_word.reserve(room);
        // The names met so far by their keys, in a table of dense ids (a probe of one slot,
        // most often, where a general set hashes and compares a group of tags).
        let mut seen = DenseIds::with_room_for(room);
        for name in &found {
            let (_, new) = seen.id_of(name.key);
            if !new {
                table.repeated_names.insert(name.key);
            }
        }
        // Full names first, so that a surname met before the full name still maps to it;
        // how often the article writes each is counted on the way.
        let mut counts: Vec<usize> = Vec::new();
        for name in &found {
            if has_space(&name.chunk.name) {
                let entity = table.entity_for(&name.chunk.name, name.key, name.chunk.organisation);
                if counts.len() <= entity {
                    counts.resize(entity + 1, 0);
                }
                counts[entity] += 1;
            }
        }
        table.prefer_the_most_likely(counts);
        // Two names run together ("Olsen Dumas talks") are two mentions. The runs are told
        // apart first (asked of the table as it stands before any mention is entered), so
        // that the names, nearly all single, are entered from where they were read,
        // without being moved to another list.
        let mut splits: Vec<(usize, usize)> = Vec::new();
        for (index, name) in found.iter().enumerate() {
            if name.chunk.organisation {
                continue;
            }
            if let Some(space) = table.run_together(&name.chunk.name, name.key, None) {
                splits.push((index, space));
            }
        }
        let mut splits = splits.into_iter().peekable();
        let mut next_quote = 0;
        let mut in_quote = |position: usize| {
            while next_quote < quoted.len() && quoted[next_quote].end <= position {
                next_quote += 1;
            }
            quoted
                .get(next_quote)
                .is_some_and(|span| span.contains(&position))
        };
        table.mentions.reserve(found.len() + splits.len());
        for (index, name) in found.into_iter().enumerate() {
            if let Some((_, space)) = splits.next_if(|&(split, _)| split == index) {
                for part in split_run(&name, space) {
                    let quoted = in_quote(part.position);
                    table.enter_mention(part, quoted);
                }
                continue;
            }
            let quoted = in_quote(name.position);
            table.enter_mention(name, quoted);
        }
        table
    }

    /// Enters the mention `name` (standing inside a quotation when `quoted`): its entity,
    /// and what the name says of it (titles, gender).
    fn enter_mention(&mut self, name: FoundName<'a>, quoted: bool) {
        let FoundName {
            chunk,
            key,
            position,
            pronoun,
            object,
        } = name;
        let entity = self.entity_for(&chunk.name, key, chunk.organisation);
        let record = &mut self.entities[entity];
        for title in chunk.titles {
            if !record.titles.contains(&title) {
                record.titles.push(title);
            }
        }
        match chunk.gender {
            Some(Gender::Masculine) => record.masculine += 3,
            Some(Gender::Feminine) => record.feminine += 3,
            _ => {}
        }
        match pronoun {
            Some(Gender::Masculine) => record.masculine += 1,
            Some(Gender::Feminine) => record.feminine += 1,
            _ => {}
        }
        self.mentions.push(Mention {
            position,
            entity,
            quoted,
            object,
        });
    }

    /// The table of the article's distinct words the table was built with, for the next
    /// article to reuse its buffers.
    pub fn into_words(self) -> WordTable {
        self.casing.into_words()
    }

    /// Points each lone word at the full name it most likely stands for among those ending
    /// (or, for a family name written first, starting) with it: one whose first word the
    /// article also capitalises inside a sentence (a given name or a title, not a sentence's
    /// opening adjective: "Unflappable Dumas took the stage"), then the one mentioned most,
    /// then the first met. A full name whose first word is only ever seen opening a sentence
    /// joins the full name so chosen for its last word.
    ///
    /// `counts` says how often the article writes each full name met so far.
    fn prefer_the_most_likely(&mut self, mut counts: Vec<usize>) {
        counts.resize(self.entities.len(), 0);
        let confirmed: Vec<bool> = self
            .entities
            .iter()
            .map(|entity| {
                entity.organisation
                    || has_space(&entity.name)
                        && self.casing.is_capitalised_inside(first_word(&entity.name))
            })
            .collect();
        // Two names run together ("Olsen Dumas") never stand for either.
        let single: Vec<bool> = self
            .entities
            .iter()
            .map(|entity| {
                entity.organisation
                    || self
                        .run_together(&entity.name, entity.key, Some(entity.last_word_key))
                        .is_none()
            })
            .collect();
        let rank = |entity: usize| (single[entity], confirmed[entity], counts[entity]);
        for (index, entity) in self.entities.iter().enumerate() {
            if !has_space(&entity.name) {
                continue;
            }
            let better =
                |current: Option<&usize>| current.is_none_or(|&other| rank(index) > rank(other));
            let last_key = entity.last_word_key;
            let first_key = name_key(first_word(&entity.name));
            if better(self.by_last_word.get(&last_key)) {
                self.by_last_word.insert(last_key, index);
            }
            if !entity.organisation && better(self.by_first_word.get(&first_key)) {
                self.by_first_word.insert(first_key, index);
            }
        }
        for (index, entity) in self.entities.iter().enumerate() {
            if confirmed[index] || !has_space(&entity.name) {
                continue;
            }
            if let Some(&chosen) = self.by_last_word.get(&entity.last_word_key) {
                if chosen != index && confirmed[chosen] {
                    self.by_name.insert(entity.key, chosen);
                }
            }
        }
    }

    /// `name` as a name of this article: without the sentence-opening words the article
    /// never capitalises inside a sentence ("Despite Anna Berg" → "Anna Berg"); `None` when
    /// nothing is left, or when it is several words in capitals (a headline or a label, such
    /// as "FLOOD VICTIMS": names are written in mixed case).
    fn clean_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        self.clean_name_with(name, &[]).map(|(rest, _)| rest)
    }

    /// [`clean_name`](Self::clean_name) of the name `chunk` read from `tokens`, with each
    /// word's casing read from its token's entry rather than looked up by its text's key
    /// (asked of every name the article writes): the length of the name kept, and how many
    /// of its words went.
    fn clean_name_read(&self, tokens: &[Token], chunk: &NameChunk) -> Option<(usize, usize)> {
        let words = tokens.get(chunk.words.clone()).unwrap_or_default();
        self.clean_name_with(&chunk.name, words)
            .map(|(rest, dropped)| (rest.len(), dropped))
    }

    /// The end of `name` [`clean_name`](Self::clean_name) keeps, and how many words it
    /// drops; `words` are the tokens of the name's words when it was read from tokens
    /// (none when it comes as text), whose entries give their casing.
    // Inlined where it is called natively (a call per name otherwise, and the word walk
    // specialised to each caller); one copy in the page's wasm, where size counts more.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn clean_name_with<'n>(&self, name: &'n str, words: &[Token]) -> Option<(&'n str, usize)> {
        // The words kept are the end of `name` from its first word that opens no sentence.
        let mut rest = name;
        let mut dropped = 0;
        loop {
            let (word, more) = split_first_word(rest);
            let before_name = more.is_some();
            let opening = match words.get(dropped) {
                // The word as its token reads it (not the stem of a possessive, shorter):
                // the entry the token points at is the one its text's key finds.
                Some(token) if token.end - token.start == word.len() => {
                    self.casing.is_opening_entry(word, token.word, before_name)
                }
                _ => self.casing.is_opening_word(word, before_name),
            };
            if !opening {
                break;
            }
            rest = more?;
            dropped += 1;
        }
        let several = has_space(rest);
        if several && rest.split(' ').all(is_all_capitals) {
            return None;
        }
        Some((rest, dropped))
    }

    /// When `name` is two names run together ("Olsen Dumas": each word the family name of
    /// another person the article names in full), the byte offset of the space between the
    /// two.
    ///
    /// A run the article writes more than once is a name of its own ("Rosa Lind" beside an
    /// "Anna Rosa" and a "Tom Lind"): running two names together is an accident
    /// of a title line, not a habit.
    ///
    /// `key` is the [`name_key`] of `name`, and `last_word_key` its last word's when the
    /// caller has it (else it is made here, only when needed: most names end the question
    /// before).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn run_together(&self, name: &str, key: u64, last_word_key: Option<u64>) -> Option<usize> {
        // Most names read are one word: no list of words for them.
        if !has_space(name) || self.repeated_names.contains(&key) {
            return None;
        }
        // Whether the word whose key is `word_key` ends the full name of someone other than
        // `name`.
        let ends_another = |word_key: u64| {
            let mut next = self.full_names_by_last_word.get(&word_key).copied();
            std::iter::from_fn(|| {
                let entity = &self.entities[next?];
                next = entity.earlier_with_last_word;
                Some(entity)
            })
            .any(|entity| {
                !entity.organisation
                    && entity.name != name
                    && !name.ends_with(&*entity.name)
                    && !entity.name.ends_with(name)
            })
        };
        if !ends_another(last_word_key.unwrap_or_else(|| name_key(last_word(name)))) {
            return None;
        }
        // The first word (not the last) ending another's name splits the run after it; the
        // words are read between the spaces, without a list of them.
        let mut word_start = 0;
        for (space, _) in name.match_indices(' ') {
            if ends_another(name_key(&name[word_start..space])) {
                return Some(space);
            }
            word_start = space + 1;
        }
        None
    }

    /// The entity named `name`, created if new; a lone word joins the full name that ends
    /// with it (a family name: "Macron"), else the person's name that starts with it (a
    /// family name written first: "Li" for "Li Qiang"). `key` is the [`name_key`] of
    /// `name`. A new entity keeps a copy of `name` that borrows the article's text when
    /// `name` does (no allocation), hence the `Cow` rather than a `&str`.
    #[allow(clippy::ptr_arg)] // the Cow's kind is read: see above
    fn entity_for(&mut self, name: &Cow<'a, str>, key: u64, organisation: bool) -> usize {
        if let Some(&entity) = self.by_name.get(&key) {
            return entity;
        }
        let several_words = has_space(name);
        // A name of one word is its own last word.
        let last_key = if several_words {
            name_key(last_word(name))
        } else {
            key
        };
        if !several_words {
            let known = self
                .by_last_word
                .get(&last_key)
                .or_else(|| self.by_first_word.get(&key).filter(|_| !organisation));
            if let Some(&entity) = known {
                self.by_name.insert(key, entity);
                return entity;
            }
        }
        let entity = self.entities.len();
        self.entities.push(Entity {
            name: name.clone(),
            organisation,
            key,
            last_word_key: last_key,
            ..Entity::default()
        });
        self.by_name.insert(key, entity);
        if several_words && !organisation {
            self.by_first_word
                .entry(name_key(first_word(name)))
                .or_insert(entity);
        }
        if several_words {
            self.entities[entity].earlier_with_last_word =
                self.full_names_by_last_word.insert(last_key, entity);
        }
        self.by_last_word.entry(last_key).or_insert(entity);
        entity
    }

    /// Whether `name` (a fullest name) is a person the article makes known as one: by a
    /// given name, a title, or the pronouns around it; not a capitalised word that only opens
    /// a sentence ("Opinions were divided").
    pub fn is_known_person(&self, name: &str) -> bool {
        self.by_name
            .get(&name_key(name))
            .is_some_and(|&entity| self.entities[entity].is_person())
    }

    /// The gender the article gives the entity named `name` (its fullest name).
    pub fn gender_of(&self, name: &str) -> Option<Gender> {
        self.by_name
            .get(&name_key(name))
            .and_then(|&entity| self.entities[entity].gender())
    }

    /// The fullest name the article uses for `name`, read next to a cue: `None` when it is
    /// no name once the sentence's opening words are set aside ("Lately"), or two names
    /// run together.
    pub fn full_name(&self, name: &str) -> Option<String> {
        let name = self.clean_name(name)?;
        let key = name_key(name);
        // A name of one word is its own last word.
        let last_word_key = (!has_space(name)).then_some(key);
        if self.run_together(name, key, last_word_key).is_some() {
            return None;
        }
        if let Some(&entity) = self.by_name.get(&key) {
            return Some(self.entities[entity].name.to_string());
        }
        let last_word_key = last_word_key.unwrap_or_else(|| name_key(last_word(name)));
        let known = self.by_last_word.get(&last_word_key).or_else(|| {
            (!has_space(name))
                .then(|| self.by_first_word.get(&key))
                .flatten()
        });
        match known {
            Some(&entity) if self.entities[entity].name.len() > name.len() => {
                Some(self.entities[entity].name.to_string())
            }
            _ => Some(name.to_string()),
        }
    }

    /// Mentions before byte `position`, nearest first; only those no preposition governs
    /// when `subjects` is set.
    fn mentions_before(
        &self,
        position: usize,
        subjects: bool,
    ) -> impl Iterator<Item = &Entity<'a>> + '_ {
        let end = self
            .mentions
            .partition_point(|mention| mention.position < position);
        self.mentions[..end]
            .iter()
            .rev()
            .take(ANTECEDENT_WINDOW)
            .filter(move |mention| !(mention.quoted || subjects && mention.object))
            .map(|mention| &self.entities[mention.entity])
    }

    /// The entity a pronoun of `gender` at byte `position` most likely refers to: the
    /// nearest person of that gender, a subject rather than a preposition's object.
    pub fn resolve_pronoun(&self, position: usize, gender: Gender) -> Option<String> {
        let find = |matches: &dyn Fn(&Entity) -> bool| {
            self.mentions_before(position, true)
                .find(|entity| matches(entity))
                .or_else(|| {
                    self.mentions_before(position, false)
                        .find(|entity| matches(entity))
                })
        };
        match gender {
            Gender::Speaker => None,
            Gender::Plural => find(&|entity| entity.organisation),
            Gender::Masculine | Gender::Feminine => {
                find(&|entity| entity.is_person() && entity.gender() == Some(gender))
                    .or_else(|| find(&|entity| entity.is_person() && entity.gender().is_none()))
            }
        }
        .map(|entity| entity.name.to_string())
    }

    /// The entity a description such as "the president" (its head word, lowercase) at byte
    /// `position` refers to: the nearest earlier mention carrying that title.
    ///
    /// `modifiers` are the description's other title words ("minority" in "the Senate
    /// minority leader"): the mention must carry them too, so that "the minority leader" is
    /// not whichever leader came last.
    pub fn resolve_description(
        &self,
        position: usize,
        head: &str,
        modifiers: &[&str],
    ) -> Option<String> {
        self.mentions_before(position, false)
            .find(|entity| {
                let has = |word: &str| entity.titles.iter().any(|title| title == word);
                has(head) && modifiers.iter().all(|modifier| has(modifier))
            })
            .map(|entity| entity.name.to_string())
    }
}

/// Whether `name` has two words or more. Names are short: a plain walk over the bytes costs
/// less than a character search's setup, and the table asks this of every name it enters.
fn has_space(name: &str) -> bool {
    name.bytes().any(|byte| byte == b' ')
}

/// The first word of `name` (all of it when it is one word), and the words after it.
fn split_first_word(name: &str) -> (&str, Option<&str>) {
    match name.bytes().position(|byte| byte == b' ') {
        Some(space) => (&name[..space], Some(&name[space + 1..])),
        None => (name, None),
    }
}

/// The first word of `name` (all of it when it is one word).
fn first_word(name: &str) -> &str {
    split_first_word(name).0
}

/// The last word of `name` (all of it when it is one word).
fn last_word(name: &str) -> &str {
    match name.bytes().rposition(|byte| byte == b' ') {
        Some(space) => &name[space + 1..],
        None => name,
    }
}

/// The key of a name or a word of one in the table's maps: 64 bits of its exact text
/// (case counts, [`exact_key`], or the crate's text hasher in the page's wasm), which two names of an article share only by a chance of
/// about one in 2^64 per pair. The maps are only looked up, never walked, so no output
/// depends on the keys' values.
fn name_key(name: &str) -> u64 {
    // The page's wasm keeps the crate's text hasher, which it carries anyway: every
    // kilobyte of the page counts.
    if cfg!(target_arch = "wasm32") {
        HashSet::<&str>::default().hasher().hash_one(name)
    } else {
        exact_key(name)
    }
}

/// The bytes `range` of `name`, borrowed from the same text when `name` is.
fn part_of<'a>(name: &Cow<'a, str>, range: Range<usize>) -> Cow<'a, str> {
    match name {
        Cow::Borrowed(text) => {
            let text: &'a str = text;
            Cow::Borrowed(&text[range])
        }
        Cow::Owned(text) => Cow::Owned(text[range].to_string()),
    }
}

/// The two mentions of a run of two names (`found`, "Olsen Dumas") split at the space at
/// byte `space` of its name, each with the tokens of its own words: the words of a name
/// stand one space apart in it, one token each, so the first part holds as many of the
/// run's word tokens as it has words.
fn split_run<'a>(found: &FoundName<'a>, space: usize) -> [FoundName<'a>; 2] {
    let whole = &found.chunk.name;
    let words = &found.chunk.words;
    let first_words = whole[..space].matches(' ').count() + 1;
    let split_token = words.start + first_words;
    let part = |name: Cow<'a, str>, words: Range<usize>, position: usize| FoundName {
        key: name_key(&name),
        chunk: NameChunk {
            tokens: found.chunk.tokens.clone(),
            words,
            name,
            titles: Vec::new(),
            organisation: found.chunk.organisation,
            gender: None,
        },
        position,
        pronoun: None,
        object: found.object,
    };
    [
        part(
            part_of(whole, 0..space),
            words.start..split_token,
            found.position,
        ),
        part(
            part_of(whole, space + 1..whole.len()),
            split_token..words.end,
            found.position + space + 1,
        ),
    ]
}

/// The first gendered pronoun in the tokens after a name ending at token `after`, before
/// the next capitalised word (another name, most often) other than a pronoun.
fn pronoun_after(input: &str, tokens: &[Token], after: usize) -> Option<Gender> {
    // Up to twenty tokens after every name: read from their bytes and the lists each word
    // carries, never sliced out of the text. Marks are no pronouns.
    let bytes = input.as_bytes();
    tokens[after..(after + GENDER_WINDOW).min(tokens.len())]
        .iter()
        .take_while(|token| {
            !token.is_capitalised_word()
                || matches!(
                    &bytes[token.start..token.end],
                    b"He" | b"She" | b"His" | b"Her"
                )
        })
        .find_map(|token| token.lists().personal_pronoun())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_quotations_are_no_antecedents() {
        let text = "Governor Paul Ames spoke. \"Ask Mr. Tom Reyes about it,\" he said.";
        let whole = 0..text.len();
        let open = text.find('"').unwrap() + 1;
        let close = text.rfind('"').unwrap();
        let quote = open..close;
        let (tokens, words) = ParagraphTokens::read(text, std::slice::from_ref(&whole));
        let table = SpeakerTable::build(text, &tokens, words, std::slice::from_ref(&quote));
        assert_eq!(
            table.resolve_pronoun(close, Gender::Masculine).as_deref(),
            Some("Paul Ames")
        );
    }

    #[test]
    fn pronouns_prefer_subjects_to_objects_of_prepositions() {
        let text = "Mr. Paul Ames spoke on Monday in an interview with Mr. Tom Reyes.";
        let whole = 0..text.len();
        let (tokens, words) = ParagraphTokens::read(text, std::slice::from_ref(&whole));
        let table = SpeakerTable::build(text, &tokens, words, &[]);
        assert_eq!(
            table
                .resolve_pronoun(text.len(), Gender::Masculine)
                .as_deref(),
            Some("Paul Ames")
        );
    }

    #[test]
    fn gives_the_fullest_name_and_resolves_pronouns() {
        let text = "Chancellor Angela Merkel spoke. She was calm. Later Merkel left.";
        let whole = 0..text.len();
        let (tokens, words) = ParagraphTokens::read(text, std::slice::from_ref(&whole));
        let table = SpeakerTable::build(text, &tokens, words, &[]);
        assert_eq!(table.full_name("Merkel").as_deref(), Some("Angela Merkel"));
        assert_eq!(
            table
                .resolve_pronoun(text.len(), Gender::Feminine)
                .as_deref(),
            Some("Angela Merkel")
        );
        assert_eq!(
            table
                .resolve_description(text.len(), "chancellor", &[])
                .as_deref(),
            Some("Angela Merkel")
        );
    }

    /// The byte ranges of a text's paragraphs, separated by blank lines.
    fn paragraphs_of(text: &str) -> Vec<Range<usize>> {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            paragraphs.push(start..start + part.len());
            start += part.len() + 2;
        }
        paragraphs
    }

    /// The table of a text whose paragraphs are separated by blank lines.
    fn table_of(text: &str) -> SpeakerTable<'_> {
        let (tokens, words) = ParagraphTokens::read(text, &paragraphs_of(text));
        SpeakerTable::build(text, &tokens, words, &[])
    }

    #[test]
    fn two_names_run_together_are_split_but_a_name_written_twice_is_kept() {
        let table = table_of(
            "Berg Dumas talks\n\nChancellor Anna Berg met Mayor Luc Dumas in Lyon. Dumas spoke first.",
        );
        assert_eq!(table.full_name("Dumas").as_deref(), Some("Luc Dumas"));
        assert_eq!(table.full_name("Berg").as_deref(), Some("Anna Berg"));
        assert_eq!(table.full_name("Berg Dumas"), None);
        // The same run written twice is someone's name, however its words are used elsewhere.
        let table = table_of(
            "Mayor Rosa Lind spoke. Anna Rosa left. Rosa Lind stayed, and Rosa Lind voted.",
        );
        assert_eq!(table.full_name("Rosa Lind").as_deref(), Some("Rosa Lind"));
    }

    #[test]
    fn each_part_of_a_split_run_keeps_the_tokens_of_its_own_words() {
        let text = "Mr. Ivo Berg Dumas’s plan was read out.";
        let whole = 0..text.len();
        let (paragraph_tokens, _) = ParagraphTokens::read(text, std::slice::from_ref(&whole));
        let tokens = paragraph_tokens.paragraphs().next().unwrap();
        let chunk = name_at(text, tokens, 0).expect("a name");
        assert_eq!(chunk.name, "Ivo Berg Dumas");
        let found = FoundName {
            key: name_key(&chunk.name),
            position: tokens[chunk.tokens.start].start,
            chunk,
            pronoun: None,
            object: false,
        };
        for (space, _) in found.chunk.name.match_indices(' ') {
            let parts = split_run(&found, space);
            for part in &parts {
                let words: Vec<&str> = part.chunk.name.split(' ').collect();
                let word_tokens = &tokens[part.chunk.words.clone()];
                assert_eq!(word_tokens.len(), words.len(), "{}", part.chunk.name);
                for (token, word) in word_tokens.iter().zip(words) {
                    // The last token carries the possessive ending the name leaves out.
                    assert!(text[token.start..token.end].starts_with(word));
                }
            }
            assert_eq!(parts[0].chunk.words.end, parts[1].chunk.words.start);
            assert_eq!(parts[1].chunk.words.end, found.chunk.words.end);
        }
    }

    #[test]
    fn names_cleaned_through_their_tokens_are_cleaned_as_their_text_is() {
        let text = "DESPITE Lee's efforts, Despite Lee’s plan, Lately Émile Zola’s aide, Unimpressed Dumas, Mayor Ann Lee and FLOOD VICTIMS spoke.\n\nDespite the rain, ÉMILE ZOLA and the lately famous Kelly Ray came. Monday Anna Berg's DESPITE.";
        let table = table_of(text);
        let (paragraph_tokens, _) = ParagraphTokens::read(text, &paragraphs_of(text));
        let mut names = 0;
        for tokens in paragraph_tokens.paragraphs() {
            for index in 0..tokens.len() {
                let Some(chunk) = name_at(text, tokens, index) else {
                    continue;
                };
                names += 1;
                let by_text = table.clean_name(&chunk.name);
                let by_tokens = table.clean_name_read(tokens, &chunk);
                assert_eq!(
                    by_tokens.map(|(kept, _)| kept),
                    by_text.map(str::len),
                    "{}",
                    chunk.name
                );
                if let Some((kept, dropped)) = by_tokens {
                    let rest = &chunk.name[chunk.name.len() - kept..];
                    let words_before = chunk.name.split(' ').count() - rest.split(' ').count();
                    assert_eq!(dropped, words_before, "{}", chunk.name);
                }
            }
        }
        assert!(names > 10);
    }

    #[test]
    fn a_family_name_written_first_resolves_to_the_full_name() {
        let table = table_of("Premier Li Qiang visited the port. Later Li spoke.");
        assert_eq!(table.full_name("Li").as_deref(), Some("Li Qiang"));
    }

    #[test]
    fn sentence_openers_and_datelines_are_no_names() {
        let table = table_of(
            "KINGSTON — Mayor Ann Lee spoke.\n\nDespite Lee's efforts, the vote failed. Lately, she has been quiet.",
        );
        assert_eq!(table.full_name("Despite Lee").as_deref(), Some("Ann Lee"));
        assert_eq!(table.full_name("Lately"), None);
        assert_eq!(table.full_name("KINGSTON").as_deref(), Some("KINGSTON"));
        assert!(!table.is_known_person("KINGSTON"));
    }
}

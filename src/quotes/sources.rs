//! Speakers as written next to a cue, before they are resolved: a name, a pronoun or a
//! description ("the president", "a spokesman for the ministry", "one voter", "some"), read
//! before a verb (past fillers, time phrases, appositives between commas or dashes and
//! parentheses), after it ("said Sen. Ted Cruz"), or as the subject of a clause (past an
//! introductory phrase). A name or description governed by a preposition, an owner, a
//! modifier after "a", or a share of a poll ("62 percent of voters") is no speaker.

use super::lexicon::{quote_lexicon, Gender, PREPOSITIONS};
use super::names::{name_at, name_before, NameChunk};
use super::tokens::{is_capitalised, strip_possessive, Token};
use crate::text::{stopwords, word_hash, Lowercase};

/// Comma-separated segments at most walked back over, from a reporting verb to the name
/// they describe: an age, a title, a relative clause ("Ramil Carr, 31, a photographer, who
/// lives nearby, said"); more is rarely one sentence's subject.
const APPOSITIVE_SEGMENTS: usize = 5;

/// A speaker as written next to the cue, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A name as written (titles stripped).
    Name {
        /// The name.
        name: String,
        /// Whether it names an organisation.
        organisation: bool,
        /// Whether "the" stands before it ("the Associated Press").
        the: bool,
    },
    /// A pronoun, with the gender it implies.
    Pronoun {
        /// The gender the pronoun implies.
        gender: Gender,
        /// Byte offset of the pronoun: it refers to someone named before it.
        at: usize,
    },
    /// A description naming no one ("the president", "a spokesman").
    Description {
        /// Its head noun, lowercase ("president").
        head: String,
        /// The description as written, its opening determiner in lowercase.
        text: String,
        /// Whether it refers back to someone already named ("the president", "the
        /// ministry") rather than introducing someone new ("a spokesman", "one voter").
        definite: bool,
        /// Byte offset of its first word: it refers to someone named before it.
        at: usize,
    },
}

/// The text of a word token.
pub fn word<'a>(input: &'a str, token: &Token) -> &'a str {
    &input[token.start..token.end]
}

/// The text of a word token in lowercase (borrowed from `input` when it already is).
pub fn lower<'a>(input: &'a str, token: &Token) -> Lowercase<'a> {
    Lowercase::of(word(input, token))
}

/// Whether a sentence opening with `word` (lowercase) starts with an introductory phrase
/// rather than its subject: a preposition, a subordinating word, an adverb or a participle.
pub fn is_introductory(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
        || matches!(
            word,
            "according"
                | "although"
                | "though"
                | "while"
                | "when"
                | "after"
                | "before"
                | "as"
                | "because"
                | "since"
                | "if"
                | "unlike"
                | "despite"
                | "during"
                | "following"
                | "amid"
                | "based"
                | "asked"
        )
        || word.len() > 4 && (word.ends_with("ly") || word.ends_with("ing"))
}

/// Whether `lower` (lowercase) is an adverb of manner or time standing between a subject
/// and its verb ("quietly warned", "later testified"): an -ly word long enough not
/// to be a name or a plain word ("Ely", "only" are shorter; "family" is no adverb but never
/// stands before a verb).
fn is_adverb(lower: &str) -> bool {
    /// -ly words shorter than this are rarely adverbs of manner.
    const ADVERB_MIN_LETTERS: usize = 6;
    lower.ends_with("ly")
        && lower.chars().count() >= ADVERB_MIN_LETTERS
        && lower.chars().all(char::is_alphabetic)
}

/// The first name or pronoun of a clause (its likely subject).
pub fn sentence_subject(input: &str, tokens: &[Token]) -> Option<Source> {
    let lexicon = quote_lexicon();
    // An introductory phrase before the subject ("Speaking in Ohio, X said", "Like Y, X
    // argued", "Although …, X said"): the subject follows its comma.
    // A phrase between dashes ends it too, at its second dash ("Praising the plan —
    // much as he did before — Dumas urged …").
    // A conjunction opening the sentence ("And, in a clip …, X said") comes first.
    let opening = tokens.iter().position(Token::is_word).map(|first| {
        let conjunction = matches!(
            lower(input, &tokens[first]).as_str(),
            "and" | "but" | "so" | "yet" | "or"
        );
        if conjunction {
            tokens[first + 1..]
                .iter()
                .position(Token::is_word)
                .map_or(first, |next| first + 1 + next)
        } else {
            first
        }
    });
    // An -ly word before a capitalised one is a given name ("Kelly Olsen said"), not an
    // adverb.
    let introductory = |first: usize| {
        let word = lower(input, &tokens[first]);
        let before_name = tokens
            .get(first + 1)
            .is_some_and(|next| next.is_word() && is_capitalised(self::word(input, next)));
        is_introductory(&word) && !(before_name && word.ends_with("ly"))
    };
    let from = match opening {
        Some(first) if introductory(first) => {
            match tokens[first..]
                .iter()
                .position(|token| token.is(',') || token.is('-'))
                .map(|offset| first + offset)
            {
                Some(dash) if tokens[dash].is('-') => tokens[dash + 1..]
                    .iter()
                    .position(|token| token.is('-') || token.is(','))
                    .map_or(first, |offset| dash + 1 + offset + 1),
                Some(comma) => comma + 1,
                None => first,
            }
        }
        _ => 0,
    };
    for index in from..tokens.len() {
        let token = &tokens[index];
        if !token.is_word() {
            continue;
        }
        let lower_word = lower(input, token);
        // A name governed by a preposition is no subject ("in Florida", "at the State
        // University").
        if governed_by_preposition(input, &tokens[from..=index]) {
            continue;
        }
        if let Some(&gender) = lexicon.pronouns.get(lower_word.as_str()) {
            return Some(Source::Pronoun {
                gender,
                at: token.start,
            });
        }
        if let Some(chunk) = name_at(input, tokens, index) {
            return Some(
                owned_appositive(input, tokens, &chunk)
                    .unwrap_or_else(|| name_source(input, tokens, &chunk)),
            );
        }
        if lower_word == "the" {
            if let Some(source) = source_after(input, tokens, index) {
                return Some(source);
            }
        }
    }
    None
}

/// Whether the last token of `tokens` is governed by a preposition before it, maybe past a
/// determiner and an adjective ("in Lyon", "at the old town hall").
fn governed_by_preposition(input: &str, tokens: &[Token]) -> bool {
    /// A determiner and an adjective at most between a preposition and its noun.
    const MODIFIERS_MAX: usize = 2;
    let last = tokens.len() - 1;
    for back in 1..=(MODIFIERS_MAX + 1).min(last) {
        let token = &tokens[last - back];
        if !token.is_word() {
            return false;
        }
        let before = lower(input, token);
        if PREPOSITIONS.contains(&before.as_str()) {
            return true;
        }
        if is_capitalised(word(input, token)) || quote_lexicon().verb(&before).is_some() {
            return false;
        }
    }
    false
}

/// When `chunk` is an owner ("Berg's") whose noun is followed by the name it describes
/// ("Berg's lawyer, Tom Reyes, argued"), that name: the subject is the attorney.
fn owned_appositive(input: &str, tokens: &[Token], chunk: &NameChunk) -> Option<Source> {
    /// Words of the owned noun phrase ("attorney", "campaign manager", "longtime friend").
    const OWNED_NOUN_MAX_WORDS: usize = 3;
    let last = &tokens[chunk.tokens.end - 1];
    if strip_possessive(word(input, last)) == word(input, last) {
        return None;
    }
    let noun_end = chunk.tokens.end
        + tokens[chunk.tokens.end..]
            .iter()
            .take(OWNED_NOUN_MAX_WORDS + 1)
            .position(|token| !token.is_word() || is_capitalised(word(input, token)))?;
    if noun_end == chunk.tokens.end || !tokens.get(noun_end)?.is(',') {
        return None;
    }
    let named = name_at(input, tokens, noun_end + 1)?;
    Some(name_source(input, tokens, &named))
}

/// A name chunk as a source, with whether "the" stands before it.
pub fn name_source(input: &str, tokens: &[Token], chunk: &NameChunk) -> Source {
    let the = chunk.tokens.start > 0 && lower(input, &tokens[chunk.tokens.start - 1]) == "the"
        || word(input, &tokens[chunk.tokens.start]) == "The";
    Source::Name {
        name: chunk.name.to_string(),
        organisation: chunk.organisation,
        the,
    }
}

/// The speaker standing right before the verb at `verb` (never before token `floor`):
/// a name, a pronoun, a description, skipping fillers ("also", "has") and an appositive
/// between commas ("Smith, a spokesman for the ministry, said").
pub fn source_before(input: &str, tokens: &[Token], verb: usize, floor: usize) -> Option<Source> {
    let lexicon = quote_lexicon();
    let mut end = verb;
    while end > floor && tokens[end - 1].is_word() && {
        let before = lower(input, &tokens[end - 1]);
        lexicon.fillers.contains(before.as_str())
            || lexicon.time_words.contains(before.as_str())
            || is_adverb(&before)
    } {
        end -= 1;
    }
    if end == floor {
        return None;
    }
    // A parenthetical between dashes after the name: "Girard — named by the daily as a
    // favourite — told reporters".
    if tokens[end - 1].is('-') {
        let open = (floor..end - 1)
            .rev()
            .take(30)
            .take_while(|&i| !tokens[i].ends_sentence())
            .find(|&i| tokens[i].is('-'))?;
        end = open;
        if end == floor {
            return None;
        }
    }
    // A parenthesis after the name: "Sen. Marco Rubio (R-Fla.) said".
    if tokens[end - 1].is(')') {
        let open = (floor..end - 1)
            .rev()
            .take(8)
            .find(|&i| tokens[i].is('('))?;
        end = open;
        if end == floor {
            return None;
        }
    }
    if tokens[end - 1].is(',') {
        // Appositives between commas ("Ramil Carr, 31, a photographer, said"; "Paris, who
        // worked on Capitol Hill, said"): walk back over the segments that describe, to the
        // one that names.
        let mut segment_end = end - 1;
        let mut segments = 0;
        while segments < APPOSITIVE_SEGMENTS {
            let segment_start = (floor..segment_end)
                .rev()
                .take(20)
                .find(|&i| tokens[i].is(','))
                .map_or(floor, |i| i + 1);
            if segment_start == segment_end {
                return None;
            }
            // A segment of quote marks only is the rest of a quoted title ("…, “The
            // Night Shift,” who …"): it takes no turn.
            if tokens[segment_start..segment_end]
                .iter()
                .any(Token::is_word)
            {
                segments += 1;
            }
            // The segment's first word, past the marks of a quotation ending before it.
            let Some(first) = tokens[segment_start..segment_end]
                .iter()
                .find(|token| !token.is('"'))
            else {
                segment_end = segment_start.saturating_sub(1);
                if segment_start == floor {
                    break;
                }
                continue;
            };
            let first_lower = lower(input, first);
            // The rest of a place after its comma ("of Lyon, France,", "of Akron, Ohio,").
            // The previous segment ends with a place after its preposition ("of Lyon",
            // "during a meeting in Lyon").
            let rest_of_place = segment_end - segment_start <= 2 && segment_start >= floor + 2 && {
                let place_end = segment_start - 1;
                let place_start = (floor..place_end)
                    .rev()
                    .take_while(|&i| tokens[i].is_word() && is_capitalised(word(input, &tokens[i])))
                    .last();
                place_start.is_some_and(|start| {
                    start > floor
                        && tokens[start - 1].is_word()
                        && matches!(
                            lower(input, &tokens[start - 1]).as_str(),
                            "of" | "from" | "in" | "near" | "at"
                        )
                })
            };
            let describes = !first.is_word()
                || rest_of_place
                || !is_capitalised(word(input, first))
                || first.start < input.len() && first_lower.chars().all(|c| c.is_ascii_digit())
                || lexicon.is_title(&first_lower)
                    // "Senator Luis Ortega" names; "Spokesman for the Party" describes.
                    && !matches!(
                        source_ending_at(input, tokens, segment_end, segment_start),
                        Some(Source::Name { .. })
                    )
                || matches!(
                    first_lower.as_str(),
                    "a" | "an" | "the" | "who" | "which" | "whose"
                )
                || strip_possessive(word(input, first)) != word(input, first)
                // A short hyphenated tag: a party and state ("R-Ky.").
                || segment_end - segment_start <= 2
                    && word(input, first).contains('-')
                    && word(input, first).len() <= 6
                // A segment ending in a lower-case word that is no pronoun names nobody
                // ("Sanders' campaign manager").
                || tokens[segment_end - 1].is_word()
                    && !is_capitalised(word(input, &tokens[segment_end - 1]))
                    && !lexicon
                        .pronouns
                        .contains_key(lower(input, &tokens[segment_end - 1]).as_str());
            if !describes {
                return source_ending_at(input, tokens, segment_end, segment_start);
            }
            if segment_start == floor {
                // Every segment describes: the first one, which opens the clause, is its
                // subject ("The spokesman, a former reporter, said"; "Ann Lee's campaign,
                // for example, said").
                return source_ending_at(input, tokens, segment_end, floor)
                    .or_else(|| source_ending_at(input, tokens, end - 1, floor));
            }
            segment_end = segment_start - 1;
        }
        return source_ending_at(input, tokens, end - 1, floor);
    }
    // An appositive without its closing comma ("X, the analyst who founded the site
    // tweeted"): the words before the verb sit in a relative clause, and the speaker
    // stands before the comma that opens the appositive.
    let unclosed = (floor..end)
        .rev()
        .take(20)
        .take_while(|&i| !tokens[i].ends_sentence())
        .find(|&i| tokens[i].is(','))
        .filter(|&comma| {
            let opening = tokens.get(comma + 1).filter(|token| token.is_word());
            opening.is_some_and(|token| {
                let opening = lower(input, token);
                matches!(opening.as_str(), "a" | "an" | "the" | "who") || lexicon.is_title(&opening)
            }) && tokens[comma + 1..end].iter().any(|token| {
                token.is_word() && matches!(lower(input, token).as_str(), "who" | "which" | "that")
            })
        });
    if let Some(source) = unclosed.and_then(|comma| source_ending_at(input, tokens, comma, floor)) {
        return Some(source);
    }
    source_ending_at(input, tokens, end, floor)
}

/// A name, pronoun or description ending just before token `end`.
pub fn source_ending_at(input: &str, tokens: &[Token], end: usize, floor: usize) -> Option<Source> {
    let lexicon = quote_lexicon();
    if end == floor {
        return None;
    }
    // A party and state in parentheses after the name: "Gov. Ann Lee (R-Ohio)".
    let mut end = end;
    if tokens[end - 1].is(')') {
        end = (floor..end - 1)
            .rev()
            .take(8)
            .find(|&i| tokens[i].is('('))?;
        if end == floor {
            return None;
        }
    }
    let last = &tokens[end - 1];
    if !last.is_word() {
        return None;
    }
    let lower_word = lower(input, last);
    if let Some(&gender) = lexicon.pronouns.get(lower_word.as_str()) {
        return Some(Source::Pronoun {
            gender,
            at: last.start,
        });
    }
    // An owner ("Olsen’s repeated calls") determines the noun after it: no subject.
    if strip_possessive(word(input, last)) != word(input, last) {
        return None;
    }
    // "Some said", "Others argued": a quantity of people standing alone.
    let alone = end - 1 == floor || !tokens[end - 2].is_word();
    if alone && is_group_pronoun(&lower_word) {
        return Some(description(
            input,
            &tokens[end - 1..end],
            lower_word.into_owned(),
        ));
    }
    // "Aides said", "Critics argued": a plural noun for people opening the sentence is
    // capitalised, yet names no one in particular.
    if alone && lower_word.ends_with('s') && describes_someone(&lower_word) {
        return Some(description(
            input,
            &tokens[end - 1..end],
            lower_word.into_owned(),
        ));
    }
    if let Some(chunk) = name_before(input, &tokens[floor..end], end - floor) {
        // A name after "a" or "an" qualifies a noun ("a Dumas-style reply", "a City Radio
        // poll"): no subject either.
        let indefinite = chunk.tokens.start > 0
            && tokens[floor + chunk.tokens.start - 1].is_word()
            && matches!(
                lower(input, &tokens[floor + chunk.tokens.start - 1]).as_str(),
                "a" | "an"
            );
        if indefinite {
            return None;
        }
        let shifted = NameChunk {
            tokens: chunk.tokens.start + floor..chunk.tokens.end + floor,
            words: chunk.words.start + floor..chunk.words.end + floor,
            ..chunk
        };
        return Some(name_source(input, tokens, &shifted));
    }
    // A description: "the president", "the French foreign ministry", "state media", "a
    // source familiar with the talks". Anything else (a conjunction, an object) is no
    // subject.
    let (mut start, mut head) = if describes_someone(&lower_word) {
        (modifiers_before(input, tokens, end - 1, floor), lower_word)
    } else {
        let head = qualified_head(input, tokens, end, floor)?;
        (
            modifiers_before(input, tokens, head, floor),
            lower(input, &tokens[head]),
        )
    };
    // "a spokesman for the ministry", "Berg's email to her staff": the words after a
    // preposition qualify the noun before it, which heads the description.
    if start >= floor + 2 && tokens[start - 1].is_word() {
        let linking = lower(input, &tokens[start - 1]);
        let noun = lower(input, &tokens[start - 2]);
        if PREPOSITIONS.contains(&linking.as_str())
            && tokens[start - 2].is_word()
            && describes_someone(&noun)
            && !is_quantity(&noun)
        {
            start = modifiers_before(input, tokens, start - 2, floor);
            head = noun;
        }
    }
    // Otherwise a description after a word is its object ("into the polls", "emailed
    // supporters"), no subject, unless a determiner or an owner opens it ("Reyes said the
    // campaign"), or a conjunction or an adverb stands before it ("and aides", "also critics").
    // A determiner just past the modifiers read opens the description too ("the presumptive
    // Republican presidential nominee").
    if start > floor
        && tokens[start - 1].is_word()
        && is_determiner(&lower(input, &tokens[start - 1]))
    {
        start -= 1;
    }
    if start > floor && tokens[start - 1].is_word() {
        let opening = lower(input, &tokens[start]);
        let before = lower(input, &tokens[start - 1]);
        let determined = is_determiner(&opening)
            || is_possessive_pronoun(&opening)
            || strip_possessive(word(input, &tokens[start])) != word(input, &tokens[start])
            || is_apostrophe_after(input, tokens, start + 1);
        let joined = matches!(before.as_str(), "and" | "but" | "or" | "then" | "so")
            || quote_lexicon().fillers.contains(before.as_str());
        if PREPOSITIONS.contains(&before.as_str())
            || SUBORDINATING.contains(&before.as_str())
            || !(determined || joined)
        {
            return None;
        }
    }
    // "62 percent of voters", "six in 10 voters": a share of a group answering a poll,
    // which quotes no one.
    if start >= floor + 2 && tokens[start - 1].is_word() {
        let linking = lower(input, &tokens[start - 1]);
        if matches!(linking.as_str(), "of" | "in") && tokens[start - 2].is_word() {
            let quantity = lower(input, &tokens[start - 2]);
            if is_quantity(&quantity) {
                return None;
            }
        }
    }
    if tokens[start..end]
        .iter()
        .any(|token| is_quantity(&lower(input, token)))
    {
        return None;
    }
    // "Berg's statement said", "Berg's email to her staff notes": the owner of a document
    // is who speaks through it.
    if quote_lexicon().documents.contains(head.as_str()) {
        let owner = name_at(input, tokens, start).filter(|chunk| {
            let last = &tokens[chunk.tokens.end - 1];
            chunk.tokens.end < end
                && (strip_possessive(word(input, last)) != word(input, last)
                    || is_apostrophe_after(input, tokens, chunk.tokens.end))
        });
        if let Some(owner) = owner {
            return Some(name_source(input, tokens, &owner));
        }
    }
    Some(description(input, &tokens[start..end], head.into_owned()))
}

/// Whether the token at `index` is an apostrophe closing a possessive written after its
/// word ("Reyes’ campaign"), which the tokeniser reads as a quote mark.
fn is_apostrophe_after(input: &str, tokens: &[Token], index: usize) -> bool {
    index > 0
        && tokens.get(index).is_some_and(|mark| {
            mark.is('"') && matches!(input[mark.start..].chars().next(), Some('’' | '\''))
        })
        && tokens[index - 1].is_word()
        && tokens[index - 1].end == tokens[index].start
        && word(input, &tokens[index - 1]).ends_with(['s', 'S'])
        && tokens
            .get(index + 1)
            .is_some_and(|next| next.is_word() && next.start > tokens[index].end)
}

/// The head of a description whose last words qualify it after a preposition ("a source
/// familiar with the talks", "an aide close to the mayor"): a noun for a source before the
/// preposition, maybe with an adjective between; `None` when the words before `end` are
/// no such phrase.
fn qualified_head(input: &str, tokens: &[Token], end: usize, floor: usize) -> Option<usize> {
    /// The qualifying phrase after the preposition: a determiner, an owner and a noun or two.
    const QUALIFIER_MAX_WORDS: usize = 4;
    let lexicon = quote_lexicon();
    let preposition = (floor..end)
        .rev()
        .take(QUALIFIER_MAX_WORDS + 1)
        .take_while(|&i| tokens[i].is_word() || is_apostrophe_after(input, tokens, i))
        .find(|&i| {
            tokens[i].is_word() && PREPOSITIONS.contains(&lower(input, &tokens[i]).as_str())
        })?;
    // The phrase after the preposition is a noun phrase: determiners, owners, names and
    // content words, ending with a noun ("the talks", "Berg's thinking"), not a clause
    // ("for not using the").
    let noun_phrase = tokens[preposition + 1..end].iter().all(|token| {
        !token.is_word() || {
            let word = lower(input, token);
            is_determiner(&word)
                || is_possessive_pronoun(&word)
                || is_capitalised(self::word(input, token))
                || !stopwords().contains(&word_hash(&word))
        }
    }) && tokens[end - 1].is_word()
        && !stopwords().contains(&word_hash(&lower(input, &tokens[end - 1])));
    if !noun_phrase || preposition + 1 == end {
        return None;
    }
    let mut noun = preposition.checked_sub(1).filter(|&i| i >= floor)?;
    let adjective = |i: usize| {
        tokens[i].is_word()
            && !is_capitalised(word(input, &tokens[i]))
            && lexicon.verb(&lower(input, &tokens[i])).is_none()
            && !describes_someone(&lower(input, &tokens[i]))
    };
    if adjective(noun) && noun > floor {
        noun -= 1;
    }
    (tokens[noun].is_word() && describes_someone(&lower(input, &tokens[noun]))).then_some(noun)
}

/// Whether `lower` (lowercase) can head a description of a source: a title, an
/// organisation word or a noun for people or documents ("voter", "report"), or the plural
/// of one ("reporters", "senators").
fn describes_someone(lower: &str) -> bool {
    let lexicon = quote_lexicon();
    let listed = |word: &str| {
        lexicon.is_title(word)
            || lexicon.organisation_words.contains(word)
            || lexicon.description_heads.contains(word)
    };
    listed(lower) || lower.strip_suffix('s').is_some_and(listed)
}

/// Words that open a clause or a time phrase and so end a noun phrase before them.
/// ("As" is not one of them: "as the campaign noted" has its subject after it.)
const SUBORDINATING: &[&str] = &[
    "after", "before", "when", "while", "since", "because", "if", "than", "until", "though",
    "although", "where",
];

/// Pronouns for a number of people, which may stand as a subject alone ("Some said").
fn is_group_pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "some" | "many" | "others" | "several" | "both" | "few" | "most" | "all" | "another"
    )
}

/// Whether `lower` (lowercase) counts a share of a group: a number or a word of quantity.
fn is_quantity(lower: &str) -> bool {
    lower.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            lower,
            "percent" | "per" | "majority" | "minority" | "half" | "third" | "quarter" | "most"
        )
}

/// The first token of the modifiers standing before the head noun at `head` (never before
/// `floor`): up to three words back, through a determiner ("the French foreign ministry",
/// "a Dow spokeswoman"), stopping at a verb or a filler.
fn modifiers_before(input: &str, tokens: &[Token], head: usize, floor: usize) -> usize {
    let lexicon = quote_lexicon();
    let mut start = head;
    while start > floor && head + 1 - start < 4 {
        // "Reyes’ campaign": an owner whose apostrophe ends the word.
        if start >= floor + 2 && is_apostrophe_after(input, tokens, start - 1) {
            start -= 2;
            break;
        }
        if !tokens[start - 1].is_word() {
            break;
        }
        let previous = lower(input, &tokens[start - 1]);
        let owner =
            strip_possessive(word(input, &tokens[start - 1])) != word(input, &tokens[start - 1]);
        // A determiner or an owner ("Gowdy's office", "his aides") opens the description.
        if is_determiner(&previous) || owner || is_possessive_pronoun(&previous) {
            start -= 1;
            break;
        }
        // Modifiers are adjectives and nouns: a verb, a participle in lowercase ("placed
        // newspaper ads"), a preposition or a conjunction ends them.
        let participle = !is_capitalised(word(input, &tokens[start - 1]))
            && (previous.ends_with("ing") || previous.ends_with("ed"))
            && previous.chars().count() > 4;
        if lexicon.verb(&previous).is_some()
            || lexicon.fillers.contains(previous.as_str())
            || PREPOSITIONS.contains(&previous.as_str())
            || SUBORDINATING.contains(&previous.as_str())
            || participle
            || matches!(
                previous.as_str(),
                "and" | "or" | "but" | "who" | "that" | "which"
            )
        {
            break;
        }
        start -= 1;
    }
    start
}

/// Possessive pronouns, which open a description that belongs to someone ("his aides").
fn is_possessive_pronoun(lower: &str) -> bool {
    matches!(lower, "his" | "her" | "their" | "its" | "our" | "my")
}

/// Determiners that open a description, definite or not.
fn is_determiner(lower: &str) -> bool {
    is_definite(lower) || is_indefinite(lower)
}

/// Determiners of a description that refers back to someone already named.
fn is_definite(lower: &str) -> bool {
    matches!(lower, "the" | "this" | "that" | "these" | "those")
}

/// Determiners of a description that introduces someone new.
fn is_indefinite(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an" | "one" | "another" | "some" | "several" | "many" | "two" | "three" | "other"
    )
}

/// A description of the words `tokens` headed by `head` (lowercase).
fn description(input: &str, tokens: &[Token], head: String) -> Source {
    let opening = tokens.first().map(|token| lower(input, token));
    let definite = opening.as_deref().is_some_and(is_definite);
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Source::Description {
            head,
            text: String::new(),
            definite,
            at: 0,
        };
    };
    let mut text = input[first.start..last.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // "The spokesman said" gives "the spokesman", as a sentence would read it.
    if let Some(determiner) = opening
        .as_deref()
        .filter(|word| is_determiner(word) || is_possessive_pronoun(word))
    {
        text.replace_range(..first.end - first.start, determiner);
    }
    Source::Description {
        head,
        text,
        definite,
        at: first.start,
    }
}

/// The speaker right after a verb: "said he", "said Sen. Ted Cruz", "said the minister",
/// "according to the Associated Press".
pub fn source_after(input: &str, tokens: &[Token], start: usize) -> Option<Source> {
    let lexicon = quote_lexicon();
    let first = tokens.get(start)?;
    if !first.is_word() {
        return None;
    }
    let lower_word = lower(input, first);
    // "… added by the council": a participle's agent.
    if lower_word == "by" {
        return source_after(input, tokens, start + 1);
    }
    if let Some(&gender) = lexicon.pronouns.get(lower_word.as_str()) {
        if matches!(
            lower_word.as_str(),
            "he" | "she" | "they" | "i" | "we" | "it"
        ) {
            return Some(Source::Pronoun {
                gender,
                at: first.start,
            });
        }
        // "said his campaign manager Ann Lee": an owner before a title and a name.
        if !is_possessive_pronoun(&lower_word) {
            return None;
        }
    }
    if let Some(chunk) = name_at(input, tokens, start) {
        return Some(name_source(input, tokens, &chunk));
    }
    if is_determiner(&lower_word) {
        return description_after(input, tokens, start);
    }
    // Lower-case modifiers before a name: "said former tech executive Carly Fiorina".
    let mut index = start;
    while index < tokens.len() && index - start < 5 && tokens[index].is_word() {
        let lower_index = lower(input, &tokens[index]);
        if matches!(
            lower_index.as_str(),
            "who"
                | "which"
                | "that"
                | "in"
                | "on"
                | "at"
                | "to"
                | "during"
                | "after"
                | "before"
                | "when"
        ) {
            break;
        }
        if let Some(chunk) = name_at(input, tokens, index) {
            return Some(name_source(input, tokens, &chunk));
        }
        index += 1;
    }
    None
}

/// A description opening at the determiner at `start` ("said the former aide to the
/// governor", "said a spokesman for the ministry"): its words up to the last noun that
/// describes a source, and the name of the organisation or person it belongs to.
fn description_after(input: &str, tokens: &[Token], start: usize) -> Option<Source> {
    /// Words of a description's modifiers and head ("the former deputy campaign manager").
    const DESCRIPTION_MAX_WORDS: usize = 5;
    let mut head = None;
    let mut end = start + 1;
    while end < tokens.len() && end - start <= DESCRIPTION_MAX_WORDS && tokens[end].is_word() {
        if let Some(chunk) = name_at(input, tokens, end) {
            // "the Associated Press", "a Dow spokeswoman": a name inside the description.
            let after_name = chunk.tokens.end;
            let noun_after = tokens
                .get(after_name)
                .filter(|token| token.is_word())
                .map(|token| lower(input, token))
                .filter(|noun| describes_someone(noun));
            if noun_after.is_none() {
                return Some(name_source(input, tokens, &chunk));
            }
            end = after_name;
            continue;
        }
        let next = lower(input, &tokens[end]);
        if PREPOSITIONS.contains(&next.as_str())
            || matches!(next.as_str(), "who" | "which" | "that" | "and" | "or")
            || quote_lexicon().verb(&next).is_some()
        {
            break;
        }
        if describes_someone(&next) && !is_quantity(&next) {
            head = Some(end);
        }
        end += 1;
    }
    let head = head?;
    let mut last = head + 1;
    // "… for the ministry", "… to Governor Paul Ames", "… close to both Dumases": whose
    // the source is, maybe past an adjective ("close", "familiar") and a determiner.
    let mut linking = last;
    if tokens.get(linking).is_some_and(|token| {
        token.is_word()
            && !is_capitalised(word(input, token))
            && !PREPOSITIONS.contains(&lower(input, token).as_str())
            && quote_lexicon().verb(&lower(input, token)).is_none()
    }) {
        linking += 1;
    }
    if let Some(preposition) = tokens.get(linking).filter(|token| token.is_word()) {
        if matches!(
            lower(input, preposition).as_str(),
            "for" | "of" | "at" | "to" | "with"
        ) {
            let mut owner = linking + 1;
            while tokens.get(owner).is_some_and(|token| {
                token.is_word() && {
                    let word = lower(input, token);
                    is_determiner(&word) || is_possessive_pronoun(&word) || word == "both"
                }
            }) {
                owner += 1;
            }
            if let Some(chunk) = name_at(input, tokens, owner) {
                last = chunk.tokens.end;
            }
        }
    }
    // "said the council's spokeswoman, Ann Lee,": the name the description introduces.
    if tokens.get(last).is_some_and(|token| token.is(',')) {
        if let Some(chunk) = name_at(input, tokens, last + 1) {
            return Some(name_source(input, tokens, &chunk));
        }
    }
    Some(description(
        input,
        &tokens[start..last],
        lower(input, &tokens[head]).into_owned(),
    ))
}

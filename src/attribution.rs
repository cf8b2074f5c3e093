//! Says who said each quotation and how: finds the reporting cue next to the quotation
//! (a verb after it — "…," she said / said the minister — or before it — X said: "…", X told
//! reporters "…", X said the reform would "…"; "according to X"; ", saying"; "X's remarks";
//! a colon introduction), reads the speaker next to the cue, strips titles and appositives,
//! resolves pronouns and descriptions ("he", "the president") to the article's earlier
//! mentions, lets a cue-less quotation inherit the speaker of the one just before, and gives
//! every speaker as the fullest name the article uses. It also decides each quotation's
//! kind (direct, partial, block) and drops unattributed quoted titles and nicknames.
//!
//! It reads only the words between a quotation and its neighbours, so the whole article is
//! attributed in time linear in its length.

use std::ops::Range;

use crate::quote_lexicon::{quote_lexicon, Gender};
use crate::quotes::Quotation;
use crate::report::{Quote, QuoteKind};
use crate::speakers::{
    is_capitalised, name_at, name_before, strip_possessive, tokenize, SpeakerTable, Token,
    PREPOSITIONS,
};

/// Words at most between a quotation and a cue after it in the same sentence (room for a
/// name with a long appositive: “…,” X, the chairman of …, said).
const CUE_AFTER_WINDOW: usize = 16;

/// Words at most a sentence after a quotation may have to count as its attribution when the
/// quotation itself ends a sentence (“…” Smith said.).
const SHORT_TRAILING_SENTENCE: usize = 7;

/// Longest quoted phrase (in words) that, with nothing attributing it, is read as a title,
/// nickname or scare quote rather than a quotation.
const TITLE_MAX_WORDS: usize = 6;

/// Context bytes read on each side of a quotation at most, so that a huge paragraph with a
/// few marks does not make attribution slow.
const CONTEXT_BYTES: usize = 600;

/// Words after which a verb shares the subject of the clause before ("and said", "but
/// added", "went on to say").
const CLAUSE_JOINERS: &[&str] = &["and", "but", "to", "then", "or", "before", "after"];

/// A speaker as written next to the cue, before resolution.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Name {
        name: String,
        organisation: bool,
        the: bool,
    },
    Pronoun(Gender),
    Description {
        head: String,
        text: String,
    },
}

/// A cue with the speaker found next to it.
#[derive(Debug, Clone, PartialEq)]
struct Cue {
    word: String,
    source: Option<Source>,
}

/// Attributes `quotations` (found in `paragraphs` of `input`) and converts them to the
/// report's quotes with UTF-16 offsets.
pub fn attribute(input: &str, paragraphs: &[Range<usize>], quotations: &[Quotation]) -> Vec<Quote> {
    let quoted: Vec<Range<usize>> = quotations.iter().map(|q| q.inner.clone()).collect();
    let table = SpeakerTable::build(input, paragraphs, &quoted);
    let mut quotes: Vec<(Quote, usize)> = Vec::new();
    let mut cursor = crate::offsets::Utf16Cursor::new(input);
    let mut previous: Option<(Option<String>, usize)> = None;
    let mut tokens = Vec::new();
    for (index, quotation) in quotations.iter().enumerate() {
        let paragraph = &paragraphs[quotation.first_paragraph];
        let last_paragraph = &paragraphs[quotation.last_paragraph];
        let left_bound = match index.checked_sub(1).map(|i| &quotations[i]) {
            Some(before) if before.last_paragraph == quotation.first_paragraph => before.close,
            _ => paragraph.start,
        }
        .max(quotation.open.saturating_sub(CONTEXT_BYTES));
        let right_bound = match quotations.get(index + 1) {
            Some(after) if after.first_paragraph == quotation.last_paragraph => after.open,
            _ => last_paragraph.end,
        }
        .min(quotation.close + CONTEXT_BYTES);
        let left_bound = floor_boundary(input, left_bound);
        let right_bound = ceil_boundary(input, right_bound.max(quotation.close));

        tokens.clear();
        tokenize(input, left_bound..quotation.open, &mut tokens);
        let left_all = tokens.len();
        let sentence_start = (0..tokens.len())
            .rev()
            .find(|&i| ends_sentence_at(input, &tokens, i))
            .map_or(0, |i| i + 1);
        tokenize(input, quotation.close..right_bound, &mut tokens);
        let (left, right) = tokens.split_at(left_all);
        // The sentence before the quotation's own one, in the same paragraph.
        let previous_sentence = {
            let before = &left[..sentence_start.saturating_sub(1)];
            let start = (0..before.len())
                .rev()
                .find(|&i| ends_sentence_at(input, before, i))
                .map_or(0, |i| i + 1);
            &left[start..sentence_start]
        };
        let left = &left[sentence_start..];
        let inner = &input[quotation.inner.clone()];
        let word_count = inner.split_whitespace().count();

        let ends_sentence = inner.ends_with(['.', '!', '?']) && !inner.ends_with("...");
        // "…?” he asked: a question or exclamation mark does not end the attribution's
        // sentence the way a full stop does.
        let full_stop = inner.ends_with('.') && !inner.ends_with("...");
        // A quotation opening its paragraph may be introduced by the previous one ("…
        // describes it in the following way:").
        let mut introduction = Vec::new();
        if left.is_empty() && quotation.first_paragraph > 0 && left_bound == paragraph.start {
            let previous_paragraph = &paragraphs[quotation.first_paragraph - 1];
            if input[previous_paragraph.clone()].trim_end().ends_with(':') {
                let from = floor_boundary(
                    input,
                    previous_paragraph
                        .start
                        .max(previous_paragraph.end.saturating_sub(CONTEXT_BYTES)),
                );
                tokenize(input, from..previous_paragraph.end, &mut introduction);
                let start = introduction[..introduction.len().saturating_sub(1)]
                    .iter()
                    .rposition(Token::ends_sentence)
                    .map_or(0, |i| i + 1);
                introduction.drain(..start);
            }
        }
        let left: &[Token] = if introduction.is_empty() {
            left
        } else {
            &introduction
        };
        let after_cue = cue_after(input, left, right, full_stop);
        let before_cue = cue_before(input, left, word_count);
        // A cue with its speaker in the quotation's own sentence before it (X said the
        // levy would “…”) outweighs a reporting verb of a clause that follows.
        let cue = match (after_cue, before_cue) {
            (Some(_), Some(before)) if before.source.is_some() => Some(before),
            (Some(after), _) if after.source.is_some() => Some(after),
            (after, Some(before)) if before.source.is_some() || after.is_none() => Some(before),
            (after, _) => after,
        };
        // The previous quotation ended in this sentence (“…,” she said, adding “…”).
        let same_sentence = index > 0
            && left_bound == quotations[index - 1].close
            && quotations[index - 1].last_paragraph == quotation.first_paragraph
            && sentence_start == 0;

        let mid_sentence =
            left.iter().any(Token::is_word) && !left.last().is_some_and(|token| token.is(':'));
        let starts_lower = inner
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase);
        let kind = if quotation.is_block() {
            QuoteKind::Block
        } else if starts_lower || (mid_sentence && !ends_sentence && word_count <= TITLE_MAX_WORDS)
        {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };

        let mid_or_continuing = mid_sentence && !same_sentence;
        let inherited = || {
            previous
                .as_ref()
                .and_then(|(speaker, paragraph): &(Option<String>, usize)| {
                    (quotation.first_paragraph <= paragraph + 1)
                        .then(|| speaker.clone())
                        .flatten()
                })
        };
        let (speaker, cue_word) = match cue {
            Some(cue) => {
                let position = quotation.open;
                let speaker = match cue.source {
                    // "he said" / "she added" goes on with the last speaker when the
                    // gender fits: a reporter's pronoun most often stays with who spoke.
                    Some(Source::Pronoun(gender @ (Gender::Masculine | Gender::Feminine))) => {
                        inherited()
                            .filter(|name| {
                                table.gender_of(name).is_none_or(|known| known == gender)
                            })
                            .or_else(|| table.resolve_pronoun(position, gender))
                    }
                    Some(source) => resolve(&table, source, position),
                    // A cue without a subject ("and added", ", adding") continues the
                    // previous speaker's sentence.
                    None => inherited(),
                };
                (speaker, Some(cue.word))
            }
            // A quotation opening its sentence right after an attributed one (or continuing
            // its sentence) inherits its speaker.
            // A quotation opening its sentence after one whose subject reports speech
            // ("X recalled how it began. “…”") is that subject's.
            None if !mid_or_continuing => {
                let introduced = if left.iter().any(Token::is_word) {
                    None
                } else {
                    cue_before(input, previous_sentence, word_count)
                        .and_then(|cue| cue.source)
                        .and_then(|source| resolve(&table, source, quotation.open))
                };
                let subject = || {
                    sentence_subject(input, previous_sentence)
                        .and_then(|source| resolve(&table, source, quotation.open))
                };
                (introduced.or_else(inherited).or_else(subject), None)
            }
            None => (None, None),
        };
        let attributed = speaker.is_some() || cue_word.is_some();
        if !attributed
            && word_count <= TITLE_MAX_WORDS
            && (kind == QuoteKind::Partial || is_title_case(inner))
        {
            // A title, nickname or scare quote that nothing attributes.
            continue;
        }
        if attributed {
            previous = Some((speaker.clone(), quotation.last_paragraph));
        } else if !mid_sentence {
            previous = None;
        }
        // A quotation woven into a sentence with no reporting word ("X thanked him for
        // “…”", "X slammed the plan for promoting “…”") is the words of the sentence's
        // subject.
        let speaker = speaker.or_else(|| {
            mid_sentence
                .then(|| sentence_subject(input, left))
                .flatten()
                .and_then(|source| resolve(&table, source, quotation.open))
        });
        let text = if quotation.is_block() {
            quotation
                .pieces
                .iter()
                .map(|piece| &input[piece.clone()])
                .collect::<Vec<_>>()
                .join("\n\n")
        } else {
            inner.to_string()
        };
        let start = cursor.to_utf16(quotation.inner.start);
        let end = cursor.to_utf16(quotation.inner.end);
        quotes.push((
            Quote {
                text,
                speaker,
                cue: cue_word,
                start,
                end,
                kind,
            },
            quotation.first_paragraph,
        ));
    }
    quotes.into_iter().map(|(quote, _)| quote).collect()
}

fn floor_boundary(input: &str, mut index: usize) -> usize {
    while !input.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(input: &str, mut index: usize) -> usize {
    index = index.min(input.len());
    while !input.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// Whether every word of `text` is capitalised (a title: "Saturday Night Live").
fn is_title_case(text: &str) -> bool {
    let lexicon = quote_lexicon();
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .all(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            is_capitalised(bare) || lexicon.not_names.contains(bare) || bare.len() <= 3
        })
}

/// Whether token `index` ends a sentence: a full stop, question or exclamation mark not
/// followed by a closing parenthesis, a comma or a lower-case word ("(R-Fla.) said").
fn ends_sentence_at(input: &str, tokens: &[Token], index: usize) -> bool {
    if !tokens[index].ends_sentence() {
        return false;
    }
    match tokens.get(index + 1) {
        None => true,
        Some(next) if next.is_word() => !word(input, next)
            .chars()
            .next()
            .is_some_and(char::is_lowercase),
        Some(next) => !(next.is(')') || next.is(',')),
    }
}

fn word<'a>(input: &'a str, token: &Token) -> &'a str {
    &input[token.start..token.end]
}

fn lower(input: &str, token: &Token) -> String {
    word(input, token).to_lowercase()
}

/// A cue after the quotation: "…," she said / said the minister / according to X.
fn cue_after(
    input: &str,
    left: &[Token],
    right: &[Token],
    quote_ends_sentence: bool,
) -> Option<Cue> {
    let lexicon = quote_lexicon();
    let sentence_end = (0..right.len())
        .find(|&i| ends_sentence_at(input, right, i))
        .unwrap_or(right.len());
    let sentence = &right[..sentence_end];
    if quote_ends_sentence {
        let words = sentence.iter().filter(|token| token.is_word()).count();
        if words > SHORT_TRAILING_SENTENCE {
            return None;
        }
    }
    // A dash introduces the speaker: "…" — Commissioner X.
    let mut skip = 0;
    while sentence.get(skip).is_some_and(|token| !token.is_word()) {
        if sentence[skip].is('-') && sentence.get(skip + 1).is_some() {
            if let Some(chunk) = name_at(input, sentence, skip + 1) {
                if chunk.tokens.end == sentence.len() {
                    return Some(Cue {
                        word: "—".to_string(),
                        source: Some(name_source(input, sentence, &chunk)),
                    });
                }
            }
        }
        skip += 1;
    }
    let mut words_seen = 0;
    for index in skip..sentence.len() {
        let token = &sentence[index];
        if !token.is_word() {
            continue;
        }
        words_seen += 1;
        if words_seen > CUE_AFTER_WINDOW {
            break;
        }
        let lower_word = lower(input, token);
        if lower_word == "according"
            && sentence
                .get(index + 1)
                .is_some_and(|t| lower(input, t) == "to")
        {
            return Some(Cue {
                word: "according to".to_string(),
                source: source_after(input, sentence, index + 2),
            });
        }
        let Some(verb) = lexicon.verb(&lower_word) else {
            continue;
        };
        if verb.partial_only {
            continue;
        }
        let source = if index == skip && lower_word.ends_with("ing") {
            // "…," adding / saying: the subject of the sentence before the quotation.
            sentence_subject(input, left)
        } else if index == skip {
            source_after(input, sentence, index + 1)
        } else {
            source_before(input, sentence, index, skip)
                .or_else(|| source_after(input, sentence, index + 1))
        };
        return Some(Cue {
            word: lower_word,
            source,
        });
    }
    short_clause_cue(input, &sentence[skip..])
}

/// A short clause of a name or pronoun and one verb of any kind after a quotation (“…”
/// Smith fumed. / “…” he continued. / “…” reacted Smith.): a verb the lexicon does not list
/// still attributes the quotation when the clause holds nothing else.
fn short_clause_cue(input: &str, clause: &[Token]) -> Option<Cue> {
    let lexicon = quote_lexicon();
    let words: Vec<&Token> = clause.iter().filter(|token| token.is_word()).collect();
    if words.len() < 2 || words.len() > 4 || clause.iter().any(|token| token.is(',')) {
        return None;
    }
    let verb_like = |token: &Token| {
        let text = word(input, token);
        !is_capitalised(text) && (text.ends_with("ed") || text.ends_with('s'))
    };
    let first = words[0];
    let first_lower = lower(input, first);
    let subject_first = match lexicon.pronouns.get(first_lower.as_str()) {
        Some(&gender) if matches!(first_lower.as_str(), "he" | "she") => {
            (words.len() == 2).then_some((Source::Pronoun(gender), words[1]))
        }
        Some(_) => None,
        None => name_at(input, clause, 0).and_then(|chunk| {
            let after = clause.get(chunk.tokens.end)?;
            (chunk.tokens.end + 1 == clause.len()
                || clause[chunk.tokens.end + 1..]
                    .iter()
                    .all(|token| !token.is_word()))
            .then(|| (name_source(input, clause, &chunk), after))
        }),
    };
    if let Some((source, verb)) = subject_first {
        return verb_like(verb).then(|| Cue {
            word: lower(input, verb),
            source: Some(source),
        });
    }
    // Inverted: “…” reacted Smith.
    if verb_like(first) && clause[0].is_word() {
        let chunk = name_at(input, clause, 1)?;
        let rest_is_punctuation = clause[chunk.tokens.end..].iter().all(|t| !t.is_word());
        return rest_is_punctuation.then(|| Cue {
            word: first_lower,
            source: Some(name_source(input, clause, &chunk)),
        });
    }
    None
}

/// A cue before the quotation, in the same sentence: X said: "…" / X said the reform would
/// "…" / according to X, "…" / X's remarks / X, saying "…".
fn cue_before(input: &str, left: &[Token], quote_words: usize) -> Option<Cue> {
    let lexicon = quote_lexicon();
    if left.is_empty() {
        return None;
    }
    for index in (0..left.len()).rev() {
        let token = &left[index];
        if !token.is_word() {
            continue;
        }
        let lower_word = lower(input, token);
        if lower_word == "according" && left.get(index + 1).is_some_and(|t| lower(input, t) == "to")
        {
            return Some(Cue {
                word: "according to".to_string(),
                source: source_after(input, left, index + 2),
            });
        }
        if lexicon.cue_nouns.contains(lower_word.as_str()) && index > 0 {
            // "Macron's remarks", "his statement".
            let owner = &left[index - 1];
            let owner_word = word(input, owner);
            let possessive = owner_word.ends_with("’s") || owner_word.ends_with("'s");
            let pronoun = lexicon
                .pronouns
                .get(owner_word.to_lowercase().as_str())
                .copied();
            if possessive || pronoun.is_some() {
                let source = match pronoun {
                    Some(gender) => Some(Source::Pronoun(gender)),
                    None => name_before(input, left, index)
                        .map(|chunk| name_source(input, left, &chunk)),
                };
                return Some(Cue {
                    word: lower_word,
                    source,
                });
            }
        }
        let Some(verb) = lexicon.verb(&lower_word) else {
            continue;
        };
        let distance = left[index + 1..].iter().filter(|t| t.is_word()).count();
        if verb.partial_only && (distance > 4 || quote_words > TITLE_MAX_WORDS * 2) {
            continue;
        }
        // ", saying": the speaker is the subject of the sentence.
        if lower_word.ends_with("ing") && index > 0 && left[index - 1].is(',') {
            return Some(Cue {
                word: lower_word,
                source: sentence_subject(input, &left[..index]),
            });
        }
        // The words right after a verb before the quotation are its object ("X told Fox
        // News that …"), unless the verb opens the sentence ("Said X: …").
        let opens = left[..index].iter().all(|token| !token.is_word());
        let source = source_before(input, left, index, 0)
            .or_else(|| {
                opens
                    .then(|| source_after(input, left, index + 1))
                    .flatten()
            })
            .or_else(|| {
                // "Trump joked …, but went on to say": the subject of the sentence.
                let joined = left[..index]
                    .iter()
                    .rev()
                    .find(|t| t.is_word() && !lexicon.fillers.contains(lower(input, t).as_str()));
                joined
                    .is_some_and(|t| CLAUSE_JOINERS.contains(&lower(input, t).as_str()))
                    .then(|| sentence_subject(input, &left[..index]))
                    .flatten()
            });
        return Some(Cue {
            word: lower_word,
            source,
        });
    }
    // A colon introduction: "Smith: “…”", "In a statement, the ministry wrote:".
    if left.last().is_some_and(|token| token.is(':')) {
        // A name right before the colon introduces the quotation ("… - Pollster Ann Lee:").
        let colon = left.len() - 1;
        let named = name_before(input, left, colon)
            .filter(|chunk| chunk.tokens.end == colon)
            .map(|chunk| name_source(input, left, &chunk));
        return Some(Cue {
            word: ":".to_string(),
            source: named.or_else(|| sentence_subject(input, &left[..colon])),
        });
    }
    None
}

/// Whether a sentence opening with `word` (lowercase) starts with an introductory phrase
/// rather than its subject: a preposition, a subordinating word, an adverb or a participle.
fn is_introductory(word: &str) -> bool {
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

/// The first name or pronoun of a clause (its likely subject).
fn sentence_subject(input: &str, tokens: &[Token]) -> Option<Source> {
    let lexicon = quote_lexicon();
    // An introductory phrase before the subject ("Speaking in Ohio, X said", "Like Y, X
    // argued", "Although …, X said"): the subject follows its comma.
    let opening = tokens.iter().position(Token::is_word);
    let from = match opening {
        Some(first) if is_introductory(&lower(input, &tokens[first])) => tokens[first..]
            .iter()
            .position(|token| token.is(','))
            .map_or(first, |comma| first + comma + 1),
        _ => 0,
    };
    for index in from..tokens.len() {
        let token = &tokens[index];
        if !token.is_word() {
            continue;
        }
        let lower_word = lower(input, token);
        // A name governed by a preposition is no subject ("in Florida", "of the party").
        if index > from
            && tokens[index - 1].is_word()
            && PREPOSITIONS.contains(&lower(input, &tokens[index - 1]).as_str())
        {
            continue;
        }
        if let Some(&gender) = lexicon.pronouns.get(lower_word.as_str()) {
            return Some(Source::Pronoun(gender));
        }
        if let Some(chunk) = name_at(input, tokens, index) {
            return Some(name_source(input, tokens, &chunk));
        }
        if lower_word == "the" {
            if let Some(source) = source_after(input, tokens, index) {
                return Some(source);
            }
        }
    }
    None
}

fn name_source(input: &str, tokens: &[Token], chunk: &crate::speakers::NameChunk) -> Source {
    let the = chunk.tokens.start > 0 && lower(input, &tokens[chunk.tokens.start - 1]) == "the"
        || word(input, &tokens[chunk.tokens.start]) == "The";
    Source::Name {
        name: chunk.name.clone(),
        organisation: chunk.organisation,
        the,
    }
}

/// The speaker standing right before the verb at `verb` (never before token `floor`):
/// a name, a pronoun, a description, skipping fillers ("also", "has") and an appositive
/// between commas ("Smith, a spokesman for the ministry, said").
fn source_before(input: &str, tokens: &[Token], verb: usize, floor: usize) -> Option<Source> {
    let lexicon = quote_lexicon();
    let mut end = verb;
    while end > floor
        && tokens[end - 1].is_word()
        && lexicon
            .fillers
            .contains(lower(input, &tokens[end - 1]).as_str())
    {
        end -= 1;
    }
    if end == floor {
        return None;
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
        for _ in 0..3 {
            let segment_start = (floor..segment_end)
                .rev()
                .take(20)
                .find(|&i| tokens[i].is(','))
                .map_or(floor, |i| i + 1);
            if segment_start == segment_end {
                return None;
            }
            let first = &tokens[segment_start];
            let first_lower = lower(input, first);
            let describes = !first.is_word()
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
                break;
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
fn source_ending_at(input: &str, tokens: &[Token], end: usize, floor: usize) -> Option<Source> {
    let lexicon = quote_lexicon();
    if end == floor {
        return None;
    }
    let last = &tokens[end - 1];
    if !last.is_word() {
        return None;
    }
    let lower_word = lower(input, last);
    if let Some(&gender) = lexicon.pronouns.get(lower_word.as_str()) {
        return Some(Source::Pronoun(gender));
    }
    if let Some(chunk) = name_before(input, &tokens[floor..end], end - floor) {
        let shifted = crate::speakers::NameChunk {
            tokens: chunk.tokens.start + floor..chunk.tokens.end + floor,
            ..chunk
        };
        return Some(name_source(input, tokens, &shifted));
    }
    // A description: "the president", "the French foreign ministry", "state media".
    // Anything else (a conjunction, an object) is no subject.
    let describes = lexicon.is_title(&lower_word)
        || lexicon.organisation_words.contains(lower_word.as_str())
        || lexicon.description_heads.contains(lower_word.as_str());
    if !describes {
        return None;
    }
    let mut start = end - 1;
    while start > floor && end - start < 4 && tokens[start - 1].is_word() {
        let previous = lower(input, &tokens[start - 1]);
        if matches!(previous.as_str(), "the" | "a" | "an") {
            start -= 1;
            break;
        }
        if lexicon.verb(&previous).is_some() || lexicon.fillers.contains(previous.as_str()) {
            break;
        }
        start -= 1;
    }
    let text = tokens[start..end]
        .iter()
        .map(|token| word(input, token))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Source::Description {
        head: lower_word,
        text,
    })
}

/// The speaker right after a verb: "said he", "said Sen. Ted Cruz", "said the minister",
/// "according to the Associated Press".
fn source_after(input: &str, tokens: &[Token], start: usize) -> Option<Source> {
    let lexicon = quote_lexicon();
    let first = tokens.get(start)?;
    if !first.is_word() {
        return None;
    }
    let lower_word = lower(input, first);
    if let Some(&gender) = lexicon.pronouns.get(lower_word.as_str()) {
        if matches!(
            lower_word.as_str(),
            "he" | "she" | "they" | "i" | "we" | "it"
        ) {
            return Some(Source::Pronoun(gender));
        }
        return None;
    }
    if let Some(chunk) = name_at(input, tokens, start) {
        return Some(name_source(input, tokens, &chunk));
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
    if matches!(lower_word.as_str(), "the" | "a" | "an" | "one" | "another") {
        // Up to the next punctuation or lower-case non-description word.
        let mut end = start + 1;
        while end < tokens.len() && end - start < 5 && tokens[end].is_word() {
            if let Some(chunk) = name_at(input, tokens, end) {
                return Some(name_source(input, tokens, &chunk));
            }
            let next = lower(input, &tokens[end]);
            if matches!(
                next.as_str(),
                "who" | "which" | "that" | "in" | "on" | "at" | "to" | "for" | "of"
            ) {
                break;
            }
            end += 1;
        }
        if end > start + 1 {
            let text = tokens[start..end]
                .iter()
                .map(|token| word(input, token))
                .collect::<Vec<_>>()
                .join(" ");
            return Some(Source::Description {
                head: lower(input, &tokens[end - 1]),
                text,
            });
        }
    }
    None
}

/// The speaker's name as the report gives it.
fn resolve(table: &SpeakerTable, source: Source, position: usize) -> Option<String> {
    match source {
        Source::Name {
            name,
            organisation,
            the,
        } => {
            let full = table.full_name(&name);
            if organisation && the && !full.starts_with("The ") {
                Some(format!("the {full}"))
            } else {
                Some(full)
            }
        }
        Source::Pronoun(gender) => table.resolve_pronoun(position, gender),
        Source::Description { head, text } => {
            table.resolve_description(position, &head).or_else(|| {
                let lexicon = quote_lexicon();
                // An unresolved organisation-like description names the source itself
                // ("state media", "the ministry"); a person's ("a spokesman") does not.
                let named = text.split(' ').skip(1).any(is_capitalised);
                (lexicon.organisation_words.contains(head.as_str()) || named).then_some(text)
            })
        }
    }
}

//! Quote extraction over short articles written for these tests: one test at least for each
//! case of issue 4, each checking the text, speaker, kind and that the UTF-16 slice of the
//! input at `start..end` is the quoted span (an emoji before the quote makes byte, char and
//! UTF-16 offsets differ). Plus bad input: thousands of marks, an unclosed quote, a 1 MB quote.

use article_analyzer::{extract_quotes, Quote, QuoteKind};

/// Opening paragraph with an emoji, so every quote after it sits at shifted offsets.
const LEAD: &str = "🎉 The talks in the capital ran late into the evening on Monday, and the delegations met again after a short break to settle the remaining questions of the budget.";

fn article(body: &str) -> String {
    format!("{LEAD}\n\n{body}\n\nThe meeting is due to resume next week, when both sides expect to present a joint text to the parliament for a first reading.\n")
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("offsets fall on character boundaries")
}

/// The quote whose text starts with `opening`, checked against its offsets.
fn quote<'a>(input: &str, quotes: &'a [Quote], opening: &str) -> &'a Quote {
    let found = quotes
        .iter()
        .find(|quote| quote.text.starts_with(opening))
        .unwrap_or_else(|| panic!("no quote starting {opening:?} in {quotes:#?}"));
    let slice = utf16_slice(input, found.start, found.end);
    if found.kind == QuoteKind::Block {
        assert!(slice.starts_with(found.text.split("\n\n").next().unwrap()));
        assert!(slice.ends_with(found.text.rsplit("\n\n").next().unwrap()));
    } else {
        assert_eq!(slice, found.text, "offsets must give the quoted words");
    }
    found
}

fn check(body: &str, opening: &str, text: &str, speaker: Option<&str>, kind: QuoteKind) {
    let input = article(body);
    let quotes = extract_quotes(&input);
    let found = quote(&input, &quotes, opening);
    assert_eq!(found.text, text);
    assert_eq!(found.speaker.as_deref(), speaker, "{found:#?}");
    assert_eq!(found.kind, kind, "{found:#?}");
}

#[test]
fn straight_double_quotes_with_the_cue_after() {
    check(
        "Chancellor Angela Merkel spoke to the press in Berlin. \"We will not give up on this plan,\" Merkel said.",
        "We will",
        "We will not give up on this plan,",
        Some("Angela Merkel"),
        QuoteKind::Direct,
    );
}

#[test]
fn curly_quotes_after_a_colon_introduction() {
    check(
        "Finance Minister Maria Olsen arrived late. She told reporters: “The budget is balanced and the deficit will fall next year.”",
        "The budget",
        "The budget is balanced and the deficit will fall next year.",
        Some("Maria Olsen"),
        QuoteKind::Direct,
    );
}

#[test]
fn single_curly_quotes_as_quote_marks_and_apostrophes() {
    let body = "It’s the ’90s all over again, Macron’s critics say. ‘We have seen this film before and it ends badly’, said opposition leader Paul Girard.";
    let input = article(body);
    let quotes = extract_quotes(&input);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let found = quote(&input, &quotes, "We have");
    assert_eq!(
        found.text,
        "We have seen this film before and it ends badly"
    );
    assert_eq!(found.speaker.as_deref(), Some("Paul Girard"));
    assert_eq!(found.kind, QuoteKind::Direct);
}

#[test]
fn single_quotes_nested_in_double_ones() {
    check(
        "Senator Laura Chen recalled the night. “He looked at me and said ‘never again’ before he left the room,” Chen said.",
        "He looked",
        "He looked at me and said ‘never again’ before he left the room,",
        Some("Laura Chen"),
        QuoteKind::Direct,
    );
}

#[test]
fn mismatched_and_missing_closing_marks_do_not_stop_extraction() {
    let body = "Mayor Tom Baker spoke first. “We expected more help from the state,' Baker said.\n\nLater, Baker added: “The city will cope on its own this winter.\n\nCouncilwoman Ann Ross disagreed. “The city cannot cope alone,” Ross said.";
    let input = article(body);
    let quotes = extract_quotes(&input);
    let first = quote(&input, &quotes, "We expected");
    assert_eq!(first.text, "We expected more help from the state,");
    assert_eq!(first.speaker.as_deref(), Some("Tom Baker"));
    let unclosed = quote(&input, &quotes, "The city will");
    assert_eq!(unclosed.speaker.as_deref(), Some("Tom Baker"));
    let last = quote(&input, &quotes, "The city cannot");
    assert_eq!(last.speaker.as_deref(), Some("Ann Ross"));
    assert_eq!(last.kind, QuoteKind::Direct);
}

#[test]
fn a_quote_over_several_paragraphs_is_one_block() {
    let body = "Prime Minister Erik Lund read a long statement on Sunday:\n\n“The country has come through a hard year and the government owes its people an account of it.\n\n“We will publish every figure, including the ones that do not flatter us.”";
    let input = article(body);
    let quotes = extract_quotes(&input);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let found = quote(&input, &quotes, "The country");
    assert_eq!(
        found.text,
        "The country has come through a hard year and the government owes its people an account of it.\n\nWe will publish every figure, including the ones that do not flatter us."
    );
    assert_eq!(found.speaker.as_deref(), Some("Erik Lund"));
    assert_eq!(found.kind, QuoteKind::Block);
}

#[test]
fn an_interrupted_quote_gives_two_quotes_with_one_speaker() {
    let body = "Health Secretary Joan Miller visited the hospital. “We are not there yet,” she said. “But the worst of the winter is behind us.”";
    let input = article(body);
    let quotes = extract_quotes(&input);
    let first = quote(&input, &quotes, "We are not");
    let second = quote(&input, &quotes, "But the worst");
    assert_eq!(first.speaker.as_deref(), Some("Joan Miller"));
    assert_eq!(second.speaker.as_deref(), Some("Joan Miller"));
    assert_eq!(first.kind, QuoteKind::Direct);
    assert_eq!(second.kind, QuoteKind::Direct);
}

#[test]
fn partial_quote_inside_reported_speech() {
    check(
        "Labour Minister Pierre Dumas said the reform would “open a new chapter” for workers.",
        "open a new",
        "open a new chapter",
        Some("Pierre Dumas"),
        QuoteKind::Partial,
    );
}

#[test]
fn attributed_scare_quotes_are_partial_quotes() {
    check(
        "The Foreign Ministry called the meeting “frank and useful” in a short note.",
        "frank",
        "frank and useful",
        Some("the Foreign Ministry"),
        QuoteKind::Partial,
    );
}

#[test]
fn unattributed_titles_and_nicknames_are_not_quotes() {
    let input = article(
        "Viewers of “Saturday Night Live” know the governor as “The Bulldozer” from the sketches.",
    );
    let quotes = extract_quotes(&input);
    assert!(quotes.is_empty(), "{quotes:#?}");
}

#[test]
fn inverted_order_with_a_description_resolved() {
    check(
        "Foreign Minister Jan Novak flew in on Sunday. “There is no deal without the border question,” said the minister.",
        "There is no",
        "There is no deal without the border question,",
        Some("Jan Novak"),
        QuoteKind::Direct,
    );
}

#[test]
fn according_to() {
    check(
        "“Turnout was the highest in twenty years,” according to the Electoral Commission.",
        "Turnout",
        "Turnout was the highest in twenty years,",
        Some("the Electoral Commission"),
        QuoteKind::Direct,
    );
}

#[test]
fn told_someone() {
    check(
        "Rescue chief Omar Haddad told local radio “the bridge will stay closed until the engineers have checked every pillar.”",
        "the bridge",
        "the bridge will stay closed until the engineers have checked every pillar.",
        Some("Omar Haddad"),
        QuoteKind::Partial,
    );
}

#[test]
fn said_in_a_statement() {
    check(
        "“The company regrets the delay and will refund every customer,” Northwind Energy said in a statement.",
        "The company",
        "The company regrets the delay and will refund every customer,",
        Some("Northwind Energy"),
        QuoteKind::Direct,
    );
}

#[test]
fn participle_saying() {
    check(
        "Governor Rita Alvarez rejected the proposal, saying “This plan would close half of our rural schools.”",
        "This plan",
        "This plan would close half of our rural schools.",
        Some("Rita Alvarez"),
        QuoteKind::Direct,
    );
}

#[test]
fn possessive_remarks() {
    check(
        "President Luis Ortega spoke at the summit. Ortega’s remarks, “we are all neighbours now and we must act like it,” drew applause.",
        "we are all",
        "we are all neighbours now and we must act like it,",
        Some("Luis Ortega"),
        QuoteKind::Partial,
    );
}

#[test]
fn titles_and_appositives_are_stripped() {
    check(
        "“The chancellor has full confidence in the minister,” government spokesman Steffen Seibert said.",
        "The chancellor",
        "The chancellor has full confidence in the minister,",
        Some("Steffen Seibert"),
        QuoteKind::Direct,
    );
    check(
        "“Europe must stand together in this hour,” French President Emmanuel Macron said.",
        "Europe must",
        "Europe must stand together in this hour,",
        Some("Emmanuel Macron"),
        QuoteKind::Direct,
    );
    check(
        "“The report is accurate in every detail,” Karen Holt, a spokeswoman for the agency, said.",
        "The report",
        "The report is accurate in every detail,",
        Some("Karen Holt"),
        QuoteKind::Direct,
    );
    check(
        "“The vote was counted twice and the result stands,” the Associated Press reported.",
        "The vote",
        "The vote was counted twice and the result stands,",
        Some("the Associated Press"),
        QuoteKind::Direct,
    );
}

#[test]
fn pronouns_resolve_to_earlier_mentions() {
    check(
        "Union leader Sarah Kent met the managers for three hours. “Nobody leaves this table until the pensions are safe,” she said.",
        "Nobody leaves",
        "Nobody leaves this table until the pensions are safe,",
        Some("Sarah Kent"),
        QuoteKind::Direct,
    );
}

#[test]
fn a_cue_less_quote_inherits_the_previous_speaker() {
    let body = "“We have the votes,” said Senator Mark Doyle.\n\n“The bill will pass before the summer recess, and the president will sign it.”";
    let input = article(body);
    let quotes = extract_quotes(&input);
    let second = quote(&input, &quotes, "The bill");
    assert_eq!(second.speaker.as_deref(), Some("Mark Doyle"));
    assert_eq!(second.cue, None);
}

#[test]
fn the_speaker_is_the_fullest_name_used() {
    check(
        "Emmanuel Macron arrived in Rome on Friday. Later that evening the talks broke down. “We will come back with a better offer,” Macron said.",
        "We will come",
        "We will come back with a better offer,",
        Some("Emmanuel Macron"),
        QuoteKind::Direct,
    );
}

#[test]
fn thousands_of_quote_marks() {
    let body = "She said \"we agree on this\" again. ".repeat(1000) + &"“ ’ ‘ \" ' ”".repeat(5000);
    let input = article(&body);
    // How fast is for the benchmarks to say (a test never asserts a time); this one checks
    // that every quote found is where its offsets say.
    let quotes = extract_quotes(&input);
    assert!(quotes.len() >= 1000, "{}", quotes.len());
    for found in &quotes {
        assert_eq!(utf16_slice(&input, found.start, found.end), found.text);
    }
}

#[test]
fn a_quote_never_closed() {
    let input = article("Mayor Tom Baker said: “We will rebuild the library and the school before the end of the year");
    let quotes = extract_quotes(&input);
    let found = quote(&input, &quotes, "We will rebuild");
    assert_eq!(found.speaker.as_deref(), Some("Tom Baker"));
}

#[test]
fn a_one_megabyte_quotation() {
    let words = "the people of this city deserve better than this ".repeat(20_000);
    let input = article(&format!("Mayor Tom Baker said: “{}”", words.trim_end()));
    let quotes = extract_quotes(&input);
    let found = quote(&input, &quotes, "the people");
    assert!(found.text.len() > 900_000);
    assert_eq!(found.speaker.as_deref(), Some("Tom Baker"));
}

#[test]
fn a_quote_woven_into_a_sentence_without_a_cue_is_its_subjects() {
    check(
        "Mayor Lena Brandt thanked the volunteers for “staying out in the cold when nobody else would come.”",
        "staying out",
        "staying out in the cold when nobody else would come.",
        Some("Lena Brandt"),
        QuoteKind::Partial,
    );
}

#[test]
fn a_cue_far_after_the_quote_past_a_long_appositive() {
    check(
        "“The harbour will reopen within a month,” Tom Reyes, the chairman of the regional port authority board, said on Tuesday.",
        "The harbour",
        "The harbour will reopen within a month,",
        Some("Tom Reyes"),
        QuoteKind::Direct,
    );
}

#[test]
fn an_introductory_phrase_does_not_give_the_speaker() {
    check(
        "Speaking in Denver on Friday, Senator Paul Ames praised the bill as “a long overdue fix for rural clinics.”",
        "a long overdue",
        "a long overdue fix for rural clinics.",
        Some("Paul Ames"),
        QuoteKind::Partial,
    );
    check(
        "Like Governor Walt Hale, Mayor Ines Ford backed the plan, adding that it would “bring the jobs back to the valley.”",
        "bring the jobs",
        "bring the jobs back to the valley.",
        Some("Ines Ford"),
        QuoteKind::Partial,
    );
}

#[test]
fn a_cue_before_the_quote_outweighs_a_later_clause() {
    check(
        "Councillor Ann Vega said the new levy would “double the price of bread in the city,” and her deputy Omar Lind added that the council would vote again.",
        "double the price",
        "double the price of bread in the city,",
        Some("Ann Vega"),
        QuoteKind::Partial,
    );
}

#[test]
fn the_object_of_a_reporting_verb_is_not_the_speaker() {
    check(
        "Senator Rosa Quint, D-Ore., told Channel Nine News that the vote could be “weeks away, not days.”",
        "weeks away",
        "weeks away, not days.",
        Some("Rosa Quint"),
        QuoteKind::Partial,
    );
}

#[test]
fn agreement_and_blogging_are_reporting_verbs() {
    check(
        "Economist Lara Finch agreed that the rate cut was “far too late to save the harvest season.”",
        "far too late",
        "far too late to save the harvest season.",
        Some("Lara Finch"),
        QuoteKind::Partial,
    );
    let input = article(
        "Columnist Omar Vidal blogged: “The budget office has run out of excuses and out of time.”",
    );
    let quotes = extract_quotes(&input);
    let found = quote(&input, &quotes, "The budget office");
    assert_eq!(found.cue.as_deref(), Some("blogged"));
}

#[test]
fn appositives_of_possessives_and_party_tags_are_skipped() {
    check(
        "“The campaign has never been stronger than it is today,” Nora Blake, Hale' campaign manager, said in a statement.",
        "The campaign",
        "The campaign has never been stronger than it is today,",
        Some("Nora Blake"),
        QuoteKind::Direct,
    );
    check(
        "“We will not take that bill up this year,” Senator Luis Ortega, R-Ky., said.",
        "We will not",
        "We will not take that bill up this year,",
        Some("Luis Ortega"),
        QuoteKind::Direct,
    );
}

#[test]
fn an_appositive_without_its_closing_comma() {
    check(
        "“The numbers do not add up for the challenger,” Dana Price, the analyst who runs the county survey tweeted on Sunday.",
        "The numbers",
        "The numbers do not add up for the challenger,",
        Some("Dana Price"),
        QuoteKind::Direct,
    );
}

#[test]
fn a_short_clause_with_any_verb_attributes_the_quote() {
    check(
        "Councillor Ada Moss left the hall early. “Nobody in this chamber has read the report?” Moss fumed.",
        "Nobody in",
        "Nobody in this chamber has read the report?",
        Some("Ada Moss"),
        QuoteKind::Direct,
    );
    check(
        "The senators argued for an hour. “Then we will sit here until the morning,” reacted Senator Hugo Brandt.",
        "Then we will",
        "Then we will sit here until the morning,",
        Some("Hugo Brandt"),
        QuoteKind::Direct,
    );
}

#[test]
fn a_quote_after_a_sentence_that_introduces_it() {
    // The previous sentence reports speech: its subject wins over the last speaker.
    let body = "“We will hold the line,” said Mayor Tom Hale.\n\nMia Ross, a resident, recalled how the flood began at night. “The water came through the door before anyone woke up.”";
    let input = article(body);
    let quotes = extract_quotes(&input);
    let found = quote(&input, &quotes, "The water came");
    assert_eq!(found.speaker.as_deref(), Some("Mia Ross"));
    // No reporting verb and nothing to inherit: the previous sentence's subject.
    check(
        "Ivo Salas walked the dry field at dawn. “Not a single crop will come up this year.”",
        "Not a single",
        "Not a single crop will come up this year.",
        Some("Ivo Salas"),
        QuoteKind::Direct,
    );
}

#[test]
fn a_pronoun_cue_stays_with_the_last_speaker_of_its_gender() {
    let body = "“We have a deal at last,” said Mr. Karl Berg, who thanked Mr. Paul Dorn for his patience. “It will hold for many years,” he said.";
    let input = article(body);
    let quotes = extract_quotes(&input);
    let found = quote(&input, &quotes, "It will hold");
    assert_eq!(found.speaker.as_deref(), Some("Karl Berg"));
}

#[test]
fn a_name_right_before_a_colon_introduces_the_quote() {
    check(
        "SUBURBS SHIFT TOWARD THE CHALLENGER - Ann Lee: “The suburbs have moved ten points in a single month.”",
        "The suburbs",
        "The suburbs have moved ten points in a single month.",
        Some("Ann Lee"),
        QuoteKind::Direct,
    );
}

// Speakers are names (issue 12): a phrase that happens to open a sentence, a dateline, a
// headline in capitals, a share of a poll or two names run together is never a speaker.

/// The speaker of the only quote of `body` (inside the test article), checked against its
/// offsets.
fn speaker_of(body: &str, opening: &str) -> Option<String> {
    let input = article(body);
    let quotes = extract_quotes(&input);
    quote(&input, &quotes, opening).speaker.clone()
}

#[test]
fn a_participle_phrase_opening_a_sentence_is_not_part_of_a_name() {
    let body = "Welcoming Luc Dumas as a partner, Mayor Paul Ames opened the summit in Kingston.\n\nThe two men later toured the harbour with Luc Dumas’s delegation.\n\n“We have a great deal to build together,” Dumas said.";
    assert_eq!(speaker_of(body, "We have").as_deref(), Some("Luc Dumas"));
}

#[test]
fn prepositions_opening_a_sentence_are_not_part_of_a_name() {
    for (opening, body) in [
        ("According", "According to Olsen, the budget is balanced. “Nobody has to worry about the schools,” she said."),
        ("About", "About Olsen’s plan, critics were blunt. “It will not survive the winter,” she conceded later."),
        ("Despite", "Despite Olsen’s efforts, the vote was delayed. “We will try again next week,” she said."),
    ] {
        let body = format!("Councillor Maria Olsen chaired the session.\n\n{body}");
        let input = article(&body);
        let quotes = extract_quotes(&input);
        assert_eq!(quotes.len(), 1, "{opening}: {quotes:#?}");
        assert_eq!(quotes[0].speaker.as_deref(), Some("Maria Olsen"), "{opening}");
    }
}

#[test]
fn subordinating_words_opening_a_sentence_are_not_part_of_a_name() {
    for (opening, body) in [
        (
            "Although",
            "Although Olsen had doubts, she backed the plan. “We had no better choice,” she said.",
        ),
        (
            "Though",
            "Though Olsen smiled, the mood was tense. “This is not over,” she said.",
        ),
    ] {
        let body = format!("Councillor Maria Olsen chaired the session.\n\n{body}");
        let input = article(&body);
        let quotes = extract_quotes(&input);
        assert_eq!(quotes.len(), 1, "{opening}: {quotes:#?}");
        assert_eq!(
            quotes[0].speaker.as_deref(),
            Some("Maria Olsen"),
            "{opening}"
        );
    }
}

#[test]
fn adverbs_opening_a_sentence_are_no_names() {
    for (opening, body) in [
        (
            "Even",
            "Even Olsen admitted the figures were weak. “We need more time,” she said.",
        ),
        (
            "Recently",
            "Recently, she has grown impatient. “We need a decision,” she said.",
        ),
    ] {
        let body = format!("Councillor Maria Olsen chaired the session.\n\n{body}");
        let input = article(&body);
        let quotes = extract_quotes(&input);
        assert_eq!(quotes.len(), 1, "{opening}: {quotes:#?}");
        assert_eq!(
            quotes[0].speaker.as_deref(),
            Some("Maria Olsen"),
            "{opening}"
        );
    }
}

#[test]
fn an_adjective_opening_a_sentence_is_not_a_given_name() {
    let body = "Unflappable Dumas took the stage at noon.\n\nMayor Luc Dumas then spoke to the council for an hour.\n\n“I will not resign over this,” Dumas said.";
    assert_eq!(speaker_of(body, "I will not").as_deref(), Some("Luc Dumas"));
}

#[test]
fn a_dateline_is_not_a_speaker() {
    let body = "Mayor Luc Dumas called the vote for Tuesday.\n\nKINGSTON — He told the council on Tuesday that the vote would go ahead. “We are ready,” he said.";
    assert_eq!(
        speaker_of(body, "We are ready").as_deref(),
        Some("Luc Dumas")
    );
}

#[test]
fn a_headline_in_capitals_is_not_a_speaker() {
    let body = "MORNING BRIEFING.\n\nFLOOD VICTIMS, IN THEIR OWN WORDS “We lost everything in one night and nobody came to help us.” [Daily Courier.]\n\nMore stories follow below.";
    assert_eq!(speaker_of(body, "We lost everything"), None);
}

#[test]
fn two_names_run_together_are_two_people() {
    let body = "Berg Dumas summit\n\nChancellor Anna Berg met President Luc Dumas in Lyon.\n\n“We agreed on the main points of the budget,” Dumas said.";
    assert_eq!(speaker_of(body, "We agreed").as_deref(), Some("Luc Dumas"));
}

#[test]
fn a_share_of_a_poll_is_not_a_speaker() {
    let body = "In a poll released on Monday, 62 percent of Republicans said the plan was “a step too far for the town.”";
    assert_eq!(speaker_of(body, "a step too far"), None);
}

#[test]
fn names_written_family_name_first_resolve_to_the_full_name() {
    let body = "Premier Li Qiang visited the port on Monday.\n\n“Trade will grow again this year,” Li said.";
    assert_eq!(speaker_of(body, "Trade will").as_deref(), Some("Li Qiang"));
    let body = "President Yoon Suk Yeol arrived in the capital on Monday.\n\nYoon told reporters: “We will work together on the budget.”";
    assert_eq!(
        speaker_of(body, "We will work").as_deref(),
        Some("Yoon Suk Yeol")
    );
    // The usual order still resolves a family name to the full name ending with it.
    let body = "President Emmanuel Macron arrived in the capital on Monday.\n\n“We will work together on the budget,” Macron said.";
    assert_eq!(
        speaker_of(body, "We will work").as_deref(),
        Some("Emmanuel Macron")
    );
}

#[test]
fn a_quoted_single_word_is_no_quotation_but_a_coinage_is() {
    let input = article(
        "Councillor Maria Olsen called the plan “reckless” and its author a “know-nothing” on Monday.",
    );
    let quotes = extract_quotes(&input);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let found = quote(&input, &quotes, "know-nothing");
    assert_eq!(found.speaker.as_deref(), Some("Maria Olsen"));
}

#[test]
fn an_unresolved_description_is_given_as_written() {
    let body = "The vote was close. “We are studying the text,” a spokeswoman for the town council said on Tuesday. “One voter in three stayed home,” one observer noted.";
    assert_eq!(
        speaker_of(body, "We are studying").as_deref(),
        Some("a spokeswoman for the town council")
    );
    assert_eq!(
        speaker_of(body, "One voter").as_deref(),
        Some("one observer")
    );
}

#[test]
fn a_document_speaks_for_whoever_issued_it() {
    let body = "Mayor Luc Dumas issued a statement on Monday saying the town would “rebuild every school damaged by the flood.”";
    assert_eq!(speaker_of(body, "rebuild").as_deref(), Some("Luc Dumas"));
}

#[test]
fn a_quote_alone_in_its_paragraph_is_introduced_by_the_one_before() {
    let body = "Councillor Maria Olsen is confident about the vote, in part because the budget is balanced.\n\n“Nobody has to worry about the schools this year.”";
    assert_eq!(speaker_of(body, "Nobody").as_deref(), Some("Maria Olsen"));
}

#[test]
fn an_owners_noun_followed_by_a_name_is_that_name() {
    let body = "Councillor Anna Berg was asked about the tape. Berg’s lawyer, Tom Reyes, argued that his client was not to blame: her words were “a joke among friends.”";
    assert_eq!(speaker_of(body, "a joke").as_deref(), Some("Tom Reyes"));
}

#[test]
fn a_participle_after_a_reporting_clause_takes_its_subject() {
    let body = "Councillor Maria Olsen chaired the session. The school will reopen in the spring, “if the money comes,” Olsen said, adding that the town “cannot wait any longer for the money.”";
    assert_eq!(
        speaker_of(body, "cannot wait").as_deref(),
        Some("Maria Olsen")
    );
}

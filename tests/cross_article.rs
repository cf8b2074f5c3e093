//! Cross-article results over small invented batches (`tests/batches/`, described in its
//! README): near duplicates, story groups, quote groups, and independence from input order.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use article_analyzer::{
    analyze, Batch, CrossArticle, Document, DuplicateKind, Options, QuoteRef, Report, Streamed,
};

fn batch_documents() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/batches");
    let mut docs: Vec<Document> = std::fs::read_dir(&dir)
        .expect("tests/batches exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let id = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
            Document::new(id, text)
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        docs.len(),
        7,
        "the batch described in tests/batches/README.md"
    );
    docs
}

fn report() -> Report {
    analyze(&batch_documents(), &Options::default()).expect("valid batch")
}

fn story_of<'r>(report: &'r Report, id: &str) -> &'r Vec<String> {
    report
        .story_groups
        .iter()
        .find(|group| group.iter().any(|member| member == id))
        .unwrap_or_else(|| panic!("{id} is in no story group: {:?}", report.story_groups))
}

fn same_story(report: &Report, a: &str, b: &str) -> bool {
    story_of(report, a).iter().any(|member| member == b)
}

/// The quote of `article` whose text contains `words`, as a reference.
fn quote_ref(report: &Report, article: &str, words: &str) -> QuoteRef {
    let found = report
        .articles
        .iter()
        .find(|a| a.id == article)
        .expect("article in the report");
    let quote = found
        .quotes
        .iter()
        .position(|q| q.text.contains(words))
        .unwrap_or_else(|| panic!("{article} has no quote with {words:?}: {:?}", found.quotes));
    QuoteRef::new(article, quote)
}

/// Whether `group` holds the quote `member` refers to (whatever its change says).
fn holds(group: &[QuoteRef], member: &QuoteRef) -> bool {
    group
        .iter()
        .any(|m| (m.article.as_str(), m.quote) == (member.article.as_str(), member.quote))
}

fn group_of<'r>(report: &'r Report, member: &QuoteRef) -> Option<&'r Vec<QuoteRef>> {
    report
        .quote_groups
        .iter()
        .find(|group| holds(group, member))
}

#[test]
fn a_syndicated_copy_with_a_new_headline_and_an_added_paragraph_is_a_near_duplicate() {
    let report = report();
    assert_eq!(report.duplicates.len(), 1, "{:?}", report.duplicates);
    let pair = &report.duplicates[0];
    assert_eq!(
        (pair.a.as_str(), pair.b.as_str(), pair.kind),
        (
            "summit-geneva-harbor.txt",
            "summit-geneva-syndicated.txt",
            DuplicateKind::Near
        )
    );
    assert!(
        (0.5..1.0).contains(&pair.similarity),
        "similarity {}",
        pair.similarity
    );
}

#[test]
fn an_exact_copy_under_another_id_is_an_exact_duplicate() {
    let mut docs = batch_documents();
    let copy = docs[0].text.to_uppercase();
    docs.push(Document::new("zz-copy.txt", copy));
    let report = analyze(&docs, &Options::default()).expect("valid batch");
    let exact: Vec<_> = report
        .duplicates
        .iter()
        .filter(|pair| pair.kind == DuplicateKind::Exact)
        .map(|pair| (pair.a.as_str(), pair.b.as_str(), pair.similarity))
        .collect();
    assert_eq!(exact, vec![(docs[0].id.as_str(), "zz-copy.txt", 1.0)]);
}

#[test]
fn two_outlets_reporting_one_event_in_their_own_words_are_one_story() {
    let report = report();
    assert!(same_story(
        &report,
        "summit-geneva-harbor.txt",
        "summit-geneva-courier.txt"
    ));
    assert!(same_story(
        &report,
        "summit-helsinki-harbor.txt",
        "summit-helsinki-ledger.txt"
    ));
}

#[test]
fn two_meetings_of_the_same_leaders_are_two_stories() {
    let report = report();
    for geneva in ["summit-geneva-harbor.txt", "summit-geneva-courier.txt"] {
        for helsinki in ["summit-helsinki-harbor.txt", "summit-helsinki-ledger.txt"] {
            assert!(
                !same_story(&report, geneva, helsinki),
                "{geneva} and {helsinki}: {:?}",
                report.story_groups
            );
        }
    }
}

#[test]
fn a_digest_of_ledes_about_one_event_joins_that_story_and_copies_share_it() {
    let report = report();
    let geneva = story_of(&report, "summit-geneva-harbor.txt");
    assert_eq!(
        geneva,
        &vec![
            "morning-digest.txt".to_string(),
            "summit-geneva-courier.txt".to_string(),
            "summit-geneva-harbor.txt".to_string(),
            "summit-geneva-syndicated.txt".to_string(),
        ]
    );
    assert_eq!(story_of(&report, "orchard-frost.txt").len(), 1);
}

#[test]
fn every_article_is_in_exactly_one_story_group() {
    let report = report();
    let mut members: Vec<&String> = report.story_groups.iter().flatten().collect();
    members.sort();
    let mut ids: Vec<&String> = report.articles.iter().map(|a| &a.id).collect();
    ids.sort();
    assert_eq!(members, ids);
}

#[test]
fn a_remark_quoted_in_two_translations_forms_one_quote_group() {
    let report = report();
    let harbor = quote_ref(&report, "summit-geneva-harbor.txt", "weak and divided");
    let courier = quote_ref(&report, "summit-geneva-courier.txt", "weak and divided");
    let group = group_of(&report, &harbor).expect("the remark is in a quote group");
    assert!(holds(group, &courier), "{group:?}");
    let other = quote_ref(&report, "summit-geneva-harbor.txt", "trade rather than");
    assert!(!holds(group, &other), "another remark joined: {group:?}");
}

#[test]
fn a_shorter_excerpt_of_a_quote_joins_the_longer_one() {
    let report = report();
    let long = quote_ref(&report, "summit-helsinki-harbor.txt", "three hundred years");
    let short = quote_ref(&report, "summit-helsinki-ledger.txt", "three hundred years");
    let group = group_of(&report, &long).expect("the quote is in a quote group");
    assert!(holds(group, &short), "{group:?}");
}

#[test]
fn quote_groups_span_at_least_two_articles_and_point_at_real_quotes() {
    let report = report();
    assert!(!report.quote_groups.is_empty());
    for group in &report.quote_groups {
        let mut articles: Vec<&str> = group.iter().map(|r| r.article.as_str()).collect();
        articles.dedup();
        assert!(articles.len() >= 2, "{group:?}");
        for member in group {
            let article = report
                .articles
                .iter()
                .find(|a| a.id == member.article)
                .expect("group member's article is in the report");
            assert!(member.quote < article.quotes.len());
        }
    }
}

#[test]
fn the_same_words_from_different_speakers_are_never_grouped() {
    let said = |speaker: &str| {
        format!(
            "Harbour fees will rise in spring.\n\n\"We will never accept a harbour fee that ruins the fishing fleet,\" {speaker} said on Tuesday.\n\nThe council votes next week."
        )
    };
    let docs = vec![
        Document::new("a", said("Mayor Clara Ibarra")),
        Document::new("b", said("Councillor Jonas Strand")),
        Document::new("c", said("Mayor Clara Ibarra")),
    ];
    let report = analyze(&docs, &Options::default()).expect("valid batch");
    let groups: Vec<Vec<(&str, usize)>> = report
        .quote_groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|m| (m.article.as_str(), m.quote))
                .collect()
        })
        .collect();
    assert_eq!(groups, vec![vec![("a", 0), ("c", 0)]]);
}

/// A few fixed reorderings of `items`: reversed, rotated, interleaved.
fn reorderings<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    let mut reversed = items.to_vec();
    reversed.reverse();
    let mut rotated = items.to_vec();
    rotated.rotate_left(items.len() / 2);
    let (odd, even): (Vec<_>, Vec<_>) = items
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 2 == 1);
    let interleaved = odd.into_iter().chain(even).map(|(_, item)| item).collect();
    vec![reversed, rotated, interleaved]
}

fn cross_article_of(report: Report) -> CrossArticle {
    CrossArticle {
        story_groups: report.story_groups,
        duplicates: report.duplicates,
        quote_groups: report.quote_groups,
    }
}

#[test]
fn shuffling_the_input_changes_nothing() {
    let docs = batch_documents();
    let expected = cross_article_of(report());
    for shuffled in reorderings(&docs) {
        let report = analyze(&shuffled, &Options::default()).expect("valid batch");
        let order: Vec<&str> = report.articles.iter().map(|a| a.id.as_str()).collect();
        let given: Vec<&str> = shuffled.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(order, given, "articles come back in input order");
        assert_eq!(cross_article_of(report), expected, "input order {given:?}");
    }
}

#[test]
fn a_batch_fed_one_by_one_with_removals_matches_analyze() {
    let docs = batch_documents();
    let mut batch = Batch::new(Options::default());
    for doc in &docs {
        batch.add(doc).expect("new id");
    }
    let unrelated = Document::new("extra", "A short note about nothing in particular.");
    batch.add(&unrelated).expect("new id");
    assert!(batch.add(&unrelated).is_err(), "an id already in the batch");
    assert!(batch.remove("extra"));
    assert!(!batch.remove("extra"));
    assert_eq!(batch.len(), docs.len());
    assert_eq!(batch.cross_article(), cross_article_of(report()));
}

#[test]
fn adding_many_on_several_threads_matches_adding_one_by_one() {
    let mut docs = batch_documents();
    for folder in ["calls", "quakes"] {
        docs.extend(folder_documents(folder));
    }
    // A copy under a new id (an exact duplicate), a repeated id and an empty one, so that
    // the errors are compared too.
    docs.push(Document::new("harbor-copy", docs[3].text.clone()));
    docs.insert(
        5,
        Document::new(docs[1].id.clone(), "A second article under one id."),
    );
    docs.push(Document::new("", "An article without an id."));
    let mut sequential = Batch::new(Options::default());
    let one_by_one: Vec<_> = docs.iter().map(|doc| sequential.add(doc)).collect();
    assert!(one_by_one[5].is_err() && one_by_one.last().is_some_and(Result::is_err));
    for threads in [1, 2, 3, 8] {
        let mut parallel = Batch::new(Options::default());
        // In two calls, the second repeating an id of the first.
        let (first, second) = docs.split_at(9);
        let mut results = parallel.add_many(first, threads);
        results.extend(parallel.add_many(second, threads));
        assert_eq!(results, one_by_one, "{threads} threads");
        assert_eq!(parallel.len(), sequential.len());
        assert_eq!(
            parallel.cross_article(),
            sequential.cross_article(),
            "{threads} threads"
        );
        // The duplicate search beside the story scoring gives the same results.
        assert_eq!(
            parallel.cross_article_on(threads),
            sequential.cross_article(),
            "cross_article_on({threads})"
        );
    }
    let cross = sequential.cross_article();
    assert!(
        !cross.duplicates.is_empty()
            && !cross.quote_groups.is_empty()
            && cross.story_groups.iter().any(|group| group.len() > 1),
        "the batch has duplicates, quote groups and stories of several articles"
    );
}

#[test]
fn streaming_on_several_threads_matches_adding_one_by_one() {
    let mut docs = batch_documents();
    for folder in ["calls", "quakes"] {
        docs.extend(folder_documents(folder));
    }
    // Articles of very different lengths, so that the threads finish out of order: one of
    // some 60 times an ordinary article's paragraphs early on, between short ones.
    let long_text = docs
        .iter()
        .map(|doc| doc.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
        .repeat(3);
    docs.insert(1, Document::new("long-digest", long_text));
    docs.push(Document::new("harbor-copy", docs[4].text.clone()));
    docs.insert(
        6,
        Document::new(docs[2].id.clone(), "A second article under one id."),
    );
    docs.push(Document::new("", "An article without an id."));
    let mut sequential = Batch::new(Options::default());
    let one_by_one: Vec<_> = docs.iter().map(|doc| sequential.add(doc)).collect();
    // The inputs between documents (every third place) come back in their places.
    let mut expected = Vec::new();
    for (place, result) in one_by_one.iter().enumerate() {
        if place % 3 == 0 {
            expected.push(Err(format!("between, before {place}")));
        }
        expected.push(result.clone().map_err(|error| error.to_string()));
    }
    for (threads, in_flight) in [(1, 1), (2, 2), (2, 32), (3, 4), (8, 64)] {
        let mut streamed = Batch::new(Options::default());
        let mut inputs = docs.iter().cloned().enumerate().flat_map(|(place, doc)| {
            let between =
                (place % 3 == 0).then(|| Streamed::Ready(Err(format!("between, before {place}"))));
            between.into_iter().chain([Streamed::Document(doc, place)])
        });
        let mut outputs = Vec::new();
        streamed
            .add_streamed(
                threads,
                in_flight,
                |_held| inputs.next(),
                |result, place| {
                    // What the caller passed along comes back with its own document.
                    if let Ok(article) = &result {
                        assert_eq!(article.id, docs[place].id);
                    }
                    result.map_err(|error| error.to_string())
                },
                |output| {
                    outputs.push(output);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        assert_eq!(
            outputs, expected,
            "{threads} threads, {in_flight} in flight"
        );
        assert_eq!(streamed.len(), sequential.len());
        assert_eq!(
            streamed.cross_article_on(threads),
            sequential.cross_article(),
            "{threads} threads"
        );
    }
}

/// The articles of `tests/batches/<folder>/`, in id order.
fn folder_documents(folder: &str) -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/batches")
        .join(folder);
    let mut docs: Vec<Document> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let id = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
            Document::new(id, text)
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

/// The story groups of some of the calls (by file name), analysed as a batch of their own.
fn call_groups(names: &[&str]) -> Vec<Vec<String>> {
    let docs: Vec<Document> = folder_documents("calls")
        .into_iter()
        .filter(|doc| names.contains(&doc.id.as_str()))
        .collect();
    assert_eq!(docs.len(), names.len(), "every named call exists");
    analyze(&docs, &Options::default())
        .expect("valid batch")
        .story_groups
}

fn ids(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn five_calls_between_the_same_two_leaders_are_three_stories() {
    let docs = folder_documents("calls");
    assert_eq!(
        docs.len(),
        5,
        "the calls described in tests/batches/README.md"
    );
    let report = analyze(&docs, &Options::default()).expect("valid batch");
    assert_eq!(
        report.story_groups,
        vec![
            ids(&["condolence-call.txt"]),
            ids(&["dam-call.txt"]),
            ids(&[
                "grain-call-brief.txt",
                "grain-call-tuesday.txt",
                "grain-call-yesterday.txt"
            ]),
        ]
    );
}

#[test]
fn reports_of_one_call_a_day_apart_meet_on_the_day_they_name() {
    // One says "on Tuesday" (dated Tuesday), the other "yesterday" (dated Wednesday).
    assert_eq!(
        call_groups(&["grain-call-tuesday.txt", "grain-call-yesterday.txt"]),
        vec![ids(&["grain-call-tuesday.txt", "grain-call-yesterday.txt"])]
    );
}

#[test]
fn two_calls_of_the_same_leaders_a_month_apart_are_two_stories() {
    assert_eq!(
        call_groups(&["dam-call.txt", "grain-call-tuesday.txt"]),
        vec![ids(&["dam-call.txt"]), ids(&["grain-call-tuesday.txt"])]
    );
    assert_eq!(
        call_groups(&["dam-call.txt", "grain-call-yesterday.txt"]),
        vec![ids(&["dam-call.txt"]), ids(&["grain-call-yesterday.txt"])]
    );
}

#[test]
fn a_two_paragraph_brief_joins_the_event_it_names() {
    for report in ["grain-call-tuesday.txt", "grain-call-yesterday.txt"] {
        assert_eq!(
            call_groups(&["grain-call-brief.txt", report]),
            vec![ids(&["grain-call-brief.txt", report])]
        );
    }
    // With the other calls in the batch, the brief keeps away from them too: there the
    // leaders' names are what every call shares (see the five-call test). A batch of the
    // brief and one other call alone cannot tell invented names from rare ones.
    let report = analyze(&folder_documents("calls"), &Options::default()).expect("valid batch");
    assert!(!same_story(&report, "grain-call-brief.txt", "dam-call.txt"));
    assert!(!same_story(
        &report,
        "grain-call-brief.txt",
        "condolence-call.txt"
    ));
}

#[test]
fn reordering_the_calls_changes_no_group() {
    let docs = folder_documents("calls");
    let expected = analyze(&docs, &Options::default())
        .expect("valid batch")
        .story_groups;
    for shuffled in reorderings(&docs) {
        let report = analyze(&shuffled, &Options::default()).expect("valid batch");
        assert_eq!(report.story_groups, expected);
    }
}

// Two quakes near one town, four days apart, reported without dates: the same place, the
// same seismic office, the same kind of news. Only their figures differ (4.4 at 9:27 a.m.,
// 4.6 at 2:09 a.m.); see tests/batches/README.md.

fn quake_groups(docs: &[Document]) -> Vec<Vec<String>> {
    analyze(docs, &Options::default())
        .expect("valid batch")
        .story_groups
}

#[test]
fn two_undated_quakes_in_one_town_are_told_apart_by_their_figures() {
    let docs = folder_documents("quakes");
    assert_eq!(
        docs.len(),
        5,
        "the quakes described in tests/batches/README.md"
    );
    // The two-line brief names the Thursday quake's magnitude and weekday, and joins it.
    assert_eq!(
        quake_groups(&docs),
        vec![
            ids(&["sunday-quake-gazette.txt", "sunday-quake-wire.txt"]),
            ids(&[
                "thursday-quake-brief.txt",
                "thursday-quake-gazette.txt",
                "thursday-quake-wire.txt"
            ]),
        ]
    );
    // Without the figures, their words alone make them one story: the figures are what
    // tells the two events apart.
    let without_figures: Vec<Document> = docs
        .iter()
        .map(|doc| {
            let mut text = doc.text.clone();
            for figure in ["4.4", "4.6", "9:27", "2:09"] {
                text = text.replace(figure, "");
            }
            Document::new(doc.id.clone(), text)
        })
        .collect();
    assert_eq!(quake_groups(&without_figures).len(), 1);
}

#[test]
fn reordering_the_quakes_changes_no_group() {
    let docs = folder_documents("quakes");
    let expected = quake_groups(&docs);
    for shuffled in reorderings(&docs) {
        assert_eq!(quake_groups(&shuffled), expected);
    }
}

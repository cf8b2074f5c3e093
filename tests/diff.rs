//! What changed between two texts (`diff_texts`, `diff_articles`) and how a quote changed
//! across outlets (the `change` of each quote group member), on short invented articles.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_analyzer::{
    analyze, diff_articles, diff_texts, Article, DiffKind, DiffOp, Document, Options,
    ParagraphStatus, Place, QuoteChangeLabel, Report,
};

/// `text[start..end]` in UTF-16 code units, as JavaScript's `slice` reads it.
fn slice16(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    assert!(
        start <= end && end <= units.len(),
        "[{start}, {end}) outside a text of {} UTF-16 units",
        units.len()
    );
    String::from_utf16(&units[start..end]).expect("the offsets fall on character boundaries")
}

/// The ops of `kind` as (text of a, text of b), moved or not.
fn edits(a: &str, b: &str, ops: &[DiffOp], kind: DiffKind) -> Vec<(String, String)> {
    ops.iter()
        .filter(|op| op.kind == kind)
        .map(|op| {
            (
                slice16(a, op.a_start, op.a_end),
                slice16(b, op.b_start, op.b_end),
            )
        })
        .collect()
}

/// Checks what every diff must satisfy: ops in text order on both sides; an equal op's two
/// slices the same text; the words of `a` are those of its equal and deleted ops, in order,
/// and those of `b` its equal and inserted ones.
fn assert_ops_cover_both_texts(a: &str, b: &str, ops: &[DiffOp]) {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    };
    let (mut a_words, mut b_words) = (Vec::new(), Vec::new());
    let (mut a_at, mut b_at) = (0, 0);
    for op in ops {
        assert!(
            op.a_start >= a_at && op.b_start >= b_at,
            "ops out of order: {op:?}"
        );
        let (a_part, b_part) = (
            slice16(a, op.a_start, op.a_end),
            slice16(b, op.b_start, op.b_end),
        );
        match op.kind {
            DiffKind::Equal => {
                assert_eq!(a_part, b_part, "an equal op's sides differ");
                a_words.extend(words(&a_part));
                b_words.extend(words(&b_part));
            }
            DiffKind::Delete => {
                assert!(b_part.is_empty(), "a deletion inserts {b_part:?}");
                a_words.extend(words(&a_part));
            }
            DiffKind::Insert => {
                assert!(a_part.is_empty(), "an insertion deletes {a_part:?}");
                b_words.extend(words(&b_part));
            }
        }
        a_at = op.a_end;
        b_at = op.b_end;
    }
    assert_eq!(a_words, words(a), "text a is not covered by its ops");
    assert_eq!(b_words, words(b), "text b is not covered by its ops");
    common::assert_diff_invariants(a, b, &diff_texts(a, b));
}

fn article(id: &str, title: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: id.into(),
        title: Some(title.into()),
        text: paragraphs.join("\n\n"),
        ..Article::default()
    }
}

const HARBOUR: [&str; 5] = [
    "The harbour council approved the new ferry timetable on Monday after a long debate.",
    "Ferries will leave every twenty minutes in summer and every forty minutes in winter.",
    "\u{201c}People asked for this for years,\u{201d} said councillor Mira Holm.",
    "The first boats on the new timetable sail on June 1.",
    "Fares stay the same until the end of the year, the council said.",
];

#[test]
fn a_syndicated_copy_with_a_new_headline_a_trimmed_ending_and_two_words_changed() {
    let original = article(
        "harbour-times.txt",
        "Council approves new ferry timetable",
        &HARBOUR,
    );
    let mut body = HARBOUR.to_vec();
    body[1] =
        "Ferries will leave every fifteen minutes in summer and every forty minutes in winter.";
    body[3] = "The first boats on the new timetable sail on July 1.";
    body.pop();
    let copy = article("coast-post.txt", "Ferries to run more often", &body);

    let diff = diff_articles(&original, &copy);
    assert_eq!(
        (diff.a.as_str(), diff.b.as_str()),
        ("harbour-times.txt", "coast-post.txt")
    );
    assert_ops_cover_both_texts(&original.text, &copy.text, &diff.ops);
    let title_a = original.title.as_deref().unwrap();
    let title_b = copy.title.as_deref().unwrap();
    assert_ops_cover_both_texts(title_a, title_b, &diff.title_ops);
    assert!(diff.title_ops.iter().any(|op| op.kind != DiffKind::Equal));

    // Exactly the two words, then the last paragraph.
    assert_eq!(
        edits(&original.text, &copy.text, &diff.ops, DiffKind::Delete),
        [
            ("twenty".to_string(), String::new()),
            ("June".to_string(), String::new()),
            (HARBOUR[4].to_string(), String::new()),
        ]
    );
    assert_eq!(
        edits(&original.text, &copy.text, &diff.ops, DiffKind::Insert),
        [
            (String::new(), "fifteen".to_string()),
            (String::new(), "July".to_string()),
        ]
    );
    let statuses: Vec<ParagraphStatus> = diff.a_paragraphs.iter().map(|p| p.status).collect();
    use ParagraphStatus::*;
    assert_eq!(statuses, [Unchanged, Changed, Unchanged, Changed, Removed]);

    let summary = &diff.summary;
    assert!(summary.title_changed && !summary.identical);
    assert_eq!(
        (
            summary.paragraphs_removed,
            summary.paragraphs_removed_at,
            summary.paragraphs_added,
            summary.paragraphs_moved,
            summary.paragraphs_changed,
            summary.paragraphs_unchanged,
        ),
        (1, Some(Place::End), 0, 0, 2, 2)
    );
    assert_eq!(
        (
            summary.words_changed,
            summary.words_added,
            summary.words_removed
        ),
        (2, 0, 0)
    );
    assert_eq!(
        summary.sentence,
        "Headline changed, 1 paragraph removed from the end, 2 words changed."
    );
}

#[test]
fn a_paragraph_moved_is_reported_as_moved_and_not_as_a_deletion_and_an_insertion() {
    let a = HARBOUR.join("\n\n");
    let b = [HARBOUR[0], HARBOUR[1], HARBOUR[3], HARBOUR[4], HARBOUR[2]].join("\n\n");
    let diff = diff_texts(&a, &b);
    assert_ops_cover_both_texts(&a, &b, &diff.ops);
    let moved: Vec<(DiffKind, String)> = diff
        .ops
        .iter()
        .filter(|op| op.moved)
        .map(|op| match op.kind {
            DiffKind::Insert => (op.kind, slice16(&b, op.b_start, op.b_end)),
            _ => (op.kind, slice16(&a, op.a_start, op.a_end)),
        })
        .collect();
    assert_eq!(
        moved,
        [
            (DiffKind::Delete, HARBOUR[2].to_string()),
            (DiffKind::Insert, HARBOUR[2].to_string()),
        ]
    );
    assert!(
        diff.ops
            .iter()
            .all(|op| op.kind == DiffKind::Equal || op.moved),
        "only the move changed: {:?}",
        diff.ops
    );
    assert_eq!(diff.a_paragraphs[2].status, ParagraphStatus::Moved);
    assert_eq!(diff.a_paragraphs[2].other, Some(4));
    assert_eq!(diff.b_paragraphs[4].other, Some(2));
    assert_eq!(diff.summary.paragraphs_moved, 1);
    assert_eq!(diff.summary.sentence, "1 paragraph moved.");
}

#[test]
fn a_paragraph_replaced_by_an_unrelated_one_is_removed_and_added_not_edited() {
    let a = HARBOUR.join("\n\n");
    let mut replaced = HARBOUR.to_vec();
    replaced[3] = "A storm warning for the weekend was issued by the weather office on Sunday.";
    let b = replaced.join("\n\n");
    let diff = diff_texts(&a, &b);
    assert_ops_cover_both_texts(&a, &b, &diff.ops);
    assert_eq!(diff.a_paragraphs[3].status, ParagraphStatus::Removed);
    assert_eq!(diff.b_paragraphs[3].status, ParagraphStatus::Added);
    assert_eq!(
        edits(&a, &b, &diff.ops, DiffKind::Delete),
        [(HARBOUR[3].to_string(), String::new())],
        "the shared \"the\" and \"on\" are not kept"
    );
    assert_eq!(
        diff.summary.sentence,
        "1 paragraph added in the middle, 1 paragraph removed from the middle."
    );
}

#[test]
fn two_paragraphs_added_at_the_end_are_one_insertion_of_whole_paragraphs() {
    let a = HARBOUR[..3].join("\n\n");
    let b = HARBOUR.join("\n\n");
    let diff = diff_texts(&a, &b);
    assert_ops_cover_both_texts(&a, &b, &diff.ops);
    let inserted = edits(&a, &b, &diff.ops, DiffKind::Insert);
    assert_eq!(inserted.len(), 1);
    assert_eq!(inserted[0].1.trim(), HARBOUR[3..].join("\n\n"));
    assert_eq!(diff.summary.paragraphs_added_at, Some(Place::End));
    assert_eq!(diff.summary.sentence, "2 paragraphs added at the end.");
}

#[test]
fn texts_differing_only_in_white_space_are_identical() {
    let a = HARBOUR.join("\n\n");
    let b = HARBOUR.join("\n  \n").replace(' ', "  ");
    let diff = diff_texts(&a, &b);
    assert!(diff.summary.identical);
    assert!(diff.ops.iter().all(|op| op.kind == DiffKind::Equal));
    assert_eq!(
        diff.summary.sentence,
        "No difference: the same words in the same order."
    );
    let same = article("a", "Title", &HARBOUR);
    let diff = diff_articles(
        &same,
        &Article {
            id: "b".into(),
            ..same.clone()
        },
    );
    assert!(diff.summary.identical && !diff.summary.title_changed);
    assert_eq!(diff_texts("", "").summary.sentence, "Both texts are empty.");
}

#[test]
fn a_headline_missing_on_one_side_is_added_or_removed() {
    let with = article("a", "Ferries run more often", &HARBOUR);
    let without = Article {
        title: None,
        ..with.clone()
    };
    assert_eq!(
        diff_articles(&without, &with).summary.sentence,
        "Headline added."
    );
    assert_eq!(
        diff_articles(&with, &without).summary.sentence,
        "Headline removed."
    );
}

#[test]
fn offsets_are_utf16_code_units_that_slice_the_texts_around_emoji() {
    let a = "Crowds cheered 🎉 as the ferry 🚢 left.\n\nThe café 🍰 reopened.";
    let b = "Crowds cheered 🎉 as the new ferry 🚢 left at noon.\n\nThe café 🍰 reopened.";
    let diff = diff_texts(a, b);
    assert_ops_cover_both_texts(a, b, &diff.ops);
    assert_eq!(
        edits(a, b, &diff.ops, DiffKind::Insert),
        [
            (String::new(), "new".to_string()),
            (String::new(), "at noon".to_string())
        ]
    );
    for paragraphs in [(&diff.a_paragraphs, a), (&diff.b_paragraphs, b)] {
        let (list, text) = paragraphs;
        let sliced: Vec<String> = list.iter().map(|p| slice16(text, p.start, p.end)).collect();
        let expected: Vec<String> = text.split("\n\n").map(String::from).collect();
        assert_eq!(sliced, expected);
    }
    assert_eq!(diff.summary.sentence, "3 words added.");
}

#[test]
fn unrelated_texts_are_all_removed_and_added() {
    let a = HARBOUR.join("\n\n");
    let b = [
        "The orchard growers lost half of the cherry harvest to a late frost in April.",
        "Insurers said the damage was the worst since the cold spring of 1991.",
    ]
    .join("\n\n");
    let diff = diff_texts(&a, &b);
    assert_ops_cover_both_texts(&a, &b, &diff.ops);
    assert_eq!(
        diff.summary.sentence,
        "2 paragraphs added, 5 paragraphs removed."
    );
}

// ---------------------------------------------------------------------------------------
// How a quote changed across outlets.

fn quoted(headline: &str, quote: &str, attribution: &str) -> String {
    format!(
        "{headline}\n\nThe port authority presented its plan for the northern quay on Tuesday.\n\n\u{201c}{quote}\u{201d} {attribution}.\n\nThe works start in the autumn."
    )
}

/// The change label and speaker/cue flags of each member of the one quote group, by article.
fn quote_changes(report: &Report) -> Vec<(String, QuoteChangeLabel, bool, bool)> {
    assert_eq!(report.quote_groups.len(), 1, "{:?}", report.quote_groups);
    report.quote_groups[0]
        .iter()
        .map(|member| {
            let change = member.change.expect("analyzer groups carry their change");
            (
                member.article.clone(),
                change.label,
                change.speaker_differs,
                change.cue_differs,
            )
        })
        .collect()
}

const FULL_QUOTE: &str = "We will rebuild the northern quay within two years, and every fishing boat will have its berth back before the winter storms arrive";

#[test]
fn a_quote_shortened_by_one_outlet_and_reworded_by_another_gets_both_labels() {
    let docs = [
        Document::new(
            "a-full.txt",
            quoted("Port plans new quay", FULL_QUOTE, "said harbour master Lena Brandt"),
        ),
        Document::new(
            "b-short.txt",
            quoted(
                "Quay to be rebuilt",
                "every fishing boat will have its berth back before the winter storms arrive",
                "Brandt warned",
            ),
        ),
        Document::new(
            "c-reworded.txt",
            quoted(
                "Northern quay rebuild announced",
                "We will rebuild the quay in two years and every fishing boat will get its berth back before winter",
                "harbour master Lena Brandt says",
            ),
        ),
    ];
    let report = analyze(&docs, &Options::default()).expect("valid batch");
    assert_eq!(
        quote_changes(&report),
        [
            ("a-full.txt".to_string(), QuoteChangeLabel::Reference, false, false),
            ("b-short.txt".to_string(), QuoteChangeLabel::Shortened, true, true),
            ("c-reworded.txt".to_string(), QuoteChangeLabel::Reworded, false, false),
        ],
        "\"Brandt\" is written differently from \"Lena Brandt\", \"warned\" is another verb than \"said\"; \"says\" is the same verb"
    );
    let shortened = report.quote_groups[0][1].change.unwrap();
    assert_eq!(
        (
            shortened.words_dropped,
            shortened.words_added,
            shortened.words_changed
        ),
        (10, 0, 0),
        "the ten words before \"every\" were cut"
    );
}

#[test]
fn two_translations_of_one_remark_are_a_different_translation_and_a_copy_is_identical() {
    let docs = [
        Document::new(
            "a.txt",
            quoted("Port plans new quay", FULL_QUOTE, "said harbour master Lena Brandt"),
        ),
        Document::new(
            "b.txt",
            quoted(
                "Quay plan",
                "Within a couple of years our northern quay is rebuilt; before winter storming arrives, each fishing vessel gets back its berths",
                "Lena Brandt said",
            ),
        ),
        Document::new(
            "c.txt",
            quoted(
                "Quay plan (copy)",
                &FULL_QUOTE.to_uppercase(),
                "said Lena Brandt",
            ),
        ),
    ];
    let report = analyze(&docs, &Options::default()).expect("valid batch");
    let labels: Vec<(String, QuoteChangeLabel)> = quote_changes(&report)
        .into_iter()
        .map(|(article, label, _, _)| (article, label))
        .collect();
    assert_eq!(
        labels,
        [
            ("a.txt".to_string(), QuoteChangeLabel::Reference),
            ("b.txt".to_string(), QuoteChangeLabel::DifferentTranslation),
            ("c.txt".to_string(), QuoteChangeLabel::Identical),
        ]
    );
}

#[test]
fn the_report_json_carries_each_members_change() {
    let docs = [
        Document::new(
            "a.txt",
            quoted(
                "Port plans new quay",
                FULL_QUOTE,
                "said harbour master Lena Brandt",
            ),
        ),
        Document::new("b.txt", quoted("Quay plan", FULL_QUOTE, "Lena Brandt said")),
    ];
    let report = analyze(&docs, &Options::default()).expect("valid batch");
    let json = serde_json::to_value(&report).expect("serialisable");
    let group = &json["quoteGroups"][0];
    assert_eq!(group[0]["change"]["label"], "reference");
    assert_eq!(group[1]["change"]["label"], "identical");
    for key in [
        "wordsShared",
        "wordsAdded",
        "wordsDropped",
        "wordsChanged",
        "speakerDiffers",
        "cueDiffers",
    ] {
        assert!(group[1]["change"].get(key).is_some(), "{key} missing");
    }
}

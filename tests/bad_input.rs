//! Inputs people paste by mistake or on purpose: nothing, white space, huge pastes, one
//! enormous line, binary data, broken markup, punctuation, bare bullets, Windows line
//! endings, texts over the size limit, malformed batches, and hostile HTML (100,000 nested
//! elements, a huge page, megabyte attributes, binary bytes, pages of script only, unclosed
//! comments, `<plaintext>`, broken character references). Nothing may panic, every
//! article must keep the invariants of `tests/common`, and problems must be reported as
//! warnings or errors a person understands. No test asserts a time.
// Native only: the wasm API is tested in tests/wasm_api.rs; these inputs go through
// the same library code.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_analyzer::{
    analyze, clean, clean_html, read_html_bytes, AnalyzeError, Article, BlockKind, Document,
    Options,
};

use common::{assert_invariants, utf16_len};

/// Paragraphs of article prose to build large inputs from.
const PROSE: [&str; 6] = [
    "The district council met on Tuesday evening to discuss the plan for a new bus route linking the northern estates with the hospital and the railway station.",
    "Residents who spoke at the meeting said the current service was too slow, and that many older people could not walk to the nearest stop on the main road.",
    "Officials said the route would cost about two hundred thousand pounds a year to run, and that the council hoped to share the cost with the health board.",
    "A consultation will open next month, and the council expects to make a final decision before the end of the year, after the budget has been agreed.",
    "Bus companies have been invited to bid for the contract, and two have already said they are interested in running the service with electric buses.",
    "The hospital's chief executive welcomed the plan, saying that missed appointments cost the health service money and that better transport would help.",
];

/// An article of `paragraphs` distinct paragraphs: each starts with its own number, so no
/// paragraph repeats another (repeats would rightly be dropped).
fn long_article(paragraphs: usize) -> String {
    let mut text = String::from("Council Plans New Bus Route to the Hospital\n\n");
    for index in 0..paragraphs {
        text.push_str(&format!(
            "In update {index}, {}\n\n",
            PROSE[index % PROSE.len()]
        ));
    }
    text
}

/// A short, ordinary article used as a base for broken variants.
const HARBOUR_ARTICLE: &str = "Harbour Wall Repairs Finished Early\n\n\
By Tom Baker\n\n\
March 3, 2025\n\n\
Repairs to the harbour wall at Port Allen were finished two weeks early, the harbour board said on Monday, after a winter in which storms damaged the old stonework.\n\n\
The work cost less than expected because the contractors were able to reuse most of the original granite blocks, a spokeswoman for the board said.\n\n\
Fishing boats will be able to use the inner harbour again from Wednesday.\n";

fn assert_no_text_and_a_warning(input: &str) {
    let article = clean(input);
    assert_invariants(input, &article);
    assert_eq!(article.text, "", "nothing to keep in {input:?}");
    assert!(
        !article.warnings.is_empty(),
        "{input:?} should give a warning"
    );
    assert_eq!(article.title, None);
    assert_eq!(article.author, None);
    assert_eq!(article.date, None);
}

#[test]
fn empty_text_gives_a_warning() {
    assert_no_text_and_a_warning("");
    assert!(clean("").blocks.is_empty());
}

#[test]
fn white_space_only_gives_a_warning() {
    for input in [" ", "\n\n\n", "  \t \r\n \u{a0}\n", "\u{200B}\u{FEFF}\n \n"] {
        assert_no_text_and_a_warning(input);
    }
}

#[test]
fn large_paste_of_many_paragraphs_is_cleaned_whole() {
    let input = long_article(52_000);
    assert!(input.len() > 8_000_000, "the paste is about 8 MB");
    let article = clean(&input);
    assert_invariants(&input, &article);
    let kept = article.blocks.iter().filter(|block| block.kept).count();
    assert!(
        kept >= 51_000,
        "an 8 MB article of distinct prose paragraphs should keep almost all of them, kept {kept} of {}",
        article.blocks.len()
    );
    assert!(article
        .text
        .contains("In update 0, The district council met"));
    assert!(article.text.contains("In update 51999, "));
    assert!(
        article.warnings.is_empty(),
        "no warning for a large but ordinary article: {:?}",
        article.warnings
    );
}

#[test]
fn one_megabyte_line_without_newlines() {
    let mut input = String::with_capacity(1_100_000);
    let mut index = 0;
    while input.len() < 1_000_000 {
        input.push_str(&format!(
            "In update {index}, {} ",
            PROSE[index % PROSE.len()]
        ));
        index += 1;
    }
    let input = input.trim_end().to_string();
    let article = clean(&input);
    assert_invariants(&input, &article);
    assert_eq!(article.blocks.len(), 1, "one line is one paragraph");
    assert_eq!(article.blocks[0].start, 0);
    assert_eq!(article.blocks[0].end, utf16_len(&input));
    assert!(article.blocks[0].kept, "a megabyte of prose is body text");
    assert_eq!(article.text, input);
}

/// Pseudo-random bytes (a fixed linear congruential generator, so failures reproduce),
/// with NULs and other control bytes, as when a binary file is dropped on the page.
fn binary_bytes(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    (0..length)
        .map(|index| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            if index % 7 == 0 {
                0
            } else {
                (state >> 56) as u8
            }
        })
        .collect()
}

#[test]
fn binary_data_gives_a_warning_that_it_looks_binary() {
    for length in [16, 1_000, 200_000] {
        let input = String::from_utf8_lossy(&binary_bytes(length)).into_owned();
        let article = clean(&input);
        assert_invariants(&input, &article);
        assert!(
            article
                .warnings
                .iter()
                .any(|warning| warning.contains("binary")),
            "{length} random bytes should be reported as binary: {:?}",
            article.warnings
        );
    }
}

#[test]
fn nul_bytes_inside_an_article_do_not_break_it() {
    let input = HARBOUR_ARTICLE.replace("two weeks early", "two weeks\0 early");
    let article = clean(&input);
    assert_invariants(&input, &article);
    assert!(article
        .text
        .contains("Fishing boats will be able to use the inner harbour"));
}

#[test]
fn ordinary_article_has_no_binary_warning() {
    let article = clean(HARBOUR_ARTICLE);
    assert_invariants(HARBOUR_ARTICLE, &article);
    assert!(
        article.warnings.is_empty(),
        "an ordinary article needs no warning: {:?}",
        article.warnings
    );
}

#[test]
fn unbalanced_markup_is_cleaned_without_panicking() {
    let cases = [
        // Emphasis opened and never closed.
        HARBOUR_ARTICLE.replace(
            "Repairs to the harbour wall",
            "**Repairs to the harbour wall",
        ),
        // A bold tag without its closing tag.
        HARBOUR_ARTICLE.replace("two weeks early", "<b>two weeks early"),
        // An entity without its semicolon, and one cut short at the very end.
        HARBOUR_ARTICLE.replace("less than expected", "less &amp than expected") + "&am",
        // A lone heading mark on its own line, and one at the end.
        HARBOUR_ARTICLE.replace("March 3, 2025\n\n", "March 3, 2025\n\n#\n\n") + "\n#",
        // A tag that never closes before the end of the text.
        format!("{HARBOUR_ARTICLE}<span class=\"x"),
        // An entity with a huge number, and one naming no character.
        HARBOUR_ARTICLE.replace("Wednesday", "Wednesday &#99999999999; &#xD800; &#0;"),
    ];
    for input in &cases {
        let article = clean(input);
        assert_invariants(input, &article);
        assert!(
            article
                .text
                .contains("Fishing boats will be able to use the inner harbour"),
            "the body survives broken markup in {input:?}: {:?}",
            article.text
        );
        assert!(
            !article.text.contains("**"),
            "emphasis marks are removed even when unbalanced: {:?}",
            article.text
        );
        assert!(
            !article.text.contains("<b>"),
            "formatting tags are removed even when unclosed: {:?}",
            article.text
        );
        assert!(
            !article.text.split("\n\n").any(|part| part.trim() == "#"),
            "a lone heading mark is not a paragraph: {:?}",
            article.text
        );
    }
}

#[test]
fn only_punctuation_keeps_nothing() {
    for input in [
        "!!!",
        "... --- ... \n\n ??? !!! \n\n***\n\n---",
        "“” «» ‘’ — – · • …\n\n( ) [ ] { }",
    ] {
        let article = clean(input);
        assert_invariants(input, &article);
        assert_eq!(article.text, "", "nothing to keep in {input:?}");
        assert_eq!(article.title, None, "no title in {input:?}");
    }
}

#[test]
fn only_list_bullets_keeps_nothing() {
    for input in [
        "-\n-\n-",
        "* \n* \n* \n",
        "•\n\n•\n\n•",
        "- \n+ \n• \n▪ \n◦",
    ] {
        let article = clean(input);
        assert_invariants(input, &article);
        assert_eq!(article.text, "", "nothing to keep in {input:?}");
    }
}

#[test]
fn crlf_line_endings_clean_like_lf() {
    let crlf = HARBOUR_ARTICLE.replace('\n', "\r\n");
    let lf = clean(HARBOUR_ARTICLE);
    let article = clean(&crlf);
    assert_invariants(&crlf, &article);
    assert_eq!(article.title, lf.title);
    assert_eq!(article.author, lf.author);
    assert_eq!(article.date, lf.date);
    assert_eq!(article.text, lf.text);
    assert!(!article.text.contains('\r'), "no carriage return in text");
    let kinds = |a: &article_analyzer::Article| {
        a.blocks
            .iter()
            .map(|block| (block.kind, block.kept))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&article), kinds(&lf));
    let utf16: Vec<u16> = crlf.encode_utf16().collect();
    for block in &article.blocks {
        let slice = String::from_utf16_lossy(&utf16[block.start..block.end]);
        assert!(
            !slice.ends_with('\r') && !slice.starts_with('\r'),
            "a block does not include the carriage return: {slice:?}"
        );
    }
    // Old Mac line endings (a lone CR) must at least not panic or break the invariants.
    let cr = HARBOUR_ARTICLE.replace('\n', "\r");
    assert_invariants(&cr, &clean(&cr));
}

#[test]
fn text_over_the_size_limit_is_cut_at_a_character_boundary_with_a_warning() {
    // "é" is two bytes: the limit falls inside the "é" of the body's first "café" (bytes 6
    // and 7 of the body), so the cut must step back to a character boundary.
    let headline = "Caf\u{e9} Owners Celebrate Forty Years\n\n";
    let body =
        "Le caf\u{e9} a ouvert ses portes en 1985 et n'a jamais ferm\u{e9} un seul jour depuis. "
            .repeat(200);
    let input = format!("{headline}{body}");
    let limit = headline.len() + 7;
    assert!(
        !input.is_char_boundary(limit),
        "the test needs a limit inside a character"
    );
    let options = Options {
        max_article_bytes: Some(limit),
        ..Options::default()
    };
    let report = analyze(&[Document::new("cafe", input.clone())], &options)
        .expect("one article with an id is a valid batch");
    let article = &report.articles[0];
    let kept_prefix = &input[..limit - 1];
    assert_invariants(kept_prefix, article);
    let end = article.blocks.last().map_or(0, |block| block.end);
    assert!(
        end <= utf16_len(kept_prefix),
        "no block reaches past the cut"
    );
    assert!(
        article
            .warnings
            .iter()
            .any(|warning| warning.contains(&limit.to_string())),
        "the warning should name the limit of {limit} bytes: {:?}",
        article.warnings
    );
    assert!(
        !article.text.contains("jamais"),
        "text past the limit is not analysed"
    );
}

#[test]
fn text_exactly_at_the_size_limit_is_not_cut() {
    let options = Options {
        max_article_bytes: Some(HARBOUR_ARTICLE.len()),
        ..Options::default()
    };
    let report =
        analyze(&[Document::new("harbour", HARBOUR_ARTICLE)], &options).expect("a valid batch");
    let article = &report.articles[0];
    assert!(
        article.warnings.is_empty(),
        "no cut, no warning: {:?}",
        article.warnings
    );
    assert_eq!(article.text, clean(HARBOUR_ARTICLE).text);
}

#[test]
fn tiny_size_limits_do_not_panic() {
    for limit in [0, 1, 2, 3] {
        let input = "\u{1F600}\u{e9} Harbour news";
        let options = Options {
            max_article_bytes: Some(limit),
            ..Options::default()
        };
        let report = analyze(&[Document::new("tiny", input)], &options).expect("a valid batch");
        let article = &report.articles[0];
        assert!(
            !article.warnings.is_empty(),
            "a cut at {limit} bytes gives a warning"
        );
        assert_eq!(article.text, "", "nothing fits in {limit} bytes");
    }
}

#[test]
fn duplicate_ids_are_an_error_naming_the_id() {
    let docs = [
        Document::new("harbour.txt", HARBOUR_ARTICLE),
        Document::new("other.txt", "Another article."),
        Document::new("harbour.txt", "The same id again."),
    ];
    let error = analyze(&docs, &Options::default()).expect_err("repeated ids are an error");
    assert_eq!(error, AnalyzeError::DuplicateId("harbour.txt".into()));
    let message = error.to_string();
    assert!(
        message.contains("harbour.txt") && message.contains("id"),
        "the message names the repeated id: {message}"
    );
}

#[test]
fn empty_id_is_an_error_saying_which_article() {
    let docs = [
        Document::new("first", HARBOUR_ARTICLE),
        Document::new("", "An article without a name."),
    ];
    let error = analyze(&docs, &Options::default()).expect_err("an empty id is an error");
    assert_eq!(error, AnalyzeError::EmptyId { index: 1 });
    let message = error.to_string();
    assert!(
        message.contains("empty id") && message.contains('2'),
        "the message says which article (the second) has an empty id: {message}"
    );
}

#[test]
fn empty_batch_is_an_empty_report() {
    let report = analyze(&[], &Options::default()).expect("no articles is a valid batch");
    assert!(report.articles.is_empty());
    assert!(report.story_groups.is_empty());
}

#[test]
fn empty_and_broken_texts_in_a_batch_do_not_stop_the_others() {
    let binary = String::from_utf8_lossy(&binary_bytes(500)).into_owned();
    let docs = [
        Document::new("empty", ""),
        Document::new("binary", binary),
        Document::new("harbour", HARBOUR_ARTICLE),
    ];
    let report = analyze(&docs, &Options::default()).expect("a valid batch");
    let ids: Vec<&str> = report
        .articles
        .iter()
        .map(|article| article.id.as_str())
        .collect();
    assert_eq!(ids, ["empty", "binary", "harbour"]);
    assert!(!report.articles[0].warnings.is_empty());
    assert!(!report.articles[1].warnings.is_empty());
    assert_eq!(report.articles[2].text, clean(HARBOUR_ARTICLE).text);
}

/// An article followed by a list of twenty thousand other headlines and as many photo credit
/// lines (an archive page pasted whole). Found while measuring scaling: the headline list
/// and the credit lines each made the cleaner do work quadratic in their number (a 1.4 MB
/// list of headlines took 86 s); both are now judged in one pass. This checks the verdicts;
/// `cargo run --release --example bench_bad_input` shows the speed.
#[test]
fn thousands_of_listed_headlines_and_credit_lines_are_removed() {
    let mut input = format!("{HARBOUR_ARTICLE}\n");
    for index in 0..20_000 {
        input.push_str(&format!("Council Approves Budget Number {index}\n"));
    }
    input.push('\n');
    for index in 0..20_000 {
        input.push_str(&format!("Photo: Sam Lee{index} / Reuters\n"));
    }
    let article = clean(&input);
    assert_invariants(&input, &article);
    let count = |kind: BlockKind| article.blocks.iter().filter(|b| b.kind == kind).count();
    assert_eq!(count(BlockKind::Related), 20_000, "every listed headline");
    assert_eq!(count(BlockKind::Credit), 20_000, "every credit line");
    assert_eq!(
        article.text,
        clean(HARBOUR_ARTICLE).text,
        "the article alone is kept"
    );
}

/// Cleans a page's HTML and checks the article's invariants against its source (the text
/// its offsets refer to).
fn clean_page_checked(html: &str) -> Article {
    let article = clean_html(html);
    let source = article
        .source
        .as_deref()
        .expect("a page's article has its source");
    assert_invariants(source, &article);
    article
}

/// Distinct paragraphs of prose as `<p>` elements.
fn prose_paragraphs_html(paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|index| format!("<p>In update {index}, {}</p>\n", PROSE[index % PROSE.len()]))
        .collect()
}

#[test]
fn a_hundred_thousand_nested_elements_do_not_overflow_the_stack() {
    // Nothing in the reader recurses over the tree; nesting this deep overflows recursive
    // tree builders and serialisers.
    let depth = 100_000;
    let mut html = "<div>".repeat(depth);
    html.push_str(&prose_paragraphs_html(3));
    html.push_str(&"</div>".repeat(depth));
    let article = clean_page_checked(&html);
    assert!(
        article
            .text
            .contains("In update 2, Officials said the route"),
        "the text at the bottom is read: {:?}",
        article.text
    );
    // Never closed at all, and as inline elements (each owning the text that follows it).
    let mut html = "<span><b>".repeat(depth / 2);
    html.push_str(&prose_paragraphs_html(2));
    let article = clean_page_checked(&html);
    assert!(article.text.contains("In update 1, Residents who spoke"));
}

#[test]
fn a_large_page_is_cleaned_whole() {
    let mut html = String::from("<html><head><title>Bus Route Plan</title></head><body><nav><a href=\"/\">Home</a></nav><article>");
    html.push_str(&prose_paragraphs_html(40_000));
    html.push_str("</article><footer>Copyright The District News</footer></body></html>");
    assert!(html.len() > 6_000_000, "the page is over 6 MB");
    let article = clean_page_checked(&html);
    let kept = article.blocks.iter().filter(|block| block.kept).count();
    assert!(kept >= 39_000, "kept {kept} of {}", article.blocks.len());
    assert!(article.text.contains("In update 39999, "));
    assert!(!article.text.contains("Home") && !article.text.contains("Copyright"));
}

#[test]
fn megabyte_attributes_are_read_past() {
    let long_value = "x".repeat(1_000_000);
    let html = format!(
        "<article class=\"{long_value}\" data-a=\"{long_value}\" data-a=\"dup\"><p id='{long_value}'>{}</p>\
         <p><a href=\"https://example.com/{long_value}\" title={long_value}>{}</a> {}</p></article>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let article = clean_page_checked(&html);
    assert!(article.text.contains(PROSE[0]) && article.text.contains(PROSE[2]));
    let source = article.source.as_deref().unwrap_or_default();
    assert!(
        !source.contains("xxxx"),
        "attribute values are not visible text"
    );
    // An attribute never closed swallows the rest of the page, as in a browser: no text.
    let unclosed = format!("<p class=\"{long_value}>{}</p>", PROSE[0]);
    let article = clean_page_checked(&unclosed);
    assert_eq!(article.text, "");
    assert!(!article.warnings.is_empty(), "a page without text says so");
}

#[test]
fn binary_bytes_as_a_page_are_decoded_with_a_warning() {
    let decoded = read_html_bytes(&binary_bytes(300_000));
    let warning = decoded.warning.as_deref().unwrap_or_default();
    assert!(
        warning.contains("not valid UTF-8") && warning.contains("windows-1252"),
        "the reading of undecodable bytes is named: {warning:?}"
    );
    let article = clean_page_checked(&decoded.text);
    assert!(
        !article.warnings.is_empty(),
        "binary bytes read as a page give a warning"
    );
}

#[test]
fn a_page_of_scripts_and_styles_only_keeps_nothing() {
    let html = format!(
        "<html><head><style>{}</style></head><body><script>{}</script><noscript></noscript><script src=\"app.js\"></script></body></html>",
        "p { color: red } ".repeat(10_000),
        "document.write('<p>' + \"</p>\" + '<!--'); var x = '</scr' + 'ipt>'; ".repeat(10_000)
    );
    let article = clean_page_checked(&html);
    assert_eq!(article.text, "");
    assert_eq!(article.title, None);
    assert!(!article.warnings.is_empty(), "a page without text says so");
    // A script never closed runs to the end of the page: nothing after it is text.
    let unclosed = format!("<p>{}</p><script>var a = 1; <p>{}</p>", PROSE[0], PROSE[1]);
    let article = clean_page_checked(&unclosed);
    let source = article.source.as_deref().unwrap_or_default();
    assert!(source.contains(PROSE[0]) && !source.contains(PROSE[1]));
}

#[test]
fn an_unclosed_comment_hides_the_rest_of_the_page() {
    for opening in [
        "<!--",
        "<!-- a comment <!-- nested",
        "<!",
        "<?php echo 1;",
        "<![CDATA[",
    ] {
        let html = format!(
            "<article><p>{}</p><p>{}</p>{opening}<p>{}</p>",
            PROSE[0], PROSE[1], PROSE[2]
        );
        let article = clean_page_checked(&html);
        let source = article.source.as_deref().unwrap_or_default();
        assert!(source.contains(PROSE[1]), "{opening}: {source:?}");
        // A comment runs to the end; the other markup declarations are bogus comments that
        // end at the next '>', as in a browser.
        if opening.starts_with("<!--") {
            assert!(!source.contains(PROSE[2]), "{opening}: {source:?}");
        }
    }
}

#[test]
fn plaintext_turns_the_rest_of_the_page_into_text() {
    let html = format!(
        "<p>{}</p><plaintext><p>{}</p></plaintext><script>no script here</script>",
        PROSE[0], PROSE[1]
    );
    let article = clean_page_checked(&html);
    let source = article.source.as_deref().unwrap_or_default();
    assert!(source.contains(PROSE[0]));
    // After <plaintext> nothing is markup any more: the tags are shown as written.
    assert!(
        source.contains(&format!("<p>{}</p></plaintext>", PROSE[1])),
        "{source:?}"
    );
}

#[test]
fn broken_character_references_are_read_as_browsers_read_them() {
    let html =
        "<p>Fish &amp chips &ampx &#99999999; &#xD800; &#0; &#x; &nosuch; &#128; &notit; &;</p>";
    let article = clean_page_checked(html);
    let source = article.source.as_deref().unwrap_or_default();
    // A reference past U+10FFFF, a surrogate or NUL is U+FFFD; &#128; is the windows-1252
    // euro sign; known names without their semicolon are decoded in text ("&amp",
    // "&not"), unknown ones are left as written.
    assert_eq!(
        source,
        "Fish & chips &x \u{FFFD} \u{FFFD} \u{FFFD} &#x; &nosuch; \u{20AC} \u{AC}it; &;"
    );
    let many = "&#x41;&amp;&lt;&bogus;&#;&".repeat(50_000);
    let article = clean_page_checked(&format!("<p>{many}</p>"));
    assert!(article
        .source
        .as_deref()
        .unwrap_or_default()
        .starts_with("A&<&bogus;&#;&A"));
}

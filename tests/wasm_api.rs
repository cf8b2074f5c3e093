//! The JavaScript API of the wasm package, as JavaScript sees it: the shape of the returned
//! objects, the errors thrown for bad arguments, and UTF-16 offsets. Runs in Node with
//! `wasm-pack test --node` (part of `./scripts/test.sh`).
#![cfg(target_arch = "wasm32")]

use article_analyzer::wasm::{
    analyze_js, clean_html_js, clean_js, diff_articles_js, diff_texts_js, extract_quotes_js,
    AnalysisBatch,
};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// A short article: headline, byline, two body paragraphs, a photo credit.
const BRIDGE_ARTICLE: &str = "Harbour Bridge Reopens After Repairs\n\n\
By Tom Baker\n\n\
The harbour bridge reopened to traffic on Monday after eight months of repairs to its steel cables and deck, the port authority said.\n\n\
Engineers said the work had finished under budget and two weeks ahead of the schedule agreed last spring.\n\n\
Photo: Harbour Authority";

/// Another article, on a different event.
const LIBRARY_ARTICLE: &str = "Village Library Extends Opening Hours\n\n\
The village library will open on Sunday afternoons from next month, its board announced on Thursday.\n\n\
Volunteers will staff the extra hours, and the board said it hoped to add a reading group for teenagers in the autumn.";

/// Emoji (two UTF-16 code units, four UTF-8 bytes, one char each) before and inside
/// paragraphs, so byte, char and UTF-16 offsets all differ from the second paragraph on.
const EMOJI_ARTICLE: &str = "🎉🎉 Festival Draws Record Crowd 🎉\n\n\
The summer festival 🎶 drew more than forty thousand visitors over three days, organisers said on Sunday.\n\n\
Food stalls 🍜 ran out of supplies by Saturday evening, and the organisers promised more vendors next year.";

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("cannot read {key:?}"))
}

fn get_string(object: &JsValue, key: &str) -> String {
    get(object, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key:?} is not a string"))
}

fn get_number(object: &JsValue, key: &str) -> f64 {
    get(object, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key:?} is not a number"))
}

fn get_array(object: &JsValue, key: &str) -> Array {
    let value = get(object, key);
    assert!(
        Array::is_array(&value),
        "{key:?} is not an array: {value:?}"
    );
    Array::from(&value)
}

/// Asserts `value` is a plain object (not a Map) holding exactly `keys`.
fn assert_plain_object_with_keys(value: &JsValue, keys: &[&str]) {
    assert!(value.is_object(), "not an object: {value:?}");
    let plain_prototype = Object::get_prototype_of(&Object::new().into());
    assert!(
        Object::get_prototype_of(value) == plain_prototype,
        "not a plain object (a Map?): {value:?}"
    );
    let object: &Object = value.unchecked_ref();
    let mut actual: Vec<String> = Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    actual.sort();
    let mut expected: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    expected.sort();
    assert_eq!(actual, expected);
}

fn assert_string_or_null(object: &JsValue, key: &str) {
    let value = get(object, key);
    assert!(
        value.is_null() || value.is_string(),
        "{key:?} is neither a string nor null: {value:?}"
    );
}

/// The message of the JavaScript `Error` a call threw; fails when it did not throw one.
fn thrown_message(result: Result<JsValue, JsError>) -> String {
    let error: JsValue = result.expect_err("the call should have thrown").into();
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "thrown value is not an Error: {error:?}"
    );
    String::from(js_sys::Error::from(error).message())
}

fn doc(id: &str, text: &str) -> JsValue {
    let object = Object::new();
    Reflect::set(&object, &"id".into(), &id.into()).unwrap();
    Reflect::set(&object, &"text".into(), &text.into()).unwrap();
    object.into()
}

fn html_doc(id: &str, html: &str) -> JsValue {
    let object = doc(id, html);
    Reflect::set(&object, &"format".into(), &"html".into()).unwrap();
    object
}

fn array(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
}

#[wasm_bindgen_test]
fn clean_returns_an_article_with_the_contract_fields() {
    let article = clean_js(BRIDGE_ARTICLE.into()).expect("clean should accept a string");

    assert_plain_object_with_keys(
        &article,
        &[
            "id", "title", "author", "date", "text", "blocks", "quotes", "warnings",
        ],
    );
    assert_eq!(get_string(&article, "id"), "");
    assert_string_or_null(&article, "title");
    assert_string_or_null(&article, "author");
    assert_string_or_null(&article, "date");
    assert!(get_string(&article, "text").contains("The harbour bridge reopened to traffic"));
    assert!(Array::is_array(&get(&article, "quotes")));
    assert!(Array::is_array(&get(&article, "warnings")));

    let blocks = get_array(&article, "blocks");
    assert_eq!(blocks.length(), 5, "one block per paragraph of the input");
    let mut previous_end = 0.0;
    for block in blocks.iter() {
        assert_plain_object_with_keys(&block, &["start", "end", "kind", "kept", "reason"]);
        let (start, end) = (get_number(&block, "start"), get_number(&block, "end"));
        assert!(
            previous_end <= start && start < end,
            "blocks out of order or empty: {block:?}"
        );
        previous_end = end;
        assert!(
            get(&block, "kept").as_bool().is_some(),
            "kept is not a boolean"
        );
        assert!(!get_string(&block, "kind").is_empty());
        assert!(!get_string(&block, "reason").is_empty());
    }
}

#[wasm_bindgen_test]
fn analyze_returns_one_article_per_document_in_order() {
    let docs = array(&[
        doc("bridge", BRIDGE_ARTICLE),
        doc("library", LIBRARY_ARTICLE),
    ]);
    let report = analyze_js(docs, None).expect("analyze should accept two documents");

    assert_plain_object_with_keys(
        &report,
        &["articles", "storyGroups", "duplicates", "quoteGroups"],
    );
    let ids: Vec<String> = get_array(&report, "articles")
        .iter()
        .map(|a| get_string(&a, "id"))
        .collect();
    assert_eq!(ids, ["bridge", "library"]);
    assert!(
        get_string(&get_array(&report, "articles").get(1), "text").contains("Sunday afternoons")
    );

    // storyGroups is a partition of the ids: each one exactly once.
    let mut grouped: Vec<String> = get_array(&report, "storyGroups")
        .iter()
        .flat_map(|group| {
            Array::from(&group)
                .iter()
                .map(|id| id.as_string().expect("ids are strings"))
                .collect::<Vec<_>>()
        })
        .collect();
    grouped.sort();
    assert_eq!(grouped, ["bridge", "library"]);
    get_array(&report, "duplicates");
    get_array(&report, "quoteGroups");
}

#[wasm_bindgen_test]
fn analyze_applies_options() {
    let options = Object::new();
    Reflect::set(&options, &"maxArticleBytes".into(), &JsValue::from(40)).unwrap();
    let report = analyze_js(
        array(&[doc("bridge", BRIDGE_ARTICLE)]),
        Some(options.unchecked_into()),
    )
    .expect("analyze should accept {maxArticleBytes}");
    let article = get_array(&report, "articles").get(0);
    let warnings: Vec<String> = get_array(&article, "warnings")
        .iter()
        .filter_map(|w| w.as_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("40")),
        "no warning names the limit: {warnings:?}"
    );
    assert!(!get_string(&article, "text").contains("Engineers"));
}

#[wasm_bindgen_test]
fn clean_rejects_a_number_with_a_helpful_error() {
    let message = thrown_message(clean_js(JsValue::from(42)));
    assert!(
        message.contains("string") && message.contains("number"),
        "message: {message}"
    );
}

#[wasm_bindgen_test]
fn analyze_rejects_docs_that_are_not_an_array() {
    let message = thrown_message(analyze_js(JsValue::from_str(BRIDGE_ARTICLE), None));
    assert!(message.contains("array"), "message: {message}");
}

#[wasm_bindgen_test]
fn analyze_rejects_a_document_without_text() {
    let without_text = Object::new();
    Reflect::set(&without_text, &"id".into(), &"no-text".into()).unwrap();
    let message = thrown_message(analyze_js(array(&[without_text.into()]), None));
    assert!(message.contains("text"), "message: {message}");
}

#[wasm_bindgen_test]
fn analyze_rejects_duplicate_ids() {
    let docs = array(&[
        doc("twice-used", BRIDGE_ARTICLE),
        doc("twice-used", LIBRARY_ARTICLE),
    ]);
    let message = thrown_message(analyze_js(docs, None));
    assert!(
        message.contains("twice-used") && message.contains("id"),
        "message: {message}"
    );
}

/// A document whose `text` is a getter that analyses another document first: the module is
/// entered again while it reads the outer document's fields (anything it keeps between the
/// reads, such as a cache of field names, must allow that), and both analyses work, the outer
/// one giving what the same document as plain fields gives.
#[wasm_bindgen_test]
fn a_getter_may_call_the_module_while_its_document_is_read() {
    let inner_worked = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = inner_worked.clone();
    let getter = Closure::<dyn FnMut() -> JsValue>::new(move || {
        let inner = analyze_js(array(&[doc("inner", LIBRARY_ARTICLE)]), None);
        flag.set(inner.is_ok());
        JsValue::from_str(BRIDGE_ARTICLE)
    });
    let outer = Object::new();
    Reflect::set(&outer, &"id".into(), &"outer".into()).unwrap();
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"get".into(), getter.as_ref()).unwrap();
    Object::define_property(&outer, &"text".into(), &descriptor);

    let report = analyze_js(array(&[outer.into()]), None).expect("the outer analysis");
    assert!(inner_worked.get(), "the analysis inside the getter failed");
    let plain = analyze_js(array(&[doc("outer", BRIDGE_ARTICLE)]), None).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&report).unwrap(),
        js_sys::JSON::stringify(&plain).unwrap()
    );
}

#[wasm_bindgen_test]
fn analyze_rejects_unknown_options() {
    let options = Object::new();
    Reflect::set(&options, &"maxArticleSize".into(), &JsValue::from(10)).unwrap();
    let message = thrown_message(analyze_js(
        array(&[doc("bridge", BRIDGE_ARTICLE)]),
        Some(options.unchecked_into()),
    ));
    assert!(message.contains("maxArticleSize"), "message: {message}");
}

#[wasm_bindgen_test]
fn block_offsets_are_utf16_and_slice_the_javascript_string() {
    let article = clean_js(EMOJI_ARTICLE.into()).expect("clean should accept a string");
    let input = JsString::from(EMOJI_ARTICLE);
    let paragraphs: Vec<&str> = EMOJI_ARTICLE.split("\n\n").collect();
    let blocks = get_array(&article, "blocks");
    assert_eq!(blocks.length() as usize, paragraphs.len());

    for (block, paragraph) in blocks.iter().zip(&paragraphs) {
        let (start, end) = (
            get_number(&block, "start") as u32,
            get_number(&block, "end") as u32,
        );
        assert_eq!(String::from(input.slice(start, end)), *paragraph);
    }
    // The second paragraph starts after the emoji headline: its UTF-16 offset is neither the
    // byte offset nor the char offset, so the assertion above really checks UTF-16.
    let second_start = get_number(&blocks.get(1), "start") as usize;
    let byte_start = paragraphs[0].len() + 2;
    let char_start = paragraphs[0].chars().count() + 2;
    assert_eq!(second_start, paragraphs[0].encode_utf16().count() + 2);
    assert_ne!(second_start, byte_start);
    assert_ne!(second_start, char_start);
}

/// A short article with an emoji before the quotation, so UTF-16 and byte offsets differ.
const QUOTE_ARTICLE: &str = "Harbour \u{1F6A2} ferry returns\n\n\
The harbour board approved the repairs on Tuesday after a long debate.\n\n\
\u{1F6A2} \"We have waited long enough for this ferry,\" said Helen Marsh, the board's chair.\n";

#[wasm_bindgen_test]
fn extract_quotes_returns_quotes_with_utf16_offsets() {
    let quotes =
        extract_quotes_js(QUOTE_ARTICLE.into()).expect("extractQuotes should accept a string");
    let quotes = Array::from(&quotes);
    assert_eq!(quotes.length(), 1, "one quotation in the article");
    let quote = quotes.get(0);
    assert_plain_object_with_keys(&quote, &["text", "speaker", "cue", "start", "end", "kind"]);
    assert_eq!(
        get_string(&quote, "text"),
        "We have waited long enough for this ferry,"
    );
    assert_eq!(get_string(&quote, "speaker"), "Helen Marsh");
    assert_eq!(get_string(&quote, "kind"), "direct");
    let input = JsString::from(QUOTE_ARTICLE);
    let (start, end) = (
        get_number(&quote, "start") as u32,
        get_number(&quote, "end") as u32,
    );
    assert_eq!(
        String::from(input.slice(start, end)),
        get_string(&quote, "text")
    );
}

#[wasm_bindgen_test]
fn extract_quotes_rejects_a_number_with_a_helpful_error() {
    let message = thrown_message(extract_quotes_js(JsValue::from(7)));
    assert!(
        message.contains("extractQuotes") && message.contains("string"),
        "message: {message}"
    );
}

#[wasm_bindgen_test]
fn a_batch_fed_one_by_one_gives_what_analyze_gives_and_finds_a_copy() {
    let copy =
        format!("{BRIDGE_ARTICLE}\n\nThe bridge carries about twelve thousand vehicles a day.");
    let docs = [
        doc("bridge", BRIDGE_ARTICLE),
        doc("library", LIBRARY_ARTICLE),
        doc("bridge-copy", &copy),
    ];
    let mut batch = AnalysisBatch::new(None).expect("no options is fine");
    for item in &docs {
        let article = batch.add(item.clone()).expect("a new id");
        assert_plain_object_with_keys(
            &article,
            &[
                "id", "title", "author", "date", "text", "blocks", "quotes", "warnings",
            ],
        );
    }
    assert_eq!(batch.size(), 3);
    let message = thrown_message(batch.add(doc("library", LIBRARY_ARTICLE)));
    assert!(message.contains("library"), "{message}");

    let cross = batch.cross_article().expect("cross-article results");
    assert_plain_object_with_keys(&cross, &["storyGroups", "duplicates", "quoteGroups"]);
    let report = analyze_js(array(&docs), None).expect("analyze");
    for key in ["storyGroups", "duplicates", "quoteGroups"] {
        assert_eq!(
            js_sys::JSON::stringify(&get(&cross, key)).unwrap(),
            js_sys::JSON::stringify(&get(&report, key)).unwrap(),
            "{key}"
        );
    }
    let duplicates = get_array(&cross, "duplicates");
    assert_eq!(duplicates.length(), 1);
    assert_eq!(get_string(&duplicates.get(0), "kind"), "near");

    assert!(batch.remove("bridge-copy"));
    assert!(!batch.remove("bridge-copy"));
    let cross = batch.cross_article().expect("cross-article results");
    assert_eq!(get_array(&cross, "duplicates").length(), 0);
}

#[wasm_bindgen_test]
fn an_override_restores_a_removed_block() {
    let article = clean_js(BRIDGE_ARTICLE.into()).expect("clean");
    let blocks = get_array(&article, "blocks");
    let credit = blocks
        .iter()
        .position(|b| get_string(&b, "kind") == "credit")
        .expect("the photo credit is a block");
    let with_override = doc("bridge", BRIDGE_ARTICLE);
    let correction = Object::new();
    Reflect::set(&correction, &"block".into(), &(credit as f64).into()).unwrap();
    Reflect::set(&correction, &"kept".into(), &true.into()).unwrap();
    Reflect::set(
        &with_override,
        &"overrides".into(),
        &array(&[correction.into()]),
    )
    .unwrap();
    let mut batch = AnalysisBatch::new(None).expect("batch");
    let restored = batch.add(with_override).expect("an override is accepted");
    assert!(get_string(&restored, "text").ends_with("Photo: Harbour Authority"));
    let block = get_array(&restored, "blocks").get(credit as u32);
    assert_eq!(get(&block, "kept"), JsValue::TRUE);
    assert!(get_string(&block, "reason").starts_with("restored by you"));
}

/// Checks a diff's ops as JavaScript sees them: every op a plain object with the documented
/// keys, in text order, its offsets slicing `a` and `b` (an equal op's two slices the same
/// text); returns the (kind, a slice, b slice) of each op that is not equal.
fn check_ops(ops: &Array, a: &str, b: &str) -> Vec<(String, String, String)> {
    let (a, b) = (JsString::from(a), JsString::from(b));
    let (mut a_at, mut b_at) = (0, 0);
    let mut changes = Vec::new();
    for op in ops.iter() {
        assert_plain_object_with_keys(
            &op,
            &["kind", "aStart", "aEnd", "bStart", "bEnd", "words", "moved"],
        );
        let offsets = ["aStart", "aEnd", "bStart", "bEnd"].map(|key| get_number(&op, key) as u32);
        assert!(offsets[0] >= a_at && offsets[2] >= b_at, "ops out of order");
        (a_at, b_at) = (offsets[1], offsets[3]);
        let a_slice = String::from(a.slice(offsets[0], offsets[1]));
        let b_slice = String::from(b.slice(offsets[2], offsets[3]));
        let kind = get_string(&op, "kind");
        if kind == "equal" {
            assert_eq!(a_slice, b_slice);
        } else {
            changes.push((kind, a_slice, b_slice));
        }
    }
    changes
}

#[wasm_bindgen_test]
fn diff_texts_marks_the_edits_with_utf16_offsets() {
    let a = "The festival \u{1F3B6} drew forty thousand visitors.\n\nFood stalls \u{1F35C} ran out on Saturday.";
    let b = "The festival \u{1F3B6} drew fifty thousand visitors.\n\nFood stalls \u{1F35C} ran out on Saturday.\n\nTickets for next year go on sale in May.";
    let diff = diff_texts_js(a.into(), b.into()).expect("two strings");
    assert_plain_object_with_keys(&diff, &["ops", "aParagraphs", "bParagraphs", "summary"]);
    let changes = check_ops(&get_array(&diff, "ops"), a, b);
    let expected = [
        ("delete", "forty", ""),
        ("insert", "", "fifty"),
        ("insert", "", "Tickets for next year go on sale in May."),
    ]
    .map(|(kind, a, b)| (kind.to_string(), a.to_string(), b.to_string()));
    assert_eq!(changes, expected);
    let b_paragraphs = get_array(&diff, "bParagraphs");
    let statuses: Vec<String> = b_paragraphs
        .iter()
        .map(|p| get_string(&p, "status"))
        .collect();
    assert_eq!(statuses, ["changed", "unchanged", "added"]);
    let last = b_paragraphs.get(2);
    assert_eq!(
        String::from(JsString::from(b).slice(
            get_number(&last, "start") as u32,
            get_number(&last, "end") as u32
        )),
        "Tickets for next year go on sale in May."
    );
    assert!(get(&last, "other").is_null());
    let summary = get(&diff, "summary");
    assert_eq!(
        get_string(&summary, "sentence"),
        "1 paragraph added at the end, 1 word changed."
    );
    assert_eq!(get_string(&summary, "paragraphsAddedAt"), "end");
    assert!(get(&summary, "paragraphsRemovedAt").is_null());
}

#[wasm_bindgen_test]
fn diff_articles_compares_two_articles_as_analyze_returns_them() {
    let copy = BRIDGE_ARTICLE
        .replace("Harbour Bridge Reopens After Repairs", "Bridge Open Again")
        .replace("eight months", "nine months");
    let report = analyze_js(
        array(&[doc("bridge", BRIDGE_ARTICLE), doc("bridge-copy", &copy)]),
        None,
    )
    .expect("analyze");
    let articles = get_array(&report, "articles");
    let diff = diff_articles_js(articles.get(0), articles.get(1)).expect("two articles");
    assert_plain_object_with_keys(
        &diff,
        &[
            "a",
            "b",
            "titleOps",
            "ops",
            "aParagraphs",
            "bParagraphs",
            "summary",
        ],
    );
    assert_eq!(
        (get_string(&diff, "a"), get_string(&diff, "b")),
        ("bridge".to_string(), "bridge-copy".to_string())
    );
    let (a, b) = (articles.get(0), articles.get(1));
    let changes = check_ops(
        &get_array(&diff, "ops"),
        &get_string(&a, "text"),
        &get_string(&b, "text"),
    );
    assert_eq!(
        changes,
        [
            ("delete".to_string(), "eight".to_string(), String::new()),
            ("insert".to_string(), String::new(), "nine".to_string()),
        ]
    );
    let title_changes = check_ops(
        &get_array(&diff, "titleOps"),
        &get_string(&a, "title"),
        &get_string(&b, "title"),
    );
    assert!(!title_changes.is_empty());
    let summary = get(&diff, "summary");
    assert_eq!(get(&summary, "titleChanged"), JsValue::TRUE);
    assert_eq!(
        get_string(&summary, "sentence"),
        "Headline changed, 1 word changed."
    );

    // Only the text is needed: {text} objects will do.
    let minimal = Object::new();
    Reflect::set(&minimal, &"text".into(), &"One two three.".into()).unwrap();
    let diff = diff_articles_js(minimal.clone().into(), minimal.into()).expect("{text}");
    assert_eq!(get(&get(&diff, "summary"), "identical"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn diff_functions_reject_bad_arguments_with_a_helpful_error() {
    let message = thrown_message(diff_texts_js("a text".into(), JsValue::from(3)));
    assert!(
        message.contains("diffTexts") && message.contains("second") && message.contains("number"),
        "message: {message}"
    );
    let message = thrown_message(diff_texts_js(JsValue::UNDEFINED, "b".into()));
    assert!(
        message.contains("first") && message.contains("missing"),
        "message: {message}"
    );
    let message = thrown_message(diff_articles_js("a text".into(), doc("b", "text")));
    assert!(
        message.contains("diffArticles") && message.contains("first") && message.contains("string"),
        "message: {message}"
    );
    let without_text = Object::new();
    Reflect::set(&without_text, &"id".into(), &"b".into()).unwrap();
    let message = thrown_message(diff_articles_js(doc("a", "text"), without_text.into()));
    assert!(
        message.contains("second") && message.contains("text"),
        "message: {message}"
    );
}

#[wasm_bindgen_test]
fn quote_group_members_carry_their_change() {
    let quote = |attribution: &str, words: &str| {
        format!(
            "Quay plan presented\n\nThe port authority presented its plan for the northern quay on Tuesday.\n\n\u{201c}{words}\u{201d} {attribution}.\n\nThe works start in the autumn."
        )
    };
    let full = "We will rebuild the northern quay within two years, and every fishing boat will have its berth back before the winter storms arrive";
    let short = "every fishing boat will have its berth back before the winter storms arrive";
    let report = analyze_js(
        array(&[
            doc("a", &quote("said harbour master Lena Brandt", full)),
            doc("b", &quote("Brandt warned", short)),
        ]),
        None,
    )
    .expect("analyze");
    let groups = get_array(&report, "quoteGroups");
    assert_eq!(groups.length(), 1);
    let members = Array::from(&groups.get(0));
    let changes: Vec<JsValue> = members.iter().map(|m| get(&m, "change")).collect();
    for change in &changes {
        assert_plain_object_with_keys(
            change,
            &[
                "label",
                "wordsShared",
                "wordsAdded",
                "wordsDropped",
                "wordsChanged",
                "speakerDiffers",
                "cueDiffers",
            ],
        );
    }
    assert_eq!(get_string(&changes[0], "label"), "reference");
    assert_eq!(get_string(&changes[1], "label"), "shortened");
    assert_eq!(get(&changes[1], "speakerDiffers"), JsValue::TRUE);
    assert_eq!(get(&changes[1], "cueDiffers"), JsValue::TRUE);
}

/// A short page: navigation, an article with headline, byline and three paragraphs (an emoji
/// and a quotation in the last, so UTF-16 and byte offsets differ), a list of other stories,
/// a footer, and metadata in the head.
const FERRY_PAGE: &str = r#"<!doctype html><html><head><title>Ferry Returns | Harbour Times</title>
<meta property="og:title" content="Ferry Returns to the Island">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry Returns to the Island",
 "author": {"@type": "Person", "name": "Tom Baker"}, "datePublished": "2024-05-17T08:00:00Z"}</script>
</head><body><nav><ul><li><a href="/">Home</a><li><a href="/news">News</a></ul></nav>
<article><h1>Ferry Returns to the Island</h1><p class="byline">By Tom Baker</p>
<p>The island ferry returned to service on Monday after eight months of repairs to its hull and engines, the harbour board said.</p>
<p>Passengers queued from early morning, and the first crossing left on time with every seat taken.</p>
<p>&#x1F6A2; "We have waited long enough for this ferry," said Helen Marsh, the board's chair, at the quay.</p>
</article><aside class="related"><h2>More news</h2><ul><li><a href="/a">Library opens on Sundays</a></ul></aside>
<footer><p>&copy; Harbour Times</p></footer></body></html>"#;

#[wasm_bindgen_test]
fn clean_html_reads_the_page_and_its_source_slices_by_utf16_offsets() {
    let article = clean_html_js(FERRY_PAGE.into()).expect("cleanHtml should accept a string");
    assert_plain_object_with_keys(
        &article,
        &[
            "id", "title", "author", "date", "text", "blocks", "quotes", "warnings", "source",
        ],
    );
    assert_eq!(get_string(&article, "title"), "Ferry Returns to the Island");
    assert_eq!(get_string(&article, "author"), "Tom Baker");
    assert_eq!(get_string(&article, "date"), "2024-05-17");
    let text = get_string(&article, "text");
    assert!(text.starts_with("The island ferry returned"), "{text}");
    assert!(
        !text.contains("Home") && !text.contains("Library opens"),
        "{text}"
    );
    let source = JsString::from(get(&article, "source"));
    for block in get_array(&article, "blocks").iter() {
        let (start, end) = (
            get_number(&block, "start") as u32,
            get_number(&block, "end") as u32,
        );
        assert!(start < end && end <= source.length());
        if get(&block, "kept").as_bool() == Some(true) {
            let shown = String::from(source.slice(start, end));
            assert!(text.contains(&shown), "{shown:?} is not in the text");
        }
    }
    let quotes = get_array(&article, "quotes");
    assert_eq!(quotes.length(), 1);
    let quote = quotes.get(0);
    let (start, end) = (
        get_number(&quote, "start") as u32,
        get_number(&quote, "end") as u32,
    );
    assert_eq!(
        String::from(source.slice(start, end)),
        "We have waited long enough for this ferry,"
    );
}

#[wasm_bindgen_test]
fn analyze_and_batches_take_html_documents() {
    let report = analyze_js(
        array(&[
            html_doc("ferry.html", FERRY_PAGE),
            doc("bridge", BRIDGE_ARTICLE),
        ]),
        None,
    )
    .expect("analyze should accept an html document");
    let articles = get_array(&report, "articles");
    let page = articles.get(0);
    assert_eq!(get_string(&page, "id"), "ferry.html");
    assert!(get(&page, "source").is_string());
    // Text input has no source: its offsets refer to the input itself.
    assert!(get(&articles.get(1), "source").is_undefined());

    let mut batch = AnalysisBatch::new(None).unwrap();
    let added = batch.add(html_doc("ferry.html", FERRY_PAGE)).unwrap();
    assert_eq!(get_string(&added, "text"), get_string(&page, "text"));
}

#[wasm_bindgen_test]
fn html_entry_points_reject_bad_arguments_with_a_helpful_error() {
    let message = thrown_message(clean_html_js(JsValue::from_f64(3.0)));
    assert!(
        message.contains("cleanHtml expects the page's HTML as a string"),
        "{message}"
    );
    let bad_format = doc("page", "<p>x</p>");
    Reflect::set(&bad_format, &"format".into(), &"pdf".into()).unwrap();
    let message = thrown_message(analyze_js(array(std::slice::from_ref(&bad_format)), None));
    assert!(
        message.contains("pdf") && message.contains("html"),
        "{message}"
    );
    let mut batch = AnalysisBatch::new(None).unwrap();
    let message = thrown_message(batch.add(bad_format));
    assert!(
        message.contains("pdf") && message.contains("html"),
        "{message}"
    );
}

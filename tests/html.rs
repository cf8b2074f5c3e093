//! HTML input: short pages written for these tests (tests/pages/*.html and pages inline),
//! each showing one thing the markup tells the cleaner — navigation, sidebars, captions,
//! class hints, lists of links, the article's own element, several articles on one page —
//! and each source of metadata (JSON-LD, Open Graph and other meta tags, author links,
//! `<time>`), the charset of a page's bytes, and the plumbing of `format: "html"`.

use article_analyzer::{
    analyze, clean, clean_html, read_html_bytes, read_page, Article, BlockKind, BlockOverride,
    Document, InputFormat, Options,
};

fn page(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pages")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The text a block or quote shows: its span of the article's source, by UTF-16 offsets.
fn slice(article: &Article, start: usize, end: usize) -> String {
    let source = article
        .source
        .as_deref()
        .expect("an HTML article has a source");
    let units: Vec<u16> = source.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("offsets fall between characters")
}

/// Every block as (its text, kind, kept, reason).
fn blocks(article: &Article) -> Vec<(String, BlockKind, bool, String)> {
    article
        .blocks
        .iter()
        .map(|block| {
            (
                slice(article, block.start, block.end),
                block.kind,
                block.kept,
                block.reason.to_string(),
            )
        })
        .collect()
}

/// The verdict of the block whose text starts with `opening`.
fn verdict_of(article: &Article, opening: &str) -> (BlockKind, bool, String) {
    blocks(article)
        .into_iter()
        .find(|(text, ..)| text.starts_with(opening))
        .map(|(_, kind, kept, reason)| (kind, kept, reason))
        .unwrap_or_else(|| panic!("no block starts with {opening:?}: {:#?}", blocks(article)))
}

fn removed_as(article: &Article, opening: &str, kind: BlockKind, reason_part: &str) {
    let (found_kind, kept, reason) = verdict_of(article, opening);
    assert!(!kept, "{opening:?} was kept ({reason})");
    assert_eq!(found_kind, kind, "{opening:?}: {reason}");
    assert!(
        reason.contains(reason_part),
        "{opening:?}: the reason {reason:?} does not say {reason_part:?}"
    );
}

fn kept(article: &Article, opening: &str) {
    let (kind, kept, reason) = verdict_of(article, opening);
    assert!(kept, "{opening:?} was removed as {kind:?}: {reason}");
}

#[test]
fn a_news_page_keeps_its_article_and_drops_the_furniture() {
    let article = clean_html(&page("ferry.html"));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry Returns to the Island")
    );
    assert_eq!(article.author.as_deref(), Some("Tom Baker; Ana Silva"));
    assert_eq!(article.date.as_deref(), Some("2024-05-17"));
    assert!(article
        .text
        .starts_with("The island ferry returned to service"));
    assert!(article
        .text
        .ends_with("how many people use the evening boat."));
    for opening in [
        "Passengers queued",
        "Tickets bought",
        "Four crossings a day",
        "Two on Sundays",
    ] {
        kept(&article, opening);
    }
    removed_as(&article, "Home", BlockKind::Boilerplate, "inside <nav>");
    removed_as(
        &article,
        "Harbour Times",
        BlockKind::Boilerplate,
        "inside <header>",
    );
    removed_as(
        &article,
        "The ferry leaves the quay",
        BlockKind::Caption,
        "<figcaption>",
    );
    removed_as(
        &article,
        "Share Tweet",
        BlockKind::Boilerplate,
        "class \"share\"",
    );
    removed_as(
        &article,
        "More news",
        BlockKind::Related,
        "class \"related\"",
    );
    removed_as(
        &article,
        "Library opens on Sundays",
        BlockKind::Related,
        "class \"related\"",
    );
    removed_as(
        &article,
        "© 2024 Harbour Times",
        BlockKind::Boilerplate,
        "inside <footer>",
    );
    removed_as(
        &article,
        "Ferry Returns to the Island",
        BlockKind::Title,
        "headline",
    );
    // A list item standing before prose is an item of its list, not a heading.
    assert_eq!(verdict_of(&article, "Two on Sundays").0, BlockKind::Body);
    assert!(
        !article.text.contains("not text"),
        "a script's text is not the page's"
    );
}

#[test]
fn offsets_refer_to_the_source_and_quotes_slice_it() {
    let article = clean_html(&page("ferry.html"));
    let source = article.source.clone().unwrap();
    // Blocks are separated by blank lines, in order, and each kept block is in the text.
    let mut previous_end = 0;
    for block in &article.blocks {
        assert!(previous_end <= block.start && block.start < block.end);
        previous_end = block.end;
        let shown = slice(&article, block.start, block.end);
        assert!(!shown.contains("\n\n"));
        if block.kept {
            assert!(article.text.contains(&shown), "{shown:?}");
        }
    }
    assert_eq!(
        source.split("\n\n").count(),
        article.blocks.len(),
        "one block per paragraph of the source"
    );
    let quote = &article.quotes[0];
    assert_eq!(quote.speaker.as_deref(), Some("Helen Marsh"));
    // An emoji stands before the quote: UTF-16 offsets differ from byte and char offsets.
    assert_eq!(
        slice(&article, quote.start, quote.end),
        "We have waited long enough for this ferry,"
    );
}

#[test]
fn a_blog_page_reads_class_hints_and_ignores_the_body_classes() {
    let article = clean_html(&page("council.html"));
    assert_eq!(
        article.title.as_deref(),
        Some("Council Votes to Rebuild the Old Mill")
    );
    assert_eq!(article.author.as_deref(), Some("Priya Natarajan"));
    assert_eq!(article.date.as_deref(), Some("2023-09-04"));
    // <body class="... tag-council ... comments-open"> wraps everything: its words say
    // nothing about the article inside it.
    for opening in [
        "The town council voted",
        "Seven councillors voted",
        "\"This is a building",
        "Work is due to start",
        // A line after a <br> is a block of its own, and stays in the article.
        "Residents can see the plans",
    ] {
        kept(&article, opening);
    }
    removed_as(&article, "Home", BlockKind::Boilerplate, "class \"menu\"");
    removed_as(
        &article,
        "Home » Local",
        BlockKind::Boilerplate,
        "breadcrumb",
    );
    removed_as(&article, "The old mill seen", BlockKind::Caption, "caption");
    removed_as(
        &article,
        "Bridge repairs",
        BlockKind::Related,
        "relatedposts",
    );
    removed_as(
        &article,
        "Great news for the town",
        BlockKind::Boilerplate,
        "comments",
    );
    removed_as(
        &article,
        "Valley Courier is published",
        BlockKind::Boilerplate,
        "colophon",
    );
    // A textarea's content is never text of the page.
    assert!(!article.source.as_deref().unwrap().contains("hidden"));
    assert_eq!(article.quotes.len(), 1);
    assert_eq!(article.quotes[0].speaker.as_deref(), Some("Martin Cole"));
}

#[test]
fn of_several_articles_the_largest_is_the_article_and_teasers_go() {
    let article = clean_html(&page("several.html"));
    assert_eq!(
        article.title.as_deref(),
        Some("Lighthouse Keeper Retires After Forty Years")
    );
    assert!(article.text.starts_with("For forty years Rosa Lindqvist"));
    assert!(article
        .text
        .ends_with("close the tower to visitors after this season."));
    for teaser in [
        "Seal pups",
        "Volunteers counted",
        "Pier reopens",
        "Regatta date",
    ] {
        assert!(!article.text.contains(teaser), "{teaser} was kept");
    }
    assert_eq!(
        (article.author.as_deref(), article.date.as_deref()),
        (None, None)
    );
}

#[test]
fn structure_settles_regions_the_words_alone_would_not() {
    let html = r#"<html><body>
        <form action="/search"><p>Search the archive of every story we have published since the paper was founded.</p></form>
        <div class="cookie-banner"><p>We use cookies to make the site work, and with your consent to measure how it is used.</p></div>
        <main>
        <h1>Orchard Harvest Starts Early</h1>
        <p>The apple harvest in the valley began two weeks earlier than usual this year after a warm and dry summer, growers said on Tuesday.</p>
        <table><tr><th>Variety</th><th>Start</th></tr><tr><td>Early gold</td><td>August 12</td></tr></table>
        <p>Pickers were hired early, and the cooperative opened its press a week before the usual date to keep up with the fruit.</p>
        <pre>harvest --start 2024-08-12
harvest --report</pre>
        <p>Growers expect a smaller crop than last year but larger apples, because the trees carried less fruit after the spring frost.</p>
        <div class="newsletter-signup"><p>Get the farm news in your inbox every week, free of charge.</p></div>
        <ul class="tags"><li><a href="/t/apples">apples</a><li><a href="/t/farming">farming</a></ul>
        </main>
        <div class="sidebar"><p>Our most read stories this week are collected here for you to catch up on at leisure.</p></div>
        </body></html>"#;
    let article = clean_html(html);
    removed_as(
        &article,
        "Search the archive",
        BlockKind::Boilerplate,
        "<form>",
    );
    removed_as(&article, "We use cookies", BlockKind::Boilerplate, "cookie");
    removed_as(
        &article,
        "Get the farm news",
        BlockKind::Boilerplate,
        "newsletter",
    );
    removed_as(&article, "apples", BlockKind::Boilerplate, "tag");
    removed_as(
        &article,
        "Our most read stories",
        BlockKind::Boilerplate,
        "",
    );
    for opening in [
        "The apple harvest",
        "Early gold",
        "Pickers were hired",
        "Growers expect",
    ] {
        kept(&article, opening);
    }
    // Preformatted text keeps its lines in the source and is kept whole.
    let (kind, kept_pre, reason) = verdict_of(&article, "harvest --start");
    assert!(kept_pre, "{kind:?} {reason}");
    assert!(article
        .source
        .as_deref()
        .unwrap()
        .contains("2024-08-12\nharvest --report"));
    assert_eq!(
        article.title.as_deref(),
        Some("Orchard Harvest Starts Early")
    );
}

#[test]
fn a_form_around_the_whole_page_is_no_furniture() {
    // Some site builders wrap the whole page in one <form>: it says nothing then.
    let html = "<body><form id=\"aspnetForm\"><h1>Bakery Wins Regional Prize</h1>\
        <p>The corner bakery on Mill Street won the regional prize for its rye bread on Saturday, beating forty other entries from across the county.</p>\
        <p>The owners said they would spend the prize money on a second oven so that they can bake through the night before market days.</p>\
        <p>The judges praised the crust and said the loaf kept well for several days without losing its flavour or its shape.</p>\
        </form></body>";
    let article = clean_html(html);
    assert!(
        article.text.starts_with("The corner bakery"),
        "{:#?}",
        blocks(&article)
    );
    assert!(article.text.ends_with("its flavour or its shape."));
}

#[test]
fn lists_of_links_and_link_dense_blocks_go() {
    let html = "<body><article><h1>Tram Line Extended to the Hospital</h1>\
        <p>The tram line will reach the hospital from next spring, the city transport office said, after the council approved the last section of track.</p>\
        <p>Read more: <a href=/a>Trams in winter</a> <a href=/b>Ticket prices</a> <a href=/c>New depot</a></p>\
        <p>Work on the track will close one lane of the ring road for six weeks during the summer holidays, when traffic is lightest.</p>\
        <ul><li><a href=/x>Timetable</a><li><a href=/y>Fares</a><li><a href=/z>Accessibility</a></ul>\
        </article></body>";
    let article = clean_html(html);
    let (kind, kept_links, _) = verdict_of(&article, "Read more:");
    assert!(!kept_links, "{kind:?}");
    removed_as(&article, "Timetable", BlockKind::Boilerplate, "links");
    kept(&article, "Work on the track");
}

#[test]
fn json_ld_outranks_meta_tags_and_visible_headings_show_the_headline() {
    let html = r#"<html><head>
        <title>Opinion | Why the Tide Tables Matter - Coastal Weekly</title>
        <meta property="og:title" content="Opinion | Why the Tide Tables Matter">
        <meta property="og:site_name" content="Coastal Weekly">
        <meta name="author" content="Desk Editor">
        <meta property="article:published_time" content="2022-03-01T09:00:00Z">
        <script type="application/ld+json">[{"@type": "WebSite", "name": "Coastal Weekly"},
          {"@type": "OpinionNewsArticle", "headline": "Why the Tide Tables Matter",
           "author": {"@type": "Person", "name": "Lena Ortiz"}, "datePublished": "2022-02-28T22:00:00-08:00"}]</script>
        </head><body>
        <h1>Why the Tide Tables Matter</h1>
        <p>Every spring someone is cut off by the tide on the causeway, and every spring the rescue boat goes out for them in the dark.</p>
        <p>The tables are printed at the harbour office and posted at both ends of the causeway, yet few walkers stop to read them.</p>
        </body></html>"#;
    let article = clean_html(html);
    assert_eq!(article.title.as_deref(), Some("Why the Tide Tables Matter"));
    assert_eq!(article.author.as_deref(), Some("Lena Ortiz"));
    // datePublished as written, in its own time zone, before article:published_time.
    assert_eq!(article.date.as_deref(), Some("2022-02-28"));
    removed_as(
        &article,
        "Why the Tide Tables Matter",
        BlockKind::Title,
        "headline",
    );
}

#[test]
fn meta_tags_author_links_and_time_elements_each_give_metadata() {
    let meta_only = r#"<html><head><title>Canal Boats Return | River News</title>
        <meta name="author" content="By Joe Park, River News">
        <meta property="article:published_time" content="2021-06-05T12:00:00+02:00"></head>
        <body><h2>Canal Boats Return</h2>
        <p>Narrow boats returned to the canal on Saturday after the lock gates were replaced over the winter months by a team of volunteers.</p>
        <p>The canal trust said more than sixty boats passed through the new gates on the first weekend, twice as many as expected.</p></body></html>"#;
    let article = clean_html(meta_only);
    assert_eq!(article.title.as_deref(), Some("Canal Boats Return"));
    assert_eq!(article.author.as_deref(), Some("Joe Park"));
    assert_eq!(article.date.as_deref(), Some("2021-06-05"));

    let visible_only = r#"<html><head><title>Choir Sings at the Cathedral</title></head><body>
        <article><h1>Choir Sings at the Cathedral</h1>
        <div>By <a rel="author" href="/mia">Mia Chen</a> · <time datetime="2020-12-20">Sunday</time></div>
        <p>The town choir sang at the cathedral on Sunday for the first time in three years, to a full nave and a queue outside the doors.</p>
        <p>The conductor said the choir had rehearsed every week since the autumn and had added six new voices to the tenor section.</p>
        </article>
        <aside><h2>Also this week</h2><p><a href="/x">Organ restored</a> <time datetime="2019-01-01">last year</time></p></aside>
        </body></html>"#;
    let article = clean_html(visible_only);
    assert_eq!(article.author.as_deref(), Some("Mia Chen"));
    assert_eq!(article.date.as_deref(), Some("2020-12-20"));
}

#[test]
fn a_heading_over_no_text_of_the_article_goes_with_the_furniture() {
    let html = r#"<html><head><title>Orchard Saved by Volunteers</title></head><body><main>
        <h1>Orchard Saved by Volunteers</h1>
        <p>The old orchard behind the school was saved on Saturday when forty volunteers cleared the brambles that had smothered the trees for a decade.</p>
        <h2>What grows there</h2>
        <p>Most of the trees are apple varieties planted in the nineteen-fifties, and a few pears that still fruit every other autumn.</p>
        <p>The volunteers plan to graft cuttings from the oldest trees this winter so that the varieties outlive them.</p>
        <h2>Keep up with the orchard</h2>
        <h3>Our letter, every month</h3>
        <form><p>Email address</p><button>Subscribe</button></form>
        </main></body></html>"#;
    let article = clean_html(html);
    kept(&article, "What grows there");
    let (_, kept_it, _) = verdict_of(&article, "Keep up with the orchard");
    assert!(!kept_it, "{:?}", blocks(&article));
    let (_, kept_it, _) = verdict_of(&article, "Our letter, every month");
    assert!(!kept_it, "{:?}", blocks(&article));
    assert!(!article.text.contains("Keep up"), "{}", article.text);
}

#[test]
fn a_line_in_an_element_called_the_byline_is_the_byline() {
    let html = r#"<html><head><title>Bridge Closed for Repairs</title></head><body><article>
        <h1>Bridge Closed for Repairs</h1>
        <div class="story-byline"><span>Ann Lee and Tom Ward</span> <span>VALLEY POST</span></div>
        <p>The river bridge closed on Monday for six weeks of repairs to its deck, and drivers were sent on a detour through the town centre.</p>
        <p>Engineers found cracks in the concrete during an inspection in the spring and said the work could not wait until next year.</p>
        </article></body></html>"#;
    let article = clean_html(html);
    removed_as(
        &article,
        "Ann Lee and Tom Ward",
        BlockKind::Byline,
        "byline",
    );
    assert!(!article.text.contains("VALLEY POST"), "{}", article.text);
}

#[test]
fn the_date_the_page_shows_wins_only_when_the_markup_states_it() {
    let updated = r#"<html><head><title>Ferry Timetable Changes</title>
        <meta property="article:published_time" content="2021-04-02T08:00:00Z">
        <meta property="article:modified_time" content="2021-04-09T17:30:00Z"></head><body>
        <article><h1>Ferry Timetable Changes</h1>
        <p>Updated April 9, 2021</p>
        <p>The island ferry will sail twice more each weekday from May, the operator said, after a second boat was leased for the summer.</p>
        <p>Passengers asked for an earlier crossing for years, and the first boat will now leave the harbour at six in the morning.</p>
        </article></body></html>"#;
    let article = clean_html(updated);
    assert_eq!(article.date.as_deref(), Some("2021-04-09"));

    // A date in the text that the markup states nowhere is any date the page mentions.
    let unstated = updated.replace(
        r#"<meta property="article:modified_time" content="2021-04-09T17:30:00Z">"#,
        "",
    );
    let article = clean_html(&unstated);
    assert_eq!(article.date.as_deref(), Some("2021-04-02"));

    // The header's <time> gives the local day of a UTC timestamp just past midnight.
    let local = r#"<html><head><title>Night Market Opens</title>
        <meta property="article:published_time" content="2022-07-16T03:30:00Z"></head><body>
        <article><h1>Night Market Opens</h1>
        <p><time datetime="2022-07-15 20:30:00">July 15, 2022</time></p>
        <p>The night market opened in the old bus station on Friday with forty stalls, most of them selling food cooked on the spot.</p>
        <p>The council said the market would open every Friday until October if the neighbours did not complain about the noise.</p>
        </article></body></html>"#;
    let article = clean_html(local);
    assert_eq!(article.date.as_deref(), Some("2022-07-15"));
}

#[test]
fn a_teaser_date_is_never_the_article_s() {
    let html = r#"<html><body><main><h1>Harbour Wall Repaired</h1>
        <p>The harbour wall was repaired in time for the winter storms, the port authority said, after three months of work by divers and masons.</p>
        <p>The repair cost less than expected because the stone from the collapsed section could be used again for most of the new wall.</p>
        </main><div class="related-stories"><h2>Related</h2>
        <p><a href="/a">Storm closes the pier</a> <time datetime="2018-11-02">2 Nov</time></p></div></body></html>"#;
    let article = clean_html(html);
    assert_eq!(article.date, None);
}

#[test]
fn html_documents_go_through_analyze_and_keep_their_source() {
    let docs = vec![
        Document::html("ferry.html", page("ferry.html")),
        Document::new("note.txt", "Ferry Returns\n\nThe island ferry returned to service on Monday after eight months of repairs, the harbour board said."),
    ];
    let report = analyze(&docs, &Options::default()).unwrap();
    let (html, text) = (&report.articles[0], &report.articles[1]);
    assert!(html.source.is_some());
    assert_eq!(
        text.source, None,
        "text input has no source: offsets refer to the input"
    );
    assert_eq!(html.text, clean_html(&page("ferry.html")).text);
    // The same document given as text is read as text: the markup becomes words.
    let as_text = clean(&page("ferry.html"));
    assert!(as_text.text.contains('<') || as_text.text != html.text);
    // Serialised, an HTML document says its format; a text document says nothing.
    let json = serde_json::to_string(&docs).unwrap();
    assert!(json.contains("\"format\":\"html\""));
    assert_eq!(json.matches("\"format\"").count(), 1);
    let parsed: Vec<Document> = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed[0].format, InputFormat::Html);
    assert_eq!(parsed[1].format, InputFormat::Text);
}

#[test]
fn overrides_apply_to_the_blocks_of_a_page() {
    let original = clean_html(&page("ferry.html"));
    let share = original
        .blocks
        .iter()
        .position(|block| block.reason.contains("share"))
        .expect("the share buttons are a block");
    let mut doc = Document::html("ferry.html", page("ferry.html"));
    doc.overrides = vec![BlockOverride {
        block: share,
        kept: true,
    }];
    let report = analyze(&[doc], &Options::default()).unwrap();
    let corrected = &report.articles[0];
    assert!(corrected.blocks[share].kept);
    assert!(corrected.blocks[share]
        .reason
        .starts_with("restored by you"));
    assert!(corrected.text.contains("Share Tweet"));
}

#[test]
fn the_size_limit_applies_to_the_page_s_text() {
    let options = Options {
        max_article_bytes: Some(200),
        ..Options::default()
    };
    let report = analyze(
        &[Document::html("ferry.html", page("ferry.html"))],
        &options,
    )
    .unwrap();
    let article = &report.articles[0];
    assert!(article.source.as_ref().unwrap().len() <= 200);
    assert!(
        article.warnings[0].contains("over the limit of 200 bytes"),
        "{:?}",
        article.warnings
    );
}

#[test]
fn bytes_are_decoded_by_their_declared_charset() {
    let mut page_bytes =
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 Opens</title></head><body><p>The caf\xe9 on the square opened on Friday with \x93fresh\x94 bread.</p></body></html>".to_vec();
    let decoded = read_html_bytes(&page_bytes);
    assert_eq!(decoded.encoding, "windows-1252");
    assert_eq!(decoded.warning, None);
    let article = clean_html(&decoded.text);
    assert!(article
        .text
        .contains("The café on the square opened on Friday with “fresh” bread."));
    // Valid UTF-8 wins over a wrong declaration.
    page_bytes = "<meta charset=\"iso-8859-1\"><p>Café</p>"
        .as_bytes()
        .to_vec();
    assert_eq!(
        read_html_bytes(&page_bytes).text,
        "<meta charset=\"iso-8859-1\"><p>Café</p>"
    );
    // UTF-16 with its byte order mark.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("<p>Ünïcode</p>".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(read_html_bytes(&utf16).text, "<p>Ünïcode</p>");
    // A charset this analyzer cannot decode is read as windows-1252, with a warning saying so.
    let decoded = read_html_bytes(b"<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>");
    assert!(decoded.warning.unwrap().contains("koi8-r"));
}

#[test]
fn every_character_reference_and_raw_text_state_is_read() {
    let page = read_page(
        "<p>&amp; &lt;tag&gt; &eacute;&Eacute; &#233;&#xE9; &notit; &amp &copy &unknown; &#0; &#x110000;</p>\
         <textarea><p>raw</p></textarea><title>T &amp; U</title>\
         <script>if (a < b) { document.write('<p>x</p>') }</script><p>end</p>",
    );
    let texts: Vec<&str> = page
        .blocks
        .iter()
        .map(|block| block.text.as_str())
        .collect();
    assert_eq!(
        texts[0],
        "& <tag> éÉ éé ¬it; & © &unknown; \u{FFFD} \u{FFFD}"
    );
    assert_eq!(texts[1], "end");
    assert_eq!(page.metadata.title.as_deref(), Some("T & U"));
}

#[test]
fn unclosed_and_misnested_markup_is_read_as_browsers_read_it() {
    let page = read_page(
        "<body><p>one<p>two<div>three</p>four</div><ul><li>a<li>b</ul>\
         <b>bold<p>still bold</b> plain</p><table><tr><td>c<td>d</table><h2>h<h3>i</h3>",
    );
    let texts: Vec<&str> = page
        .blocks
        .iter()
        .map(|block| block.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "one",
            "two",
            "three",
            "four",
            "a",
            "b",
            "bold",
            "still bold plain",
            "c",
            "d",
            "h",
            "i"
        ]
    );
}

#[test]
fn an_unlinked_heading_ends_a_list_a_marker_opened_amid_the_article() {
    // A "Don't Miss:" teaser stands among the article's paragraphs, in their element; the
    // product sections after it have headings that link nowhere, so they are the article's.
    let article = clean_html(&page("buying-guide.html"));
    let (_, kept_marker, _) = verdict_of(&article, "Don't Miss:");
    assert!(!kept_marker);
    for opening in [
        "The Quick Steel",
        "Boils a full litre",
        "Quiet enough",
        "The Glass Tower",
        "You can watch the water",
        "Our only complaint",
    ] {
        kept(&article, opening);
    }
    // A list headed by a marker in a box of its own still goes whole.
    let (_, kept_teaser, _) = verdict_of(&article, "Toasters tested");
    assert!(!kept_teaser);
}

#[test]
fn a_line_repeated_in_each_section_stays_and_a_repeat_in_one_section_goes() {
    let article = clean_html(&page("training-plan.html"));
    // The warm-up line stands under each day's heading: every copy is the article's text.
    assert_eq!(
        article
            .text
            .matches("Walk for ten minutes to warm up")
            .count(),
        3,
        "{:#?}",
        blocks(&article)
    );
    // The summary shown again in the same section, with no heading between, is a repeat.
    assert_eq!(
        article
            .text
            .matches("Build up slowly and rest often")
            .count(),
        1,
        "{:#?}",
        blocks(&article)
    );
    kept(&article, "Jog for five minutes");
}

#[test]
fn bracketed_closing_lines_in_the_article_s_element_stay_with_it() {
    let article = clean_html(&page("agency-wire.html"));
    kept(&article, "(Chart: Wheat futures");
    kept(&article, "(Reporting by Mara Olsen");
    assert!(
        article
            .text
            .ends_with("(Reporting by Mara Olsen; Editing by Pete Lind)"),
        "{:#?}",
        blocks(&article)
    );
}

#[test]
fn a_numeric_date_is_read_in_the_locale_the_page_declares() {
    let british = page("bridge-en-gb.html");
    assert_eq!(clean_html(&british).date.as_deref(), Some("2020-10-02"));
    // The same page in American English, or declaring no language, reads it month first.
    let american = british.replace("lang=\"en-GB\"", "lang=\"en-US\"");
    assert_eq!(clean_html(&american).date.as_deref(), Some("2020-02-10"));
    let undeclared = british.replace(" lang=\"en-GB\"", "");
    assert_eq!(clean_html(&undeclared).date.as_deref(), Some("2020-02-10"));
    // og:locale names the region a bare "en" leaves open.
    let by_locale = british.replace("lang=\"en-GB\"", "lang=\"en\"").replace(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"utf-8\"><meta property=\"og:locale\" content=\"en_GB\">",
    );
    assert_eq!(clean_html(&by_locale).date.as_deref(), Some("2020-10-02"));
    // A date written in words is not ambiguous, whatever the locale.
    let in_words = british.replace("02/10/2020", "February 10, 2020");
    assert_eq!(clean_html(&in_words).date.as_deref(), Some("2020-02-10"));
}

#[test]
fn a_breadcrumb_trail_ending_in_the_title_is_not_the_headline() {
    // The trail reads "Journal Pruning Roses ...", the headline with a word before it, in the
    // site's header; the <title> names the page otherwise and the long <h1> reads like a
    // paragraph, so the text rules alone pick the trail. Its class says it is a trail: the
    // <h1> is the headline.
    let article = clean_html(&page("trail-title.html"));
    assert_eq!(
        article.title.as_deref(),
        Some("Pruning Roses in Late Winter Without Fear: When to Cut, Where to Cut, and How Gardeners in Cold Places Keep Their Plants Healthy and Flowering"),
        "{:#?}",
        blocks(&article)
    );
    removed_as(
        &article,
        "Pruning Roses in Late Winter",
        BlockKind::Title,
        "headline",
    );
}

#[test]
fn a_heading_a_table_of_contents_lists_first_is_still_the_article_s() {
    let article = clean_html(&page("toc-guide.html"));
    for heading in ["Interest rates and fees", "Getting at your money"] {
        let entries: Vec<_> = blocks(&article)
            .into_iter()
            .filter(|(text, ..)| text == heading)
            .collect();
        assert_eq!(entries.len(), 2, "{entries:#?}");
        // The menu entry goes, the heading in the article stays.
        assert!(!entries[0].2 && entries[1].2, "{entries:#?}");
        assert_eq!(entries[1].1, BlockKind::Heading);
    }
}

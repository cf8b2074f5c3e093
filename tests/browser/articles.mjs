// Articles written for the browser tests (invented names and events).

export const XSS = "<img src=x onerror=alert(1)>";

export const COUNCIL_TITLE = "Council Approves Riverside Park After Decade of Debate";
export const COUNCIL_BODY = [
  "The city council voted seven to two on Tuesday to turn the disused rail yard along the river into a public park, ending a debate that began almost ten years ago.",
  "\u201cThis park will give the east side the green space it has waited a generation for,\u201d said council member Dana Whitlock, who proposed the plan.",
  "Supporters said the park would give the east side of the city its first large green space, with playing fields, a boat ramp and a path linking the two bridges.",
  `Residents who typed ${XSS} into the council's online feedback form saw it printed back as plain text, the city's web team said, and no data was lost.`,
];
export const COUNCIL_CREDIT = "Photo: Jane Smith / City Herald";
export const COUNCIL_RELATED = ["Related:", "- City budget passes after late-night session", "- Bike lanes planned for Main Street"];
export const COUNCIL_ARTICLE = [
  COUNCIL_TITLE,
  "By Maria Lopez",
  "March 4, 2025",
  ...COUNCIL_BODY,
  COUNCIL_CREDIT,
  COUNCIL_RELATED.join("\n"),
].join("\n\n");

/** Markup and script in every place article text can reach: title, body, a quote. */
export const HOSTILE_ARTICLE = [
  `<b>Hostile</b> headline <script>alert("title")</script>`,
  "By Eve <i>Mallory</i>",
  `Someone pasted ${XSS} and <script>alert(2)</script> into this article to see whether the page would run them, which it must never do.`,
  `\u201c<iframe src=javascript:alert(3)></iframe> is not a quote anyone said,\u201d said tester Ola Nordmann, who wrote <a href="javascript:alert(4)">a link</a> too.`,
  "The rest of this paragraph is ordinary text, long enough to be kept as the body of the article by the cleaner.",
].join("\n\n");

/** An HTML page, as a saved file: scripts, handlers and a stylesheet that must never run or load. */
export const HOSTILE_HTML = `<!doctype html>
<html><head><title>Saved page title</title>
<script>alert("head script")</script>
<style>body { background: url(http://evil.example/track.png) }</style>
<link rel="stylesheet" href="http://evil.example/style.css">
</head>
<body onload="alert('onload')">
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<h1>Harbour Cranes Replaced After Forty Years</h1>
<p class="byline">By Ines Duarte</p>
<p>The port of Saltmere replaced its last two forty-year-old cranes on Monday, finishing a renewal that began in 2021.</p>
<p>&ldquo;The new cranes lift twice as fast and use half the power,&rdquo; said port director Kwame Mensah. <img src="http://evil.example/pixel.gif" onerror="alert('img')"></p>
<script>document.body.innerHTML = ""; alert("body script")</script>
<p>The old cranes will be taken apart and their steel recycled at a yard near the harbour, the port said.</p>
<figure><img src="x.jpg" alt="cranes"><figcaption>The new cranes at Saltmere.</figcaption></figure>
<p>Photo: Port of Saltmere</p>
<iframe src="http://evil.example/frame"></iframe>
</body></html>`;

/** A short article with emoji, so that UTF-16 offsets matter. */
export const FESTIVAL_ARTICLE = [
  "Festival \u{1f389} Draws Record Crowd",
  "By Sam Lee",
  "The summer festival \u{1f3b6} drew more than forty thousand visitors over three days, organisers said on Sunday.",
  "\u201cWe never expected \u{1f60a} this many people,\u201d said organiser Priya Natarajan, who has run the festival since 2015.",
  "Food stalls \u{1f35c} ran out of supplies by Saturday evening, and the organisers promised more vendors next year.",
  "Photo: Festival Press Office",
].join("\n\n");

/** `count` distinct synthetic articles of about `paragraphs` paragraphs each, for long batches. */
export function syntheticArticles(count, paragraphs = 12) {
  const towns = ["Alderby", "Brookmere", "Castlewick", "Dunmoor", "Elmsford", "Fairhaven", "Glenrock", "Holloway"];
  const topics = ["bridge", "school", "library", "harbour", "market", "railway", "hospital", "park"];
  return Array.from({ length: count }, (_, index) => {
    const town = towns[index % towns.length];
    const topic = topics[Math.floor(index / towns.length) % topics.length];
    const body = Array.from({ length: paragraphs }, (_, paragraph) =>
      `In ${town}, work on the ${topic} reached stage ${paragraph + 1} of plan ${index}, officials said, adding that the budget of ${(index * 7 + paragraph) % 90 + 10} million would cover the next ${paragraph + 2} months of construction and inspection.`,
    );
    return {
      name: `synthetic-${String(index).padStart(4, "0")}.txt`,
      text: [`${town} ${topic} project ${index} moves ahead`, `By Reporter ${index}`, ...body, "Photo: Town press office"].join("\n\n"),
    };
  });
}

/** The body of LIGHTHOUSE_HTML, as the cleaned text should show it. */
export const LIGHTHOUSE_BODY = [
  "Volunteers on the island of Carrow Point relit its lighthouse on Saturday evening, thirty-one years after the lamp was switched off and the keepers left.",
  "\u201cEvery ship that passes will see that somebody still looks after this coast,\u201d said Morag Ferrie, who chairs the island's heritage trust.",
  "The trust raised the money for a new lens and solar panels from more than two thousand donors, many of them families of former keepers.",
  "The light will shine from dusk until midnight through the summer, the trust said, and the tower opens to visitors on weekends from June.",
];
export const LIGHTHOUSE_CAPTION = "The restored lamp room at Carrow Point on Saturday.";
export const LIGHTHOUSE_TITLE = "Island Lighthouse Shines Again After Thirty Years";

/**
 * An invented saved page in windows-1252 (declared in a <meta charset>, the "é" and "—" are
 * one byte each): navigation, an article with a quote, a figure caption, a list of other
 * articles and a footer.
 */
export const LIGHTHOUSE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="windows-1252">
<title>${LIGHTHOUSE_TITLE} | The Coast Gazette</title>
<meta name="author" content="Elodie Marchand">
<meta property="article:published_time" content="2025-05-17T19:30:00Z">
</head>
<body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>${LIGHTHOUSE_TITLE}</h1>
<p class="byline">By <a href="/authors/elodie" rel="author">Elodie Marchand</a> — Coast Gazette café desk</p>
<p>${LIGHTHOUSE_BODY[0]}</p>
<figure><img src="lamp.jpg" alt=""><figcaption>${LIGHTHOUSE_CAPTION}</figcaption></figure>
<p>&ldquo;Every ship that passes will see that somebody still looks after this coast,&rdquo; said Morag Ferrie, who chairs the island's heritage trust.</p>
<p>${LIGHTHOUSE_BODY[2]}</p>
<p>${LIGHTHOUSE_BODY[3]}</p>
</article>
<aside class="related-articles"><h2>More from the coast</h2><ul>
<li><a href="/a">Ferry timetable changes for the summer season</a></li>
<li><a href="/b">Harbour wall repairs finished ahead of schedule</a></li>
<li><a href="/c">Seal pups counted on the northern beaches</a></li>
</ul></aside></main>
<footer><p>© 2025 The Coast Gazette. All rights reserved.</p><p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>`;

/** LIGHTHOUSE_HTML's bytes in windows-1252 (every character of it is in that charset). */
export function windows1252Bytes(text) {
  const high = new Map([["\u2014", 0x97], ["\u201c", 0x93], ["\u201d", 0x94], ["\u20ac", 0x80]]);
  return [...text].map((character) => {
    const code = character.codePointAt(0);
    if (code < 0x100) return code;
    if (high.has(character)) return high.get(character);
    throw new Error(`${character} is not in windows-1252`);
  });
}

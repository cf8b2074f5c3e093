// Exports of the analysis: the report as JSON (the contract's shape), the quotes as CSV, the
// cleaned articles as Markdown or plain text; saved as a file or copied to the clipboard.

/** The report as JSON text, exactly the contract's Report, indented for reading. */
export function reportJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Header of the quotes CSV. */
const CSV_COLUMNS = ["article", "speaker", "cue", "quote"];

/**
 * The quotes of every article as CSV (RFC 4180, CRLF line ends): article id, speaker, cue,
 * quote. A cell that a spreadsheet would run as a formula (starting with =, +, - or @) gets
 * a leading apostrophe, so opening the file never runs anything.
 */
export function quotesCsv(report) {
  const rows = [CSV_COLUMNS];
  for (const article of report.articles) {
    for (const quote of article.quotes) rows.push([article.id, quote.speaker ?? "", quote.cue ?? "", quote.text]);
  }
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function csvCell(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The cleaned articles as Markdown: per article a heading, a line of metadata and the body. */
export function cleanedMarkdown(report) {
  return joinArticles(report, "\n\n---\n\n", (article) => {
    const about = metadataLine(article);
    return [`# ${article.title ?? article.id}`, about === "" ? null : `*${about}*`, article.text]
      .filter((part) => part !== null && part !== "")
      .join("\n\n");
  });
}

/** The cleaned articles as plain text: title, metadata line, body; articles apart by a rule. */
export function cleanedPlainText(report) {
  return joinArticles(report, `\n\n${"=".repeat(40)}\n\n`, (article) => {
    const heading = [article.title ?? article.id, metadataLine(article)].filter(Boolean).join("\n");
    return article.text === "" ? heading : `${heading}\n\n${article.text}`;
  });
}

function joinArticles(report, separator, format) {
  return `${report.articles.map(format).join(separator)}\n`;
}

/** "By Helen Marsh · 2025-04-14" from whatever the article has; "" when neither is known. */
function metadataLine(article) {
  return [article.author && `By ${article.author}`, article.date].filter(Boolean).join(" · ");
}

/** Offers `text` as a file download named `filename`, of MIME type `type`. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download time to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies `text` to the clipboard; rejects with a message a person can act on. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    throw new Error(`the browser did not allow copying (${error.message}); use the download button instead`);
  }
}

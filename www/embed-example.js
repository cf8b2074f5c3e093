// The example host page's own script: listens to the `analyzed` events of its
// <article-analyzer> elements and lists what each report says (text only, never HTML).

const log = document.getElementById("event-log");

document.addEventListener("analyzed", (event) => {
  const [article] = event.detail.articles;
  const item = document.createElement("li");
  item.dataset.article = article.id;
  item.textContent = `analyzed from #${event.target.id}: “${article.title}”, ${article.quotes.length} quote(s), ${article.blocks.filter((block) => !block.kept).length} block(s) removed`;
  log.append(item);
});

document.addEventListener("analyzer-error", (event) => {
  const item = document.createElement("li");
  item.textContent = `error from #${event.target.id}: ${event.detail.message}`;
  log.append(item);
});

// A story group on a timeline: its articles by publication date, those without a date after
// them in the order they were added. Plain data, no DOM.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The articles `ids` of one story as timeline entries [{id, date, daysAfterPrevious}]: dated
 * ones first, oldest first (ties in the order added), then the undated ones in the order
 * added. `order` maps an id to its place in the batch. `daysAfterPrevious` is the number of
 * days since the previous dated entry (null for the first and for undated entries).
 */
export function timelineOf(ids, articles, order) {
  const entries = ids.map((id) => ({ id, date: validDate(articles.get(id)?.date) }));
  const place = (entry) => order.get(entry.id) ?? Number.MAX_SAFE_INTEGER;
  entries.sort((x, y) => {
    if ((x.date === null) !== (y.date === null)) return x.date === null ? 1 : -1;
    if (x.date !== null && x.date !== y.date) return x.date < y.date ? -1 : 1;
    return place(x) - place(y);
  });
  let previous = null;
  return entries.map((entry) => {
    const daysAfterPrevious = entry.date !== null && previous !== null ? daysBetween(previous, entry.date) : null;
    if (entry.date !== null) previous = entry.date;
    return { ...entry, daysAfterPrevious };
  });
}

/** "2025-04-14" → "14 Apr 2025" (not toLocaleString: its first call loads the locale data). */
export function formatDate(date) {
  const [year, month, day] = date.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "same day", "1 day later", "3 days later". */
export function describeGap(days) {
  if (days === 0) return "same day";
  return days === 1 ? "1 day later" : `${days} days later`;
}

/** The date when it is a real YYYY-MM-DD day, else null. */
function validDate(date) {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? null : date;
}

function daysBetween(earlier, later) {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / DAY_MS);
}

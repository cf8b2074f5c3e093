// The status line (announced to screen readers), its action buttons (Undo, Analyse the
// rest...), and the progress bar of a long analysis with its Cancel button.

import { button, element, formatCount } from "./dom.js";

/** Problems listed under a status message before "and N more". */
const LISTED_PROBLEMS = 5;

/** The status area of the page. */
export class StatusView {
  /** `parts`: the elements of index.html's status area; `onCancel()` for the Cancel button. */
  constructor(parts, onCancel) {
    this.parts = parts;
    parts.cancelButton.addEventListener("click", onCancel);
  }

  /**
   * Shows `message`. Options: `error` (styled and worded as a problem), `problems` (sentences
   * listed under the message), `actions` ([{label, run}] buttons after it).
   */
  show(message, { error = false, problems = [], actions = [] } = {}) {
    const { status, actions: actionArea } = this.parts;
    const listed = problems.slice(0, LISTED_PROBLEMS);
    if (problems.length > listed.length) listed.push(`…and ${problems.length - listed.length} more.`);
    status.replaceChildren(
      message,
      listed.length > 0 ? element("ul", { className: "problems" }, listed.map((problem) => element("li", {}, problem))) : "",
    );
    status.classList.toggle("error", error);
    actionArea.replaceChildren(...actions.map(({ label, run }) => button(label, run, { className: "secondary small" })));
  }

  /** Shows the progress bar at `done` of `total` articles (hidden when total < 2). */
  progress(done, total) {
    const { progressArea, progress, progressLabel } = this.parts;
    progressArea.hidden = total < 2;
    progress.max = Math.max(total, 1);
    progress.value = done;
    progressLabel.textContent = `Analysed ${formatCount(done)} of ${formatCount(total)} articles`;
  }

  /** Hides the progress bar. */
  endProgress() {
    this.parts.progressArea.hidden = true;
  }
}

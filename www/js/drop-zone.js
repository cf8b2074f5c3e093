// Dropping files or text anywhere on the page: shows the drop overlay while something is
// dragged over the page and hands what was dropped to the page.

/**
 * Watches `target` (the document) for drops. `overlay` is shown while files or text are
 * dragged over; `onFiles(files)` gets dropped files, `onText(text, dataTransfer)` dropped text.
 * Text dropped into `textBox` is left to the browser (it inserts it there).
 */
export function watchDrops(target, { overlay, textBox, onFiles, onText }) {
  let depth = 0;
  const carriesContent = (event) => [...event.dataTransfer.types].some((type) => type === "Files" || type.startsWith("text/"));
  target.addEventListener("dragenter", (event) => {
    if (!carriesContent(event)) return;
    depth++;
    overlay.hidden = false;
  });
  target.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  target.addEventListener("dragover", (event) => {
    if (!carriesContent(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  target.addEventListener("drop", (event) => {
    depth = 0;
    overlay.hidden = true;
    const files = [...event.dataTransfer.files];
    if (event.target === textBox && files.length === 0) return;
    event.preventDefault();
    if (files.length > 0) onFiles(files);
    else onText(event.dataTransfer);
  });
}

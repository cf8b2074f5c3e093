// Offline use and installation: registers the service worker (sw.js, which caches the page),
// asks the browser to keep the batch's storage, and shows an "Install app" button when the
// browser offers installation.

/**
 * Registers sw.js for the page's directory. `onUpdated()` is called when a new version of the
 * page has taken over from the one this tab runs (so the tab should be reloaded).
 */
export function registerServiceWorker(onUpdated) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController) onUpdated();
  });
  navigator.serviceWorker
    .register(new URL("../sw.js", import.meta.url), { updateViaCache: "none" })
    .catch((error) => console.warn(`Offline use is not available: ${error.message}`));
}

/**
 * Asks the browser not to evict the page's storage under disk pressure (granted or refused
 * silently by the browser; nothing is asked of the person in Chromium).
 */
export function requestPersistentStorage() {
  navigator.storage?.persist?.().catch(() => {});
}

/** Shows `installButton` while the browser offers to install the page as an app. */
export function offerInstallation(installButton) {
  let installPrompt = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    installPrompt = event;
    installButton.hidden = false;
  });
  installButton.addEventListener("click", async () => {
    if (installPrompt === null) return;
    installPrompt.prompt();
    await installPrompt.userChoice;
    installPrompt = null;
    installButton.hidden = true;
  });
  window.addEventListener("appinstalled", () => {
    installButton.hidden = true;
  });
}

// The entry of dist/sayso.js, the one script a host page without a bundler adds:
//   <script src="https://your-sayso-server/sayso.js" defer></script>
// It is small on purpose: it sets `window.Sayso` (for `Sayso.init`) and fetches each Sayso
// element's code, ES modules from the `sayso/` folder beside it, once that element is on the
// page (in the HTML, or added later, by `Sayso.init` or by the host). A page holding only a
// launcher thus loads the launcher, and its panel, form and board only when a visitor reaches
// for them. See vite.config.ts for how the folder is built; dist/sayso.standalone.js is the same
// in one file, for hosts that can only copy a single file.
import { Sayso } from './init.js';

/** The tags of every Sayso element, one module each in `sayso/`; set by vite.config.ts. */
declare const __SAYSO_TAGS__: readonly string[];

// Resolved against this script's own address, wherever the host serves or links it from.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;
const modules = new URL('sayso/', script?.src || location.href);
const requested = new Set<string>();

function load(tag: string): void {
  if (requested.has(tag) || !__SAYSO_TAGS__.includes(tag) || customElements.get(tag)) return;
  requested.add(tag);
  import(/* @vite-ignore */ new URL(`${tag}.js`, modules).href).catch((error: unknown) => {
    // Offline, say: the element stays as the host wrote it; the next one on the page tries again.
    requested.delete(tag);
    console.warn(`Sayso: <${tag}> could not be loaded from ${modules.href}.`, error);
  });
}

/** Loads every Sayso element in `root` (itself included) not defined yet. */
function loadWithin(root: Element | Document): void {
  if (root instanceof Element && root.localName.startsWith('sayso-')) load(root.localName);
  for (const element of root.querySelectorAll(':not(:defined)')) {
    if (element.localName.startsWith('sayso-')) load(element.localName);
  }
}

new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) loadWithin(node);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
loadWithin(document);

// A page that already has a `Sayso` keeps its own.
if (!window.Sayso) window.Sayso = Sayso;

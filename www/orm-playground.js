// orm-playground.js: the playground in documentation pages, and its JavaScript API.
//
//   <script type="module" src="https://…/orm-playground.js"></script>
//   <orm-playground panes="models diagram console" autorun>
//     <script type="text/x-models"> class Role(db.Model): … </script>
//     <script type="text/x-session"> >>> Role.query.all() … </script>
//   </orm-playground>
//
// Each widget renders into its own shadow root (no style leaks in or out) and has its own
// database. The wasm module (the same one the full page runs) is downloaded and compiled
// once for the page, when the first widget comes near the viewport. The module also works
// headless, in a browser or in Node: `checkTranscript(models, session)` reports as
// `ormpg check` does. Trunk's post-build hook (scripts/embed-build.mjs) writes this file into
// dist/ with BUILD filled in: the hashed names of the module, its glue and the stylesheet,
// and www/widget.css; then minifies it (so this file, unbuilt, does not run: serve dist/).
// Every byte here is one the docs widget downloads on top of what the full page does.

const BUILD = /*ORMPG_BUILD*/ null;

const HERE = import.meta.url;
const IN_NODE = typeof window === 'undefined' && !!globalThis.process?.versions?.node;

/** `start()` once, its promise shared by every caller; after a failure, the next call
 * starts again. */
function once(start) {
  let started = null;
  return () => {
    started ??= start();
    started.catch(() => { started = null; });
    return started;
  };
}

/** Loads and starts the wasm module, once for the page (or the Node process). */
export const load = once(async () => {
  const module = await import(new URL(BUILD.glue, HERE));
  const wasm = new URL(BUILD.wasm, HERE);
  // In Node the module's bytes come from disk (fetch does not read file: URLs).
  await module.default({
    module_or_path: IN_NODE ? await (await import('node:fs/promises')).readFile(wasm) : wasm,
  });
  return module;
});

/**
 * Runs a doctest transcript (`>>> ` inputs and their expected output) against models in a
 * fresh playground. Resolves to `{ name, passed, examples, failures: [{ line, source,
 * expected, got }], modelsError, text }`, `text` being exactly what `ormpg check` prints.
 */
export async function checkTranscript(models, session, name) {
  const module = await load();
  return JSON.parse(module.checkTranscript(String(models ?? ''), String(session ?? ''), name));
}

// ---- Widgets (browsers only) ----

function sheet(text) {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

/** The widget's own rules (available at once, for the placeholder). */
let widgetSheet = null;
function ownSheet() {
  widgetSheet ??= sheet(BUILD.widgetCss);
  return widgetSheet;
}

/** The playground's stylesheet, fetched and parsed once and shared by every shadow root. */
const styles = once(async () => {
  const response = await fetch(new URL(BUILD.css, HERE));
  if (!response.ok) throw new Error(`stylesheet: HTTP ${response.status}`);
  return [sheet(await response.text()), ownSheet()];
});

/** A CSS height from an attribute or option: `480` is pixels; `auto` (or none) fits. */
function cssHeight(value) {
  const text = String(value ?? '').trim();
  const length = /^\d+(\.\d+)?(px|em|rem|[sld]?vh)?$/.exec(text);
  return length ? text + (length[2] ? '' : 'px') : null;
}

/** The full playground's address for the "open" link: http(s) only, else no link. */
function playgroundUrl(value) {
  if (value === false || value === 'none') return null;
  try {
    const url = new URL(value ?? './', value ? document.baseURI : HERE);
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The widget's box in its shadow root (sized by --ormpg-height) with a placeholder in it,
 * which the playground replaces when it mounts there; `say` changes the placeholder's text.
 */
function frame(shadow, height) {
  const host = document.createElement('div');
  host.className = 'ormpg-host';
  if (height) host.style.setProperty('--ormpg-height', height);
  host.innerHTML = '<div class="ormpg-loading" role="status"><strong>ORM Playground</strong>' +
    '<span>Loads when you scroll to it…</span></div>';
  shadow.replaceChildren(host);
  const box = host.firstChild;
  return {
    host,
    say(message, failed = false) {
      box.lastChild.textContent = message;
      box.classList.toggle('failed', failed);
    },
  };
}

/**
 * Mounts a playground into `element` (in a shadow root it attaches) and resolves to its
 * handle: `run(line)` → what the shell printed, `setModels(text)`, `transcript()`,
 * `destroy()`. Options: models, session (a `>>> ` transcript), panes (array or
 * "models diagram console sql data query"), readonly, height (`auto`, pixels or a CSS
 * length), theme (light, dark, auto), autorun, playground (the full page's URL, or 'none').
 */
export async function mount(element, options = {}) {
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const height = cssHeight(options.height);
  const status = frame(shadow, height);
  let module;
  let sheets;
  try {
    shadow.adoptedStyleSheets = [ownSheet()];
    status.say('Loading the Python console and the database…');
    [module, sheets] = await Promise.all([load(), styles()]);
  } catch (error) {
    status.say(`The playground could not start: ${error?.message ?? error}`, true);
    throw error;
  }
  shadow.adoptedStyleSheets = sheets;
  let widget;
  await new Promise((ready) => {
    widget = module.embed(status.host, JSON.stringify({
      models: String(options.models ?? ''),
      session: String(options.session ?? ''),
      // An array or a string of names (String(['a', 'b']) is 'a,b'); the module skips
      // empty and unknown names.
      panes: String(options.panes ?? '').split(/[\s,]+/),
      readonly: !!options.readonly,
      fit: !height,
      theme: String(options.theme ?? 'auto'),
      autorun: !!options.autorun,
      playground: playgroundUrl(options.playground),
    }), ready);
  });
  let live = true;
  const alive = () => {
    if (!live) throw new Error('this playground was destroyed');
    return widget;
  };
  return {
    element,
    run: (line) => alive().run(String(line)),
    setModels: (text) => alive().setModels(String(text)),
    transcript: () => alive().transcript(),
    destroy() {
      if (!live) return;
      live = false;
      widget.destroy();
      widget.free();
      shadow.replaceChildren();
    },
  };
}

/**
 * Text written inside an HTML element, as the author meant it: without the blank lines
 * around it and the indentation every line shares. (Exported for tools that read docs
 * pages the way the widget does, such as www/examples/check-docs.mjs.)
 */
export function dedent(text) {
  const lines = String(text).split(/\r\n?|\n/);
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines.at(-1).trim()) lines.pop();
  // The first and last lines are not blank, so the shortest indent is a number.
  const cut = Math.min(...lines.filter((l) => l.trim()).map((l) => l.search(/[^ \t]/)));
  return lines.length ? `${lines.map((l) => l.slice(cut)).join('\n')}\n` : '';
}

/** Text of a `<script type="text/x-…">` child of a widget. */
function childText(host, type) {
  const script = host.querySelector(`:scope > script[type="${type}"]`);
  return script ? dedent(script.textContent) : '';
}

function flag(host, name) {
  const value = host.getAttribute(name);
  return value !== null && value !== 'false';
}

let observer = null;

/** Starts widgets as they come near the viewport (every browser with constructable
 * stylesheets, which widgets need, has IntersectionObserver). */
function whenVisible(host) {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        entry.target.load();
      }
    }
  }, { rootMargin: '200px 0px' });
  observer.observe(host);
}

if (globalThis.customElements && !customElements.get('orm-playground')) {
  /** `<orm-playground>`: a widget built from its attributes and script children. */
  class OrmPlaygroundElement extends HTMLElement {
    #mounted = null;
    #resolve = null;
    #ready = new Promise((resolve) => { this.#resolve = resolve; });

    connectedCallback() {
      if (this.#mounted) return;
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (!shadow.firstChild) {
        shadow.adoptedStyleSheets = [ownSheet()];
        frame(shadow, cssHeight(this.getAttribute('height')));
      }
      whenVisible(this);
    }

    disconnectedCallback() {
      observer?.unobserve(this);
      // Moved within the page: keep it. Removed: free its database.
      queueMicrotask(() => {
        if (this.isConnected || !this.#mounted) return;
        this.#mounted.then((handle) => handle.destroy()).catch(() => {});
        this.#mounted = null;
        this.#ready = new Promise((resolve) => { this.#resolve = resolve; });
      });
    }

    /** Resolves to the widget's handle once it has mounted (see `load`). */
    get ready() {
      return this.#ready;
    }

    /** Mounts the widget now, without waiting to be scrolled to; resolves to its handle. */
    load() {
      if (!this.#mounted) {
        observer?.unobserve(this);
        this.#mounted = mount(this, {
          models: childText(this, 'text/x-models'),
          session: childText(this, 'text/x-session'),
          panes: this.getAttribute('panes'),
          readonly: flag(this, 'readonly'),
          height: this.getAttribute('height'),
          theme: this.getAttribute('theme'),
          autorun: flag(this, 'autorun'),
          playground: this.getAttribute('playground'),
        });
        // A failure shows in the widget's placeholder; the page's console gets the details.
        this.#mounted.then(this.#resolve, (error) => console.error('orm-playground:', error));
      }
      return this.#mounted;
    }
  }
  customElements.define('orm-playground', OrmPlaygroundElement);
}

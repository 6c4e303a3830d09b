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
// and www/widget.css.

const BUILD = /*ORMPG_BUILD*/ null;

const HERE = import.meta.url;
const IN_NODE = typeof window === 'undefined' && typeof process !== 'undefined' && !!process.versions?.node;

function built() {
  if (!BUILD) throw new Error('orm-playground.js must be loaded from the built dist/ (trunk build)');
  return BUILD;
}

let bindings = null;

/** Loads and starts the wasm module, once for the page (or the Node process). */
export function load() {
  bindings ??= (async () => {
    const { glue, wasm } = built();
    const module = await import(new URL(glue, HERE).href);
    if (IN_NODE) {
      const { readFile } = await import('node:fs/promises');
      module.initSync({ module: await readFile(new URL(wasm, HERE)) });
    } else {
      await module.default({ module_or_path: new URL(wasm, HERE).href });
    }
    return module;
  })();
  bindings.catch(() => { bindings = null; }); // a later call may try again
  return bindings;
}

/**
 * Runs a doctest transcript (`>>> ` inputs and their expected output) against models in a
 * fresh playground. Resolves to `{ name, passed, examples, failures: [{ line, source,
 * expected, got }], modelsError, text }`, `text` being exactly what `ormpg check` prints.
 */
export async function checkTranscript(models, session, name) {
  const module = await load();
  return JSON.parse(module.checkTranscript(String(models ?? ''), String(session ?? ''), name ?? undefined));
}

// ---- Widgets (browsers only) ----

let pageSheets = null;

function sheet(text) {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

/** The widget's own rules (available at once, for the placeholder). */
let widgetSheet = null;
function ownSheet() {
  widgetSheet ??= sheet(built().widgetCss);
  return widgetSheet;
}

/** The playground's stylesheet, fetched and parsed once and shared by every shadow root. */
function styles() {
  pageSheets ??= fetch(new URL(built().css, HERE))
    .then((r) => {
      if (!r.ok) throw new Error(`stylesheet: HTTP ${r.status}`);
      return r.text();
    })
    .then((text) => [sheet(text), ownSheet()]);
  pageSheets.catch(() => { pageSheets = null; });
  return pageSheets;
}

/** A CSS height from an attribute or option: `480` is pixels; `auto` (or none) fits. */
function cssHeight(value) {
  if (value === undefined || value === null || value === '' || value === 'auto') return null;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return `${text}px`;
  if (/^\d+(\.\d+)?(px|em|rem|vh|svh|lvh|dvh)$/.test(text)) return text;
  return null;
}

/** The full playground's address for the "open" link: http(s) only, else no link. */
function playgroundUrl(value) {
  if (value === false || value === 'none') return null;
  try {
    const url = new URL(value ?? './', value ? document.baseURI : HERE);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function panesOf(value) {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

function placeholder(shadow, height) {
  const box = document.createElement('div');
  box.className = 'ormpg-loading';
  box.setAttribute('role', 'status');
  const title = document.createElement('strong');
  title.textContent = 'ORM Playground';
  const text = document.createElement('span');
  text.textContent = 'Loads when you scroll to it…';
  box.append(title, text);
  if (height) box.style.setProperty('--ormpg-height', height);
  shadow.replaceChildren(box);
  return {
    say(message, failed = false) {
      text.textContent = message;
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
  const status = placeholder(shadow, height);
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
  const container = document.createElement('div');
  container.className = 'ormpg-host';
  if (height) container.style.setProperty('--ormpg-height', height);
  shadow.replaceChildren(container);
  let ready;
  const rendered = new Promise((resolve) => { ready = resolve; });
  const widget = module.embed(container, JSON.stringify({
    models: String(options.models ?? ''),
    session: String(options.session ?? ''),
    panes: panesOf(options.panes),
    readonly: !!options.readonly,
    fit: !height,
    theme: String(options.theme ?? 'auto'),
    autorun: !!options.autorun,
    playground: playgroundUrl(options.playground),
  }), ready);
  await rendered;
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
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.length ? `${lines.map((l) => l.slice(cut)).join('\n')}\n` : '';
}

/** Text of a `<script type="text/x-…">` child of a widget. */
function childText(host, type) {
  const script = [...host.children].find((c) => c.localName === 'script' && c.type === type);
  return script ? dedent(script.textContent) : '';
}

function flag(host, name) {
  const value = host.getAttribute(name);
  return value !== null && value !== 'false';
}

let observer = null;

/** Starts widgets as they come near the viewport (all at once where unsupported). */
function whenVisible(host) {
  if (typeof IntersectionObserver === 'undefined') {
    host.load();
    return;
  }
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

if (!IN_NODE && typeof customElements !== 'undefined' && !customElements.get('orm-playground')) {
  /** `<orm-playground>`: a widget built from its attributes and script children. */
  class OrmPlaygroundElement extends HTMLElement {
    #mounted = null;
    #resolve = null;
    #ready = new Promise((resolve) => { this.#resolve = resolve; });

    connectedCallback() {
      if (this.#mounted) return;
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (!shadow.firstChild) {
        if (BUILD) shadow.adoptedStyleSheets = [ownSheet()];
        placeholder(shadow, cssHeight(this.getAttribute('height')));
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
          panes: this.getAttribute('panes') ?? undefined,
          readonly: flag(this, 'readonly'),
          height: this.getAttribute('height') ?? undefined,
          theme: this.getAttribute('theme') ?? 'auto',
          autorun: flag(this, 'autorun'),
          playground: this.getAttribute('playground') ?? undefined,
        });
        // A failure shows in the widget's placeholder; the page's console gets the details.
        this.#mounted.then(this.#resolve, (error) => console.error('orm-playground:', error));
      }
      return this.#mounted;
    }
  }
  customElements.define('orm-playground', OrmPlaygroundElement);
}

#!/usr/bin/env node
// The page against Pyodide, cold loads in headless Chromium (issue 8):
//
//   node benches/page_vs_pyodide.mjs [--runs N] [--build] [--only ours] [--dist DIR]
//
// `--only ours` skips Pyodide (the page's own milestones and bytes only); `--dist` serves
// another build of the page than dist/ (to compare two builds).
//
// Ours: the release build in dist/ (`--build` runs `trunk build --release` first), served on
// 127.0.0.1 as a production server would (brotli when the browser accepts it). Each of N
// cold loads (default 5) uses a fresh browser context (empty cache and storage) and measures,
// from navigation start, (a) the lesson's models compiled and the diagram drawn (two tables in
// the SVG) and (b) the first console result of `Role.query.all()` in the DOM, typed the
// moment (a) happens, and (b) painted: the end of the frame that shows it (the page's own
// layout work after a render counts there, not in (b)). Pyodide: the npm package `pyodide` (package.json) served from the same kind of
// server with its index URL on it (offline: nothing leaves 127.0.0.1), plus SQLAlchemy's and
// typing_extensions' pure-Python wheels from PyPI (pip download, once, into
// $CARGO_TARGET_DIR/pyodide-bench) loaded with `pyodide.loadPackage(url)`; then
// `import sqlalchemy` and the lesson's models on a declarative base. That is a lower bound of
// real Flask-SQLAlchemy in the browser: Flask, Werkzeug, Jinja2, sqlite3 would add more.
// Prints medians, min/max and Pyodide ÷ ours, and the bytes each transferred (raw and as
// served) per kind.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/browser.mjs';
import { serveCompressed } from './support/served.mjs';
import { findPython, machine, median, ms, ratio, ROOT, run, say, table, TARGET } from './support/tools.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '5'));
const ONLY_OURS = option('--only', 'both') === 'ours';
const DIST = option('--dist', join(ROOT, 'dist'));
const LESSON = readFileSync(join(ROOT, 'tests', 'conformance', 'cases', '001-roles-users', 'models.py'), 'utf8');

// --- ours -----------------------------------------------------------------------------------
if (args.includes('--build')) {
  say('trunk build --release');
  run('trunk', ['build', '--release']);
}
if (!existsSync(join(DIST, 'index.html'))) {
  throw new Error('no dist/: build the page first (trunk build --release, or pass --build)');
}

// Runs in the page before its own scripts: notes when the diagram has both lesson tables,
// then types `Role.query.all()` and presses Enter as a visitor would, and notes when its
// output shows. Times are performance.now(): milliseconds since navigation start.
const OURS_PROBE = () => {
  const b = { diagram: null, result: null, painted: null, text: null, entries: 0 };
  window.__bench = b;
  // Trunk's loader announces the wasm instance's exports (its memory among them).
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail?.wasm; });
  const check = () => {
    if (b.diagram === null && document.querySelectorAll('.ormpg .diagram svg .table').length >= 2) {
      const box = document.querySelector('.ormpg .console-input');
      if (!box) return;
      b.diagram = performance.now();
      b.entries = document.querySelectorAll('.ormpg .transcript .entry').length;
      box.focus();
      box.value = 'Role.query.all()';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    }
    if (b.diagram !== null && b.result === null) {
      const entries = document.querySelectorAll('.ormpg .transcript .entry');
      const last = entries[entries.length - 1];
      if (entries.length > b.entries && last?.querySelector('.out')) {
        b.result = performance.now();
        b.text = last.querySelector('.out').textContent;
        // The frame that shows it: its animation-frame callbacks, then layout and paint,
        // then the next task.
        requestAnimationFrame(() => {
          const next = new MessageChannel();
          next.port1.onmessage = () => { b.painted = performance.now(); };
          next.port2.postMessage(null);
        });
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
};

async function oursLoad(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(OURS_PROBE);
  server.log.length = 0;
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.__bench?.painted != null, null, { timeout: 60_000 });
  const b = await page.evaluate(() => window.__bench);
  const memory = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? null);
  await context.close();
  return { a: b.diagram, b: b.result, painted: b.painted, text: b.text, log: [...server.log], memory };
}

// --- Pyodide --------------------------------------------------------------------------------
function pyodideDir() {
  const dir = join(ROOT, 'node_modules', 'pyodide');
  if (!existsSync(join(dir, 'pyodide.asm.wasm'))) {
    throw new Error('no node_modules/pyodide: run npm ci (package.json has it)');
  }
  return dir;
}

/** The wheels (downloaded once) and the bench page, in $CARGO_TARGET_DIR/pyodide-bench. */
function pyodideSite() {
  const site = join(TARGET, 'pyodide-bench');
  const wheels = join(site, 'wheels');
  mkdirSync(wheels, { recursive: true });
  const have = () => readdirSync(wheels).filter((f) => f.endsWith('.whl'));
  if (!have().some((f) => f.startsWith('sqlalchemy-')) || !have().some((f) => f.startsWith('typing_extensions-'))) {
    say('pip download SQLAlchemy and typing_extensions (pure-Python wheels from PyPI)');
    const python = findPython(['pip'], []);
    run(python, ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--platform', 'any',
      '--python-version', '3.13', '--implementation', 'py', '-d', wheels, 'sqlalchemy', 'typing_extensions']);
  }
  const order = have().sort((x, y) => Number(y.startsWith('typing')) - Number(x.startsWith('typing')));
  // The lesson's models (Flask-SQLAlchemy style) on a declarative base with the names
  // `db.Model`, `db.Column`, ... that Flask-SQLAlchemy's `db` would give them.
  const models = `
import sqlalchemy as sa
from sqlalchemy import orm

class _DB:
    Model = orm.declarative_base()
    Column, Integer, String, ForeignKey = sa.Column, sa.Integer, sa.String, sa.ForeignKey
    relationship = staticmethod(orm.relationship)

db = _DB()
${LESSON}
orm.configure_mappers()
`;
  writeFileSync(join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Pyodide + SQLAlchemy</title>
<script type="module">
const b = window.__bench = { ready: null, packages: null, models: null, error: null, versions: null };
try {
  const { loadPyodide } = await import('/pyodide/pyodide.mjs');
  const py = await loadPyodide({ indexURL: '/pyodide/' });
  b.ready = performance.now();
  await py.loadPackage(${JSON.stringify(order.map((f) => `/pyodide-bench/wheels/${f}`))});
  b.packages = performance.now();
  py.runPython(${JSON.stringify(models)});
  b.models = performance.now();
  b.versions = py.runPython('import sys; "Python %s, SQLAlchemy %s" % (sys.version.split()[0], sa.__version__)');
} catch (e) {
  b.error = String(e);
}
</script>
`);
  return site;
}

async function pyodideLoad(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const outside = [];
  await page.route((url) => !url.href.startsWith(server.url), (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  server.log.length = 0;
  await page.goto(`${server.url}/pyodide-bench/`);
  await page.waitForFunction(() => window.__bench?.models !== null || window.__bench?.error !== null, null,
    { timeout: 300_000 });
  const b = await page.evaluate(() => window.__bench);
  await context.close();
  if (b.error) throw new Error(`Pyodide: ${b.error}`);
  if (outside.length) throw new Error(`Pyodide asked for ${outside.join(', ')} (must stay offline)`);
  return { ...b, log: [...server.log] };
}

// --- the run --------------------------------------------------------------------------------
say('preparing the servers (compressing every asset once, brotli 11 / gzip 9)');
const ours = await serveCompressed({ '/': DIST });
const theirs = ONLY_OURS ? null
  : await serveCompressed({ '/pyodide/': pyodideDir(), '/pyodide-bench/': pyodideSite() });
const browser = await launch();
const oursRuns = [];
const pyRuns = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    say(`cold load ${i + 1}/${RUNS}: ours`);
    oursRuns.push(await oursLoad(browser, ours));
    if (theirs) {
      say(`cold load ${i + 1}/${RUNS}: Pyodide`);
      pyRuns.push(await pyodideLoad(browser, theirs));
    }
  }
} finally {
  await browser.close();
  await ours.close();
  await theirs?.close();
}

const stats = (xs) => ({ med: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const fmt = (s) => [ms(s.med), `${ms(s.min)} – ${ms(s.max)}`];
const oa = stats(oursRuns.map((r) => r.a));
const ob = stats(oursRuns.map((r) => r.b));
const op = stats(oursRuns.map((r) => r.painted));
const oba = stats(oursRuns.map((r) => r.b - r.a));
const pr = stats(pyRuns.map((r) => r.ready));
const pp = stats(pyRuns.map((r) => r.packages));
const pm = stats(pyRuns.map((r) => r.models));

console.log(`\nPage vs Pyodide, ${RUNS} cold loads each (fresh browser context) — ${machine()}`);
console.log(`headless Chromium ${browser.version()}; ours: dist/ (release build); ` +
  (ONLY_OURS ? 'Pyodide skipped (--only ours)' :
    `Pyodide ${JSON.parse(readFileSync(join(pyodideDir(), 'package.json'), 'utf8')).version} ` +
    `(${pyRuns[0].versions})`) + '; served from 127.0.0.1 with brotli');
if (!ONLY_OURS) {
  console.log('Pyodide is a LOWER BOUND of real Flask-SQLAlchemy in the browser: it loads no Flask, ' +
    'Werkzeug, Jinja2 or sqlite3, creates no tables and runs no query.');
}
console.log('');
console.log(table(['milestone (from navigation start)', 'median', 'min – max', 'Pyodide ÷ ours'], [
  ['ours (a): lesson models compiled, diagram drawn', ...fmt(oa), ''],
  ['ours (b): first result of Role.query.all()', ...fmt(ob), ''],
  ['ours (b) painted: the next frame done', ...fmt(op), ''],
  ['ours (b) − (a): Enter to result', ...fmt(oba), ''],
  ...(ONLY_OURS ? [] : [
    ['Pyodide: interpreter ready', ...fmt(pr), ''],
    ['Pyodide: + SQLAlchemy wheels loaded', ...fmt(pp), ''],
    ['Pyodide: + import sqlalchemy, lesson models defined', ...fmt(pm), `${ratio(pm.med, oa.med)} (a), ${ratio(pm.med, ob.med)} (b)`],
  ]),
]));

/** Bytes per kind of one load's log (every request, repeated downloads included). */
function bytes(log) {
  const kinds = {};
  for (const r of log) {
    const k = (kinds[r.kind] ??= { raw: 0, sent: 0, requests: 0 });
    k.raw += r.raw;
    k.sent += r.sent;
    k.requests += 1;
  }
  return kinds;
}
const kb = (n) => (n ? `${(n / 1024).toFixed(1)} KB` : '—');
const ob1 = bytes(oursRuns[0].log);
const pb1 = ONLY_OURS ? {} : bytes(pyRuns[0].log);
const kinds = [...new Set([...Object.keys(ob1), ...Object.keys(pb1)])];
const total = (k) => Object.values(k).reduce((t, x) => ({ raw: t.raw + x.raw, sent: t.sent + x.sent, requests: t.requests + x.requests }),
  { raw: 0, sent: 0, requests: 0 });
const rowsOf = (name, k) => [name, k ? String(k.requests) : '—', kb(k?.raw), kb(k?.sent)];
const brows = [];
for (const kind of kinds) {
  brows.push([...rowsOf(`ours ${kind}`, ob1[kind]), '']);
  if (!ONLY_OURS) brows.push([...rowsOf(`Pyodide ${kind}`, pb1[kind]), ratio(pb1[kind]?.sent, ob1[kind]?.sent)]);
}
const ot = total(ob1);
const pt = total(pb1);
brows.push([...rowsOf('ours total', ot), '']);
if (!ONLY_OURS) brows.push([...rowsOf('Pyodide total', pt), ratio(pt.sent, ot.sent)]);
console.log(`\nBytes of one cold load (encoding sent: ${[...new Set(oursRuns[0].log.map((r) => r.encoding))].join(', ')})`);
console.log(table(['kind', 'requests', 'raw', 'as served', 'Pyodide ÷ ours'], brows));
const repeated = oursRuns[0].log.map((r) => r.path).filter((p, i, all) => all.indexOf(p) !== i);
if (repeated.length) console.log(`note: ours fetched ${repeated.join(', ')} more than once`);
console.log(`\nours: first console result ${JSON.stringify(oursRuns[0].text)} at ${ms(ob.med)} ` +
  `(target ≤ 350 ms: ${ob.med <= 350 ? 'met' : 'not met'}); wasm memory then ` +
  `${(median(oursRuns.map((r) => r.memory)) / 2 ** 20).toFixed(1)} MB; ` +
  `page budget 900 KB brotli: ${ot.sent <= 900 * 1024 ? 'within' : 'OVER'} (${kb(ot.sent)})`);

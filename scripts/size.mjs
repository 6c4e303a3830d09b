#!/usr/bin/env node
// Prints the shipped size of the built page (dist/ by default): every asset's raw, gzip
// (level 9) and brotli (quality 11, Node's zlib) size, per kind (wasm, JS, CSS, HTML) and in
// total, against the page budget. Then what each way in loads: the full page (index.html
// and what it loads) and the docs widget (orm-playground.js and the same module, glue and
// stylesheet; the host page is the docs site's), and whether the widget's way in loads no
// more than the page's (gzip and brotli; tests/e2e/size.test.mjs holds it to that).
// `--json` prints the same figures as JSON.
import { readFileSync } from 'node:fs';
import { extname, relative } from 'node:path';
import { brotli, filesUnder, gzip } from './compress.mjs';

const BUDGET_BROTLI = 900 * 1024;
const args = process.argv.slice(2);
const json = args.includes('--json');
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const KINDS = { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.css': 'css', '.html': 'html' };

const assets = filesUnder(dist)
  .filter((f) => KINDS[extname(f)])
  .map((f) => {
    const body = readFileSync(f);
    return {
      file: relative(dist, f),
      kind: KINDS[extname(f)],
      raw: body.length,
      gzip: gzip(body).length,
      brotli: brotli(body).length,
    };
  })
  .sort((a, b) => b.brotli - a.brotli);

if (assets.length === 0) {
  console.error(`size: no assets in ${dist} (build the page first: trunk build --release)`);
  process.exit(1);
}
// Files only one way in loads; the demo docs page (docs.html) belongs to neither.
const WIDGET_ONLY = (f) => f === 'orm-playground.js';
const PAGE_ONLY = (f) => f === 'index.html' || f.endsWith('-loader.mjs');
const DEMO = (f) => f === 'docs.html';
const sum = (list) => list.reduce((t, a) => ({ raw: t.raw + a.raw, gzip: t.gzip + a.gzip, brotli: t.brotli + a.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });
const page = assets.filter((a) => !DEMO(a.file) && !WIDGET_ONLY(a.file));
// Per kind, what the full page loads: the rows add up to its total.
const kinds = Object.fromEntries(['wasm', 'js', 'css', 'html'].map((k) => [k, sum(page.filter((a) => a.kind === k))]));
const total = sum(page);
const widget = sum(assets.filter((a) => !DEMO(a.file) && !PAGE_ONLY(a.file)));
const hasWidget = assets.some((a) => WIDGET_ONLY(a.file));
// What the widget's way in loads minus what the page's does (negative: less).
const widgetVsPage = hasWidget
  ? { raw: widget.raw - total.raw, gzip: widget.gzip - total.gzip, brotli: widget.brotli - total.brotli }
  : null;

if (json) {
  console.log(JSON.stringify({
    assets, kinds, total, widget: hasWidget ? widget : null, widget_vs_page: widgetVsPage, budget_brotli: BUDGET_BROTLI,
  }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(11);
  const row = (name, s) => console.log(`${name.padEnd(44)}${kb(s.raw)}${kb(s.gzip)}${kb(s.brotli)}`);
  console.log(`${'asset'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}`);
  for (const a of assets) row(a.file.length > 43 ? `…${a.file.slice(-42)}` : a.file, a);
  console.log('-'.repeat(77));
  for (const [k, s] of Object.entries(kinds)) if (s.raw) row(`page: all ${k}`, s);
  row('total: the full page loads', total);
  if (hasWidget) {
    row('the docs widget loads', widget);
    const signed = (n) => `${n > 0 ? '+' : ''}${n} B`;
    const within = widgetVsPage.gzip <= 0 && widgetVsPage.brotli <= 0;
    console.log(`widget path vs full page: ${signed(widgetVsPage.gzip)} gzip, ${signed(widgetVsPage.brotli)} brotli` +
      ' (orm-playground.js, widget CSS inlined, instead of index.html and its initializer): ' +
      (within ? 'the widget loads no more than the page' : 'the widget loads MORE than the page'));
  }
  const verdict = total.brotli <= BUDGET_BROTLI ? 'within' : 'OVER';
  console.log(`page budget ${(BUDGET_BROTLI / 1024).toFixed(0)} KB brotli: ${verdict} (${(total.brotli / 1024).toFixed(1)} KB)`);
}

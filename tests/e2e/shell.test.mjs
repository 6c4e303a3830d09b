// The page's shell: a progress bar while the wasm downloads, the app mountable into any
// element with every style scoped under its root class.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, start } from './fixture.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

test('a progress bar shows while the wasm downloads, then the app replaces it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(env.url);
  const bar = page.locator('#orm-playground .page-loading[role="progressbar"]');
  await bar.waitFor();
  assert.match(await bar.innerText(), /Loading/);
  release();
  await page.waitForSelector('.ormpg .diagram svg', { timeout: 60_000 });
  assert.equal(await page.locator('.page-loading').count(), 0);
  assert.equal(await bar.count(), 0);
  await context.close();
});

test('the app mounts into a given element of another page, next to its content', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('.ormpg .diagram svg', { timeout: 60_000 });
  // A docs page: its own text, and a widget mounted through the exported `mount`.
  // Trunk's loader exposes the wasm module's exports as window.wasmBindings.
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend',
      '<article id="docs"><p class="prose">Some prose.</p><div id="widget" style="height:600px"></div></article>');
    window.wasmBindings.mount(document.getElementById('widget'), 'docs-widget');
  });
  await page.waitForFunction(() => document.querySelectorAll('#widget .ormpg .diagram svg .table').length === 2);
  assert.equal(await page.locator('.ormpg').count(), 2, 'two playgrounds on one page');
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, 'element ids stay unique');
  const prose = await page.locator('#docs .prose').evaluate((e) => getComputedStyle(e).fontFamily);
  const body = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.equal(prose, body, 'the app does not restyle the page around it');
  await context.close();
});

test('every rule of the stylesheet is scoped under .ormpg', () => {
  const css = readFileSync(join(ROOT, 'www', 'style.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors = [];
  const walk = (text) => {
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf('{', i);
      if (open < 0) break;
      const head = text.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      while (j < text.length && depth > 0) { if (text[j] === '{') depth += 1; if (text[j] === '}') depth -= 1; j += 1; }
      if (head.startsWith('@media')) walk(text.slice(open + 1, j - 1));
      else selectors.push(...head.split(',').map((s) => s.trim()));
      i = j;
    }
  };
  walk(css);
  assert.ok(selectors.length > 50);
  const unscoped = selectors.filter((s) => !/^\.ormpg(?![\w-])/.test(s));
  assert.deepEqual(unscoped, []);
});

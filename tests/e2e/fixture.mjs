// What every end-to-end test file shares: the built page served on 127.0.0.1, the system
// Chromium, helpers to drive the playground, and where screenshots go.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const ARTIFACTS = join(HERE, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** The page's server and browser for one test file. */
export async function start() {
  const server = await serve(process.env.DIST ?? join(ROOT, 'dist'));
  const browser = await launch();
  return {
    url: server.url,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/** A fresh browser context (empty localStorage) with the page loaded and the app mounted. */
export async function openPage(env, { width = 1440, height = 900, url = env.url, context } = {}) {
  const ctx = context ?? (await env.browser.newContext({ viewport: { width, height } }));
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('.ormpg .diagram svg', { timeout: 60_000 });
  return { page, context: ctx, errors };
}

/** A conformance case's files. */
export function conformanceCase(name) {
  const dir = join(ROOT, 'tests', 'conformance', 'cases', name);
  return {
    models: readFileSync(join(dir, 'models.py'), 'utf8'),
    session: readFileSync(join(dir, 'session.txt'), 'utf8'),
  };
}

/** A doctest transcript as [{ source, want }] (the harness's rules, as transcript.rs has them). */
export function parseTranscript(text) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i].startsWith('>>>')) { i += 1; continue; }
    const source = [lines[i].slice(4)];
    i += 1;
    while (i < lines.length && lines[i].startsWith('...')) { source.push(lines[i].slice(4)); i += 1; }
    const want = [];
    while (i < lines.length && !lines[i].startsWith('>>>') && lines[i].trim() !== '') {
      want.push(lines[i] === '<BLANKLINE>' ? '' : lines[i]);
      i += 1;
    }
    out.push({ source: source.join('\n'), want: want.length ? `${want.join('\n')}\n` : '' });
  }
  return out;
}

/** Replaces the editor's text as a paste would. */
export async function setModels(page, text) {
  const editor = page.locator('.editor textarea');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** Runs one console input (Enter on a complete statement, or Ctrl+Enter for a block). */
export async function runInConsole(page, input) {
  const before = await page.locator('.transcript .entry').count();
  const box = page.locator('.console-input');
  await box.fill(input);
  await box.press(input.includes('\n') ? 'Control+Enter' : 'Enter');
  await page.waitForFunction(
    (n) => document.querySelectorAll('.transcript .entry').length > n, before);
  return page.locator('.transcript .entry').last();
}

/** Exactly what the console printed for its last input ('' when nothing was printed). */
export async function lastOutput(page) {
  const out = page.locator('.transcript .entry').last().locator('.out');
  return (await out.count()) ? out.textContent() : '';
}

#!/usr/bin/env node
// Checks every transcript in documentation pages, for a docs site's CI:
//
//   node www/examples/check-docs.mjs [--dist DIR] PAGE.html...
//
// Each <orm-playground> widget with a <script type="text/x-session"> child is run in a
// fresh playground (the same wasm module the widgets run, loaded from DIR, default dist/)
// and its outputs compared with the transcript's, as `ormpg check` does. Prints `ok NAME`
// or `FAIL NAME` with the differences, then a count; the exit status is 1 if any failed.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let dist = new URL('../../dist/', import.meta.url);
const pages = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--dist' && args[i + 1]) {
    dist = pathToFileURL(`${resolve(args[i + 1])}/`);
    i += 1;
  } else {
    pages.push(args[i]);
  }
}
if (pages.length === 0) {
  console.error('usage: node check-docs.mjs [--dist DIR] PAGE.html...');
  process.exit(2);
}

const { checkTranscript, dedent } = await import(new URL('orm-playground.js', dist).href);

/** The widgets of an HTML page: [{ name, models, session }] (the widget's own reading). */
function widgets(file) {
  const html = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const found = [];
  let n = 0;
  for (const [, attrs, body] of html.matchAll(/<orm-playground\b([^>]*)>([\s\S]*?)<\/orm-playground>/gi)) {
    n += 1;
    const text = {};
    for (const [, kind, content] of body.matchAll(
      /<script\b[^>]*\btype\s*=\s*["']?text\/x-(models|session)["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
      text[kind] ??= dedent(content);
    }
    const id = attrs.match(/\bid\s*=\s*["']([^"']+)["']/)?.[1] ?? String(n);
    if (text.session) found.push({ name: `${basename(file)}#${id}`, models: text.models ?? '', session: text.session });
  }
  return found;
}

let passed = 0;
let failed = 0;
for (const page of pages) {
  for (const w of widgets(page)) {
    const report = await checkTranscript(w.models, w.session, w.name);
    process.stdout.write(report.text);
    if (report.passed) passed += 1; else failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

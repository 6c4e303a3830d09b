#!/usr/bin/env node
// Trunk's post-build hook (Trunk.toml): writes the docs widget's loader into the build.
// dist/orm-playground.js is www/orm-playground.js with BUILD filled in: the hashed names
// Trunk gave the wasm module, its JS glue and the stylesheet, and www/widget.css inlined
// (so a widget needs no extra request), minified with terser (a devDependency) so that the
// widget's way in loads no more than the full page's index.html and Trunk's initializer do
// (scripts/size.mjs compares them; tests/e2e/size.test.mjs holds it). Also copies the demo
// docs page, www/docs.html. Runs in TRUNK_STAGING_DIR (Trunk moves it to dist/ afterwards),
// or in the folder given.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!out) {
  console.error('embed-build: run by Trunk (TRUNK_STAGING_DIR), or give the dist folder');
  process.exit(2);
}

const files = readdirSync(out);
function one(pattern, what) {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) {
    console.error(`embed-build: expected one ${what} in ${out} (matching ${pattern}), found ${found.length}` +
      ' (Trunk.toml must keep filehash = true: the loader itself is orm-playground.js)');
    process.exit(1);
  }
  return found[0];
}

const build = {
  glue: one(/^orm-playground-[0-9a-f]+\.js$/, 'wasm-bindgen glue'),
  wasm: one(/^orm-playground-[0-9a-f]+_bg\.wasm$/, 'wasm module'),
  css: one(/^style-[0-9a-f]+\.css$/, 'stylesheet'),
  widgetCss: readFileSync(join(ROOT, 'www', 'widget.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':') // after a property name (no selector in widget.css has ": ")
    .replace(/;}/g, '}')
    .trim(),
};

const source = readFileSync(join(ROOT, 'www', 'orm-playground.js'), 'utf8');
const marker = '/*ORMPG_BUILD*/ null';
if (!source.includes(marker)) {
  console.error(`embed-build: www/orm-playground.js lost its ${marker} marker`);
  process.exit(1);
}
// Exports keep their names (the API); everything else may be renamed or inlined.
const minified = await minify(source.replace(marker, () => JSON.stringify(build)), {
  module: true,
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(join(out, 'orm-playground.js'), minified.code);
copyFileSync(join(ROOT, 'www', 'docs.html'), join(out, 'docs.html'));
console.log(`embed-build: orm-playground.js → ${build.glue}, ${build.wasm}, ${build.css}; docs.html`);

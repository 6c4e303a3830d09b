// The docs widget's way in (orm-playground.js, then the page's own module, glue and
// stylesheet) loads no more than the full page's (index.html and Trunk's initializer, then
// the same), compressed either way, as scripts/size.mjs measures the built dist/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './fixture.mjs';

const DIST = process.env.DIST ?? join(ROOT, 'dist');

test('the docs widget loads no more bytes than the full page (gzip and brotli)', () => {
  const sizes = JSON.parse(execFileSync('node', [join(ROOT, 'scripts', 'size.mjs'), '--json', DIST], { encoding: 'utf8' }));
  assert.ok(sizes.widget, `no orm-playground.js in ${DIST}`);
  const { gzip, brotli } = sizes.widget_vs_page;
  const loader = sizes.assets.find((a) => a.file === 'orm-playground.js');
  console.log(`widget vs page: ${gzip} B gzip, ${brotli} B brotli (orm-playground.js: ${loader.gzip} B gzip, ${loader.brotli} B brotli)`);
  assert.ok(brotli <= 0, `the widget loads ${brotli} B more (brotli) than the page`);
  assert.ok(gzip <= 0, `the widget loads ${gzip} B more (gzip) than the page`);
});

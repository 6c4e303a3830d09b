// The headless API in Node: checkTranscript from the built dist/orm-playground.js (the
// page's own wasm module, read from disk) passes and fails as `ormpg check` does, and the
// docs-CI example (www/examples/check-docs.mjs) checks the demo page's transcripts.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ROOT, conformanceCase } from './fixture.mjs';

const DIST = process.env.DIST ?? join(ROOT, 'dist');
const LOADER = pathToFileURL(join(DIST, 'orm-playground.js')).href;
const EXAMPLE = join(ROOT, 'www', 'examples', 'check-docs.mjs');
const ORMPG = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'ormpg');

const LESSON = conformanceCase('001-roles-users');
const EDITED = LESSON.session.replace('>>> user_john.role_id\n1\n', '>>> user_john.role_id\n7\n');

test('checkTranscript runs in Node and passes and fails as the transcript says', async () => {
  const started = performance.now();
  const { checkTranscript } = await import(LOADER);
  const good = await checkTranscript(LESSON.models, LESSON.session, '001-roles-users');
  const loaded = performance.now() - started;
  assert.equal(good.passed, true, good.text);
  assert.equal(good.text, 'ok 001-roles-users\n');
  assert.equal(good.modelsError, null);
  const bad = await checkTranscript(LESSON.models, EDITED, 'edited');
  assert.equal(bad.passed, false);
  assert.deepEqual(bad.failures.map((f) => [f.source, f.expected, f.got]), [['user_john.role_id', '7\n', '1\n']]);
  const broken = await checkTranscript('class Broken(db.Model)\n    pass\n', '>>> 1\n1\n', 'broken');
  assert.equal(broken.passed, false);
  assert.match(broken.modelsError, /SyntaxError/);
  console.log(`# wasm loaded and the lesson checked in Node in ${loaded.toFixed(0)} ms`);
});

test('checkTranscript prints exactly what ormpg check prints', { skip: !existsSync(ORMPG) && `no ${ORMPG} (cargo build)` }, async () => {
  const { checkTranscript } = await import(LOADER);
  const dir = mkdtempSync(join(tmpdir(), 'ormpg-check-'));
  for (const [name, session] of [['lesson', LESSON.session], ['edited', EDITED]]) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'models.py'), LESSON.models);
    writeFileSync(join(dir, name, 'session.txt'), session);
    const cli = spawnSync(ORMPG, ['check', join(dir, name)], { encoding: 'utf8' });
    const report = await checkTranscript(LESSON.models, session, name);
    assert.equal(`${report.text}${report.passed ? '1 passed, 0 failed' : '0 passed, 1 failed'}\n`, cli.stdout);
    assert.equal(cli.status === 0, report.passed);
  }
});

test('the docs-CI example checks every transcript of the demo page', () => {
  const out = execFileSync('node', [EXAMPLE, '--dist', DIST, join(ROOT, 'www', 'docs.html')], { encoding: 'utf8' });
  assert.equal(out, 'ok docs.html#roles-users\nok docs.html#posts-tags\n2 passed, 0 failed\n');
  const dir = mkdtempSync(join(tmpdir(), 'ormpg-docs-'));
  const page = join(dir, 'stale.html');
  writeFileSync(page, readFileSync(join(ROOT, 'www', 'docs.html'), 'utf8').replace('>>> web.posts.count()\n      2', '>>> web.posts.count()\n      5'));
  const run = spawnSync('node', [EXAMPLE, '--dist', DIST, page], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ok stale\.html#roles-users\nFAIL stale\.html#posts-tags\nline \d+:\n>>> web\.posts\.count\(\)\nExpected:\n {4}5\nGot:\n {4}2\n1 passed, 1 failed\n$/);
});

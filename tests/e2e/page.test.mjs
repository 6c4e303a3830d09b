// The page as a visitor uses it (issue 6): editing with error marks, the guided session's
// exact output, the SQL log and Data tab, examples, Share links, autosave, accessibility,
// and screenshots at 360 px and 1440 px.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, conformanceCase, lastOutput, openPage, parseTranscript, runInConsole, setModels, start,
} from './fixture.mjs';

const require = createRequire(import.meta.url);
let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

test('a typo is underlined with its message on hover, and the last good diagram stays', async () => {
  const { page, errors } = await openPage(env);
  const editor = page.locator('.editor textarea');
  const text = await editor.inputValue();
  const broken = text.replace('db.String(64), unique=True)', 'db.Strin(64), unique=True)');
  await setModels(page, broken);
  const mark = page.locator('.editor .overlay .err').last();
  await mark.waitFor();
  const marked = (await page.locator('.editor .overlay .err').allTextContents()).join('');
  assert.match(marked, /^db\.Strin/, 'the failing expression is underlined');
  assert.match(await page.locator('.editor .status').innerText(), /AttributeError|Strin/);
  assert.equal(await page.locator('.diagram svg .table').count(), 2, 'the last good diagram stays');
  // The textarea lies over the highlighted text: move the pointer there, as a visitor does.
  const box = await page.locator('.editor .overlay .err').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.editor .tooltip').waitFor();
  assert.match(await page.locator('.editor .tooltip').innerText(), /Strin/);

  await setModels(page, text);
  await page.waitForFunction(() => !document.querySelector('.editor .overlay .err'));
  await page.locator('.editor .status-ok', { hasText: '2 tables created' }).waitFor();

  await setModels(page, `${text}\nclass Broken(db.Model:\n    pass\n`);
  await page.locator('.editor .overlay .err').first().waitFor();
  assert.match(await page.locator('.editor .status').innerText(), /SyntaxError/);
  assert.ok(await page.locator('.gutter .err-line').count() === 1);
  await setModels(page, text);
  await page.waitForFunction(() => !document.querySelector('.editor .overlay .err'));
  assert.deepEqual(errors, []);
});

test("the lesson's guided session prints exactly what Python printed", async () => {
  const { page, errors } = await openPage(env);
  const expected = parseTranscript(conformanceCase('001-roles-users').session);
  const steps = await page.locator('.guide-count').innerText();
  assert.equal(steps, `Guided session · step 1 of ${expected.length}`);
  for (const [i, example] of expected.entries()) {
    const shown = await page.locator('.guide-step .code').innerText();
    assert.equal(shown, example.source, `step ${i + 1}`);
    const before = await page.locator('.transcript .entry').count();
    await page.getByRole('button', { name: 'Run step' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.transcript .entry').length > n, before);
    const got = await lastOutput(page);
    assert.equal(got, example.want, `output of ${example.source}`);
  }
  assert.equal(await page.locator('.guide').count(), 0, 'the guide is done');
  await page.screenshot({ path: join(ARTIFACTS, 'guided-session.png') });
  assert.deepEqual(errors, []);
});

test('the SQL log flags lazy loads (N+1) and the Data tab follows every statement', async () => {
  const { page, errors } = await openPage(env);
  for (const line of [
    "db.session.add_all([Role(name='Admin'), Role(name='User')])",
    'db.session.commit()',
    "db.session.add_all([User(username='ann', role=Role.query.get(1)), User(username='bob', role=Role.query.get(2))])",
    'db.session.commit()',
  ]) await runInConsole(page, line);

  await page.getByRole('tab', { name: /Data/ }).click();
  const data = page.locator('.data');
  assert.match(await data.innerText(), /Admin[\s\S]*User/);
  assert.match(await data.innerText(), /ann[\s\S]*bob/);

  await page.getByRole('tab', { name: /Console/ }).click();
  await runInConsole(page, 'for role in Role.query.all():\n    print(role.name, [u.username for u in role.users])\n');
  assert.equal(await lastOutput(page), "Admin ['ann']\nUser ['bob']\n");
  await page.getByRole('tab', { name: /SQL log/ }).click();
  const newest = page.locator('.log-group').first();
  assert.match(await newest.locator('.log-cause').innerText(), /for role in Role\.query\.all\(\)/);
  assert.equal(await newest.locator('.statement.lazy').count(), 2);
  assert.match(await newest.locator('.n-plus-one').innerText(), /N\+1/);
  assert.match(await newest.locator('.statements').innerText(), /SELECT roles\.id/);

  await page.getByRole('tab', { name: /Console/ }).click();
  await runInConsole(page, "db.session.delete(Role.query.filter_by(name='User').first())");
  await runInConsole(page, 'db.session.commit()');
  await page.getByRole('tab', { name: /Data/ }).click();
  assert.doesNotMatch(await page.locator('.data-table').first().innerText(), /\bUser\b/);
  await page.screenshot({ path: join(ARTIFACTS, 'sql-log-data.png') });
  assert.deepEqual(errors, []);
});

test('the SQL tab runs raw SQL against the same store', async () => {
  const { page } = await openPage(env);
  await runInConsole(page, "db.session.add(Role(name='Admin'))");
  await runInConsole(page, 'db.session.commit()');
  await page.getByRole('tab', { name: 'SQL', exact: true }).click();
  await page.locator('.sql-input').fill("SELECT id, name FROM roles; INSERT INTO roles (name) VALUES ('Guest');");
  await page.getByRole('button', { name: 'Run SQL' }).click();
  const results = page.locator('.sql-results');
  await results.locator('table').waitFor();
  assert.match(await results.innerText(), /Admin/);
  assert.match(await results.innerText(), /INSERT: 1 row affected/);
  await page.getByRole('tab', { name: /Console/ }).click();
  await runInConsole(page, '[r.name for r in Role.query.all()]');
  assert.equal(await lastOutput(page), "['Admin', 'Guest']\n");
});

test('the console: tracebacks, blocks, history, completion, and an endless loop stops', async () => {
  const { page } = await openPage(env);
  await runInConsole(page, 'Role.query.get(1).name');
  const tb = await lastOutput(page);
  assert.match(tb, /^Traceback \(most recent call last\):\n {2}File "<stdin>", line 1/);
  assert.match(tb, /\nAttributeError: 'NoneType' object has no attribute 'name'\n$/);
  assert.equal(await page.locator('.transcript .entry').last().locator('.out.traceback').count(), 1);

  const box = page.locator('.console-input');
  await box.click();
  await page.keyboard.type('for i in range(2):');
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), 'for i in range(2):\n    ', 'Enter continues the block, indented');
  await page.keyboard.type('i * 10');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await lastOutput(page), '0\n10\n', 'an empty line ends the block');
  assert.equal(await box.inputValue(), '');

  await page.keyboard.press('ArrowUp');
  assert.equal(await box.inputValue(), 'for i in range(2):\n    i * 10');
  await box.fill('');

  await page.keyboard.type('Role.query.fil');
  await page.keyboard.press('Tab');
  assert.equal(await box.inputValue(), 'Role.query.filter');
  await page.locator('.completions').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), 'Role.query.filter_by');
  await box.fill('');
  await page.keyboard.type('Role.us');
  await page.keyboard.press('Tab');
  assert.equal(await box.inputValue(), 'Role.users');
  await box.fill('');

  await box.fill(">>> x = [1, 2]\n>>> for v in x:\n...     v * 2\n2\n4\n>>> len(x)\n2\n");
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('.transcript .entry:last-child .code')?.textContent === 'len(x)');
  assert.equal(await lastOutput(page), '2\n', 'a pasted transcript runs input by input');

  const started = Date.now();
  await runInConsole(page, 'while True:\n    pass\n');
  assert.match(await lastOutput(page), /KeyboardInterrupt/);
  assert.ok(Date.now() - started < 10_000, 'stopped by the time limit');
  await runInConsole(page, '1 + 1');
  assert.equal(await lastOutput(page), '2\n');

  await runInConsole(page, 'def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\n\n');
  await runInConsole(page, 'down(150)');
  assert.equal(await lastOutput(page), '150\n', 'recursion 150 calls deep runs in the release build');
  await runInConsole(page, 'down(10 ** 6)');
  assert.match(await lastOutput(page), /\nRecursionError: maximum recursion depth exceeded\n$/, 'deeper recursion is Python\'s error, not a crash');
  await runInConsole(page, '2 + 2');
  assert.equal(await lastOutput(page), '4\n', 'the console still answers');
});

test('switching examples redraws the models, the diagram and the guide', async () => {
  const { page, errors } = await openPage(env);
  await page.getByLabel('Example').selectOption({ label: 'Blog: users, posts, comments, tags' });
  await page.waitForFunction(() => document.querySelectorAll('.diagram svg .table').length === 5);
  assert.match(await page.locator('.editor textarea').inputValue(), /class Comment\(db\.Model\)/);
  assert.match(await page.locator('.guide-count').innerText(), /step 1 of/);
  await page.getByLabel('Example').selectOption({ label: 'Tree (remote_side)' });
  await page.waitForFunction(() => document.querySelectorAll('.diagram svg .table').length === 1);
  assert.equal(await page.locator('.diagram svg .fk').count(), 1, 'a self-reference');
  await page.getByLabel('Example').selectOption({ label: 'Typed models (SQLAlchemy 2.0)' });
  await page.waitForFunction(() => document.querySelectorAll('.diagram svg .table').length === 2);
  await page.getByRole('button', { name: 'Run step' }).click();
  await page.getByRole('button', { name: 'Run step' }).click();
  await page.getByRole('button', { name: 'Run step' }).click();
  await page.getByRole('button', { name: 'Run step' }).click();
  assert.equal(await lastOutput(page), 'None\n');
  assert.deepEqual(errors, []);
});

test('a Share link reopens the models and the session; a reload keeps the text', async () => {
  const { page, context } = await openPage(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const models = (await page.locator('.editor textarea').inputValue())
    .replace("name = db.Column(db.String(64), unique=True)", "name = db.Column(db.String(64), unique=True)\n    level = db.Column(db.Integer, default=1)");
  await setModels(page, models);
  await page.locator('.editor .status-ok', { hasText: '2 tables created' }).waitFor();
  await runInConsole(page, "db.session.add(Role(name='Ünïcode ✓'))");
  await runInConsole(page, 'db.session.commit()');
  await runInConsole(page, 'Role.query.first().level');
  assert.equal(await lastOutput(page), '1\n');

  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.locator('.share-url');
  await link.waitFor();
  const url = await link.inputValue();
  assert.match(url, /#share=[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

  const fresh = await openPage(env, { url });
  await fresh.page.waitForFunction(() => document.querySelectorAll('.transcript .entry .out').length > 0);
  assert.equal(await fresh.page.locator('.editor textarea').inputValue(), models);
  assert.equal(await lastOutput(fresh.page), '1\n');
  assert.match(await fresh.page.locator('.transcript').innerText(), /Ünïcode ✓/);
  assert.equal(new URL(fresh.page.url()).hash, '', 'the link is forgotten once opened');

  await page.reload();
  await page.waitForSelector('.ormpg .diagram svg');
  assert.equal(await page.locator('.editor textarea').inputValue(), models);
  assert.equal(await lastOutput(page), '1\n', 'the session is replayed');
  await page.locator('.console-input').click();
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('.console-input').inputValue(), 'Role.query.first().level');

  await page.getByRole('button', { name: 'Reset' }).click();
  await page.waitForFunction(() => !document.querySelector('.editor textarea').value.includes('level ='));
  assert.equal(await page.locator('.transcript .entry .out').count(), 0);
});

test('axe-core finds no serious accessibility violations, in both themes', async () => {
  const { page } = await openPage(env);
  await runInConsole(page, 'Role.query.all()');
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: theme });
    const result = await page.evaluate(() => window.axe.run(document.querySelector('.ormpg')));
    const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], theme);
  }
});

test('screenshots at 1440 px and 360 px', async () => {
  for (const [width, height, name] of [[1440, 900, 'page-1440'], [360, 780, 'page-360']]) {
    const { page } = await openPage(env, { width, height });
    for (let i = 0; i < 16; i += 1) await page.getByRole('button', { name: 'Run step' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.transcript .entry').length >= 17);
    await runInConsole(page, 'Role.query.all()');
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: width < 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px (${overflow} px too wide)`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-dark.png`), fullPage: width < 900 });
  }
});

// Issue 2's vertical slice, end to end in headless Chromium: the lesson's models typed into
// the page become a diagram with two tables and their link, and the console answers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ARTIFACTS, conformanceCase, lastOutput, openPage, runInConsole, setModels, start } from './fixture.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

test('the lesson models become a diagram, and the console runs queries against GlueSQL', async () => {
  const { page, errors } = await openPage(env);
  const { models } = conformanceCase('001-roles-users');
  await setModels(page, '');
  await page.waitForSelector('.empty-diagram');
  // Paste all but the last line, then type the last line key by key: Enter after
  // `def __repr__(self):` indents it.
  const lines = models.trimEnd().split('\n');
  await setModels(page, lines.slice(0, -1).join('\n'));
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(lines.at(-1).trim(), { delay: 5 });
  assert.equal(await page.locator('.editor textarea').inputValue(), `${lines.join('\n')}`);

  await page.waitForFunction(() => document.querySelectorAll('.diagram svg .table').length === 2);
  assert.equal(await page.locator('.diagram svg .fk').count(), 1);
  const names = await page.locator('.diagram svg .table .name').allTextContents();
  assert.deepEqual(names.sort(), ['roles', 'users']);
  await page.locator('.editor .status-ok', { hasText: '2 tables created' }).waitFor();

  await runInConsole(page, "admin = Role(name='Admin')");
  await runInConsole(page, "db.session.add(User(username='john', role=admin))");
  await runInConsole(page, 'db.session.commit()');
  await runInConsole(page, 'Role.query.all()');
  assert.equal(await lastOutput(page), "[<Role 'Admin'>]\n");
  await runInConsole(page, 'User.query.all()');
  assert.equal(await lastOutput(page), "[<User 'john'>]\n");

  await page.screenshot({ path: join(ARTIFACTS, 'lesson.png') });
  assert.deepEqual(errors, []);
});

// The docs widget on the demo page (dist/docs.html): three <orm-playground> widgets in prose
// render from one lazily loaded wasm module, run their sessions, keep their databases
// apart, survive an endless loop in one of them, show injected markup as text, keep their
// styles to themselves, and carry their state to the full playground; checkTranscript
// works in the page.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, conformanceCase, start } from './fixture.mjs';

const require = createRequire(import.meta.url);
const LESSON = conformanceCase('001-roles-users');
const TAGS = conformanceCase('013-many-to-many');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** The demo page, with the .wasm requests it made counted. */
async function openDocs({ width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  const errors = [];
  const wasm = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(`${env.url}docs.html`);
  return { page, context, errors, wasm };
}

/** Scrolls a widget into view and waits until it has mounted; its handle stays in the page. */
async function widget(page, id) {
  await page.locator(`orm-playground#${id}`).scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot?.querySelector('.ormpg'), id,
    { timeout: 60_000 });
  await page.evaluate(async (id) => {
    window.handles ??= {};
    window.handles[id] = await document.getElementById(id).ready;
  }, id);
  return page.locator(`orm-playground#${id}`);
}

/** Runs one input through a widget's console input, as a reader would type it. */
async function typeInConsole(page, id, input) {
  const host = page.locator(`orm-playground#${id}`);
  const before = await host.locator('.transcript .entry').count();
  const box = host.locator('.console-input');
  await box.fill(input);
  await box.press(input.includes('\n') ? 'Control+Enter' : 'Enter');
  await page.waitForFunction(({ id, n }) =>
    document.getElementById(id).shadowRoot.querySelectorAll('.transcript .entry').length > n, { id, n: before });
  const out = host.locator('.transcript .entry').last().locator('.out');
  return (await out.count()) ? out.textContent() : '';
}

test('the three widgets render from one wasm download and run their sessions', async () => {
  const { page, context, errors, wasm } = await openDocs();
  const roles = await widget(page, 'roles-users');
  assert.equal(await roles.locator('.diagram svg .table').count(), 2);
  const tabs = await roles.getByRole('tab').allTextContents();
  assert.deepEqual(tabs.map((t) => t.replace(/\d+$/, '')), ['Console', 'SQL log', 'Data'], 'the panes asked for');
  assert.equal(await roles.locator('.guide').count(), 1, 'its session waits as guided steps');
  await roles.getByRole('button', { name: /Run all/ }).click();
  await page.waitForFunction(() => window.handles['roles-users'].transcript().includes("['john', 'susan', 'david']"));
  assert.equal(await page.evaluate(() => window.handles['roles-users'].transcript()), LESSON.session,
    'the guided session printed exactly what the transcript says');
  assert.equal(await roles.locator('.transcript .entry').last().locator('.out').textContent(),
    "['john', 'susan', 'david']\n");

  const tags = await widget(page, 'posts-tags');
  assert.equal(await page.evaluate(() => window.handles['posts-tags'].transcript()), TAGS.session,
    'autorun ran the session at once');
  assert.equal(await tags.locator('.diagram svg .table').count(), 3);
  assert.equal(await tags.locator('.table.assoc').count(), 1, 'the association table');

  const blog = await widget(page, 'blog-diagram');
  assert.equal(await blog.locator('.diagram svg .table').count(), 5);
  assert.equal(await blog.locator('.editor').count(), 0, 'diagram only');
  assert.equal(await blog.locator('.session-pane').count(), 0, 'diagram only');
  assert.equal(await blog.locator('.ormpg').getAttribute('data-theme'), 'light');

  assert.equal(wasm.length, 1, `one wasm download for three widgets: ${wasm}`);
  await page.screenshot({ path: join(ARTIFACTS, 'docs-1280.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the wasm module loads only when a widget comes near the viewport', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.route(`${env.url}lazy.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><script type="module" src="orm-playground.js"></script>
      <p>Prose first.</p><div style="height: 4000px"></div>
      <orm-playground id="far" panes="diagram console" height="400">
        <script type="text/x-models">
          class Note(db.Model):
              id = db.Column(db.Integer, primary_key=True)
        </script>
      </orm-playground>`,
  }));
  await page.goto(`${env.url}lazy.html`);
  await page.waitForFunction(() => customElements.get('orm-playground'));
  await page.waitForTimeout(1500);
  assert.equal(wasm.length, 0, 'nothing downloaded while the widget is far below');
  assert.match(await page.locator('#far .ormpg-loading').textContent(), /ORM Playground/);
  await page.locator('#far').scrollIntoViewIfNeeded();
  await page.waitForSelector('#far .ormpg .diagram svg .table', { timeout: 60_000 });
  assert.equal(wasm.length, 1);
  await context.close();
});

test('a module that cannot load is said in the widget, and the page carries on', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${env.url}docs.html`);
  const placeholder = page.locator('#roles-users .ormpg-loading');
  await page.waitForFunction(() => document.querySelector('#roles-users')
    .shadowRoot.querySelector('.ormpg-loading.failed'), null, { timeout: 30_000 });
  assert.match(await placeholder.textContent(), /could not start/);
  assert.equal(await page.locator('h1').textContent(), 'Relationships in Flask-SQLAlchemy');
  await context.close();
});

test('every widget has its own database', async () => {
  const { page, context } = await openDocs();
  await widget(page, 'roles-users');
  await widget(page, 'posts-tags');
  assert.equal(await typeInConsole(page, 'roles-users', "db.session.add(Role(name='Guest'))"), '');
  assert.equal(await typeInConsole(page, 'roles-users', 'db.session.commit()'), '');
  assert.equal(await typeInConsole(page, 'roles-users', 'Role.query.count()'), '1\n');
  assert.match(await typeInConsole(page, 'posts-tags', 'Role.query.count()'), /NameError: name 'Role' is not defined/);
  assert.equal(await typeInConsole(page, 'posts-tags', 'Post.query.count()'), '2\n');
  // The same models in a widget mounted through the JS API: a database of its own.
  const counts = await page.evaluate(async ({ models }) => {
    const { mount } = await import('/orm-playground.js');
    const el = document.createElement('div');
    document.querySelector('main').append(el);
    const twin = await mount(el, { models, panes: 'console', height: 300 });
    const result = [twin.run('Role.query.count()'), window.handles['roles-users'].run('Role.query.count()')];
    twin.destroy();
    return result;
  }, { models: LESSON.models });
  assert.deepEqual(counts, ['0\n', '1\n']);
  const data = page.locator('#roles-users');
  await data.getByRole('tab', { name: /Data/ }).click();
  assert.match(await data.locator('.data').textContent(), /Guest/);
  await context.close();
});

test('a click on a table in a widget without the Data tab keeps its console', async () => {
  const { page, context } = await openDocs();
  await widget(page, 'roles-users');
  await page.evaluate(async ({ models }) => {
    const { mount } = await import('/orm-playground.js');
    const el = document.createElement('div');
    el.id = 'no-data';
    document.querySelector('main').prepend(el);
    window.handles['no-data'] = await mount(el, { models, panes: 'diagram console', height: 520 });
  }, { models: LESSON.models });
  const host = page.locator('#no-data');
  await host.locator('.diagram svg .table').first().click();
  await page.waitForTimeout(200);
  assert.deepEqual((await host.getByRole('tab').allTextContents()).map((t) => t.trim()), ['Console']);
  assert.equal(await host.getByRole('tab', { name: 'Console' }).getAttribute('aria-selected'), 'true');
  assert.ok(await host.locator('.console-input').isVisible(), 'the console is still shown');
  await context.close();
});

test('an endless loop in one widget stops at the time limit; the others and the page stay responsive', async () => {
  const { page, context } = await openDocs();
  await widget(page, 'roles-users');
  await widget(page, 'posts-tags');
  await page.evaluate(() => {
    window.ticks = 0;
    setInterval(() => { window.ticks += 1; }, 50);
    const button = document.createElement('button');
    button.id = 'host-button';
    button.textContent = 'host';
    button.onclick = () => { window.clicked = (window.clicked ?? 0) + 1; };
    document.querySelector('main').prepend(button);
  });
  const started = Date.now();
  const out = await typeInConsole(page, 'posts-tags', 'while True:\n    pass\n');
  const took = Date.now() - started;
  assert.match(out, /KeyboardInterrupt/);
  assert.ok(took < 10_000, `stopped after ${took} ms`);
  // Right after: another widget answers, the host page's own script and buttons work.
  const t0 = Date.now();
  assert.equal(await typeInConsole(page, 'roles-users', '6 * 7'), '42\n');
  assert.ok(Date.now() - t0 < 3000, 'the other widget answers promptly');
  const ticks = await page.evaluate(() => window.ticks);
  await page.waitForFunction((n) => window.ticks > n + 3, ticks);
  await page.locator('#host-button').click();
  assert.equal(await page.evaluate(() => window.clicked), 1);
  // An exception in one widget is that widget's traceback only.
  assert.match(await typeInConsole(page, 'posts-tags', "raise ValueError('boom')"), /ValueError: boom/);
  assert.equal(await typeInConsole(page, 'posts-tags', 'Tag.query.count()'), '3\n');
  assert.equal(await typeInConsole(page, 'roles-users', 'len([1, 2])'), '2\n');
  await context.close();
});

test('markup in models, values and session lines shows as text and runs nothing', async () => {
  const { page, context, errors } = await openDocs();
  const payload = (n) => `<img src=x onerror="window.pwned=${n}"><script>window.pwned=${n}</script>`;
  await page.evaluate(({ models, session }) => {
    const host = document.createElement('orm-playground');
    host.id = 'evil';
    host.setAttribute('autorun', '');
    host.setAttribute('panes', 'models diagram console data sql');
    const m = document.createElement('script');
    m.type = 'text/x-models';
    m.textContent = models;
    const s = document.createElement('script');
    s.type = 'text/x-session';
    s.textContent = session;
    host.append(m, s);
    document.querySelector('main').prepend(host);
  }, {
    models: [
      'class Evil(db.Model):',
      `    __tablename__ = '${payload(1)}'`,
      '    id = db.Column(db.Integer, primary_key=True)',
      '    name = db.Column(db.String(200))',
      '',
      '    def __repr__(self):',
      `        return '${payload(2)}' + self.name`,
      '',
    ].join('\n'),
    session: [
      `>>> e = Evil(name='${payload(3)}')`,
      '>>> db.session.add(e)',
      '>>> db.session.commit()',
      '>>> Evil.query.all()',
      `>>> '${payload(4)}'`,
      `>>> ${payload(5)}`,
      '',
    ].join('\n'),
  });
  const evil = await widget(page, 'evil');
  await page.waitForFunction(() => window.handles.evil.transcript().includes('SyntaxError'));
  assert.equal(await page.evaluate(() => window.handles.evil.run(`print("${'<b id=bold>'}")`)), '<b id=bold>\n');
  await page.waitForTimeout(500); // an <img onerror> would have fired by now
  const found = await page.evaluate(() => {
    const all = (root) => [...root.querySelectorAll('*')]
      .flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
    const rendered = all(document).filter((e) => !e.closest('script'));
    return {
      pwned: window.pwned ?? null,
      imgs: rendered.filter((e) => e.localName === 'img').length,
      bold: rendered.filter((e) => e.id === 'bold').length,
      scripts: rendered.filter((e) => e.localName === 'script' && !e.type.startsWith('text/x-') && e.type !== 'module').length,
    };
  });
  assert.deepEqual(found, { pwned: null, imgs: 0, bold: 0, scripts: 0 });
  const transcript = await evil.locator('.transcript').textContent();
  assert.ok(transcript.includes(`[${payload(2)}${payload(3)}]`), 'the repr shows as text');
  assert.ok(transcript.includes(payload(4)), 'a string value shows as text');
  assert.ok(transcript.includes(`>>> ${payload(5)}`), 'the session line is echoed as text');
  const diagram = await evil.locator('.diagram svg').textContent();
  assert.ok(diagram.includes(payload(1)), 'the table name is drawn as text');
  await evil.getByRole('tab', { name: /Data/ }).click();
  assert.ok((await evil.locator('.data').textContent()).includes(payload(3)));
  assert.deepEqual(errors, []);
  await context.close();
});

test('page styles stay out of the widgets, widget styles stay out of the page', async () => {
  const { page, context } = await openDocs();
  const pageStyle = () => page.evaluate(() => {
    const code = getComputedStyle(document.querySelector('main p code'));
    return { font: getComputedStyle(document.body).fontFamily, code: [code.color, code.backgroundColor],
      head: document.head.children.length };
  });
  const beforeMount = await pageStyle();
  const roles = await widget(page, 'roles-users');
  await roles.getByRole('button', { name: /Run all/ }).click();
  await widget(page, 'posts-tags');
  assert.deepEqual(await pageStyle(), beforeMount, 'the page looks the same, nothing added to its head');
  const inside = await roles.locator('.transcript .out').first().evaluate((e) => {
    const s = getComputedStyle(e);
    return { color: s.color, background: s.backgroundColor, font: s.fontFamily, spacing: s.letterSpacing };
  });
  assert.notEqual(inside.color, 'rgb(122, 46, 0)', "the page's pre colour does not reach in");
  assert.equal(inside.background, 'rgba(0, 0, 0, 0)', "nor its pre background");
  assert.doesNotMatch(inside.font, /Courier New/);
  assert.equal(inside.spacing, 'normal', 'inherited text properties are reset at the widget');
  const button = await roles.getByRole('button', { name: 'Clear' }).evaluate((e) => getComputedStyle(e).borderRadius);
  assert.notEqual(button, '0px', "the page's button rule does not reach in");
  await context.close();
});

test('the open link carries the models and session to the full playground', async () => {
  const { page, context } = await openDocs();
  const roles = await widget(page, 'roles-users');
  await roles.getByRole('button', { name: /Run all/ }).click();
  await page.waitForFunction(() => window.handles['roles-users'].transcript().includes("['john'"));
  const link = roles.getByRole('link', { name: /Open in full playground/ });
  await page.waitForFunction(() => document.getElementById('roles-users').shadowRoot
    .querySelector('a.open-full').href.includes('#share='));
  const href = await link.getAttribute('href');
  assert.ok(href.startsWith(`${env.url}#share=`), href);
  assert.equal(await link.getAttribute('target'), '_blank');
  const full = await context.newPage();
  await full.goto(href);
  await full.waitForFunction(() => document.querySelectorAll('.ormpg .transcript .entry').length > 30,
    null, { timeout: 60_000 });
  assert.equal(await full.locator('.editor textarea').inputValue(), LESSON.models);
  assert.equal(await full.locator('.transcript .entry .out').last().textContent(), "['john', 'susan', 'david']\n");
  await context.close();
});

test('checkTranscript passes and fails in the browser as ormpg check does', async () => {
  const { page, context } = await openDocs();
  const broken = LESSON.session.replace("[<User 'john'>, <User 'susan'>, <User 'david'>]", "[<User 'john'>]");
  const [good, bad] = await page.evaluate(async ({ models, session, broken }) => {
    const { checkTranscript } = await import('/orm-playground.js');
    return [await checkTranscript(models, session, '001-roles-users'), await checkTranscript(models, broken, 'edited')];
  }, { ...LESSON, broken });
  assert.equal(good.passed, true);
  assert.equal(good.text, 'ok 001-roles-users\n');
  assert.equal(good.examples, LESSON.session.split('\n').filter((l) => l.startsWith('>>>')).length);
  assert.equal(bad.passed, false);
  assert.equal(bad.failures.length, 1);
  assert.equal(bad.failures[0].source, 'User.query.all()');
  assert.equal(bad.failures[0].got, "[<User 'john'>, <User 'susan'>, <User 'david'>]\n");
  assert.match(bad.text, /^FAIL edited\nline \d+:\n>>> User\.query\.all\(\)\nExpected:\n {4}\[<User 'john'>\]\nGot:\n/);
  await context.close();
});

test('axe-core finds no serious violations in the widgets; narrow and dark screenshots', async () => {
  for (const [width, height, colorScheme] of [[1280, 900, 'dark'], [390, 844, 'light']]) {
    const { page, context } = await openDocs({ width, height, colorScheme });
    for (const id of ['roles-users', 'posts-tags', 'blog-diagram']) await widget(page, id);
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(() => window.axe.run(document.querySelectorAll('orm-playground')));
    const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
      `${width} ${colorScheme}`);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px (${overflow} px)`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, `docs-${width}-${colorScheme}.png`), fullPage: true });
    await context.close();
  }
});

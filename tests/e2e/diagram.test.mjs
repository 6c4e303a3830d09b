// The ER diagram's interactions (issue 5): hover highlights, wheel and pinch zoom, fit, pan,
// dragging a box (pinned across a recompile, a reload and a Share link), clicking a table (Data tab + a ready query),
// SVG and PNG downloads, visitor text that looks like markup, and screenshots of cases 001,
// 014 and 026 in both themes and at 360 px.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, conformanceCase, lastOutput, openPage, runInConsole, setModels, start,
} from './fixture.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const SVG = '.diagram svg';
const viewBox = async (page) => (await page.locator(SVG).getAttribute('viewBox')).split(' ').map(Number);
const table = (page, name) => page.locator(`${SVG} .table[data-table="${name}"]`);

/** The screen point halfway along edge `i`'s line. */
async function pointOnEdge(page, i) {
  return page.evaluate((i) => {
    const path = document.querySelectorAll('.diagram svg .fk .line')[i];
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM();
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  }, i);
}

/** A screen point over the diagram's background (no table, edge or label under it). */
async function emptySpot(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('.diagram svg');
    const frame = document.querySelector('.diagram-frame').getBoundingClientRect();
    for (let y = frame.top + 10; y < frame.bottom - 10; y += 7) {
      for (let x = frame.left + 10; x < frame.right - 10; x += 7) {
        const near = [[0, 0], [-12, 0], [12, 0], [0, -12], [0, 12]]
          .every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy) === svg);
        if (near) return { x, y };
      }
    }
    return null;
  });
}

async function centre(locator) {
  const b = await locator.boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2, box: b };
}

test('hovering a table or an edge lights it and both its ends', async () => {
  const { page, errors } = await openPage(env);
  await table(page, 'users').locator('.head').hover();
  assert.equal(await page.locator(`${SVG} .table.hover`).getAttribute('data-table'), 'users');
  assert.deepEqual(
    (await page.locator(`${SVG} .table.lit`).evaluateAll((els) => els.map((e) => e.dataset.table))).sort(),
    ['roles', 'users'], 'the table and the one at the other end of its key');
  assert.equal(await page.locator(`${SVG} .fk.lit`).count(), 1);
  assert.ok(await page.locator(SVG).evaluate((s) => s.classList.contains('focusing')), 'the rest fades');

  const p = await pointOnEdge(page, 0);
  await page.mouse.move(p.x, p.y);
  await page.locator(`${SVG} .fk.hover`).waitFor();
  assert.equal(await page.locator(`${SVG} .table.lit`).count(), 2, 'both ends');
  assert.deepEqual(
    (await page.locator(`${SVG} .row.lit`).evaluateAll((els) => els.map((e) => e.dataset.column))).sort(),
    ['id', 'role_id'], 'the key column and the column it references');
  assert.deepEqual(
    (await page.locator(`${SVG} .rel.lit text`).allTextContents()).sort(), ['Role.users', 'User.role']);
  assert.match(await page.locator(`${SVG} .fk.lit title`).textContent(), /users\.role_id → roles\.id/);

  await page.mouse.move(2, 2);
  await page.waitForFunction(() => !document.querySelector('.diagram svg .lit'));
  assert.deepEqual(errors, []);
});

test('the wheel zooms at the pointer, a trackpad pinch (Ctrl+wheel) zooms finer, Fit shows all', async () => {
  const { page, errors } = await openPage(env);
  const fitted = await page.locator(SVG).getAttribute('viewBox');
  const at = await emptySpot(page);
  const under = () => page.evaluate(({ x, y }) => {
    const svg = document.querySelector('.diagram svg');
    const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM().inverse());
    return [p.x, p.y];
  }, at);
  const was = await under();
  await page.mouse.move(at.x, at.y);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction(() => document.querySelector('.diagram svg').classList.contains('zoomed'));
  const zoomed = await viewBox(page);
  assert.ok(zoomed[2] < Number(fitted.split(' ')[2]) / 1.4, 'two notches up: zoomed in by 1.2²');
  const now = await under();
  assert.ok(Math.abs(now[0] - was[0]) < 1 && Math.abs(now[1] - was[1]) < 1,
    `the point under the pointer stays: ${was} → ${now}`);
  assert.equal(await page.getByRole('button', { name: 'Fit the diagram' }).isDisabled(), false);

  // A pinch on a trackpad arrives as wheel events with ctrlKey and small deltas; the page
  // must zoom (and not let the browser zoom the page).
  const pinch = (deltaY, ctrlKey) => page.evaluate(({ x, y, deltaY, ctrlKey }) => {
    const e = new WheelEvent('wheel', {
      deltaY, ctrlKey, clientX: x, clientY: y, bubbles: true, cancelable: true,
    });
    document.elementFromPoint(x, y).dispatchEvent(e);
    return e.defaultPrevented;
  }, { ...at, deltaY, ctrlKey });
  const before = await viewBox(page);
  assert.equal(await pinch(-30, true), true, 'the browser does not zoom the page');
  const pinched = await viewBox(page);
  assert.ok(pinched[2] < before[2] / 1.3, `a pinch of 30 zooms by exp(0.3): ${before[2]} → ${pinched[2]}`);
  await pinch(-30, false);
  const wheeled = await viewBox(page);
  assert.ok(wheeled[2] > pinched[2] / 1.1, 'the same delta without Ctrl is a gentle wheel zoom');

  await page.getByRole('button', { name: 'Fit the diagram' }).click();
  assert.equal(await page.locator(SVG).getAttribute('viewBox'), fitted);
  assert.ok(await page.locator(SVG).evaluate((s) => s.classList.contains('all')));
  assert.equal(await page.getByRole('button', { name: 'Fit the diagram' }).isDisabled(), true);
  assert.deepEqual(errors, []);
});

test('two fingers pinch the diagram about their midpoint', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 }, hasTouch: true });
  const { page, errors } = await openPage(env, { context });
  const at = await emptySpot(page);
  const look = () => page.evaluate(({ x, y }) => {
    const m = document.querySelector('.diagram svg').getScreenCTM();
    const p = new DOMPoint(x, y).matrixTransform(m.inverse());
    return { scale: m.a, x: p.x, y: p.y };
  }, at);
  const was = await look();
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 2, radiusY: 2, force: 1 })),
  });
  await touch('touchStart', [[at.x - 20, at.y], [at.x + 20, at.y]]);
  for (let d = 25; d <= 50; d += 5) await touch('touchMove', [[at.x - d, at.y], [at.x + d, at.y]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => document.querySelector('.diagram svg').classList.contains('zoomed'));
  const now = await look();
  assert.ok(Math.abs(now.scale / was.scale - 2.5) < 0.05,
    `fingers 2.5x further apart zoom in 2.5x: ${was.scale} → ${now.scale}`);
  assert.ok(Math.abs(now.x - was.x) < 1 && Math.abs(now.y - was.y) < 1, 'about their midpoint');
  assert.equal(await page.locator('.tab.selected').innerText(), 'Console', 'a pinch is not a click');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging the background pans; the keyboard pans and fits', async () => {
  const { page, errors } = await openPage(env);
  const fitted = await page.locator(SVG).getAttribute('viewBox');
  const at = await emptySpot(page);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 30, at.y, { steps: 3 });
  await page.waitForFunction(() => document.querySelector('.diagram svg').classList.contains('zoomed'));
  const moving = await viewBox(page);
  await page.mouse.move(at.x + 90, at.y + 40, { steps: 5 });
  await page.mouse.up();
  const after = await viewBox(page);
  const scale = await page.locator('.diagram-frame').evaluate((f, w) => f.getBoundingClientRect().width / w, moving[2]);
  assert.ok(Math.abs((moving[0] - after[0]) * scale - 60) < 1.5, 'the view follows the pointer to the right');
  assert.ok(Math.abs((moving[1] - after[1]) * scale - 40) < 1.5, 'and down');
  assert.equal(after[2], moving[2], 'a drag keeps the zoom');
  assert.equal(await page.locator('.tab.selected').innerText(), 'Console', 'a pan is not a click');

  await page.locator('.diagram-frame').focus();
  await page.keyboard.press('ArrowRight');
  assert.ok((await viewBox(page))[0] > after[0], 'arrows pan');
  await page.keyboard.press('0');
  assert.equal(await page.locator(SVG).getAttribute('viewBox'), fitted, '0 fits');
  assert.deepEqual(errors, []);
});

test('a dragged box follows the pointer and stays after an edit that does not touch it', async () => {
  const { page, errors } = await openPage(env);
  const users = table(page, 'users');
  const roles = table(page, 'roles');
  const grab = await centre(users.locator('.head'));
  const rolesBefore = await roles.getAttribute('transform');
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 30, grab.y + 90, { steps: 8 });
  assert.ok(await users.evaluate((g) => g.classList.contains('moving')), 'the box is being moved');
  await page.mouse.up();
  const moved = await centre(users.locator('.head'));
  assert.ok(Math.abs(moved.x - grab.x - 30) < 2 && Math.abs(moved.y - grab.y - 90) < 2,
    `the box moved with the pointer: (${moved.x - grab.x}, ${moved.y - grab.y})`);
  assert.equal(await page.locator('.tab.selected').innerText(), 'Console', 'a drag is not a click');
  assert.ok(await users.evaluate((g) => g.classList.contains('pinned')));
  const pinned = await users.getAttribute('transform');

  // A new column in roles: users is not touched and keeps its place; roles stays put too.
  const models = await page.locator('.editor textarea').inputValue();
  await setModels(page, models.replace(
    'name = db.Column(db.String(64), unique=True)',
    'name = db.Column(db.String(64), unique=True)\n    level = db.Column(db.Integer)'));
  await page.locator(`${SVG} .table[data-table="roles"] .row[data-column="level"]`).waitFor();
  assert.equal(await users.getAttribute('transform'), pinned, 'the moved box stays where it was dropped');
  assert.equal(await roles.getAttribute('transform'), rolesBefore, 'an unmoved table stays too');

  await page.getByRole('button', { name: 'Re-layout' }).click();
  await page.waitForFunction(() => !document.querySelector('.diagram svg .table.pinned'));
  assert.notEqual(await users.getAttribute('transform'), pinned);
  assert.deepEqual(errors, []);
});

const SAVED = 'orm-playground:page';

test('a dragged box stays where it was dropped after a reload and in a Share link; Re-layout forgets it', async () => {
  const { page, context, errors } = await openPage(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const users = table(page, 'users');
  const laidOut = await users.getAttribute('transform');
  const grab = await centre(users.locator('.head'));
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 40, grab.y + 110, { steps: 8 });
  await page.mouse.up();
  await page.locator(`${SVG} .table.pinned[data-table="users"]`).waitFor();
  const pinned = await users.getAttribute('transform');
  assert.notEqual(pinned, laidOut, 'the drag moved the box');
  const roles = await table(page, 'roles').getAttribute('transform');

  // Autosave holds the corner (whole pixels); a reload draws the same arrangement.
  const corner = pinned.match(/^translate\((\S+) (\S+)\)$/).slice(1).map(Number);
  assert.deepEqual(corner.map(Number.isInteger), [true, true], pinned);
  await page.waitForFunction(({ key, corner }) => {
    const users = JSON.parse(localStorage.getItem(key) ?? '{}').pins?.users;
    return users?.[0] === corner[0] && users?.[1] === corner[1];
  }, { key: SAVED, corner });
  await page.reload();
  await page.waitForSelector('.ormpg .diagram svg');
  assert.equal(await users.getAttribute('transform'), pinned, 'the box is where it was dropped');
  assert.equal(await table(page, 'roles').getAttribute('transform'), roles, 'and the rest as before');
  assert.ok(await users.evaluate((g) => g.classList.contains('pinned')));

  // A Share link opened in a fresh browser context draws it there too.
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.locator('.share-url');
  await link.waitFor();
  const url = await link.inputValue();
  const fresh = await openPage(env, { url });
  await fresh.page.locator(`${SVG} .table.pinned[data-table="users"]`).waitFor();
  assert.equal(await table(fresh.page, 'users').getAttribute('transform'), pinned);
  assert.equal(await table(fresh.page, 'roles').getAttribute('transform'), roles);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();

  // Re-layout unpins: autosave keeps no pins, and a reload draws the layout's place.
  await page.reload();
  await page.waitForSelector('.ormpg .diagram svg');
  await page.getByRole('button', { name: 'Re-layout' }).click();
  await page.waitForFunction(() => !document.querySelector('.diagram svg .table.pinned'));
  await page.waitForFunction((key) => !(localStorage.getItem(key) ?? '').includes('"pins"'), SAVED);
  await page.reload();
  await page.waitForSelector('.ormpg .diagram svg');
  assert.equal(await users.getAttribute('transform'), laidOut);
  assert.equal(await page.locator(`${SVG} .table.pinned`).count(), 0);
  assert.deepEqual(errors, []);
});

test('clicking a table shows its rows and puts a ready query in the console', async () => {
  const { page, errors } = await openPage(env);
  await runInConsole(page, "db.session.add_all([Role(name='Admin'), Role(name='User')])");
  await runInConsole(page, "db.session.add(User(username='ann'))");
  await runInConsole(page, 'db.session.commit()');
  await table(page, 'roles').locator('.head').click();
  await page.locator('.data-filter').waitFor();
  assert.match(await page.locator('.tab.selected').innerText(), /^Data/);
  assert.deepEqual(await page.locator('.data .data-table').evaluateAll((s) => s.map((e) => e.dataset.table)), ['roles']);
  assert.match(await page.locator('.data .data-table').innerText(), /Admin[\s\S]*User/);
  assert.equal(await page.locator('.console-input').inputValue(), 'Role.query.all()', 'offered, not run');

  // What the visitor types is not replaced by a click on the diagram, only when asked.
  await page.getByRole('tab', { name: /Console/ }).click();
  await page.locator('.console-input').fill('len(');
  await table(page, 'roles').locator('.head').click();
  await page.locator('.data-filter').waitFor();
  assert.equal(await page.locator('.console-input').inputValue(), 'len(');
  await page.locator('.data-filter').getByRole('button', { name: /Role\.query\.all\(\)/ }).click();
  assert.equal(await page.locator('.tab.selected').innerText(), 'Console');
  assert.equal(await page.locator('.console-input').inputValue(), 'Role.query.all()');
  await page.locator('.console-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('.transcript .entry:last-child')?.textContent.includes('Role.query.all()'));
  assert.equal(await lastOutput(page), "[<Role 'Admin'>, <Role 'User'>]\n", 'it was not run before');

  // The keyboard reaches tables too; the filter lets go with "All tables".
  await table(page, 'users').focus();
  await page.keyboard.press('Enter');
  await page.locator('.data-filter code', { hasText: 'users' }).waitFor();
  assert.equal(await page.locator('.console-input').inputValue(), 'User.query.all()');
  await page.getByRole('button', { name: 'All tables' }).click();
  assert.equal(await page.locator('.data .data-table').count(), 2);
  assert.deepEqual(errors, []);
});

/** Clicks a download button and returns the file's bytes and suggested name. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the diagram downloads as a standalone SVG and as a PNG, in the page theme', async () => {
  const { page, errors } = await openPage(env);
  const { models } = conformanceCase('026-blog-app');
  await setModels(page, models);
  await page.waitForFunction(() => document.querySelectorAll('.diagram svg .table').length === 5);
  // users kept its place from the lesson's layout, so the blog's canvas has room to its
  // left: the page fits the drawing, and the file holds only the drawing.
  const fitted = await viewBox(page);
  assert.ok(fitted[0] > 50, `the canvas left of the drawing is not shown: ${fitted}`);

  const svg = await download(page, 'Download the diagram as SVG');
  assert.match(svg.name, /\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      theme: root.getAttribute('class'),
      style: !!doc.querySelector('style'),
      tables: [...doc.querySelectorAll('[data-table]')].map((g) => g.getAttribute('data-table')),
      width: Number(root.getAttribute('width')),
    };
  }, svg.bytes.toString('utf8'));
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
  assert.ok(parsed.style, 'its stylesheet is embedded');
  assert.match(parsed.theme, /erd-theme-light/);
  assert.ok(Math.abs(parsed.width - fitted[2]) < 0.2, `the file is as wide as the drawing: ${parsed.width}`);
  for (const t of ['users', 'posts', 'comments', 'tags', 'post_tags']) {
    assert.ok(parsed.tables.includes(t), `${t} is in the file`);
  }

  const png = await download(page, 'Download the diagram as PNG');
  assert.match(png.name, /\.png$/);
  await writeFile(join(ARTIFACTS, 'export-026.svg'), svg.bytes);
  await writeFile(join(ARTIFACTS, 'export-026.png'), png.bytes);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  assert.equal(width, Math.ceil(parsed.width * 2), 'twice the drawing size');
  assert.ok(height > 100 && height < width, `a sane size: ${width}x${height}`);
  assert.ok(png.bytes.length > 5000, 'not blank');

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await download(page, 'Download the diagram as SVG');
  assert.match(dark.bytes.toString('utf8'), /class="erd erd-theme-dark"/, 'dark page, dark file');
  await writeFile(join(ARTIFACTS, 'export-026-dark.png'), (await download(page, 'Download the diagram as PNG')).bytes);
  assert.deepEqual(errors, []);
});

test('model and column names that look like markup are shown as text', async () => {
  const { page, errors } = await openPage(env);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await setModels(page, `class Script(db.Model):
    __tablename__ = '<script>alert(1)</script>'
    id = db.Column(db.Integer, primary_key=True)
    note = db.Column('<img src=x onerror=alert(2)>', db.String(20))


class Img(db.Model):
    __tablename__ = '<img src=x onerror=alert(3)>'
    id = db.Column(db.Integer, primary_key=True)
    script_id = db.Column(db.Integer, db.ForeignKey('<script>alert(1)</script>.id'))
    script = db.relationship('Script', backref='imgs')
`);
  await page.waitForFunction(() => [...document.querySelectorAll('.diagram svg .table .name')]
    .some((t) => t.textContent.startsWith('<script>')));
  const names = await page.locator(`${SVG} .table .name`).allTextContents();
  assert.deepEqual(names.sort(), ['<img src=x onerror=alert(3)>', '<script>alert(1)</script>']);
  assert.ok((await page.locator(SVG).textContent()).includes('<img src=x onerror=alert(2)>'));
  assert.equal(await page.locator('.ormpg img, .ormpg script, .diagram svg foreignObject').count(), 0);
  await page.locator(`${SVG} .table[data-table="<script>alert(1)</script>"] .head`).click();
  await page.locator('.data-filter').waitFor();
  assert.equal(await page.locator('.console-input').inputValue(), 'Script.query.all()');
  const svg = await download(page, 'Download the diagram as SVG');
  const text = svg.bytes.toString('utf8');
  assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!text.includes('<script>') && !text.includes('<img'), 'escaped in the file');
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
});

const SHOTS = [
  ['001', '001-roles-users', 2],
  ['014', '014-followers-self-referential', 2],
  ['026', '026-blog-app', 5],
];

test('screenshots of cases 001, 014 and 026, light and dark, 1440 and 360 px wide', async () => {
  for (const [width, height] of [[1440, 900], [360, 780]]) {
    const { page, context, errors } = await openPage(env, { width, height });
    for (const [id, name, count] of SHOTS) {
      await setModels(page, conformanceCase(name).models);
      await page.waitForFunction((n) => document.querySelectorAll('.diagram svg .table').length === n
        && !document.querySelector('.editor .status-pending'), count);
      await page.mouse.move(1, 1);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.locator('.diagram-pane').screenshot({ path: join(ARTIFACTS, `diagram-${id}-${width}-${scheme}.png`) });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      // Text stays readable: no column name or type below 8 px on the screen.
      const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.diagram svg .row :is(.col, .type)')]
        .map((t) => t.getBoundingClientRect().height)));
      assert.ok(smallest >= 8, `${name} at ${width} px: text ${smallest.toFixed(1)} px tall`);
      if (width === 360 && id === '026') {
        // Too wide to be readable in one view: the pane scrolls sideways, and a fade says so.
        assert.ok(await page.locator('.diagram.more-right:not(.more-left)').count(), 'fade on the right');
        await page.locator('.diagram-frame').evaluate((f) => { f.scrollLeft = f.scrollWidth; });
        await page.locator('.diagram.more-left:not(.more-right)').waitFor();
        await page.locator('.diagram-pane').screenshot({ path: join(ARTIFACTS, `diagram-${id}-${width}-scrolled.png`) });
      }
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling of the page at ${width} px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

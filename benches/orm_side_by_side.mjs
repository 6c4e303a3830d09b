#!/usr/bin/env node
// The ORM benchmark side by side, in one run (issue 9): our playground natively (cargo bench,
// release profile), the same code built for wasm32 and run in headless Chromium
// (examples/orm_bench_wasm.rs, wasm-opt -Oz as the page ships), and real Flask-SQLAlchemy on
// CPython with in-memory SQLite — the same models and phases (benches/orm_workload_*.py):
// 1,000 roles + 20,000 users inserted through the session, 1,000 `role.users` lazy loads,
// 1,000 `filter_by(username=...)` lookups on an indexed column. Then the memory workload
// (benches/orm_memory_*.py): 100,000 rows inserted, then loaded back as objects, with the
// heap natively, the wasm heap and linear memory in Chromium, and CPython's peak RSS.
//
//   node benches/orm_side_by_side.mjs [--runs N] [--only native,wasm,cpython] [--no-memory]
//
// Times are medians of N runs (default 3), each in a fresh process / browser page. Builds
// first (cargo's lock serialises them with other builds). Python: $PYTHON, python3 or
// python with flask_sqlalchemy, else a venv made under $CARGO_TARGET_DIR/bench-venv.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { findPython, machine, mb, median, ms, ratio, ROOT, run, say, table, TARGET } from './support/tools.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
const ONLY = new Set(option('--only', 'native,wasm,cpython').split(','));
const MEMORY = !args.includes('--no-memory');

/** Phase lines "<ms> <name>" of a bench's output, as [[name, ms]]. */
function phaseTimes(stdout) {
  return stdout.split('\n').map((l) => l.match(/^([\d.]+) (.+)$/)).filter(Boolean).map((m) => [m[2], Number(m[1])]);
}

/** Per-phase medians of several runs' [[name, ms]]. */
function medians(runs) {
  const names = runs[0]?.map(([n]) => n) ?? [];
  return new Map(names.map((n) => [n, median(runs.map((r) => new Map(r).get(n)))]));
}

// --- native -----------------------------------------------------------------------------
function nativeExecutables() {
  say('building the native benchmarks (cargo bench --no-run)');
  const out = run('cargo', ['bench', '--no-run', '--bench', 'orm_workload', '--bench', 'orm_memory',
    '--message-format=json'], { capture: true });
  const exes = {};
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line);
    if (m.reason === 'compiler-artifact' && m.executable) exes[m.target.name] = m.executable;
  }
  return exes;
}

function native(exes) {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    say(`native run ${i + 1}/${RUNS}`);
    runs.push(phaseTimes(run(exes.orm_workload, [], { capture: true })));
  }
  let memory;
  if (MEMORY) {
    say('native memory workload');
    memory = run(exes.orm_memory, [], { capture: true }).split('\n')
      .map((l) => l.match(/^(.+): ([\d.]+) ms; heap ([\d.]+) MB in use, ([\d.]+) MB peak; resident peak ([\d.]+) MB/))
      .filter(Boolean)
      .map((m) => ({ name: m[1], ms: Number(m[2]), inUse: m[3] * 2 ** 20, peak: m[4] * 2 ** 20, rss: m[5] * 2 ** 20 }));
  }
  return { times: medians(runs), memory };
}

// --- wasm in Chromium ---------------------------------------------------------------------
function buildWasm() {
  say('building examples/orm_bench_wasm.rs for wasm32 (release profile, as the page)');
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--example', 'orm_bench_wasm']);
  const out = join(TARGET, 'orm-bench-wasm');
  mkdirSync(out, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out,
    join(TARGET, 'wasm32-unknown-unknown', 'release', 'examples', 'orm_bench_wasm.wasm')]);
  say('wasm-opt -Oz (as Trunk does for the page)');
  const wasm = join(out, 'orm_bench_wasm_bg.wasm');
  run('wasm-opt', ['-Oz', wasm, '-o', wasm]);
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>orm bench</title>\n');
  return out;
}

/** Runs one workload in a fresh page: [{ name, ms, inUse, peak, memory }] per phase. */
async function wasmWorkload(browser, url, workload) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const phases = await page.evaluate(async (name) => {
    const m = await import('./orm_bench_wasm.js');
    await m.default();
    const bench = new m.BenchRun(name);
    const out = [];
    for (const [i, phase] of bench.phase_names().entries()) {
      const start = performance.now();
      bench.run_phase(i);
      const took = performance.now() - start;
      out.push({ name: phase, ms: took, inUse: m.heap_in_use(), peak: m.heap_peak(), memory: m.memory_bytes() });
    }
    return out;
  }, workload);
  await context.close();
  return phases;
}

async function wasm(dir) {
  const server = await serve(dir);
  const browser = await launch();
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      say(`wasm run ${i + 1}/${RUNS} (headless Chromium ${browser.version()})`);
      runs.push((await wasmWorkload(browser, server.url, 'orm_workload')).map((p) => [p.name, p.ms]));
    }
    let memory;
    if (MEMORY) {
      say('wasm memory workload');
      memory = await wasmWorkload(browser, server.url, 'orm_memory');
    }
    return { times: medians(runs), memory, version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
  }
}

// --- CPython --------------------------------------------------------------------------------
function cpython() {
  const python = findPython(['flask_sqlalchemy'], ['flask-sqlalchemy']);
  const script = join(ROOT, 'benches', 'orm_workload_cpython.py');
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    say(`CPython run ${i + 1}/${RUNS} (${python})`);
    runs.push(phaseTimes(run(python, [script, 'orm_workload'], { capture: true })));
  }
  let memory;
  if (MEMORY) {
    say('CPython memory workload');
    const out = run(python, [script, 'orm_memory'], { capture: true });
    const rss = Number(out.match(/peak resident (\d+) KB/)?.[1]) * 1024;
    memory = phaseTimes(out).map(([name, t]) => ({ name, ms: t, rss }));
  }
  const version = run(python, ['-c',
    'import sys, importlib.metadata as m; print("CPython %s, SQLAlchemy %s, Flask-SQLAlchemy %s" % ' +
    '(sys.version.split()[0], m.version("sqlalchemy"), m.version("flask-sqlalchemy")))'], { capture: true }).trim();
  return { times: medians(runs), memory, version };
}

// --- the run ------------------------------------------------------------------------------
const results = {};
if (ONLY.has('native')) results.native = native(nativeExecutables());
if (ONLY.has('wasm')) results.wasm = await wasm(buildWasm());
if (ONLY.has('cpython')) results.cpython = cpython();

const { native: n, wasm: w, cpython: c } = results;
const names = [...(n ?? w ?? c).times.keys()];
const get = (r, name) => r?.times.get(name) ?? NaN;
const sum = (r) => (r ? [...r.times.values()].reduce((a, b) => a + b, 0) : NaN);
const rows = names.map((name) => [name, ms(get(n, name)), ms(get(w, name)), ms(get(c, name)),
  ratio(get(c, name), get(n, name)), ratio(get(c, name), get(w, name))]);
rows.push(['total', ms(sum(n)), ms(sum(w)), ms(sum(c)), ratio(sum(c), sum(n)), ratio(sum(c), sum(w))]);

const rustc = run('rustc', ['--version'], { capture: true }).trim();
console.log(`\nORM workload, median of ${RUNS} runs — ${machine()}`);
console.log(`ours: ${rustc}, release profile (Cargo.toml); wasm in headless Chromium ${w?.version ?? '—'}; ` +
  `CPython: ${c?.version ?? '—'}, SQLite in memory\n`);
console.log(table(['phase', 'ours native', 'ours wasm', 'Flask-SQLAlchemy', 'CPython ÷ native', 'CPython ÷ wasm'], rows));

if (MEMORY) {
  const mrows = [];
  const phasesOf = (n?.memory ?? w?.memory ?? c?.memory ?? []).map((p) => p.name);
  for (const name of phasesOf) {
    const np = n?.memory?.find((p) => p.name === name);
    const wp = w?.memory?.find((p) => p.name === name);
    const cp = c?.memory?.find((p) => p.name === name);
    mrows.push([name, ms(np?.ms), mb(np?.inUse), mb(np?.peak), ms(wp?.ms), mb(wp?.inUse), mb(wp?.peak), mb(wp?.memory),
      ms(cp?.ms)]);
  }
  console.log('\nMemory: 100,000 rows inserted, then loaded as objects (one run)');
  console.log(table(['phase', 'native', 'heap in use', 'heap peak', 'wasm', 'heap in use', 'heap peak',
    'wasm memory', 'CPython'], mrows));
  const rss = (x) => mb(x?.memory?.at(-1)?.rss);
  console.log(`peak resident set: ours native ${rss(n)}, CPython ${rss(c)}; ` +
    '"wasm memory" is memory.buffer.byteLength (never shrinks: the high-water mark)');
}

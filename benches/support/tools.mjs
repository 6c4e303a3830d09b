// What the Node benchmarks share (benches/orm_side_by_side.mjs, benches/page_vs_pyodide.mjs):
// paths, running commands, finding or making a Python with the packages a bench needs, the
// machine's description, statistics and a plain-text table.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
// The tools scripts/lib.sh puts on PATH: npm's binaryen (wasm-opt), cargo-installed
// wasm-bindgen.
process.env.PATH = [join(ROOT, 'node_modules', '.bin'), join(process.env.HOME ?? '', '.cargo', 'bin'),
  process.env.PATH].join(':');

/** Prints a progress line on stderr (stdout carries the results). */
export function say(message) {
  process.stderr.write(`\x1b[1;34m==>\x1b[0m ${message}\n`);
}

/** Runs a command (output shown on stderr unless `capture`); its stdout, or throws. */
export function run(cmd, args, { capture = false, cwd = ROOT, env } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 2, 'inherit'],
  });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  return r.stdout ?? '';
}

function pythonHas(python, modules) {
  const r = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * A Python that can import every module of `modules`: $PYTHON, python3 or python on PATH,
 * or a venv under the cargo target dir, made (python3 -m venv + pip install `packages`)
 * the first time.
 */
export function findPython(modules, packages) {
  const venv = join(TARGET, 'bench-venv');
  const venvPython = join(venv, 'bin', 'python');
  const candidates = [process.env.PYTHON, venvPython, 'python3', 'python'].filter(Boolean);
  for (const python of candidates) {
    if (pythonHas(python, modules)) return python;
  }
  say(`no Python with ${modules.join(', ')}: making a venv in ${venv}`);
  if (!existsSync(venvPython)) run('python3', ['-m', 'venv', venv]);
  run(venvPython, ['-m', 'pip', 'install', '--quiet', ...packages]);
  if (!pythonHas(venvPython, modules)) throw new Error(`${venvPython} still cannot import ${modules}`);
  return venvPython;
}

/** One line saying when and on what the figures were taken. */
export function machine() {
  const cpu = cpus();
  const date = new Date().toISOString().slice(0, 10);
  const gb = (totalmem() / 2 ** 30).toFixed(0);
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${date}; ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${gb} GB, ` +
    `${type()} ${release()}; load average ${load} (other work on the machine skews times)`;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** `12.3 ms` style figures. */
export const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`) : '—');
export const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : '—');
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '—');

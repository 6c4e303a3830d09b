#!/usr/bin/env node
// Writes precompressed copies of the built page's assets (dist/ by default): `file.br`
// (brotli quality 11) and `file.gz` (gzip level 9) next to every .wasm, .js, .mjs, .css,
// .html, .svg and .json, for servers that send them as they are (nginx `brotli_static` /
// `gzip_static`, Caddy `file_server { precompressed br gzip }`; README, "The page (issue 8)")
// instead of compressing on every request at a lower level. Run after `trunk build --release`.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, relative } from 'node:path';
import { brotli, filesUnder, gzip } from './compress.mjs';

const dist = process.argv[2] ?? 'dist';
const KINDS = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.svg', '.json']);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
let total = { raw: 0, br: 0, gz: 0 };
for (const file of filesUnder(dist).filter((f) => KINDS.has(extname(f)))) {
  const raw = readFileSync(file);
  const br = brotli(raw);
  const gz = gzip(raw);
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gz);
  total = { raw: total.raw + raw.length, br: total.br + br.length, gz: total.gz + gz.length };
  console.log(`${relative(dist, file).padEnd(48)}${kb(raw.length)}${kb(gz.length)}${kb(br.length)}`);
}
console.log(`${'total (raw, .gz, .br)'.padEnd(48)}${kb(total.raw)}${kb(total.gz)}${kb(total.br)}`);

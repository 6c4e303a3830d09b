// A static file server for the page benchmark, on 127.0.0.1: it answers as a production
// server with precompressed assets would (Content-Encoding br, else gzip, else none, by the
// request's Accept-Encoding; brotli quality 11 and gzip level 9, computed once before any
// timed load, or taken from `file.br` / `file.gz` next to the file), and it counts every
// response: path, raw size, bytes sent and encoding.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, normalize, relative, resolve } from 'node:path';
import { brotli, filesUnder, gzip } from '../../scripts/compress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
};

/** What kind of asset a path is, for the byte counts. */
export function kindOf(path) {
  const ext = extname(path);
  if (ext === '.wasm') return 'wasm';
  if (ext === '.js' || ext === '.mjs') return 'js';
  if (ext === '.css') return 'css';
  if (ext === '.html') return 'html';
  if (ext === '.zip' || ext === '.whl') return 'python';
  return 'other';
}

/** The three encodings of one file (precompressed siblings win). */
function encodings(file) {
  const raw = readFileSync(file);
  const br = existsSync(`${file}.br`) ? readFileSync(`${file}.br`) : brotli(raw);
  const gz = existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : gzip(raw);
  return { raw, br, gzip: gz };
}

/**
 * Serves `mounts` ({ '/prefix/': directory }) on 127.0.0.1; resolves to { url, log, close }.
 * `log` collects { path, kind, raw, sent, encoding } per response; empty it between loads.
 */
export async function serveCompressed(mounts) {
  const files = new Map();
  for (const [prefix, dir] of Object.entries(mounts)) {
    const base = resolve(dir);
    for (const file of filesUnder(base)) {
      if (file.endsWith('.br') || file.endsWith('.gz') || file.endsWith('.map')) continue;
      files.set(prefix + relative(base, file).split('\\').join('/'), encodings(file));
    }
  }
  const log = [];
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const body = files.get(path);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      log.push({ path, kind: 'missing', raw: 0, sent: 0, encoding: '404' });
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
    const sent = encoding === 'br' ? body.br : encoding === 'gzip' ? body.gzip : body.raw;
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': sent.length,
      'cache-control': 'no-cache',
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    res.end(sent);
    log.push({ path, kind: kindOf(path), raw: body.raw.length, sent: sent.length, encoding });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, log, close: () => new Promise((ok) => server.close(ok)) };
}

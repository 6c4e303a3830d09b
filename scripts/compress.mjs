// How the project compresses and walks a build, in one place: the size report
// (scripts/size.mjs), the precompressed copies (scripts/precompress.mjs) and the page
// benchmark's server (benches/support/served.mjs) must measure the same bytes.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Every file below `dir`, recursively. */
export function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Brotli at quality 11, as a server's precompressed assets are. */
export function brotli(body) {
  return brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

/** Gzip at level 9. */
export function gzip(body) {
  return gzipSync(body, { level: 9 });
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';

export interface Assets {
  /** URL of a file under public/, carrying its content hash so it can be cached forever. */
  url(file: string): string;
  handler: RequestHandler;
}

interface Asset {
  hash: string;
  type: string;
  etag: string;
  body: Buffer;
  compressible: boolean;
  /** Compressed once, at the highest level, by the first request that accepts the encoding; kept. */
  gzip?: Buffer;
  br?: Buffer;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.css', '.js', '.svg', '.txt']);
const FOREVER = 'public, max-age=31536000, immutable';
/** A URL without the current hash (an old page, a hand-typed link) is served, but not kept for long. */
const BRIEFLY = 'public, max-age=300';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** Picks the encoding the client accepts that we have: brotli, then gzip, then none. */
function encodingFor(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name!.toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/**
 * The files under public/ (a stylesheet and an icon today: a few kilobytes), read and hashed at
 * start, compressed once per encoding at the first request for it, and served from memory under
 * /static with an ETag; a fingerprinted URL (`?v=<hash>`) is cacheable for a year.
 */
export function createAssets(publicDir: string): Assets {
  const files = new Map<string, Asset>();
  for (const file of listFiles(publicDir)) {
    const body = readFileSync(path.join(publicDir, file));
    const ext = path.extname(file).toLowerCase();
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    files.set(`/${file}`, { hash, type: TYPES[ext] ?? 'application/octet-stream', etag: `"${hash}"`, body, compressible: COMPRESSIBLE.has(ext) });
  }
  const encoded = (asset: Asset, encoding: 'br' | 'gzip'): Buffer =>
    encoding === 'br'
      ? (asset.br ??= brotliCompressSync(asset.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }))
      : (asset.gzip ??= gzipSync(asset.body, { level: 9 }));

  const handler: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const asset = files.get(req.path);
    if (!asset) return next();
    res.setHeader('Cache-Control', req.query.v === asset.hash ? FOREVER : BRIEFLY);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Content-Type', asset.type);
    if (asset.compressible) res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === asset.etag) {
      res.status(304).end();
      return;
    }
    const encoding = asset.compressible ? encodingFor(req.headers['accept-encoding']) : undefined;
    const body = encoding ? encoded(asset, encoding) : asset.body;
    if (encoding) res.setHeader('Content-Encoding', encoding); // the compression middleware leaves it alone
    res.setHeader('Content-Length', body.length);
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };

  return {
    url(file) {
      const asset = files.get(`/${file}`);
      if (!asset) throw new Error(`Unknown asset: ${file}`);
      return `/static/${file}?v=${asset.hash}`;
    },
    handler,
  };
}

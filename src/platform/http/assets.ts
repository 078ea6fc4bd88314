import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

export interface Assets {
  /** URL of a file under public/, carrying its content hash so it can be cached forever. */
  url(file: string): string;
  handler: RequestHandler;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

export function createAssets(publicDir: string): Assets {
  const hashes = new Map<string, string>();
  for (const file of listFiles(publicDir)) {
    const digest = createHash('sha256').update(readFileSync(path.join(publicDir, file))).digest('hex');
    hashes.set(file, digest.slice(0, 12));
  }
  return {
    url(file) {
      const hash = hashes.get(file);
      if (!hash) throw new Error(`Unknown asset: ${file}`);
      return `/static/${file}?v=${hash}`;
    },
    handler: express.static(publicDir, {
      index: false,
      immutable: true,
      maxAge: '365d',
      fallthrough: true,
    }),
  };
}

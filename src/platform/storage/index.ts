import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live. Kept to four calls so that an S3-compatible store can replace the
 * disk one without touching the callers.
 */
export interface StoredObject {
  data: Buffer;
  contentType: string;
}

export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | undefined>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

// The extension is the only metadata a key carries; the content type is derived from it, so the
// disk store needs no sidecar files and a served file can never claim another type.
const CONTENT_TYPES = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  avif: 'image/avif',
  pdf: 'application/pdf',
} as const;

export type StorageExtension = keyof typeof CONTENT_TYPES;

// 32 lowercase hex digits and a known extension: nothing that can name a path outside the root.
const KEY_PATTERN = /^[0-9a-f]{32}\.(?:webp|jpg|png|avif|pdf)$/;

export function isStorageKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key);
}

/** A fresh, unguessable key: the client's file name never reaches the disk. */
export function newStorageKey(extension: StorageExtension): string {
  return `${randomBytes(16).toString('hex')}.${extension}`;
}

export function contentTypeOfKey(key: string): string | undefined {
  if (!isStorageKey(key)) return undefined;
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1) as StorageExtension];
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Files under `rootDir` (the caller passes DATA_DIR/uploads), flat, named by their key. */
export function createDiskStorage(rootDir: string): Storage {
  const root = path.resolve(rootDir);
  const fileOf = (key: string) => path.join(root, key);

  return {
    async put(key, data, contentType) {
      // Only our own code makes keys, so a bad one is a bug, not a user error.
      if (!isStorageKey(key)) throw new TypeError('storage: invalid key');
      if (contentTypeOfKey(key) !== contentType) throw new TypeError(`storage: ${contentType} does not match ${key}`);
      // Created on first use rather than at start, so that building the store has no effect.
      await mkdir(root, { recursive: true });
      // Write then rename: a reader never sees half a file, and a crash leaves only a temp name
      // that the key pattern never serves.
      const temp = path.join(root, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temp, data, { flag: 'wx' });
        await rename(temp, fileOf(key));
      } catch (err) {
        await unlink(temp).catch(() => undefined);
        throw err;
      }
    },

    async get(key) {
      const contentType = contentTypeOfKey(key);
      if (!contentType) return undefined;
      try {
        return { data: await readFile(fileOf(key)), contentType };
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },

    // Like S3, deleting what is not there succeeds; an invalid key cannot name a stored file.
    async delete(key) {
      if (!isStorageKey(key)) return;
      await unlink(fileOf(key)).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
    },

    async exists(key) {
      if (!isStorageKey(key)) return false;
      try {
        return (await stat(fileOf(key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },
  };
}

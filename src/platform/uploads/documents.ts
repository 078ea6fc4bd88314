import path from 'node:path';
import { newStorageKey, type Storage } from '#platform/storage/index.js';
import { checkSize, fieldError, sniffType } from '#platform/uploads/limits.js';

export interface StoredDocument {
  key: string;
  /** The client's name, cleaned for a Content-Disposition header; never used on disk. */
  fileName: string;
  bytes: number;
}

export interface DocumentStore {
  savePdf(buffer: Buffer, originalName: string, field: string): Promise<StoredDocument>;
}

const MAX_NAME = 120;
const DEFAULT_NAME = 'document.pdf';
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * PDFs cannot be re-encoded like images, so they are checked (magic bytes, size), stored under a
 * random key and only ever served as a download (see media.router.ts), never rendered inline.
 */
export function createDocumentStore(storage: Storage): DocumentStore {
  return {
    async savePdf(buffer, originalName, field) {
      checkSize(buffer);
      const type = await sniffType(buffer);
      // file-type only looks for `%PDF`; the format's header is `%PDF-` (version follows).
      if (type?.mime !== 'application/pdf' || !buffer.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        throw fieldError(field, 'errors:field.pdfType');
      }
      const key = newStorageKey('pdf');
      await storage.put(key, buffer, 'application/pdf');
      return { key, fileName: sanitizePdfName(originalName), bytes: buffer.length };
    },
  };
}

/**
 * Letters and digits of any script, space, dot, underscore and hyphen; anything else becomes
 * `_`. No directory part, no leading dot, at most 120 characters including `.pdf`.
 */
export function sanitizePdfName(originalName: string): string {
  const base = path.win32.basename(path.posix.basename(originalName.normalize('NFC')));
  const stem = base
    .replace(/\.pdf$/i, '')
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s._-]+|[\s.]+$/g, '');
  // Cut by code points, never inside a surrogate pair.
  const short = Array.from(stem).slice(0, MAX_NAME - '.pdf'.length).join('').replace(/[\s.]+$/, '');
  return short ? `${short}.pdf` : DEFAULT_NAME;
}

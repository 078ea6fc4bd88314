import { Router, type RequestHandler } from 'express';
import { AppError } from '#platform/http/errors.js';
import { isStorageKey, type Storage } from '#platform/storage/index.js';
import { sanitizePdfName } from '#platform/uploads/documents.js';
import { anyone } from '#modules/accounts/index.js';

/** The download name of a stored document, e.g. from the table that records the upload. */
export type FileNameLookup = (key: string) => Promise<string | undefined>;

const DEFAULT_PDF_NAME = 'document.pdf';

/**
 * The name is already clean (letters, digits, space, `._-`), so it can be quoted as is; names
 * beyond ASCII add RFC 6266's `filename*`, with an ASCII stand-in for old clients.
 */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  const header = `attachment; filename="${ascii}"`;
  return ascii === fileName ? header : `${header}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * GET /media/:key. Keys are random and a file never changes under its key (a new upload gets a
 * new key), so responses are cached for a year. Keys are unguessable but not secret: only
 * public material (product photos, certificates meant for buyers) belongs here.
 */
export function createMediaRouter(storage: Storage, fileNameOf?: FileNameLookup): Router {
  const router = Router();

  const serve: RequestHandler = async (req, res, next) => {
    const key = req.params.key;
    if (!isStorageKey(key)) return next(new AppError('not_found'));
    const stored = await storage.get(key);
    if (!stored) return next(new AppError('not_found'));
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (stored.contentType === 'application/pdf') {
      // A PDF can carry scripts: always a download, never a document rendered on our origin.
      const name = (await fileNameOf?.(key)) ?? DEFAULT_PDF_NAME;
      res.setHeader('Content-Disposition', attachment(sanitizePdfName(name)));
      res.setHeader('Content-Security-Policy', 'sandbox');
    }
    res.type(stored.contentType).send(stored.data);
  };

  router.get('/media/:key', anyone, serve);
  return router;
}

import type multerFactory from 'multer';
import type { RequestHandler } from 'express';
import { AppError } from '#platform/http/errors.js';
import { MAX_UPLOAD_BYTES } from '#platform/uploads/limits.js';

export interface UploadField {
  name: string;
  maxCount: number;
}

/**
 * Bounds on everything a multipart body can make us hold in memory. Memory storage means a
 * refused request writes nothing to disk; the price is up to files × fileSize of RAM per
 * request, so put the route's access rule and any rate limit before this middleware. The CSRF
 * token of a multipart form is in the body, so its check has to come after.
 */
export const UPLOAD_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 10,
  fields: 100,
  fieldSize: 64 * 1024,
  parts: 200,
} as const;

// Exceeding a size or count limit is "too large"; a malformed or unexpected part is a bad request.
const TOO_LARGE = new Set(['LIMIT_FILE_SIZE', 'LIMIT_FILE_COUNT', 'LIMIT_PART_COUNT', 'LIMIT_FIELD_COUNT', 'LIMIT_FIELD_KEY', 'LIMIT_FIELD_VALUE']);

// multer (with busboy) loads at the first upload, not at start.
type Multer = typeof multerFactory;
let multerModule: Promise<Multer> | undefined;
const loadMulter = () => (multerModule ??= import('multer').then((m) => m.default));

function toUploadError(multer: Multer, err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof multer.MulterError && TOO_LARGE.has(err.code)) return new AppError('payload_too_large');
  // Everything else multer or busboy reports while parsing (an unexpected file field, a bad
  // field name, a cut-off body) is the client's fault; without this it would become a 500.
  return new AppError('bad_request');
}

/** Parses multipart/form-data into req.body and req.files (buffers), mapping every refusal to an AppError. */
export function uploadFields(fields: UploadField[]): RequestHandler {
  let parser: Promise<{ multer: Multer; parse: RequestHandler }> | undefined;
  const load = () =>
    (parser ??= loadMulter().then((multer) => ({ multer, parse: multer({ storage: multer.memoryStorage(), limits: UPLOAD_LIMITS }).fields(fields) })));
  return (req, res, next) => {
    load().then(
      ({ multer, parse }) => parse(req, res, (err?: unknown) => next(err ? toUploadError(multer, err) : undefined)),
      next,
    );
  };
}

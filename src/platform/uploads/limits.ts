import type * as FileType from 'file-type';
import { AppError } from '#platform/http/errors.js';

/** One limit for every uploaded file, enforced while streaming (multer) and again on the buffer. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A form error on one field, so the page re-renders with the message beside the file input. */
export function fieldError(field: string, key: string): AppError {
  return new AppError('validation', 'errors:validation.message', {}, { [field]: key });
}

export function checkSize(buffer: Buffer): void {
  if (buffer.length > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large');
}

// file-type (with its tokenizers) loads at the first upload, not at start.
let fileType: Promise<typeof FileType> | undefined;

/** The file's type by its magic bytes, or undefined when file-type knows none. */
export async function sniffType(buffer: Buffer): Promise<FileType.FileTypeResult | undefined> {
  return (await (fileType ??= import('file-type'))).fileTypeFromBuffer(buffer);
}

import type { default as SharpFactory, Metadata, Sharp } from 'sharp';
import { AppError } from '#platform/http/errors.js';
import { newStorageKey, type Storage } from '#platform/storage/index.js';
import { checkSize, fieldError, sniffType } from '#platform/uploads/limits.js';

export interface ImageVariant {
  width: number;
  format: 'webp' | 'jpeg';
  key: string;
  bytes: number;
}

export interface ProcessedImage {
  /** The original's size once turned upright. */
  width: number;
  height: number;
  variants: ImageVariant[];
}

export interface ImageProcessor {
  process(buffer: Buffer, field?: string): Promise<ProcessedImage>;
}

// sharp brings libvips (about 15 MB resident, 90 ms to load); only uploads use it, so it loads at
// the first image rather than at start.
let sharpModule: Promise<typeof SharpFactory> | undefined;
const loadSharp = () => (sharpModule ??= import('sharp').then((m) => m.default));

// The allowlist, by magic bytes, with the decoder sharp must then agree to use (AVIF is HEIF).
const ALLOWED: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'heif' };
/** A small file can still declare a huge canvas (a decompression bomb): cap the pixels decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;
export const WEBP_WIDTHS = [320, 640, 1280] as const;
export const JPEG_WIDTH = 640;

// 'error' refuses truncated or damaged pixel data instead of decoding a grey half-image.
const DECODE = { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS } as const;

interface Encoded {
  width: number;
  format: ImageVariant['format'];
  data: Buffer;
}

/**
 * Every stored image is re-encoded from decoded pixels: whatever else the upload carried
 * (scripts glued after the image data, EXIF with GPS, XMP, IPTC, thumbnails) is not copied.
 * sharp strips all metadata unless told to keep it, and converts to sRGB; nothing here calls
 * keepMetadata/withMetadata/keepExif/keepIccProfile.
 */
export function createImageProcessor(storage: Storage): ImageProcessor {
  return {
    async process(buffer, field = 'image') {
      checkSize(buffer);
      const type = await sniffType(buffer);
      const decoder = type && Object.hasOwn(ALLOWED, type.mime) ? ALLOWED[type.mime] : undefined;
      if (!decoder) throw fieldError(field, 'errors:field.imageType');
      const { width, height } = await uprightSize(buffer, decoder, field);
      const encoded = await encodeVariants(buffer, width, field);
      // Store only once every variant encoded, so a refused file leaves nothing behind.
      const variants = await storeAll(storage, encoded);
      return { width, height, variants };
    },
  };
}

async function uprightSize(buffer: Buffer, decoder: string, field: string): Promise<{ width: number; height: number }> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // Reads only the header, so the pixel cap is lifted here and checked below with a clear answer.
    meta = await sharp(buffer, { ...DECODE, limitInputPixels: false }).metadata();
  } catch {
    throw fieldError(field, 'errors:field.imageCorrupt');
  }
  // Two sniffers must agree, so a polyglot cannot pass as one format and be decoded as another.
  if (meta.format !== decoder) throw fieldError(field, 'errors:field.imageType');
  const { width, height } = meta.autoOrient;
  if (!(width > 0 && height > 0)) throw fieldError(field, 'errors:field.imageCorrupt');
  // sharp's own limit (in DECODE) stays as the backstop for the decodes that follow.
  if (width * height > MAX_INPUT_PIXELS) throw new AppError('payload_too_large');
  return { width, height };
}

/** Widths never exceed the original's: a small photo is stored at its own size, once. */
export function variantWidths(originalWidth: number): { webp: number[]; jpeg: number } {
  const webp = [...new Set(WEBP_WIDTHS.map((w) => Math.min(w, originalWidth)))];
  return { webp, jpeg: Math.min(JPEG_WIDTH, originalWidth) };
}

async function encodeVariants(buffer: Buffer, originalWidth: number, field: string): Promise<Encoded[]> {
  const widths = variantWidths(originalWidth);
  const sharp = await loadSharp();
  // A fresh decode per variant lets libjpeg shrink on load, cheaper than one full-size decode.
  const base = (width: number): Sharp =>
    sharp(buffer, DECODE).rotate().resize({ width, withoutEnlargement: true });
  const jobs = [
    ...widths.webp.map((width) => ({ width, format: 'webp' as const, run: () => base(width).webp({ quality: 80 }) })),
    {
      width: widths.jpeg,
      format: 'jpeg' as const,
      // JPEG has no transparency: put a transparent PNG on white rather than on black.
      run: () => base(widths.jpeg).flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }),
    },
  ];
  try {
    const out: Encoded[] = [];
    for (const job of jobs) {
      const { data, info } = await job.run().toBuffer({ resolveWithObject: true });
      out.push({ width: info.width, format: job.format, data });
    }
    return out;
  } catch {
    throw fieldError(field, 'errors:field.imageCorrupt');
  }
}

async function storeAll(storage: Storage, encoded: Encoded[]): Promise<ImageVariant[]> {
  const stored: ImageVariant[] = [];
  try {
    for (const e of encoded) {
      const key = newStorageKey(e.format === 'webp' ? 'webp' : 'jpg');
      await storage.put(key, e.data, e.format === 'webp' ? 'image/webp' : 'image/jpeg');
      stored.push({ width: e.width, format: e.format, key, bytes: e.data.length });
    }
    return stored;
  } catch (err) {
    // Half an image is worse than none: remove what was written, then report the failure.
    await Promise.all(stored.map((v) => storage.delete(v.key).catch(() => undefined)));
    throw err;
  }
}

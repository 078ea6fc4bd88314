import type { DbOrTx } from '#platform/db/index.js';
import type { ImageVariant, ProcessedImage } from '#platform/uploads/images.js';

export interface ImageRow {
  id: number;
  member_id: number | null;
  width: number;
  height: number;
  variants: string;
  created_at: string;
}

export async function insertImage(db: DbOrTx, image: ProcessedImage, memberId: number | null, now: string): Promise<number> {
  const [inserted] = await db('images')
    .insert({ member_id: memberId, width: image.width, height: image.height, variants: JSON.stringify(image.variants), created_at: now })
    .returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

/** What an <img> needs: a JPEG `src` as fallback, WebP widths in `srcset`, the intrinsic size. */
export interface ImageView {
  id: number;
  src: string;
  srcset: string;
  width: number;
  height: number;
}

export function toImageView(row: ImageRow): ImageView {
  const variants = JSON.parse(row.variants) as ImageVariant[];
  const jpeg = variants.find((v) => v.format === 'jpeg') ?? variants[0];
  const webp = variants.filter((v) => v.format === 'webp');
  const shown = jpeg?.width ?? row.width;
  return {
    id: row.id,
    src: `/media/${jpeg?.key ?? ''}`,
    srcset: webp.map((v) => `/media/${v.key} ${v.width}w`).join(', '),
    width: shown,
    height: Math.round((row.height * shown) / Math.max(row.width, 1)),
  };
}

import sharp from 'sharp';

/** A real JPEG carrying EXIF with a GPS position (northern Thailand), as a phone would write it. */
export function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#6b8e23' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Cheap 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '99/1 50/1 0/1' },
    })
    .toBuffer();
}

export const PHP_SHELL = Buffer.from("<?php system($_GET['c']); ?>\n");

export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

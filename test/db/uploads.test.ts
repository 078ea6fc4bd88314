import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import request from 'supertest';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { AppError, toAppError } from '#platform/http/errors.js';
import { createDiskStorage, newStorageKey, type Storage } from '#platform/storage/index.js';
import { createImageProcessor, type ImageProcessor } from '#platform/uploads/images.js';
import { createDocumentStore, sanitizePdfName } from '#platform/uploads/documents.js';
import { uploadFields } from '#platform/uploads/multer.js';
import { createMediaRouter, type FileNameLookup } from '#platform/uploads/media.router.js';
import { discoverRoutes } from '#test/helpers/routes.js';
import { rejection } from '#test/helpers/errors.js';

const MB = 1024 * 1024;
const PHP = Buffer.from("<?php system($_GET['c']); ?>");
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');


const canvas = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 40 } } });
/** Random pixels compress badly: the way to get a large, real JPEG. */
const noise = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });

const onError: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = toAppError(err);
  res.status(e.status).json({ code: e.code, fields: e.fields });
};

describe('uploads: storage, image and PDF checks, multipart limits, media', function () {
  this.timeout(60_000);
  let root: string;
  let dir: string;
  let storage: Storage;
  let images: ImageProcessor;
  const stored = () => (existsSync(dir) ? readdirSync(dir) : []);

  function testApp(fileNameOf?: FileNameLookup): Express {
    const app = express();
    app.use(createMediaRouter(storage, fileNameOf));
    app.post('/upload', uploadFields([{ name: 'image', maxCount: 1 }]), async (req, res) => {
      const file = (req.files as Record<string, { buffer: Buffer }[]> | undefined)?.image?.[0];
      if (!file) throw new AppError('bad_request');
      res.status(201).json(await images.process(file.buffer, 'image'));
    });
    app.use(onError);
    return app;
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'terroir-uploads-'));
    dir = path.join(root, 'uploads');
    storage = createDiskStorage(dir);
    images = createImageProcessor(storage);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('strips EXIF, GPS and XMP from every stored variant', async () => {
    const input = await canvas(1600, 900)
      .jpeg()
      .withExif({
        IFD0: { Make: 'TerroirPhone', Model: 'Spy 1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '99/1 50/1 0/1' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(exifReader(before.exif!).GPSInfo).to.include({ GPSLatitudeRef: 'N' });
    expect(before.xmp).to.be.instanceOf(Buffer);

    const result = await images.process(input, 'photo');
    expect(result).to.include({ width: 1600, height: 900 });
    expect(result.variants.map((v) => `${v.format}@${v.width}`)).to.deep.equal(['webp@320', 'webp@640', 'webp@1280', 'jpeg@640']);
    expect(stored()).to.have.members(result.variants.map((v) => v.key));
    for (const variant of result.variants) {
      const bytes = readFileSync(path.join(dir, variant.key));
      expect(bytes.length).to.equal(variant.bytes);
      const meta = await sharp(bytes).metadata();
      expect(meta).to.include({ format: variant.format, width: variant.width });
      expect(meta.exif, `${variant.key} exif`).to.equal(undefined);
      expect(meta.xmp, `${variant.key} xmp`).to.equal(undefined);
      expect(meta.iptc, `${variant.key} iptc`).to.equal(undefined);
      expect(meta.icc, `${variant.key} icc`).to.equal(undefined);
      expect(meta.space).to.equal('srgb');
      // Whatever sharp's parser sees, the bytes themselves must not carry the tags.
      expect(bytes.includes('TerroirPhone'), `${variant.key} make`).to.equal(false);
      expect(bytes.includes('Exif\0'), `${variant.key} exif header`).to.equal(false);
    }
  });

  it('turns an orientation-6 photo upright and never upscales', async () => {
    const input = await canvas(400, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(input).metadata()).orientation).to.equal(6);
    const result = await images.process(input);
    expect(result).to.include({ width: 200, height: 400 });
    expect(result.variants.map((v) => `${v.format}@${v.width}`)).to.deep.equal(['webp@200', 'jpeg@200']);
    for (const variant of result.variants) {
      const meta = await sharp(readFileSync(path.join(dir, variant.key))).metadata();
      expect(meta).to.include({ width: 200, height: 400 });
      expect(meta.orientation).to.equal(undefined);
    }
  });

  it('refuses a PHP script named shell.jpg and writes nothing', async () => {
    expect((await rejection(images.process(PHP, 'photo'))).fields).to.deep.equal({ photo: 'errors:field.imageType' });
    const res = await request(testApp()).post('/upload').attach('image', PHP, { filename: 'shell.jpg', contentType: 'image/jpeg' });
    expect(res.status).to.equal(422);
    expect(res.body.fields).to.deep.equal({ image: 'errors:field.imageType' });
    expect(stored()).to.deep.equal([]);
  });

  it('accepts PNG and WebP, refuses GIF and a truncated JPEG', async () => {
    for (const input of [await canvas(300, 200).png().toBuffer(), await canvas(300, 200).webp().toBuffer()]) {
      const result = await images.process(input);
      expect(result.variants.map((v) => v.width)).to.deep.equal([300, 300]);
    }
    expect((await rejection(images.process(await canvas(30, 20).gif().toBuffer()))).fields).to.deep.equal({ image: 'errors:field.imageType' });
    const before = stored().length;
    const jpeg = await noise(600, 400).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    expect((await rejection(images.process(truncated, 'photo'))).fields).to.deep.equal({ photo: 'errors:field.imageCorrupt' });
    expect(stored().length).to.equal(before);
  });

  it('refuses oversized buffers and decompression bombs with 413', async () => {
    expect((await rejection(images.process(Buffer.alloc(10 * MB + 1)))).status).to.equal(413);
    const bomb = await canvas(10_000, 6_000).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).to.be.lessThan(MB);
    expect((await rejection(images.process(bomb))).status).to.equal(413);
    expect(stored()).to.deep.equal([]);
  });

  it('stores a PDF under a random key with a clean name, and refuses a fake one', async () => {
    const docs = createDocumentStore(storage);
    const saved = await docs.savePdf(PDF, '../../Lab report (2024).PDF', 'certificate');
    expect(saved.key).to.match(/^[0-9a-f]{32}\.pdf$/);
    expect(saved).to.include({ fileName: 'Lab report _2024_.pdf', bytes: PDF.length });
    expect((await storage.get(saved.key))?.data.equals(PDF)).to.equal(true);
    const fake = await rejection(docs.savePdf(Buffer.from('Totally a PDF, trust me'), 'cert.pdf', 'certificate'));
    expect(fake.fields).to.deep.equal({ certificate: 'errors:field.pdfType' });
    expect((await rejection(docs.savePdf(PHP, 'cert.pdf', 'certificate'))).status).to.equal(422);
    expect(stored()).to.deep.equal([saved.key]);
  });

  it('cleans PDF download names', () => {
    expect(sanitizePdfName('C:\\Users\\me\\報告書.pdf')).to.equal('報告書.pdf');
    expect(sanitizePdfName('/etc/passwd')).to.equal('passwd.pdf');
    expect(sanitizePdfName('.htaccess')).to.equal('htaccess.pdf');
    expect(sanitizePdfName('a"b;\r\nc.pdf')).to.equal('a_b___c.pdf');
    expect(sanitizePdfName('')).to.equal('document.pdf');
    expect(sanitizePdfName('../..')).to.equal('document.pdf');
    const long = sanitizePdfName(`${'é'.repeat(300)}.pdf`);
    expect(long).to.have.length(120);
    expect(long.endsWith('é.pdf')).to.equal(true);
  });

  it('over HTTP: a 20 MB upload gets 413 and writes nothing; a 2 MB JPEG is stored', async () => {
    const app = testApp();
    const big = await request(app).post('/upload').attach('image', randomBytes(20 * MB), { filename: 'big.jpg', contentType: 'image/jpeg' });
    expect(big.status).to.equal(413);
    expect(stored()).to.deep.equal([]);

    const photo = await noise(2000, 1200).jpeg({ quality: 95 }).toBuffer();
    expect(photo.length).to.be.within(2 * MB, 10 * MB);
    const ok = await request(app).post('/upload').attach('image', photo, { filename: 'harvest.jpg', contentType: 'image/jpeg' });
    expect(ok.status).to.equal(201);
    expect(ok.body).to.include({ width: 2000, height: 1200 });
    expect(stored()).to.have.length(4);
  });

  it('over HTTP: maps multer refusals to 400 and 413, not 500', async () => {
    const app = testApp();
    const png = await canvas(10, 10).png().toBuffer();
    const unexpected = await request(app).post('/upload').attach('other', png, 'a.png');
    expect(unexpected.status).to.equal(400);
    const twice = await request(app).post('/upload').attach('image', png, 'a.png').attach('image', png, 'b.png');
    expect(twice.status).to.equal(400);
    let tooMany = request(app).post('/upload');
    for (let i = 0; i < 101; i += 1) tooMany = tooMany.field(`f${i}`, 'x');
    expect((await tooMany).status).to.equal(413);
    const longField = await request(app).post('/upload').field('note', 'x'.repeat(65 * 1024));
    expect(longField.status).to.equal(413);
    const cut = await request(app).post('/upload').set('Content-Type', 'multipart/form-data; boundary=zzz').send('--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nx');
    expect(cut.status).to.equal(400);
    expect(stored()).to.deep.equal([]);
  });

  it('serves stored media immutable and typed, PDFs as attachments, and 404s bad keys', async () => {
    const { variants } = await images.process(await canvas(100, 50).png().toBuffer());
    const pdf = await createDocumentStore(storage).savePdf(PDF, 'x.pdf', 'file');
    const app = testApp(async (key) => (key === pdf.key ? 'Analyse du miel.pdf' : undefined));
    expect(discoverRoutes(app).find((r) => r.path === '/media/:key')?.rule).to.deep.equal({ who: 'anyone' });

    const webp = variants.find((v) => v.format === 'webp')!;
    const res = await request(app).get(`/media/${webp.key}`).buffer(true);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).to.equal('image/webp');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-disposition']).to.equal(undefined);
    expect(Buffer.compare(res.body as Buffer, readFileSync(path.join(dir, webp.key)))).to.equal(0);

    const doc = await request(app).get(`/media/${pdf.key}`);
    expect(doc.status).to.equal(200);
    expect(doc.headers['content-type']).to.equal('application/pdf');
    expect(doc.headers['content-disposition']).to.equal('attachment; filename="Analyse du miel.pdf"');
    const plain = await request(testApp()).get(`/media/${pdf.key}`);
    expect(plain.headers['content-disposition']).to.equal('attachment; filename="document.pdf"');
    const thai = await request(testApp(async () => 'ใบรับรอง.pdf')).get(`/media/${pdf.key}`);
    expect(thai.headers['content-disposition']).to.match(/^attachment; filename="_+\.pdf"; filename\*=UTF-8''%E0%B9%83/);

    for (const bad of ['..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', `${'a'.repeat(32)}.php`, `${'A'.repeat(32)}.png`, newStorageKey('png')]) {
      const r = await request(app).get(`/media/${bad}`);
      expect(r.status, bad).to.equal(404);
    }
  });

  it('keeps keys strict in the disk store itself', async () => {
    const key = newStorageKey('png');
    await storage.put(key, Buffer.from('x'), 'image/png');
    expect(await storage.exists(key)).to.equal(true);
    expect(await storage.get(key)).to.deep.include({ contentType: 'image/png' });
    let refused = false;
    await storage.put(newStorageKey('png'), Buffer.from('x'), 'text/html').catch(() => (refused = true));
    expect(refused).to.equal(true);
    expect(await storage.get('../uploads/x.png')).to.equal(undefined);
    expect(await storage.exists('../../etc/passwd')).to.equal(false);
    await storage.delete('../../etc/passwd');
    await storage.delete(key);
    await storage.delete(key);
    expect(stored()).to.deep.equal([]);
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { qrPngBuffer } from './qr.js';

export interface LabelData {
  productName: string;
  lotCode: string;
  producedOn: string;
  bestBefore: string | null;
  netWeight: string;
  origin: string;
  member: string;
  traceUrl: string;
  /** Already localized field names, e.g. { lot: 'Lot', produced: 'Produced', … }. */
  texts: { lot: string; produced: string; bestBefore: string; netWeight: string; origin: string };
}

export type LabelSheetSize = 'a4-8' | 'a4-21' | 'a4-24';

export interface LabelSheetOptions {
  /** Where to look for Noto fonts; [] forces the Helvetica fallback. */
  fontDirs?: string[];
  /** A hairline around each label, for checking alignment or cutting plain paper. */
  outline?: boolean;
}

const MM = 72 / 25.4;
// Label sizes of the common A4 sheets (Avery L7165, L7160, L7159 and their clones), grid centred.
const SHEETS: Record<LabelSheetSize, { cols: number; rows: number; w: number; h: number; gapX: number }> = {
  'a4-8': { cols: 2, rows: 4, w: 99.1, h: 67.7, gapX: 2.5 },
  'a4-21': { cols: 3, rows: 7, w: 63.5, h: 38.1, gapX: 2.5 },
  'a4-24': { cols: 3, rows: 8, w: 63.5, h: 33.9, gapX: 2.5 },
};
const A4 = { w: 210, h: 297 };

export const DEFAULT_FONT_DIRS = ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto'];

// Helvetica (pdfkit's built-in, WinAnsi-encoded) draws Latin-1 and these; anything else needs a TTF.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const isWinAnsi = (ch: string): boolean => (ch < '\u0080' || (ch >= '\u00a0' && ch <= '\u00ff')) || WIN_ANSI_EXTRA.has(ch);

type FontFile = [file: string, postscriptName?: string];
// First match wins; 'other' (Noto Sans: Latin Extended, Greek, Cyrillic, Vietnamese) comes last.
const SCRIPTS: { key: string; re: RegExp; regular: FontFile[]; bold: FontFile[] }[] = [
  // fonts-noto-cjk ships collections (.ttc); pdfkit picks a member by its PostScript name.
  { key: 'cjk', re: /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3ffff}]/u,
    regular: [['NotoSansCJK-Regular.ttc', 'NotoSansCJKtc-Regular'], ['NotoSansTC-Regular.otf'], ['NotoSansSC-Regular.otf']],
    bold: [['NotoSansCJK-Bold.ttc', 'NotoSansCJKtc-Bold'], ['NotoSansTC-Bold.otf'], ['NotoSansSC-Bold.otf']] },
  { key: 'arabic', re: /[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/, regular: [['NotoSansArabic-Regular.ttf']], bold: [['NotoSansArabic-Bold.ttf']] },
  { key: 'hebrew', re: /[\u0590-\u05ff\ufb1d-\ufb4f]/, regular: [['NotoSansHebrew-Regular.ttf']], bold: [['NotoSansHebrew-Bold.ttf']] },
  { key: 'thai', re: /[\u0e00-\u0e7f]/, regular: [['NotoSansThai-Regular.ttf']], bold: [['NotoSansThai-Bold.ttf']] },
  { key: 'devanagari', re: /[\u0900-\u097f]/, regular: [['NotoSansDevanagari-Regular.ttf']], bold: [['NotoSansDevanagari-Bold.ttf']] },
  { key: 'other', re: /[^]/u, regular: [['NotoSans-Regular.ttf']], bold: [['NotoSans-Bold.ttf']] },
];

type Doc = PDFKit.PDFDocument;
interface Run { text: string; font: string } // font '' = an invisible bidi mark
interface Piece { text: string; bold?: boolean }
type Pick = (ch: string, bold: boolean) => string | null;

/** Per document: which font draws a character, loading a Noto font the first time one is needed. */
function fontPicker(doc: Doc, dirs: string[]): Pick {
  const loaded = new Map<string, string | null>();
  const load = (files: FontFile[], name: string): string | null => {
    for (const [file, family] of files) {
      const found = dirs.map((d) => path.join(d, file)).find((p) => existsSync(p));
      try {
        if (found) return doc.registerFont(name, found, family).font(name) && name;
      } catch { /* not a font pdfkit reads, or no such TTC member: try the next */ }
    }
    return null;
  };
  return (ch, bold) => {
    if (isWinAnsi(ch)) return bold ? 'Helvetica-Bold' : 'Helvetica';
    const script = SCRIPTS.find((s) => s.re.test(ch))!;
    const name = `${script.key}-${bold ? 'bold' : 'regular'}`;
    if (!loaded.has(name)) loaded.set(name, load(bold ? script.bold : script.regular, name));
    return loaded.get(name) ?? null;
  };
}

/** Splits pieces into runs of one font; a character no font can draw degrades to Helvetica. */
function toRuns(pieces: Piece[], pick: Pick): Run[] {
  const runs: Run[] = [];
  for (const { text, bold = false } of pieces) {
    for (let ch of text) {
      if (/\p{Cc}/u.test(ch)) ch = ' '; // a stray newline or tab must not move the pen
      const font = BIDI_MARK.test(ch) ? '' : pick(ch, bold);
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, ''); // 'ő' -> 'o' when nothing draws 'ő'
      const [f, drawn] = font !== null ? [font, ch] : [bold ? 'Helvetica-Bold' : 'Helvetica', plain && [...plain].every(isWinAnsi) ? plain : '?'];
      const last = runs.at(-1);
      if (last && last.font === f && f !== '') last.text += drawn;
      else runs.push({ text: drawn, font: f });
    }
  }
  return runs;
}

// pdfkit shapes each word on its own and reverses an Arabic or Hebrew word's glyphs, but puts the
// words of a line left to right. So the words are put in display order here: a small part of the
// Unicode bidi algorithm (UAX #9 W7, N1, I1, L2) at word level, enough for labels.
const BIDI_MARK = /[\u200e\u200f\u061c]/;
const RTL = /[\u0590-\u05ff\u0600-\u065f\u066d-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f]/;
const WORD_BREAK = /(\s+|[^\p{L}\p{N}\p{M}\u066b\u066c]+)/u; // words, numbers, and what lies between
const ARABIC_DIGITS = /^[\u0660-\u066c\u06f0-\u06f9]+$/;
type Dir = 'L' | 'R' | 'E' | 'N';
const dirOf = (t: string): Dir => (RTL.test(t) ? 'R' : /[\p{L}\u200e]/u.test(t) ? 'L' : /\p{N}/u.test(t) ? 'E' : 'N');
const isRtl = (text: string): boolean => [...text].map(dirOf).find((d) => d === 'L' || d === 'R') === 'R';

function visualOrder(runs: Run[], rtl: boolean): Run[] {
  const words = runs.flatMap((r) => r.text.split(WORD_BREAK).filter(Boolean).map((text) => ({ ...r, text, dir: dirOf(text) })));
  const strongBefore = (i: number): Dir => words.slice(0, i).reverse().find((w) => w.dir === 'L' || w.dir === 'R')?.dir ?? (rtl ? 'R' : 'L');
  const isSep = (i: number): boolean => /^[.,:/+-]$/.test(words[i]!.text) && words[i - 1]?.dir === 'E' && words[i + 1]?.dir === 'E';
  const dirs = words.map((w, i) => (isSep(i) ? 'E' : w.dir)).map((d, i) => (d === 'E' && strongBefore(i) === 'L' ? 'L' : d));
  const asStrong = (d: Dir | undefined): Dir | undefined => (d === 'E' ? 'R' : d);
  const levels = dirs.map((d, i) => {
    if (d === 'N') {
      const before = asStrong(dirs.slice(0, i).reverse().find((x) => x !== 'N')) ?? (rtl ? 'R' : 'L');
      const after = asStrong(dirs.slice(i + 1).find((x) => x !== 'N')) ?? (rtl ? 'R' : 'L');
      d = before === after ? before : rtl ? 'R' : 'L';
    }
    return rtl ? (d === 'R' ? 1 : 2) : d === 'L' ? 0 : d === 'R' ? 1 : 2;
  });
  let order = words.map((w, i) => ({ w, lv: levels[i]! }));
  for (let lv = Math.max(0, ...levels); lv >= 1; lv--) {
    const out: typeof order = [];
    let seq: typeof order = [];
    for (const x of order) {
      if (x.lv >= lv) {
        seq.push(x);
      } else {
        out.push(...seq.reverse(), x);
        seq = [];
      }
    }
    order = [...out, ...seq.reverse()];
  }
  // pdfkit reverses Arabic and Hebrew words itself, but also a number in Arabic-Indic digits (which
  // must read left to right) and never punctuation shown right to left: flip those here.
  const flip = (w: (typeof words)[number], lv: number): boolean => ARABIC_DIGITS.test(w.text) || (lv % 2 === 1 && w.dir === 'N');
  return order.map(({ w, lv }) => ({ font: w.font, text: flip(w, lv) ? [...w.text].reverse().join('') : w.text }));
}

function widthOf(doc: Doc, runs: Run[], size: number): number {
  return runs.reduce((w, r) => w + (r.font ? doc.font(r.font).fontSize(size).widthOfString(r.text) : 0), 0);
}

/** Draws one line on the baseline `y`, shrunk down to `minSize`, then cut with '…'; RTL lines flush right. */
function drawLine(doc: Doc, runs: Run[], box: { x: number; y: number; w: number; rtl: boolean }, size: number, minSize: number): void {
  let s = size;
  while (s > minSize && widthOf(doc, runs, s) > box.w) s = Math.max(minSize, s - 0.25);
  const fitted = runs.map((r) => ({ ...r }));
  if (widthOf(doc, fitted, s) > box.w) fitted.push({ text: '…', font: 'Helvetica' }); // cut at the logical end
  while (widthOf(doc, fitted, s) > box.w && fitted.length > 1) {
    const last = fitted.at(-2)!;
    last.text = [...last.text].slice(0, -1).join('').trimEnd();
    if (!last.text) fitted.splice(-2, 1);
  }
  const visual = visualOrder(fitted, box.rtl);
  let cx = box.rtl ? box.x + box.w - widthOf(doc, visual, s) : box.x;
  for (const r of visual) {
    if (!r.font) continue;
    doc.font(r.font).fontSize(s).text(r.text, cx, box.y, { lineBreak: false, baseline: 'alphabetic' });
    cx += doc.widthOfString(r.text);
  }
}

async function drawLabel(doc: Doc, label: LabelData, x: number, y: number, w: number, h: number, pick: Pick): Promise<void> {
  const pad = Math.min(w, h) * 0.08;
  const qr = Math.min(h - 2 * pad, w * 0.38);
  const qrX = x + w - pad - qr;
  doc.image(await qrPngBuffer(label.traceUrl, (qr / 72) * 300), qrX, y + (h - qr) / 2, { width: qr, height: qr });

  const t = label.texts;
  const field = (name: string, value: string, bold = false): Piece[] => [{ text: `${name}: ` }, { text: value, bold }];
  const lines: Piece[][] = [
    [{ text: label.member }],
    field(t.lot, label.lotCode, true),
    field(t.produced, label.producedOn),
    ...(label.bestBefore ? [field(t.bestBefore, label.bestBefore)] : []),
    field(t.netWeight, label.netWeight),
    field(t.origin, label.origin),
  ];
  // Sizes follow the label height, scaled down together if the block would not fit.
  const body0 = Math.min(11, Math.max(6, h / 13));
  const k = Math.min(1, (h - 2 * pad) / (body0 * 1.25 * (1.5 + lines.length)));
  const [body, name] = [body0 * k, body0 * 1.5 * k];
  const textW = qrX - pad * 0.6 - (x + pad);
  // Vertically centred; the direction follows the label's UI language (its field names).
  const blockH = name * 1.3 + (lines.length + 0.2) * body * 1.25;
  const box = { x: x + pad, y: y + Math.max(pad, (h - blockH) / 2) + name * 0.95, w: textW, rtl: isRtl(t.lot) };
  doc.fillColor('black');
  drawLine(doc, toRuns([{ text: label.productName, bold: true }], pick), box, name, body);
  box.y += name * 0.35;
  for (const line of lines) {
    box.y += body * 1.25;
    drawLine(doc, toRuns(line, pick), box, body, Math.max(4, body * 0.7));
  }
}

/** A4 sheets of product labels with the lot's trace QR code, as PDF bytes. */
export async function labelSheetPdf(labels: LabelData[], size: LabelSheetSize, opts: LabelSheetOptions = {}): Promise<Buffer> {
  const sheet = SHEETS[size];
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Labels', Creator: 'Terroir' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pick = fontPicker(doc, opts.fontDirs ?? DEFAULT_FONT_DIRS);
  const [w, h] = [sheet.w * MM, sheet.h * MM];
  const left = ((A4.w - sheet.cols * sheet.w - (sheet.cols - 1) * sheet.gapX) / 2) * MM;
  const top = ((A4.h - sheet.rows * sheet.h) / 2) * MM;
  const perPage = sheet.cols * sheet.rows;
  if (labels.length === 0) doc.addPage();
  for (const [i, label] of labels.entries()) {
    if (i % perPage === 0) doc.addPage();
    const [col, row] = [i % sheet.cols, Math.floor((i % perPage) / sheet.cols)];
    const [x, y] = [left + col * (w + sheet.gapX * MM), top + row * h];
    if (opts.outline) doc.save().lineWidth(0.3).strokeColor('#bbbbbb').roundedRect(x, y, w, h, 2 * MM).stroke().restore();
    await drawLabel(doc, label, x, y, w, h, pick);
  }
  doc.end();
  return done;
}

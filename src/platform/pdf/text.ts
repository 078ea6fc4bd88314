// Text on PDF pages in any of Terroir's languages, with pdfkit: picks a font per character (Noto
// fonts for CJK, Arabic, Hebrew, Thai…, Helvetica for Latin-1, Helvetica again with '?' when nothing
// draws a character), orders the words of right-to-left lines, shrinks or wraps lines to a width.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_FONT_DIRS = ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto'];

// Helvetica (pdfkit's built-in, WinAnsi-encoded) draws Latin-1 and these; anything else needs a TTF.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export const isWinAnsi = (ch: string): boolean => (ch < '\u0080' || (ch >= '\u00a0' && ch <= '\u00ff')) || WIN_ANSI_EXTRA.has(ch);

export type FontFile = [file: string, postscriptName?: string];
// First match wins; 'other' (Noto Sans: Latin Extended, Greek, Cyrillic, Vietnamese) comes last.
export const SCRIPTS: { key: string; re: RegExp; regular: FontFile[]; bold: FontFile[] }[] = [
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

export type Doc = PDFKit.PDFDocument;
/** A stretch of text drawn in one font. */
export interface Run { text: string; font: string } // font '' = an invisible bidi mark
/** Text as the caller means it, regular or bold. */
export interface Piece { text: string; bold?: boolean }
/** Which font draws a character; null when none does. */
export type Pick = (ch: string, bold: boolean) => string | null;

/** Per document: which font draws a character, loading a Noto font the first time one is needed. */
export function fontPicker(doc: Doc, dirs: string[]): Pick {
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
export function toRuns(pieces: Piece[], pick: Pick): Run[] {
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
export const BIDI_MARK = /[\u200e\u200f\u061c]/;
export const RTL = /[\u0590-\u05ff\u0600-\u065f\u066d-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f]/;
const WORD_BREAK = /(\s+|[^\p{L}\p{N}\p{M}\u066b\u066c]+)/u; // words, numbers, and what lies between
const ARABIC_DIGITS = /^[\u0660-\u066c\u06f0-\u06f9]+$/;
export type Dir = 'L' | 'R' | 'E' | 'N';
export const dirOf = (t: string): Dir => (RTL.test(t) ? 'R' : /[\p{L}\u200e]/u.test(t) ? 'L' : /\p{N}/u.test(t) ? 'E' : 'N');
/** Whether text reads right to left: its first strong character is Arabic or Hebrew. */
export const isRtl = (text: string): boolean => [...text].map(dirOf).find((d) => d === 'L' || d === 'R') === 'R';

export function visualOrder(runs: Run[], rtl: boolean): Run[] {
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

export function widthOf(doc: Doc, runs: Run[], size: number): number {
  return runs.reduce((w, r) => w + (r.font ? doc.font(r.font).fontSize(size).widthOfString(r.text) : 0), 0);
}

/** Where a line sits in its box: 'start' is the left for LTR and the right for RTL text. */
export type Align = 'start' | 'end' | 'center';

/**
 * Draws one line on the baseline `y`, shrunk down to `minSize`, then cut with '…'; RTL lines flush
 * right unless `align` says otherwise.
 */
export function drawLine(doc: Doc, runs: Run[], box: { x: number; y: number; w: number; rtl: boolean; align?: Align }, size: number, minSize: number): void {
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
  const width = widthOf(doc, visual, s);
  const align = box.align ?? 'start';
  let cx = align === 'center' ? box.x + (box.w - width) / 2 : (align === 'end') !== box.rtl ? box.x + box.w - width : box.x;
  for (const r of visual) {
    if (!r.font) continue;
    doc.font(r.font).fontSize(s).text(r.text, cx, box.y, { lineBreak: false, baseline: 'alphabetic' });
    cx += doc.widthOfString(r.text);
  }
}

// Where a line may break: at '\n', at spaces other than no-break ones (U+00A0, U+2007, U+202F, as
// Intl puts in '1 250,50 €'), and between two CJK characters (and around CJK punctuation).
const SPACE = /^[^\S\n\u00a0\u2007\u202f]+$/;
const NO_BREAK_AFTER = /[\u00a0\u2007\u202f([{“‘«\u3008\u300a\u300c\u300e\u3010\u3014\u3016\uff08\uff3b\uff5b]$/;
const NO_BREAK_BEFORE = /^[)\]}.,;:!?”’»%\u3001\u3002\u3009\u300b\u300d\u300f\u3011\u3015\u3017\uff09\uff3d\uff5d\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff05]/;
const BREAK_TOKEN = /(\n|[^\S\n\u00a0\u2007\u202f]+|[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}])/u;

/**
 * Breaks pieces into lines no wider than `width` at font `size`: at '\n', at spaces and between CJK
 * characters (never after a no-break space or an opening bracket, nor before a closing bracket or
 * punctuation), in logical order (drawLine puts each line in display order). A word that fits only
 * when shrunk down to `minSize` gets a line of its own (drawLine shrinks it); a longer one is cut
 * between characters.
 */
export function wrapPieces(doc: Doc, pieces: Piece[], pick: Pick, width: number, size: number, minSize = size): Piece[][] {
  const tokens: Piece[] = [];
  for (const { text: whole, bold } of pieces) {
    for (const text of whole.split(BREAK_TOKEN).filter(Boolean)) {
      const last = tokens.at(-1);
      // No break after a no-break space or an opening bracket, nor before closing punctuation.
      const glued = last && last.bold === bold && !SPACE.test(text) && text !== '\n' && !SPACE.test(last.text) && last.text !== '\n' &&
        (NO_BREAK_AFTER.test(last.text) || NO_BREAK_BEFORE.test(text));
      if (glued) last.text += text;
      else tokens.push({ text, bold });
    }
  }
  const fits = (line: Piece[], s = size): boolean => widthOf(doc, toRuns(line, pick), s) <= width;
  const isSpace = (p: Piece): boolean => SPACE.test(p.text);
  const lines: Piece[][] = [[]];
  const trimEnd = (line: Piece[]): void => {
    while (line.length && isSpace(line.at(-1)!)) line.pop();
  };
  let full = false; // the last line holds a shrunk word: nothing more goes on it
  for (const token of tokens) {
    const line = lines.at(-1)!;
    if (token.text === '\n') {
      trimEnd(line);
      lines.push([]);
      full = false;
    } else if (isSpace(token)) {
      if (line.length && !full) line.push(token);
    } else if (!full && fits([...line, token])) {
      line.push(token);
    } else {
      trimEnd(line);
      if (line.length) lines.push([]);
      full = false;
      if (fits([token], minSize)) {
        lines.at(-1)!.push(token);
        full = !fits([token]);
      } else {
        for (const ch of token.text) {
          const last = lines.at(-1)!;
          const piece = { text: ch, bold: token.bold };
          if (last.length && !fits([...last, piece])) lines.push([piece]);
          else last.push(piece);
        }
      }
    }
  }
  trimEnd(lines.at(-1)!);
  return lines;
}

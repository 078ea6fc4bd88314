import { LOCALES, type Locale } from '#platform/i18n/locales.js';

const TAG = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
const QVALUE = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;
const MAX_HEADER = 2000;
const MAX_ITEMS = 40;

interface Range {
  tag: string;
  q: number;
}

/** Parses Accept-Language leniently: malformed items are dropped, never thrown on. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header || header.length > MAX_HEADER) return [];
  const ranges: Range[] = [];
  for (const item of header.split(',').slice(0, MAX_ITEMS)) {
    const [rawTag, ...params] = item.trim().split(';');
    const tag = (rawTag ?? '').trim();
    if (!TAG.test(tag)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    if (qParam !== undefined && !QVALUE.test(qParam)) continue;
    // q has at most three decimals: compare as integer thousandths.
    const q = qParam === undefined ? 1000 : Math.round(Number(qParam.slice(2)) * 1000);
    if (q > 0) ranges.push({ tag, q });
  }
  return ranges
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((r) => r.tag);
}

/** Maps one BCP 47 tag onto a supported locale, or undefined. */
export function matchLocale(tag: string, enabled: readonly Locale[] = LOCALES): Locale | undefined {
  const lower = tag.toLowerCase();
  const exact = enabled.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const [primary, ...rest] = lower.split('-');
  if (primary === 'zh') {
    const traditional = rest.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s));
    const want = traditional ? 'zh-TW' : 'zh-CN';
    return enabled.find((l) => l === want) ?? enabled.find((l) => l.startsWith('zh'));
  }
  return enabled.find((l) => l.toLowerCase().split('-')[0] === primary);
}

export function negotiateLocale(
  input: { cookie?: string | undefined; acceptLanguage?: string | undefined },
  defaultLocale: Locale,
  enabled: readonly Locale[] = LOCALES,
): Locale {
  const fromCookie = enabled.find((l) => l === input.cookie);
  if (fromCookie) return fromCookie;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const match = matchLocale(tag, enabled);
    if (match) return match;
  }
  return defaultLocale;
}

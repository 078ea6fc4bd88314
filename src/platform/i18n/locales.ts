// The locales Terroir ships. Order is the order of the language switcher.
export const LOCALES = ['en', 'es', 'fr', 'zh-CN', 'zh-TW', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export const RTL_LOCALES: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export const NAMESPACES = ['common', 'errors', 'catalog', 'accounts', 'admin', 'mail', 'members', 'traceability', 'settings', 'ordering', 'allocation', 'fulfilment', 'documents'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(lng: Locale): 'rtl' | 'ltr' {
  return RTL_LOCALES.has(lng) ? 'rtl' : 'ltr';
}

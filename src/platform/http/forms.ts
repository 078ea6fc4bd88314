import type { Response } from 'express';
import { AppError } from '#platform/http/errors.js';

/** The named fields of a form body as strings; anything else (arrays, objects, missing) becomes ''. */
export function formValues<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, typeof source[k] === 'string' ? (source[k] as string) : ''])) as Record<K, string>;
}

/** One string field of a form or query. */
export function field(source: unknown, key: string): string {
  const v = (source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined) ?? '';
  return typeof v === 'string' ? v : '';
}

/**
 * Re-renders a form with the user's input and its field errors when `err` is a validation
 * error (422 by default); any other error goes on to the error handler.
 */
export function renderInvalid(res: Response, view: string, vm: object, err: unknown, status = 422): void {
  if (!(err instanceof AppError) || Object.keys(err.fields).length === 0) throw err;
  res.status(status).render(view, { ...vm, errors: err.fields, formError: err.messageKey });
}

/** Only local paths are accepted as a place to return to: never another origin. */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : undefined;
}

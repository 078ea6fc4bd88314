import type { z } from 'zod';
import { AppError } from '#platform/http/errors.js';

/**
 * Field errors as translation keys. A schema names a problem with a short custom message
 * (`slug`, `range`, ...) which maps to `errors:field.<message>`; zod's own codes map to
 * `errors:field.<code>` (too_small, invalid_type, ...).
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_';
    if (out[field]) continue;
    const custom = /^[a-zA-Z.]+$/.test(issue.message) && issue.code === 'custom';
    const named = issue.code === 'invalid_format' && /^[a-zA-Z]+$/.test(issue.message);
    out[field] = `errors:field.${custom || named ? issue.message : issue.code}`;
  }
  return out;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('validation', 'errors:validation.message', {}, fieldErrors(parsed.error));
  return parsed.data;
}

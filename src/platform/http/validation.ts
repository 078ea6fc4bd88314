import type { z } from 'zod';
import { AppError } from '#platform/http/errors.js';

/**
 * Field errors as translation keys. A schema names a problem with a short message (`slug`,
 * `range`, `passwordTooShort`…) which maps to `errors:field.<message>`; otherwise zod's code maps
 * to `errors:field.<code>` (too_small, invalid_type, …).
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_';
    if (out[field]) continue;
    // A schema's own message is a one-word key; zod's default messages are sentences.
    const named = /^[a-zA-Z.]+$/.test(issue.message);
    out[field] = `errors:field.${named ? issue.message : issue.code}`;
  }
  return out;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('validation', 'errors:validation.message', {}, fieldErrors(parsed.error));
  return parsed.data;
}

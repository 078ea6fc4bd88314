import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '#platform/logger.js';

export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

/** The one error type: a code (which fixes the status) and a translation key for the user. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = `errors:${code}.message`,
    readonly params: Record<string, string | number> = {},
    /** Field name -> translation key, for forms re-rendered with their errors. */
    readonly fields: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

/** Errors thrown by Express's own parsers carry a `type`; map those, everything else is a 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large' || type === 'parameters.too.many') return new AppError('payload_too_large');
  if (typeof type === 'string' && type.startsWith('entity.')) return new AppError('bad_request');
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'LIMIT_FILE_SIZE') return new AppError('payload_too_large');
  if (code === 'EBADCSRFTOKEN') return new AppError('forbidden', 'errors:forbidden.csrf');
  return new AppError('internal');
}

export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('not_found'));

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(appError.status);
    res.setHeader('Cache-Control', 'no-store');
    const view = { status: appError.status, titleKey: `errors:${appError.code}.title`, messageKey: appError.messageKey, params: appError.params };
    res.render('errors/error', view, (renderError: Error | null, html?: string) => {
      if (!renderError) return res.send(html);
      // The error page itself failed: log it and answer with the bare status, never a trace.
      (req.log ?? logger).error({ err: renderError }, 'error page failed');
      res.type('text/plain').send(String(appError.status));
    });
  };
}

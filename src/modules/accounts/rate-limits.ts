import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '#platform/http/errors.js';
import { field } from '#platform/http/forms.js';

const MINUTE = 60_000;

function limiter(windowMs: number, limit: number, key: (req: Request) => string, onlyFailures = false): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: onlyFailures,
    keyGenerator: key,
    handler: (_req, _res, next) => next(new AppError('too_many_requests')),
  });
}

const ip = (req: Request) => ipKeyGenerator(req.ip ?? '');
const ipAndEmail = (req: Request) => `${ip(req)}|${field(req.body, 'email').trim().toLowerCase()}`;

/** One set per app, so every test app (and every process) counts on its own. */
export function createRateLimits() {
  return {
    /** Five failed sign-ins per address and email in 15 minutes; the sixth gets 429. */
    signIn: limiter(15 * MINUTE, 5, ipAndEmail, true),
    secondFactor: limiter(15 * MINUTE, 5, (req) => `${ip(req)}|${req.session?.pending2fa?.userId ?? ''}`, true),
    register: limiter(60 * MINUTE, 10, ip),
    reset: limiter(60 * MINUTE, 5, ipAndEmail),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

import type { RequestHandler } from 'express';
import { checkDb, type Db } from '#platform/db/index.js';

export function healthHandler(db: Db): RequestHandler {
  return async (_req, res) => {
    const dbOk = await checkDb(db);
    res.setHeader('Cache-Control', 'no-store');
    res.status(dbOk ? 200 : 503).json({ status: dbOk ? 'ok' : 'error', db: dbOk ? 'ok' : 'error' });
  };
}

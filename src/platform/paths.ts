import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Compiled code lives in dist/src/platform; the project root is three levels up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const paths = {
  root,
  views: path.join(root, 'views'),
  public: path.join(root, 'public'),
  locales: path.join(root, 'locales'),
  migrations: path.join(root, 'dist', 'migrations'),
} as const;

// Preloaded with `--import` by test/http/lazy-modules.test.ts: writes every module the process
// loads to MODULE_RECORD_FILE, one path or URL a line. ES modules are seen by a resolve hook (in
// the loader's thread); CommonJS ones, including those required by other CommonJS code, are read
// from the require cache when the process exits.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.MODULE_RECORD_FILE;
if (file) {
  register('./module-recorder-hooks.js', { parentURL: import.meta.url, data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(file, `${Object.keys(cache).join('\n')}\n`));
}

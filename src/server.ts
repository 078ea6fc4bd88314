import { ConfigError, ensureSessionSecret, loadConfig } from '#platform/config.js';
import { createLogger } from '#platform/logger.js';
import { exitOnSignals, startApp } from '#src/start.js';

// The only file (with the CLIs) that touches the process: environment, listening, signals, exit.
try {
  const config = loadConfig(process.env);
  ensureSessionSecret(config);
  const logger = createLogger(config.logLevel);
  const running = await startApp(config, logger);
  exitOnSignals(running, logger);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Terroir could not start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
}

import type { Express } from 'express';
import type { RouteRule } from '#modules/accounts/index.js';

export interface DiscoveredRoute {
  method: string;
  path: string;
  rule: RouteRule | undefined;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { rule?: RouteRule } }[] };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

const join = (a: string, b: string) => `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`.replace(/\/+$/, '') || '/';

/** Every route the app really has, read from Express's own router stack, with its declared rule. */
export function discoverRoutes(app: Express): DiscoveredRoute[] {
  const found: DiscoveredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const rule = layer.route.stack.map((l) => l.handle.rule).find(Boolean);
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') found.push({ method: method.toUpperCase(), path: join(prefix, layer.route.path), rule });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, typeof layer.rawPath === 'string' ? join(prefix, layer.rawPath) : prefix);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

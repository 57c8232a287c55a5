/** The REST routes an Express app serves, read from its router stack (for tests that walk them all). */
import type { Express } from 'express';

/** One route: its method (upper case) and full path with `:params`. */
export interface RouteEntry {
  method: string;
  path: string;
}

interface StackLayer {
  name?: string;
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
}

/** Every `method path` of the app's routers, mounted prefixes included, in order. */
export function routeTable(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: StackLayer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: prefix + p });
          }
        }
      } else if (layer.handle?.stack) {
        // A router mounted without a path (`app.use(router)`) sits at `/`: no prefix of its own.
        const mount = layer.rawPath === '/' ? '' : (layer.rawPath ?? '');
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '');
  return out;
}

/** Where the repository and the built web apps are, from source (ts-jest, tsx) or from dist/. */
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/** The repository root (the folder with package.json). */
export const ROOT_DIR = findRoot(__dirname);
/** The Vite build of kiosk, display and counter. */
export const WEB_DIR = path.join(ROOT_DIR, 'dist', 'web');

/**
 * The Node flags `npm start` runs the server with (package.json's `start` script is their one
 * place), so a benchmark measures the server as it is deployed.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The project's package.json: from `bench/lib` (tsx) or `dist/bench/lib` (built), upwards. */
function packageFile(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) throw new Error('package.json not found above ' + __dirname);
  }
}

export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(packageFile(), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

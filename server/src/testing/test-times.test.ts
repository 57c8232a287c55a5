/**
 * The file times the test sequencer deals a clean clone by (scripts/test-times.json, see
 * scripts/jest-sequencer.js) must name this checkout's test files as the sequencer looks them up:
 * relative to the root. A table refreshed from another checkout's report once held only
 * `../../tmp/ci-clone/…` names, so every clean clone was dealt by guesses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../paths';

function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT_DIR, dir), { withFileTypes: true }).flatMap((entry) => {
    const name = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(name);
    return entry.name.endsWith('.test.ts') ? [name] : [];
  });
}

describe('the kept test times', () => {
  const kept = JSON.parse(
    fs.readFileSync(path.join(ROOT_DIR, 'scripts', 'test-times.json'), 'utf8'),
  ) as Record<string, number>;
  const files = ['server', 'db', 'e2e'].flatMap(testFiles);

  it('name test files of this checkout, relative to its root', () => {
    const unknown = Object.keys(kept).filter((name) => !files.includes(name));
    expect(unknown).toEqual([]);
  });

  it('cover most test files, the slow browser ones among them', () => {
    const timed = files.filter((name) => kept[name] !== undefined);
    expect(timed.length).toBeGreaterThan(files.length * 0.8);
    expect(kept['e2e/kiosk.test.ts']).toBeGreaterThan(0);
  });
});

/**
 * The order the test files start in. Jest's own order is the slowest first (by the last run's
 * times, else by file size); with times from an earlier run that puts every browser file (e2e/) at
 * the front, all workers in one at once, each with its own Chromium and server on a 2-core machine,
 * and the suite took 672 s instead of 588 s. Here the files are dealt to the workers as Jest will run
 * them (a file goes to the first worker free): a browser file starts only when fewer than all the
 * other workers are in one while plain files remain, so at least one worker runs plain files beside
 * the browsers. Times come from Jest's cache of the last run, else from `test-times.json` (a run's
 * own times, kept with the code so a clean clone is dealt as well as a checkout that ran before:
 * without them a clean clone's suite took 604 s where the same files took 536 s), else a file counts
 * 25 s (browser) or 4 s (plain). The suite is CPU-bound but waits too (servers starting, timers,
 * the database): three workers on two cores took 536 s where two took 639 s. Refresh the table with
 * `node scripts/test-times.js <jest --json output>`.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const BROWSER = `${path.sep}e2e${path.sep}`;
const ROOT = path.join(__dirname, '..');
const KEPT_TIMES = require('./test-times.json');

class BrowserApartSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.workers = Math.max(1, Number(options?.globalConfig?.maxWorkers) || 2);
  }

  sort(tests) {
    const seconds = (t) => {
      const timing = this._getCache(t)[t.path];
      if (timing && timing[1] > 0) return timing[1] / 1000;
      const kept = KEPT_TIMES[path.relative(ROOT, t.path).split(path.sep).join('/')];
      if (kept > 0) return kept;
      return t.path.includes(BROWSER) ? 25 : 4;
    };
    // The slowest first, by the times above.
    const slowestFirst = super.sort(tests).sort((a, b) => seconds(b) - seconds(a));
    const browser = slowestFirst.filter((t) => t.path.includes(BROWSER));
    const plain = slowestFirst.filter((t) => !t.path.includes(BROWSER));
    const workers = Array.from({ length: this.workers }, () => ({ freeAt: 0, browserUntil: 0 }));
    const order = [];
    while (browser.length || plain.length) {
      const next = workers.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
      const inBrowser = workers.filter((w) => w !== next && w.browserUntil > next.freeAt).length;
      const takePlain = (inBrowser >= this.workers - 1 && plain.length) || !browser.length;
      const test = takePlain ? plain.shift() : browser.shift();
      const took = seconds(test);
      next.browserUntil = test.path.includes(BROWSER) ? next.freeAt + took : 0;
      next.freeAt += took;
      order.push(test);
    }
    return order;
  }
}

module.exports = BrowserApartSequencer;

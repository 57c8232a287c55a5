/**
 * The order the test files start in. Jest's own order is the slowest first (by the last run's
 * times, else by file size); with times from an earlier run that puts every browser file (e2e/) at
 * the front, two at once, each with its own Chromium and server on a 2-core machine, and the suite
 * took 672 s instead of 588 s. Here the files are dealt to the two workers as Jest will run them
 * (a file goes to the first worker free): a browser file starts only when the other worker is not
 * in one while plain files remain, so a browser file mostly runs beside plain ones. Times come from
 * Jest's cache of the last run; a file it has no time for counts 25 s (browser) or 4 s (plain).
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const BROWSER = `${path.sep}e2e${path.sep}`;

class BrowserApartSequencer extends Sequencer {
  sort(tests) {
    const slowestFirst = super.sort(tests);
    const browser = slowestFirst.filter((t) => t.path.includes(BROWSER));
    const plain = slowestFirst.filter((t) => !t.path.includes(BROWSER));
    const seconds = (t) => {
      const timing = this._getCache(t)[t.path];
      if (timing && timing[1] > 0) return timing[1] / 1000;
      return t.path.includes(BROWSER) ? 25 : 4;
    };
    const workers = [
      { freeAt: 0, browserUntil: 0 },
      { freeAt: 0, browserUntil: 0 },
    ];
    const order = [];
    while (browser.length || plain.length) {
      const [next, other] =
        workers[0].freeAt <= workers[1].freeAt ? workers : [workers[1], workers[0]];
      const otherInBrowser = other.browserUntil > next.freeAt;
      const test =
        (otherInBrowser && plain.length) || !browser.length ? plain.shift() : browser.shift();
      const took = seconds(test);
      next.browserUntil = test.path.includes(BROWSER) ? next.freeAt + took : 0;
      next.freeAt += took;
      order.push(test);
    }
    return order;
  }
}

module.exports = BrowserApartSequencer;

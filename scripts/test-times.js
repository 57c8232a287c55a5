#!/usr/bin/env node
// Writes scripts/test-times.json from a Jest JSON report (`npx jest --json --outputFile=F`): each
// test file's seconds, for the sequencer's order on a clean clone (scripts/jest-sequencer.js). The
// report may come from another checkout (CI's clean clone): names are taken relative to the report's
// own root, the directory all its files share, not this checkout's (the table once held only
// `../../tmp/ci-clone/…` names, which no clone ever matched).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const names = report.testResults.map((s) => path.dirname(s.name).split(path.sep));
const shared = names.reduce((common, dirs) => {
  const differs = common.findIndex((part, i) => dirs[i] !== part);
  return differs === -1 ? common : common.slice(0, differs);
});
const root = shared.join(path.sep) || path.sep;
const times = {};
for (const file of report.testResults.map((s) => s).sort((a, b) => a.name.localeCompare(b.name))) {
  const name = path.relative(root, file.name).split(path.sep).join('/');
  times[name] = Math.round((file.endTime - file.startTime) / 100) / 10;
}
fs.writeFileSync(path.join(__dirname, 'test-times.json'), `${JSON.stringify(times, null, 1)}\n`);
console.log(`${Object.keys(times).length} files`);

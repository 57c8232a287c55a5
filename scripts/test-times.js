#!/usr/bin/env node
// Writes scripts/test-times.json from a Jest JSON report (`npx jest --json --outputFile=F`): each
// test file's seconds, for the sequencer's order on a clean clone (scripts/jest-sequencer.js).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const times = {};
for (const file of report.testResults.map((s) => s).sort((a, b) => a.name.localeCompare(b.name))) {
  const name = path.relative(root, file.name).split(path.sep).join('/');
  times[name] = Math.round((file.endTime - file.startTime) / 100) / 10;
}
fs.writeFileSync(path.join(__dirname, 'test-times.json'), `${JSON.stringify(times, null, 1)}\n`);
console.log(`${Object.keys(times).length} files`);

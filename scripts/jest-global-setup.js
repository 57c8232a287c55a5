// `npm test` builds what the browser and process tests need (server JS, web apps) when it is stale.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, 'ensure-built.js')], { stdio: 'inherit' });
};

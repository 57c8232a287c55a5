#!/usr/bin/env node
// Builds the server and the web apps when their output is missing or older than the sources,
// so `npm install && npm start` works on a fresh clone.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

function newest(dirs, exts) {
  let latest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (path.basename(p) === 'node_modules' || path.basename(p) === 'dist') return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else if (exts.some((e) => p.endsWith(e))) {
      latest = Math.max(latest, st.mtimeMs);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return latest;
}

function mtime(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
}

function run(cmd) {
  process.stdout.write(`> ${cmd}\n`);
  execSync(cmd, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

const serverOut = 'dist/server/src/main.js';
if (mtime(serverOut) < newest(['server', 'db', 'bench'], ['.ts']))
  run('npx tsc -p tsconfig.build.json');

const webOut = 'dist/web/kiosk/index.html';
const webSources = newest(
  ['book', 'kiosk', 'display', 'counter', 'ui', 'server/protocol'],
  ['.ts', '.html', '.css', '.svg', '.ogg', '.opus'],
);
if (mtime(webOut) < Math.max(webSources, mtime('vite.config.mts'))) run('npx vite build');

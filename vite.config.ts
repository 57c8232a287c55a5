/** Builds the three front ends (kiosk with its ticket and paper pages, display, counter) into dist/web, which the server serves at `/`. */
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const config: UserConfig = {
  base: '/',
  root: __dirname,
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // Kiosks, displays and consoles run current Chromium-based browsers.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        kiosk: resolve(__dirname, 'kiosk/index.html'),
        // The public ticket page (`/t/:id`, the printed QR's target) and the virtual printer's paper.
        ticket: resolve(__dirname, 'kiosk/ticket.html'),
        printer: resolve(__dirname, 'kiosk/printer.html'),
        display: resolve(__dirname, 'display/index.html'),
        counter: resolve(__dirname, 'counter/index.html'),
        admin: resolve(__dirname, 'counter/admin/index.html'),
      },
      output: {
        // Two stable shared chunks (libraries; our shared ui/) instead of names picked by chance.
        codeSplitting: {
          groups: [
            // The charts are for the admin pages only: kept out of the chunk every page loads.
            { name: 'charts', test: /[\\/]node_modules[\\/](chart\.js|@kurkle)[\\/]/, priority: 1 },
            { name: 'vendor', test: /node_modules/ },
            { name: 'ui', test: /[\\/](ui|server[\\/]protocol)[\\/]/ },
          ],
        },
      },
    },
  },
  // `npx vite` serves the apps with hot reload against a server running on :8080.
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
};

export default defineConfig(({ command }) => {
  // `npm test` runs with NODE_ENV=test, which would ship Lit's development build: a build is a
  // production build whoever starts it.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});

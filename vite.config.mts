/** Builds the three front ends (kiosk with its ticket and paper pages, display, counter) into dist/web, which the server serves at `/`. */
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const config: UserConfig = {
  base: '/',
  root: import.meta.dirname,
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
        kiosk: resolve(import.meta.dirname, 'kiosk/index.html'),
        // The public ticket page (`/t/:id`, the printed QR's target) and the virtual printer's paper.
        ticket: resolve(import.meta.dirname, 'kiosk/ticket.html'),
        printer: resolve(import.meta.dirname, 'kiosk/printer.html'),
        display: resolve(import.meta.dirname, 'display/index.html'),
        counter: resolve(import.meta.dirname, 'counter/index.html'),
        admin: resolve(import.meta.dirname, 'counter/admin/index.html'),
        // The public booking page (phones on 2G): Lit and its own words only.
        book: resolve(import.meta.dirname, 'book/index.html'),
        // The public remote-join page: the booking page's parts, today's ticket from the phone.
        join: resolve(import.meta.dirname, 'join/index.html'),
      },
      output: {
        // Stable shared chunks instead of names picked by chance. The highest priority wins: without
        // the explicit groups, rolldown pulls a shared module into whichever group imports it first.
        codeSplitting: {
          groups: [
            // The shared layer, with the protocol's plain constants (the case rules import them too).
            {
              name: 'ui',
              test: /[\\/]ui[\\/](?!i18n[\\/]staff\.)|server[\\/]protocol[\\/](constants|events|opening-hours|zoned-time|wait-wording|closed-reason|second-language)\./,
              priority: 3,
            },
            // zod and the schemas and case rules: the console's only, kiosk and display never load them.
            {
              name: 'cases',
              test: /node_modules[\\/]zod[\\/]|server[\\/]protocol[\\/]/,
              priority: 2,
            },
            // The staff's words (console and administration): their pages' only, out of the kiosk's budget.
            {
              name: 'staff-words',
              // (The parts alone: ui/i18n/staff.ts, which adds them, goes with the staff's entries.)
              test: /[\\/]ui[\\/]i18n[\\/][a-z]{2}[\\/](counter|admin|admin-forms)\./,
              priority: 6,
            },
            // The voice (clip names and the Web Audio player): the display's and the kiosk's only.
            { name: 'voice', test: /[\\/]ui[\\/]voice-/, priority: 5 },
            // The QR encoder only the kiosk draws with stays out of the other pages' vendor chunk.
            { name: 'qr', test: /node_modules[\\/](qrcode|dijkstrajs)[\\/]/, priority: 5 },
            // The charts are for the admin pages only: kept out of the chunk every page loads.
            { name: 'charts', test: /[\\/]node_modules[\\/](chart\.js|@kurkle)[\\/]/, priority: 5 },
            // Lit and the socket client, which every page loads.
            { name: 'vendor', test: /node_modules[\\/](?!zod[\\/])/, priority: 4 },
          ],
        },
      },
    },
  },
  // `npx vite` serves the apps with hot reload against a server running on :8080.
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      // The hall display's voice clips are served by the server (VOICE_DIR or display/voice).
      '/display/voice': 'http://localhost:8080',
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

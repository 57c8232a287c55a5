/**
 * The pages a node serves besides its API: the built kiosk, display and counter apps (with their bare
 * paths redirected), the public ticket page behind the printed QR, `/admin` (inside the counter
 * app), and the hall display's voice clips.
 */
import path from 'node:path';
import fs from 'node:fs';
import express from 'express';
import { ROOT_DIR } from '../paths';
import { AppError } from '../errors';

/** The administration pages live inside the counter app's folder. */
export function mountAdminRedirect(app: express.Express): void {
  app.get(['/admin', '/admin/'], (req, res) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    res.redirect(302, `/counter/admin/${query}`);
  });
}

/**
 * The hall display's voice clips at `/display/voice/`: an office's recordings (VOICE_DIR) first, each
 * file missing there taken from the pack shipped in display/voice.
 */
export function mountVoicePacks(app: express.Express, overrideDir: string | undefined): void {
  const shipped = path.join(ROOT_DIR, 'display', 'voice');
  const dirs = overrideDir === undefined ? [shipped] : [overrideDir, shipped];
  for (const dir of dirs) {
    app.use(
      '/display/voice',
      express.static(dir, {
        index: false,
        // An office may swap its recordings at any time: browsers revalidate (ETag) on each load.
        setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
      }),
    );
  }
}

/** Serves the built kiosk, display and counter apps; `/kiosk` → `/kiosk/`. */
export function mountWebApps(app: express.Express, webDir: string): void {
  for (const page of ['kiosk', 'display', 'counter']) {
    app.get(`/${page}`, (req, res, next) => {
      // Express matches `/kiosk/` here too (non-strict routing): only the bare path redirects.
      if (req.path.endsWith('/')) {
        next();
        return;
      }
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.redirect(301, `/${page}/${query}`);
    });
  }
  // The public ticket page (the printed QR's target) is the kiosk app's ticket.html.
  app.get('/t/:id', (_req, res, next) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(webDir, 'kiosk', 'ticket.html'), (err) => {
      if (err) next(new AppError('not_found', 'the ticket page is not built'));
    });
  });
  app.get('/', (_req, res) => {
    res.redirect(302, '/kiosk/?office=kulob&kiosk=K1');
  });
  if (!fs.existsSync(path.join(webDir, 'kiosk', 'index.html'))) {
    app.use(['/kiosk', '/display', '/counter'], (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The web apps are not built yet: run `npm run build`.');
    });
    return;
  }
  app.use(
    express.static(webDir, {
      index: 'index.html',
      setHeaders(res, file) {
        // Hashed assets never change; pages must always be fresh.
        res.setHeader(
          'Cache-Control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
}

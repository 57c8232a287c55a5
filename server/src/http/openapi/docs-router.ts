/**
 * The API reference: `GET /api/openapi.json` (generated once per process) and the Swagger UI page
 * at `/api/docs`, its assets served from the swagger-ui-dist package (no CDN; CSP `script-src 'self'`).
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { Endpoints } from '../../../protocol/endpoints';
import { ROOT_DIR } from '../../paths';
import { openApiDocument } from './document';

const ASSETS = path.dirname(require.resolve('swagger-ui-dist/package.json'));
// Only what the page loads (the package also holds a demo page and source maps).
const ASSET_FILES = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Navbat API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" href="/api/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="${Endpoints.docsScript.path}"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(Endpoints.openapi.path)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  docExpansion: 'none',
  defaultModelsExpandDepth: 0,
  validatorUrl: null,
});
`;

export function docsRouter(): Router {
  const r = Router();
  let body: string | undefined;
  r.get(Endpoints.openapi.path, (_req, res) => {
    body ??= JSON.stringify(openApiDocument(packageVersion()));
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(body);
  });
  r.get(Endpoints.docs.path, (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('text/html').send(PAGE);
  });
  r.get(Endpoints.docsScript.path, (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('text/javascript').send(INIT);
  });
  const assets = express.static(ASSETS, {
    index: false,
    setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=86400'),
  });
  r.use(Endpoints.docs.path, (req, res, next) => {
    if (ASSET_FILES.has(req.path)) assets(req, res, next);
    else next();
  });
  return r;
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

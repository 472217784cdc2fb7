/**
 * Third-party browser files the console uses, served from the app's own node_modules (no CDN: the console works
 * offline and the CSP allows scripts from 'self' only). Each file is named here; nothing else in node_modules is
 * reachable. Versions are pinned exactly in package.json.
 *
 *   chart.js (4.x, MIT) — the report page's charts, drawn on <canvas>. Its UMD build is used because the ES build
 *   imports '@kurkle/color' by a bare name (an import map would be an inline script, which the CSP forbids);
 *   loaded as a module it sets `globalThis.Chart`. It needs no eval and sets styles only through the CSSOM.
 */
import path from 'node:path';
import express, { type Router } from 'express';

const chartDist = path.dirname(require.resolve('chart.js'));

const FILES: Record<string, string> = {
  'chart.umd.min.js': path.join(chartDist, 'chart.umd.min.js'),
  'chart.umd.min.js.map': path.join(chartDist, 'chart.umd.min.js.map'),
};

/** Mount at `/admin/static/vendor`. */
export function serveVendorFiles(): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(FILES)) {
    router.get(`/${name}`, (_req, res, next) => {
      // Revalidated on every load like the console's own modules (ETag, 304): an upgrade is picked up at once.
      res.sendFile(file, { cacheControl: false, headers: { 'cache-control': 'no-cache' } }, (err) => err && next(err));
    });
  }
  return router;
}

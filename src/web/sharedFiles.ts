/**
 * Browser code shared by our pages (today the DOM helper of the staff console and the simulator), kept in one
 * folder, `src/web/public/`, and served by each page's own router under its static path (`…/static/shared/`), so
 * each page keeps its own security headers and a module imports it by a relative path (`../shared/dom.js`).
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** The shared files' folder (next to this file in the sources; in a build, back in the sources). */
export function sharedFilesDir(): string {
  const candidates = [
    path.join(__dirname, 'public'),
    path.resolve(__dirname, '../../../src/web/public'),
    path.resolve(process.cwd(), 'src/web/public'),
  ];
  return candidates.find((p) => fs.existsSync(path.join(p, 'dom.js'))) ?? candidates[0]!;
}

/** Serves the shared files; mount it at `<page>/static/shared`. */
export function serveSharedFiles(options: Parameters<typeof express.static>[1] = {}): RequestHandler {
  return express.static(sharedFilesDir(), { index: false, ...options });
}

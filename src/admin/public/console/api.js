/*
 * The console's only way to the server: JSON calls to /admin/api with the session cookie, the CSRF token on
 * every change, and errors as ApiError (status + the server's Thai message). A 401 (session over) calls the
 * handler main.js sets, which shows the login form.
 */
import { session } from './state.js';

export const API = '/admin/api';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || 'เกิดข้อผิดพลาด (' + status + ')');
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => undefined;
/** What to do when the server says the session is over (any call but the login itself). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export async function api(method, path, body) {
  const init = { method, headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') {
    init.headers['content-type'] = 'application/json';
    init.headers['x-csrf-token'] = session.csrf;
    init.body = JSON.stringify(body || {});
  }
  const res = await fetch(API + path, init);
  let data = null;
  if (res.status !== 204) {
    try {
      data = await res.json();
    } catch (_) {
      data = null;
    }
  }
  if (res.status === 401 && path !== '/login') {
    onUnauthorized();
    throw new ApiError(401, data);
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

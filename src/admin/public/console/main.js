/*
 * Staff console of the Chae Son Social Assistance Centre: a small single-page app of plain ES modules (no build
 * step, no CDN, only 'self' scripts under the CSP). This module starts it: the route table (one module per page
 * in pages/), the login form when there is no session, the menu before each page. All text from the server is
 * put in the page as text, never as HTML (shared/dom.js); changes send the session's CSRF token (api.js).
 */
import { setUnauthorizedHandler, API } from './api.js';
import { startRouter, navigate, render } from './router.js';
import { showLogin, signedIn, sessionEnded } from './login.js';
import { renderNav } from './nav.js';
import { pageToday } from './pages/today.js';
import { pageAlerts } from './pages/alerts.js';
import { pageRequests } from './pages/requests.js';
import { pageRequest } from './pages/request.js';
import { pageChats } from './pages/chats.js';
import { pageChat } from './pages/chat.js';
import { pageBookings } from './pages/bookings.js';
import { pageSettings } from './pages/settings.js';
import { pageUsers } from './pages/users.js';
import { pageReport } from './pages/report.js';

const routes = [
  [/^\/admin\/?$/, pageToday],
  [/^\/admin\/login$/, () => navigate('/admin', true)],
  [/^\/admin\/alerts\/?$/, pageAlerts],
  [/^\/admin\/requests\/?$/, pageRequests],
  [/^\/admin\/requests\/([^/]+)$/, pageRequest],
  [/^\/admin\/chats\/?$/, pageChats],
  [/^\/admin\/chats\/([^/]+)$/, pageChat],
  [/^\/admin\/bookings\/?$/, pageBookings],
  [/^\/admin\/settings\/?$/, pageSettings],
  [/^\/admin\/users\/?$/, pageUsers],
  [/^\/admin\/reports\/?$/, pageReport],
];

setUnauthorizedHandler(sessionEnded);
startRouter({ routes, signedOut: showLogin, beforePage: renderNav });

try {
  const me = await fetch(API + '/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (me.ok) await signedIn(await me.json());
} catch (_) {
  /* offline: show login */
}
render();

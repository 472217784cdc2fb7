/*
 * Who is signed in to the console (user, CSRF token, permissions) and the server's lists (statuses, categories,
 * villages, slot times): one object every module reads, filled at login and emptied at logout.
 */

export const session = { user: null, csrf: '', permissions: [], meta: null };

/** The signed-in user has this permission (e.g. 'chats:reply'). */
export const can = (permission) => session.permissions.includes(permission);

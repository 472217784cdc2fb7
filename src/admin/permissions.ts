/**
 * Who may do what, in one table. Every `/admin/api` route names one permission (see `api.ts`); the role of the
 * logged-in person either has it (go on) or not (403).
 *
 * The volunteer (อพม.) has a narrower view: the requests assigned to them or from their villages, without the
 * conversation transcript, with national IDs always masked and phone numbers only for requests assigned to them;
 * they may add internal notes but do not change statuses, answer citizens, see bookings or export.
 */
import type { StaffRole } from '../db/models/staffUser';

export const PERMISSIONS = {
  /** See the request list and a request's page (volunteers: only their own area / assignments). */
  'requests:read': ['admin', 'staff', 'volunteer'],
  /** See every request, not only one's own area. */
  'requests:readAll': ['admin', 'staff'],
  /** Change a request's status, assign it. */
  'requests:update': ['admin', 'staff'],
  /** Add internal notes. */
  'requests:note': ['admin', 'staff', 'volunteer'],
  /** CSV export of requests. */
  'requests:export': ['admin', 'staff'],
  /** Read the full national ID (otherwise masked). */
  'pii:nationalId': ['admin', 'staff'],
  /** Read phone numbers of any request (volunteers: only of requests assigned to them). */
  'pii:phone': ['admin', 'staff'],
  /** Read citizens' conversations (transcripts, photos), see open handoffs. */
  'chats:read': ['admin', 'staff'],
  /** Answer citizens, close handoffs. */
  'chats:reply': ['admin', 'staff'],
  'bookings:read': ['admin', 'staff'],
  'bookings:update': ['admin', 'staff'],
  /** CSV export of bookings. */
  'bookings:export': ['admin', 'staff'],
  /** See slots, capacity, holidays. */
  'settings:read': ['admin', 'staff'],
  /** Change slots, capacity, holidays. */
  'settings:write': ['admin'],
  /** Create and change staff accounts. */
  'users:manage': ['admin'],
  /** List staff (for assigning requests). */
  'users:list': ['admin', 'staff'],
  'audit:read': ['admin'],
  /** The monthly report (counts and times, no personal data; volunteers see only their own area, so not this). */
  'reports:read': ['admin', 'staff'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/** Every permission a role has (sent to the console so it shows only what works). */
export function permissionsOf(role: StaffRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/** The logged-in person, as the API sees them. */
export interface StaffPrincipal {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  villages: string[];
}

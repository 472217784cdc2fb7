/** Bookings by day (filled in once the booking model lands). */
import type { RouteDef } from '../api';
import type { StaffDeps } from '../deps';

export function bookingRoutes(_deps: StaffDeps): RouteDef[] {
  return [];
}

/**
 * Bookings by day for the console. (Filled in once the booking model lands; until then no bookings.)
 */
export interface BookingItem {
  id: string;
  reference: string;
  date: string;
  time: string;
  status: string;
}

export async function bookingsOfDay(_date: string): Promise<BookingItem[]> {
  return [];
}

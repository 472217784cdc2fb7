/**
 * The calendar data in force — slots and capacity, office hours, holidays, villages — as staff edited it in
 * the console (one `Setting` document), else the data files. Read per event with a short cache, so an edit made
 * on any instance is in force everywhere within a couple of seconds; nothing global is swapped: the event is
 * handled inside `withCalendar` (src/domain/data).
 */
import { z } from 'zod';
import { getSetting } from '../db/models/setting';
import { parseDomainData, withDomainData, type DomainData } from '../domain/data';
import type { Logger } from '../log';

export { withDomainData as withCalendar } from '../domain/data';

export const CALENDAR_SETTING = 'calendar';

export interface CalendarProvider {
  /** The edited data, or undefined for the data files. */
  current(): Promise<DomainData | undefined>;
  /** Drops the cache (after this instance stored an edit). */
  forget(): void;
}

/** How long one read serves further events. */
const CACHE_MS = 2_000;

/** The calendar stored by the console, validated; a stored version that no longer validates is logged and the files are used. */
export function storedCalendar(log: Logger, cacheMs = CACHE_MS): CalendarProvider {
  let cached: { at: number; version?: number; data?: DomainData } | undefined;
  return {
    async current() {
      if (cached && Date.now() - cached.at < cacheMs) return cached.data;
      const s = await getSetting<{ centre?: unknown; holidays?: unknown }>(CALENDAR_SETTING);
      const version = s?.updatedAt.getTime();
      if (cached && cached.version === version) {
        cached.at = Date.now();
        return cached.data;
      }
      let data: DomainData | undefined;
      if (s) {
        try {
          data = parseDomainData({ centre: s.value.centre, holidays: s.value.holidays });
        } catch (err) {
          log.error(
            { err: err instanceof z.ZodError ? err.issues.slice(0, 5) : String(err) },
            'stored calendar settings are invalid; using the data files',
          );
        }
      }
      cached = { at: Date.now(), version, data };
      return data;
    },
    forget() {
      cached = undefined;
    },
  };
}

/** Runs `fn` with the provider's current data in force. */
export async function inCalendar<T>(calendar: CalendarProvider, fn: () => Promise<T>): Promise<T> {
  return withDomainData(await calendar.current(), fn);
}

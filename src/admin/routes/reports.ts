/** The monthly report (figures for the provincial office) as JSON for the console page, and as CSV. */
import { z } from 'zod';
import { route, type RouteDef } from '../api';
import type { StaffDeps } from '../deps';
import { HttpError } from '../httpError';
import { toCsv } from '../csv';
import { MONTH_RE, currentMonth, monthlyReport, previousMonth, reportRows } from '../report';

const monthQuery = z.object({ month: z.string().regex(MONTH_RE, 'YYYY-MM').optional() }).strict();

/** The month asked for (default: the previous Bangkok month); a month after the current one is refused. */
function chosenMonth(month: string | undefined, now: Date): string {
  const m = month ?? previousMonth(now);
  if (m > currentMonth(now)) throw new HttpError(400, 'future_month', 'เดือนนี้ยังมาไม่ถึง');
  if (m < '2000-01') throw new HttpError(400, 'invalid_input', 'เดือนไม่ถูกต้อง');
  return m;
}

export function reportRoutes(_deps: StaffDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/reports/monthly',
      allow: 'reports:read',
      query: monthQuery,
      async handle({ query, audit }) {
        const now = new Date();
        const month = chosenMonth(query.month, now);
        await audit({ action: 'view_report', targetKind: 'report', targetId: `monthly:${month}` });
        return monthlyReport(month, now);
      },
    }),
    route({
      method: 'get',
      path: '/reports/monthly.csv',
      allow: 'reports:read',
      query: monthQuery,
      async handle({ query, res, audit }) {
        const now = new Date();
        const month = chosenMonth(query.month, now);
        await audit({ action: 'export_csv', targetKind: 'report', targetId: `monthly:${month}` });
        const [header, ...rows] = reportRows(await monthlyReport(month, now));
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="report-${month}.csv"`);
        res.setHeader('cache-control', 'no-store');
        res.send(toCsv(header as string[], rows));
        return undefined;
      },
    }),
  ];
}

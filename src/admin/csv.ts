/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Thai shows correctly when the file is opened by double
 * click), CRLF line ends, fields quoted when needed, and cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) prefixed with an apostrophe.
 */
import { formatNationalId } from '../domain/thai/nationalId';

export const BOM = '\uFEFF';

/**
 * A national ID as spreadsheets keep it: 13 digits are written in the card's grouping, 1-1017-00203-45-0, which
 * Excel, LibreOffice Calc and Google Sheets all read as text (a bare 13-digit number is shown as 1.1017E+12; ="…"
 * stays as typed in LibreOffice when it does not evaluate formulas on import; a leading tab stays in the cell). Anything else (a masked ID, empty) is returned as it is.
 */
export function nationalIdText(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{13}$/.test(value) ? formatNationalId(value) : value;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

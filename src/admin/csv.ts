/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Thai shows correctly when the file is opened by double
 * click), CRLF line ends, fields quoted when needed, and cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) prefixed with an apostrophe.
 */
export const BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** An error the staff API answers with its status and a short code (plus a Thai message for the console). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = 'ไม่พบข้อมูล') => new HttpError(404, 'not_found', what);
export const forbidden = (why = 'ไม่มีสิทธิ์ทำรายการนี้') => new HttpError(403, 'forbidden', why);
export const conflict = (code: string, why: string) => new HttpError(409, code, why);

/** The stages a help request goes through, as staff set them and citizens read them (`status.*` in locales/). */
import type { MessageKey } from '../i18n';

export const REQUEST_STATUSES = ['received', 'in_progress', 'visit_scheduled', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const isRequestStatus = (v: unknown): v is RequestStatus => REQUEST_STATUSES.some((s) => s === v);
/** The label of a status read back from storage (an unknown value reads as received). */
export const statusLabel = (s: unknown): MessageKey => `status.${isRequestStatus(s) ? s : 'received'}`;

/**
 * The pure domain layer: Thai text parsing and formatting, the centre's calendar and booking slots,
 * reference numbers, eligibility rules, LINE limits. No I/O; no user-facing sentences (those are in
 * locales/). Import from here or from the individual modules.
 */
export * from './locale';
export * from './bangkokTime';
export * from './thai/digits';
export * from './thai/nationalId';
export * from './thai/phone';
export * from './thai/numberWords';
export * from './thai/calendarNames';
export * from './thai/dates';
export * from './thai/dateParsing';
export * from './thai/timeParsing';
export * from './thai/ageParsing';
export * from './data';
export * from './calendar/businessDays';
export * from './calendar/officeHours';
export * from './calendar/slots';
export * from './reference';
export * from './eligibility/questions';
export * from './eligibility/types';
export * from './eligibility/evaluate';
export * from './data/benefits';
export * from './lineLimits';

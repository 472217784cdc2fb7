/**
 * The shared vocabulary: ids (help categories, relations, who, urgency, benefits) and word lists (global words,
 * answer words) that the NLU, the flows, the step options and the staff side all use. See README.md.
 */
export * from './people';
export * from './categories';
export * from './benefits';
export * from './words';
export * from './statuses';

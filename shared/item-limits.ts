// Limits of an item, free of imports so the smallest scripts (the page-side hook's adapters) can use them.

/** Longest text an item may carry; longer posts are cut by the adapters, longer wire texts refused. */
export const MAX_TEXT_LENGTH = 40_000;

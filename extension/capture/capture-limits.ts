// Constants the page-side hook needs, kept free of imports so the MAIN-world script stays small.

/** Responses above this size are skipped (and counted) rather than copied. */
export const MAX_CAPTURED_BODY_CHARS = 8_000_000;

export const PAGE_MESSAGE_SOURCE = "tributary-capture";

/** Tag of the isolated world's messages to the hook. */
export const CONTROL_MESSAGE_SOURCE = "tributary-control";

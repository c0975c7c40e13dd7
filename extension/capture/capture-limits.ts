// Constants the page-side hook needs, kept free of imports so the MAIN-world script stays small.

/** Responses above this size are skipped (and counted) rather than copied. */
export const MAX_CAPTURED_BODY_CHARS = 8_000_000;

/**
 * The event the page-side hook hands its items over with: dispatched on the window, so the isolated world's listener
 * runs at once (also while the page is going away), its detail one JSON text (a string crosses worlds as it is).
 */
export const PAGE_CAPTURE_EVENT = "tributary-captured";
/** The longest event text read (a batch of up to 5,000 items). */
export const MAX_PAGE_EVENT_CHARS = 64_000_000;

/**
 * The isolated world turns the hook's copying on and off with these bare events (no data): the hook never has to read
 * a message's data to find them, which would copy every captured body once more into the page's world.
 */
export const CAPTURE_ON_EVENT = "tributary-capture-on";
export const CAPTURE_OFF_EVENT = "tributary-capture-off";

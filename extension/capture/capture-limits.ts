// Constants the page-side hook needs, kept free of imports so the MAIN-world script stays small.

/** Responses above this size are skipped (and counted) rather than copied. */
export const MAX_CAPTURED_BODY_CHARS = 8_000_000;

export const PAGE_MESSAGE_SOURCE = "tributary-capture";

/**
 * The isolated world turns the hook's copying on and off with these bare events (no data): the hook never has to read
 * a message's data to find them, which would copy every captured body once more into the page's world.
 */
export const CAPTURE_ON_EVENT = "tributary-capture-on";
export const CAPTURE_OFF_EVENT = "tributary-capture-off";

// Where an item stands: captured and waiting for the user, decided, or on its way to the server.
export const ITEM_STATUSES = ["pending", "approved", "rejected", "queued", "uploaded", "refused"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

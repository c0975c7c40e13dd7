// A fresh device database per test, on fake-indexeddb (the same Dexie code the extension runs).
import "fake-indexeddb/auto";
import { expect } from "vitest";
import { openTributaryDatabase, type StoredItem, type TributaryDatabase } from "../../extension/storage/database";
import { withContents } from "../../extension/storage/item-parts";

let counter = 0;
export function freshDeviceDatabase(): TributaryDatabase {
  counter++;
  return openTributaryDatabase(`tributary-test-${process.pid}-${counter}-${Date.now()}`);
}

/** Every item on the device, its record and content read together; also checks no content is left without a record. */
export async function itemsOn(db: TributaryDatabase): Promise<StoredItem[]> {
  const records = await db.items.toArray();
  expect(await db.contents.count()).toBe(records.length);
  const items = await withContents(db, records);
  expect(items.every((item) => item !== undefined)).toBe(true);
  return items as StoredItem[];
}

// A fresh device database per test, on fake-indexeddb (the same Dexie code the extension runs).
import "fake-indexeddb/auto";
import { openTributaryDatabase, type TributaryDatabase } from "../../extension/storage/database";

let counter = 0;
export function freshDeviceDatabase(): TributaryDatabase {
  counter++;
  return openTributaryDatabase(`tributary-test-${process.pid}-${counter}-${Date.now()}`);
}

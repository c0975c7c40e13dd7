// Runs a task while holding a named lock across every context of the extension (Web Locks API),
// so two pages or a page and the worker never run the same queue at once.
export async function exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  // Outside a browser (unit tests on Node 22) there is a single context: nothing to exclude.
  if (!locks) return task();
  return locks.request(name, task);
}

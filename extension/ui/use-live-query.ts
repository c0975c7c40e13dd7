// Preact binding for Dexie's liveQuery: re-renders when the queried rows change, in any extension context.
import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";

export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => setValue(undefined) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}

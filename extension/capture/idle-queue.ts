// Runs capture work when the page is idle, one task per idle slot, so copying and parsing never delay the page's own
// code; a timeout makes sure the work still happens on a page that is never idle.
type IdleWindow = Window & typeof globalThis;

export function createIdleQueue(win: IdleWindow, timeoutMs = 2000): (task: () => void) => void {
  const tasks: (() => void)[] = [];
  let scheduled = false;
  const schedule = (run: () => void) => {
    if (typeof win.requestIdleCallback === "function") win.requestIdleCallback(run, { timeout: timeoutMs });
    else win.setTimeout(run, 0);
  };
  const drain = () => {
    scheduled = false;
    const task = tasks.shift();
    try {
      task?.();
    } catch {
      // A failing task never stops the ones behind it.
    }
    if (tasks.length > 0) {
      scheduled = true;
      schedule(drain);
    }
  };
  return (task) => {
    tasks.push(task);
    if (!scheduled) {
      scheduled = true;
      schedule(drain);
    }
  };
}

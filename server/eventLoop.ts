/**
 * Lets waiting requests run before a long synchronous stretch goes on (parsing, encrypting,
 * writing a workbook): `/health` and every other request must not wait behind one caller's loop.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rows handled between two yields: a few ms of work on the slowest loops (at 250, /health p99 was 50 ms while exports, the dashboard and the roll-up looped; at 100, 28 ms). */
export const ROWS_BETWEEN_YIELDS = 100;

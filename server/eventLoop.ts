/**
 * Lets waiting requests run before a long synchronous stretch goes on (parsing, encrypting,
 * writing a workbook): `/health` and every other request must not wait behind one caller's loop.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Rows handled between two yields: about 10 ms of work on this machine's slowest loops. */
export const ROWS_BETWEEN_YIELDS = 250;

/**
 * Lets waiting requests run before a long synchronous stretch goes on (parsing, encrypting,
 * writing a workbook): `/health` and every other request must not wait behind one caller's loop.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** How long a long loop runs before it lets other requests in: well under /health's 50 ms target, and hundreds of times a yield's cost. */
const TURN_MS = 8;

/**
 * A long loop's turns: `due()` once the loop has run TURN_MS since it last let others in, then
 * `take()`. Counted in time, not rows: the same hundred rows took 30–60 ms in a process that had just
 * started (its code not yet compiled) against a few ms later, and a slower machine stretches them too.
 */
export class Turns {
  #since = performance.now();

  due(): boolean {
    return performance.now() - this.#since >= TURN_MS;
  }

  async take(): Promise<void> {
    await yieldToEventLoop();
    this.#since = performance.now();
  }
}

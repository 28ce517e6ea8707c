import { describe, expect, it } from 'vitest';
import { Turns } from './eventLoop';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // synchronous work, as a row's checks and encryption are
  }
}

/** Pings the event loop from timers while `loop` runs: the longest wait a request would have had. */
async function longestWait(loop: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const ping = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(ping, 0);
  };
  setTimeout(ping, 0);
  await loop();
  running = false;
  // the ping already waiting fires first: it counts the loop's last stretch
  await new Promise((resolve) => setTimeout(resolve, 0));
  return longest;
}

describe('a long loop taking turns', () => {
  it('lets a waiting timer in every few milliseconds of its own work, and still does all of it', async () => {
    let done = 0;
    const wait = await longestWait(async () => {
      const turns = new Turns();
      for (let i = 0; i < 60; i++) {
        if (turns.due()) await turns.take();
        busy(2);
        done++;
      }
    });
    expect(done).toBe(60);
    // 120 ms of work; without turns the timer waits for all of it. /health's target is 50 ms.
    expect(wait).toBeLessThan(50);
  });

  it('the same loop without turns holds the timer for the whole stretch', async () => {
    const wait = await longestWait(async () => {
      for (let i = 0; i < 60; i++) busy(2);
    });
    expect(wait).toBeGreaterThanOrEqual(100);
  });

  it('does not pause a loop that is quick', async () => {
    const turns = new Turns();
    let pauses = 0;
    for (let i = 0; i < 1000; i++) {
      if (turns.due()) {
        pauses++;
        await turns.take();
      }
    }
    expect(pauses).toBe(0);
  });
});

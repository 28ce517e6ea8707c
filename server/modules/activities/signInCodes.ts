import { createHmac, hkdfSync } from 'node:crypto';

// Rotating sign-in codes, derived (not stored) from the secret key, so any app process can check
// them. A code is valid in its 30-second window and the next one: a screenshot forwarded later fails.

export const WINDOW_SECONDS = 30;

// derived once per key: every sign-in checks a code, and hkdf showed in the sign-in profile
const keys = new Map<string, Buffer>();
function keyOf(secretKey: string): Buffer {
  let key = keys.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey), 'gongjian', 'sign-in-codes', 32));
    keys.set(secretKey, key);
  }
  return key;
}

function windowAt(ms: number): number {
  return Math.floor(ms / 1000 / WINDOW_SECONDS);
}

function codesFor(key: Buffer, activityId: string, window: number) {
  const mac = createHmac('sha256', key).update(`${activityId}:${window}`).digest();
  return {
    /** carried in the QR code's link */
    token: mac.subarray(0, 12).toString('base64url'),
    /** typed by hand */
    digits: String(mac.readUInt32BE(12) % 1_000_000).padStart(6, '0'),
  };
}

export function currentCode(secretKey: string, activityId: string, nowMs = Date.now()) {
  const window = windowAt(nowMs);
  const { token, digits } = codesFor(keyOf(secretKey), activityId, window);
  return { token, digits, expiresAt: new Date((window + 1) * WINDOW_SECONDS * 1000).toISOString() };
}

export function checkCode(secretKey: string, activityId: string, code: string, nowMs = Date.now()): boolean {
  const key = keyOf(secretKey);
  const window = windowAt(nowMs);
  return [window, window - 1].some((w) => {
    const c = codesFor(key, activityId, w);
    return code === c.token || code === c.digits;
  });
}

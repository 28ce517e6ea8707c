import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';

/** Field encryption for ID-card and phone numbers: AES-256-GCM, with an HMAC blind index for lookups. */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(plain: string): string;
}

export function fieldCrypto(secretKey: string): FieldCrypto {
  const master = Buffer.from(secretKey, 'utf8');
  // a KeyObject, so that a page of fifty members does not import the raw key a hundred times
  const encKey = createSecretKey(Buffer.from(hkdfSync('sha256', master, 'gongjian', 'field-encryption', 32)));
  const macKey = Buffer.from(hkdfSync('sha256', master, 'gongjian', 'blind-index', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable encrypted field');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return decipher.update(Buffer.from(body, 'base64url'), undefined, 'utf8') + decipher.final('utf8');
    },
    blindIndex(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

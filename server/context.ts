import type { Actor } from '../domain/access';
import type { Config } from './config';
import type { FieldCrypto } from './crypto';
import type { Db } from './db/client';

/** What a service needs to act for one request: who, on which database, and when. */
export interface Ctx {
  db: Db;
  actor: Actor;
  requestId: string;
  /** the calendar date of the request in China time */
  today: string;
  lang: 'zh' | 'en';
  crypto: FieldCrypto;
  config: Config;
}

/** Runs fn in one transaction; every write and its audit event commit together or not at all. */
export function inTx<T>(ctx: Ctx, fn: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx as unknown as Db));
}

import { EventEmitter } from 'node:events';
import type pg from 'pg';

// Live updates for Server-Sent Events. On PostgreSQL they go through NOTIFY, so every app process
// behind a load balancer hears them; the embedded database has one process, which hears itself.

const CHANNEL = 'gj_live';

export class Live {
  private readonly emitter = new EventEmitter();
  private listener: pg.PoolClient | null = null;

  constructor(private readonly pool: pg.Pool | null) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (!this.pool) return;
    this.listener = await this.pool.connect();
    // losing the LISTEN connection only stops live updates; it must not bring the server down
    this.listener.on('error', (err) => console.warn(`live updates stopped: ${err.message}`));
    this.listener.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const { topic, data } = JSON.parse(msg.payload) as { topic: string; data: unknown };
      this.emitter.emit(topic, data);
    });
    await this.listener.query(`listen ${CHANNEL}`);
  }

  async publish(topic: string, data: unknown): Promise<void> {
    if (!this.pool) {
      this.emitter.emit(topic, data);
      return;
    }
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ topic, data })]);
  }

  subscribe(topic: string, fn: (data: unknown) => void): () => void {
    this.emitter.on(topic, fn);
    return () => this.emitter.off(topic, fn);
  }

  async stop(): Promise<void> {
    if (!this.listener) return;
    await this.listener.query(`unlisten ${CHANNEL}`).catch(() => undefined);
    this.listener.release();
    this.listener = null;
  }
}

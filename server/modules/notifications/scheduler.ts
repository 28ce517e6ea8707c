import type { FastifyBaseLogger } from 'fastify';
import { todayInChina } from '../../../domain/dates';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { runReminders } from './service';

const EVERY_MS = 60 * 60 * 1000;
const FIRST_AFTER_MS = 15 * 1000;

/** Computes reminders soon after start and then hourly; safe to run in every process (sending is idempotent). */
export function startReminderScheduler(database: Database, config: Config, log: FastifyBaseLogger) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runReminders(database.db, todayInChina(), { activityDaysBefore: config.reminderDays });
      if (result.sent > 0) log.info(result, 'reminders sent');
    } catch (err) {
      log.error({ err }, 'reminders failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), FIRST_AFTER_MS);
  const every = setInterval(() => void tick(), EVERY_MS);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

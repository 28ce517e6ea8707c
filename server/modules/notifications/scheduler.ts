import type { FastifyBaseLogger } from 'fastify';
import { todayInChina } from '../../../domain/dates';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { escalateOverdueDemands } from '../demands/service';
import { expirePairings } from '../pairings/service';
import { runReminders } from './service';

const EVERY_MS = 60 * 60 * 1000;
const FIRST_AFTER_MS = 15 * 1000;

/**
 * Computes reminders, expires pairings past their end date and escalates overdue demands soon after start and then
 * hourly; safe to run in every process (each job is idempotent).
 */
export function startReminderScheduler(database: Database, config: Config, log: FastifyBaseLogger) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    const today = todayInChina();
    try {
      const result = await runReminders(database.db, today, { activityDaysBefore: config.reminderDays });
      if (result.sent > 0) log.info(result, 'reminders sent');
    } catch (err) {
      log.error({ err }, 'reminders failed');
    }
    // each job on its own, so a failure of one never holds back the others
    try {
      const result = await expirePairings(database.db, today);
      if (result.expired > 0) log.info(result, 'pairings expired');
    } catch (err) {
      log.error({ err }, 'pairing expiry failed');
    }
    try {
      const result = await escalateOverdueDemands(database.db, today);
      if (result.escalated > 0) log.info(result, 'overdue demands escalated');
    } catch (err) {
      log.error({ err }, 'demand escalation failed');
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

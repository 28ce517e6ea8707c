import type { FastifyBaseLogger } from 'fastify';
import { todayInChina } from '../../../domain/dates';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { escalateOverdueDemands } from '../demands/service';
import { runReminders } from './service';

const EVERY_MS = 60 * 60 * 1000;
const FIRST_AFTER_MS = 15 * 1000;

/**
 * Computes reminders and escalates overdue demands soon after start and then hourly; safe to run in every process
 * (sending and escalating are idempotent).
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
    // separately, so a failure of one job never holds back the other
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

import type { FastifyBaseLogger } from 'fastify';
import { todayInChina } from '../../../domain/dates';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { ensureYears, markMissed, runJobs } from '../compliance/results';
import { escalateOverdueDemands } from '../demands/service';
import { followUpReminders } from '../assessments/service';
import { expirePairings } from '../pairings/service';
import { runProjectReminders } from '../projects/reminders';
import { runReminders } from './service';

const EVERY_MS = 60 * 60 * 1000;
const FIRST_AFTER_MS = 15 * 1000;
/** Compliance recomputations (a year's build, a subtree whose rules changed) advance this often, for at most JOB_BUDGET_MS each time. */
const JOBS_EVERY_MS = 10 * 1000;
const JOB_BUDGET_MS = 3000;

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
      const sent = await followUpReminders(database.db, today);
      if (sent > 0) log.info({ sent }, 'assessment follow-up reminders sent');
    } catch (err) {
      log.error({ err }, 'assessment follow-up reminders failed');
    }
    try {
      const result = await runProjectReminders(database.db, today);
      if (result.sent > 0) log.info(result, 'secretary project reminders sent');
    } catch (err) {
      log.error({ err }, 'secretary project reminders failed');
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
  // maintained compliance results: the current and previous years kept, due turned missed once a day
  // as periods end, and queued recomputations advanced in short transactions (resumed after a restart)
  let jobsRunning = false;
  let passedOn = '';
  const complianceTick = async () => {
    if (jobsRunning) return;
    jobsRunning = true;
    const today = todayInChina();
    try {
      if (passedOn !== today) {
        await ensureYears(database.db, today);
        const missed = await markMissed(database.db, today);
        if (missed > 0) log.info({ missed }, 'compliance results past their period marked missed');
        passedOn = today;
      }
      const result = await runJobs(database.db, today, { budgetMs: JOB_BUDGET_MS });
      if (result.batches > 0) log.info(result, 'compliance recomputation advanced');
    } catch (err) {
      log.error({ err }, 'compliance maintenance failed');
    } finally {
      jobsRunning = false;
    }
  };
  const first = setTimeout(() => void tick(), FIRST_AFTER_MS);
  const every = setInterval(() => void tick(), EVERY_MS);
  const jobsFirst = setTimeout(() => void complianceTick(), FIRST_AFTER_MS);
  const jobs = setInterval(() => void complianceTick(), JOBS_EVERY_MS);
  for (const t of [first, every, jobsFirst, jobs]) t.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
      clearTimeout(jobsFirst);
      clearInterval(jobs);
    },
  };
}

import { describe, expect, it } from 'vitest';
import { REMINDER_KINDS, activityReminders, reminderMessage, resolutionReminders, termReminders } from './reminders';
import type { ComplianceResult } from './rules/compliance';

const result = (over: Partial<ComplianceResult>): ComplianceResult => ({
  id: 'theme_day',
  requirement: 'theme_day',
  status: 'due',
  severity: 'hard',
  per: 'month',
  required: 1,
  count: 0,
  activities: [],
  window: '2026-11',
  ...over,
});

describe('activity reminders', () => {
  it('reminds of a required activity not yet held once the days left reach the threshold', () => {
    expect(activityReminders('o1', [result({ daysLeft: 8 })], 7)).toEqual([]);
    const [r] = activityReminders('o1', [result({ daysLeft: 7 })], 7);
    expect(r).toMatchObject({ kind: 'activity_due', key: 'activity_due:o1:theme_day:2026-11', params: { daysLeft: 7, period: '2026-11' } });
  });

  it('never reminds of what is met, missed or not applicable', () => {
    expect(activityReminders('o1', [result({ status: 'met', daysLeft: 1 }), result({ status: 'missed' }), result({ status: 'not_applicable' })], 7)).toEqual([]);
  });

  it('keys a monthly requirement evaluated over a quarter by the current month, so each month reminds once', () => {
    const r = activityReminders('o1', [result({ window: '2026-Q4', daysLeft: 3, subPeriods: [{ label: '2026-10', status: 'met', count: 1 }, { label: '2026-11', status: 'due', count: 0 }, { label: '2026-12', status: 'due', count: 0 }] })], 7);
    expect(r[0]!.key).toBe('activity_due:o1:theme_day:2026-11');
  });
});

describe('term and resolution reminders', () => {
  const term = { years: 3, expiresOn: '2026-03-15', remindOn: '2025-09-15' };
  it('reminds from the reminder date, and says expired from the expiry date', () => {
    expect(termReminders('o1', term, '2025-09-14')).toEqual([]);
    expect(termReminders('o1', term, '2025-09-15')[0]).toMatchObject({ kind: 'term_due', key: 'term_due:o1:2026-03-15' });
    expect(termReminders('o1', term, '2026-03-15')[0]).toMatchObject({ kind: 'term_expired' });
    expect(termReminders('o1', null, '2026-03-15')).toEqual([]);
  });

  it('reminds of a resolution only after its due date and while not done', () => {
    const base = { id: 'r1', activityId: 'a1', orgId: 'o1', text: '每月开展一次志愿服务', dueOn: '2026-11-01', doneOn: null };
    expect(resolutionReminders([base], '2026-11-01')).toEqual([]);
    expect(resolutionReminders([base], '2026-11-02')[0]).toMatchObject({ key: 'resolution_overdue:r1', subjectId: 'a1' });
    expect(resolutionReminders([{ ...base, doneOn: '2026-10-30' }], '2026-11-02')).toEqual([]);
    expect(resolutionReminders([{ ...base, dueOn: null }], '2026-11-02')).toEqual([]);
  });

  it('writes the message in both languages', () => {
    expect(reminderMessage('activity_due', { requirement: 'theme_day', period: '2026-11', daysLeft: 3 }, '第一党支部', 'zh')).toBe('第一党支部：2026-11 尚未开展主题党日，还剩 3 天');
    expect(reminderMessage('term_expired', { expiresOn: '2026-03-15' }, 'Branch 1', 'en')).toBe('Branch 1: the term expired on 2026-03-15; an election is due');
  });
});

describe('demand notices', () => {
  it('has a message in both languages for every kind, with every placeholder filled', () => {
    const params = { title: '政策解读', dueOn: '2026-11-30', rating: 4, reason: '未答复', note: '已联系' };
    for (const kind of REMINDER_KINDS.filter((k) => k.startsWith('demand_'))) {
      for (const lang of ['zh', 'en'] as const) {
        const message = reminderMessage(kind, params, '第一党支部', lang);
        expect(message).toContain('政策解读');
        expect(message).not.toMatch(/\{\w+\}/);
      }
    }
    expect(reminderMessage('demand_confirmed', params, 'Branch 1', 'en')).toBe('Branch 1 confirmed the demand "政策解读" with a satisfaction of 4/5');
  });
});

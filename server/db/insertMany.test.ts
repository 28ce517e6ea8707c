import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';
import { newId } from '../ids';
import { insertMany } from './insertMany';
import { activities, activityHosts } from './schema/activities';
import { orgs } from './schema/orgs';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('insertMany', () => {
  it('writes every row with its text, date, ltree, json and array values, defaults for the columns left out', async () => {
    const root = newId();
    const branch = newId();
    await insertMany(t.database.db, orgs, [
      { id: root, path: root, name: '机关党委 "一"', type: 'committee', foundedOn: '2001-07-01', coveredUnits: ['机关', '事业单位'] },
      { id: branch, path: `${root}.${branch}`, name: '第一党支部\n（离退休）', type: 'branch', foundedOn: '2010-01-01', coveredUnits: [] },
    ]);
    const stored = await t.database.db.select().from(orgs).where(eq(orgs.id, root));
    expect(stored[0]).toMatchObject({ name: '机关党委 "一"', path: root, foundedOn: '2001-07-01', coveredUnits: ['机关', '事业单位'], dissolvedOn: null });
    expect(stored[0]!.createdAt).toBeInstanceOf(Date);
    const [child] = await t.database.db.select().from(orgs).where(eq(orgs.id, branch));
    expect(child).toMatchObject({ name: '第一党支部\n（离退休）', path: `${root}.${branch}`, coveredUnits: [] });

    const id = newId();
    const startsAt = '2026-05-04T01:30:00.000Z';
    await insertMany(t.database.db, activities, [{ id, orgPath: `${root}.${branch}`, type: 'theme_day', state: 'held', startsAt, endsAt: '2026-05-04T03:00:00.000Z', heldOn: '2026-05-04', theme: '主题党日', alsoCounts: ['party_lecture'] }]);
    await insertMany(t.database.db, activityHosts, [{ activityId: id, orgId: branch, orgPath: `${root}.${branch}`, type: 'theme_day', state: 'held', heldOn: '2026-05-04', acceptedAt: new Date(startsAt) }]);
    const [activity] = await t.database.db.select().from(activities).where(eq(activities.id, id));
    expect(activity).toMatchObject({ theme: '主题党日', alsoCounts: ['party_lecture'] });
    expect(new Date(activity!.startsAt).toISOString()).toBe(startsAt);
  });

  it('refuses rows that do not give the same columns, and writes none of them', async () => {
    const [a, b] = [newId(), newId()];
    await expect(insertMany(t.database.db, orgs, [{ id: a, path: a, name: '甲', type: 'branch' }, { id: b, path: b, name: '乙', type: 'branch', foundedOn: '2010-01-01' }])).rejects.toThrow(/foundedOn/);
    await expect(insertMany(t.database.db, orgs, [{ id: a, path: a, name: '甲', type: 'branch', foundedOn: '2010-01-01' }, { id: b, path: b, name: '乙', type: 'branch' }])).rejects.toThrow(/foundedOn/);
    expect(await t.database.db.select().from(orgs).where(eq(orgs.id, a))).toEqual([]);
  });
});

import { addDays } from '../../../domain/dates';
import { seedTwoTrees, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { createOrg } from '../orgs/service';
import { createUser } from '../users/service';

// The organizations and people of the pairing API tests: the two trees of the harness, plus a zone
// working committee Z (a third root) that coordinates pairings of organizations it does not manage.

export async function seedPairingWorld(t: TestApp) {
  const ids = await seedTwoTrees(t);
  const Z = (await createOrg(t.system, { name: '高新区党工委', type: 'working_committee', parentId: null, sector: 'government_organ', foundedOn: '2010-01-01' })).id;
  const user = (username: string, role: 'org_admin' | 'secretary' | 'viewer', orgId: string) =>
    createUser(t.system, { username, password: USER_PASSWORD, memberId: null, roles: [{ role, orgId }] });
  await user('orgAdminZ', 'org_admin', Z);
  await user('viewerZ', 'viewer', Z);
  await user('secretaryB1', 'secretary', ids.B1);
  const today = t.system.today;
  const sessions = {
    admin: await t.login('admin'),
    orgAdminA: await t.login('orgAdminA'),
    secretaryA1: await t.login('secretaryA1'),
    viewerA: await t.login('viewerA'),
    orgAdminB: await t.login('orgAdminB'),
    orgAdminZ: await t.login('orgAdminZ'),
    viewerZ: await t.login('viewerZ'),
    secretaryB1: await t.login('secretaryB1'),
  } satisfies Record<string, Session>;
  return { ...ids, Z, today, s: sessions };
}

/** A valid creation body: in force from 30 days ago for two years. */
export function agreement(t: TestApp, partyOrgIds: string[], extra: Record<string, unknown> = {}) {
  const today = t.system.today;
  return { title: '结对共建协议', partyOrgIds, validFrom: addDays(today, -30), validTo: addDays(today, 700), ...extra };
}

/** Every error field of a 400 response. */
export const fieldsOf = (body: { error: { details?: { field: string }[] } }) => (body.error.details ?? []).map((d) => d.field);

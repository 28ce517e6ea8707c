import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../access';
import { grantChanges, mayGrant, mayManageAccount, maySeeUser, userAbilities, userScopes } from './access';

const admin: Actor = { userId: 'root', memberId: null, grants: [{ role: 'admin', orgPath: null }] };
const zoneAdmin: Actor = { userId: 'zone', memberId: null, grants: [{ role: 'org_admin', orgPath: 'a' }] };
const treeAdmin: Actor = { userId: 'tree', memberId: null, grants: [{ role: 'admin', orgPath: 'a' }] };
const secretary: Actor = { userId: 'sec', memberId: null, grants: [{ role: 'secretary', orgPath: 'a.b' }] };

describe('account administration rules', () => {
  it('scopes: everything for the global admin, the managed subtrees for others, nothing for a secretary', () => {
    expect(userScopes(admin)).toBeNull();
    expect(userScopes(zoneAdmin)).toEqual(['a']);
    expect(userScopes(secretary)).toEqual([]);
  });

  it('an org admin grants inside its subtree but never admin, nor anything above or beside it', () => {
    expect(mayGrant(zoneAdmin, { role: 'secretary', orgPath: 'a.b' })).toBe(true);
    expect(mayGrant(zoneAdmin, { role: 'org_admin', orgPath: 'a.b' })).toBe(true);
    expect(mayGrant(zoneAdmin, { role: 'admin', orgPath: 'a.b' })).toBe(false);
    expect(mayGrant(zoneAdmin, { role: 'viewer', orgPath: 'c' })).toBe(false);
    expect(mayGrant(zoneAdmin, { role: 'admin', orgPath: null })).toBe(false);
    expect(mayGrant(treeAdmin, { role: 'admin', orgPath: 'a.b' })).toBe(true);
    expect(mayGrant(admin, { role: 'admin', orgPath: null })).toBe(true);
    expect(mayGrant(admin, { role: 'viewer', orgPath: null })).toBe(false);
    expect(mayGrant(secretary, { role: 'member', orgPath: 'a.b' })).toBe(false);
  });

  it('an account held partly outside the scope is seen but not managed as a whole', () => {
    const split = [{ role: 'secretary' as const, orgPath: 'a.b' }, { role: 'viewer' as const, orgPath: 'c' }];
    expect(maySeeUser(zoneAdmin, split)).toBe(true);
    expect(mayManageAccount(zoneAdmin, split)).toBe(false);
    expect(maySeeUser(zoneAdmin, [{ role: 'viewer', orgPath: 'c' }])).toBe(false);
    expect(mayManageAccount(zoneAdmin, [{ role: 'admin', orgPath: 'a' }])).toBe(false);
  });

  it('abilities: nobody edits or disables itself; enable only what is disabled', () => {
    const sec = { userId: 'u1', disabled: false, grants: [{ role: 'secretary' as const, orgPath: 'a.b' }] };
    expect(userAbilities(zoneAdmin, sec)).toEqual(['edit', 'disable', 'resetPassword']);
    expect(userAbilities(zoneAdmin, { ...sec, disabled: true })).toEqual(['edit', 'enable', 'resetPassword']);
    expect(userAbilities(zoneAdmin, { userId: 'zone', disabled: false, grants: zoneAdmin.grants })).toEqual(['resetPassword']);
    expect(userAbilities(zoneAdmin, { ...sec, grants: [{ role: 'viewer', orgPath: 'c' }] })).toEqual([]);
  });

  it('a role edit is the grants added and removed, duplicates once', () => {
    const before: Grant[] = [{ role: 'secretary', orgPath: 'a.b' }, { role: 'viewer', orgPath: 'a' }];
    const after: Grant[] = [{ role: 'viewer', orgPath: 'a' }, { role: 'org_admin', orgPath: 'a.b' }, { role: 'org_admin', orgPath: 'a.b' }];
    expect(grantChanges(before, after)).toEqual({ added: [{ role: 'org_admin', orgPath: 'a.b' }], removed: [{ role: 'secretary', orgPath: 'a.b' }] });
  });
});

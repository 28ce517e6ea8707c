import { describe, expect, it } from 'vitest';
import { ACTIONS, MEMBER_ABILITIES, ORG_ABILITIES, abilities, abilitiesWithin, authorize, isWithin, readScopes, topOrgIds, type Action, type Actor, type Grant } from './access';

// A provincial committee 'hn' → city committee 'hn.cs' → district working committee 'hn.cs.yl'
// → a school general branch 'hn.cs.yl.gb' with branch 'hn.cs.yl.gb.b2'; 'hn.cs.yl.b1' is a
// sibling branch; 'hn.csx' is another city whose label merely starts with 'cs'.
const PROVINCE = 'hn';
const CITY = 'hn.cs';
const DISTRICT = 'hn.cs.yl';
const GENERAL_BRANCH = 'hn.cs.yl.gb';
const BRANCH_B2 = 'hn.cs.yl.gb.b2';
const BRANCH_B1 = 'hn.cs.yl.b1';
const OTHER_CITY = 'hn.csx';

const actor = (grants: Grant[], memberId: string | null = null): Actor => ({ userId: 'u-1', memberId, grants });
const org = (orgPath: string) => ({ orgPath });
const memberRecord = (orgPath: string, memberId: string) => ({ orgPath, memberId });

describe('topOrgIds', () => {
  it('keeps the organization of each scope that lies inside no other, once', () => {
    expect(topOrgIds([BRANCH_B2, CITY, OTHER_CITY, CITY])).toEqual([CITY.split('.').at(-1), OTHER_CITY.split('.').at(-1)]);
    expect(topOrgIds([])).toEqual([]);
  });
});

describe('isWithin (ltree label boundary)', () => {
  it('counts an organization as within its own scope and its descendants as within', () => {
    expect(isWithin(CITY, CITY)).toBe(true);
    expect(isWithin(BRANCH_B2, CITY)).toBe(true);
  });

  it("does not treat 'ab' as inside 'a'", () => {
    expect(isWithin('ab', 'a')).toBe(false);
    expect(isWithin(OTHER_CITY, CITY)).toBe(false);
    expect(isWithin('hn.csx.b1', CITY)).toBe(false);
  });

  it('does not count an ancestor as within its descendant', () => {
    expect(isWithin(PROVINCE, CITY)).toBe(false);
  });
});

describe('authorize: deny by default', () => {
  it('allows nothing to a user without grants', () => {
    const nobody = actor([]);
    for (const action of ACTIONS) expect(authorize(nobody, action, org(CITY))).toBe(false);
  });

  it('gives nothing for a global (organization-less) grant that is not admin', () => {
    const odd = actor([{ role: 'viewer', orgPath: null }, { role: 'org_admin', orgPath: null }]);
    expect(authorize(odd, 'org.read', org(CITY))).toBe(false);
    expect(readScopes(odd, 'org.read')).toEqual([]);
  });
});

describe('admin', () => {
  it('may do everything everywhere with a global grant', () => {
    const admin = actor([{ role: 'admin', orgPath: null }]);
    for (const action of ACTIONS) {
      expect(authorize(admin, action, org(PROVINCE))).toBe(true);
      expect(authorize(admin, action, memberRecord(BRANCH_B1, 'm-2001'))).toBe(true);
    }
  });

  it('with a grant on a city may do everything in the city, including moving the city itself, and nothing outside', () => {
    const cityAdmin = actor([{ role: 'admin', orgPath: CITY }]);
    expect(authorize(cityAdmin, 'org.dissolve', org(CITY))).toBe(true);
    expect(authorize(cityAdmin, 'member.readSensitive', memberRecord(BRANCH_B2, 'm-2001'))).toBe(true);
    expect(authorize(cityAdmin, 'org.read', org(PROVINCE))).toBe(false);
    expect(authorize(cityAdmin, 'org.read', org(OTHER_CITY))).toBe(false);
  });
});

describe('org_admin of the district', () => {
  const districtAdmin = actor([{ role: 'org_admin', orgPath: DISTRICT }]);

  it('manages organizations and members inside its subtree', () => {
    for (const action of ['org.create', 'org.update', 'org.move', 'org.dissolve', 'org.rules', 'member.readSensitive', 'member.transfer', 'user.manage', 'audit.read', 'import.run'] as const) {
      expect(authorize(districtAdmin, action, org(GENERAL_BRANCH))).toBe(true);
    }
    expect(authorize(districtAdmin, 'member.update', memberRecord(BRANCH_B2, 'm-2001'))).toBe(true);
  });

  it('updates its own organization and creates children in it', () => {
    expect(authorize(districtAdmin, 'org.update', org(DISTRICT))).toBe(true);
    expect(authorize(districtAdmin, 'org.create', org(DISTRICT))).toBe(true);
    expect(authorize(districtAdmin, 'org.rules', org(DISTRICT))).toBe(true);
  });

  it('may not move or dissolve its own organization: that is for the level above', () => {
    expect(authorize(districtAdmin, 'org.move', org(DISTRICT))).toBe(false);
    expect(authorize(districtAdmin, 'org.dissolve', org(DISTRICT))).toBe(false);
  });

  it('has no rights above or beside its subtree', () => {
    for (const action of ['org.read', 'org.update', 'member.read'] as const) {
      expect(authorize(districtAdmin, action, org(CITY))).toBe(false);
      expect(authorize(districtAdmin, action, org('hn.cs.tx'))).toBe(false);
    }
  });

  it('may dissolve its own organization when it is also org_admin of the city above', () => {
    const both = actor([{ role: 'org_admin', orgPath: DISTRICT }, { role: 'org_admin', orgPath: CITY }]);
    expect(authorize(both, 'org.dissolve', org(DISTRICT))).toBe(true);
  });
});

describe('secretary of the general branch', () => {
  const secretary = actor([{ role: 'secretary', orgPath: GENERAL_BRANCH }], 'm-1001');

  it('manages the members and details of its own organization', () => {
    for (const action of ['org.update', 'member.readSensitive', 'member.create', 'member.update', 'member.transfer', 'import.run', 'export.run'] as const) {
      expect(authorize(secretary, action, org(GENERAL_BRANCH))).toBe(true);
    }
    expect(authorize(secretary, 'member.readSensitive', memberRecord(GENERAL_BRANCH, 'm-1002'))).toBe(true);
  });

  it('only reads (and exports) the branches below it', () => {
    expect(authorize(secretary, 'org.read', org(BRANCH_B2))).toBe(true);
    expect(authorize(secretary, 'member.read', memberRecord(BRANCH_B2, 'm-3001'))).toBe(true);
    expect(authorize(secretary, 'export.run', org(BRANCH_B2))).toBe(true);
    for (const action of ['org.update', 'member.update', 'member.readSensitive', 'member.create', 'import.run'] as const) {
      expect(authorize(secretary, action, org(BRANCH_B2))).toBe(false);
    }
  });

  it('may not restructure, set rules, manage users or read the audit log, even for its own organization', () => {
    for (const action of ['org.create', 'org.move', 'org.dissolve', 'org.rules', 'user.manage', 'audit.read'] as const) {
      expect(authorize(secretary, action, org(GENERAL_BRANCH))).toBe(false);
    }
  });

  it('sees nothing of the sibling branch or the district above', () => {
    expect(authorize(secretary, 'org.read', org(BRANCH_B1))).toBe(false);
    expect(authorize(secretary, 'member.read', memberRecord(DISTRICT, 'm-4001'))).toBe(false);
  });
});

describe('viewer of the city (e.g. an inspection group)', () => {
  const viewer = actor([{ role: 'viewer', orgPath: CITY }]);

  it('reads and exports organizations and members in the city', () => {
    expect(authorize(viewer, 'org.read', org(BRANCH_B2))).toBe(true);
    expect(authorize(viewer, 'member.read', memberRecord(BRANCH_B2, 'm-3001'))).toBe(true);
    expect(authorize(viewer, 'export.run', org(CITY))).toBe(true);
  });

  it('never reads sensitive member data and changes nothing', () => {
    for (const action of ACTIONS.filter((a) => !['org.read', 'member.read', 'activity.read', 'pairing.read', 'assessment.read', 'export.run'].includes(a))) {
      expect(authorize(viewer, action, org(CITY))).toBe(false);
      expect(authorize(viewer, action, memberRecord(BRANCH_B2, 'm-3001'))).toBe(false);
    }
    expect(authorize(viewer, 'member.readSensitive', memberRecord(CITY, 'm-5001'))).toBe(false);
  });

  it('reads nothing in the other city', () => {
    expect(authorize(viewer, 'org.read', org(OTHER_CITY))).toBe(false);
  });
});

describe('member of branch b2', () => {
  const member = actor([{ role: 'member', orgPath: BRANCH_B2 }], 'm-3001');

  it('reads its own record, including the sensitive fields', () => {
    expect(authorize(member, 'member.read', memberRecord(BRANCH_B2, 'm-3001'))).toBe(true);
    expect(authorize(member, 'member.readSensitive', memberRecord(BRANCH_B2, 'm-3001'))).toBe(true);
  });

  it('may not change or transfer its own record', () => {
    expect(authorize(member, 'member.update', memberRecord(BRANCH_B2, 'm-3001'))).toBe(false);
    expect(authorize(member, 'member.transfer', memberRecord(BRANCH_B2, 'm-3001'))).toBe(false);
  });

  it('never reads another member of the same branch', () => {
    expect(authorize(member, 'member.read', memberRecord(BRANCH_B2, 'm-3002'))).toBe(false);
    expect(authorize(member, 'member.readSensitive', memberRecord(BRANCH_B2, 'm-3002'))).toBe(false);
  });

  it('reads its own organization only, not the one above nor any other', () => {
    expect(authorize(member, 'org.read', org(BRANCH_B2))).toBe(true);
    expect(authorize(member, 'org.read', org(GENERAL_BRANCH))).toBe(false);
    expect(authorize(member, 'org.read', org(BRANCH_B1))).toBe(false);
    expect(authorize(member, 'org.update', org(BRANCH_B2))).toBe(false);
    expect(authorize(member, 'export.run', org(BRANCH_B2))).toBe(false);
  });

  it('does not read the branches below its organization (a member of the general branch)', () => {
    const generalBranchMember = actor([{ role: 'member', orgPath: GENERAL_BRANCH }], 'm-1005');
    expect(authorize(generalBranchMember, 'org.read', org(GENERAL_BRANCH))).toBe(true);
    expect(authorize(generalBranchMember, 'org.read', org(BRANCH_B2))).toBe(false);
  });

  it('cannot read any record when the user is not linked to a member', () => {
    const unlinked = actor([{ role: 'member', orgPath: BRANCH_B2 }], null);
    expect(authorize(unlinked, 'member.read', memberRecord(BRANCH_B2, 'm-3001'))).toBe(false);
  });
});

describe('readScopes (list queries)', () => {
  it('is null (everything) for a global admin', () => {
    expect(readScopes(actor([{ role: 'viewer', orgPath: CITY }, { role: 'admin', orgPath: null }]), 'member.read')).toBeNull();
  });

  it('is the granted subtrees for other roles', () => {
    const several = actor([
      { role: 'org_admin', orgPath: DISTRICT },
      { role: 'viewer', orgPath: OTHER_CITY },
    ]);
    expect(readScopes(several, 'org.read')).toEqual([DISTRICT, OTHER_CITY]);
    expect(readScopes(several, 'member.read')).toEqual([DISTRICT, OTHER_CITY]);
  });

  it('gives a member its organization for org lists but no member list', () => {
    const member = actor([{ role: 'member', orgPath: BRANCH_B2 }], 'm-3001');
    expect(readScopes(member, 'org.read')).toEqual([BRANCH_B2]);
    expect(readScopes(member, 'member.read')).toEqual([]);
  });

  it('is empty without grants', () => {
    expect(readScopes(actor([]), 'org.read')).toEqual([]);
  });
});

describe('abilities (which controls the web app shows)', () => {
  it('keeps only the allowed candidates, in the order given', () => {
    const secretary = actor([{ role: 'secretary', orgPath: GENERAL_BRANCH }]);
    expect(abilities(secretary, org(GENERAL_BRANCH), ORG_ABILITIES)).toEqual(['org.update', 'member.create', 'import.run', 'export.run', 'pairing.manage']);
    expect(abilities(secretary, org(BRANCH_B2), ORG_ABILITIES)).toEqual(['export.run']);
  });

  it('shows an org_admin every organization control except move and dissolve on its own organization', () => {
    const districtAdmin = actor([{ role: 'org_admin', orgPath: DISTRICT }]);
    expect(abilities(districtAdmin, org(DISTRICT), ORG_ABILITIES)).toEqual(['org.update', 'org.create', 'org.rules', 'member.create', 'import.run', 'export.run', 'user.manage', 'pairing.manage']);
    expect(abilities(districtAdmin, org(BRANCH_B1), ORG_ABILITIES)).toEqual([...ORG_ABILITIES]);
  });

  it('shows a member only the sensitive view of its own record', () => {
    const member = actor([{ role: 'member', orgPath: BRANCH_B2 }], 'm-3001');
    expect(abilities(member, memberRecord(BRANCH_B2, 'm-3001'), MEMBER_ABILITIES)).toEqual(['member.readSensitive']);
    expect(abilities(member, memberRecord(BRANCH_B2, 'm-3002'), MEMBER_ABILITIES)).toEqual([]);
  });

  it('shows a viewer no member controls at all', () => {
    const viewer = actor([{ role: 'viewer', orgPath: CITY }]);
    const candidates: Action[] = [...MEMBER_ABILITIES];
    expect(abilities(viewer, memberRecord(BRANCH_B2, 'm-3001'), candidates)).toEqual([]);
  });
});

describe('authorize: pairings', () => {
  it('lets a secretary keep the pairings of its own organization and read those below it', () => {
    const secretary = actor([{ role: 'secretary', orgPath: GENERAL_BRANCH }]);
    expect(authorize(secretary, 'pairing.manage', org(GENERAL_BRANCH))).toBe(true);
    expect(authorize(secretary, 'pairing.manage', org(BRANCH_B2))).toBe(false);
    expect(authorize(secretary, 'pairing.read', org(BRANCH_B2))).toBe(true);
    expect(authorize(secretary, 'pairing.read', org(BRANCH_B1))).toBe(false);
  });

  it('lets an org admin manage pairings in the subtree, a viewer only read, and a member neither', () => {
    expect(authorize(actor([{ role: 'org_admin', orgPath: DISTRICT }]), 'pairing.manage', org(BRANCH_B2))).toBe(true);
    const viewer = actor([{ role: 'viewer', orgPath: DISTRICT }]);
    expect(authorize(viewer, 'pairing.read', org(BRANCH_B2))).toBe(true);
    expect(authorize(viewer, 'pairing.manage', org(BRANCH_B2))).toBe(false);
    const member = actor([{ role: 'member', orgPath: BRANCH_B2 }], 'm-1');
    expect(authorize(member, 'pairing.read', org(BRANCH_B2))).toBe(false);
  });
});

describe('abilitiesWithin (what a list or page offers before an organization is chosen)', () => {
  const CANDIDATES: Action[] = ['member.create', 'import.run', 'export.run'];

  it('offers a secretary of a branch inside the subtree what it may do in its own branch', () => {
    const secretary = actor([{ role: 'secretary', orgPath: BRANCH_B2 }]);
    expect(abilitiesWithin(secretary, DISTRICT, CANDIDATES)).toEqual(['member.create', 'import.run', 'export.run']);
    expect(abilitiesWithin(secretary, BRANCH_B1, CANDIDATES)).toEqual([]);
  });

  it('offers a viewer no write action, in its subtree or anywhere', () => {
    const viewer = actor([{ role: 'viewer', orgPath: CITY }]);
    expect(abilitiesWithin(viewer, DISTRICT, CANDIDATES)).toEqual(['export.run']);
    expect(abilitiesWithin(viewer, null, CANDIDATES)).toEqual(['export.run']);
  });

  it('offers an org admin the subtree below it and a global admin everything', () => {
    expect(abilitiesWithin(actor([{ role: 'org_admin', orgPath: CITY }]), BRANCH_B2, ['member.create'])).toEqual(['member.create']);
    expect(abilitiesWithin(actor([{ role: 'org_admin', orgPath: CITY }]), OTHER_CITY, ['member.create'])).toEqual([]);
    expect(abilitiesWithin(actor([{ role: 'admin', orgPath: null }]), null, CANDIDATES)).toEqual(CANDIDATES);
  });

  it('offers a member nothing to add', () => {
    expect(abilitiesWithin(actor([{ role: 'member', orgPath: BRANCH_B2 }], 'm-3001'), null, CANDIDATES)).toEqual([]);
  });
});

import type { AccessRole } from './enums';

// Deny by default. A grant applies to the organization it names and its whole subtree
// (an admin grant without an organization applies everywhere).

export const ACTIONS = [
  'org.read',
  'org.create',
  'org.update',
  'org.move',
  'org.dissolve',
  'org.rules',
  'member.read',
  'member.readSensitive',
  'member.create',
  'member.update',
  'member.transfer',
  'user.manage',
  'audit.read',
  'import.run',
  'export.run',
  'activity.read',
  'activity.manage',
  'pairing.read',
  'pairing.manage',
  'assessment.read',
  'assessment.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Grant {
  role: AccessRole;
  /** ltree path of the organization, null for a global admin */
  orgPath: string | null;
}

export interface Actor {
  userId: string;
  memberId: string | null;
  grants: readonly Grant[];
}

export interface Subject {
  /** path of the organization the object belongs to (for an org: its own path) */
  orgPath: string;
  /** set when the subject is a member record */
  memberId?: string;
}

export function isWithin(path: string, scope: string): boolean {
  return path === scope || path.startsWith(scope + '.');
}

/** The organizations (by id) at the top of these scopes: each scope's own, unless it lies inside another scope. */
export function topOrgIds(scopes: string[]): string[] {
  const tops = scopes.filter((s) => !scopes.some((o) => o !== s && isWithin(s, o)));
  return [...new Set(tops.map((p) => p.split('.').at(-1)!))];
}

const SUBTREE_READ: readonly Action[] = ['org.read', 'member.read', 'activity.read', 'pairing.read', 'assessment.read'];
const MANAGE: readonly Action[] = [
  'org.read',
  'org.create',
  'org.update',
  'org.move',
  'org.dissolve',
  'org.rules',
  'member.read',
  'member.readSensitive',
  'member.create',
  'member.update',
  'member.transfer',
  'user.manage',
  'audit.read',
  'import.run',
  'export.run',
  'activity.read',
  'activity.manage',
  'pairing.read',
  'pairing.manage',
  'assessment.read',
  'assessment.manage',
];
const OWN_ORG_SECRETARY: readonly Action[] = [
  'activity.manage',
  'pairing.manage',
  'assessment.manage',
  'org.update',
  'member.readSensitive',
  'member.create',
  'member.update',
  'member.transfer',
  'import.run',
  'export.run',
];

function grantAllows(grant: Grant, actor: Actor, action: Action, subject: Subject): boolean {
  if (grant.orgPath === null) return grant.role === 'admin';
  const inSubtree = isWithin(subject.orgPath, grant.orgPath);
  const isOwnOrg = subject.orgPath === grant.orgPath;
  switch (grant.role) {
    case 'admin':
      return inSubtree;
    case 'org_admin':
      // Creating, moving or dissolving the granted organization itself is for the level above.
      if (isOwnOrg && (action === 'org.move' || action === 'org.dissolve')) return false;
      return inSubtree && MANAGE.includes(action);
    case 'secretary':
      if (inSubtree && (SUBTREE_READ.includes(action) || action === 'export.run')) return true;
      return isOwnOrg && OWN_ORG_SECRETARY.includes(action);
    case 'viewer':
      return inSubtree && (SUBTREE_READ.includes(action) || action === 'export.run');
    case 'member':
      if (subject.memberId !== undefined) {
        return subject.memberId === actor.memberId && (action === 'member.read' || action === 'member.readSensitive');
      }
      return isOwnOrg && (action === 'org.read' || action === 'activity.read');
  }
}

export function authorize(actor: Actor, action: Action, subject: Subject): boolean {
  return actor.grants.some((g) => grantAllows(g, actor, action, subject));
}

/**
 * The actions the actor may take somewhere inside a subtree (anywhere in its own scope when
 * `scopePath` is null): whether a list or a page offers "add" before an organization is chosen.
 */
export function abilitiesWithin(actor: Actor, scopePath: string | null, candidates: readonly Action[]): Action[] {
  const places = actor.grants.flatMap((g): string[] => {
    // a global admin may act anywhere: any place inside the scope answers for it
    if (g.orgPath === null) return [scopePath ?? ''];
    if (scopePath === null || isWithin(g.orgPath, scopePath)) return [g.orgPath];
    return isWithin(scopePath, g.orgPath) ? [scopePath] : [];
  });
  return candidates.filter((a) => places.some((orgPath) => authorize(actor, a, { orgPath })));
}

/** The actions the actor may take on one object, for the web app to show or hide controls. */
export function abilities(actor: Actor, subject: Subject, candidates: readonly Action[]): Action[] {
  return candidates.filter((a) => authorize(actor, a, subject));
}

/** The subtrees the actor may read at all (for list queries); null means everything. */
export function readScopes(actor: Actor, action: 'org.read' | 'member.read' | 'pairing.read'): string[] | null {
  const scopes: string[] = [];
  for (const g of actor.grants) {
    if (g.orgPath === null) {
      if (g.role === 'admin') return null;
      continue;
    }
    if (g.role === 'member' && action !== 'org.read') continue;
    scopes.push(g.orgPath);
  }
  return scopes;
}

export const ORG_ABILITIES: readonly Action[] = [
  'org.update',
  'org.create',
  'org.move',
  'org.dissolve',
  'org.rules',
  'member.create',
  'import.run',
  'export.run',
  'user.manage',
  // keeps the organization's pairings and their policy (the pairing policy section offers editing)
  'pairing.manage',
];
export const MEMBER_ABILITIES: readonly Action[] = ['member.update', 'member.transfer', 'member.readSensitive'];

import { authorize, isWithin, type Actor, type Grant } from '../access';

// Who may hand out, take back and switch off which accounts. One rule carries all of it: an
// administrator may touch a grant only if it could have handed that grant out itself, so an
// organization admin can neither reach above its subtree nor create admins, and an account is
// managed as a whole (disabled, enabled, reset) only by someone who could have granted all it holds.

export const USER_ABILITIES = ['edit', 'disable', 'enable', 'resetPassword'] as const;
export type UserAbility = (typeof USER_ABILITIES)[number];

export function isGlobalAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.orgPath === null && g.role === 'admin');
}

/** The subtrees whose accounts the actor administers; null means every account. */
export function userScopes(actor: Actor): string[] | null {
  if (isGlobalAdmin(actor)) return null;
  return actor.grants.filter((g) => g.orgPath !== null && authorize(actor, 'user.manage', { orgPath: g.orgPath })).map((g) => g.orgPath!);
}

/** Whether the actor may grant (or revoke) this role at this organization. */
export function mayGrant(actor: Actor, grant: Grant): boolean {
  if (grant.orgPath === null) return grant.role === 'admin' && isGlobalAdmin(actor);
  const path = grant.orgPath;
  if (!authorize(actor, 'user.manage', { orgPath: path })) return false;
  // only an admin above the organization may hand out admin over it
  return grant.role !== 'admin' || actor.grants.some((g) => g.role === 'admin' && (g.orgPath === null || isWithin(path, g.orgPath)));
}

/** Whether the account shows in the actor's list at all: one of its grants lies in the actor's scope. */
export function maySeeUser(actor: Actor, grants: readonly Grant[]): boolean {
  if (isGlobalAdmin(actor)) return true;
  return grants.some((g) => g.orgPath !== null && authorize(actor, 'user.manage', { orgPath: g.orgPath }));
}

/** Disabling, enabling and resetting act on the whole account: every grant must be the actor's to give. */
export function mayManageAccount(actor: Actor, grants: readonly Grant[]): boolean {
  if (isGlobalAdmin(actor)) return true;
  return grants.length > 0 && grants.every((g) => mayGrant(actor, g));
}

export interface UserState {
  userId: string;
  disabled: boolean;
  grants: readonly Grant[];
}

/** What the actor may do with one account, for the web app to offer. Nobody edits or disables itself. */
export function userAbilities(actor: Actor, user: UserState): UserAbility[] {
  if (!maySeeUser(actor, user.grants)) return [];
  const self = user.userId === actor.userId;
  const whole = mayManageAccount(actor, user.grants);
  const out: UserAbility[] = [];
  if (!self) out.push('edit');
  if (!self && whole && !user.disabled) out.push('disable');
  if (!self && whole && user.disabled) out.push('enable');
  if (whole) out.push('resetPassword');
  return out;
}

function key(g: Grant): string {
  return `${g.role}@${g.orgPath ?? ''}`;
}

/** The grants a role edit adds and removes (same role at the same organization is the same grant). */
export function grantChanges<T extends Grant>(before: readonly T[], after: readonly T[]): { added: T[]; removed: T[] } {
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const seen = new Set<string>();
  const added = after.filter((g) => !had.has(key(g)) && !seen.has(key(g)) && seen.add(key(g)));
  return { added, removed: before.filter((g) => !has.has(key(g))) };
}

import { sql, type SQL } from 'drizzle-orm';
import { authorize, readScopes, type Actor } from '../../../domain/access';
import { projectCampaigns, secretaryProjects } from '../../db/schema/projects';

// Who sees and acts on secretary projects. The organizer is whoever acts for the committee running the campaign
// (its secretary, its admins and those above); its officers (viewers included) read the whole campaign. An applicant
// acts for the applying organization, or is the project's leader. The contact leader of any project reads the whole
// campaign; the leader and the field supervisors read their project. Nobody else reads anything: a branch of another
// campaign gets 403. "Acts for" is the activity.manage grant (the one a branch secretary has on its own
// organization, as for its meetings); "reads" is the subtree read of officers (pairing.read: not a plain member).

export interface CampaignScope {
  id: string;
  organizerPath: string;
}

export interface ProjectScope {
  campaignId: string;
  organizerPath: string;
  orgPath: string;
  leaderId: string | null;
  contactLeaderId: string | null;
  supervisorIds: string[];
  /** the caller is the contact leader of some project of the campaign */
  contactInCampaign: boolean;
}

export const actsFor = (actor: Actor, orgPath: string) => authorize(actor, 'activity.manage', { orgPath });
export const readsOrg = (actor: Actor, orgPath: string) => authorize(actor, 'pairing.read', { orgPath });

export const isOrganizer = (actor: Actor, c: { organizerPath: string }) => actsFor(actor, c.organizerPath);

export function isApplicant(actor: Actor, p: Pick<ProjectScope, 'orgPath' | 'leaderId'>): boolean {
  return actsFor(actor, p.orgPath) || (actor.userId !== '' && p.leaderId === actor.userId);
}

export function isSupervisor(actor: Actor, p: Pick<ProjectScope, 'supervisorIds'>): boolean {
  return actor.userId !== '' && p.supervisorIds.includes(actor.userId);
}

export function canReadProject(actor: Actor, p: ProjectScope): boolean {
  const me = actor.userId;
  return (
    readsOrg(actor, p.organizerPath) ||
    readsOrg(actor, p.orgPath) ||
    p.contactInCampaign ||
    (me !== '' && (p.leaderId === me || p.contactLeaderId === me || p.supervisorIds.includes(me)))
  );
}

function within(column: SQL, scopes: string[]): SQL {
  return sql.join(
    scopes.map((s) => sql`${column} <@ ${s}::ltree`),
    sql` or `,
  );
}

/** A condition on secretary_projects (joined with project_campaigns) for the projects the actor may read; undefined means all. */
export function readableProjects(actor: Actor): SQL | undefined {
  const scopes = readScopes(actor, 'pairing.read');
  if (scopes === null) return undefined;
  const me = actor.userId || '';
  const named = sql`(${secretaryProjects.leaderId} = ${me} or ${secretaryProjects.supervisorIds} ? ${me}
    or exists (select 1 from secretary_projects c where c.campaign_id = ${secretaryProjects.campaignId} and c.contact_leader_id = ${me}))`;
  if (scopes.length === 0) return named;
  return sql`((${within(sql`${projectCampaigns.organizerPath}`, scopes)}) or (${within(sql`${secretaryProjects.orgPath}`, scopes)}) or ${named})`;
}

/**
 * A condition on project_campaigns for the campaigns the actor may see: those it reads as organizer, those it may
 * apply to (a grant inside an eligible subtree, checked in full by the service on application: here the organizer's
 * subtree stands for it), and those where it is named on a project.
 */
export function readableCampaigns(actor: Actor): SQL | undefined {
  const scopes = readScopes(actor, 'pairing.read');
  if (scopes === null) return undefined;
  const me = actor.userId || '';
  const named = sql`exists (select 1 from secretary_projects p where p.campaign_id = ${projectCampaigns.id}
    and (p.leader_id = ${me} or p.contact_leader_id = ${me} or p.supervisor_ids ? ${me}))`;
  const applicants = actor.grants.filter((g) => g.orgPath !== null && g.role !== 'member').map((g) => g.orgPath!);
  if (scopes.length === 0 && applicants.length === 0) return named;
  const conds = [named];
  if (scopes.length) conds.push(sql`(${within(sql`${projectCampaigns.organizerPath}`, scopes)})`);
  if (applicants.length) conds.push(sql`(${sql.join(applicants.map((p) => sql`${p}::ltree <@ ${projectCampaigns.organizerPath}`), sql` or `)})`);
  return sql`(${sql.join(conds, sql` or `)})`;
}

// Response shapes the web app reads that have no shared schema in domain/.
import type { Action } from '../../../domain/access';
import type { MemberDetail } from '../../../domain/schemas/members';
import type { User } from '../../../domain/schemas/users';

export interface Page<T> {
  items: T[];
  total?: number;
  nextCursor?: string | null;
}

export interface Me {
  user: User;
  csrfToken: string;
  member: MemberDetail | null;
  /** the organization's time zone: dates and times are shown in it */
  timeZone: string;
  /** what the user may do somewhere in its scope: a page offers only these actions */
  abilities: Action[];
}

import { v7 } from 'uuid';

/** Time-ordered ids; without dashes they are valid ltree labels, so an org's id is its path label. */
export function newId(): string {
  return v7().replaceAll('-', '');
}

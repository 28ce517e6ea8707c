// Suggested matches between open needs and open resources across all pairings of a coordinator, so a resource of
// one pairing can answer a need in another.
//
// A pair is suggested when need and resource share a category, or when their texts share terms; a resource is never
// suggested for a need of its own organization. Same-category pairs come first, then by text similarity (the Dice
// coefficient of the two term sets), then by need and resource id so the order is stable. Category 'other' is not a
// shared category (it says nothing), only a text overlap can match it.
// Terms: Chinese text gives its character bigrams (a lone character stands for itself), other text its lower-case
// words of two or more letters or digits; a few filler terms (需要, 提供, the, and, …) are dropped.

import type { PairingCategory } from './enums';

export interface ListItem {
  id: string;
  pairingId: string;
  /** the organization that keeps this need or resource */
  orgId: string;
  category: PairingCategory;
  description: string;
  title?: string;
  /** only open items are matched; absent counts as open */
  open?: boolean;
}

export interface MatchSuggestion {
  needId: string;
  resourceId: string;
  needPairingId: string;
  resourcePairingId: string;
  needOrgId: string;
  resourceOrgId: string;
  sameCategory: boolean;
  /** 0–1 overlap of the texts */
  similarity: number;
  /** 1 for a shared category plus the similarity: 0–2, higher is better */
  score: number;
  /** shared terms, sorted */
  terms: string[];
}

export interface MatchOptions {
  /** how many suggestions to return, best first (default 20) */
  limit?: number;
  /** only suggestions at or above this score (default: any shared category or term) */
  minScore?: number;
  /** only pairs across two different pairings */
  crossPairingOnly?: boolean;
}

export const DEFAULT_MATCH_LIMIT = 20;

const STOP_TERMS = new Set([
  '需要',
  '需求',
  '提供',
  '资源',
  '我们',
  '希望',
  '相关',
  '进行',
  '开展',
  '方面',
  '一些',
  '可以',
  'the',
  'and',
  'for',
  'with',
  'of',
  'to',
  'in',
  'on',
  'our',
  'we',
  'need',
  'needs',
  'provide',
  'can',
]);

const HAN = /\p{Script=Han}/u;

/** Terms of a text: Chinese character bigrams and other words, lower-case, without filler terms. */
export function terms(text: string): Set<string> {
  const out = new Set<string>();
  // runs of Han characters, or of letters and digits
  for (const run of text.toLowerCase().match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (HAN.test(run)) {
      const chars = [...run];
      if (chars.length === 1) out.add(run);
      for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
    } else if ([...run].length >= 2) {
      out.add(run);
    }
  }
  for (const t of STOP_TERMS) out.delete(t);
  return out;
}

/** Dice coefficient of two term sets: 2|A∩B| / (|A|+|B|), 0 when either is empty. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

const textOf = (item: ListItem): string =>
  item.title ? `${item.title} ${item.description}` : item.description;
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

export function suggestMatches(
  needs: readonly ListItem[],
  resources: readonly ListItem[],
  options: MatchOptions = {},
): MatchSuggestion[] {
  const limit = options.limit ?? DEFAULT_MATCH_LIMIT;
  const openNeeds = needs.filter((n) => n.open !== false).map((n) => ({ item: n, terms: terms(textOf(n)) }));
  const openResources = resources
    .filter((r) => r.open !== false)
    .map((r) => ({ item: r, terms: terms(textOf(r)) }));
  const out: MatchSuggestion[] = [];
  for (const need of openNeeds) {
    for (const resource of openResources) {
      if (need.item.orgId === resource.item.orgId) continue;
      if (options.crossPairingOnly && need.item.pairingId === resource.item.pairingId) continue;
      const sameCategory = need.item.category === resource.item.category && need.item.category !== 'other';
      const shared = [...need.terms].filter((t) => resource.terms.has(t)).sort();
      if (!sameCategory && shared.length === 0) continue;
      const sim = round4(similarity(need.terms, resource.terms));
      const score = round4((sameCategory ? 1 : 0) + sim);
      if (options.minScore !== undefined && score < options.minScore) continue;
      out.push({
        needId: need.item.id,
        resourceId: resource.item.id,
        needPairingId: need.item.pairingId,
        resourcePairingId: resource.item.pairingId,
        needOrgId: need.item.orgId,
        resourceOrgId: resource.item.orgId,
        sameCategory,
        similarity: sim,
        score,
        terms: shared,
      });
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  out.sort((a, b) => b.score - a.score || cmp(a.needId, b.needId) || cmp(a.resourceId, b.resourceId));
  return limit >= 0 ? out.slice(0, limit) : out;
}

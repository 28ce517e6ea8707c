import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMAND_STATES } from '../pairings/enums';
import { LIST_KINDS } from '../pairings/enums';
import { PROJECT_TARGETS } from '../projects/enums';
import { AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_SUBJECTS } from './labels';

// Reads the server's sources for the action codes and object types they write to the audit log
// (in files that call appendAudit), so a new code without a Chinese and an English label fails here.

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'testing' || name === 'demo' ? [] : sources(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

interface Found {
  codes: Set<string>;
  /** template literals such as `demand.${input.to}`, as patterns */
  patterns: Set<string>;
  subjects: Set<string>;
}

function scan(): Found {
  const found: Found = { codes: new Set(), patterns: new Set(), subjects: new Set() };
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, 'utf8');
    if (!/\bappendAudit(Batch)?\(/.test(text) || file.endsWith(`${path.sep}audit.ts`)) continue;
    const where = path.relative(SERVER, file);
    // `action: <expression>` up to the next property or the end of the line
    for (const m of text.matchAll(/\baction:\s*([^\n]*?)(?:,\s*subjectType|,\s*$| \}|$)/gm)) {
      const expr = m[1]!;
      if (/'\s*\|/.test(expr)) continue; // a parameter's type (`action: 'pairing.read' | 'pairing.manage'`), not an event
      for (const t of expr.matchAll(/`([^`]*)`/g)) {
        const template = t[1]!;
        if (!template.includes('${')) found.codes.add(`${template}\t${where}`);
        else found.patterns.add(`${template.replace(/\$\{[^}]*\}/g, '[a-z_]+')}\t${where}`);
      }
      for (const s of expr.replace(/`[^`]*`/g, '').matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.codes.add(`${s[1]}\t${where}`);
    }
    // a local helper that prefixes its action (projects/plan.ts: audit(ctx, tx, project, 'task.add', …))
    const helper = /const (\w+) = \([^)]*\baction: string[^)]*\) =>\s*appendAudit\(ctx, tx, \{ action: `([a-z_]+)\.\$\{action\}`/.exec(text);
    if (helper) {
      const [, name, prefix] = helper;
      for (const call of text.matchAll(new RegExp(`\\b${name}\\(ctx, tx, \\w+, ([^\\n]*)`, 'g'))) {
        const arg = call[1]!.split(/, (?=null|before|mine|\{|[a-z]+\b(?! \?))/)[0]!;
        for (const s of arg.matchAll(/'([a-z_.]+)'/g)) found.codes.add(`${prefix}.${s[1]}\t${where}`);
      }
    }
    for (const m of text.matchAll(/\bsubjectType:\s*'([a-z_]+)'/g)) found.subjects.add(`${m[1]}\t${where}`);
  }
  return found;
}

const missing = (entries: Set<string>, has: (key: string) => boolean) => [...entries].filter((e) => !has(e.split('\t')[0]!));

describe('audit labels', () => {
  const found = scan();

  it('finds the codes the server writes (the scan itself works)', () => {
    const codes = [...found.codes].map((e) => e.split('\t')[0]);
    expect(codes).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'member.transfer', 'secretary_project.task.add', 'secretary_project.obstacle.clear']));
    expect([...found.patterns].map((e) => e.split('\t')[0])).toEqual(expect.arrayContaining(['demand.[a-z_]+']));
    expect(found.subjects.size).toBeGreaterThan(5);
  });

  it('labels every action code written in server/', () => {
    expect(missing(found.codes, (c) => Object.hasOwn(AUDIT_ACTIONS, c))).toEqual([]);
  });

  it('labels some code of every computed action, and every value of the known computed families', () => {
    const codes = Object.keys(AUDIT_ACTIONS);
    expect(missing(found.patterns, (p) => codes.some((c) => new RegExp(`^${p.replaceAll('.', '\\.').replaceAll('\\.[a-z_]+', '.[a-z_]+')}$`).test(c)))).toEqual([]);
    const family = [
      ...DEMAND_STATES.filter((s) => s !== 'submitted').map((s) => `demand.${s}`),
      ...PROJECT_TARGETS.map((s) => `secretary_project.${s}`),
      ...LIST_KINDS.flatMap((k) => [`pairing.${k}.create`, `pairing.${k}.update`]),
      'assessment.open',
      'assessment.close',
      'assessment.publish',
    ];
    expect(family.filter((c) => !Object.hasOwn(AUDIT_ACTIONS, c))).toEqual([]);
  });

  it('labels every object type written in server/', () => {
    expect(missing(found.subjects, (s) => Object.hasOwn(AUDIT_SUBJECTS, s))).toEqual([]);
  });

  it('has a Chinese and an English text for every label', () => {
    for (const table of [AUDIT_ACTIONS, AUDIT_SUBJECTS, AUDIT_FIELDS]) {
      for (const [key, texts] of Object.entries(table)) {
        expect(texts.zh.trim(), key).not.toBe('');
        expect(texts.en.trim(), key).not.toBe('');
        expect(texts.zh, key).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

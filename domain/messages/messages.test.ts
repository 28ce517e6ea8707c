import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, allMessages, hasLabel, languageOf, messageText } from './registry';

// Every message the server can send must read in Chinese and in English. The catalog is checked
// for complete texts, and the server's sources are scanned for the codes they hand to the error
// helpers, so a code used without texts (or free text where a code belongs) fails here.

const ROOT = path.resolve(__dirname, '../..');
const HAN = /\p{Script=Han}/u;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:\|\w+)?\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

interface Use {
  where: string;
  /** a code, a notFound subject, or free text where a code belongs */
  kind: 'code' | 'subject' | 'text';
  value: string;
}

const QUOTED = String.raw`(?:'([^']*)'|"([^"]*)"|\x60([^\x60]*)\x60)`;
const PATTERNS: { kind: Use['kind']; re: RegExp }[] = [
  // FieldErrors.add(field, code, params?)
  { kind: 'code', re: new RegExp(String.raw`\b(?:errors|fieldErrors|problems)\.add\(\s*(?:[^,()]|\([^)]*\))+,\s*` + QUOTED, 'g') },
  // { field, code: 'x' } and { field, message: 'free text' } in invalid([...]) or problem lists
  { kind: 'code', re: new RegExp(String.raw`\{\s*field:[^{}]*?\bcode:\s*` + QUOTED, 'g') },
  { kind: 'code', re: new RegExp(String.raw`\{\s*field:[^{}]*?\bmessage:\s*` + QUOTED, 'g') },
  { kind: 'code', re: new RegExp(String.raw`\b(?:conflict|forbidden|fileError)\(\s*` + QUOTED, 'g') },
  { kind: 'code', re: new RegExp(String.raw`\b(?:appError|new AppError)\(\s*\d+,\s*` + QUOTED, 'g') },
  // new AppError(status, code, 'free text'): shown as given, in every language
  { kind: 'text', re: new RegExp(String.raw`\bnew AppError\(\s*\d+,\s*'[^']*',\s*` + QUOTED, 'g') },
  { kind: 'subject', re: new RegExp(String.raw`\bnotFound\(\s*` + QUOTED, 'g') },
  // the domain's refusals and problems that the services pass on
  { kind: 'code', re: new RegExp(String.raw`\brefuse\(\s*\d+,\s*` + QUOTED, 'g') },
  { kind: 'code', re: new RegExp(String.raw`\bproblem\(\s*(?:[^,()]|\([^)]*\))+,\s*` + QUOTED, 'g') },
];

function uses(): Use[] {
  const found: Use[] = [];
  // the domain files that word their problems through the catalog (refuse, problem) are scanned too
  const worded = sources('domain').filter((f) => /from '\.{1,2}\/(?:messages\/)?registry'/.test(readFileSync(f, 'utf8')));
  for (const file of [...sources('server'), ...worded]) {
    const text = readFileSync(file, 'utf8');
    for (const { kind, re } of PATTERNS) {
      for (const m of text.matchAll(re)) {
        const value = m[1] ?? m[2] ?? m[3] ?? '';
        const line = text.slice(0, m.index).split('\n').length;
        found.push({ where: `${path.relative(ROOT, file)}:${line}`, kind, value });
      }
    }
  }
  return found;
}

describe('message catalog', () => {
  it('gives every code a Chinese and an English text with the same parameters', () => {
    const problems: string[] = [];
    for (const [code, texts] of Object.entries(allMessages())) {
      if (!/^[a-z][a-z0-9_]*$/.test(code)) problems.push(`${code}: not a snake_case code`);
      if (!texts.zh || !HAN.test(texts.zh)) problems.push(`${code}: no Chinese text`);
      if (!texts.en || HAN.test(texts.en)) problems.push(`${code}: no English text`);
      if (JSON.stringify(placeholders(texts.zh)) !== JSON.stringify(placeholders(texts.en))) problems.push(`${code}: zh and en name different parameters`);
    }
    expect(problems).toEqual([]);
  });

  it('defines each code in one file only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, catalog] of Object.entries(CATALOGS)) {
      for (const code of Object.keys(catalog)) {
        if (seen.has(code)) twice.push(`${code} in ${seen.get(code)} and ${file}`);
        seen.set(code, file);
      }
    }
    expect(twice).toEqual([]);
  });

  it('has texts for every code the server hands to the error helpers, and no free text in their place', () => {
    const all = uses();
    // the scan must see the calls it is meant to check, or it checks nothing
    expect(all.filter((u) => u.kind === 'code').length).toBeGreaterThan(100);
    const missing = all.flatMap((u) => {
      if (u.kind === 'text') return [`${u.where}: free text "${u.value}" (give the error a catalog code instead)`];
      if (u.kind === 'subject') return hasLabel('subject', u.value) ? [] : [`${u.where}: notFound('${u.value}') has no subject label`];
      return messageText(u.value, {}, 'zh') !== undefined ? [] : [`${u.where}: "${u.value}" has no texts in domain/messages`];
    });
    expect(missing).toEqual([]);
  });
});

describe('messageText', () => {
  it('fills parameters and shows enum values through their labels', () => {
    expect(messageText('join_age', { age: 18 }, 'zh')).toBe('入党时应年满 18 周岁');
    expect(messageText('demand_needs_active', { state: 'draft' }, 'zh')).toBe('只有生效中的结对共建才能提出诉求，本协议为“草拟”');
    expect(messageText('demand_needs_active', { state: 'draft' }, 'en')).toBe('Demands are raised in an active pairing; this one is draft');
    expect(messageText('not_found', { subject: 'organization' }, 'zh')).toBe('党组织不存在');
    expect(messageText('no_such_code', {}, 'zh')).toBeUndefined();
  });
});

describe('languageOf', () => {
  it('answers in Chinese unless English is preferred', () => {
    expect(languageOf(undefined)).toBe('zh');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('zh-CN')).toBe('zh');
    expect(languageOf('fr, en;q=0.5, zh;q=0.8')).toBe('zh');
    expect(languageOf('de')).toBe('zh');
    expect(languageOf('zh;q=0, en')).toBe('en');
  });
});

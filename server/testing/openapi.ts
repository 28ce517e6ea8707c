// Requests generated from the API's own OpenAPI document, for the fuzz and authorization walks:
// every route with its path parameters, query parameters and JSON body schema, values drawn from
// a seeded generator so every run sends the same requests.

import { addDays } from '../../domain/dates';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  default?: unknown;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** '/api/v1/orgs/{id}' */
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  /** the JSON body schema, null when the route takes none */
  body: JsonSchema | null;
  multipart: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

export function operationsOf(doc: unknown): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
        body: content['application/json']?.schema ?? null,
        multipart: 'multipart/form-data' in content || path.endsWith('/files') || path === '/api/v1/imports',
      });
    }
  }
  return out;
}

export const isWrite = (op: Operation) => op.method !== 'GET';

/** A seeded pseudo-random source with the few draws the generators need. */
export class Rand {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    // mulberry32, as domain/random.ts
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** How a generated body names the objects it points at: a field name → an id the test world holds. */
export type IdSource = (field: string) => string | undefined;

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value that satisfies the schema (as far as a generator can: ids from `ids`, dates near `today`). */
export function sample(schema: JsonSchema, rand: Rand, today: string, ids: IdSource, field = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rand.pick(schema.enum.filter((v) => v !== null).length ? schema.enum.filter((v) => v !== null) : schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const nonNull = alternatives.filter((a) => !(a.enum?.length === 1 && a.enum[0] === null) && a.type !== 'null');
    return sample(rand.pick(nonNull.length ? nonNull : alternatives), rand, today, ids, field);
  }
  if (schema.allOf) return sample(Object.assign({}, ...schema.allOf) as JsonSchema, rand, today, ids, field);
  const type = typesOf(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : 'string');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || rand.chance(0.5)) out[key] = sample(prop, rand, today, ids, key);
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const n = Math.min(schema.maxItems ?? min + 2, min + rand.int(2));
      return Array.from({ length: n }, (_, i) => sample(schema.items ?? {}, rand, today, (f) => ids(`${f}.${i}`) ?? ids(f), field));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? min + 10;
      const v = min + rand.int(Math.max(1, Math.min(max, min + 10) - min + 1));
      return type === 'integer' ? Math.trunc(v) : v;
    }
    case 'boolean':
      return rand.chance(0.5);
    default: {
      const id = ids(field);
      if (id) return id;
      if (schema.format === 'date' || /^\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/.test(schema.pattern ?? '')) return addDays(today, rand.int(60) - 30);
      if (schema.format === 'date-time') return `${addDays(today, rand.int(60) - 30)}T09:00:00+08:00`;
      if (schema.format === 'uuid') return '0190a6f2-7f5e-7c3a-8a1b-1234567890ab';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.pattern) return patternSample(schema.pattern, today);
      const min = Math.max(schema.minLength ?? 0, 1);
      const max = schema.maxLength ?? 20;
      const text = `测试${field || 'x'}${rand.int(1000)}`;
      return text.length > max ? text.slice(0, max) : text.padEnd(min, 'x');
    }
  }
}

/** A few patterns the schemas use that a plain string would not match. */
function patternSample(pattern: string, today: string): string {
  if (pattern.includes('Q[1-4]') || pattern.includes('Q')) return today.slice(0, 4);
  if (pattern.includes('\\d{4}-\\d{2}$') || pattern === '^\\d{4}-(0[1-9]|1[0-2])$') return today.slice(0, 7);
  if (pattern.includes('\\d{4}')) return today.slice(0, 4);
  if (pattern.includes('[a-z]')) return 'local_rule';
  if (pattern.includes('0-9')) return '123456';
  return 'x';
}

/** Every leaf of a generated value with its path ("roles.0.orgId"), for mutating one at a time. */
export function leaves(value: unknown, path: string[] = []): string[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...path, String(i)])) : [path];
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? entries.flatMap(([k, v]) => leaves(v, [...path, k])) : [path];
  }
  return [path];
}

export function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  (copy as Record<string, unknown>)[head!] = setAt((copy as Record<string, unknown>)[head!], rest, replacement);
  return copy;
}

/** Values a careless or hostile client sends in place of any one field. */
export const BAD_VALUES: unknown[] = [
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '   ',
  '',
  'x'.repeat(100_000),
  'e\u0301', // NFD: é as e + combining accent
  '\u202e\u200b',
  '9999-12-31',
  '1800-01-01',
  '2025-02-30',
  '0000-00-00',
  '2025-01-01T25:61:00Z',
  1e308,
  -1e308,
  2 ** 53 + 1,
  -2147483649,
  1.5,
  -1,
  0,
  true,
  null,
  {},
  [],
  ['a\u0000'],
  { $gt: '' },
];

/** Query values, as raw (already percent-encoded) text. */
export const BAD_QUERY: string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%F0%9F',
  '%C0%AF',
  '%E2%80%AE',
  '',
  '%20%20',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '1e400',
  'NaN',
  'true',
  'x'.repeat(5000),
  '9999-12-31',
  '2025-13-45',
  '2025-Q9',
  '%27%3B--',
];

const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** Cursors no list ever returned. */
export const BAD_CURSORS: string[] = [
  'x',
  '!!!',
  '%00',
  b64('["a","b"]'),
  b64('[1,2]'),
  b64('["2024-01-01\\u0000","x"]'),
  b64('["\\ud800","x"]'),
  b64('["9999999-01-01","x"]'),
  b64('["2024-13-45","x"]'),
  b64('["2024-01-01 25:00:00+08","x"]'),
  b64('["","x"]'),
  b64('["2024-01-01","\\u0000"]'),
  b64('{}'),
  b64('null'),
  b64('["a","b","c"]'),
  b64('x'.repeat(3000)),
];

/** Bodies that are not multipart/form-data as the upload routes expect, each with its content type. */
export function badMultipartBodies(): { name: string; payload: Buffer | string; contentType: string }[] {
  const boundary = '----gjfuzz';
  const part = (headers: string, content: string) => `--${boundary}\r\n${headers}\r\n\r\n${content}\r\n`;
  const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
  return [
    { name: 'no boundary', payload: 'garbage', contentType: 'multipart/form-data' },
    { name: 'empty boundary', payload: 'garbage', contentType: 'multipart/form-data; boundary=' },
    { name: 'garbage body', payload: Buffer.from([0, 1, 2, 255, 254, 13, 10]), contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'no parts', payload: `--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'cut off in the file', payload: part('Content-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf', pdf).slice(0, 60), contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'no closing boundary', payload: part('Content-Disposition: form-data; name="file"; filename="a.pdf"', pdf), contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'only a text field', payload: `${part('Content-Disposition: form-data; name="note"', 'hello')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'file under another field', payload: `${part('Content-Disposition: form-data; name="other"; filename="a.pdf"', pdf)}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'NUL in the file name', payload: `${part('Content-Disposition: form-data; name="file"; filename="a\u0000b.pdf"\r\nContent-Type: application/pdf', pdf)}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'NUL in a field', payload: `${part('Content-Disposition: form-data; name="kind"', 'members\u0000')}${part('Content-Disposition: form-data; name="file"; filename="a.pdf"', pdf)}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'no part headers', payload: `--${boundary}\r\n\r\n${pdf}\r\n--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'two files', payload: `${part('Content-Disposition: form-data; name="file"; filename="a.txt"', 'a')}${part('Content-Disposition: form-data; name="file"; filename="b.txt"', 'b')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'not an allowed type', payload: `${part('Content-Disposition: form-data; name="file"; filename="a.exe"', 'MZ\u0090\u0000')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` },
    { name: 'json instead', payload: '{"file":"x"}', contentType: 'application/json' },
  ];
}

/** The URL of an operation with its path parameters filled in and a raw query string. */
export function urlOf(op: Operation, params: Record<string, string>, query = ''): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'no-such-id');
  return query ? `${path}?${query}` : path;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gj-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const load = (env: Record<string, string>) => loadConfig({ GONGJIAN_DATA_DIR: dataDir, ...env });

describe('the log level', () => {
  it('is warnings only by default, so requests do not bury the start banner', () => {
    expect(load({}).logLevel).toBe('warn');
  });

  it('is raised by GONGJIAN_LOG_LEVEL, which wins over the older LOG_LEVEL', () => {
    expect(load({ GONGJIAN_LOG_LEVEL: 'info' }).logLevel).toBe('info');
    expect(load({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(load({ GONGJIAN_LOG_LEVEL: 'info', LOG_LEVEL: 'silent' }).logLevel).toBe('info');
  });

  it('refuses a level the logger does not know, at start rather than at the first request', () => {
    expect(() => load({ GONGJIAN_LOG_LEVEL: 'verbose' })).toThrow(/GONGJIAN_LOG_LEVEL must be one of/);
  });
});

// vitest globalSetup of the browser tests: the demo is seeded once per run into a stopped cluster,
// and every test file's server starts on a copy of it (e2e/server.ts).
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { newDataDir, seedDemo } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = newDataDir();
  await seedDemo(dir);
  project.provide('demoTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

// Vitest reporter used by scripts/run-tests.mjs. Vitest's JSON reporter does not say which project a
// test file ran in (and the same server/**/*.test.ts file runs in two projects), so this one writes
// a small summary, per project, to the file named by GONGJIAN_TEST_SUMMARY:
//   { projects: { <name>: { files, tests, passed, failed, skipped } }, unhandledErrors, reason }
// A file that fails to load (no tests collected) counts as one failed test.
import { writeFileSync } from 'node:fs';

export default class SummaryReporter {
  /** @type {string[]} */
  projectNames = [];

  /** @param {import('vitest/node').Vitest} vitest */
  onInit(vitest) {
    this.projectNames = vitest.projects.map((p) => p.name);
  }

  /**
   * @param {ReadonlyArray<import('vitest/node').TestModule>} testModules
   * @param {ReadonlyArray<unknown>} unhandledErrors
   * @param {string} reason
   */
  onTestRunEnd(testModules, unhandledErrors, reason) {
    const out = process.env.GONGJIAN_TEST_SUMMARY;
    if (!out) return;
    /** @type {Record<string, {files: number, tests: number, passed: number, failed: number, skipped: number, failedNames: string[]}>} */
    const projects = {};
    for (const name of this.projectNames) {
      projects[name] = { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, failedNames: [] };
    }
    for (const module of testModules) {
      const name = module.project.name;
      const p = (projects[name] ??= { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, failedNames: [] });
      p.files++;
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        p.tests++;
        const state = test.result().state;
        if (state === 'passed') p.passed++;
        else if (state === 'failed') {
          p.failed++;
          failedHere++;
          p.failedNames.push(`${module.relativeModuleId} > ${test.fullName}`);
        } else p.skipped++; // skipped, todo, or never run (pending)
      }
      const moduleFailed = module.state() === 'failed' || module.errors().length > 0;
      if (moduleFailed && failedHere === 0) {
        // an error outside any test: import failure, failing beforeAll/afterAll
        p.failed++;
        p.failedNames.push(`${module.relativeModuleId} (file failed: ${module.errors().map((e) => e.message).join('; ') || 'error outside tests'})`);
      }
    }
    writeFileSync(out, JSON.stringify({ projects, unhandledErrors: unhandledErrors.length, reason }, null, 2));
  }
}

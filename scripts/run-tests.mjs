#!/usr/bin/env node
// `npm test`: runs every Vitest project (unit, api-pglite, api-postgres, e2e) and prints, as the
// very last line, `N passed, N failed` (plus `, N skipped` when some were skipped).
//
// It fails (exit code 1) when a test failed, when a project ran no tests, when a test was skipped
// or left as todo, or when Vitest itself failed (bad config, unhandled error, a globalSetup that
// could not start the database, ...).
//
// Extra arguments go to Vitest:
//   npm test -- --project unit              only that project (only it must be non-empty)
//   npm test -- server/modules/orgs         a file filter: a partial run, so empty projects and
//   npm test -- -t "moves a subtree"        tests filtered out are not counted as failures
// GONGJIAN_TEST_TIMEOUT_MIN (default 45) bounds the whole run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECTS = ['unit', 'api-pglite', 'api-postgres', 'e2e'];
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const REPORTER = path.join(ROOT, 'scripts', 'vitest-summary-reporter.mjs');
const TIMEOUT_MIN = Number(process.env.GONGJIAN_TEST_TIMEOUT_MIN || 45);

// Vitest options that take a value, to tell a file filter from an option's value.
const VALUE_OPTIONS = new Set([
  '--project', '-t', '--testNamePattern', '-c', '--config', '--root', '-r', '--dir', '--reporter',
  '--outputFile', '--shard', '--maxWorkers', '--bail', '--retry', '--testTimeout', '--hookTimeout',
  '--pool', '--environment', '--exclude', '--sequence.seed', '--maxConcurrency',
]);

/** @param {string[]} args */
function describeFilters(args) {
  const projects = [];
  let partial = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--project') {
      const value = inline ?? args[++i];
      if (value) projects.push(value);
    } else if (flag === '-t' || flag === '--testNamePattern' || flag === '--changed' || flag === '--related' || flag === '--shard') {
      partial = true;
      if (inline === undefined && VALUE_OPTIONS.has(flag)) i++;
    } else if (VALUE_OPTIONS.has(flag)) {
      if (inline === undefined) i++;
    } else if (!arg.startsWith('-')) {
      partial = true; // a file filter
    }
  }
  return { projects, partial };
}

function main() {
  const args = process.argv.slice(2);
  const { projects: projectFilter, partial } = describeFilters(args);
  const dir = mkdtempSync(path.join(tmpdir(), 'gongjian-tests-'));
  const summaryFile = path.join(dir, 'summary.json');
  const vitestArgs = [VITEST, 'run', '--reporter=default', `--reporter=${REPORTER}`, ...args];

  const child = spawn(process.execPath, vitestArgs, {
    cwd: ROOT,
    stdio: 'inherit',
    detached: true, // its own process group, so a timeout stops the browsers and servers it started
    env: { ...process.env, GONGJIAN_TEST_SUMMARY: summaryFile },
  });
  const killGroup = (signal) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`\nrun-tests: the test run exceeded ${TIMEOUT_MIN} minutes; stopping it`);
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), 15_000).unref();
  }, TIMEOUT_MIN * 60_000);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => killGroup(signal));
  }

  child.on('error', (e) => {
    console.error(`run-tests: could not start Vitest: ${e.message}`);
  });
  child.on('close', (code, signal) => {
    clearTimeout(timer);
    const problems = [];
    if (timedOut) problems.push(`the run timed out after ${TIMEOUT_MIN} minutes`);
    if (code !== 0) problems.push(`vitest exited with ${signal ? `signal ${signal}` : `code ${code}`}`);

    let passed = 0;
    let failed = 0;
    let skipped = 0;
    if (!existsSync(summaryFile)) {
      problems.push('vitest wrote no results (see its output above)');
    } else {
      /** @type {{projects: Record<string, {files: number, tests: number, passed: number, failed: number, skipped: number, failedNames: string[]}>, unhandledErrors: number}} */
      const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
      console.log('\nproject        files  tests  passed  failed  skipped');
      const names = [...new Set([...PROJECTS, ...Object.keys(summary.projects)])];
      for (const name of names) {
        const p = summary.projects[name];
        if (!p) continue; // filtered out with --project
        passed += p.passed;
        failed += p.failed;
        skipped += p.skipped;
        console.log(
          `${name.padEnd(14)} ${String(p.files).padStart(5)}  ${String(p.tests).padStart(5)}  ${String(p.passed).padStart(6)}  ${String(p.failed).padStart(6)}  ${String(p.skipped).padStart(7)}`,
        );
        if (p.tests === 0 && p.failed === 0 && !partial) problems.push(`project ${name} ran no tests`);
        for (const test of p.failedNames) problems.push(`FAILED [${name}] ${test}`);
      }
      if (projectFilter.length === 0 && !partial) {
        for (const name of PROJECTS) {
          if (!summary.projects[name]) problems.push(`project ${name} is missing from vitest.config.ts`);
        }
      }
      if (skipped > 0 && !partial) problems.push(`${skipped} test(s) skipped or todo: every suite must run`);
      if (summary.unhandledErrors > 0) problems.push(`${summary.unhandledErrors} unhandled error(s)`);
    }
    rmSync(dir, { recursive: true, force: true });

    if (partial) console.log('(partial run: a file or name filter was given; empty projects and skipped tests are not failures)');
    for (const problem of problems) console.log(`run-tests: ${problem}`);
    const ok = problems.length === 0 && failed === 0;
    console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
    process.exit(ok ? 0 : 1);
  });
}

main();

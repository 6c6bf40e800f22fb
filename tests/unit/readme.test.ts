import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's quick start is a promise: two commands under one heading, that CI keeps.

const readme = fs.readFileSync('README.md', 'utf8');
const ci = fs.readFileSync('.ci/run', 'utf8');
const scripts: Record<string, string> = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts;

describe('the README’s quick start', () => {
  const section = readme.split(/^## Quick start$/m)[1]?.split(/^## /m)[0] ?? '';
  const blocks = [...section.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');

  it('is one fenced block of two commands under its heading', () => {
    expect(blocks).toHaveLength(1);
    expect((blocks[0] ?? '').trim().split('\n')).toHaveLength(2);
  });

  it('installs and runs the demo, then runs the tests, with scripts that exist', () => {
    const [run, test] = (blocks[0] ?? '').trim().split('\n');
    expect(run).toMatch(/^npm ci && npm run demo$/);
    expect(scripts.demo).toBeDefined();
    expect(test).toBe('npm test');
    expect(scripts.test).toBeDefined();
  });

  it('has its test command called by CI', () => {
    expect(ci).toMatch(/^npm test$/m);
  });
});

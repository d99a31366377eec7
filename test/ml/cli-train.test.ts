import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';

describe('pathwise train', () => {
  it('a bad --epochs exits 2 with one line naming the flag and the value', () => {
    const r = runCli(['train', 'vae', '--epochs', 'ten']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--epochs/);
    expect(lines[0]).toMatch(/"ten"/);
    expect(runCli(['train', 'vae', '--epochs', '0']).code).toBe(2);
  });
  it('an unknown model exits 2 and names it', () => {
    const r = runCli(['train', 'gan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"gan"/);
    expect(r.stderr).toMatch(/vae, dvae, diffusion/);
  });
  it('a tiny --json run prints one JSON object with the ELBO curve and writes a report', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pathwise-train-')), 'report');
    const r = runCli(['train', 'vae', '--epochs', '1', '--samples', '50', '--seed', '3', '--json', '--report', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { model: string; history: { epoch: number; testElbo: number }[]; gradientVariance: { rows: unknown[] } };
    expect(out.model).toBe('vae');
    expect(out.history.map((e) => e.epoch)).toEqual([0, 1]);
    expect(out.history[1]!.testElbo).toBeGreaterThan(out.history[0]!.testElbo);
    expect(out.gradientVariance.rows.length).toBe(5);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { sections: { id: string }[] };
    expect(report.sections.map((s) => s.id)).toEqual(['elbo', 'pictures', 'variance']);
  });
});

describe('pathwise train vae --workers', () => {
  it('the variance study on 2 worker threads: the table of --workers 1, bit for bit', () => {
    const base = ['train', 'vae', '--epochs', '1', '--samples', '40', '--seed', '5', '--json'];
    const one = runCli([...base, '--workers', '1'], { timeout: 240_000 });
    const two = runCli([...base, '--workers', '2'], { timeout: 240_000 });
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    type Out = { gradientVariance: { rows: { pathwiseVariance: number }[]; execution: { where: string; workers: number } } };
    const a = JSON.parse(one.stdout) as Out, b = JSON.parse(two.stdout) as Out;
    expect(a.gradientVariance.execution).toMatchObject({ where: 'calling thread', workers: 1 });
    expect(b.gradientVariance.execution).toMatchObject({ where: 'worker threads', workers: 2 });
    // JSON prints the shortest text that round-trips a double: equal text is equal bits.
    expect(JSON.stringify(b.gradientVariance.rows)).toBe(JSON.stringify(a.gradientVariance.rows));
  }, 480_000);
  it('--workers and --cluster belong to train vae; a bad value exits 2 with one line', () => {
    const dvae = runCli(['train', 'dvae', '--workers', '2']);
    expect(dvae.code).toBe(2);
    expect(dvae.stderr.trim().split('\n')).toHaveLength(1);
    expect(dvae.stderr).toMatch(/--workers does not apply: .*train vae's variance study/);
    const bad = runCli(['train', 'vae', '--cluster', 'http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cluster: expected a redis:\/\/ or rediss:\/\/ URL/);
  });
});

/** The default worker count, run hashes and the module check of cluster workers. */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PathwiseRangeError } from '../../src/errors.js';
import { chooseWorkers } from '../../src/parallel/choose-workers.js';
import { allowedModuleURL, canonicalJSON, moduleFileURL, portableSpec, runHash, CODE_EXT } from '../../src/parallel/run-spec.js';
import { ParallelError } from '../../src/parallel/errors.js';
import { checkJobData, checkStoredRun, defaultBlocksPerJob, jobRange, runJobs } from '../../src/parallel/cluster-jobs.js';

describe('chooseWorkers', () => {
  it('every core for a big run, one for a tiny run, never more than blocks', () => {
    expect(chooseWorkers({ blocks: 64, msPerBlock: 50, cores: 8, env: {} })).toEqual({ workers: 8, reason: 'one per core (8 cores) for ~3200 ms of work' });
    expect(chooseWorkers({ blocks: 4, msPerBlock: 1, cores: 8, env: {} })).toEqual({ workers: 1, reason: 'tiny run: ~4 ms of work, less than starting threads costs (200 ms)' });
    expect(chooseWorkers({ blocks: 3, cores: 8, env: {} })).toEqual({ workers: 3, reason: 'one per core (8 cores, 3 blocks)' });
    expect(chooseWorkers({ blocks: 1, cores: 8, env: {} }).workers).toBe(1);
    expect(chooseWorkers({ blocks: 100, cores: 1, env: {} })).toEqual({ workers: 1, reason: 'one core' });
  });
  it('PATHWISE_WORKERS overrides the default, an explicit request overrides both', () => {
    expect(chooseWorkers({ blocks: 64, cores: 8, env: { PATHWISE_WORKERS: '3' } })).toEqual({ workers: 3, reason: 'PATHWISE_WORKERS=3' });
    expect(chooseWorkers({ blocks: 64, requested: 2, env: { PATHWISE_WORKERS: '3' } })).toEqual({ workers: 2, reason: '2 requested' });
    expect(() => chooseWorkers({ blocks: 64, env: { PATHWISE_WORKERS: 'many' } })).toThrow(new PathwiseRangeError('workers: PATHWISE_WORKERS must be a positive integer, got NaN'));
    expect(() => chooseWorkers({ blocks: 64, requested: 0 })).toThrow(PathwiseRangeError);
  });
});

describe('run specs', () => {
  it('canonical JSON sorts keys; the hash depends on args, blocks and nothing else', () => {
    expect(canonicalJSON({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}');
    const spec = { module: 'file:///srv/m.js', export: 'run', args: { seed: 1, n: 2 } };
    const h = runHash(spec, 10);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(runHash({ ...spec, args: { n: 2, seed: 1 } }, 10)).toBe(h);
    expect(runHash({ ...spec, args: { n: 2, seed: 2 } }, 10)).not.toBe(h);
    expect(runHash(spec, 11)).not.toBe(h);
  });
  it('pathwise\'s own modules travel as pathwise:<path> and resolve in this installation', () => {
    const url = new URL(`../../src/random/key${CODE_EXT}`, import.meta.url).href;
    const p = portableSpec({ module: url, export: 'x', args: null });
    expect(p.module).toBe('pathwise:random/key');
    expect(moduleFileURL(p.module)).toBe(url);
    expect(moduleFileURL(url.replace(/\.ts$/, '.js'))).toBe(url);
    expect(() => moduleFileURL('pathwise:../../etc/passwd')).toThrow(ParallelError);
    expect(() => moduleFileURL('https://example.com/m.js')).toThrow('run spec: module must be a file URL, got "https://example.com/m.js"');
  });
  it('a worker imports only modules under its --modules directories, symbolic links resolved', () => {
    const root = mkdtempSync(join(tmpdir(), 'pathwise-modules-'));
    mkdirSync(join(root, 'models'));
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'models', 'ok.js'), 'export const run = 1;\n');
    writeFileSync(join(root, 'elsewhere', 'evil.js'), 'export const run = 1;\n');
    symlinkSync(join(root, 'elsewhere', 'evil.js'), join(root, 'models', 'link.js'));
    const dirs = [join(root, 'models')];
    expect(allowedModuleURL(pathToFileURL(join(root, 'models', 'ok.js')).href, dirs)).toMatch(/models\/ok\.js$/);
    expect(() => allowedModuleURL(pathToFileURL(join(root, 'models', 'link.js')).href, dirs)).toThrow(/is not under the worker's --modules directories/);
    expect(() => allowedModuleURL(`${pathToFileURL(join(root, 'models')).href}/../elsewhere/evil.js`, dirs)).toThrow(/is not under/);
    expect(() => allowedModuleURL(pathToFileURL(join(root, 'models', 'none.js')).href, dirs)).toThrow(/module not found on this machine/);
    expect(allowedModuleURL('pathwise:random/key', [])).toMatch(/random\/key\.(ts|js)$/);
  });
});

describe('cluster jobs', () => {
  it('a stored run is used only when it hashes to the run\'s name', () => {
    const spec = { module: 'file:///srv/models/m.js', export: 'run', args: { seed: 1 } };
    const { hash, stored, data } = runJobs(spec, 4);
    expect(checkStoredRun(hash, 4, stored)).toEqual(spec);
    expect(checkJobData(`${hash}-2`, data(2, 1))).toEqual(data(2, 1));
    expect(checkJobData(`${hash}-1+3`, data(1, 3))).toEqual(data(1, 3));   // blocks 1, 2, 3 in one job
    expect(jobRange(hash, `${hash}-1+3`)).toEqual({ index: 1, count: 3 });
    expect(jobRange(hash, `${hash}-2`)).toEqual({ index: 2, count: 1 });
    expect(jobRange(hash, `${'0'.repeat(64)}-2`)).toBeNull();
    expect(() => checkJobData(`${hash}-2+3`, data(2, 3))).toThrow(/not a pathwise block job/);   // past the last block
    expect(() => checkJobData(`${hash}-2+0`, data(2, 0))).toThrow(/not a pathwise block job/);
    const swapped = stored.replace('m.js', 'evil.js');
    expect(() => checkStoredRun(hash, 4, swapped)).toThrow(/stored spec does not match the run's hash/);
    expect(() => checkStoredRun(hash, 4, null)).toThrow(/no longer in Redis/);
    expect(() => checkJobData(`${hash}-3`, data(2, 1))).toThrow(/its id does not match its data/);
    expect(() => checkJobData(`${hash}-2`, data(2, 2))).toThrow(/its id does not match its data/);
    expect(() => checkJobData('x', { ...data(2, 1), pathwise: '0.0.1' })).toThrow(/submitted by pathwise "0.0.1"/);
  });

  it('jobs hold one block each up to 256 blocks, then at most 256 jobs', () => {
    expect([1, 24, 256, 257, 512, 513, 6104].map(defaultBlocksPerJob)).toEqual([1, 1, 1, 2, 2, 3, 24]);
  });
});

/**
 * What a cluster job is, and the names both sides agree on. A run's portable spec is stored once in Redis
 * under its hash (its JSON arguments may be large; a job should not copy them per block); a block's job
 * carries only the run's hash and the block index. A job names a module and arguments, never code, and a
 * worker checks that the stored spec hashes to the run's name before using it.
 */
import type { RunSpecJSON } from '../montecarlo/block.js';
import { show } from '../errors.js';
import { VERSION } from '../version.js';
import { ParallelError } from './errors.js';
import { canonicalJSON, portableSpec, runHash } from './run-spec.js';

/** Default BullMQ queue name and Redis key prefix. */
export const DEFAULT_QUEUE = 'pathwise';
export const KEY_PREFIX = 'pathwise';
export const JOB_NAME = 'block';
/** Default lock duration of a worker (ms): how soon a dead worker's job is given to another worker. */
export const DEFAULT_LOCK_MS = 10_000;
/** How many times a job may stall (its worker died) before it fails. */
export const MAX_STALLED = 2;

/** The data of one job: `count` consecutive blocks of a run from block `index`. */
export interface ClusterJobData {
  /** The run's hash (see runHash): the job id is jobId(run, index, count). */
  readonly run: string;
  readonly blocks: number;
  readonly index: number;
  readonly count: number;
  /** pathwise version of the submitter; a worker of another version refuses the job. */
  readonly pathwise: string;
}

/** What is stored once per run. */
export interface StoredRun {
  readonly spec: RunSpecJSON;
  readonly blocks: number;
}

/**
 * The job id of blocks `index … index + count − 1` of run `hash` (`${hash}-${index}` for one block):
 * resubmitting the run with the same grouping, or computing a job twice, hits the same id.
 */
export function jobId(hash: string, index: number, count = 1): string {
  return count === 1 ? `${hash}-${index}` : `${hash}-${index}+${count}`;
}

/** The first block and the block count a job id of run `hash` names; null for another run's id. */
export function jobRange(hash: string, id: string): { index: number; count: number } | null {
  const m = /^-(\d+)(?:\+(\d+))?$/.exec(id.startsWith(hash) ? id.slice(hash.length) : '');
  return m === null ? null : { index: Number(m[1]), count: m[2] === undefined ? 1 : Number(m[2]) };
}

/** Jobs a run is cut into by default: few enough that a job's Redis round trips are small beside its blocks. */
export const TARGET_JOBS = 256;

/**
 * Blocks per job when the submitter does not say: one up to TARGET_JOBS blocks, then enough that a run has at
 * most TARGET_JOBS jobs. (A run's many blocks are small ones: 1e8 paths are 6104 blocks of 2 ms, and at one
 * block per job the bookkeeping of a job, about 1 ms of CPU among the submitter, Redis and the worker, came
 * to half the computing.)
 */
export function defaultBlocksPerJob(blocks: number): number {
  return Math.max(1, Math.ceil(blocks / TARGET_JOBS));
}

/** Redis key holding a run's spec. */
export function runKey(queue: string, hash: string): string {
  return `${KEY_PREFIX}:${queue}:run:${hash}`;
}

/** A run's hash, its stored form, and the data of its job of blocks `index … index + count − 1`. */
export function runJobs(spec: RunSpecJSON, blocks: number): { hash: string; stored: string; data: (index: number, count: number) => ClusterJobData } {
  const hash = runHash(spec, blocks);
  const stored = canonicalJSON({ spec: portableSpec(spec), blocks } satisfies StoredRun);
  return { hash, stored, data: (index, count) => ({ run: hash, blocks, index, count, pathwise: VERSION }) };
}

/** Checks a job's data on the worker side (it came from Redis: anyone with access could have written it). */
export function checkJobData(id: string | undefined, data: unknown): ClusterJobData {
  const d = data as Partial<ClusterJobData> | null;
  if (d === null || typeof d !== 'object' || typeof d.run !== 'string' || !/^[0-9a-f]{64}$/.test(d.run)
    || !Number.isSafeInteger(d.blocks) || !Number.isSafeInteger(d.index) || !Number.isSafeInteger(d.count)
    || d.index! < 0 || d.count! < 1 || d.index! + d.count! > d.blocks!) {
    throw new ParallelError(`job ${String(id)}: not a pathwise block job`);
  }
  if (d.pathwise !== VERSION) throw new ParallelError(`job ${String(id)}: submitted by pathwise ${show(d.pathwise)}, this worker runs ${VERSION}`);
  if (id !== jobId(d.run, d.index!, d.count)) throw new ParallelError(`job ${String(id)}: its id does not match its data`);
  return { run: d.run, blocks: d.blocks!, index: d.index!, count: d.count!, pathwise: d.pathwise };
}

/** Parses a stored run and checks that it is the run `hash` names (so nobody can swap the module under a job). */
export function checkStoredRun(hash: string, blocks: number, text: string | null): RunSpecJSON {
  if (text === null) throw new ParallelError(`run ${hash.slice(0, 12)}…: its spec is no longer in Redis (expired or deleted); resubmit the run`);
  let r: Partial<StoredRun>;
  try {
    r = JSON.parse(text) as Partial<StoredRun>;
  } catch {
    throw new ParallelError(`run ${hash.slice(0, 12)}…: stored spec is not JSON`);
  }
  const s = r.spec as Partial<RunSpecJSON> | undefined;
  if (typeof s?.module !== 'string' || typeof s.export !== 'string' || r.blocks !== blocks) {
    throw new ParallelError(`run ${hash.slice(0, 12)}…: stored spec is not { spec: { module, export, args }, blocks: ${blocks} }`);
  }
  const spec = { module: s.module, export: s.export, args: s.args };
  if (runHash(spec, blocks) !== hash) throw new ParallelError(`run ${hash.slice(0, 12)}…: stored spec does not match the run's hash`);
  return spec;
}

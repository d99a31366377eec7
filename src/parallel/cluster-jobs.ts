/**
 * What a cluster job is: the data a submitter puts on the queue for one block, its id, and the names both
 * sides agree on. A job names a module and carries JSON arguments, never code.
 */
import type { RunSpecJSON } from '../montecarlo/block.js';
import { VERSION } from '../cli/version.js';
import { ParallelError } from './errors.js';
import { portableSpec, runHash } from './run-spec.js';

/** Default BullMQ queue name and Redis key prefix. */
export const DEFAULT_QUEUE = 'pathwise';
export const KEY_PREFIX = 'pathwise';
export const JOB_NAME = 'block';

/** The data of one block's job. */
export interface ClusterJobData {
  /** The run's hash (see runHash): the job id is `${run}-${index}`. */
  readonly run: string;
  readonly spec: RunSpecJSON;
  readonly blocks: number;
  readonly index: number;
  /** pathwise version of the submitter; a worker of another version refuses the job. */
  readonly pathwise: string;
}

/** The job id of block `index` of run `hash`: resubmitting the run, or computing a block twice, hits the same id. */
export function jobId(hash: string, index: number): string {
  return `${hash}-${index}`;
}

/** The jobs of a run, one per block. */
export function runJobs(spec: RunSpecJSON, blocks: number): { hash: string; data: (index: number) => ClusterJobData } {
  const hash = runHash(spec, blocks);
  const portable = portableSpec(spec);
  return { hash, data: (index) => ({ run: hash, spec: portable, blocks, index, pathwise: VERSION }) };
}

/** Checks a job's data on the worker side (it came from Redis: anyone with access could have written it). */
export function checkJobData(id: string | undefined, data: unknown): ClusterJobData {
  const d = data as Partial<ClusterJobData> | null;
  const s = d?.spec as Partial<RunSpecJSON> | undefined;
  if (d === null || typeof d !== 'object' || typeof d.run !== 'string' || typeof s?.module !== 'string' || typeof s.export !== 'string'
    || !Number.isSafeInteger(d.blocks) || !Number.isSafeInteger(d.index) || d.index! < 0 || d.index! >= d.blocks!) {
    throw new ParallelError(`job ${String(id)}: not a pathwise block job`);
  }
  if (d.pathwise !== VERSION) throw new ParallelError(`job ${String(id)}: submitted by pathwise ${String(d.pathwise)}, this worker runs ${VERSION}`);
  const spec = { module: s.module, export: s.export, args: s.args };
  if (runHash(spec, d.blocks!) !== d.run || id !== jobId(d.run, d.index!)) {
    throw new ParallelError(`job ${String(id)}: its id does not match its specification`);
  }
  return { run: d.run, spec, blocks: d.blocks!, index: d.index!, pathwise: d.pathwise };
}

/**
 * Redis connections for the cluster, from one URL: `redis://[user:password@]host:port[/db]` or `rediss://…`
 * for TLS (ioredis reads both). Before BullMQ is involved, a probe connects once without retrying, so an
 * unreachable server or refused credentials give one line at once instead of endless reconnection attempts.
 * ioredis is imported on first use, so that commands that never touch Redis do not pay for loading it.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { show } from '../errors.js';
import { ParallelError, firstLine, importPeer } from './errors.js';

/** The URL with its password replaced by `***` (for messages and logs). */
export function redactURL(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Checks the URL's form; throws a one-line ParallelError naming what is wrong. */
export function checkRedisURL(url: unknown): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    throw new ParallelError(`redis: expected a URL like redis://HOST:PORT or rediss://user:password@HOST:PORT, got ${show(url)}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new ParallelError(`redis: the URL must start with redis:// or rediss://, got ${show(redactURL(String(url)))}`);
  }
  return String(url);
}

function describe(url: string, e: unknown): string {
  const m = firstLine(e);
  if (/WRONGPASS|invalid password|invalid username-password/i.test(m)) return `Redis at ${redactURL(url)} refused the credentials (${m})`;
  if (/NOAUTH/i.test(m)) return `Redis at ${redactURL(url)} requires a password: put it in the URL, redis://user:password@host:port (${m})`;
  return `cannot reach Redis at ${redactURL(url)}: ${m}`;
}

/**
 * Connects once (5 s timeout, no retries) and pings; the error, if any, is one line saying what failed.
 * Resolves to the server's version.
 */
export async function probeRedis(url: string): Promise<string> {
  checkRedisURL(url);
  const { Redis } = await importPeer('ioredis', 'a cluster (Redis)', () => import('ioredis'));
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The first error is the cause (refused credentials); the promise may only say "Connection is closed".
  let cause: unknown;
  client.on('error', (e: unknown) => void (cause ??= e));
  try {
    await client.connect();
    await client.ping();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (e) {
    throw new ParallelError(describe(url, cause ?? e));
  } finally {
    client.disconnect();
  }
}

/**
 * A connection for BullMQ (`maxRetriesPerRequest: null`, as its blocking commands require). `onError` hears
 * connection errors once per distinct message (ioredis repeats them on every reconnection attempt).
 */
export async function redisConnection(url: string, onError: (message: string) => void, options: RedisOptions = {}): Promise<Redis> {
  const { Redis } = await importPeer('ioredis', 'a cluster (Redis)', () => import('ioredis'));
  const client = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 5000, ...options });
  let last = '';
  client.on('error', (e: unknown) => {
    const m = describe(url, e);
    if (m !== last) onError(m);
    last = m;
  });
  client.on('ready', () => (last = ''));
  return client;
}

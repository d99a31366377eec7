import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { key, PathwiseRangeError } from '../../src/index.js';
import { decodeDigitsGzip, parseIdx, trainTestSplit } from '../../src/ml/index.js';
import { DIGITS_PATH, loadDigits, loadIdx, loadMnist } from '../../src/ml/node.js';

/** An IDX file: magic (0, 0, type, ndim), big-endian uint32 dimensions, big-endian values. */
function idxBytes(type: number, shape: number[], values: number[]): Uint8Array {
  const width = { 0x08: 1, 0x0b: 2, 0x0e: 8 }[type]!;
  const buf = new Uint8Array(4 + 4 * shape.length + width * values.length);
  const v = new DataView(buf.buffer);
  buf.set([0, 0, type, shape.length]);
  shape.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  const at = 4 + 4 * shape.length;
  values.forEach((x, i) => {
    if (type === 0x08) v.setUint8(at + i, x);
    else if (type === 0x0b) v.setInt16(at + 2 * i, x, false);
    else v.setFloat64(at + 8 * i, x, false);
  });
  return buf;
}

describe('digits', () => {
  it('loads 1797 images of 64 pixels in [0, 1] with labels 0..9, attribution shipped alongside', () => {
    const ds = loadDigits();
    expect(ds.images.shape).toEqual([1797, 64]);
    expect(ds.labels[0]).toBe(0);
    expect(Math.max(...ds.images.data)).toBe(1);
    expect(Math.min(...ds.images.data)).toBe(0);
    const counts = new Array(10).fill(0);
    for (const l of ds.labels) counts[l]++;
    expect(Math.min(...counts)).toBeGreaterThan(170);
    expect(readFileSync(join(DIGITS_PATH, '..', 'README.md'), 'utf8')).toMatch(/CC BY 4\.0/);
  });
  it('the browser path (DecompressionStream) gives the same data', async () => {
    const ds = await decodeDigitsGzip(new Uint8Array(readFileSync(DIGITS_PATH)));
    expect(ds.images.data).toEqual(loadDigits().images.data);
  });
  it('a keyed split is disjoint, complete and reproducible', () => {
    const ds = loadDigits();
    const a = trainTestSplit(ds, key(3), 0.2);
    expect(a.test.labels.length).toBe(359);
    expect(a.train.labels.length).toBe(1438);
    expect(trainTestSplit(ds, key(3), 0.2).test.images.data).toEqual(a.test.images.data);
    expect(() => trainTestSplit(ds, key(3), 1)).toThrow(PathwiseRangeError);
  });
});

describe('IDX (MNIST format)', () => {
  it('parses a small image/label pair written here, plain and gzipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathwise-idx-'));
    const pixels = Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    writeFileSync(join(dir, 'img'), idxBytes(0x08, [3, 2, 4], pixels));
    writeFileSync(join(dir, 'lab.gz'), gzipSync(idxBytes(0x08, [3], [7, 0, 9])));
    const ds = loadMnist(join(dir, 'img'), join(dir, 'lab.gz'));
    expect(ds.images.shape).toEqual([3, 8]);
    expect(ds.width).toBe(4);
    expect(ds.height).toBe(2);
    expect([...ds.labels]).toEqual([7, 0, 9]);
    expect(ds.images.data[5]).toBeCloseTo(pixels[5]! / 255, 15);
    expect(loadIdx(join(dir, 'lab.gz')).shape).toEqual([3]);
  });
  it('reads signed 16-bit and float64 types big-endian and rejects bad files', () => {
    expect([...parseIdx(idxBytes(0x0b, [2], [-300, 5])).data]).toEqual([-300, 5]);
    expect([...parseIdx(idxBytes(0x0e, [1, 2], [0.25, -1e300])).data]).toEqual([0.25, -1e300]);
    expect(() => parseIdx(Uint8Array.of(1, 0, 8, 1))).toThrow(PathwiseRangeError);
    expect(() => parseIdx(idxBytes(0x08, [3], [1, 2, 3]).subarray(0, 10))).toThrow(/expected 11 bytes/);
  });
});

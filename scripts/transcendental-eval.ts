/**
 * Helper of scripts/check-transcendental-accuracy.py: reads little-endian float64 inputs from a file,
 * applies one elementwise kernel (WebAssembly path, or JavaScript with --js) and writes the results.
 * Run: npx tsx scripts/transcendental-eval.ts NAME IN.bin OUT.bin [--js]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  applyTranscendental, setTranscendentalWasmEnabled, type TranscendentalName,
} from '../src/ad/kernels/transcendental.js';

const [name, inPath, outPath, flag] = process.argv.slice(2);
if (name === undefined || inPath === undefined || outPath === undefined) {
  console.error('usage: transcendental-eval.ts NAME IN.bin OUT.bin [--js]');
  process.exit(2);
}
setTranscendentalWasmEnabled(flag !== '--js');
const buf = readFileSync(inPath);
const x = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
const out = new Float64Array(x.length);
applyTranscendental(name as TranscendentalName, x, out);
writeFileSync(outPath, new Uint8Array(out.buffer));

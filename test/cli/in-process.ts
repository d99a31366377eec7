/** Runs the `pathwise` command in this process through `main(argv, { io })`, capturing its output. */
import { main } from '../../src/cli/main.js';
import type { CliIo, OutStream } from '../../src/cli/common.js';
import type { ReportFs } from '../../src/report/index.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Buffer implements OutStream {
  text = '';
  readonly isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export async function pathwise(args: readonly string[], options: { fs?: ReportFs; checkOnly?: boolean } = {}): Promise<Captured> {
  const stdout = new Buffer(), stderr = new Buffer();
  const io: CliIo = { stdout, stderr, env: { NO_COLOR: '1' }, ...(options.fs !== undefined ? { fs: options.fs } : {}) };
  const code = await main(args, { io, checkOnly: options.checkOnly ?? false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The one-line error contract: exit code, one line "pathwise: …" matching `message`, no stack frames. */
export function expectOneLine(r: Captured, code: number, message: RegExp | string): string | null {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const problems: string[] = [];
  if (r.code !== code) problems.push(`exit code ${r.code}, expected ${code}`);
  if (lines.length !== 1) problems.push(`${lines.length} lines on stderr, expected 1: ${JSON.stringify(r.stderr)}`);
  if (/^\s+at /m.test(r.stderr)) problems.push('a stack trace on stderr');
  const line = lines[0] ?? '';
  if (!line.startsWith('pathwise: ')) problems.push(`stderr does not start with "pathwise: ": ${JSON.stringify(line)}`);
  const text = line.slice('pathwise: '.length);
  if (typeof message === 'string' ? text !== message : !message.test(text)) problems.push(`message ${JSON.stringify(text)} does not match ${String(message)}`);
  return problems.length === 0 ? null : problems.join('; ');
}

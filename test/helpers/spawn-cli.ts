/** Starts a `tsx` CLI entry in a child process and waits (8 s at most) for its first stdout line. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createInterface } from 'node:readline';

export interface RunningCli {
  child: ChildProcess;
  /** The first line the CLI printed. */
  line: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGKILL when still running (for `finally`). */
  kill(): void;
}

export async function startCli(cliPath: string, args: readonly string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no output within 8 s')), 8000);
      createInterface({ input: child.stdout }).once('line', (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      child.once('exit', () => reject(new Error('exited before printing')));
    });
    return { child, line, exited, kill };
  } catch (error) {
    kill();
    throw error;
  }
}

/**
 * A test CLI's `--help` (test/platforms/<platform>/cli.ts): prints `usage` and starts nothing; every
 * option it lists is one `parseArgs` reads; an unknown one is refused with the same lines.
 */
export function expectCliHelp(cli: URL, usage: string, parseArgs: (args: string[]) => unknown): void {
  expect(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(cli), '--help'], { encoding: 'utf8', timeout: 20_000 })).toBe(`${usage}\n`);
  for (const flag of usage.matchAll(/^  (--[a-z-]+)/gm)) expect(() => parseArgs([flag[1]!, 'x'])).not.toThrow(`unknown option ${flag[1]}`);
  expect(() => parseArgs(['--nope'])).toThrow(`unknown option --nope\n${usage}`);
}

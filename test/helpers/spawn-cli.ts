/** Starts a `tsx` CLI entry in a child process and waits (8 s at most) for its first stdout line. */
import { spawn, type ChildProcess } from 'node:child_process';
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

/** Start a server process and wait for its "ready" line; stop it cleanly. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  proc: ChildProcess;
  /** Milliseconds from spawn to the ready line. */
  readyMs: number;
  port: number;
  /** The last of what it printed (stdout and stderr), for a failing test to show. */
  output(): string;
  stop(): Promise<void>;
}

export function startChild(cmd: string, args: string[], env: Record<string, string>, ready: RegExp, cwd: string): Promise<Child> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const proc = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`not ready in 30 s: ${buffer.slice(-500)}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = ready.exec(buffer);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout?.off('data', onData);
      proc.stderr?.off('data', onData);
      const keep = (c: Buffer) => (buffer = (buffer + c.toString()).slice(-20_000));
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      const stop = () =>
        new Promise<void>((done) => {
          if (proc.exitCode !== null) return done();
          proc.once('exit', () => done());
          proc.kill('SIGTERM');
        });
      resolve({ proc, readyMs: performance.now() - t0, port: Number(m[1] ?? env.PORT ?? 0), output: () => buffer, stop });
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${buffer.slice(-500)}`));
    });
  });
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
}

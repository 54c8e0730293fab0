import { ChildProcess, spawn } from 'node:child_process';

const READY_POLL_MS = 200;
const STOP_TIMEOUT_MS = 35_000;
const OUTPUT_LINES_KEPT = 40;

export interface ChildServerOptions {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  // Answers 200 once the server can take the load.
  readyUrl: string;
  readyTimeoutMs?: number;
}

export interface ChildServer {
  name: string;
  pid: number;
  // The last lines the child wrote, for error messages.
  output(): string;
  stop(): Promise<void>;
}

// Runs a server under test in a process of its own, so that the load generator in the bench
// process never shares its event loop.
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  // BENCH_CPU_PROF_DIR: the service writes V8 CPU profiles there (one per thread) as it exits.
  const profile = options.name === 'service' && process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, options.script], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ChildServer = {
    name: options.name,
    pid: child.pid ?? -1,
    output: () => lines.join('\n'),
    stop: () => stopChild(child, exited),
  };
  try {
    await waitUntilReady(child, options);
  } catch (error) {
    await server.stop();
    const output = server.output();
    throw new Error(`${options.name}: ${error instanceof Error ? error.message : String(error)}${output ? `\n--- last output ---\n${output}` : ''}`, { cause: error });
  }
  return server;
}

async function waitUntilReady(child: ChildProcess, options: ChildServerOptions): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const attempts = Math.ceil(timeoutMs / READY_POLL_MS);
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited before it was ready (code ${child.exitCode ?? child.signalCode})`);
    const status = await fetch(options.readyUrl, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw new Error(`${options.readyUrl} did not answer 200 within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) {
    child.kill('SIGKILL');
    await exited;
  }
}

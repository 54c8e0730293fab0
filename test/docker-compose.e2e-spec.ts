import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT } from '../src/config/config';

// There is no Docker engine where the tests run, so the compose file and the Dockerfile are parsed
// and their health checks run here as plain node commands against stand-ins.

const DOCKER_DIR = join(__dirname, '..', 'docker');
const APP_SERVICES = ['api', 'worker'] as const;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: Array<string | number | { target?: number; published?: string | number }>;
  volumes?: Array<string | { type?: string; source?: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Compose files may use `<<` merge keys (this one does); Compose resolves them, so must we.
function loadCompose(): ComposeFile {
  return parse(readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;
}

// `environment` is either a map or a list of KEY=VALUE (or bare KEY) strings.
function environmentNames(environment: ComposeService['environment']): string[] {
  if (!environment) return [];
  if (Array.isArray(environment)) return environment.map((entry) => String(entry).split('=')[0].trim());
  return Object.keys(environment);
}

function environmentValue(environment: ComposeService['environment'], name: string): string | undefined {
  if (!environment) return undefined;
  if (Array.isArray(environment)) {
    const entry = environment.map(String).find((item) => item.split('=')[0].trim() === name);
    return entry?.includes('=') ? entry.slice(entry.indexOf('=') + 1) : undefined;
  }
  const value = environment[name];
  return value === undefined || value === null ? undefined : String(value);
}

// Names the service does not read: a typo, or a setting that belongs to another container.
function unknownVariables(names: string[]): string[] {
  return names.filter((name) => !Object.prototype.hasOwnProperty.call(ENVIRONMENT, name));
}

function dependencies(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? [];
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, options]) => [name, options?.condition]));
}

// Named volumes a service mounts (bind mounts start with / or . and are not named volumes).
function namedVolumes(service: ComposeService): string[] {
  return (service.volumes ?? [])
    .map((volume) => (typeof volume === 'string' ? volume.split(':')[0] : volume.type === undefined || volume.type === 'volume' ? volume.source : undefined))
    .filter((source): source is string => !!source && !/^[./~$]/.test(source));
}

// The argv a health check runs: ['CMD', ...argv] as is, CMD-SHELL and plain strings through sh.
function healthcheckArgv(test: string | string[] | undefined): string[] {
  if (test === undefined) return [];
  if (typeof test === 'string') return ['sh', '-c', test];
  const [kind, ...rest] = test;
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return ['sh', '-c', rest.join(' ')];
  return [];
}

// Runs a health check's `node ...` argv with this machine's node; resolves to its exit code.
function runNodeCheck(argv: string[], env: Record<string, string>): Promise<number> {
  expect(argv[0]).toBe('node');
  return new Promise((resolve) => {
    execFile(process.execPath, argv.slice(1), { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }, (error) => {
      resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0);
    });
  });
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

// A port nothing listens on: bound by this process, then released.
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await close(server);
  return port;
}

// A stand-in for the service's GET /health answering with the given status.
async function withHealthServer<T>(status: number, run: (port: number) => Promise<T>): Promise<{ result: T; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(request.url === '/health' ? status : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: status === 200 ? 'ok' : 'error' }));
  });
  const port = await listen(server);
  try {
    return { result: await run(port), paths };
  } finally {
    await close(server);
  }
}

describe('docker/compose.yaml', () => {
  const compose = loadCompose();
  const services = compose.services ?? {};

  it('should define postgres, redis, mailpit, api and worker when parsed', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(['api', 'mailpit', 'postgres', 'redis', 'worker']));
  });

  it('should give every service a health check when parsed', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, disabled: service.healthcheck?.disable === true }).toEqual({ name, disabled: false });
      expect({ name, argv: healthcheckArgv(service.healthcheck?.test).length > 0 }).toEqual({ name, argv: true });
    }
  });

  it('should build api and worker from docker/Dockerfile when the context is the repository root', () => {
    for (const name of APP_SERVICES) {
      const build = services[name].build;
      expect(typeof build).toBe('object');
      expect(build).toMatchObject({ context: '..', dockerfile: 'docker/Dockerfile' });
    }
  });

  it('should set ROLE=api for api and ROLE=worker for worker when they start', () => {
    expect(environmentValue(services.api.environment, 'ROLE')).toBe('api');
    expect(environmentValue(services.worker.environment, 'ROLE')).toBe('worker');
  });

  it('should only set variables the service reads when api and worker get their environment', () => {
    for (const name of APP_SERVICES) {
      const names = environmentNames(services[name].environment);
      expect(names.length).toBeGreaterThan(0);
      expect({ service: name, unknown: unknownVariables(names) }).toEqual({ service: name, unknown: [] });
    }
  });

  it('should point api and worker at the compose servers when they get their environment', () => {
    for (const name of APP_SERVICES) {
      const environment = services[name].environment;
      expect(environmentValue(environment, 'DATABASE_URL')).toBe('postgres://giaoban:giaoban@postgres:5432/giaoban');
      expect(environmentValue(environment, 'REDIS_URL')).toBe('redis://redis:6379');
      expect(environmentValue(environment, 'SMTP_URL')).toBe('smtp://mailpit:1025');
    }
  });

  it('should require ADMIN_API_KEY from the shell and publish port 3000 when api is defined', () => {
    expect(environmentValue(services.api.environment, 'ADMIN_API_KEY')).toMatch(/^\$\{ADMIN_API_KEY:\?.+\}$/);
    expect((services.api.ports ?? []).map(String)).toContain('3000:3000');
    expect(services.worker.ports ?? []).toEqual([]);
  });

  it('should give api and worker the same PORTAL_LINK_SECRET, required from the shell', () => {
    for (const name of APP_SERVICES) expect(environmentValue(services[name].environment, 'PORTAL_LINK_SECRET')).toMatch(/^\$\{PORTAL_LINK_SECRET:\?.+\}$/);
  });

  it('should start api and worker only when postgres and redis are healthy', () => {
    for (const name of APP_SERVICES) {
      const dependsOn = dependencies(services[name]);
      expect(dependsOn).toMatchObject({ postgres: 'service_healthy', redis: 'service_healthy' });
    }
    expect(dependencies(services.worker)).toMatchObject({ mailpit: 'service_healthy' });
  });

  it('should mount every top-level volume and declare every named volume when services use them', () => {
    const declared = Object.keys(compose.volumes ?? {}).sort();
    const used = [...new Set(Object.values(services).flatMap(namedVolumes))].sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(used).toEqual(declared);
    expect(namedVolumes(services.postgres)).toHaveLength(1);
    expect(namedVolumes(services.redis)).toHaveLength(1);
  });

  it('should keep Redis data in an append-only file when redis runs', () => {
    const command = services.redis as ComposeService & { command?: string | string[] };
    const argv = Array.isArray(command.command) ? command.command : String(command.command ?? '').split(/\s+/);
    expect(argv[argv.indexOf('--appendonly') + 1]).toBe('yes');
  });

  describe('api health check', () => {
    const argv = healthcheckArgv(services.api?.healthcheck?.test);

    it('should pass when GET /health answers 200', async () => {
      const { result, paths } = await withHealthServer(200, (port) => runNodeCheck(argv, { PORT: String(port) }));
      expect(result).toBe(0);
      expect(paths).toEqual(['/health']);
    });

    it('should fail when GET /health answers 503', async () => {
      const { result } = await withHealthServer(503, (port) => runNodeCheck(argv, { PORT: String(port) }));
      expect(result).not.toBe(0);
    });
  });

  describe('worker health check', () => {
    const argv = healthcheckArgv(services.worker?.healthcheck?.test);

    it('should pass when Redis answers PING', async () => {
      const redisUrl = process.env.REDIS_URL;
      expect(redisUrl).toBeDefined();
      expect(await runNodeCheck(argv, { REDIS_URL: redisUrl as string })).toBe(0);
    });

    it('should fail when nothing listens at REDIS_URL', async () => {
      const port = await closedPort();
      expect(await runNodeCheck(argv, { REDIS_URL: `redis://127.0.0.1:${port}` })).not.toBe(0);
    });

    it('should fail when the server at REDIS_URL does not answer +PONG', async () => {
      const server = createTcpServer((socket) => socket.on('data', () => socket.end('-ERR unknown command\r\n')));
      const port = await listen(server);
      try {
        expect(await runNodeCheck(argv, { REDIS_URL: `redis://127.0.0.1:${port}` })).not.toBe(0);
      } finally {
        await close(server);
      }
    });
  });
});

describe('unknownVariables', () => {
  it('should report a name when ENVIRONMENT does not have it', () => {
    expect(unknownVariables(['ROLE', 'DATABSE_URL', 'POSTGRES_PASSWORD', 'PORT'])).toEqual(['DATABSE_URL', 'POSTGRES_PASSWORD']);
  });

  it('should report nothing when every name is in ENVIRONMENT', () => {
    expect(unknownVariables(Object.keys(ENVIRONMENT))).toEqual([]);
  });

  it('should read the names when environment is a list of KEY=VALUE strings', () => {
    const list = ['ROLE=worker', 'REDIS_URL=redis://redis:6379/0?x=a=b', 'LOG_LEVEL', 'SMTP_HOST=mailpit'];
    expect(environmentNames(list)).toEqual(['ROLE', 'REDIS_URL', 'LOG_LEVEL', 'SMTP_HOST']);
    expect(environmentValue(list, 'REDIS_URL')).toBe('redis://redis:6379/0?x=a=b');
    expect(environmentValue(list, 'LOG_LEVEL')).toBeUndefined();
    expect(unknownVariables(environmentNames(list))).toEqual(['SMTP_HOST']);
  });

  it('should read the names when environment is a map', () => {
    expect(environmentNames({ ROLE: 'api', PORT: 3000, TYPO_URL: null })).toEqual(['ROLE', 'PORT', 'TYPO_URL']);
    expect(environmentValue({ PORT: 3000 }, 'PORT')).toBe('3000');
  });
});

interface Instruction {
  keyword: string;
  args: string;
}

// Dockerfile instructions with line continuations joined and comments (parser directives too) dropped.
function dockerfileInstructions(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && current === '')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${current}${line}`.trim());
    current = '';
  }
  if (current.trim()) logical.push(current.trim());
  return logical
    .filter((line) => line !== '')
    .map((line) => {
      const keyword = line.split(/\s+/)[0];
      return { keyword: keyword.toUpperCase(), args: line.slice(keyword.length).trim() };
    });
}

function stages(instructions: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

describe('docker/Dockerfile', () => {
  const instructions = dockerfileInstructions(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8'));
  const all = stages(instructions);
  const runtime = all.at(-1) ?? [];
  const find = (keyword: string) => runtime.filter((instruction) => instruction.keyword === keyword);

  it('should have a build stage and a runtime stage when parsed', () => {
    expect(instructions[0]?.keyword).toBe('FROM');
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) expect(stage[0].args).toMatch(/^node:20-bookworm-slim(\s|$)/);
    expect(runtime.some((instruction) => instruction.keyword === 'COPY' && /--from=\S+.*\bdist\b/.test(instruction.args))).toBe(true);
  });

  it('should install only production dependencies when the runtime stage is built', () => {
    expect(find('RUN').some((instruction) => /npm ci\b.*--omit=dev/.test(instruction.args))).toBe(true);
    expect(find('ENV').map((instruction) => instruction.args)).toContain('NODE_ENV=production');
    expect(find('EXPOSE').map((instruction) => instruction.args)).toContain('3000');
  });

  it('should run as the node user when the container starts', () => {
    expect(find('USER').at(-1)?.args).toBe('node');
  });

  it('should start dist/src/main.js when the container runs', () => {
    const cmd = find('CMD').at(-1);
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd?.args ?? 'null')).toEqual(['node', 'dist/src/main.js']);
  });

  describe('HEALTHCHECK', () => {
    const healthcheck = find('HEALTHCHECK').at(-1);
    const argv = (): string[] => {
      const match = /\bCMD\s+(\[.*\])\s*$/.exec(healthcheck?.args ?? '');
      return match ? (JSON.parse(match[1]) as string[]) : [];
    };

    it('should be declared in the runtime stage when parsed', () => {
      expect(healthcheck).toBeDefined();
      expect(argv()[0]).toBe('node');
    });

    it('should pass when GET /health answers 200', async () => {
      const { result, paths } = await withHealthServer(200, (port) => runNodeCheck(argv(), { PORT: String(port) }));
      expect(result).toBe(0);
      expect(paths).toEqual(['/health']);
    });

    it('should fail when GET /health answers 503', async () => {
      const { result } = await withHealthServer(503, (port) => runNodeCheck(argv(), { PORT: String(port) }));
      expect(result).not.toBe(0);
    });
  });
});

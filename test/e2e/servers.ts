/**
 * Starts Backstage for the end-to-end test much as `yarn start` does (the
 * app's dev server and the backend, with app-config.yaml), on ports of its
 * own so that a developer's instance on :3000/:7007 does not collide, and
 * with a fresh SQLite directory in a temporary folder (backend.log and
 * app.log go there too) so that a test run never touches .data/. Stopping
 * kills each server's whole process group. Also the API helpers the test
 * uses to wait for the scans and to know what the UI should show.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export type Backstage = {
  appUrl: string;
  backendUrl: string;
  /** The last lines the servers printed, for failure reports. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
};

export type Ports = { app: number; backend: number };

/** Waits for `check` to return a value (not undefined) or throws after `timeoutMs`. */
async function poll<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError ? ` (last error: ${String(lastError)})` : '';
      throw new Error(`Timed out after ${timeoutMs / 1000}s: ${what}${reason}`);
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(
        new Error(
          `Port ${port} is in use; set E2E_APP_PORT / E2E_BACKEND_PORT to free ports`,
        ),
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

/** The config layered over app-config.yaml: ports, temporary SQLite, quick first scans. */
function writeTestConfig(tmpDir: string, ports: Ports): string {
  const appUrl = `http://localhost:${ports.app}`;
  const backendUrl = `http://localhost:${ports.backend}`;
  const file = path.join(tmpDir, 'app-config.e2e.yaml');
  // JSON is valid YAML, and needs no quoting rules.
  const config = {
    app: { baseUrl: appUrl },
    backend: {
      baseUrl: backendUrl,
      listen: { port: ports.backend },
      cors: { origin: appUrl },
      database: {
        client: 'better-sqlite3',
        connection: { directory: path.join(tmpDir, 'sqlite') },
      },
    },
    // The examples enter the catalog within seconds; scan them soon after.
    infraCompliance: {
      schedule: { initialDelay: { seconds: 10 } },
      newEntities: { frequency: { seconds: 5 }, initialDelay: { seconds: 5 } },
    },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

type Server = { logFile: string; stop(): Promise<void> };

/** Spawns a server in its own process group, its output going to `logFile`. */
function spawnServer(
  command: string[],
  cwd: string,
  logFile: string,
  env: NodeJS.ProcessEnv,
): Server {
  const log = createWriteStream(logFile);
  const child = spawn(command[0], command.slice(1), {
    cwd,
    // Own process group: stop() kills the server and everything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const exitPromise = new Promise<void>(resolve =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  // Never leave a server behind, whatever way this process ends.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  return {
    logFile,
    async stop() {
      if (!exited) {
        killGroup('SIGTERM');
        const timeout = new Promise(resolve => setTimeout(resolve, 10_000));
        await Promise.race([exitPromise, timeout]);
      }
      // Children may outlive the group leader: kill what is left.
      killGroup('SIGKILL');
      process.removeListener('exit', onExit);
      log.end();
    },
  };
}

/**
 * The backend runs as `backstage-cli package start` runs it (same loader,
 * entry point and NODE_ENV) but without its file watcher: a test's server
 * must not restart when someone edits a file during the run.
 */
export async function startBackstage(
  tmpDir: string,
  ports: Ports,
): Promise<Backstage> {
  await assertPortFree(ports.app);
  await assertPortFree(ports.backend);
  const configArgs = [
    '--config',
    path.join(REPO_ROOT, 'app-config.yaml'),
    '--config',
    writeTestConfig(tmpDir, ports),
  ];
  const backend = spawnServer(
    [
      process.execPath,
      '--enable-source-maps',
      '--require',
      path.join(
        REPO_ROOT,
        'node_modules/@backstage/cli/config/nodeTransform.cjs',
      ),
      'src/index.ts',
      ...configArgs,
    ],
    path.join(REPO_ROOT, 'packages/backend'),
    path.join(tmpDir, 'backend.log'),
    { NODE_ENV: 'development' },
  );
  const app = spawnServer(
    [
      process.execPath,
      path.join(REPO_ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'start',
      ...configArgs,
    ],
    path.join(REPO_ROOT, 'packages/app'),
    path.join(tmpDir, 'app.log'),
    { BROWSER: 'none' },
  );
  const tail = (file: string, lines: number) =>
    readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  return {
    appUrl: `http://localhost:${ports.app}`,
    backendUrl: `http://localhost:${ports.backend}`,
    logTail(lines = 30) {
      return [backend, app]
        .map(server => `${server.logFile}:\n${tail(server.logFile, lines)}`)
        .join('\n');
    },
    async stop() {
      await Promise.all([app.stop(), backend.stop()]);
    },
  };
}

async function fetchJson(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<any> {
  const response = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${response.status}`);
  }
  return response.json();
}

export async function waitForReadiness(
  backstage: Backstage,
  timeoutMs: number,
): Promise<void> {
  await poll('backend readiness', timeoutMs, async () => {
    const url = `${backstage.backendUrl}/.backstage/health/v1/readiness`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.ok ? true : undefined;
  });
  // The dev server answers once the first bundle is compiled.
  await poll('app dev server', timeoutMs, async () => {
    const response = await fetch(backstage.appUrl, {
      signal: AbortSignal.timeout(60_000),
    });
    const html = await response.text();
    return response.ok && html.includes('<div id="root">') ? true : undefined;
  });
}

/** A guest user's Backstage token, as the app gets it when signing in. */
export async function guestToken(backendUrl: string): Promise<string> {
  const body = await fetchJson(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return body.backstageIdentity.token;
}

export async function getApi(
  backendUrl: string,
  token: string,
  apiPath: string,
): Promise<any> {
  return fetchJson(`${backendUrl}/api/infra-compliance${apiPath}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Waits until the backend has scanned `count` entities (each has a grade). */
export async function waitForScannedEntities(
  backendUrl: string,
  count: number,
  timeoutMs: number,
): Promise<Array<{ name: string; grade: string }>> {
  const token = await guestToken(backendUrl);
  return poll(`${count} scanned entities`, timeoutMs, async () => {
    const page = await getApi(backendUrl, token, '/entities?limit=100');
    const graded = page.items.filter((item: any) => item.grade);
    return graded.length >= count ? graded : undefined;
  });
}

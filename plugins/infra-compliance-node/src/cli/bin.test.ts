import { constants } from 'node:buffer';
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScanReport } from '@infra-compliance/backstage-plugin-infra-compliance-common';

const BIN = path.resolve(__dirname, '../../bin/infra-compliance');

/**
 * Runs the installed command in its own process, stdout and stderr piped;
 * with `closeStdout`, stdout's pipe is closed before the command writes to
 * it, as `| head` closes it once it has read enough; with `stdoutTo` or
 * `stderrTo`, that stream goes to the file instead (`> /dev/full`); with
 * `stdin`, that text is piped to it, with `stdinFrom`, that file or folder
 * is its standard input (`< configs/`; else its standard input is empty).
 */
function run(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  {
    closeStdout = false,
    stdoutTo,
    stderrTo,
    stdin,
    stdinFrom,
  }: {
    closeStdout?: boolean;
    stdoutTo?: string;
    stderrTo?: string;
    stdin?: string;
    stdinFrom?: string;
  } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let input: number | 'ignore' | 'pipe' =
      stdin === undefined ? 'ignore' : 'pipe';
    if (stdinFrom !== undefined) input = openSync(stdinFrom, 'r');
    const opened = [stdoutTo, stderrTo].map(file =>
      file === undefined ? 'pipe' : openSync(file, 'w'),
    );
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: [input, ...opened],
      env,
    });
    for (const fd of [input, ...opened])
      if (typeof fd === 'number') closeSync(fd);
    // A command that exits without reading all of it closes the pipe: no failure of the test.
    child.stdin?.on('error', () => {}).end(stdin);
    if (closeStdout) child.stdout?.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', chunk => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

describe('bin/infra-compliance', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'infra-compliance-bin-'));
    // 400 unencrypted queues: a report far larger than a pipe's buffer.
    const resources = Array.from(
      { length: 400 },
      (_, i) =>
        `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: queue-${i}\n`,
    ).join('');
    writeFileSync(
      path.join(root, 'template.yaml'),
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`,
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('pipes a large report out whole before it exits with the scan exit code, and tells it in one line on stderr once written', async () => {
    const { code, stdout, stderr } = await run([
      'scan',
      root,
      '--format',
      'json',
      '--fail-on',
      'low',
    ]);
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.files).toEqual([
      { path: 'template.yaml', format: 'cloudformation', resources: 400 },
    ]);
    expect(
      report.findings.filter(finding => finding.ruleId === 'ENC-003'),
    ).toHaveLength(400);
    expect(stderr).toBe(
      'infra-compliance: wrote the json report to the standard output: 801 findings (0 critical, 0 high, 400 medium, 401 low), grade F (0), 1 file scanned\n' +
        'infra-compliance: exit 1: 801 unsuppressed findings at or above low (--fail-on low)\n',
    );
    expect(code).toBe(1);
  }, 60_000);

  it("keeps V8's compiled code for the next run where Node can (22.1+)", async () => {
    const cache = mkdtempSync(
      path.join(os.tmpdir(), 'infra-compliance-compile-cache-'),
    );
    try {
      const { code } = await run(
        [
          'scan',
          root,
          '--format',
          'json',
          '--output',
          path.join(cache, 'report.json'),
        ],
        {
          ...process.env,
          NODE_COMPILE_CACHE: cache,
        },
      );
      expect(code).toBe(0);
      const supported =
        typeof (require('node:module') as { enableCompileCache?: unknown })
          .enableCompileCache === 'function';
      const cached = readdirSync(cache).filter(name => name !== 'report.json');
      expect(cached.length > 0).toBe(supported);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);

  it.each([
    [['rules'], 0, ''],
    [['--help'], 0, ''],
    [
      ['scan', '<root>', '--format', 'json', '--fail-on', 'low'],
      1,
      // Why it exits 1, on stderr, which is still open.
      'infra-compliance: exit 1: 801 unsuppressed findings at or above low (--fail-on low)\n',
    ],
  ])(
    'ends quietly with its exit code when the reader closes the pipe: %j',
    async (args, exitCode, said) => {
      const { code, stderr } = await run(
        args.map(arg => (arg === '<root>' ? root : arg)),
        process.env,
        { closeStdout: true },
      );
      expect(stderr).toBe(said);
      expect(code).toBe(exitCode);
    },
    60_000,
  );

  // A device where every write fails for want of space, as on a full disk (Linux).
  const describeWithDevFull = existsSync('/dev/full')
    ? describe
    : describe.skip;

  describeWithDevFull('with stdout or stderr on a full disk', () => {
    it.each([[['rules']], [['scan', '<root>', '--format', 'json']]])(
      'exits 2 with the reason when stdout cannot be written (a full disk): %j',
      async args => {
        const { code, stderr } = await run(
          args.map(arg => (arg === '<root>' ? root : arg)),
          process.env,
          { stdoutTo: '/dev/full' },
        );
        expect(stderr).toBe(
          'infra-compliance: cannot write to the standard output: ENOSPC: no space left on device, write\n',
        );
        expect(code).toBe(2);
      },
      60_000,
    );

    it('keeps the exit code of the scan when stderr cannot be written', async () => {
      const output = path.join(root, 'report.json');
      try {
        const { code } = await run(
          ['scan', root, '--format', 'json', '--output', output],
          process.env,
          { stderrTo: '/dev/full' },
        );
        expect(code).toBe(0);
        expect(
          (JSON.parse(readFileSync(output, 'utf8')) as ScanReport).findings
            .length,
        ).toBeGreaterThan(0);
      } finally {
        rmSync(output, { force: true });
      }
    }, 60_000);
  });

  it('reads --config - and --baseline - from the standard input, named <stdin> in errors, and refuses it empty or for both', async () => {
    const scan = ['scan', root, '--format', 'json', '--fail-on', 'low'];
    const configured = await run([...scan, '--config', '-'], process.env, {
      stdin: 'rules:\n  disable: [ENC-003]\n',
    });
    expect(configured.code).toBe(1);
    const { findings } = JSON.parse(configured.stdout) as ScanReport;
    expect(findings).toHaveLength(401);
    expect(findings.map(finding => finding.ruleId)).not.toContain('ENC-003');

    const report = (await run(scan)).stdout;
    const compared = await run([...scan, '--baseline', '-'], process.env, {
      stdin: report,
    });
    expect(compared.code).toBe(0);
    expect(
      (JSON.parse(compared.stdout) as ScanReport).findings.map(
        finding => finding.baselineState,
      ),
    ).toEqual(Array(801).fill('unchanged'));

    for (const [args, stdin, message] of [
      [
        ['--config', '-'],
        'rules:\n  disable: [X]\n',
        '<stdin>:2: rules.disable names unknown rule id(s) X',
      ],
      [
        ['--baseline', '-'],
        '{}',
        'the baseline <stdin> is not a report of infra-compliance scan --format json (it needs findings with fingerprints)',
      ],
      [
        ['--baseline', '-'],
        undefined,
        '--baseline - reads a JSON report from the standard input, which is empty: pipe it in',
      ],
      [
        ['--config', '-'],
        undefined,
        '--config - reads a config from the standard input, which is empty: pipe it in',
      ],
      [
        ['--config', '-', '--baseline', '-'],
        report,
        '--config - and --baseline - both name the standard input: give one of them a file',
      ],
    ] as const)
      expect(await run([...scan, ...args], process.env, { stdin })).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${message}\n`,
      });
    // A folder there (< configs/), which Node reads as nothing, is not called empty.
    for (const option of ['--config', '--baseline'])
      expect(
        await run([...scan, option, '-'], process.env, { stdinFrom: root }),
      ).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${option} -: cannot read the standard input: is a directory\n`,
      });
  }, 60_000);

  it('reads a --baseline report that starts with a UTF-8 byte order mark, as PowerShell writes one, from a file or the standard input', async () => {
    const scan = ['scan', root, '--format', 'json', '--fail-on', 'low'];
    const report = `\ufeff${(await run(scan)).stdout}`;
    // Outside the scanned folder, whose JSON files are read as templates.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'infra-compliance-bom-'));
    const baseline = path.join(folder, 'base.json');
    writeFileSync(baseline, report);
    try {
      for (const [args, options] of [
        [['--baseline', baseline], {}],
        [['--baseline', '-'], { stdin: report }],
      ] as const) {
        const compared = await run([...scan, ...args], process.env, options);
        expect(compared.code).toBe(0);
        expect(
          (JSON.parse(compared.stdout) as ScanReport).findings.map(
            finding => finding.baselineState,
          ),
        ).toEqual(Array(801).fill('unchanged'));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an empty file name for --config and --baseline as for --output, before reading the current folder', async () => {
    for (const [args, option] of [
      [['--config='], '--config'],
      [['-c', ''], '--config'],
      [['--baseline='], '--baseline'],
      [['--baseline', ''], '--baseline'],
      [['--output='], '--output'],
    ] as const)
      expect(await run(['scan', root, ...args])).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${option} needs a file name\n`,
      });
  }, 60_000);

  it('exits 2 for a --baseline longer than a string can be (512 MiB), from a file or the standard input alike', async () => {
    // Sparse: no disk space taken.
    const huge = path.join(root, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, constants.MAX_STRING_LENGTH + 1);
    try {
      const scan = ['scan', root, '--format', 'json', '--baseline'];
      for (const [args, options, name] of [
        [[...scan, huge], {}, huge],
        [[...scan, '-'], { stdinFrom: huge }, '<stdin>'],
      ] as const)
        expect(await run([...args], process.env, options)).toEqual({
          code: 2,
          stdout: '',
          stderr: `infra-compliance: cannot read the baseline ${name}: Cannot create a string longer than 0x${constants.MAX_STRING_LENGTH.toString(
            16,
          )} characters\n`,
        });
    } finally {
      rmSync(huge);
    }
  }, 60_000);

  it('exits 2 on a usage error, with the reason on stderr', async () => {
    const { code, stdout, stderr } = await run([
      'scan',
      root,
      '--format',
      'xml',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('xml');
  }, 60_000);
  it('calls only functions of dist/cli/main that the package entry point re-exports, the only ones its build keeps', () => {
    // Installed, the bin loads dist/cli/main.cjs.js, which the build writes
    // with only the exports that src/index.ts takes from ./cli/main: a
    // function missing there is not a function in the published package.
    const called = [...readFileSync(BIN, 'utf8').matchAll(/\bcli\.(\w+)/g)].map(
      ([, name]) => name,
    );
    const reExport = /export\s*{([^}]*)}\s*from\s*'\.\/cli\/main'/.exec(
      readFileSync(path.resolve(__dirname, '../index.ts'), 'utf8'),
    );
    const reExported = (reExport?.[1] ?? '')
      .split(',')
      .map(name => name.trim().split(/\s+as\s+/)[0])
      .filter(Boolean);
    expect(called).toContain('main');
    expect(
      [...new Set(called)].filter(name => !reExported.includes(name)),
    ).toEqual([]);
  });
});

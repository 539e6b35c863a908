import nodeFs, {
  mkdtempSync,
  promises as fs,
  rmSync,
  symlinkSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  Finding,
  RULE_CATALOG,
  ScanReport,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { SarifLog, toMarkdown } from '../report';
import { ALL_RULES } from '../rules';
import { validateSarif } from '../report/__testUtils__/sarifSchema';
import { fingerprint } from '../engine/evaluateGraph';
import { main } from './main';

const SERVICE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrderTopic:
    Type: AWS::SNS::Topic
  OrderProcessor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !Ref OrderTopic
  OrderLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 7
  LegacyLogs:
    Type: AWS::Logs::LogGroup
    Metadata:
      infra-compliance:
        suppress:
          - id: LOG-002
            reason: kept forever by legal hold
`;

const LEGACY_TEMPLATE = `{
  "Resources": {
    "OldLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": {}
    }
  }
}
`;

const BROKEN_TEMPLATE = `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: [unclosed
`;

/** A CDK app of one stack made of constructs the scanner does not model. */
const NETWORK_APP = `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
const app = new cdk.App();
const stack = new cdk.Stack(app, 'Network');
const vpc = new ec2.Vpc(stack, 'Vpc');
new ec2.Instance(stack, 'Site', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: new ec2.AmazonLinuxImage() });
new efs.FileSystem(stack, 'Api', { vpc });
new efs.FileSystem(stack, 'Jobs', { vpc });
`;

async function writeNetworkApp() {
  await write('network/cdk.json', '{ "app": "npx ts-node bin/app.ts" }');
  await write('network/bin/app.ts', NETWORK_APP);
}

/** 1-based line of the first line containing `text`. */
function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex(line => line.includes(text));
  if (index < 0) throw new Error(`${text} not in the fixture`);
  return index + 1;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let root: string;
let stdout: string;
let stderr: string;

async function run(...args: string[]): Promise<Run> {
  stdout = '';
  stderr = '';
  const code = await main(['node', 'infra-compliance', ...args]);
  return { code, stdout, stderr };
}

async function write(relative: string, text: string) {
  const file = path.join(root, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  return file;
}

/**
 * What a run wrote on stderr before the summary line that a report for
 * machines printed to stdout ends it with when stdout is no terminal (as
 * in the tests), and the line saying why it exits 1 when it does.
 */
function beforeSummary({ stderr: text }: Run, format = 'json'): string {
  const summary = new RegExp(
    `infra-compliance: wrote the ${format} report to the standard output: [^\n]+\n(infra-compliance: exit 1: [^\n]+\n)?$`,
  ).exec(text);
  expect(summary).not.toBeNull();
  return text.slice(0, summary!.index);
}

function json(result: Run): ScanReport {
  expect(beforeSummary(result)).toBe('');
  return JSON.parse(result.stdout);
}

/** Colour variables of the environment the tests run in (jest gives its workers FORCE_COLOR=1 in a terminal). */
const colourEnvironment = {
  FORCE_COLOR: process.env.FORCE_COLOR,
  NO_COLOR: process.env.NO_COLOR,
};

beforeEach(async () => {
  delete process.env.FORCE_COLOR;
  delete process.env.NO_COLOR;
  // Real: SARIF names files by their real paths (a temporary folder may be under a symlink, as on macOS).
  root = nodeFs.realpathSync(
    mkdtempSync(path.join(os.tmpdir(), 'infra-compliance-cli-')),
  );
  await write('service/template.yaml', SERVICE_TEMPLATE);
  await write('legacy/stack.json', LEGACY_TEMPLATE);
  await write('README.md', '# not infrastructure\n');
  jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(
      (
        chunk: string | Uint8Array,
        encoding?: BufferEncoding | (() => void),
        callback?: () => void,
      ) => {
        stdout += String(chunk);
        // Written: the callback, if any, is told so, as a stream tells it.
        (typeof encoding === 'function' ? encoding : callback)?.();
        return true;
      },
    );
  jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
});

afterEach(() => {
  for (const [name, value] of Object.entries(colourEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  jest.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('scan --format table (default)', () => {
  it('groups findings by file with their line, severity, rule and resource, then the summary', async () => {
    const result = await run('scan', root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toMatch(/^service\/template\.yaml$/m);
    expect(out).toMatch(/^legacy\/stack\.json$/m);
    const fnLine = lineOf(SERVICE_TEMPLATE, 'OrderProcessor:');
    expect(out).toMatch(
      new RegExp(
        `^ +${fnLine}  high +DLQ-001 +OrderProcessor +Function OrderProcessor `,
        'm',
      ),
    );
    // The row sits under its file's header: file:line is readable from the table.
    const section = out.slice(out.indexOf('service/template.yaml'));
    expect(section.slice(0, section.indexOf('\n\n'))).toContain(
      `${fnLine}  high`,
    );
    expect(out).toMatch(
      /\[suppressed: kept forever by legal hold\] Log group LegacyLogs/,
    );
    expect(out).toMatch(/^Grade [A-F], score \d+\/100$/m);
    expect(out).toMatch(
      /^\d+ findings: 0 critical, \d+ high, \d+ medium, \d+ low; 1 suppressed$/m,
    );
    expect(out).toMatch(
      /^ {2}Dead-letter queues +\d+ {2}\(\d+ passed, \d+ failed\)$/m,
    );
    expect(out).toMatch(/^Files: 2 scanned \(2 cloudformation\), 0 skipped$/m);
    expect(out).not.toContain('\u001b[');
  });

  it('names the constructs each program makes that are not modelled, which are not judged, after the files', async () => {
    await writeNetworkApp();
    const lines = (await run('scan', root)).stdout.split('\n');
    expect(
      lines.slice(lines.findIndex(line => line.startsWith('Files:'))),
    ).toEqual([
      'Files: 3 scanned (2 cloudformation, 1 cdk), 0 skipped',
      '  network/bin/app.ts (cdk): not modelled, not judged: aws-ec2.Instance, aws-efs.FileSystem (2 constructs)',
      '',
    ]);
  });

  it('shows n/a for categories with no check', async () => {
    const result = await run('scan', root, '--rules', 'LOG-002');
    expect(result.stdout).toMatch(/^ {2}Dead-letter queues +n\/a$/m);
    expect(result.stdout).toMatch(/^ {2}Logging +\d+ {2}\(/m);
  });

  it('colours only when asked (--color) and never with --no-color', async () => {
    expect((await run('scan', root, '--color')).stdout).toContain('\u001b[');
    expect((await run('scan', root, '--no-color')).stdout).not.toContain(
      '\u001b[',
    );
  });

  it('colours a terminal unless NO_COLOR is set to a non-empty value', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    Object.defineProperty(process.stdout, 'isTTY', {
      value: true,
      configurable: true,
    });
    try {
      expect((await run('scan', root)).stdout).toContain('\u001b[');
      process.env.NO_COLOR = '';
      expect((await run('scan', root)).stdout).toContain('\u001b[');
      process.env.NO_COLOR = '1';
      expect((await run('scan', root)).stdout).not.toContain('\u001b[');
    } finally {
      if (descriptor)
        Object.defineProperty(process.stdout, 'isTTY', descriptor);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });

  it('colours a piped table when FORCE_COLOR is set (a CI log), but not with FORCE_COLOR=0, --no-color or in an --output file', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    Object.defineProperty(process.stdout, 'isTTY', {
      value: false,
      configurable: true,
    });
    try {
      process.env.FORCE_COLOR = '';
      expect((await run('scan', root)).stdout).not.toContain('\u001b[');
      for (const force of ['1', 'true', '3']) {
        process.env.FORCE_COLOR = force;
        expect((await run('scan', root)).stdout).toContain('\u001b[');
      }
      // FORCE_COLOR is the more specific wish of the two, as Node reads them.
      process.env.NO_COLOR = '1';
      expect((await run('scan', root)).stdout).toContain('\u001b[');
      expect((await run('scan', root, '--no-color')).stdout).not.toContain(
        '\u001b[',
      );
      const report = path.join(root, 'out', 'report.txt');
      await run('scan', root, '--output', report);
      expect(await fs.readFile(report, 'utf8')).not.toContain('\u001b[');
      for (const force of ['0', 'false']) {
        process.env.FORCE_COLOR = force;
        expect((await run('scan', root)).stdout).not.toContain('\u001b[');
      }
      Object.defineProperty(process.stdout, 'isTTY', {
        value: true,
        configurable: true,
      });
      expect((await run('scan', root)).stdout).not.toContain('\u001b[');
      expect((await run('scan', root, '--color')).stdout).toContain('\u001b[');
    } finally {
      if (descriptor)
        Object.defineProperty(process.stdout, 'isTTY', descriptor);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });

  it('warns when --output names a file of another format and --format is not given, and writes the table all the same', async () => {
    const sarif = path.join(root, 'out', 'results.SARIF');
    const result = await run('scan', root, '--output', sarif);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(
      `infra-compliance: warning: ${sarif} gets a table, the default format: add --format sarif for the report its name suggests`,
    );
    expect(await fs.readFile(sarif, 'utf8')).toMatch(
      /^service\/template\.yaml$/m,
    );
    const jsonReport = path.join(root, 'out', 'report.json');
    expect((await run('scan', root, '-o', jsonReport)).stderr).toContain(
      `warning: ${jsonReport} gets a table, the default format: add --format json or --format gitlab for the report its name suggests`,
    );
    // Given, even as table: what the user asked for.
    for (const args of [
      ['--format', 'table', '--output', sarif],
      ['--format', 'sarif', '--output', jsonReport],
      ['--output', path.join(root, 'out', 'report.txt')],
    ])
      expect((await run('scan', root, ...args)).stderr).not.toContain(
        'warning',
      );
  });

  it('wraps the table to the width of the terminal it prints to, and only there', async () => {
    const descriptors = {
      isTTY: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'),
      columns: Object.getOwnPropertyDescriptor(process.stdout, 'columns'),
    };
    const piped = await run('scan', root, '--no-color');
    expect(
      Math.max(...piped.stdout.split('\n').map(l => l.length)),
    ).toBeGreaterThan(80);
    Object.defineProperty(process.stdout, 'isTTY', {
      value: true,
      configurable: true,
    });
    Object.defineProperty(process.stdout, 'columns', {
      value: 80,
      configurable: true,
    });
    try {
      for (const args of [['scan', root, '--no-color'], ['rules']]) {
        const lines = (await run(...args)).stdout.split('\n');
        expect(lines.filter(line => line.length > 80)).toEqual([]);
      }
      // Every word of a message is still there, in order.
      const words = (text: string) => text.split(/\s+/).filter(Boolean);
      const wrapped = await run('scan', root, '--no-color');
      expect(words(wrapped.stdout)).toEqual(words(piped.stdout));
      // Where the columns leave a title under 40 characters, it goes below its row, as a message does.
      Object.defineProperty(process.stdout, 'columns', {
        value: 60,
        configurable: true,
      });
      const narrow = (await run('rules')).stdout.split('\n');
      expect(narrow.filter(line => line.length > 60)).toEqual([]);
      const row = narrow.findIndex(line => line.startsWith('DLQ-001'));
      expect(narrow.slice(row, row + 2)).toEqual([
        expect.stringMatching(/^DLQ-001 +high +dlq$/),
        expect.stringMatching(/^ {6}Asynchronously invoked function/),
      ]);
      // A terminal that reports no width (0 columns: a pseudo-terminal never sized) gets what a pipe gets.
      Object.defineProperty(process.stdout, 'columns', {
        value: 0,
        configurable: true,
      });
      expect((await run('scan', root, '--no-color')).stdout).toBe(piped.stdout);
      Object.defineProperty(process.stdout, 'isTTY', {
        value: false,
        configurable: true,
      });
      const pipedRules = (await run('rules')).stdout;
      Object.defineProperty(process.stdout, 'isTTY', {
        value: true,
        configurable: true,
      });
      expect((await run('rules')).stdout).toBe(pipedRules);
    } finally {
      for (const [key, descriptor] of Object.entries(descriptors)) {
        if (descriptor) Object.defineProperty(process.stdout, key, descriptor);
        else delete (process.stdout as unknown as Record<string, unknown>)[key];
      }
    }
  });

  it('prints a progress line on stderr only when stderr is a terminal', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', {
      value: true,
      configurable: true,
    });
    try {
      const result = await run('scan', root, '--format', 'json');
      expect(result.stderr).toContain('\r\u001b[Kscanned 2/2 files');
      expect(JSON.parse(result.stdout).version).toBe(1);
    } finally {
      if (descriptor)
        Object.defineProperty(process.stderr, 'isTTY', descriptor);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('clears the progress line on a terminal before it writes a warning, the next update writing it again', async () => {
    // Warned of when its scan starts, docs' progress line shown.
    await write(
      'service/.infra-compliance.yaml',
      'rules:\n  disable: [OPS-003, OPS-003]\n',
    );
    // Holds no infrastructure code: warned of once both paths are scanned, service's progress line shown.
    await fs.mkdir(path.join(root, 'docs'));
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const descriptor = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', {
      value: true,
      configurable: true,
    });
    try {
      const result = await run('scan', 'docs', 'service', '--format', 'json');
      expect(beforeSummary(result)).toBe(
        [
          '\r\u001b[Kdiscovering files in docs (1/2)…',
          '\r\u001b[K',
          'infra-compliance: warning: service/.infra-compliance.yaml:2: rules.disable names OPS-003 more than once (OPS-003, OPS-003): once is enough\n',
          '\r\u001b[Kdiscovering files in service (2/2)…',
          '\r\u001b[Kscanned 1/1 files in service (2/2)',
          '\r\u001b[K',
          'infra-compliance: warning: no infrastructure-as-code file found in docs\n',
        ].join(''),
      );
    } finally {
      if (descriptor)
        Object.defineProperty(process.stderr, 'isTTY', descriptor);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });
});

describe('scan --format json', () => {
  it('prints the report of DESIGN.md: version, files, skipped, programs, findings, unusedSuppressions, scorecard', async () => {
    const report = json(await run('scan', root, '--format', 'json'));
    expect(Object.keys(report)).toEqual([
      'version',
      'files',
      'skipped',
      'programs',
      'findings',
      'unusedSuppressions',
      'scorecard',
    ]);
    expect(report.unusedSuppressions).toEqual([]);
    expect(report.programs).toEqual([]);
    expect(report.version).toBe(1);
    expect(report.files).toEqual([
      { path: 'legacy/stack.json', format: 'cloudformation', resources: 1 },
      {
        path: 'service/template.yaml',
        format: 'cloudformation',
        resources: expect.any(Number),
      },
    ]);
    const dlq = report.findings.find(f => f.ruleId === 'DLQ-001')!;
    expect(dlq).toEqual({
      ruleId: 'DLQ-001',
      severity: 'high',
      category: 'dlq',
      file: 'service/template.yaml',
      line: lineOf(SERVICE_TEMPLATE, 'OrderProcessor:'),
      resourceId: 'OrderProcessor',
      resourceType: 'AWS::Serverless::Function',
      message: expect.stringContaining('OrderProcessor'),
      remediation: expect.any(String),
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      confidence: 'high',
      format: 'cloudformation',
    });
    const suppressed = report.findings.find(
      f => f.resourceId === 'LegacyLogs' && f.ruleId === 'LOG-002',
    );
    expect(suppressed?.suppressed).toEqual({
      kind: 'inline',
      reason: 'kept forever by legal hold',
    });
    expect(report.scorecard.grade).toMatch(/^[A-F]$/);
    expect(report.scorecard.categories.dlq).toEqual({
      score: 0,
      passed: 0,
      failed: 1,
    });
    expect(report).not.toHaveProperty('checks');
    expect(report).not.toHaveProperty('durationMs');
  });

  it('lists the constructs each program makes that are not modelled, by class, with how many', async () => {
    await writeNetworkApp();
    const report = json(await run('scan', root, '--format', 'json'));
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'network/cdk.json',
        main: 'network/bin/app.ts',
        files: ['network/bin/app.ts'],
        notModelled: [
          { type: 'aws-ec2.Instance', count: 1 },
          { type: 'aws-efs.FileSystem', count: 2 },
        ],
      },
    ]);
  });

  it('gives the same fingerprints on a second scan', async () => {
    const first = json(await run('scan', root, '--format', 'json'));
    const second = json(await run('scan', root, '--format', 'json'));
    expect(second.findings.map(f => f.fingerprint)).toEqual(
      first.findings.map(f => f.fingerprint),
    );
    expect(new Set(first.findings.map(f => f.fingerprint)).size).toBe(
      first.findings.length,
    );
  });

  it('reports a file that does not parse as PARSE-001 and scans the rest', async () => {
    await write('broken/bad.yaml', BROKEN_TEMPLATE);
    const report = json(await run('scan', root, '--format', 'json'));
    const parse = report.findings.filter(f => f.ruleId === 'PARSE-001');
    expect(parse).toEqual([
      expect.objectContaining({
        file: 'broken/bad.yaml',
        severity: 'high',
        category: 'parsing',
        resourceId: '',
      }),
    ]);
    expect(report.findings.some(f => f.ruleId === 'DLQ-001')).toBe(true);
  });

  it('scans a single file, with its path and fingerprints as a scan of the current directory reports them', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const report = json(
      await run('scan', 'service/template.yaml', '--format', 'json'),
    );
    expect(report.files.map(f => f.path)).toEqual(['service/template.yaml']);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings).toEqual(
      json(await run('scan', '.', '--format', 'json')).findings.filter(
        f => f.file === 'service/template.yaml',
      ),
    );
  });
});

describe('--format', () => {
  it('is taken in any case, as --fail-on is', async () => {
    const lower = await run('scan', root, '--format', 'json');
    expect(await run('scan', root, '--format', 'JSON')).toEqual(lower);
    const sarif: SarifLog = JSON.parse(
      (await run('scan', root, '--format', 'Sarif')).stdout,
    );
    expect(sarif.version).toBe('2.1.0');
    expect(await run('scan', root, '-f', 'TABLE', '--no-color')).toEqual(
      await run('scan', root, '--no-color'),
    );
    expect(await run('rules', '--format', 'Json')).toEqual(
      await run('rules', '--format', 'json'),
    );
  });
});

describe('several paths', () => {
  it('reports paths relative to the current directory and keeps fingerprints apart', async () => {
    await write('copy/service/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const report = json(
      await run('scan', 'service', 'copy', '--format', 'json'),
    );
    expect(report.files.map(f => f.path)).toEqual([
      'copy/service/template.yaml',
      'service/template.yaml',
    ]);
    const dlq = report.findings.filter(f => f.ruleId === 'DLQ-001');
    expect(dlq.map(f => f.file)).toEqual([
      'copy/service/template.yaml',
      'service/template.yaml',
    ]);
    expect(dlq[0].fingerprint).not.toBe(dlq[1].fingerprint);
    expect(report.scorecard.categories.dlq).toEqual({
      score: 0,
      passed: 0,
      failed: 2,
    });
  });

  it('lists each program once, by the paths of the root that reports its entry point', async () => {
    for (const app of ['a', 'b']) {
      await write(`apps/${app}/Pulumi.yaml`, 'name: app\nruntime: nodejs\n');
      await write(
        `apps/${app}/index.ts`,
        "import * as aws from '@pulumi/aws';\nnew aws.sqs.Queue('jobs');\n",
      );
    }
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const report = json(
      await run('scan', 'apps/b', 'apps', '--format', 'json'),
    );
    expect(report.programs).toEqual(
      ['a', 'b'].map(app => ({
        format: 'pulumi',
        project: `apps/${app}/Pulumi.yaml`,
        main: `apps/${app}/index.ts`,
        files: [`apps/${app}/index.ts`],
      })),
    );
  });

  it('gives each finding the fingerprint a scan of the current directory gives it', async () => {
    await write('copy/service/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const whole = json(await run('scan', '.', '--format', 'json'));
    const parts = json(
      await run('scan', 'service', 'copy', '--format', 'json'),
    );
    const identity = (f: ScanReport['findings'][number]) =>
      `${f.fingerprint} ${f.file}:${f.line}`;
    const inParts = parts.findings.map(identity);
    expect(inParts.length).toBeGreaterThan(0);
    expect(whole.findings.map(identity)).toEqual(
      expect.arrayContaining(inParts),
    );
  });

  it('gives a file outside the current directory its absolute URI in SARIF, never a path with ../', async () => {
    await write('app/stack/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'app'));
    const report = json(
      await run('scan', 'stack', '../service', '--format', 'json'),
    );
    expect(report.files.map(f => f.path)).toEqual([
      '../service/template.yaml',
      'stack/template.yaml',
    ]);
    const sarif: SarifLog = JSON.parse(
      (await run('scan', 'stack', '../service', '--format', 'sarif')).stdout,
    );
    expect(validateSarif(sarif)).toEqual([]);
    const locations = new Map(
      sarif.runs[0].results.map(r => {
        const location = r.locations[0].physicalLocation.artifactLocation;
        return [location.uri, location];
      }),
    );
    expect([...locations.values()]).toEqual([
      {
        uri: pathToFileURL(path.join(root, 'service/template.yaml')).href,
      },
      { uri: 'stack/template.yaml', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('names files in SARIF from the root of the Git repository, whatever folder is scanned from where', async () => {
    // GitHub code scanning reads a relative URI from the repository's root, whatever originalUriBaseIds says.
    await fs.mkdir(path.join(root, '.git'));
    await write('app/stack/template.yaml', SERVICE_TEMPLATE);
    const locationsOf = async (...args: string[]) => {
      const sarif: SarifLog = JSON.parse(
        (await run('scan', ...args, '--format', 'sarif')).stdout,
      );
      expect(validateSarif(sarif)).toEqual([]);
      expect(sarif.runs[0].originalUriBaseIds).toEqual({
        '%SRCROOT%': { uri: pathToFileURL(`${root}/`).href },
      });
      return [
        ...new Set(
          sarif.runs[0].results.map(r =>
            JSON.stringify(r.locations[0].physicalLocation.artifactLocation),
          ),
        ),
      ].map(location => JSON.parse(location));
    };
    const stack = { uri: 'app/stack/template.yaml', uriBaseId: '%SRCROOT%' };
    const service = { uri: 'service/template.yaml', uriBaseId: '%SRCROOT%' };

    jest.spyOn(process, 'cwd').mockReturnValue(root);
    expect(await locationsOf('app/stack')).toEqual([stack]);
    expect(await locationsOf('app/stack/template.yaml')).toEqual([stack]);
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'app'));
    expect(await locationsOf('.')).toEqual([stack]);
    expect(await locationsOf('stack', '../service')).toEqual([service, stack]);
    // The JSON report's paths, and so the fingerprints, stay relative to the path scanned.
    expect(
      json(await run('scan', 'stack', '--format', 'json')).files.map(
        f => f.path,
      ),
    ).toEqual(['template.yaml']);
  });

  it('names files in SARIF from the repository the scanned paths are in, not the current directory', async () => {
    await fs.mkdir(path.join(root, 'repo/.git'), { recursive: true });
    await write('repo/a/template.yaml', SERVICE_TEMPLATE);
    await write('repo/b/template.yaml', SERVICE_TEMPLATE);
    await fs.mkdir(path.join(root, 'other/.git'), { recursive: true });
    await write('other/infra/template.yaml', SERVICE_TEMPLATE);
    const sarifOf = async (...args: string[]) => {
      const sarif: SarifLog = JSON.parse(
        (await run('scan', ...args, '--format', 'sarif')).stdout,
      );
      expect(validateSarif(sarif)).toEqual([]);
      return {
        srcRoot: sarif.runs[0].originalUriBaseIds?.['%SRCROOT%'].uri,
        uris: [
          ...new Set(
            sarif.runs[0].results.map(
              r => r.locations[0].physicalLocation.artifactLocation.uri,
            ),
          ),
        ],
      };
    };
    // Run from the folder the repository was checked out in (actions/checkout's `path`).
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    expect(await sarifOf('repo/a', 'repo/b')).toEqual({
      srcRoot: pathToFileURL(path.join(root, 'repo/')).href,
      uris: ['a/template.yaml', 'b/template.yaml'],
    });
    // Paths in two repositories: the one run from is the one the log is for; the other's files are absolute.
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'repo/a'));
    expect(await sarifOf('.', '../../other/infra')).toEqual({
      srcRoot: pathToFileURL(path.join(root, 'repo/')).href,
      uris: [
        pathToFileURL(path.join(root, 'other/infra/template.yaml')).href,
        'a/template.yaml',
      ],
    });
  });

  it('names files in SARIF from the repository a symlinked path leads into', async () => {
    // A linked work tree's (or a submodule's) .git is a file.
    await write(
      'checkout/.git',
      'gitdir: /elsewhere/.git/worktrees/checkout\n',
    );
    await write('checkout/services/orders/template.yaml', SERVICE_TEMPLATE);
    symlinkSync(
      path.join(root, 'checkout/services/orders'),
      path.join(root, 'orders'),
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const sarif: SarifLog = JSON.parse(
      (await run('scan', 'orders', '--format', 'sarif')).stdout,
    );
    expect(sarif.runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: pathToFileURL(path.join(root, 'checkout/')).href },
    });
    expect([
      ...new Set(
        sarif.runs[0].results.map(r =>
          JSON.stringify(r.locations[0].physicalLocation.artifactLocation),
        ),
      ),
    ]).toEqual([
      JSON.stringify({
        uri: 'services/orders/template.yaml',
        uriBaseId: '%SRCROOT%',
      }),
    ]);
    // The JSON report's paths stay those of the path given.
    expect(
      json(await run('scan', 'orders', '--format', 'json')).files.map(
        f => f.path,
      ),
    ).toEqual(['template.yaml']);
  });

  it('names a symlink it skips where the link is, not where it leads, in SARIF, GitHub annotations and JUnit', async () => {
    await write(
      'checkout/.git',
      'gitdir: /elsewhere/.git/worktrees/checkout\n',
    );
    await write('checkout/shared/queue.yaml', SERVICE_TEMPLATE);
    await write('checkout/orders/template.yaml', SERVICE_TEMPLATE);
    symlinkSync(
      '../shared/queue.yaml',
      path.join(root, 'checkout/orders/queue.yaml'),
    );
    symlinkSync('../shared', path.join(root, 'checkout/orders/lib'));
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'checkout'));
    const skipped = ['orders/lib', 'orders/queue.yaml'];
    expect(
      json(await run('scan', 'orders', '--format', 'json')).skipped,
    ).toEqual(
      ['lib', 'queue.yaml'].map(file => ({
        path: file,
        reason: 'symlink leaves the scanned root',
      })),
    );
    const sarif: SarifLog = JSON.parse(
      (await run('scan', 'orders', '--format', 'sarif')).stdout,
    );
    expect(
      sarif.runs[0].invocations[0].toolExecutionNotifications?.map(
        notification =>
          notification.locations?.[0].physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(skipped);
    expect((await run('scan', 'orders', '--format', 'github')).stdout).toMatch(
      /2 files were skipped, not scanned: orders\/lib \(symlink leaves the scanned root\), orders\/queue\.yaml \(symlink leaves the scanned root\)/,
    );
    const junit = (await run('scan', 'orders', '--format', 'junit')).stdout;
    expect(
      [
        ...junit.matchAll(
          /classname="not-judged\.skipped-files" name="([^"]+)" file="([^"]+)"/g,
        ),
      ].map(match => [match[1], match[2]]),
    ).toEqual(skipped.map(file => [file, file]));
  });

  it('outside a Git repository, names files in Code Quality and JUnit from the current directory, and in GitHub annotations by their absolute path', async () => {
    await write('infra/orders/template.yaml', SERVICE_TEMPLATE);
    const pathsOf = async (format: string, ...paths: string[]) => {
      const report = (await run('scan', ...paths, '--format', format)).stdout;
      const named =
        format === 'gitlab'
          ? JSON.parse(report).map(
              (issue: { location: { path: string } }) => issue.location.path,
            )
          : [
              ...report.matchAll(
                format === 'github'
                  ? /^::\w+ file=([^,]+),/gm
                  : / file="([^"]+)"/g,
              ),
            ].map(match => match[1]);
      return [...new Set(named)];
    };
    // A CI job runs in its checkout, from whose root GitLab reads a path: not from the folder scanned.
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    expect(await pathsOf('gitlab', 'infra/orders')).toEqual([
      'infra/orders/template.yaml',
    ]);
    expect(await pathsOf('junit', 'infra/orders')).toEqual([
      'infra/orders/template.yaml',
    ]);
    // GitHub's runner names an absolute path from its workspace, whatever the step's working directory.
    expect(await pathsOf('github', 'infra/orders')).toEqual([
      path.join(root, 'infra/orders/template.yaml'),
    ]);
    // A folder outside the current directory: no relative path names it.
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'infra'));
    expect(await pathsOf('gitlab', '../service')).toEqual([
      path.join(root, 'service/template.yaml'),
    ]);
    // The JSON report's paths, and so the fingerprints, stay relative to the folder scanned.
    expect(
      json(await run('scan', 'orders', '--format', 'json')).files.map(
        f => f.path,
      ),
    ).toEqual(['template.yaml']);
  });

  it('scans a path given inside a folder the outer walk passes over (vendor)', async () => {
    await write('vendor/mod/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const outer = json(await run('scan', '.', '--format', 'json'));
    expect(outer.files.map(f => f.path)).not.toContain(
      'vendor/mod/template.yaml',
    );
    const both = json(await run('scan', '.', 'vendor/mod', '--format', 'json'));
    expect(both.files.map(f => f.path)).toContain('vendor/mod/template.yaml');
    expect(both.findings.some(f => f.file === 'vendor/mod/template.yaml')).toBe(
      true,
    );
  });

  it('keeps a finding on a project file no root lists (a cdk.json that does not parse)', async () => {
    await write('app/cdk.json', '{ "app": ');
    await write('app/bin/app.ts', 'export {};\n');
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const alone = await run(
      'scan',
      'app',
      '--fail-on',
      'high',
      '--format',
      'json',
    );
    const withOther = await run(
      'scan',
      'app',
      'service',
      '--fail-on',
      'high',
      '--format',
      'json',
    );
    expect(
      JSON.parse(alone.stdout).findings.map((f: Finding) => [f.ruleId, f.file]),
    ).toContainEqual(['PARSE-001', 'cdk.json']);
    expect(
      JSON.parse(withOther.stdout).findings.map((f: Finding) => [
        f.ruleId,
        f.file,
      ]),
    ).toContainEqual(['PARSE-001', 'app/cdk.json']);
    expect([alone.code, withOther.code]).toEqual([1, 1]);
  });

  it("reports a file one path skips and another scans as scanned, and a folder's view of a file before the file alone, in any order", async () => {
    // In a folder a walk of the root passes over: the root reads it only through the link.
    await write('vendor/t.yaml', SERVICE_TEMPLATE);
    await fs.mkdir(path.join(root, 'x'));
    symlinkSync('../vendor/t.yaml', path.join(root, 'x', 't.yaml'));
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const reports: ScanReport[] = [];
    for (const paths of [
      ['x', '.'],
      ['.', 'x'],
      ['service/template.yaml', 'service'],
      ['service', 'service/template.yaml'],
    ]) {
      // Without a warning that x holds no file read: its link leads to what `.` reads.
      reports.push(json(await run('scan', ...paths, '--format', 'json')));
    }
    expect(reports[0].files.map(f => f.path)).toContain('x/t.yaml');
    expect(reports[0].skipped.map(f => f.path)).not.toContain('x/t.yaml');
    expect(reports[0]).toEqual(reports[1]);
    expect(reports[2].findings).toEqual(reports[3].findings);
    expect(reports[2].scorecard).toEqual(reports[3].scorecard);
  });

  it("judges a shared module with the stacks of every path, as one scan of them all does, whatever the paths' order", async () => {
    const queueModule = `variable "encrypted" {}
variable "region" {}
resource "aws_sqs_queue" "this" {
  name                    = "jobs"
  sqs_managed_sse_enabled = var.encrypted
  redrive_policy = jsonencode({
    deadLetterTargetArn = "arn:aws:sqs:\${var.region}:123456789012:dead-letters"
    maxReceiveCount     = 3
  })
}
`;
    await write('platform/modules/queue/main.tf', queueModule);
    const call = (source: string, encrypted: boolean, region: string) =>
      `module "queue" {\n  source    = "${source}"\n  encrypted = ${encrypted}\n  region    = "${region}"\n}\n`;
    await write(
      'apps/orders/main.tf',
      call('../../platform/modules/queue', true, 'us-east-1'),
    );
    await write(
      'platform/main.tf',
      call('./modules/queue', false, 'eu-west-1'),
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    await write(
      '.infra-compliance.yaml',
      "paths:\n  include: ['apps/**', 'platform/**']\n",
    );
    const whole = json(await run('scan', '.', '--format', 'json'));
    // The repository's scan leaves the platform's own stack to the platform's scan.
    await write(
      '.infra-compliance.yaml',
      "paths:\n  include: ['apps/**', 'platform/modules/**']\n",
    );
    const repository = json(await run('scan', '.', '--format', 'json'));
    const merged = await run('scan', '.', 'platform', '--format', 'json');
    expect(json(merged).findings).toEqual(whole.findings);
    expect(json(merged).scorecard).toEqual(whole.scorecard);
    expect(
      (await run('scan', 'platform', '.', '--format', 'json')).stdout,
    ).toBe(merged.stdout);
    const line = (text: string) => lineOf(queueModule, text);
    // The platform's stack fails ENC-003 where the repository's passes it; both
    // hardcode a region on one line: one finding, with the first stack's message.
    expect(
      json(merged).findings.map(f =>
        `${f.ruleId} ${f.file}:${f.line} ${
          f.message.match(/[a-z]+-[a-z]+-\d/)?.[0] ?? ''
        }`.trim(),
      ),
    ).toEqual([
      `OPS-003 platform/modules/queue/main.tf:${line('resource')}`,
      `OPS-006 platform/modules/queue/main.tf:${line('resource')}`,
      `ENC-003 platform/modules/queue/main.tf:${line(
        'sqs_managed_sse_enabled',
      )}`,
      `OPS-002 platform/modules/queue/main.tf:${line(
        'deadLetterTargetArn',
      )} us-east-1`,
    ]);
    // What the repository's scan finds keeps its fingerprint.
    expect(json(merged).findings).toEqual(
      expect.arrayContaining(repository.findings),
    );
    expect(json(merged).scorecard.categories).toEqual({
      encryption: { score: 0, passed: 0, failed: 1 },
      operations: { score: 0, passed: 0, failed: 3 },
      parsing: { score: 100, passed: 3, failed: 0 },
    });
  });

  it("ranks a shared module's finding from another path whose fingerprint is taken at another line", async () => {
    // Each program declares the queue `jobs` at its own line of the module.
    const queues = `import * as aws from '@pulumi/aws';
export function queue(name: string, big: boolean) {
  if (big) return new aws.sqs.Queue(name, { messageRetentionSeconds: 60 });
  return new aws.sqs.Queue(name, { messageRetentionSeconds: 60 });
}
`;
    await write('platform/shared/queues.ts', queues);
    for (const [folder, from, big] of [
      ['orders', '../platform/shared/queues', true],
      ['platform', './shared/queues', false],
    ] as const) {
      await write(
        `${folder}/Pulumi.yaml`,
        `name: ${folder}\nruntime: nodejs\n`,
      );
      await write(
        `${folder}/index.ts`,
        `import { queue } from '${from}';\nqueue('jobs', ${big});\n`,
      );
    }
    await write(
      '.infra-compliance.yaml',
      "paths:\n  include: ['orders/**', 'platform/shared/**']\n",
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const repository = json(await run('scan', '.', '--format', 'json'));
    const merged = json(await run('scan', '.', 'platform', '--format', 'json'));
    const places = (report: ScanReport) =>
      report.findings.map(f => `${f.ruleId} ${f.file}:${f.line}`);
    const line = (text: string) => lineOf(queues, text);
    expect(places(repository)).toEqual([
      `ENC-003 platform/shared/queues.ts:${line('if (big)')}`,
      `OPS-003 platform/shared/queues.ts:${line('if (big)')}`,
      `OPS-006 platform/shared/queues.ts:${line('if (big)')}`,
    ]);
    expect(places(merged)).toEqual([
      ...places(repository),
      `ENC-003 platform/shared/queues.ts:${line('  return new')}`,
      `OPS-003 platform/shared/queues.ts:${line('  return new')}`,
      `OPS-006 platform/shared/queues.ts:${line('  return new')}`,
    ]);
    expect(merged.findings.slice(0, 3)).toEqual(repository.findings);
    const fingerprints = merged.findings.map(f => f.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('judges Terraform files given by name with their module, each once, as a scan of the current directory does, mixed with folders in any order', async () => {
    await write(
      'tf/main.tf',
      `resource "aws_lambda_function" "fn" {
  function_name = "orders-\${var.stage}"
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "fn.zip"
}
`,
    );
    await write(
      'tf/alarms.tf',
      `variable "stage" { default = "dev" }

resource "aws_cloudwatch_metric_alarm" "errors" {
  namespace          = "AWS/Lambda"
  metric_name        = "Errors"
  dimensions         = { FunctionName = aws_lambda_function.fn.function_name }
  statistic          = "Sum"
  period             = 60
  evaluation_periods = 1
  threshold          = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}
`,
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const ofTf = json(
      await run('scan', '.', '--format', 'json'),
    ).findings.filter(finding => finding.file.startsWith('tf/'));
    expect(ofTf.map(finding => finding.file)).toContain('tf/main.tf');
    // The alarm of alarms.tf watches main.tf's function.
    expect(ofTf.map(finding => finding.ruleId)).not.toContain('ALM-001');
    for (const paths of [
      ['tf/main.tf', 'tf/alarms.tf'],
      ['tf/alarms.tf', 'tf/main.tf', 'tf/main.tf'],
      ['tf', 'tf/main.tf'],
      ['tf/main.tf', 'tf'],
    ]) {
      const report = json(await run('scan', ...paths, '--format', 'json'));
      expect(report.findings).toEqual(ofTf);
      expect(report.files.map(file => file.path)).toEqual([
        'tf/alarms.tf',
        'tf/main.tf',
      ]);
    }
    // One file named, as a pre-commit hook names it: the fingerprints a `scan .` baseline holds.
    const alone = json(await run('scan', 'tf/main.tf', '--format', 'json'));
    expect(alone.files.map(file => file.path)).toEqual(['tf/main.tf']);
    expect(alone.findings).toEqual(
      ofTf.filter(finding => finding.file === 'tf/main.tf'),
    );
  });

  it('reports a file two given paths reach once', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const once = json(await run('scan', '.', '--format', 'json'));
    for (const paths of [
      ['.', 'service'],
      ['service', '.'],
      ['.', '.'],
      ['.', 'service/template.yaml'],
    ]) {
      const report = json(await run('scan', ...paths, '--format', 'json'));
      expect(report.findings).toEqual(once.findings);
      expect(report.scorecard).toEqual(once.scorecard);
    }
  });
});

describe('files given by name', () => {
  /** An app whose stack's dead-letter queue keeps messages as long as bin/app.ts says. */
  async function writeAppOfLib() {
    await write('app/cdk.json', '{ "app": "npx ts-node bin/app.ts" }');
    await write(
      'app/bin/app.ts',
      `import * as cdk from 'aws-cdk-lib';
import { Jobs } from '../lib/stack';
const app = new cdk.App();
new Jobs(app, 'Jobs', { retentionDays: 2 });
`,
    );
    await write(
      'app/lib/stack.ts',
      `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class Jobs extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props: { retentionDays: number }) {
    super(scope, id);
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(props.retentionDays) });
    new sqs.Queue(this, 'Source', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
  }
}
`,
    );
  }

  it('reads the module of several Terraform files given by name once', async () => {
    await write(
      'tf/main.tf',
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    );
    await write(
      'tf/dlq.tf',
      'resource "aws_sqs_queue" "dlq" {\n  name = "dlq"\n}\n',
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const descriptor = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', {
      value: true,
      configurable: true,
    });
    try {
      const result = await run(
        'scan',
        'tf/main.tf',
        'tf/dlq.tf',
        '--format',
        'json',
      );
      // One scan of the module, not one per file named.
      expect(beforeSummary(result)).toBe(
        '\r\u001b[Kdiscovering files…\r\u001b[Kscanned 2/2 files\r\u001b[K',
      );
      expect(
        JSON.parse(result.stdout).files.map((f: { path: string }) => f.path),
      ).toEqual(['tf/dlq.tf', 'tf/main.tf']);
    } finally {
      if (descriptor)
        Object.defineProperty(process.stderr, 'isTTY', descriptor);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('reads the templates of a folder once for those of them given by name, with a Terraform file of the folder, each judged as a scan of the current directory judges it', async () => {
    const fn = (id: string, name: string) => `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: ${name}
      Role: arn:aws:iam::123456789012:role/fn
`;
    const alarm = (id: string, name: string) => `  ${id}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: ${name}
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`;
    await write('cfn/template.yaml', `Resources:\n${fn('Orders', 'orders')}`);
    await write('cfn/billing.yaml', `Resources:\n${fn('Billing', 'billing')}`);
    // The functions' alarms, in a template of their own.
    await write(
      'cfn/monitoring.yaml',
      `Resources:\n${alarm('OrdersErrors', 'orders')}${alarm(
        'BillingErrors',
        'billing',
      )}`,
    );
    await write(
      'cfn/main.tf',
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    );
    await write('cfn/broken.tf', 'resource "aws_sqs_queue" "x" {\n  name =\n');
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const named = ['cfn/template.yaml', 'cfn/billing.yaml', 'cfn/main.tf'];
    const ofNamed = json(
      await run('scan', '.', '--format', 'json'),
    ).findings.filter(finding => named.includes(finding.file));
    expect(ofNamed.map(finding => finding.file)).toContain('cfn/template.yaml');
    expect(ofNamed.map(finding => finding.ruleId)).not.toContain('ALM-001');
    const descriptor = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', {
      value: true,
      configurable: true,
    });
    try {
      const result = await run('scan', ...named, '--format', 'json');
      // One scan of the folder: its three templates, then its module of two files.
      expect(beforeSummary(result)).toBe(
        [
          '\r\u001b[Kdiscovering files…',
          '\r\u001b[Kscanned 1/5 files',
          '\r\u001b[Kscanned 2/5 files',
          '\r\u001b[Kscanned 3/5 files',
          '\r\u001b[Kscanned 5/5 files',
          '\r\u001b[K',
        ].join(''),
      );
      const report: ScanReport = JSON.parse(result.stdout);
      expect(report.findings).toEqual(ofNamed);
      expect(report.files.map(file => file.path)).toEqual([
        'cfn/billing.yaml',
        'cfn/main.tf',
        'cfn/template.yaml',
      ]);
      // The module's file that does not parse is no template's: it is listed for main.tf alone.
      expect(report.skipped).toEqual([
        {
          path: 'cfn/broken.tf',
          reason:
            "read with cfn/main.tf as part of its stack, it does not parse whole: what it declares may be missing from that file's findings (a scan of the folder reports it)",
        },
      ]);
    } finally {
      if (descriptor)
        Object.defineProperty(process.stderr, 'isTTY', descriptor);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('passes over the files a pre-commit hook names with the IaC they hold none of, and warns of such a file given alone', async () => {
    await write(
      'tf/main.tf',
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    );
    await write('README.md', '# Jobs\n');
    await write('package.json', '{ "name": "jobs", "version": "1.0.0" }\n');
    await write(
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: yarn test\n',
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const result = await run(
      'scan',
      'README.md',
      'package.json',
      '.github/workflows/ci.yml',
      'tf/main.tf',
      '--format',
      'json',
    );
    expect(result.code).toBe(0);
    expect(json(result).files.map(file => file.path)).toEqual(['tf/main.tf']);
    const alone = await run('scan', 'package.json', '--format', 'json');
    expect(alone.code).toBe(0);
    expect(beforeSummary(alone)).toBe(
      'infra-compliance: warning: no infrastructure-as-code file found in package.json\n',
    );
  });

  it('judges a Terraform module that a module elsewhere calls with its caller, as a scan of the current directory does', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write(
      'envs/prod/main.tf',
      'module "jobs" {\n  source    = "../../modules/queue"\n  retention = 60\n}\n',
    );
    await write(
      'modules/queue/main.tf',
      `variable "retention" {
  default = 1209600
}
resource "aws_sqs_queue" "dlq" {
  name                      = "dlq"
  message_retention_seconds = var.retention
}
resource "aws_sqs_queue" "jobs" {
  name           = "jobs"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 3 })
}
`,
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const ofModule = json(
      await run('scan', '.', '--format', 'json'),
    ).findings.filter(finding => finding.file === 'modules/queue/main.tf');
    // Only the caller gives the retention that DLQ-003 fails.
    expect(ofModule.map(finding => finding.ruleId)).toContain('DLQ-003');
    const named = json(
      await run('scan', 'modules/queue/main.tf', '--format', 'json'),
    );
    expect(named.files.map(file => file.path)).toEqual([
      'modules/queue/main.tf',
    ]);
    expect(named.findings).toEqual(ofModule);
  });

  it('judges a Terraform file given by name with the modules its stack calls outside its folder, through a link or a path up, as a scan of the current directory does', async () => {
    await fs.mkdir(path.join(root, '.git'));
    // The module watches the function its caller names, and keeps dead letters as long as the caller says.
    const module = `variable "function" {}
variable "retention" {
  default = 1209600
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = var.function }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}
resource "aws_sqs_queue" "dlq" {
  name                      = "dlq"
  message_retention_seconds = var.retention
}
resource "aws_sqs_queue" "jobs" {
  name           = "jobs"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 3 })
}
`;
    const caller = (source: string, retention: number) =>
      `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "worker.zip"
}
module "q" {
  source    = "${source}"
  function  = aws_lambda_function.worker.function_name
  retention = ${retention}
}
`;
    await write('shared/q/main.tf', module);
    await write('a/main.tf', caller('./q', 60));
    symlinkSync('../shared/q', path.join(root, 'a/q'));
    await write('envs/prod/main.tf', caller('../../shared/q', 120));
    // A module only a link to its folder calls.
    await write('lib/q/main.tf', module);
    await write('b/main.tf', caller('./q', 90));
    symlinkSync('../lib/q', path.join(root, 'b/q'));
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const rules = ['--rules', 'ALM-001,DLQ-003', '--format', 'json'];
    const whole = json(await run('scan', '.', ...rules));
    // Each call's module watches its function (no ALM-001), and keeps dead letters as long as it says.
    expect(
      whole.findings
        .filter(f => f.file.endsWith('.tf'))
        .map(f => `${f.ruleId} ${f.file}:${f.line} ${f.resourceId}`),
    ).toEqual([
      'DLQ-003 a/q/main.tf:17 module.q.aws_sqs_queue.dlq',
      'DLQ-003 b/q/main.tf:17 module.q.aws_sqs_queue.dlq',
      'DLQ-003 shared/q/main.tf:17 module.q.aws_sqs_queue.dlq',
    ]);
    for (const file of [
      'a/main.tf',
      'envs/prod/main.tf',
      'a/q/main.tf',
      'shared/q/main.tf',
      'lib/q/main.tf',
    ]) {
      const named = json(await run('scan', file, ...rules));
      expect({
        file,
        files: named.files,
        skipped: named.skipped,
        findings: named.findings,
      }).toEqual({
        file,
        files: whole.files.filter(scanned => scanned.path === file),
        skipped: [],
        findings: whole.findings.filter(finding => finding.file === file),
      });
    }
  });

  it('reads a Terraform file given through a link to its folder that a scan of the repository reads under another path in that folder alone, as a scan of it does, rather than not at all', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write(
      'shared/q/main.tf',
      `variable "retention" {
  default = 1209600
}
resource "aws_sqs_queue" "dlq" {
  message_retention_seconds = var.retention
}
`,
    );
    await write(
      'envs/prod/main.tf',
      `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "worker.zip"
}
module "q" {
  source    = "./q"
  retention = 60
}
`,
    );
    await write(
      'envs/prod/outputs.tf',
      'output "stage" {\n  value = "prod"\n}\n',
    );
    symlinkSync('../../shared/q', path.join(root, 'envs/prod/q'));
    // Paths a scan of the repository reads no module under: the root module's, read as envs/prod, and the module's,
    // read as envs/prod/q.
    symlinkSync('envs/prod', path.join(root, 'current'));
    symlinkSync('shared/q', path.join(root, 'mlink'));
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const rules = [
      '--rules',
      'ALM-001,DLQ-001,DLQ-003,ENC-003',
      '--format',
      'json',
    ];
    const brief = (report: ScanReport, prefix = '') => ({
      files: report.files.map(file => `${prefix}${file.path}`),
      findings: report.findings.map(
        f => `${f.ruleId} ${prefix}${f.file}:${f.line} ${f.resourceId}`,
      ),
    });
    // Read in the repository, where its other files tell that current is envs/prod, it was read nowhere, with a
    // warning that it holds no infrastructure as code.
    const current = json(await run('scan', 'current/main.tf', ...rules));
    const folder = json(await run('scan', 'current', ...rules));
    expect(brief(current)).toEqual({
      files: ['current/main.tf'],
      findings: brief(folder, 'current/').findings.filter(f =>
        f.includes(' current/main.tf:'),
      ),
    });
    expect(current.findings.length).toBeGreaterThan(0);
    // Read as the folder it is a link to, given with it: once, as through a link to the folder.
    expect(
      brief(json(await run('scan', 'shared/q', 'mlink/main.tf', ...rules))),
    ).toEqual(brief(json(await run('scan', 'shared/q', 'mlink', ...rules))));
    expect(
      brief(json(await run('scan', 'shared/q', 'mlink', ...rules))).files,
    ).toEqual(['shared/q/main.tf']);
  });

  it("scans files given by name with the repository's config, its paths relative to its folder, as a scan of the repository does", async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write(
      '.infra-compliance.yaml',
      'paths:\n  exclude: [old/**, legacy/**, "**/*.test.tf", legacy/*.tf]\nrules:\n  disable: [OPS-003]\n',
    );
    for (const folder of ['tf', 'legacy'])
      await write(
        `${folder}/main.tf`,
        'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
      );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const ofTf = json(await run('scan', '.', '--format', 'json')).findings;
    expect(ofTf.map(finding => finding.file)).toContain('tf/main.tf');
    expect(ofTf.map(finding => finding.file)).not.toContain('legacy/main.tf');
    const result = await run(
      'scan',
      'tf/main.tf',
      'legacy/main.tf',
      '--format',
      'json',
    );
    expect(beforeSummary(result)).toBe(
      // Only the patterns that leave it out.
      'infra-compliance: warning: legacy/main.tf is not scanned: it matches paths.exclude legacy/**, legacy/*.tf\n',
    );
    const named: ScanReport = JSON.parse(result.stdout);
    expect(named.findings).toEqual(
      ofTf.filter(finding => finding.file === 'tf/main.tf'),
    );
    expect(named.findings.map(finding => finding.ruleId)).not.toContain(
      'OPS-003',
    );
  });

  it("judges a module below its app's cdk.json with the app, as a scan of the current directory does", async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeAppOfLib();
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const all = json(await run('scan', '.', '--format', 'json'));
    const stack = json(
      await run('scan', 'app/lib/stack.ts', '--format', 'json'),
    );
    expect(stack.files.map(file => file.path)).toEqual(['app/lib/stack.ts']);
    expect(stack.findings).toEqual(
      all.findings.filter(finding => finding.file === 'app/lib/stack.ts'),
    );
    // Only the app passes the stack the retention that DLQ-003 fails.
    expect(
      stack.findings.find(finding => finding.ruleId === 'DLQ-003')?.message,
    ).toContain('keeps messages for 2 days');
    const locations = async (scanned: string) =>
      (
        JSON.parse(
          (await run('scan', scanned, '--format', 'sarif')).stdout,
        ) as SarifLog
      ).runs[0].results.map(
        result => result.locations[0].physicalLocation.artifactLocation,
      );
    expect(await locations(path.join(root, 'app/lib/stack.ts'))).toEqual(
      await locations(path.join(root, 'app')),
    );
  });

  it('reads the app once for its files given by name, its cdk.json with them, each with the config of its folder, as a scan of its folder does', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeAppOfLib();
    await write(
      'app/lib/legacy.ts',
      "import * as sqs from 'aws-cdk-lib/aws-sqs';\n",
    );
    await write(
      'app/.infra-compliance.yaml',
      'paths:\n  exclude: [lib/legacy.ts]\nrules:\n  disable: [OPS-003]\n',
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    // The app's folder scanned with another: paths relative to the current directory, and the app's config.
    const ofFolder = json(
      await run('scan', 'app', 'service', '--format', 'json'),
    ).findings.filter(finding => finding.file.startsWith('app/'));
    const result = await run(
      'scan',
      'app/lib/stack.ts',
      'app/cdk.json',
      'app/bin/app.ts',
      'app/lib/legacy.ts',
      '--format',
      'json',
    );
    expect(beforeSummary(result)).toBe(
      'infra-compliance: warning: app/lib/legacy.ts is not scanned: it matches paths.exclude lib/legacy.ts\n',
    );
    const named: ScanReport = JSON.parse(result.stdout);
    expect(named.findings.length).toBeGreaterThan(0);
    expect(named.findings.map(finding => finding.ruleId)).not.toContain(
      'OPS-003',
    );
    expect(named.findings).toEqual(ofFolder);
    expect(named.skipped).toEqual([]);
    expect(named.programs?.map(program => program.project)).toEqual([
      'app/cdk.json',
    ]);
  });
  it("names Terraform files given by name from their stack's folder as a scan of that folder does, fingerprints included, though the stack calls a module above it", async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write(
      'modules/q/main.tf',
      'resource "aws_sqs_queue" "inner" {\n  name = "inner"\n}\n',
    );
    // A finding on the declaration its instances merge into, a SUP-001 and an unused suppression.
    await write(
      'envs/prod/queues.tf',
      'resource "aws_sqs_queue" "jobs" {\n  count = 2\n  name  = "jobs-${count.index}"\n}\n',
    );
    await write(
      'envs/prod/main.tf',
      `module "q" {
  source = "../../modules/q"
}
# infra-compliance:suppress=ENC-003
resource "aws_sqs_queue" "audit" {
  name = "audit"
}
# infra-compliance:suppress=LOG-002:kept forever by legal hold
resource "aws_cloudwatch_log_group" "audit" {
  name              = "audit"
  retention_in_days = 7
}
`,
    );
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'envs/prod'));
    const rules = ['--rules', 'ENC-003,LOG-002,PARSE-001,SUP-001'];
    const scan = async (...paths: string[]) =>
      json(await run('scan', ...paths, ...rules, '--format', 'json'));
    const named = await scan('main.tf', 'queues.tf');
    // The folder alone, whose scan does not read the module (it declares nothing these rules judge).
    const folder = await scan('.');
    expect(named.files.map(file => file.path)).toEqual([
      'main.tf',
      'queues.tf',
    ]);
    expect(named.files).toEqual(folder.files);
    expect(
      named.findings.map(
        finding => `${finding.ruleId} ${finding.file} ${finding.resourceId}`,
      ),
    ).toEqual([
      'SUP-001 main.tf aws_sqs_queue.audit',
      'ENC-003 main.tf aws_sqs_queue.audit',
      'ENC-003 queues.tf aws_sqs_queue.jobs',
    ]);
    expect(named.findings).toEqual(folder.findings);
    expect(named.unusedSuppressions?.map(unused => unused.file)).toEqual([
      'main.tf',
    ]);
    expect(named.unusedSuppressions).toEqual(folder.unusedSuppressions);
    expect(named.scorecard).toEqual(folder.scorecard);

    // A file of the stack that does not parse: skipped by its path from here, in every format, and named, its PARSE-001.
    await write(
      'envs/prod/broken.tf',
      'resource "aws_sqs_queue" "x" {\n  name =\n',
    );
    const withBroken = await scan('main.tf', 'queues.tf');
    expect(withBroken.skipped.map(skipped => skipped.path)).toEqual([
      'broken.tf',
    ]);
    for (const format of ['table', 'markdown', 'sarif', 'junit']) {
      const { stdout: report } = await run(
        'scan',
        'main.tf',
        'queues.tf',
        ...rules,
        '--format',
        format,
      );
      expect({ format, climbs: report.includes('../') }).toEqual({
        format,
        climbs: false,
      });
      expect(report).toContain('broken.tf');
    }
    const all = await scan('main.tf', 'queues.tf', 'broken.tf');
    expect(all.findings.map(finding => finding.ruleId)).toContain('PARSE-001');
    expect(all.findings).toEqual((await scan('.')).findings);
  });

  it('names a module of a CDK app given by name from a folder of the app by its path from there, and fingerprints its findings by that path', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeAppOfLib();
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'app/lib'));
    // The app's folder: paths relative to it.
    const app = json(await run('scan', '..', '--format', 'json'));
    const named = json(await run('scan', 'stack.ts', '--format', 'json'));
    expect(named.files.map(file => file.path)).toEqual(['stack.ts']);
    expect(
      named.programs?.map(({ project, main: entry, files }) => ({
        project,
        entry,
        files,
      })),
    ).toEqual([
      {
        project: '../cdk.json',
        entry: '../bin/app.ts',
        files: ['../bin/app.ts', 'stack.ts'],
      },
    ]);
    // What the app's scan finds in lib/stack.ts, each fingerprinted by its rule, file, resource and property.
    const own = (finding: Finding) =>
      fingerprint(
        finding.ruleId,
        finding.file,
        finding.resourceId,
        finding.property,
      );
    const ofStack = app.findings.filter(
      finding => finding.file === 'lib/stack.ts',
    );
    expect(ofStack.length).toBeGreaterThan(0);
    expect(ofStack.map(own)).toEqual(
      ofStack.map(finding => finding.fingerprint),
    );
    const asNamed = ofStack.map(finding => ({ ...finding, file: 'stack.ts' }));
    expect(named.findings).toEqual(
      asNamed.map(finding => ({ ...finding, fingerprint: own(finding) })),
    );
  });
});

describe("a folder in a Pulumi program's main folder", () => {
  /** A program (its `main:` as written) whose main module, in `mainFolder`, imports an unencrypted queue from the module `lib/queue.ts` below it. */
  async function writeProgram(
    project: string,
    mainWritten: string,
    mainFolder: string,
  ) {
    await write(
      `${project}/Pulumi.yaml`,
      `name: orders\nruntime: nodejs\nmain: ${mainWritten}\n`,
    );
    await write(
      `${project}/${mainFolder}/index.ts`,
      "import { jobs } from './lib/queue';\nexport const jobsUrl = jobs.url;\n",
    );
    await write(
      `${project}/${mainFolder}/lib/queue.ts`,
      "import * as aws from '@pulumi/aws';\nexport const jobs = new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: false });\n",
    );
  }

  const brief = (report: ScanReport) => ({
    files: report.files.map(file => file.path),
    programs: report.programs?.map(({ project, main: entry, files }) => ({
      project,
      entry,
      files,
    })),
    findings: report.findings.map(
      finding => `${finding.ruleId} ${finding.file}:${finding.line}`,
    ),
  });

  it('reads the program above it, and reports the files of the folder by their paths from it, as the scan of the project reports them', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/', 'src');
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const project = json(await run('scan', 'orders', '--format', 'json'));
    expect(brief(project).findings).toEqual([
      'ENC-003 src/lib/queue.ts:2',
      'OPS-003 src/lib/queue.ts:2',
    ]);
    const src = json(await run('scan', 'orders/src', '--format', 'json'));
    expect(brief(src)).toEqual({
      files: ['index.ts', 'lib/queue.ts'],
      programs: [
        {
          project: '../Pulumi.yaml',
          entry: 'index.ts',
          files: ['index.ts', 'lib/queue.ts'],
        },
      ],
      findings: ['ENC-003 lib/queue.ts:2', 'OPS-003 lib/queue.ts:2'],
    });
    // Of a folder below it, only that folder's files; from inside the repository, by their paths from `.`.
    jest
      .spyOn(process, 'cwd')
      .mockReturnValue(path.join(root, 'orders/src/lib'));
    expect(brief(json(await run('scan', '.', '--format', 'json')))).toEqual({
      files: ['queue.ts'],
      programs: [
        {
          project: '../../Pulumi.yaml',
          entry: '../index.ts',
          files: ['../index.ts', 'queue.ts'],
        },
      ],
      findings: ['ENC-003 queue.ts:2', 'OPS-003 queue.ts:2'],
    });
  });

  it("is scanned with the folder's own config, as any folder is, not the project's", async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/', 'src');
    await write(
      'orders/.infra-compliance.yaml',
      'rules:\n  disable: [ENC-003]\n',
    );
    await write(
      'orders/src/.infra-compliance.yaml',
      'rules:\n  disable: [OPS-003]\n',
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const findings = async (folder: string) =>
      brief(json(await run('scan', folder, '--format', 'json'))).findings;
    expect(await findings('orders')).toEqual(['OPS-003 src/lib/queue.ts:2']);
    expect(await findings('orders/src')).toEqual(['ENC-003 lib/queue.ts:2']);
    // A folder without a config of its own is scanned with none, as the config of no folder above is read for one.
    expect(await findings('orders/src/lib')).toEqual([
      'ENC-003 queue.ts:2',
      'OPS-003 queue.ts:2',
    ]);
  });

  it('is reported with the config of the folder holding the other when given with its own folder or project, in either order, as nested folders are', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/', 'src');
    await write(
      'orders/src/.infra-compliance.yaml',
      'rules:\n  disable: [ENC-003]\n',
    );
    await write(
      'orders/src/lib/.infra-compliance.yaml',
      'rules:\n  disable: [OPS-003]\n',
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const findings = async (...paths: string[]) =>
      brief(json(await run('scan', ...paths, '--format', 'json'))).findings;
    for (const paths of [
      ['orders', 'orders/src'],
      ['orders/src', 'orders'],
    ])
      expect(await findings(...paths)).toEqual([
        'ENC-003 orders/src/lib/queue.ts:2',
        'OPS-003 orders/src/lib/queue.ts:2',
      ]);
    for (const paths of [
      ['orders/src', 'orders/src/lib'],
      ['orders/src/lib', 'orders/src'],
    ])
      expect(await findings(...paths)).toEqual([
        'OPS-003 orders/src/lib/queue.ts:2',
      ]);
  });

  it("takes the paths of --config as relative to the folder, leaving out a module as the scan of the project does, and reads the program's files outside it whatever they say", async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/', 'src');
    await write(
      'orders/src/index.ts',
      "import * as aws from '@pulumi/aws';\nimport { jobs } from './lib/queue';\nnew aws.sqs.Queue('mail', { sqsManagedSseEnabled: false });\nexport const jobsUrl = jobs.url;\n",
    );
    await write('lib-excluded.yaml', 'paths:\n  exclude: [lib/**]\n');
    await write('project-paths.yaml', 'paths:\n  exclude: [src/lib/**]\n');
    await write('ts-only.yaml', "paths:\n  include: ['**/*.ts']\n");
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const scan = async (folder: string, config: string) =>
      brief(
        json(
          await run(
            'scan',
            folder,
            '--config',
            config,
            '--rules',
            'ENC-003',
            '--format',
            'json',
          ),
        ),
      );
    // The project's scan does not read a module its config leaves out.
    expect(await scan('orders', 'project-paths.yaml')).toEqual({
      files: ['src/index.ts'],
      programs: [
        {
          project: 'Pulumi.yaml',
          entry: 'src/index.ts',
          files: ['src/index.ts'],
        },
      ],
      findings: ['ENC-003 src/index.ts:3'],
    });
    // Nor does the folder's, by its path from the folder.
    expect(await scan('orders/src', 'lib-excluded.yaml')).toEqual({
      files: ['index.ts'],
      programs: [
        { project: '../Pulumi.yaml', entry: 'index.ts', files: ['index.ts'] },
      ],
      findings: ['ENC-003 index.ts:3'],
    });
    // The project file, outside the folder, is read all the same.
    expect(await scan('orders/src', 'ts-only.yaml')).toEqual({
      files: ['index.ts', 'lib/queue.ts'],
      programs: [
        {
          project: '../Pulumi.yaml',
          entry: 'index.ts',
          files: ['index.ts', 'lib/queue.ts'],
        },
      ],
      findings: ['ENC-003 index.ts:3', 'ENC-003 lib/queue.ts:2'],
    });
  });

  it('reads the program of a main written as the .js its TypeScript module compiles to, as the scan of the project does', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/index.js', 'src');
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    expect(
      brief(json(await run('scan', 'orders', '--format', 'json'))).findings,
    ).toEqual(['ENC-003 src/lib/queue.ts:2', 'OPS-003 src/lib/queue.ts:2']);
    expect(
      brief(json(await run('scan', 'orders/src/lib', '--format', 'json')))
        .findings,
    ).toEqual(['ENC-003 queue.ts:2', 'OPS-003 queue.ts:2']);
  });

  it('lists its binary files as skipped, as the scan of the project does', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/', 'src');
    await write('orders/src/lib/data.yaml', 'Resources:\n\0\0\0');
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const skipped = async (folder: string) =>
      json(await run('scan', folder, '--format', 'json')).skipped;
    expect(await skipped('orders')).toEqual([
      { path: 'src/lib/data.yaml', reason: 'binary file' },
    ]);
    expect(await skipped('orders/src/lib')).toEqual([
      { path: 'data.yaml', reason: 'binary file' },
    ]);
  });

  it('lists the program it was read in when another path is given with it, as does a module of the program given by name', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await writeProgram('orders', 'src/', 'src');
    await write(
      'queues/template.yaml',
      'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n',
    );
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const program = {
      project: 'orders/Pulumi.yaml',
      entry: 'orders/src/index.ts',
      files: ['orders/src/index.ts', 'orders/src/lib/queue.ts'],
    };
    for (const module of ['orders/src/lib', 'orders/src/lib/queue.ts'])
      expect(
        brief(
          json(
            await run(
              'scan',
              module,
              'queues',
              '--rules',
              'ENC-003',
              '--format',
              'json',
            ),
          ),
        ),
      ).toEqual({
        files: ['orders/src/lib/queue.ts', 'queues/template.yaml'],
        programs: [program],
        findings: [
          'ENC-003 orders/src/lib/queue.ts:2',
          'ENC-003 queues/template.yaml:2',
        ],
      });
  });

  it("reads the folder of a main module given by its file, but not a folder beside it, nor one of a project whose main module is in its own folder, nor a project above the repository's root", async () => {
    await writeProgram('repo/orders', 'infra/index.ts', 'infra');
    await writeProgram('repo/billing', 'index.ts', '.');
    await write(
      'repo/orders/tools/queue.ts',
      "import * as aws from '@pulumi/aws';\nnew aws.sqs.Queue('tool', {});\n",
    );
    // A project above the repository, whose main folder holds it, is another tree's.
    await fs.mkdir(path.join(root, 'repo/.git'));
    await writeProgram('.', 'repo/', 'repo');
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'repo'));
    expect(
      brief(json(await run('scan', 'orders/infra/lib', '--format', 'json'))),
    ).toEqual({
      files: ['queue.ts'],
      programs: [
        {
          project: '../../Pulumi.yaml',
          entry: '../index.ts',
          files: ['../index.ts', 'queue.ts'],
        },
      ],
      findings: ['ENC-003 queue.ts:2', 'OPS-003 queue.ts:2'],
    });
    for (const folder of ['orders/tools', 'billing/lib', 'lib']) {
      const result = await run('scan', folder, '--format', 'json');
      expect(JSON.parse(result.stdout).files).toEqual([]);
      expect(beforeSummary(result)).toBe(
        `infra-compliance: warning: no infrastructure-as-code file found in ${folder}\n`,
      );
    }
  });
});

describe('scan --format sarif', () => {
  it('prints a SARIF 2.1.0 log that the official schema accepts', async () => {
    await write('broken/bad.yaml', BROKEN_TEMPLATE);
    const result = await run('scan', root, '--format', 'sarif');
    expect(result.code).toBe(0);
    const log: SarifLog = JSON.parse(result.stdout);
    expect(validateSarif(log)).toEqual([]);
    const sarifRun = log.runs[0];
    expect(sarifRun.tool.driver.rules.map(r => r.id)).toEqual(
      RULE_CATALOG.map(r => r.id),
    );
    expect(sarifRun.originalUriBaseIds?.['%SRCROOT%'].uri).toMatch(
      /^file:\/\/.*\/$/,
    );
    const parse = sarifRun.results.find(r => r.ruleId === 'PARSE-001')!;
    expect(parse.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'broken/bad.yaml',
      uriBaseId: '%SRCROOT%',
    });
    const suppressed = sarifRun.results.find(r => r.suppressions)!;
    expect(suppressed.suppressions).toEqual([
      { kind: 'inSource', justification: 'kept forever by legal hold' },
    ]);
  });

  it('notes the constructs each program makes that are not modelled, which are not judged', async () => {
    await writeNetworkApp();
    const log: SarifLog = JSON.parse(
      (await run('scan', root, '--format', 'sarif')).stdout,
    );
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'note',
        message: {
          text: 'network/bin/app.ts (CDK): not modelled, not judged: aws-ec2.Instance, aws-efs.FileSystem (2 constructs)',
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: 'network/bin/app.ts',
                uriBaseId: '%SRCROOT%',
              },
            },
          },
        ],
      },
    ]);
  });

  it('lists only the rules that ran', async () => {
    const log: SarifLog = JSON.parse(
      (
        await run(
          'scan',
          root,
          '--format',
          'sarif',
          '--rules',
          'DLQ-001,LOG-002',
        )
      ).stdout,
    );
    expect(log.runs[0].tool.driver.rules.map(r => r.id)).toEqual([
      'DLQ-001',
      'LOG-002',
    ]);
    expect(validateSarif(log)).toEqual([]);
  });

  it('warns on stderr, not in the log, when GitHub code scanning would show only part of it', async () => {
    // 5,001 log groups without a retention: one LOG-002 result each.
    const groups = Array.from(
      { length: 5001 },
      (_, i) => `  Logs${i}:\n    Type: AWS::Logs::LogGroup\n`,
    );
    await write('many/template.yaml', `Resources:\n${groups.join('')}`);
    const output = path.join(root, 'out', 'report.sarif');
    const result = await run(
      'scan',
      path.join(root, 'many'),
      '--format',
      'sarif',
      '--rules',
      'LOG-002',
      '--output',
      output,
    );
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(
      'infra-compliance: warning: the SARIF log has 5,001 results: GitHub code scanning shows only the 5,000 most severe',
    );
    const text = await fs.readFile(output, 'utf8');
    expect(text).not.toContain('5,000');
    expect(JSON.parse(text).runs[0].results).toHaveLength(5001);
  });
});

describe('scan --format gitlab', () => {
  it('prints a GitLab Code Quality report of the unsuppressed findings, files named from the root of the Git repository', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write('app/stack/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'app'));
    const result = await run('scan', 'stack', '--format', 'GitLab');
    expect(result.code).toBe(0);
    expect(beforeSummary(result, 'gitlab')).toBe('');
    const issues = JSON.parse(result.stdout);
    const report = json(await run('scan', 'stack', '--format', 'json'));
    const open = report.findings.filter(f => !f.suppressed);
    expect(open.length).toBeLessThan(report.findings.length);
    expect(issues).toHaveLength(open.length);
    const fnLine = lineOf(SERVICE_TEMPLATE, 'OrderProcessor:');
    expect(issues).toContainEqual({
      description: expect.stringMatching(/^DLQ-001: Function OrderProcessor /),
      check_name: 'DLQ-001',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'critical',
      location: { path: 'app/stack/template.yaml', lines: { begin: fnLine } },
    });
    expect(
      new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint))
        .size,
    ).toBe(issues.length);

    const gated = await run(
      'scan',
      'stack',
      '--format',
      'gitlab',
      '--fail-on',
      'high',
      '--output',
      path.join(root, 'gl-code-quality.json'),
    );
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe('');
    expect(gated.stderr).toMatch(
      /^infra-compliance: wrote the gitlab report to .*gl-code-quality\.json: /,
    );
    expect(
      JSON.parse(
        await fs.readFile(path.join(root, 'gl-code-quality.json'), 'utf8'),
      ),
    ).toEqual(issues);
  });
});

describe('scan --format markdown', () => {
  it('prints the Markdown report of the scan, and --fail-on judges it as any other format', async () => {
    const result = await run('scan', root, '--format', 'Markdown');
    expect(result.code).toBe(0);
    expect(beforeSummary(result, 'markdown')).toBe('');
    expect(result.stdout).toBe(
      toMarkdown(json(await run('scan', root, '--format', 'json'))),
    );
    const fnLine = lineOf(SERVICE_TEMPLATE, 'OrderProcessor:');
    expect(result.stdout).toMatch(
      /^## Infra Compliance: grade [A-F], score \d+\/100\n/,
    );
    // The block after the file's heading is the table of its findings.
    const blocks = result.stdout.split('\n\n');
    expect(blocks[blocks.indexOf('#### service/template.yaml') + 1]).toMatch(
      new RegExp(
        `^\\| ${fnLine} \\| high \\| DLQ-001 \\| OrderProcessor \\| \\*\\*Asynchronously invoked function has no dead-letter target\\*\\*<br>Function OrderProcessor `,
        'm',
      ),
    );
    expect(result.stdout).toContain(
      `| service/template.yaml | ${lineOf(
        SERVICE_TEMPLATE,
        'LegacyLogs:',
      )} | LOG-002 | LegacyLogs | kept forever by legal hold | Log group LegacyLogs `,
    );

    const output = path.join(root, 'out', 'summary.md');
    const gated = await run(
      'scan',
      root,
      '--format',
      'markdown',
      '--fail-on',
      'high',
      '--output',
      output,
    );
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe('');
    expect(gated.stderr).toMatch(
      /^infra-compliance: wrote the markdown report to .*summary\.md: /,
    );
    expect(await fs.readFile(output, 'utf8')).toBe(result.stdout);
    expect(
      (await run('scan', root, '--format', 'markdown', '--fail-on', 'critical'))
        .code,
    ).toBe(0);
  });

  it('with --baseline, lists the new findings first and folds those already in the baseline', async () => {
    const baseline = path.join(os.tmpdir(), `${path.basename(root)}.json`);
    try {
      await run('scan', root, '--format', 'json', '--output', baseline);
      await write(
        'extra/topic.yaml',
        'Resources:\n  Extra:\n    Type: AWS::SNS::Topic\n',
      );
      const open = json(
        await run('scan', root, '--format', 'json', '--baseline', baseline),
      ).findings.filter(f => !f.suppressed);
      const fresh = open.filter(f => f.baselineState === 'new');
      expect(new Set(fresh.map(f => f.file))).toEqual(
        new Set(['extra/topic.yaml']),
      );
      const markdown = await run(
        'scan',
        root,
        '--format',
        'markdown',
        '--baseline',
        baseline,
      );
      expect(markdown.stdout).toContain(
        `; ${fresh.length} new, ${
          open.length - fresh.length
        } already in the baseline\n`,
      );
      expect(markdown.stdout).toContain(
        `### New findings\n\n#### extra/topic.yaml\n`,
      );
      expect(markdown.stdout).toContain(
        `\n<details>\n<summary>${
          open.length - fresh.length
        } findings already in the baseline</summary>\n\n#### legacy/stack.json\n`,
      );
    } finally {
      rmSync(baseline, { force: true });
    }
  });
});

describe('scan --format junit', () => {
  it('prints a JUnit XML report, files named from the root of the Git repository, with the exit code of --fail-on', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write('app/stack/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'app'));
    const result = await run('scan', 'stack', '--format', 'JUNIT');
    expect(result.code).toBe(0);
    expect(beforeSummary(result, 'junit')).toBe('');
    expect(await run('scan', 'stack', '--format', 'junit')).toEqual(result);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const { testsuites } = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: name => name === 'testsuite' || name === 'testcase',
    }).parse(result.stdout);
    const cases: unknown[] = testsuites.testsuite.flatMap(
      (suite: { testcase: unknown[] }) => suite.testcase,
    );
    const report = json(await run('scan', 'stack', '--format', 'json'));
    const suppressed = report.findings.filter(f => f.suppressed);
    expect(suppressed).toHaveLength(1);
    expect(testsuites).toMatchObject({
      tests: String(cases.length),
      failures: String(report.findings.length - suppressed.length),
      errors: '0',
      skipped: String(suppressed.length),
    });
    // Checks passed are test cases that pass.
    expect(cases.length).toBeGreaterThan(report.findings.length);
    const fnLine = lineOf(SERVICE_TEMPLATE, 'OrderProcessor:');
    expect(cases).toContainEqual({
      classname: 'dlq.DLQ-001',
      name: 'app/stack/template.yaml: OrderProcessor',
      file: 'app/stack/template.yaml',
      line: String(fnLine),
      failure: {
        message: expect.stringMatching(/^Function OrderProcessor /),
        type: 'high',
        '#text': expect.stringContaining(
          `\nLocation: app/stack/template.yaml:${fnLine}\n`,
        ),
      },
    });
    expect(cases).toContainEqual(
      expect.objectContaining({
        classname: 'logging.LOG-002',
        name: 'app/stack/template.yaml: LegacyLogs',
        skipped: expect.objectContaining({
          message: 'suppressed: kept forever by legal hold',
        }),
      }),
    );
    expect(cases).toContainEqual({
      classname: 'logging.LOG-002',
      name: 'app/stack/template.yaml: AuditLogs',
      file: 'app/stack/template.yaml',
    });

    const gated = await run(
      'scan',
      'stack',
      '--format',
      'junit',
      '--fail-on',
      'high',
      '--output',
      path.join(root, 'reports/infra-compliance.xml'),
    );
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe('');
    expect(gated.stderr).toMatch(
      /^infra-compliance: wrote the junit report to .*infra-compliance\.xml: /,
    );
    expect(
      await fs.readFile(
        path.join(root, 'reports/infra-compliance.xml'),
        'utf8',
      ),
    ).toBe(result.stdout);
    expect(
      (await run('scan', 'stack', '--format', 'junit', '--fail-on', 'critical'))
        .code,
    ).toBe(0);
  });
});

describe('scan --format github', () => {
  it('prints GitHub Actions workflow commands: an annotation per unsuppressed finding, files named from the root of the Git repository, then a summary', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write('app/stack/template.yaml', SERVICE_TEMPLATE);
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'app'));
    const result = await run('scan', 'stack', '--format', 'GitHub');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines.pop()).toBe('');
    const report = json(await run('scan', 'stack', '--format', 'json'));
    const open = report.findings.filter(f => !f.suppressed);
    expect(open.length).toBeLessThan(report.findings.length);
    // 2 high, 6 medium and 7 low findings: within GitHub's limits, each an annotation.
    expect(lines.map(line => /^::(\w+) /.exec(line)?.[1])).toEqual([
      ...Array(2).fill('error'),
      ...Array(6).fill('warning'),
      ...Array(7).fill('notice'),
      'notice',
    ]);
    const fnLine = lineOf(SERVICE_TEMPLATE, 'OrderProcessor:');
    expect(lines).toContain(
      `::error file=app/stack/template.yaml,line=${fnLine},title=DLQ-001 (high)%3A Asynchronously invoked function has no dead-letter target::Function OrderProcessor is invoked asynchronously (by its SNS event Orders) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.%0ARemediation: Point the function's DeadLetterConfig.TargetArn (SAM DeadLetterQueue, TF dead_letter_config) at an SQS queue or SNS topic, or add an EventInvokeConfig with an OnFailure destination. Functions triggered only synchronously or by poll-based event source mappings are exempt.`,
    );
    // LegacyLogs' LOG-002 is suppressed.
    const legacyLine = lineOf(SERVICE_TEMPLATE, 'LegacyLogs:');
    expect(
      lines.filter(line =>
        line.startsWith(
          `::warning file=app/stack/template.yaml,line=${legacyLine},`,
        ),
      ),
    ).toEqual([expect.stringContaining('title=ENC-001 ')]);
    expect(lines[lines.length - 1]).toBe(
      '::notice title=infra-compliance::15 findings (0 critical, 2 high, 6 medium, 7 low), 1 suppressed, grade E (54), 1 file scanned',
    );

    const gated = await run(
      'scan',
      'stack',
      '--format',
      'github',
      '--fail-on',
      'high',
      '--output',
      path.join(root, 'annotations.txt'),
    );
    expect(gated.code).toBe(1);
    expect(gated.stdout).toBe('');
    expect(gated.stderr).toMatch(
      /^infra-compliance: wrote the github report to .*annotations\.txt: 15 findings /,
    );
    expect(await fs.readFile(path.join(root, 'annotations.txt'), 'utf8')).toBe(
      result.stdout,
    );
  });
});

describe('--fail-on', () => {
  it('is off by default', async () => {
    expect((await run('scan', root)).code).toBe(0);
  });

  it.each([
    ['critical', 'DLQ-001', 0],
    ['high', 'DLQ-001', 1],
    ['medium', 'DLQ-001', 1],
    ['high', 'LOG-002', 0],
    ['medium', 'LOG-002', 1],
    ['low', 'LOG-002', 1],
    ['none', 'DLQ-001', 0],
    // Any case, as rule ids in --rules are.
    ['HIGH', 'DLQ-001', 1],
    ['High', 'LOG-002', 0],
    ['Medium', 'LOG-002', 1],
    ['NONE', 'DLQ-001', 0],
  ])('--fail-on %s with only %s exits %i', async (failOn, rule, expected) => {
    const result = await run(
      'scan',
      root,
      '--rules',
      rule,
      '--fail-on',
      failOn,
    );
    expect(result.code).toBe(expected);
    // The last line on stderr says why it exits 1, whatever the format.
    expect(result.stderr.endsWith('infra-compliance: exit 1: ')).toBe(false);
    expect(/infra-compliance: exit 1: /.test(result.stderr)).toBe(
      expected === 1,
    );
  });

  it('says on its last stderr line why it exits 1: how many findings at or above which severity', async () => {
    const table = await run(
      'scan',
      root,
      '--rules',
      'LOG-002',
      '--fail-on',
      'medium',
    );
    expect(table.code).toBe(1);
    expect(table.stderr).toBe(
      'infra-compliance: exit 1: 2 unsuppressed findings at or above medium (--fail-on medium)\n',
    );
    const toFile = await run(
      'scan',
      root,
      '--fail-on',
      'high',
      '--format',
      'json',
      '--output',
      path.join(root, 'out', 'report.json'),
    );
    const failing = (
      JSON.parse(
        await fs.readFile(path.join(root, 'out', 'report.json'), 'utf8'),
      ) as ScanReport
    ).findings.filter(
      f => !f.suppressed && ['critical', 'high'].includes(f.severity),
    ).length;
    expect(failing).toBeGreaterThan(1);
    expect(toFile.stderr).toMatch(
      new RegExp(
        `^infra-compliance: wrote the json report to [^\n]+\ninfra-compliance: exit 1: ${failing} unsuppressed findings at or above high \\(--fail-on high\\)\n$`,
      ),
    );
  });

  it('does not count suppressed findings', async () => {
    await fs.rm(path.join(root, 'legacy'), { recursive: true });
    await write(
      'service/template.yaml',
      SERVICE_TEMPLATE.replace(
        '      LogGroupName: /aws/lambda/orders\n',
        '      LogGroupName: /aws/lambda/orders\n      RetentionInDays: 30\n',
      ),
    );
    const result = await run(
      'scan',
      root,
      '--rules',
      'LOG-002',
      '--fail-on',
      'low',
      '--format',
      'json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([
      expect.objectContaining({
        resourceId: 'LegacyLogs',
        suppressed: expect.anything(),
      }),
    ]);
  });
});

describe('unused suppressions', () => {
  // AuditLogs keeps its logs 7 days: its suppression of LOG-002 suppresses nothing; LegacyLogs' still does.
  const withUnused = SERVICE_TEMPLATE.replace(
    '  AuditLogs:\n',
    '  # infra-compliance:suppress=LOG-002:kept forever by legal hold\n  AuditLogs:\n',
  );
  const unusedLine = lineOf(withUnused, 'suppress=LOG-002');

  beforeEach(async () => {
    await write('service/template.yaml', withUnused);
  });

  it('are listed in a short section after the findings of the table', async () => {
    const result = await run('scan', root, '--rules', 'LOG-002');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const section = lines.indexOf(
      '1 unused suppression: its rule judged what it is written on and found nothing to suppress; remove it, so that it hides no later failure',
    );
    expect(section).toBeGreaterThan(
      lines.findIndex(line => line.includes('LegacyLogs')),
    );
    expect(lines.slice(section + 1, section + 3)).toEqual([
      `  service/template.yaml:${unusedLine}  LOG-002  AuditLogs`,
      '',
    ]);
    expect(lines[section + 3]).toMatch(/^\d+ findings?: /);
  });

  it('are in the JSON report, with the line of the suppression', async () => {
    const report = json(
      await run('scan', root, '--rules', 'LOG-002', '--format', 'json'),
    );
    expect(report.unusedSuppressions).toEqual([
      {
        file: 'service/template.yaml',
        line: unusedLine,
        resourceId: 'AuditLogs',
        ruleId: 'LOG-002',
      },
    ]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        resourceId: 'LegacyLogs',
        suppressed: expect.anything(),
      }),
    );
  });

  it('are not listed where their rule is left out', async () => {
    const report = json(
      await run('scan', root, '--skip-rules', 'LOG-002', '--format', 'json'),
    );
    expect(report.unusedSuppressions).toEqual([]);
  });

  it('are SARIF notes of the configuration, not results, and GitLab leaves them out', async () => {
    const sarif: SarifLog = JSON.parse(
      (await run('scan', root, '--rules', 'LOG-002', '--format', 'sarif'))
        .stdout,
    );
    expect(validateSarif(sarif)).toEqual([]);
    const [run0] = sarif.runs;
    expect(run0.invocations[0].toolConfigurationNotifications).toEqual([
      {
        level: 'note',
        message: {
          text: 'Unused suppression of LOG-002 on AuditLogs: the rule judged it and found nothing to suppress; remove it.',
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: 'service/template.yaml',
                uriBaseId: '%SRCROOT%',
              },
              region: { startLine: unusedLine },
            },
          },
        ],
      },
    ]);
    const findings = json(
      await run('scan', root, '--rules', 'LOG-002', '--format', 'json'),
    ).findings;
    expect(run0.results).toHaveLength(findings.length);
    const issues = JSON.parse(
      (await run('scan', root, '--rules', 'LOG-002', '--format', 'gitlab'))
        .stdout,
    );
    expect(issues).toHaveLength(
      findings.filter(finding => !finding.suppressed).length,
    );
  });

  it('do not change the exit code, but with --fail-on-unused-suppressions exit 1', async () => {
    expect((await run('scan', root, '--rules', 'LOG-002')).code).toBe(0);
    const failed = await run(
      'scan',
      root,
      '--rules',
      'LOG-002',
      '--fail-on-unused-suppressions',
      '--output',
      path.join(root, 'out', 'report.json'),
      '--format',
      'json',
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(', 1 unused suppression, ');
    expect(failed.stderr).toMatch(
      /\ninfra-compliance: exit 1: 1 suppression that suppressed nothing \(--fail-on-unused-suppressions\)\n$/,
    );
    await write('service/template.yaml', SERVICE_TEMPLATE);
    expect(
      (
        await run(
          'scan',
          root,
          '--rules',
          'LOG-002',
          '--fail-on-unused-suppressions',
        )
      ).code,
    ).toBe(0);
  });

  it('with --baseline, are marked new or unchanged, and --fail-on-unused-suppressions judges only the new', async () => {
    const baseline = path.join(root, 'out', 'main.json');
    const scan = (...args: string[]) =>
      run('scan', root, '--rules', 'LOG-002', '--baseline', baseline, ...args);
    // The baseline had no unused suppression: this one is new.
    await write('service/template.yaml', SERVICE_TEMPLATE);
    await run('scan', root, '--format', 'json', '--output', baseline);
    await write('service/template.yaml', withUnused);
    const added = await scan(
      '--fail-on-unused-suppressions',
      '--format',
      'json',
    );
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).unusedSuppressions).toEqual([
      expect.objectContaining({
        resourceId: 'AuditLogs',
        baselineState: 'new',
      }),
    ]);
    // The baseline lists it: lines added above it change nothing.
    await run('scan', root, '--format', 'json', '--output', baseline);
    await write('service/template.yaml', `# moved down\n${withUnused}`);
    const kept = await scan(
      '--fail-on-unused-suppressions',
      '--format',
      'json',
    );
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout).unusedSuppressions).toEqual([
      {
        file: 'service/template.yaml',
        line: unusedLine + 1,
        resourceId: 'AuditLogs',
        ruleId: 'LOG-002',
        baselineState: 'unchanged',
      },
    ]);
    expect((await scan()).stdout).toContain(
      `  service/template.yaml:${
        unusedLine + 1
      }  LOG-002  AuditLogs [baseline]\n`,
    );
    // Outside a Git repository, and outside the current directory: by the absolute path.
    expect((await scan('--format', 'github')).stdout).toContain(
      `::notice file=${path.join(root, 'service/template.yaml')},line=${
        unusedLine + 1
      },title=Unused suppression of LOG-002::[baseline] The suppression of LOG-002 on AuditLogs suppressed nothing`,
    );
    expect((await scan('--format', 'junit')).stdout).toContain(
      `Location: ${path.join(root, 'service/template.yaml')}:${
        unusedLine + 1
      }\nBaseline: already in the baseline</failure>`,
    );
    expect((await scan('--format', 'markdown')).stdout).toContain(
      `| service/template.yaml | ${
        unusedLine + 1
      } | LOG-002 | AuditLogs (already in the baseline) |`,
    );
  });

  it('of a file two paths scan are listed once, each path finding it unused', async () => {
    const report = json(
      await run(
        'scan',
        path.join(root, 'service'),
        path.join(root, 'service', 'template.yaml'),
        '--rules',
        'LOG-002',
        '--format',
        'json',
      ),
    );
    expect(report.unusedSuppressions).toEqual([
      expect.objectContaining({ resourceId: 'AuditLogs', line: unusedLine }),
    ]);
  });
});

describe('--baseline', () => {
  const EXTRA_QUEUE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Extra:
    Type: AWS::SQS::Queue
`;

  it('a report kept in the scanned tree is no template: the baseline run passes', async () => {
    const report = path.join(root, 'main-report.json');
    expect(
      (await run('scan', root, '--format', 'json', '--output', report)).code,
    ).toBe(0);
    const again = await run(
      'scan',
      root,
      '--baseline',
      report,
      '--fail-on',
      'low',
      '--format',
      'json',
    );
    expect(again.code).toBe(0);
    const result = json(again);
    expect(result.findings.some(f => f.file === 'main-report.json')).toBe(
      false,
    );
    expect(result.files.map(file => file.path)).not.toContain(
      'main-report.json',
    );
  });

  it('marks findings of the baseline unchanged and fails only on new ones', async () => {
    const baseline = path.join(
      root,
      '..',
      `${path.basename(root)}-baseline.json`,
    );
    try {
      expect(
        (await run('scan', root, '--format', 'json', '--output', baseline))
          .code,
      ).toBe(0);
      const before = JSON.parse(
        await fs.readFile(baseline, 'utf8'),
      ) as ScanReport;
      expect(before.findings.length).toBeGreaterThan(0);

      // Nothing new: the findings are all in the baseline.
      const same = await run(
        'scan',
        root,
        '--baseline',
        baseline,
        '--fail-on',
        'low',
        '--format',
        'json',
      );
      expect(same.code).toBe(0);
      const sameReport = json(same);
      expect(sameReport.findings).toHaveLength(before.findings.length);
      expect(
        sameReport.findings.every(f => f.baselineState === 'unchanged'),
      ).toBe(true);

      // A new queue brings new findings: only they count for --fail-on.
      await write('service/extra.yaml', EXTRA_QUEUE);
      const grown = json(
        await run('scan', root, '--baseline', baseline, '--format', 'json'),
      );
      const fresh = grown.findings.filter(f => f.baselineState === 'new');
      expect(fresh.length).toBeGreaterThan(0);
      expect(fresh.every(f => f.file === 'service/extra.yaml')).toBe(true);
      expect(
        grown.findings.filter(f => f.baselineState === 'unchanged'),
      ).toHaveLength(before.findings.length);
      expect(
        (await run('scan', root, '--baseline', baseline, '--fail-on', 'low'))
          .code,
      ).toBe(1);

      const table = await run('scan', root, '--baseline', baseline);
      expect(table.stdout).toContain(
        `${fresh.length} new, ${
          before.findings.filter(f => !f.suppressed).length
        } already in the baseline`,
      );
      expect(table.stdout).toMatch(/\[baseline\] /);

      const sarif = JSON.parse(
        (await run('scan', root, '--baseline', baseline, '--format', 'sarif'))
          .stdout,
      );
      expect(validateSarif(sarif)).toEqual([]);
      const states = sarif.runs[0].results.map(
        (result: { baselineState: string }) => result.baselineState,
      );
      expect(states.filter((state: string) => state === 'new')).toHaveLength(
        fresh.length,
      );
      expect(
        states.filter((state: string) => state === 'unchanged'),
      ).toHaveLength(before.findings.length);
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('keeps a finding on a list item unchanged when items are added above it, and calls the added ones new', async () => {
    const role = (statements: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
${statements}              - Effect: Allow
                Action: s3:*
                Resource: '*'
`;
    const template = await write('iam/template.yaml', role(''));
    const baseline = path.join(os.tmpdir(), `${path.basename(root)}-iam.json`);
    const states = async () =>
      json(
        await run(
          'scan',
          path.dirname(template),
          '--baseline',
          baseline,
          '--format',
          'json',
        ),
      )
        .findings.filter(f => f.ruleId.startsWith('IAM-'))
        .map(f => [
          f.ruleId,
          f.property,
          f.message.match(/"?(\w+:\*)/)![1],
          f.baselineState,
        ]);
    try {
      expect(
        (
          await run(
            'scan',
            path.dirname(template),
            '--format',
            'json',
            '--output',
            baseline,
          )
        ).code,
      ).toBe(0);
      // A scoped statement above: the s3:* one moves to Statement[1], still the baseline's.
      await write(
        'iam/template.yaml',
        role(`              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Role.Arn
`),
      );
      expect(await states()).toEqual([
        [
          'IAM-002',
          'Policies[0].PolicyDocument.Statement[1].Action',
          's3:*',
          'unchanged',
        ],
        [
          'IAM-003',
          'Policies[0].PolicyDocument.Statement[1].Resource',
          's3:*',
          'unchanged',
        ],
      ]);
      // One as broad put where the s3:* one was: it is new, the s3:* one is still the baseline's.
      await write(
        'iam/template.yaml',
        role(`              - Effect: Allow
                Action: dynamodb:*
                Resource: '*'
`),
      );
      expect(await states()).toEqual([
        [
          'IAM-002',
          'Policies[0].PolicyDocument.Statement[0].Action',
          'dynamodb:*',
          'new',
        ],
        [
          'IAM-003',
          'Policies[0].PolicyDocument.Statement[0].Resource',
          'dynamodb:*',
          'new',
        ],
        [
          'IAM-002',
          'Policies[0].PolicyDocument.Statement[1].Action',
          's3:*',
          'unchanged',
        ],
        [
          'IAM-003',
          'Policies[0].PolicyDocument.Statement[1].Resource',
          's3:*',
          'unchanged',
        ],
      ]);
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('keeps a finding on a list item unchanged when its message names the item by its index', async () => {
    const table = (replicas: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions:
        - { AttributeName: id, AttributeType: S }
      KeySchema:
        - { AttributeName: id, KeyType: HASH }
      BillingMode: PAY_PER_REQUEST
      Replicas:
${replicas}        - Region: us-east-1
          Tags: []
`;
    const template = await write('table/template.yaml', table(''));
    const baseline = path.join(
      os.tmpdir(),
      `${path.basename(root)}-table.json`,
    );
    try {
      await run(
        'scan',
        path.dirname(template),
        '--format',
        'json',
        '--output',
        baseline,
      );
      // A replica with tags above: the us-east-1 one moves to Replicas[1], and OPS-003 says so in its message.
      await write(
        'table/template.yaml',
        table(`        - Region: eu-west-1
          Tags: [{ Key: team, Value: orders }]
`),
      );
      const report = json(
        await run(
          'scan',
          path.dirname(template),
          '--baseline',
          baseline,
          '--format',
          'json',
        ),
      );
      expect(
        report.findings
          .filter(f => f.ruleId === 'OPS-003')
          .map(f => [f.property, f.message, f.baselineState]),
      ).toEqual([
        [
          'Replicas[1].Tags',
          'AWS::DynamoDB::GlobalTable Table has no tags on its replica in us-east-1: Replicas[1].Tags is empty, so it cannot be attributed to a team, service or environment.',
          'unchanged',
        ],
      ]);
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('calls new a finding whose suppression went: the baseline waived it by that suppression alone', async () => {
    const baseline = path.join(
      os.tmpdir(),
      `${path.basename(root)}-suppressed.json`,
    );
    const legacyLogs = async () => {
      const result = await run(
        'scan',
        root,
        '--rules',
        'LOG-002',
        '--baseline',
        baseline,
        '--fail-on',
        'medium',
        '--format',
        'json',
      );
      return {
        code: result.code,
        findings: json(result)
          .findings.filter(f => f.resourceId === 'LegacyLogs')
          .map(f => [Boolean(f.suppressed), f.baselineState]),
      };
    };
    try {
      await run('scan', root, '--format', 'json', '--output', baseline);
      expect(await legacyLogs()).toEqual({
        code: 0,
        findings: [[true, 'unchanged']],
      });
      // The suppression taken out (or broken: a reason deleted): the finding is no longer waived, and fails.
      await write(
        'service/template.yaml',
        SERVICE_TEMPLATE.replace(/ {4}Metadata:[^]*$/, ''),
      );
      expect(await legacyLogs()).toEqual({
        code: 1,
        findings: [[false, 'new']],
      });
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('refuses a report other than JSON over the baseline it reads, before the scan, and updates it with a JSON one', async () => {
    const baseline = path.join(root, 'out', 'base.json');
    await run('scan', root, '--format', 'json', '--output', baseline);
    const kept = await fs.readFile(baseline, 'utf8');
    for (const args of [
      ['--output', baseline],
      ['--format', 'json', '--report', `sarif=${baseline}`],
    ]) {
      const refused = await run('scan', root, '--baseline', baseline, ...args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^infra-compliance: cannot write .*base\.json: it is the baseline --baseline reads, which a (table|sarif) report would replace with one no --baseline can read \(a json report there updates the baseline\)\n/,
      );
      expect(await fs.readFile(baseline, 'utf8')).toBe(kept);
    }
    const updated = await run(
      'scan',
      root,
      '--baseline',
      baseline,
      '--format',
      'json',
      '--output',
      baseline,
    );
    expect(updated.code).toBe(0);
    expect(
      (JSON.parse(await fs.readFile(baseline, 'utf8')) as ScanReport).findings
        .length,
    ).toBeGreaterThan(0);
  });

  it('warns when no finding matches the baseline, as with a baseline of other paths', async () => {
    const baseline = path.join(
      os.tmpdir(),
      `${path.basename(root)}-whole.json`,
    );
    try {
      expect(
        (await run('scan', root, '--format', 'json', '--output', baseline))
          .code,
      ).toBe(0);
      // One path: report paths are relative to it, so no fingerprint is the whole tree's.
      const part = await run(
        'scan',
        path.join(root, 'service'),
        '--baseline',
        baseline,
        '--fail-on',
        'high',
      );
      expect(part.code).toBe(1);
      expect(part.stderr).toBe(
        `infra-compliance: warning: no finding matches the baseline ${baseline}; fingerprints hold the report's paths, so make the baseline by scanning the same paths from the same directory\n` +
          'infra-compliance: exit 1: 2 new unsuppressed findings at or above high (--fail-on high)\n',
      );
      const same = await run(
        'scan',
        root,
        '--baseline',
        baseline,
        '--fail-on',
        'high',
      );
      expect(same.code).toBe(0);
      expect(same.stderr).toBe('');
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('is a usage error when the file is missing or not a JSON report', async () => {
    const missing = await run(
      'scan',
      root,
      '--baseline',
      path.join(root, 'nope.json'),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the baseline .*nope\.json/);
    await write('not-a-report.json', '{"runs": []}');
    const wrong = await run(
      'scan',
      root,
      '--baseline',
      path.join(root, 'not-a-report.json'),
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'is not a report of infra-compliance scan --format json',
    );
    await write('broken.json', 'not\njson\n');
    const broken = await run(
      'scan',
      root,
      '--baseline',
      path.join(root, 'broken.json'),
    );
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^infra-compliance: the baseline .*broken\.json is not JSON: [^\n]+\n$/,
    );
  });

  it('is a usage error when the report is of another version', async () => {
    const current = JSON.parse(
      (await run('scan', root, '--format', 'json')).stdout,
    ) as ScanReport;
    expect(current.findings.length).toBeGreaterThan(0);
    // Its findings' fingerprints may be made otherwise: matching them would call old findings new, or new ones old.
    await write(
      'other-version.json',
      JSON.stringify({ ...current, version: 2 }),
    );
    const other = await run(
      'scan',
      root,
      '--baseline',
      path.join(root, 'other-version.json'),
      '--fail-on',
      'low',
    );
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe(
      `infra-compliance: the baseline ${path.join(
        root,
        'other-version.json',
      )} is a report of version 2, not 1: make it again with this version of infra-compliance scan --format json\n`,
    );
    const { version: _, ...unversioned } = current;
    await write('unversioned.json', JSON.stringify(unversioned));
    const none = await run(
      'scan',
      root,
      '--baseline',
      path.join(root, 'unversioned.json'),
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'gives no report version, not 1: make it again',
    );
  });
});

describe('--rules and --skip-rules', () => {
  it('--rules runs only the rules named (case-insensitive, comma-separated)', async () => {
    const report = json(
      await run(
        'scan',
        root,
        '--format',
        'json',
        '--rules',
        'dlq-001, log-002',
      ),
    );
    expect(new Set(report.findings.map(f => f.ruleId))).toEqual(
      new Set(['DLQ-001', 'LOG-002']),
    );
    expect(Object.keys(report.scorecard.categories).sort()).toEqual([
      'dlq',
      'logging',
    ]);
  });

  it('--rules and --skip-rules given several times name every id given', async () => {
    const report = json(
      await run(
        'scan',
        root,
        '--format',
        'json',
        '--rules',
        'DLQ-001',
        '--rules',
        'LOG-002,OPS-003',
        '--skip-rules',
        'OPS-003',
        '--skip-rules',
        'PARSE-001',
      ),
    );
    expect(new Set(report.findings.map(f => f.ruleId))).toEqual(
      new Set(['DLQ-001', 'LOG-002']),
    );
  });

  it('--skip-rules leaves the rules named out', async () => {
    const all = json(await run('scan', root, '--format', 'json'));
    const skipped = json(
      await run(
        'scan',
        root,
        '--format',
        'json',
        '--skip-rules',
        'OPS-003,ENC-001',
      ),
    );
    expect(all.findings.some(f => f.ruleId === 'OPS-003')).toBe(true);
    expect(
      skipped.findings.some(
        f => f.ruleId === 'OPS-003' || f.ruleId === 'ENC-001',
      ),
    ).toBe(false);
    expect(skipped.findings.length).toBe(
      all.findings.filter(f => f.ruleId !== 'OPS-003' && f.ruleId !== 'ENC-001')
        .length,
    );
  });

  it('--skip-rules SUP-001 drops the suppression review too', async () => {
    await write(
      'service/template.yaml',
      SERVICE_TEMPLATE.replace(
        '            reason: kept forever by legal hold\n',
        '',
      ),
    );
    const all = json(await run('scan', root, '--format', 'json'));
    expect(all.findings.some(f => f.ruleId === 'SUP-001')).toBe(true);
    const only = json(
      await run('scan', root, '--format', 'json', '--rules', 'LOG-002'),
    );
    expect(only.findings.some(f => f.ruleId === 'SUP-001')).toBe(false);
    const skipped = json(
      await run('scan', root, '--format', 'json', '--skip-rules', 'SUP-001'),
    );
    expect(skipped.findings.some(f => f.ruleId === 'SUP-001')).toBe(false);
  });
});

describe('--output', () => {
  it('writes the report to the file and one summary line to stderr', async () => {
    const target = path.join(root, 'out', 'report.json');
    await fs.mkdir(path.dirname(target));
    const result = await run(
      'scan',
      path.join(root, 'service'),
      '--format',
      'json',
      '--output',
      target,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /wrote the json report to .*report\.json: \d+ findings .* grade [A-F] \(\d+\), 1 file scanned/,
    );
    const report = JSON.parse(await fs.readFile(target, 'utf8'));
    expect(report.files).toEqual([
      {
        path: 'template.yaml',
        format: 'cloudformation',
        resources: expect.any(Number),
      },
    ]);
  });

  it('takes - for the standard output, as most command-line tools do: no file named - is written, ./- names one', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const service = path.join(root, 'service');
    for (const format of ['json', 'table']) {
      // The table keeps the colours --color gives it on stdout.
      const alone = await run('scan', service, '-f', format, '--color');
      for (const output of [['-o', '-'], ['--output=-']])
        expect(
          await run('scan', service, '-f', format, '--color', ...output),
        ).toEqual(alone);
    }
    expect(await fs.readdir(root)).not.toContain('-');
    const result = await run('scan', service, '-f', 'json', '-o', './-');
    expect(result.stdout).toBe('');
    expect(
      JSON.parse(await fs.readFile(path.join(root, '-'), 'utf8')).files,
    ).toHaveLength(1);
  });

  it('writes a table without colours', async () => {
    const target = path.join(root, 'report.txt');
    await run(
      'scan',
      path.join(root, 'service'),
      '--color',
      '--output',
      target,
    );
    const text = await fs.readFile(target, 'utf8');
    expect(text).toMatch(/^Grade [A-F]/m);
    expect(text).not.toContain('\u001b[');
  });

  it('makes the folders of the file that do not exist yet, as ESLint does', async () => {
    const target = path.join(root, 'reports', 'ci', 'r.json');
    const result = await run(
      'scan',
      path.join(root, 'service'),
      '--format',
      'json',
      '--output',
      target,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(await fs.readFile(target, 'utf8')).files).toHaveLength(1);
  });

  it('refuses to write the report over a file the scan reads', async () => {
    const template = path.join(root, 'service', 'template.yaml');
    const before = await fs.readFile(template, 'utf8');
    for (const args of [
      [path.join(root, 'service')],
      [template],
      [path.join(root, 'legacy'), path.join(root, 'service')],
    ]) {
      const result = await run('scan', ...args, '-o', template);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `infra-compliance: cannot write ${template}: it is a file the scan reads, which the report would replace\n`,
      );
      expect(await fs.readFile(template, 'utf8')).toBe(before);
    }
  });

  it('refuses to write the report over a file the scan reads through a symlink to it or to its folder', async () => {
    const template = path.join(root, 'service', 'template.yaml');
    const config = await write('shared.yaml', 'rules:\n  disable: [OPS-003]\n');
    const before = await fs.readFile(template, 'utf8');
    await fs.mkdir(path.join(root, 'out'));
    symlinkSync(template, path.join(root, 'out', 'report.json'));
    symlinkSync(config, path.join(root, 'out', 'config.json'));
    symlinkSync(path.join(root, 'service'), path.join(root, 'service-link'));
    for (const [target, ...args] of [
      [path.join(root, 'out', 'report.json'), path.join(root, 'service')],
      [path.join(root, 'service-link', 'template.yaml'), template],
      [
        path.join(root, 'out', 'config.json'),
        path.join(root, 'service'),
        '--config',
        config,
      ],
    ]) {
      const result = await run('scan', ...args, '-o', target);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        args.includes('--config')
          ? `infra-compliance: cannot write ${target}: it is the config file --config reads, which the report would replace\n`
          : `infra-compliance: cannot write ${target}: it is a file the scan reads, which the report would replace\n`,
      );
    }
    expect(await fs.readFile(template, 'utf8')).toBe(before);
    expect(await fs.readFile(config, 'utf8')).toBe(
      'rules:\n  disable: [OPS-003]\n',
    );
  });

  it('refuses to write the report over a file of the stack of a file given by name, which the scan reads with it', async () => {
    await write(
      'tf/main.tf',
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    );
    const sibling = await write(
      'tf/dlq.tf',
      'resource "aws_sqs_queue" "dlq" {\n  name = "dlq"\n}\n',
    );
    const before = await fs.readFile(sibling, 'utf8');
    const result = await run(
      'scan',
      path.join(root, 'tf/main.tf'),
      '-o',
      sibling,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `infra-compliance: cannot write ${sibling}: it is a file the scan reads, which the report would replace\n`,
    );
    expect(await fs.readFile(sibling, 'utf8')).toBe(before);
  });

  it('refuses to write the report over the project file of a program or the config the scan reads', async () => {
    await writeNetworkApp();
    const projectFile = path.join(root, 'network', 'cdk.json');
    const treeConfig = await write(
      'network/.infra-compliance.yaml',
      'rules:\n  disable: [OPS-003]\n',
    );
    const sharedConfig = await write(
      'shared.yaml',
      'rules:\n  disable: [OPS-003]\n',
    );
    for (const [target, ...args] of [
      [projectFile, path.join(root, 'network')],
      [treeConfig, path.join(root, 'network')],
      [sharedConfig, path.join(root, 'network'), '--config', sharedConfig],
    ]) {
      const before = await fs.readFile(target, 'utf8');
      const result = await run('scan', ...args, '-o', target);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        target === sharedConfig
          ? `infra-compliance: cannot write ${target}: it is the config file --config reads, which the report would replace\n`
          : `infra-compliance: cannot write ${target}: it is a file the scan reads, which the report would replace\n`,
      );
      expect(await fs.readFile(target, 'utf8')).toBe(before);
    }
  });

  it('writes over a file there in a folder that takes no new file (/dev/stdout, as a user who is not root)', async () => {
    const target = await write('locked/report.json', '');
    const locked = path.dirname(target);
    // The tests may run as root, who may write anywhere: the folder refuses as it would refuse a user.
    const { accessSync } = nodeFs;
    jest.spyOn(nodeFs, 'accessSync').mockImplementation((file, mode) => {
      if (path.resolve(String(file)) === locked)
        throw Object.assign(new Error('EACCES: permission denied'), {
          code: 'EACCES',
        });
      accessSync(file, mode);
    });
    const result = await run(
      'scan',
      path.join(root, 'service'),
      '--format',
      'json',
      '--output',
      target,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(await fs.readFile(target, 'utf8')).files).toHaveLength(1);
    // A new file there is refused.
    const created = path.join(locked, 'new.json');
    expect((await run('scan', root, '-o', created)).stderr).toBe(
      `infra-compliance: cannot write ${created}: permission denied\n`,
    );
  });

  it('refuses a folder, a folder that is a file or no name before scanning, in one line', async () => {
    // A scan of a folder without IaC would warn on stderr: the refusal comes before it.
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    const refusal = async (output: string) => {
      const result = await run('scan', empty, '-o', output);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    expect(await refusal(root)).toBe(
      `infra-compliance: cannot write ${root}: is a directory\n`,
    );
    const template = path.join(root, 'service', 'template.yaml');
    const inFile = path.join(template, 'reports', 'r.json');
    expect(await refusal(inFile)).toBe(
      `infra-compliance: cannot write ${inFile}: ${template} is not a directory\n`,
    );
    expect(await refusal('')).toBe(
      'infra-compliance: --output needs a file name\n',
    );
    // A name that ends in a separator names a folder, there or not: no report is written in it under a name of ours.
    for (const folder of [`${root}/reports/`, `${root}/`, 'reports/']) {
      expect(await refusal(folder)).toBe(
        `infra-compliance: cannot write ${folder}: --output takes a file name, not a folder (e.g. ${folder}report.json)\n`,
      );
    }
    await expect(fs.stat(path.join(root, 'reports'))).rejects.toThrow();
  });
});

describe('--report', () => {
  it('writes reports of the same scan in other formats besides the table on stdout, each with its summary line, and --fail-on exits as without them', async () => {
    const sarif = path.join(root, 'out', 'results.sarif');
    const junit = path.join(root, 'out', 'ci', 'infra-compliance.xml');
    const result = await run(
      'scan',
      path.join(root, 'service'),
      '--report',
      `sarif=${sarif}`,
      '--report',
      `JUnit=${junit}`,
      '--fail-on',
      'high',
    );
    const alone = await run(
      'scan',
      path.join(root, 'service'),
      '--fail-on',
      'high',
    );
    expect(result.code).toBe(1);
    expect(alone.code).toBe(1);
    expect(result.stdout).toBe(alone.stdout);
    const summary = alone.stdout.match(/^\d+ findings: /m);
    expect(summary).not.toBeNull();
    expect(result.stderr).toMatch(
      new RegExp(
        `^infra-compliance: wrote the sarif report to ${sarif}: \\d+ findings \\(0 critical, 2 high, .*, 1 file scanned\n` +
          `infra-compliance: wrote the junit report to ${junit}: \\d+ findings \\(0 critical, 2 high, .*, 1 file scanned\n` +
          'infra-compliance: exit 1: 2 unsuppressed findings at or above high \\(--fail-on high\\)\n$',
      ),
    );
    for (const [format, file] of [
      ['sarif', sarif],
      ['junit', junit],
    ]) {
      const separate = await run(
        'scan',
        path.join(root, 'service'),
        '--format',
        format,
      );
      expect(await fs.readFile(file, 'utf8')).toBe(separate.stdout);
    }
  });

  it('writes reports besides --output, a table without colours, splitting at the first = (a file name may hold one)', async () => {
    const output = path.join(root, 'report.json');
    const table = path.join(root, 'out', 'a=b.txt');
    const result = await run(
      'scan',
      path.join(root, 'service'),
      '--color',
      '--format',
      'json',
      '--output',
      output,
      '--report',
      `table=${table}`,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^infra-compliance: wrote the json report to .*report\.json: \d+ findings/,
      ),
      expect.stringMatching(
        /^infra-compliance: wrote the table report to .*a=b\.txt: \d+ findings/,
      ),
      '',
    ]);
    const text = await fs.readFile(table, 'utf8');
    expect(text).toMatch(/^Grade [A-F]/m);
    expect(text).not.toContain('\u001b[');
    expect(JSON.parse(await fs.readFile(output, 'utf8')).files).toHaveLength(1);
  });

  it('writes a report of <format>=- to the standard output, told there as the report of --format is, the report of --format going to the --output file', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const service = path.join(root, 'service');
    const result = await run(
      'scan',
      service,
      '--color',
      '-f',
      'json',
      '-o',
      'report.json',
      '--report',
      'TABLE=-',
      '--report',
      'sarif=-/results.sarif',
      '--fail-on',
      'high',
    );
    const table = await run('scan', service, '--color', '--fail-on', 'high');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(table.stdout);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^infra-compliance: wrote the json report to report\.json: \d+ findings/,
      ),
      expect.stringMatching(
        /^infra-compliance: wrote the sarif report to -\/results\.sarif: \d+ findings/,
      ),
      'infra-compliance: exit 1: 2 unsuppressed findings at or above high (--fail-on high)',
      '',
    ]);
    expect(
      JSON.parse(await fs.readFile(path.join(root, 'report.json'), 'utf8'))
        .files,
    ).toHaveLength(1);
    const sarif = await run('scan', service, '-f', 'sarif');
    expect(
      await fs.readFile(path.join(root, '-', 'results.sarif'), 'utf8'),
    ).toBe(sarif.stdout);
    const jsonOnStdout = await run(
      'scan',
      service,
      '-o',
      'report.txt',
      '--report',
      'json=-',
    );
    expect(jsonOnStdout.stdout).toBe(
      (await run('scan', service, '-f', 'json')).stdout,
    );
    expect(beforeSummary(jsonOnStdout)).toMatch(
      /^infra-compliance: wrote the table report to report\.txt: \d+ findings[^\n]+\n$/,
    );
  });

  it('refuses, before scanning, two reports on the standard output: a <format>=- without --output or with --output -, or two', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    for (const [args, message] of [
      [
        ['--report', 'sarif=-'],
        '--report sarif=- names the standard output, where the table report goes without --output: give --output a file',
      ],
      [
        ['-f', 'json', '--report', 'sarif=-', '--report', 'json=r.json'],
        '--report sarif=- names the standard output, where the json report goes without --output: give --output a file',
      ],
      [
        ['-o', '-', '--report', 'sarif=-'],
        '--output - and --report sarif=- both name the standard output: give one of them a file',
      ],
      [
        ['-o', 'r.txt', '--report', 'sarif=-', '--report', 'JSON=-'],
        '--report sarif=- and --report JSON=- both name the standard output: give one of them a file',
      ],
    ])
      expect(await run('scan', empty, ...args)).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${message}\n`,
      });
    expect(await fs.readdir(root)).toEqual(
      expect.not.arrayContaining(['-', 'r.txt', 'r.json']),
    );
  });

  it('refuses, before scanning, a value without a format, a file that cannot be written, or two reports of one file, also through a symlink', async () => {
    // A scan of a folder without IaC would warn on stderr: the refusal comes before it.
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    await fs.mkdir(path.join(root, 'out'));
    symlinkSync(path.join(root, 'out'), path.join(root, 'out-link'));
    const refusal = async (...args: string[]) => {
      const result = await run('scan', empty, ...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    const formats = 'table, json, sarif, gitlab, github, junit, markdown';
    for (const value of ['results.sarif', 'sarf=results.sarif'])
      expect(await refusal('--report', value)).toBe(
        `infra-compliance: option '--report <format=file>' argument '${value}' is invalid. It takes a format and a file, as sarif=results.sarif (formats: ${formats})\n(add --help for usage)\n`,
      );
    expect(await refusal('--report', 'sarif=')).toBe(
      'infra-compliance: --report needs a file name\n',
    );
    expect(await refusal('--report', `json=${root}`)).toBe(
      `infra-compliance: cannot write ${root}: is a directory\n`,
    );
    const template = path.join(root, 'service', 'template.yaml');
    const inFile = path.join(template, 'r.json');
    expect(await refusal('--report', `json=${inFile}`)).toBe(
      `infra-compliance: cannot write ${inFile}: ${template} is not a directory\n`,
    );
    const sarif = path.join(root, 'out', 'r.sarif');
    const linked = path.join(root, 'out-link', 'r.sarif');
    expect(
      await refusal('-f', 'sarif', '-o', sarif, '--report', `sarif=${linked}`),
    ).toBe(
      `infra-compliance: --output ${sarif} and --report sarif=${linked} name the same file: give each report a file of its own\n`,
    );
    expect(
      await refusal('--report', `json=${sarif}`, '--report', `SARIF=${sarif}`),
    ).toBe(
      `infra-compliance: --report json=${sarif} and --report SARIF=${sarif} name the same file: give each report a file of its own\n`,
    );
    expect(await fs.readdir(path.join(root, 'out'))).toEqual([]);
  });

  it('refuses a report over a file the scan reads or the --config file, also through a symlink, as --output does', async () => {
    const template = path.join(root, 'service', 'template.yaml');
    const config = await write('shared.yaml', 'rules:\n  disable: [OPS-003]\n');
    const before = await fs.readFile(template, 'utf8');
    const sarif = path.join(root, 'results.sarif');
    symlinkSync(path.join(root, 'service'), path.join(root, 'service-link'));
    symlinkSync(config, path.join(root, 'config-link.yaml'));
    for (const target of [
      template,
      path.join(root, 'service-link', 'template.yaml'),
    ]) {
      const result = await run(
        'scan',
        path.join(root, 'service'),
        '--report',
        `sarif=${sarif}`,
        '--report',
        `json=${target}`,
      );
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: cannot write ${target}: it is a file the scan reads, which the report would replace\n`,
      });
    }
    const linkedConfig = path.join(root, 'config-link.yaml');
    expect(
      await run(
        'scan',
        path.join(root, 'service'),
        '--config',
        config,
        '--report',
        `json=${linkedConfig}`,
      ),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: `infra-compliance: cannot write ${linkedConfig}: it is the config file --config reads, which the report would replace\n`,
    });
    expect(await fs.readFile(template, 'utf8')).toBe(before);
    expect(await fs.readFile(config, 'utf8')).toBe(
      'rules:\n  disable: [OPS-003]\n',
    );
    await expect(fs.stat(sarif)).rejects.toThrow();
  });
});

describe('a report for machines on stdout', () => {
  it('is told in one line on stderr when stdout is no terminal, as --output tells it, also when the scan fails; not the table nor GitHub annotations, which tell it themselves', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    const setTerminal = (value: boolean) =>
      Object.defineProperty(process.stdout, 'isTTY', {
        value,
        configurable: true,
      });
    try {
      setTerminal(false);
      const service = path.join(root, 'service');
      const written = path.join(root, 'report.json');
      await run(
        'scan',
        service,
        '-f',
        'json',
        '-o',
        written,
        '--fail-on',
        'high',
      );
      const toFile = stderr;
      for (const format of ['json', 'sarif', 'gitlab', 'junit', 'markdown']) {
        const result = await run(
          'scan',
          service,
          '-f',
          format,
          '--fail-on',
          'high',
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          toFile
            .replace(`to ${written}`, 'to the standard output')
            .replace('the json report', `the ${format} report`),
        );
      }
      for (const format of ['table', 'github'])
        expect((await run('scan', service, '-f', format)).stderr).toBe('');
      setTerminal(true);
      expect((await run('scan', service, '-f', 'json')).stderr).toBe('');
    } finally {
      if (descriptor)
        Object.defineProperty(process.stdout, 'isTTY', descriptor);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });
});

describe('.infra-compliance.yaml', () => {
  it('honours paths.include and paths.exclude', async () => {
    await write('.infra-compliance.yaml', 'paths:\n  exclude: ["legacy/**"]\n');
    expect(
      json(await run('scan', root, '--format', 'json')).files.map(f => f.path),
    ).toEqual(['service/template.yaml']);
    await write('.infra-compliance.yaml', 'paths:\n  include: ["legacy/**"]\n');
    expect(
      json(await run('scan', root, '--format', 'json')).files.map(f => f.path),
    ).toEqual(['legacy/stack.json']);
  });

  it('honours rules.disable', async () => {
    await write(
      '.infra-compliance.yaml',
      'rules:\n  disable: [OPS-003, DLQ-001]\n',
    );
    const report = json(await run('scan', root, '--format', 'json'));
    expect(
      report.findings.some(
        f => f.ruleId === 'OPS-003' || f.ruleId === 'DLQ-001',
      ),
    ).toBe(false);
    expect(report.scorecard.categories.dlq).toBeUndefined();
    expect(report.findings.some(f => f.ruleId === 'LOG-002')).toBe(true);
  });

  it('passes rules.options to the rule (LOG-002 minRetentionDays)', async () => {
    const auditLine = lineOf(SERVICE_TEMPLATE, 'RetentionInDays: 7');
    const before = json(
      await run('scan', root, '--format', 'json', '--rules', 'LOG-002'),
    );
    expect(before.findings.some(f => f.resourceId === 'AuditLogs')).toBe(false);
    await write(
      '.infra-compliance.yaml',
      'rules:\n  options:\n    LOG-002: { minRetentionDays: 30 }\n',
    );
    const after = json(
      await run('scan', root, '--format', 'json', '--rules', 'LOG-002'),
    );
    expect(after.findings.filter(f => f.resourceId === 'AuditLogs')).toEqual([
      expect.objectContaining({
        ruleId: 'LOG-002',
        line: auditLine,
        property: 'RetentionInDays',
      }),
    ]);
  });

  it('reads rule ids in any case, as the command line does', async () => {
    await write(
      '.infra-compliance.yaml',
      'rules:\n  disable: [dlq-001]\n  options:\n    log-002: { minRetentionDays: 30 }\n',
    );
    const result = await run('scan', root, '--format', 'json');
    expect(result.code).toBe(0);
    const report = json(result);
    expect(report.findings.some(f => f.ruleId === 'DLQ-001')).toBe(false);
    expect(
      report.findings.some(
        f => f.ruleId === 'LOG-002' && f.resourceId === 'AuditLogs',
      ),
    ).toBe(true);
  });

  it('warns on stderr, without failing, when nothing in the tree is infrastructure code or matches paths.include', async () => {
    await write('.infra-compliance.yaml', "paths:\n  include: ['service']\n");
    const typo = await run('scan', root, '--fail-on', 'low');
    expect(typo.code).toBe(0);
    expect(typo.stderr).toMatch(
      /warning: no infrastructure-as-code file in .* matches paths\.include service \(a folder is included with its files: service\/\*\*\)/,
    );
    const empty = path.join(root, 'docs');
    await fs.mkdir(empty);
    const nothing = await run('scan', empty);
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toMatch(
      /warning: no infrastructure-as-code file found in .*docs/,
    );
    // A CDK app in Python: found, and skipped.
    const python = path.join(root, 'ledger');
    await fs.mkdir(python);
    await fs.writeFile(
      path.join(python, 'cdk.json'),
      '{"app": "python3 app.py"}\n',
    );
    const unread = await run('scan', python);
    expect(unread.code).toBe(0);
    expect(unread.stderr).toMatch(
      /warning: no infrastructure-as-code file read in .*ledger: 1 file skipped \(the report says why\)\n/,
    );
    expect(unread.stdout).toContain('cdk.json');
  });

  // /proc/self stands for /proc and /sys, as in discovery's test.
  (process.platform === 'linux' ? describe : describe.skip)('on Linux', () => {
    it('says why a folder of a pseudo file system given holds no code: it is not walked', async () => {
      const proc = await run('scan', '/proc/self', '--fail-on', 'low');
      expect(proc.code).toBe(0);
      expect(proc.stderr).toBe(
        'infra-compliance: warning: /proc/self is on a pseudo file system (proc), which holds no code: not walked\n',
      );
    });
  });

  it("reads the config of a file's folder for a file given by name, as for the folder", async () => {
    await write(
      'service/.infra-compliance.yaml',
      'rules:\n  disable: [DLQ-001]\n  options:\n    LOG-002: { minRetentionDays: 30 }\n',
    );
    const ofFolder = json(
      await run('scan', path.join(root, 'service'), '--format', 'json'),
    );
    // Beside the config, as a pre-commit hook runs it on the files it changed.
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'service'));
    const ofFile = json(await run('scan', 'template.yaml', '--format', 'json'));
    expect(ofFile.findings).toEqual(ofFolder.findings);
    expect(ofFile.findings.some(f => f.ruleId === 'DLQ-001')).toBe(false);
    expect(
      ofFile.findings.some(
        f => f.ruleId === 'LOG-002' && f.resourceId === 'AuditLogs',
      ),
    ).toBe(true);

    await write('service/.infra-compliance.yaml', 'rules:\n  disable: [X]\n');
    const broken = await run('scan', 'template.yaml');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(
      'infra-compliance: .infra-compliance.yaml:2: rules.disable names unknown rule id(s) X\n',
    );

    await write(
      'service/.infra-compliance.yaml',
      'paths:\n  exclude: ["*.yaml"]\n',
    );
    const excluded = await run('scan', 'template.yaml', '--fail-on', 'low');
    expect(excluded.code).toBe(0);
    expect(excluded.stderr).toBe(
      'infra-compliance: warning: template.yaml is not scanned: it matches paths.exclude *.yaml\n',
    );
  });

  it('--config replaces the tree config', async () => {
    await write('.infra-compliance.yaml', 'rules:\n  disable: [DLQ-001]\n');
    const other = await write('other.yaml', 'rules:\n  disable: [LOG-002]\n');
    const report = json(
      await run('scan', root, '--format', 'json', '--config', other),
    );
    expect(report.findings.some(f => f.ruleId === 'DLQ-001')).toBe(true);
    expect(report.findings.some(f => f.ruleId === 'LOG-002')).toBe(false);
  });
});

describe('a failure of the scanner on some files', () => {
  /** LOG-002 throws on the legacy template, as a bug of the engine that its input reaches would. */
  function failOnLegacyTemplate() {
    const rule = ALL_RULES.find(candidate => candidate.meta.id === 'LOG-002')!;
    const check = rule.check;
    jest.spyOn(rule, 'check').mockImplementation(context => {
      if (context.graph.file === 'legacy/stack.json')
        throw new TypeError(
          "Cannot read properties of undefined (reading 'Arn')",
        );
      check.call(rule, context);
    });
  }

  it('writes the report without their files, says which on stderr, and exits 3', async () => {
    const complete = await run('scan', root, '--format', 'json');
    failOnLegacyTemplate();
    const output = path.join(root, 'out/report.json');
    const result = await run(
      'scan',
      root,
      '--format',
      'json',
      '--output',
      output,
    );
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')).toEqual([
      "infra-compliance: internal error on legacy/stack.json (not scanned; the rest of the report stands): Cannot read properties of undefined (reading 'Arn')",
      '(set INFRA_COMPLIANCE_DEBUG=1 to print the stack trace)',
      expect.stringMatching(/^infra-compliance: wrote the json report to /),
      '',
    ]);
    const report: ScanReport = JSON.parse(await fs.readFile(output, 'utf8'));
    const before: ScanReport = JSON.parse(complete.stdout);
    expect(report.skipped).toEqual([
      {
        path: 'legacy/stack.json',
        reason:
          "not scanned: the scanner failed on it (internal error: Cannot read properties of undefined (reading 'Arn')); please report it",
        internalError: true,
      },
    ]);
    expect(report.files.map(file => file.path)).toEqual([
      'service/template.yaml',
    ]);
    expect(report.findings).toEqual(
      before.findings.filter(finding => finding.file !== 'legacy/stack.json'),
    );
  });

  it('exits 3 over --fail-on, and marks the SARIF run as not successful with an error notification', async () => {
    failOnLegacyTemplate();
    const result = await run(
      'scan',
      root,
      '--format',
      'sarif',
      '--fail-on',
      'low',
    );
    expect(result.code).toBe(3);
    const log: SarifLog = JSON.parse(result.stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(
      log.runs[0].invocations[0].toolExecutionNotifications?.filter(
        notification => notification.level === 'error',
      ),
    ).toEqual([
      expect.objectContaining({
        message: {
          text: expect.stringMatching(
            /^Skipped legacy\/stack\.json: not scanned: the scanner failed on it/,
          ),
        },
      }),
    ]);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  it('names the files it failed on as the report does, for a file given by name of a stack read from a folder above the current directory', async () => {
    await fs.mkdir(path.join(root, '.git'));
    await write(
      'modules/q/main.tf',
      'resource "aws_sqs_queue" "inner" {\n  name = "inner"\n}\n',
    );
    await write(
      'envs/prod/main.tf',
      'module "q" {\n  source = "../../modules/q"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
    );
    const rule = ALL_RULES.find(candidate => candidate.meta.id === 'ENC-003')!;
    jest.spyOn(rule, 'check').mockImplementation(() => {
      throw new TypeError('boom');
    });
    jest.spyOn(process, 'cwd').mockReturnValue(path.join(root, 'envs/prod'));
    const result = await run('scan', 'main.tf', '--format', 'json');
    expect(result.code).toBe(3);
    const report: ScanReport = JSON.parse(result.stdout);
    expect(report.skipped.map(skipped => skipped.path)).toEqual(['main.tf']);
    expect(
      result.stderr.split('\n').filter(line => line.includes('internal')),
    ).toEqual([
      'infra-compliance: internal error on main.tf and 1 more files (not scanned; the rest of the report stands): boom',
    ]);
  });
});

describe('usage errors exit 2 with one clear line and no stack trace', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'unknown format',
      () => ['scan', root, '--format', 'xml'],
      /argument 'xml' is invalid/,
    ],
    [
      'unknown format, in any case',
      () => ['scan', root, '--format', 'XML'],
      /argument 'XML' is invalid\. Allowed choices are table, json, sarif, gitlab, github, junit, markdown\./,
    ],
    [
      'unknown format of the rules command',
      () => ['rules', '--format', 'SARIF'],
      /argument 'SARIF' is invalid\. Allowed choices are table, json\./,
    ],
    [
      'unknown severity',
      () => ['scan', root, '--fail-on', 'severe'],
      /argument 'severe' is invalid/,
    ],
    [
      'unknown rule in --rules',
      () => ['scan', root, '--rules', 'DLQ-001,NOPE-1'],
      /unknown rule id in --rules: NOPE-1/,
    ],
    [
      'unknown rule in --skip-rules',
      () => ['scan', root, '--skip-rules', 'XYZ-9'],
      /unknown rule id in --skip-rules: XYZ-9/,
    ],
    [
      'empty --rules',
      () => ['scan', root, '--rules', ','],
      /--rules needs at least one rule id/,
    ],
    ['missing path', () => ['scan'], /missing required argument 'path'/],
    [
      'path that does not exist',
      () => ['scan', path.join(root, 'nope')],
      /cannot read .*nope: no such file or directory/,
    ],
    [
      'unknown option',
      () => ['scan', root, '--frobnicate'],
      /unknown option '--frobnicate'/,
    ],
    ['unknown command', () => ['audit', root], /unknown command 'audit'/],
    ['no command', () => [], /Usage: infra-compliance/],
    [
      '--rules and --skip-rules that leave nothing to run',
      () => ['scan', root, '--rules', 'DLQ-001', '--skip-rules', 'dlq-001'],
      /no rule left to run in .*: --rules, --skip-rules and rules.disable leave out every rule/,
    ],
    [
      'an argument the rules command does not take',
      () => ['rules', 'extra'],
      /too many arguments/,
    ],
    [
      'missing --config file',
      () => ['scan', root, '--config', path.join(root, 'none.yaml')],
      /cannot read the config file .*none\.yaml/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const result = await run(...args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('a path that is a symlink loop', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infra-compliance-loop-'));
    try {
      nodeFs.symlinkSync('loop', path.join(dir, 'loop'));
      const result = await run('scan', path.join(dir, 'loop'));
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `infra-compliance: cannot read ${path.join(
          dir,
          'loop',
        )}: a symlink loop\n`,
      );
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      'invalid YAML',
      'rules: [unclosed\n',
      /\/\.infra-compliance\.yaml is not valid YAML at line \d+/,
    ],
    [
      'unknown key',
      'rulez:\n  disable: []\n',
      /\/\.infra-compliance\.yaml:1 has unknown key\(s\) rulez; allowed: paths, rules$/m,
    ],
    [
      'unknown rule in rules.disable',
      'rules:\n  disable: [DLQ-999]\n',
      /\/\.infra-compliance\.yaml:2: rules\.disable names unknown rule id\(s\) DLQ-999/,
    ],
    [
      'unknown rule in rules.options',
      'rules:\n  options:\n    LOG-002: {}\n    LOG-999: {}\n',
      /\/\.infra-compliance\.yaml:4: rules\.options names unknown rule id\(s\) LOG-999/,
    ],
    [
      'invalid rule option',
      'rules:\n  options:\n    LOG-002:\n      minRetentionDays: -1\n',
      /\/\.infra-compliance\.yaml:4: LOG-002 option minRetentionDays/,
    ],
    [
      'a dead-letter minimum below zero',
      'rules:\n  options:\n    DLQ-003: { minRetentionSeconds: -1 }\n',
      /\/\.infra-compliance\.yaml:3: DLQ-003 option minRetentionSeconds must be a whole number of seconds from 60 to 1209600 \(the retention periods SQS takes, 1 minute to 14 days\), got -1/,
    ],
    [
      'a dead-letter minimum beyond what SQS keeps',
      'rules:\n  options:\n    DLQ-003: { minRetentionSeconds: 99999999 }\n',
      /\/\.infra-compliance\.yaml:3: DLQ-003 option minRetentionSeconds must be a whole number of seconds from 60 to 1209600 /,
    ],
    [
      'a number of days as text with its unit',
      'rules:\n  options:\n    LOG-002: { minRetentionDays: "30 days" }\n',
      /\/\.infra-compliance\.yaml:3: LOG-002 option minRetentionDays must be a whole number of days from 1 to 3653 \(the retentions CloudWatch Logs takes\), got the text "30 days"$/m,
    ],
    [
      'more days than CloudWatch Logs keeps',
      'rules:\n  options:\n    LOG-002:\n      minRetentionDays: 4000\n',
      /\/\.infra-compliance\.yaml:4: LOG-002 option minRetentionDays must be a whole number of days from 1 to 3653 \(the retentions CloudWatch Logs takes\), got 4000$/m,
    ],
    [
      'two YAML documents',
      '# team config\nrules:\n  disable: [OPS-003]\n---\nrules:\n  disable: [DLQ-001]\n',
      /\/\.infra-compliance\.yaml:4 holds a second YAML document, from this line: a config is one document \(only one would be read\), merge them$/m,
    ],
    [
      'a mistyped option name',
      'rules:\n  options:\n    LOG-002: { minRetentionDay: 30 }\n',
      /\/\.infra-compliance\.yaml:3: LOG-002 has no option minRetentionDay; it takes minRetentionDays/,
    ],
    [
      'options for a rule that takes none',
      'rules:\n  options:\n    ENC-001: { foo: 1 }\n',
      /\/\.infra-compliance\.yaml:3: ENC-001 takes no options, got foo/,
    ],
    [
      "options for the engine's own rule SUP-001",
      'rules:\n  options:\n    sup-001: { foo: 1 }\n',
      /\/\.infra-compliance\.yaml:3: SUP-001 takes no options, got foo/,
    ],
    [
      "options for the engine's own rule PARSE-001",
      'rules:\n  options:\n    PARSE-001:\n      maxErrors: 5\n',
      /\/\.infra-compliance\.yaml:4: PARSE-001 takes no options, got maxErrors/,
    ],
    [
      // Written raw, the escape sequence would clear the terminal of whoever runs the scan.
      'a terminal escape sequence in a rule id',
      'rules:\n  disable: ["\\e[2JX"]\n',
      /\/\.infra-compliance\.yaml:2: rules\.disable names unknown rule id\(s\) \\u001b\[2JX$/m,
    ],
  ])('a tree config with %s', async (_name, config, message) => {
    await write('.infra-compliance.yaml', config);
    const result = await run('scan', root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^infra-compliance: [^\n]+\n$/);
  });

  it('a config saved as UTF-16, in the tree or given with --config, is refused naming its encoding, not as YAML with null bytes', async () => {
    const utf16 = Buffer.from(
      '\ufeffrules:\n  disable: [OPS-003]\n',
      'utf16le',
    );
    await fs.writeFile(path.join(root, '.infra-compliance.yaml'), utf16);
    const shared = path.join(root, 'shared.yaml');
    await fs.writeFile(shared, utf16);
    expect(await run('scan', root)).toEqual({
      code: 2,
      stdout: '',
      stderr: `infra-compliance: ${root}/.infra-compliance.yaml is UTF-16LE (it starts with its byte order mark): save it as UTF-8\n`,
    });
    expect(
      await run('scan', path.join(root, 'service'), '--config', shared),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr: `infra-compliance: ${shared} is UTF-16LE (it starts with its byte order mark): save it as UTF-8\n`,
    });
  });

  it('a rule disabled twice is a warning naming the file and line, once for a config several scans read', async () => {
    const config = 'rules:\n  disable:\n    - OPS-003\n    - ops-003\n';
    await write('.infra-compliance.yaml', config);
    const shared = await write('shared.yaml', config);
    const warning = (file: string) =>
      `infra-compliance: warning: ${file}:4: rules.disable names OPS-003 more than once (OPS-003, ops-003): once is enough\n`;
    const tree = await run('scan', root, '--format', 'json');
    expect(tree.code).toBe(0);
    expect(beforeSummary(tree)).toBe(
      warning(path.join(root, '.infra-compliance.yaml')),
    );
    expect(
      json({
        ...tree,
        stderr: tree.stderr.replace(/^.*warning.*\n/, ''),
      }).findings.some(finding => finding.ruleId === 'OPS-003'),
    ).toBe(false);
    const given = await run(
      'scan',
      path.join(root, 'service'),
      path.join(root, 'legacy'),
      '--config',
      shared,
      '--format',
      'json',
    );
    expect(beforeSummary(given)).toBe(warning(shared));
  });

  it('an invalid rule option fails the scan even where nothing runs the rule', async () => {
    const empty = path.join(root, 'no-iac');
    await fs.mkdir(empty);
    await fs.writeFile(
      path.join(empty, '.infra-compliance.yaml'),
      'rules:\n  options:\n    LOG-002: { minRetentionDays: -5 }\n',
    );
    for (const args of [[empty], [empty, '--skip-rules', 'LOG-002']]) {
      const result = await run('scan', ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/LOG-002 option minRetentionDays/);
    }
  });

  it('a config file that cannot be read is an error, not an empty config', async () => {
    await fs.mkdir(path.join(root, '.infra-compliance.yaml'));
    const result = await run('scan', root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `infra-compliance: ${path.join(
        root,
        '.infra-compliance.yaml',
      )} cannot be read: is a directory\n`,
    );
  });

  it('names the --config file it could not parse', async () => {
    const other = path.join(root, 'scan-config.yaml');
    await fs.writeFile(other, 'rules: [unclosed\n');
    const result = await run('scan', root, '--config', other);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^infra-compliance: ${other.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )} is not valid YAML at line 1, column 17: `,
      ),
    );
  });
});

describe('an option that takes one value', () => {
  it('given twice is refused in one line naming it, not the last one kept (--rules, --skip-rules and --report add up)', async () => {
    const config = await write('shared.yaml', 'rules:\n  disable: [OPS-003]\n');
    const baseline = path.join(root, 'base.json');
    await run('scan', root, '-f', 'json', '-o', baseline);
    const first = path.join(root, 'first.json');
    const second = path.join(root, 'second.json');
    for (const [args, message] of [
      [
        ['-o', first, '--output', second],
        `--output is given twice (${first} and ${second}): give it once`,
      ],
      [
        ['--output', first, `--output=${first}`],
        `--output is given twice (${first} and ${first}): give it once`,
      ],
      [
        ['-c', config, '--config', config],
        `--config is given twice (${config} and ${config}): give it once`,
      ],
      [
        ['--baseline', baseline, '--baseline', first],
        `--baseline is given twice (${baseline} and ${first}): give it once`,
      ],
      [
        ['-o', first, '-f', 'json', '--format', 'SARIF'],
        '--format is given twice (json and SARIF): give it once',
      ],
      [
        ['-o', first, '--format=table', '-f', 'table'],
        '--format is given twice (table and table): give it once',
      ],
      [
        ['-o', first, '--fail-on', 'low', '--fail-on=high'],
        '--fail-on is given twice (low and high): give it once',
      ],
    ])
      expect(await run('scan', root, ...args)).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${message}\n`,
      });
    expect(await fs.readdir(root)).toEqual(
      expect.not.arrayContaining(['first.json', 'second.json']),
    );
    expect(await run('rules', '-f', 'json', '-f', 'table')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'infra-compliance: --format is given twice (json and table): give it once\n',
    });
  });
});

describe('a short option joined to its value by =', () => {
  it('is refused, not given the value with its = (-o=- wrote a file named =-), for each short option taking a value', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    await write('shared.yaml', 'rules:\n  disable: [OPS-003]\n');
    for (const [args, message] of [
      [
        ['scan', 'service', '-f', 'json', '-o=-'],
        '-o=- gives -o the value =-, not -: write -o - or --output=- (-o =- for a value that starts with =)',
      ],
      [
        ['scan', 'service', '-o', 'r.txt', '-f=JSON'],
        '-f=JSON gives -f the value =JSON, not JSON: write -f JSON or --format=JSON (-f =JSON for a value that starts with =)',
      ],
      [
        ['scan', 'service', '-o', 'r.txt', '-c=shared.yaml'],
        '-c=shared.yaml gives -c the value =shared.yaml, not shared.yaml: write -c shared.yaml or --config=shared.yaml (-c =shared.yaml for a value that starts with =)',
      ],
      [
        ['rules', '-f=json'],
        '-f=json gives -f the value =json, not json: write -f json or --format=json (-f =json for a value that starts with =)',
      ],
      // Nothing after =: the option's placeholder for the value.
      [
        ['scan', 'service', '-o='],
        '-o= gives -o the value =: write -o <file> or --output=<file>',
      ],
      [
        ['rules', '-f='],
        '-f= gives -f the value =: write -f <format> or --format=<format>',
      ],
    ])
      expect(await run(...args)).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${message}\n`,
      });
    expect(await fs.readdir(root)).toEqual(
      expect.not.arrayContaining(['=-', 'r.txt']),
    );
    // Apart from its option, a value starting with = is one.
    expect((await run('scan', 'service', '-o', '=-')).code).toBe(0);
    expect(await fs.readdir(root)).toContain('=-');
  });

  it('is a path after --, not an option: -o =out -- -o=out writes =out, a scan of the folder -o=out', async () => {
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    await write('-o=out/template.yaml', SERVICE_TEMPLATE);
    const result = await run(
      'scan',
      '-f',
      'json',
      '-o',
      '=out',
      '--',
      '-o=out',
    );
    expect(result.stderr).not.toContain('gives -o the value');
    expect(result.code).toBe(0);
    const report: ScanReport = JSON.parse(
      await fs.readFile(path.join(root, '=out'), 'utf8'),
    );
    expect(report.files.map(file => file.path)).toEqual(['template.yaml']);
  });
});

describe('--config - and --baseline -', () => {
  it('refuse a standard input that is a terminal, where the scan would wait for what is typed; ./- names a file -', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
    Object.defineProperty(process.stdin, 'isTTY', {
      value: true,
      configurable: true,
    });
    try {
      for (const [option, what] of [
        ['--config', 'a config'],
        ['--baseline', 'a JSON report'],
      ])
        expect(await run('scan', root, option, '-')).toEqual({
          code: 2,
          stdout: '',
          stderr: `infra-compliance: ${option} - reads ${what} from the standard input, which is a terminal: pipe it in (${option} - < file) or name its file\n`,
        });
    } finally {
      if (descriptor) Object.defineProperty(process.stdin, 'isTTY', descriptor);
      else delete (process.stdin as { isTTY?: boolean }).isTTY;
    }
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    await write('-', 'rules:\n  disable: [LOG-002]\n');
    const ruleIds = json(
      await run('scan', 'service', '-f', 'json', '--config', './-'),
    ).findings.map(finding => finding.ruleId);
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(ruleIds).not.toContain('LOG-002');
  });
});

describe('usage errors name where they are', () => {
  it('names the line of what is wrong in the --config file', async () => {
    const other = path.join(root, 'scan-config.yaml');
    await fs.writeFile(
      other,
      'paths:\n  include: [infra]\n  exclude: legacy\nrules:\n  disable: [OPS-003]\n',
    );
    const result = await run('scan', root, '--config', other);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `infra-compliance: ${other}:3: paths.exclude must be a list of strings\n`,
    );
  });

  it("words commander's errors as its own, and names an unknown command given to help", async () => {
    for (const [args, message] of [
      [['scan', root, '--frobnicate'], "unknown option '--frobnicate'"],
      [
        ['rules', 'extra'],
        "too many arguments for 'rules'. Expected 0 arguments but got 1.",
      ],
      [['audit'], "unknown command 'audit'"],
      [['help', 'bogus'], "unknown command 'bogus'"],
    ] as const) {
      const result = await run(...args);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `infra-compliance: ${message}\n(add --help for usage)\n`,
      });
    }
    // What the user typed is escaped, as in the scanner's own errors.
    expect((await run('scan', root, '--\u001b[2J')).stderr).toMatch(
      /^infra-compliance: unknown option '--\\u001b\[2J'\n/,
    );
    const help = await run('help', 'scan');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await run('scan', '--help')).stdout);
    expect((await run('help')).stdout).toMatch(
      /^Usage: infra-compliance \[options\] \[command\]\n/,
    );
  });
});

describe('other commands', () => {
  it('rules lists the catalog', async () => {
    const result = await run('rules');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +SEVERITY +CATEGORY +TITLE$/);
    expect(lines).toHaveLength(RULE_CATALOG.length + 1);
    expect(result.stdout).toMatch(
      /^DLQ-001 +high +dlq +Asynchronously invoked function/m,
    );
  });

  it('rules --format json', async () => {
    const rules = JSON.parse((await run('rules', '--format', 'json')).stdout);
    expect(rules.map((r: { id: string }) => r.id)).toEqual(
      RULE_CATALOG.map(r => r.id),
    );
  });

  it('--help and --version exit 0', async () => {
    const help = await run('scan', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on <severity>');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'this severity remains (any case: high, HIGH) (choices: "critical", "high", "medium", "low", "none", default: "none")',
    );
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'report format (any case: json, JSON): sarif for GitHub code scanning, gitlab for GitLab Code Quality, github for annotations of a GitHub Actions step, junit for CI test reports (JUnit XML), markdown for a job summary or a pull request comment (choices: "table", "json", "sarif", "gitlab", "github", "junit", "markdown", default: "table")',
    );
    // FORCE_COLOR=0 turns colours off in a terminal too.
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'colours in the table (default: when FORCE_COLOR is set, but to 0 or false, which turns them off; else when stdout is a terminal and NO_COLOR is unset or empty)',
    );
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'write the report to a file (only a one-line summary goes to stderr); - is the standard output (./- a file named -)',
    );
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'a file - is the standard output, once --output gives the other report a file',
    );
    expect(help.stdout).toContain('Exit codes:');
    // An invalid config exits 2 as an unreadable one does.
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '2 usage error: bad option or value, unknown command or rule id, unreadable path, unreadable or invalid config file or --baseline report, a report file that cannot be written (the line on stderr says which)',
    );
    const version = await run('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { EMPTY_CONFIG } from '../config/loadConfig';
import { DiscoveryError } from '../discovery/discoverFiles';
import dlq001 from '../rules/dlq/DLQ-001';
import { defineRule } from '../rules/types';
import { countTurns } from '../testing/countTurns';
import {
  ScanOptions,
  ScanResult,
  scanFiles,
  scanPath,
  selectRules,
} from './scan';
import { toJsonReport } from '../report';
import { fingerprint, fingerprintApart } from './evaluateGraph';
import type { ScanFilesOptions } from '..';

/** DLQ-001 fails this function (no trigger, no dead-letter target) on line 3. */
const FAILING = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`;

/**
 * Scans are limited to DLQ-001 (a rule whose behaviour these tests know) and
 * the engine's PARSE-001 and SUP-001, so that rules added later do not change
 * what these tests see.
 */
const RULES: ScanOptions = { rules: ['DLQ-001', 'PARSE-001', 'SUP-001'] };

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-scan-'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(relative: string, content: string | Buffer): string {
  const absolute = path.join(root, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, content);
  return absolute;
}

const brief = (findings: Finding[]) =>
  findings.map(f => `${f.ruleId} ${f.file}:${f.line} ${f.resourceId}`.trim());
const parseFindings = (findings: Finding[]) =>
  findings
    .filter(f => f.ruleId === 'PARSE-001')
    .map(f => ({ file: f.file, line: f.line, message: f.message }));

describe('scanPath on bad input never crashes', () => {
  it('throws a DiscoveryError naming a root that does not exist', async () => {
    const missing = path.join(root, 'does-not-exist');
    const scan = scanPath(missing, RULES);
    await expect(scan).rejects.toBeInstanceOf(DiscoveryError);
    await expect(scanPath(missing, RULES)).rejects.toThrow(
      `Cannot read ${missing}: ENOENT: no such file or directory`,
    );
  });

  it('skips, with a reason, files it cannot read: a FIFO and a dangling symlink (and mode 000 when not root)', async () => {
    // Tests run as root, which reads a chmod 000 file anyway; a FIFO (a read
    // would block forever) and a dangling symlink are unreadable for anyone.
    write('good.yaml', FAILING);
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    fs.symlinkSync(
      path.join(root, 'gone.yaml'),
      path.join(root, 'dangling.yaml'),
    );
    const locked = write('locked.yaml', FAILING);
    fs.chmodSync(locked, 0o000);
    const result = await scanPath(root, RULES);
    const asRoot = process.getuid?.() === 0;
    const unreadable = {
      path: 'locked.yaml',
      reason: expect.stringMatching(/^unreadable: EACCES/),
    };
    expect(result.skipped).toEqual([
      { path: 'dangling.yaml', reason: 'broken symlink' },
      ...(asRoot ? [] : [unreadable]),
      { path: 'pipe.yaml', reason: 'not a regular file' },
    ]);
    expect(result.files.map(f => f.path)).toEqual(
      asRoot ? ['good.yaml', 'locked.yaml'] : ['good.yaml'],
    );
    expect(brief(result.findings)).toEqual(
      asRoot
        ? ['DLQ-001 good.yaml:3 Fn', 'DLQ-001 locked.yaml:3 Fn']
        : ['DLQ-001 good.yaml:3 Fn'],
    );
  });

  it('reports a tree without IaC as not applicable: no files, no findings, no grade', async () => {
    write('README.md', '# Service\n');
    write('package.json', '{"name": "service", "version": "1.0.0"}');
    write('docker-compose.yaml', 'services:\n  web:\n    image: nginx\n');
    write('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    write('src/index.ts', 'export const x = 1;\n');
    const result = await scanPath(root, RULES);
    expect(result.files).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.checks).toEqual([]);
    expect(result.scorecard).toEqual({
      grade: null,
      score: null,
      categories: {},
    });
    expect(result.skipped).toEqual([]);
  });

  it('reports an empty tree as not applicable too', async () => {
    const result = await scanPath(root, RULES);
    expect(result).toMatchObject({
      files: [],
      skipped: [],
      findings: [],
      scorecard: { grade: null, score: null, categories: {} },
    });
  });

  it('skips a binary file named .yaml as binary', async () => {
    write(
      'logo.yaml',
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
      ]),
    );
    const result = await scanPath(root, RULES);
    expect(result.skipped).toEqual([
      { path: 'logo.yaml', reason: 'binary file' },
    ]);
    expect(result.files).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('reports invalid YAML and invalid JSON as PARSE-001 with the parser line and message, and still scans the valid template beside them', async () => {
    write(
      'broken.yaml',
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
   Properties: {}
`,
    );
    write(
      'broken.json',
      `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" }
    "Topic": { "Type": "AWS::SNS::Topic" }
  }
}
`,
    );
    write('valid.yaml', FAILING);
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'broken.json',
        line: 5,
        message: expect.stringMatching(
          /broken\.json: missed comma between flow collection entries$/,
        ),
      },
      {
        file: 'broken.yaml',
        line: 5,
        message: expect.stringMatching(
          /broken\.yaml: bad indentation of a mapping entry$/,
        ),
      },
    ]);
    expect(result.findings.find(f => f.ruleId === 'PARSE-001')).toMatchObject({
      severity: 'high',
      category: 'parsing',
      resourceId: '',
      format: 'cloudformation',
      confidence: 'high',
    });
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 valid.yaml:3 Fn']);
    expect(result.files).toEqual([
      { path: 'broken.json', format: 'cloudformation', resources: 0 },
      { path: 'broken.yaml', format: 'cloudformation', resources: 0 },
      { path: 'valid.yaml', format: 'cloudformation', resources: 1 },
    ]);
    // PARSE-001 is one check per file: two failed, one passed.
    expect(
      result.checks
        .filter(c => c.ruleId === 'PARSE-001')
        .map(c => c.passed)
        .sort(),
    ).toEqual([false, false, true]);
    expect(result.scorecard.categories.parsing).toEqual({
      score: 33,
      passed: 1,
      failed: 2,
    });
  });

  it('skips a document that names AWS types but is no template (a scan report), and says why', async () => {
    write('template.yaml', FAILING);
    const first = await scanPath(root, RULES);
    write(
      'report.json',
      JSON.stringify(
        { findings: first.findings, note: { Type: 'AWS::Lambda::Function' } },
        null,
        2,
      ),
    );
    write(
      'state-machine.asl.json',
      '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"}}, "Comment": "Type: AWS::Lambda::Function"}',
    );
    const second = await scanPath(root, RULES);
    expect(second.findings).toEqual(first.findings);
    expect(second.files.map(file => file.path)).toEqual(['template.yaml']);
    expect(second.skipped).toEqual([
      {
        path: 'report.json',
        reason:
          'not a CloudFormation template: none of the sections of one (Resources, Parameters, Outputs…)',
      },
      {
        path: 'state-machine.asl.json',
        reason:
          'not a CloudFormation template: none of the sections of one (Resources, Parameters, Outputs…)',
      },
    ]);
  });

  it('reports a template without a Resources map as PARSE-001, its section misspelt too', async () => {
    write(
      'empty-stack.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing yet\n',
    );
    write(
      'misspelt.yaml',
      'Description: orders\nParameters:\n  Env: { Type: String }\nresources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
    );
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'empty-stack.yaml',
        line: 1,
        message: expect.stringContaining('no Resources section'),
      },
      {
        file: 'misspelt.yaml',
        line: 1,
        message: expect.stringContaining('no Resources section'),
      },
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reports a duplicate key as PARSE-001 at the line of the duplicate, not as a parse error (the last value is scanned)', async () => {
    write(
      'dup.yaml',
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
`,
    );
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'dup.yaml',
        line: 5,
        message:
          'CloudFormation file dup.yaml has a duplicate key Fn (also on line 3); the last value is used, and the earlier value has no effect.',
      },
    ]);
    expect(brief(result.findings)).toEqual([
      'DLQ-001 dup.yaml:5 Fn',
      'PARSE-001 dup.yaml:5',
    ]);
    // What to do names a duplicate key too, not only syntax errors.
    expect(
      result.findings.find(f => f.ruleId === 'PARSE-001')!.remediation,
    ).toContain(
      'a duplicate key: keep the one value meant and remove the others',
    );
  });

  it('refuses a YAML alias bomb quickly and with bounded memory', async () => {
    const names = 'abcdefghijk';
    let text = 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n';
    text += `  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < names.length; i++) {
      text += `  ${names[i]}: &${names[i]} [${Array(10)
        .fill(`*${names[i - 1]}`)
        .join(',')}]\n`;
    }
    text +=
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *k\n';
    write('bomb.yaml', text);
    write('valid.yaml', FAILING);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const result = await scanPath(root, RULES);
    const elapsed = Date.now() - started;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(elapsed).toBeLessThan(5_000);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'bomb.yaml',
        line: expect.any(Number),
        message: expect.stringContaining('alias'),
      },
    ]);
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 valid.yaml:3 Fn']);
  });

  it('reports an alias inside the node it names as PARSE-001 and scans the other templates', async () => {
    write(
      'loop.yaml',
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: &props
      Tags:
        - Key: self
          Value: *props
`,
    );
    write('valid.yaml', FAILING);
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'loop.yaml',
        line: 5,
        message: expect.stringContaining('never ends'),
      },
    ]);
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 valid.yaml:3 Fn']);
  });

  it('turns a stack overflow while reading a template into PARSE-001 on it, and scans the others', () => {
    // A rule recursing without end on one template stands for input nested deeper than anything refuses.
    const endless = defineRule('DLQ-001', ({ graph, check }) => {
      const recurse = (depth: number): number => recurse(depth + 1) + 1;
      if (graph.file === 'b.yaml') recurse(0);
      for (const resource of graph.resources) check(resource);
    });
    const result = scanFiles(
      [
        { path: 'a.yaml', text: FAILING },
        { path: 'b.yaml', text: FAILING },
      ],
      [endless],
    );
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'b.yaml',
        line: 1,
        message:
          'CloudFormation parse error in b.yaml: it nests too deeply to read',
      },
    ]);
    expect(result.files).toEqual([
      { path: 'a.yaml', format: 'cloudformation', resources: 1 },
      { path: 'b.yaml', format: 'cloudformation', resources: 0 },
    ]);
    expect(result.checks.filter(c => c.ruleId === 'DLQ-001')).toHaveLength(1);
  });

  it('skips the files of a stack the engine fails on, with the error as reason, and scans the others', () => {
    // A rule that throws on one template stands for a bug of the engine that input reaches.
    const buggy = defineRule('DLQ-001', context => {
      if (context.graph.file === 'b.yaml')
        throw new TypeError(
          "Cannot read properties of undefined (reading 'Arn')",
        );
      dlq001.check(context);
    });
    const failures: { message: string; files: string[] }[] = [];
    const result = scanFiles(
      [
        { path: 'a.yaml', text: FAILING },
        { path: 'b.yaml', text: FAILING },
        { path: 'c.yaml', text: FAILING },
      ],
      [buggy],
      {
        onInternalError: (error, files) =>
          failures.push({ message: (error as Error).message, files }),
      },
    );
    expect(brief(result.findings)).toEqual([
      'DLQ-001 a.yaml:3 Fn',
      'DLQ-001 c.yaml:3 Fn',
    ]);
    expect(result.files.map(file => file.path)).toEqual(['a.yaml', 'c.yaml']);
    expect(result.skipped).toEqual([
      {
        path: 'b.yaml',
        reason:
          "not scanned: the scanner failed on it (internal error: Cannot read properties of undefined (reading 'Arn')); please report it",
        internalError: true,
      },
    ]);
    expect(failures).toEqual([
      {
        message: "Cannot read properties of undefined (reading 'Arn')",
        files: ['b.yaml'],
      },
    ]);
    expect(result.checks.map(check => check.file)).not.toContain('b.yaml');
    expect(toJsonReport(result).skipped).toEqual(result.skipped);
  });

  it('scans a 5 MB template with all its resources', async () => {
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
    let bytes = 0;
    let blocks = 0;
    while (bytes < 5 * 1024 * 1024) {
      const block = `  Queue${blocks}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${AWS::StackName}-queue-${blocks}"
      MessageRetentionPeriod: 1209600
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq${blocks}.Arn
        maxReceiveCount: 5
  Dlq${blocks}:
    Type: AWS::SQS::Queue
  Fn${blocks}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq${blocks}.Arn
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue${blocks}`;
      lines.push(block);
      bytes += block.length + 1;
      blocks++;
    }
    lines.push(`  Unprotected:\n    Type: AWS::Lambda::Function`);
    write('big.yaml', `${lines.join('\n')}\n`);
    expect(
      fs.statSync(path.join(root, 'big.yaml')).size,
    ).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const started = Date.now();
    const result = await scanPath(root, RULES);
    // eslint-disable-next-line no-console
    console.info(
      `5 MB template, ${blocks * 3 + 1} resources: scanned in ${
        Date.now() - started
      } ms`,
    );
    expect(result.files).toEqual([
      { path: 'big.yaml', format: 'cloudformation', resources: blocks * 3 + 1 },
    ]);
    expect(brief(result.findings)).toEqual([
      `DLQ-001 big.yaml:${lines.join('\n').split('\n').length - 1} Unprotected`,
    ]);
    expect(result.checks.filter(c => c.ruleId === 'DLQ-001')).toHaveLength(
      blocks + 1,
    );
  }, 120_000);

  it('reports JSON nested 100000 levels deep as PARSE-001 without overflowing the stack', async () => {
    write(
      'deep.json',
      `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": ${'['.repeat(
        100_000,
      )}${']'.repeat(100_000)}}}}}`,
    );
    write(
      'deep-objects.json',
      `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'{"a": '.repeat(
        100_000,
      )}1${'}'.repeat(100_000)}}`,
    );
    write('valid.yaml', FAILING);
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'deep-objects.json',
        line: 1,
        message: expect.stringContaining('nests deeper than'),
      },
      {
        file: 'deep.json',
        line: 1,
        message: expect.stringContaining('nests deeper than'),
      },
    ]);
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 valid.yaml:3 Fn']);
  });

  it('does not follow a symlink that leaves the root, and lists it as skipped', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'template.yaml'), FAILING);
      fs.symlinkSync(outside, path.join(root, 'elsewhere'));
      fs.symlinkSync(
        path.join(outside, 'template.yaml'),
        path.join(root, 'linked.yaml'),
      );
      const result = await scanPath(root, RULES);
      expect(result.files).toEqual([]);
      expect(result.findings).toEqual([]);
      expect(result.skipped).toEqual([
        { path: 'elsewhere', reason: 'symlink leaves the scanned root' },
        { path: 'linked.yaml', reason: 'symlink leaves the scanned root' },
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('follows a symlink that stays inside the root, judging the file it leads to once, under its own path', async () => {
    write('stacks/real.yaml', FAILING);
    fs.symlinkSync(
      path.join(root, 'stacks', 'real.yaml'),
      path.join(root, 'linked.yaml'),
    );
    const result = await scanPath(root, RULES);
    expect(result.skipped).toEqual([]);
    expect(brief(result.findings)).toEqual(['DLQ-001 stacks/real.yaml:3 Fn']);
    // Its own path left out: under the link's.
    const linkOnly = await scanPath(root, {
      ...RULES,
      config: { ...EMPTY_CONFIG, exclude: ['stacks/**'] },
    });
    expect(brief(linkOnly.findings)).toEqual(['DLQ-001 linked.yaml:3 Fn']);
  });

  it('judges a Terraform file linked into two modules in each, as the modules it is a file of', async () => {
    write('shared/locals.tf', 'locals {\n  retention = 1\n}\n');
    for (const module of ['a', 'b']) {
      write(
        `modules/${module}/main.tf`,
        `resource "aws_cloudwatch_log_group" "logs" {\n  name              = "/aws/lambda/${module}"\n  retention_in_days = local.retention\n}\n`,
      );
      fs.symlinkSync(
        '../../shared/locals.tf',
        path.join(root, 'modules', module, 'locals.tf'),
      );
    }
    write(
      '.infra-compliance.yaml',
      'rules:\n  options:\n    LOG-002: { minRetentionDays: 30 }\n',
    );
    const result = await scanPath(root, { rules: ['LOG-002'] });
    // Module b without its locals.tf would keep its logs an unknown number of days, which fails nothing.
    expect(brief(result.findings)).toEqual([
      'LOG-002 modules/a/main.tf:3 aws_cloudwatch_log_group.logs',
      'LOG-002 modules/b/main.tf:3 aws_cloudwatch_log_group.logs',
    ]);
  });

  it('expands a Terraform module each call reaches through a link to its folder, under the path the call names, and judges it nowhere else', async () => {
    // Its default keeps the logs forever: each call overrides it.
    write(
      'shared/logmod/main.tf',
      'variable "retention" {\n  default = 0\n}\nresource "aws_cloudwatch_log_group" "logs" {\n  retention_in_days = var.retention\n}\n',
    );
    // The second call, after envs/dev in name order, keeps its logs forever too.
    for (const [env, retention] of [
      ['dev', 7],
      ['prod', 0],
    ] as const) {
      write(
        `envs/${env}/main.tf`,
        `module "logs" {\n  source    = "./logmod"\n  retention = ${retention}\n}\n`,
      );
      fs.symlinkSync(
        '../../shared/logmod',
        path.join(root, 'envs', env, 'logmod'),
      );
    }
    const result = await scanPath(root, { rules: ['LOG-002'] });
    expect(result.skipped).toEqual([]);
    // The module's own folder, which no call names by that path, is the module the calls name: read, not a root
    // module whose defaults would be judged, as a module called by its own path is not.
    expect(result.files.map(file => [file.path, file.resources])).toEqual([
      ['envs/dev/logmod/main.tf', 1],
      ['envs/dev/main.tf', 0],
      ['envs/prod/logmod/main.tf', 1],
      ['envs/prod/main.tf', 0],
      ['shared/logmod/main.tf', 0],
    ]);
    expect(brief(result.findings)).toEqual([
      'LOG-002 envs/prod/logmod/main.tf:5 module.logs.aws_cloudwatch_log_group.logs',
    ]);
    const prefixed = await scanPath(root, {
      rules: ['LOG-002'],
      pathPrefix: 'infra',
    });
    expect(brief(prefixed.findings)).toEqual([
      'LOG-002 infra/envs/prod/logmod/main.tf:5 module.logs.aws_cloudwatch_log_group.logs',
    ]);
  });

  it('judges a Terraform stack, a CDK app and a Pulumi program that links to their folders reach under other paths once, under their own paths', async () => {
    write(
      'envs/prod/main.tf',
      'resource "aws_cloudwatch_log_group" "logs" {\n  retention_in_days = 0\n}\n',
    );
    write('apps/orders/cdk.json', '{ "app": "npx ts-node bin/app.ts" }');
    write(
      'apps/orders/bin/app.ts',
      "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from '../lib/stack';\nnew Orders(new cdk.App(), 'Orders');\n",
    );
    write(
      'apps/orders/lib/stack.ts',
      "import * as cdk from 'aws-cdk-lib';\nimport * as logs from 'aws-cdk-lib/aws-logs';\nexport class Orders extends cdk.Stack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    new logs.CfnLogGroup(this, 'Logs', {});\n  }\n}\n",
    );
    write('jobs/Pulumi.yaml', 'name: jobs\nruntime: nodejs\n');
    write(
      'jobs/index.ts',
      "import * as aws from '@pulumi/aws';\nnew aws.cloudwatch.LogGroup('logs', {});\n",
    );
    // Each link comes first in name order.
    fs.mkdirSync(path.join(root, 'current'));
    fs.symlinkSync('../envs/prod', path.join(root, 'current', 'stack'));
    fs.symlinkSync('../apps/orders', path.join(root, 'current', 'app'));
    fs.symlinkSync('../jobs', path.join(root, 'current', 'jobs'));
    const result = await scanPath(root, { rules: ['LOG-002'] });
    expect(result.skipped).toEqual([]);
    expect(brief(result.findings)).toEqual([
      'LOG-002 apps/orders/lib/stack.ts:6 Logs',
      'LOG-002 envs/prod/main.tf:2 aws_cloudwatch_log_group.logs',
      'LOG-002 jobs/index.ts:2 logs',
    ]);
    expect(result.programs?.map(program => program.project)).toEqual([
      'apps/orders/cdk.json',
      'jobs/Pulumi.yaml',
    ]);
  });

  it('lists the files of a Terraform stack that a link to its folder reaches under another path once, as those of a program', async () => {
    write(
      'envs/prod/main.tf',
      'module "q" {\n  source = "./q"\n}\nresource "aws_cloudwatch_log_group" "logs" {\n  retention_in_days = 0\n}\n',
    );
    write('envs/prod/broken.tf', 'locals {\n  x = \n}\n');
    write(
      'envs/prod/q/main.tf',
      'resource "aws_cloudwatch_log_group" "q" {\n  retention_in_days = 0\n}\n',
    );
    write('jobs/Pulumi.yaml', 'name: jobs\nruntime: nodejs\n');
    write(
      'jobs/index.ts',
      "import * as aws from '@pulumi/aws';\nnew aws.cloudwatch.LogGroup('logs', {});\n",
    );
    // Met first in name order.
    fs.symlinkSync('envs/prod', path.join(root, 'current'));
    fs.symlinkSync('jobs', path.join(root, 'current-jobs'));
    const result = await scanPath(root, {
      rules: ['LOG-002', 'PARSE-001'],
    });
    expect(result.files.map(file => [file.path, file.resources])).toEqual([
      ['envs/prod/broken.tf', 0],
      ['envs/prod/main.tf', 1],
      ['envs/prod/q/main.tf', 1],
      ['jobs/index.ts', 1],
    ]);
    // Its file that does not parse is one PARSE-001, not one under each path.
    expect(brief(result.findings)).toEqual([
      'PARSE-001 envs/prod/broken.tf:2',
      'LOG-002 envs/prod/main.tf:5 aws_cloudwatch_log_group.logs',
      'LOG-002 envs/prod/q/main.tf:2 module.q.aws_cloudwatch_log_group.q',
      'LOG-002 jobs/index.ts:2 logs',
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reports a template that is not UTF-8 as PARSE-001 "not valid UTF-8" with the line', async () => {
    write(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from(
          'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: caf',
        ),
        Buffer.from([0xe9]),
        Buffer.from('-orders\n'),
      ]),
    );
    write('valid.yaml', FAILING);
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'latin1.yaml',
        line: 6,
        message: expect.stringMatching(
          /latin1\.yaml: file is not valid UTF-8$/,
        ),
      },
    ]);
    expect(result.files).toContainEqual({
      path: 'latin1.yaml',
      format: 'cloudformation',
      resources: 0,
    });
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 valid.yaml:3 Fn']);
  });

  it('reports a resource without a Type as PARSE-001 and still checks the other resources', async () => {
    write(
      'template.yaml',
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  NoType:
    Properties:
      QueueName: orders
  NotAMap: just a string
  Fn:
    Type: AWS::Lambda::Function
`,
    );
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'template.yaml',
        line: 3,
        message: expect.stringMatching(/resource NoType has no Type$/),
      },
      {
        file: 'template.yaml',
        line: 6,
        message: expect.stringMatching(/resource NotAMap has no Type$/),
      },
    ]);
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 template.yaml:7 Fn']);
    expect(result.files).toEqual([
      { path: 'template.yaml', format: 'cloudformation', resources: 1 },
    ]);
  });

  it('reports a resource whose Condition names no declared condition as PARSE-001, and judges it as deployed', async () => {
    write(
      'template.yaml',
      `Conditions:
  IsProd: !Equals [a, b]
Resources:
  Typo:
    Type: AWS::Lambda::Function
    Condition: IsPrd
  NotAName:
    Type: AWS::Lambda::Function
    Condition: [IsProd]
Outputs:
  Name:
    Condition: IsPrd
    Value: !Ref Typo
`,
    );
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'template.yaml',
        line: 6,
        message: expect.stringMatching(
          /resource Typo names the condition IsPrd, which Conditions does not declare$/,
        ),
      },
      {
        file: 'template.yaml',
        line: 9,
        message: expect.stringMatching(
          /resource NotAName names a Condition that is not a condition name$/,
        ),
      },
      {
        file: 'template.yaml',
        line: 12,
        message: expect.stringMatching(
          /output Name names the condition IsPrd, which Conditions does not declare$/,
        ),
      },
    ]);
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual([
      'DLQ-001 template.yaml:4 Typo',
      'DLQ-001 template.yaml:7 NotAName',
    ]);
  });

  it('reports Fn::If and Condition naming an undeclared condition, and conditions in a cycle, as PARSE-001', async () => {
    write(
      'template.yaml',
      `Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Loops: !Or [!Condition Cycles, !Condition IsProd]
  Cycles: !And [!Condition Loops, !Condition IsProd]
  Unused: !Not [!Condition IsDev]
  Never: !Equals [a, b]
  InRegion: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Timeout: !If [IsPrd, 30, 10]
      MemorySize: !If
        - IsProd
        - 512
        - !If [IsPrd, 256, 128]
  Untaken:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [Never, !If [TypoA, 1, 2], 3]
      MessageRetentionPeriod: !If [InRegion, !If [TypoB, 60, 120], 180]
  NeverDeployed:
    Type: AWS::SQS::Queue
    Condition: Never
    Properties:
      DelaySeconds: !If [TypoC, 1, 2]
  LeftOutByDefault:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties:
      DelaySeconds: !If [TypoD, 1, 2]
Outputs:
  Name:
    Value: !If [IsStaging, !Ref Fn, none]
`,
    );
    const result = await scanPath(root, RULES);
    const parse = result.findings.filter(f => f.ruleId === 'PARSE-001');
    expect(
      parse.map(
        f =>
          `${f.line} ${f.message.replace(
            /^CloudFormation parse error in template.yaml: /,
            '',
          )}`,
      ),
    ).toEqual([
      '5 the condition Loops depends on itself (Loops → Cycles → Loops)',
      '7 the condition Unused uses the condition IsDev, which Conditions does not declare',
      '14 resource Fn uses Fn::If on the condition IsPrd (at Properties.Timeout), which Conditions does not declare',
      '18 resource Fn uses Fn::If on the condition IsPrd (at Properties.MemorySize.Fn::If.2), which Conditions does not declare',
      '22 resource Untaken uses Fn::If on the condition TypoA (at Properties.DelaySeconds.Fn::If.1), which Conditions does not declare',
      '23 resource Untaken uses Fn::If on the condition TypoB (at Properties.MessageRetentionPeriod.Fn::If.1), which Conditions does not declare',
      '28 resource NeverDeployed uses Fn::If on the condition TypoC (at Properties.DelaySeconds), which Conditions does not declare',
      '33 resource LeftOutByDefault uses Fn::If on the condition TypoD (at Properties.DelaySeconds), which Conditions does not declare',
      '36 output Name uses Fn::If on the condition IsStaging (at Value), which Conditions does not declare',
    ]);
    // Each has a fingerprint of its own, so that history keeps them apart.
    expect(new Set(parse.map(f => f.fingerprint)).size).toBe(parse.length);
    expect(
      brief(result.findings.filter(f => f.ruleId !== 'PARSE-001')),
    ).toEqual(['DLQ-001 template.yaml:11 Fn']);
  });

  it('checks the Fn::If of a SAM Globals section that SAM applies, not of one it drops', async () => {
    write(
      'template.yaml',
      `Transform: AWS::Serverless-2016-10-31
Conditions:
  IsProd: !Equals [a, b]
Globals:
  Function:
    Tracing: !If [IsPrd, Active, PassThrough]
  StateMachine:
    Tracing: { Enabled: !If [IsPrd, true, false] }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: exports.handler = async () => {};
`,
    );
    // SAM gives Globals.Api to the implicit API of a state machine too, and to functions a loop not known makes.
    write(
      'machine.yaml',
      `Transform: AWS::Serverless-2016-10-31
Conditions:
  IsProd: !Equals [a, b]
Globals:
  Api:
    TracingEnabled: !If [IsPrd, true, false]
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {}
      Events:
        Start: { Type: Api, Properties: { Path: /, Method: post } }
`,
    );
    write(
      'loop.yaml',
      `Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Names: { Type: CommaDelimitedList }
Conditions:
  IsProd: !Equals [a, b]
Globals:
  Function:
    Tracing: !If [IsPrd, Active, PassThrough]
Resources:
  Fn::ForEach::Fns:
    - Name
    - !Ref Names
    - '\${Name}':
        Type: AWS::Serverless::Function
        Properties: { Runtime: nodejs22.x, Handler: index.handler, InlineCode: x }
`,
    );
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([
      {
        file: 'loop.yaml',
        line: 8,
        message: expect.stringMatching(
          /Globals\.Function uses Fn::If on the condition IsPrd \(at Tracing\), which Conditions does not declare$/,
        ),
      },
      {
        file: 'machine.yaml',
        line: 6,
        message: expect.stringMatching(
          /Globals\.Api uses Fn::If on the condition IsPrd \(at TracingEnabled\), which Conditions does not declare$/,
        ),
      },
      {
        file: 'template.yaml',
        line: 6,
        message: expect.stringMatching(
          /Globals\.Function uses Fn::If on the condition IsPrd \(at Tracing\), which Conditions does not declare$/,
        ),
      },
    ]);
  });

  it('reports no undeclared Condition where the conditions are not all known (an include, a macro, a loop over a collection not known)', async () => {
    const resources = `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties:
      DelaySeconds: !If [IsStaging, 1, 2]
`;
    write(
      'include.yaml',
      `Conditions:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters: { Location: s3://bucket/conditions.yaml }\n${resources}`,
    );
    write('macro.yaml', `Transform: [ConditionsMacro]\n${resources}`);
    write(
      'loop.yaml',
      `Transform: AWS::LanguageExtensions
Parameters:
  Envs: { Type: CommaDelimitedList }
Conditions:
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - 'Is\${Env}': !Equals [a, a]
${resources}`,
    );
    write(
      'loop-over-default.yaml',
      `Transform: AWS::LanguageExtensions
Parameters:
  Envs: { Type: CommaDelimitedList, Default: 'Prod,Dev' }
Conditions:
  Fn::ForEach::Envs:
    - Env
    - !Ref Envs
    - 'Is\${Env}': !Equals [a, a]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsStaging
`,
    );
    const result = await scanPath(root, RULES);
    expect(parseFindings(result.findings)).toEqual([]);
  });

  it("reads a CDK app's modules that import no CDK package, but never one the scan leaves out", async () => {
    write('svc/cdk.json', '{ "app": "npx ts-node bin/app.ts" }');
    write(
      'svc/bin/app.ts',
      "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from '../lib/stack';\nnew Orders(new cdk.App(), 'Orders');\n",
    );
    write(
      'svc/lib/stack.ts',
      `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { queueProps } from './config';
import settings from './settings.json';
import { legacyQueue } from './legacy/queues';
import { vendorQueue } from '../node_modules/vendor/queues';
export class Orders extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Configured', queueProps);
    new sqs.CfnQueue(this, 'Settled', settings);
    legacyQueue(this, sqs);
    vendorQueue(this, sqs);
  }
}
`,
    );
    write(
      'svc/lib/config.ts',
      'export const queueProps = { sqsManagedSseEnabled: false };\n',
    );
    write('svc/lib/settings.json', '{ "sqsManagedSseEnabled": false }\n');
    // Modules that import no CDK package: the stack hands them its sqs module.
    const plainModule = (name: string) =>
      `export function ${name}(scope: any, sqs: any) {\n  new sqs.CfnQueue(scope, '${name}', { sqsManagedSseEnabled: false });\n}\n`;
    write('svc/lib/legacy/queues.ts', plainModule('legacyQueue'));
    write('svc/node_modules/vendor/queues.ts', plainModule('vendorQueue'));
    write('.infra-compliance.yaml', 'paths:\n  exclude: [svc/lib/legacy/**]\n');
    const result = await scanPath(root, { rules: ['ENC-003', 'PARSE-001'] });
    // A JSON module is its value; the excluded and ignored modules are not read.
    expect(brief(result.findings)).toEqual([
      'ENC-003 svc/lib/stack.ts:10 Configured',
      'ENC-003 svc/lib/stack.ts:11 Settled',
    ]);
    expect(result.files.map(f => f.path)).toEqual([
      'svc/bin/app.ts',
      'svc/lib/stack.ts',
    ]);
    // A scan narrowed to the app leaves out a module beside it too.
    write('shared/queues.ts', plainModule('sharedQueue'));
    write(
      'svc/lib/stack.ts',
      "import * as cdk from 'aws-cdk-lib';\nimport * as sqs from 'aws-cdk-lib/aws-sqs';\nimport { sharedQueue } from '../../shared/queues';\nexport class Orders extends cdk.Stack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    sharedQueue(this, sqs);\n  }\n}\n",
    );
    const narrowed = await scanPath(root, {
      rules: ['ENC-003', 'PARSE-001'],
      include: ['svc/**'],
    });
    expect(brief(narrowed.findings)).toEqual([]);
    expect(
      brief(
        (await scanPath(root, { rules: ['ENC-003', 'PARSE-001'] })).findings,
      ),
    ).toEqual(['ENC-003 shared/queues.ts:2 sharedQueue']);
  });

  it('ignores node_modules, .git and .aws-sam', async () => {
    write('template.yaml', FAILING);
    write('node_modules/some-package/template.yaml', FAILING);
    write('.git/template.yaml', FAILING);
    write('.aws-sam/build/template.yaml', FAILING);
    write('services/api/node_modules/x/template.yaml', FAILING);
    const result = await scanPath(root, RULES);
    expect(result.files.map(f => f.path)).toEqual(['template.yaml']);
    expect(brief(result.findings)).toEqual(['DLQ-001 template.yaml:3 Fn']);
  });

  it('reports the same after terraform init as before it: what .terraform and .terragrunt-cache hold is neither scanned nor read for modules', async () => {
    const call = `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "orders"
}
module "logs" {
  source = "terraform-aws-modules/cloudwatch/aws//modules/log-group"
  name   = "orders"
}
resource "aws_lambda_function" "own" {
  function_name = "own"
  role          = "arn:aws:iam::123456789012:role/x"
}
`;
    const downloadedFunction =
      'resource "aws_lambda_function" "this" {\n  function_name = "downloaded"\n  role          = "arn:aws:iam::123456789012:role/x"\n}\n';
    write('infra/main.tf', call);
    const rules: ScanOptions = { rules: ['DLQ-001', 'ENC-001', 'PARSE-001'] };
    const before = await scanPath(root, rules);
    // terraform init: the modules' sources and where they are (modules.json), and the providers.
    write(
      'infra/.terraform/modules/modules.json',
      JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'fn',
            Source: 'registry.terraform.io/terraform-aws-modules/lambda/aws',
            Version: '8.1.0',
            Dir: '.terraform/modules/fn',
          },
          {
            Key: 'logs',
            Source:
              'registry.terraform.io/terraform-aws-modules/cloudwatch/aws//modules/log-group',
            Version: '5.7.1',
            Dir: '.terraform/modules/logs/modules/log-group',
          },
        ],
      }),
    );
    write('infra/.terraform/modules/fn/main.tf', downloadedFunction);
    write(
      'infra/.terraform/modules/logs/modules/log-group/main.tf',
      'resource "aws_cloudwatch_log_group" "this" {\n  name = var.name\n}\nvariable "name" {}\n',
    );
    write(
      'infra/.terraform/modules/logs/examples/complete/main.tf',
      'resource "aws_cloudwatch_log_group" "example" {}\n',
    );
    write(
      'infra/.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws_v5.0.0_x5',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]),
    );
    // Terragrunt's copy of the code it runs.
    write('live/prod/.terragrunt-cache/AbC/XyZ/infra/main.tf', call);
    const after = await scanPath(root, rules);
    expect(brief(after.findings)).toEqual([
      'DLQ-001 infra/main.tf:1 module.fn.aws_lambda_function.this',
      'ENC-001 infra/main.tf:1 module.fn.aws_cloudwatch_log_group.lambda',
      'DLQ-001 infra/main.tf:9 aws_lambda_function.own',
    ]);
    expect(after.files.map(f => f.path)).toEqual(['infra/main.tf']);
    expect(after.skipped).toEqual([
      {
        path: 'infra/main.tf',
        reason: expect.stringMatching(
          /^module "logs" \(source "terraform-aws-modules\/cloudwatch\/aws\/\/modules\/log-group"\) is not scanned/,
        ),
      },
    ]);
    expect({ ...after, durationMs: 0 }).toEqual({ ...before, durationMs: 0 });
  });

  it("scans a resource whose type is the name of one of Object's members (constructor, __proto__) as a type it does not know", async () => {
    write(
      'template.yaml',
      `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Odd:
    Type: constructor
    Properties:
      Target: arn:aws:sqs:eu-west-1:123456789012:jobs
  Proto:
    Type: __proto__
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          PROTO: !Ref Proto
          ODD: !Ref Odd
`,
    );
    // OPS-002 and IAM-004 read tables keyed by resource type: these types found Object's members in them and threw.
    const result = await scanPath(root, {
      rules: ['OPS-002', 'OPS-003', 'IAM-004', 'PARSE-001'],
    });
    expect(result.files).toEqual([
      { path: 'template.yaml', format: 'cloudformation', resources: 4 },
    ]);
    expect(brief(result.findings)).toEqual([
      'OPS-002 template.yaml:6 Odd',
      'OPS-003 template.yaml:9 Role',
      'OPS-003 template.yaml:13 Fn',
    ]);
  });

  it('scans a single template given as the root', async () => {
    const file = write('stacks/template.yaml', FAILING);
    const result = await scanPath(file, RULES);
    expect(brief(result.findings)).toEqual(['DLQ-001 template.yaml:3 Fn']);
  });
});

describe('findings', () => {
  /** Reports the function and, when it has one, its first environment variable. */
  const probe = defineRule('DLQ-001', ({ graph, check, report }) => {
    for (const fn of graph.ofType('AWS::Lambda::Function')) {
      check(fn);
      report(fn, { message: `Function ${fn.id} is probed.` });
      const variables = (fn.properties.Environment as any)?.Variables;
      const first = variables && Object.keys(variables)[0];
      if (first) {
        report(fn, {
          message: `Function ${fn.id} has ${first}.`,
          path: ['Environment', 'Variables', first],
        });
      }
    }
  });

  const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
`;

  const run = (text: string, file = 'template.yaml') =>
    scanFiles([{ path: file, text }], [probe]).findings;

  it('carry the 1-based line of the resource, or of the offending property', () => {
    expect(
      run(TEMPLATE).map(f => ({
        resourceId: f.resourceId,
        line: f.line,
        property: f.property,
      })),
    ).toEqual([
      { resourceId: 'Fn', line: 5, property: undefined },
      {
        resourceId: 'Fn',
        line: 11,
        property: 'Environment.Variables.QUEUE_URL',
      },
      { resourceId: 'Other', line: 12, property: undefined },
      {
        resourceId: 'Other',
        line: 17,
        property: 'Environment.Variables.QUEUE_URL',
      },
    ]);
  });

  it('carry the rule metadata and the rule message', () => {
    const [finding] = run(TEMPLATE);
    expect(finding).toEqual({
      ruleId: 'DLQ-001',
      severity: 'high',
      category: 'dlq',
      file: 'template.yaml',
      line: 5,
      resourceId: 'Fn',
      resourceType: 'AWS::Lambda::Function',
      message: 'Function Fn is probed.',
      remediation: dlq001.meta.remediation.summary,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      confidence: 'high',
      format: 'cloudformation',
    });
  });

  it('keep their fingerprint when unrelated lines are inserted above (the line changes)', () => {
    const before = run(TEMPLATE);
    const shifted = TEMPLATE.replace(
      'Resources:\n',
      'Description: a longer description\n# a comment\nParameters:\n  Env: { Type: String, Default: prod }\nResources:\n  Extra:\n    Type: AWS::SNS::Topic\n',
    );
    const after = run(shifted);
    expect(after.map(f => f.line)).toEqual(before.map(f => f.line + 6));
    expect(after.map(f => f.fingerprint)).toEqual(
      before.map(f => f.fingerprint),
    );
  });

  it('have different fingerprints for a different resource, property or file', () => {
    const [fn, fnProperty, other, otherProperty] = run(TEMPLATE);
    const [elsewhere] = run(TEMPLATE, 'stacks/other.yaml');
    const fingerprints = [fn, fnProperty, other, otherProperty, elsewhere].map(
      f => f.fingerprint,
    );
    expect(new Set(fingerprints).size).toBe(5);
    // Only Fn's variable is renamed (the first occurrence).
    const renamedVariable = run(TEMPLATE.replace('QUEUE_URL', 'QUEUE_ARN'));
    expect(renamedVariable[1].property).toBe('Environment.Variables.QUEUE_ARN');
    expect(renamedVariable[1].fingerprint).not.toBe(fnProperty.fingerprint);
    expect(renamedVariable[0].fingerprint).toBe(fn.fingerprint);
  });

  it('keep the PARSE-001 fingerprint when lines are inserted above the error', () => {
    const broken =
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n   Properties: {}\n';
    const before = scanFiles([{ path: 't.yaml', text: broken }], []).findings;
    const after = scanFiles(
      [
        {
          path: 't.yaml',
          text: `AWSTemplateFormatVersion: "2010-09-09"\n\n${broken}`,
        },
      ],
      [],
    ).findings;
    expect(before.map(f => f.line)).toEqual([4]);
    expect(after.map(f => f.line)).toEqual([6]);
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
  });

  it('keep the PARSE-001 fingerprint of a duplicate key when lines are inserted above', () => {
    const dup =
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Queue:\n    Type: AWS::SQS::Queue\n';
    const before = scanFiles([{ path: 't.yaml', text: dup }], []).findings;
    const after = scanFiles(
      [{ path: 't.yaml', text: `# header\n\n${dup}` }],
      [],
    ).findings;
    expect(before.map(f => f.line)).toEqual([4]);
    expect(after.map(f => f.line)).toEqual([6]);
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
  });

  it('of PARSE-001 alike in one file differ: the first keeps its own, the others are ranked, whatever is inserted above', () => {
    // One key repeated in two resources: one message, at two places.
    const dups =
      'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: a\n      QueueName: b\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: c\n      QueueName: d\n';
    const before = scanFiles([{ path: 't.yaml', text: dups }], []).findings;
    const after = scanFiles(
      [{ path: 't.yaml', text: `# header\n\n${dups}` }],
      [],
    ).findings;
    expect(before.map(f => [f.line, f.message])).toEqual([
      [
        6,
        'CloudFormation file t.yaml has a duplicate key QueueName (also on line 5); the last value is used, and the earlier value has no effect.',
      ],
      [
        11,
        'CloudFormation file t.yaml has a duplicate key QueueName (also on line 10); the last value is used, and the earlier value has no effect.',
      ],
    ]);
    const own = fingerprint(
      'PARSE-001',
      't.yaml',
      '',
      'duplicate key QueueName (also on line); the last value is used',
    );
    expect(before.map(f => f.fingerprint)).toEqual([
      own,
      fingerprintApart(own, '#2'),
    ]);
    expect(after.map(f => f.fingerprint)).toEqual(
      before.map(f => f.fingerprint),
    );
  });

  it('of PARSE-001 in a module two programs import are one finding', () => {
    const app = (name: string) => [
      { path: `${name}/cdk.json`, text: '{ "app": "npx ts-node bin/app.ts" }' },
      {
        path: `${name}/bin/app.ts`,
        text: "import * as cdk from 'aws-cdk-lib';\nimport { shared } from '../../lib/shared';\nshared(new cdk.Stack(new cdk.App(), 'S'));\n",
      },
    ];
    const { findings } = scanFiles(
      [
        ...app('orders'),
        ...app('billing'),
        {
          path: 'lib/shared.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nexport function shared(scope: unknown) {}\nconst broken = ;\n",
        },
      ],
      [],
    );
    expect(findings.map(f => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'lib/shared.ts:3 CDK parse error in shared.ts: Expression expected.',
    ]);
  });

  it('of SUP-001 on suppressions of one rule on one resource differ: the first by line keeps its own, the others are ranked', () => {
    const text = `Resources:
  # infra-compliance:suppress=DLQ-001
  Fn: # infra-compliance:suppress=DLQ-001
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
`;
    const sup = scanFiles([{ path: 't.yaml', text }], [dlq001]).findings.filter(
      f => f.ruleId === 'SUP-001',
    );
    expect(sup.map(f => f.line)).toEqual([2, 3, 8]);
    const own = fingerprint('SUP-001', 't.yaml', 'Fn', 'suppression:DLQ-001');
    expect(sup.map(f => f.fingerprint)).toEqual([
      own,
      fingerprintApart(own, '#2'),
      fingerprintApart(own, '#3'),
    ]);
  });

  it('of failures about different things at one place differ: the first keeps its own, the others add what they are about', () => {
    const aboutEach = defineRule('DLQ-001', ({ graph, report }) => {
      const fn = graph.get('Fn')!;
      for (const queue of ['Orders', 'Refunds'])
        report(fn, {
          message: `given ${queue}`,
          path: ['Environment'],
          about: queue,
        });
    });
    const text =
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment: {}\n';
    const [first, second] = scanFiles(
      [{ path: 't.yaml', text }],
      [aboutEach],
    ).findings;
    const own = fingerprint('DLQ-001', 't.yaml', 'Fn', 'Environment');
    expect([first.fingerprint, second.fingerprint]).toEqual([
      own,
      fingerprintApart(own, 'Refunds'),
    ]);
  });

  it('show a finding on a resource SAM generated as the SAM resource that declared it', () => {
    const onRole = defineRule('DLQ-001', ({ graph, report }) => {
      for (const role of graph.ofType('AWS::IAM::Role'))
        report(role, { message: 'role', path: ['ManagedPolicyArns', 1] });
    });
    const text = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Policies:
        - AWSLambdaExecute
`;
    const [finding] = scanFiles(
      [{ path: 'template.yaml', text }],
      [onRole],
    ).findings;
    expect(finding).toMatchObject({
      resourceId: 'Fn',
      resourceType: 'AWS::Serverless::Function',
      line: 10, // the SAM policy that became this managed policy
      property: 'ManagedPolicyArns[1]',
    });
  });

  it('are sorted by file, line and rule', () => {
    const findings = scanFiles(
      [
        { path: 'b.yaml', text: TEMPLATE },
        {
          path: 'a.yaml',
          text: 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n   Bad: 1\n',
        },
      ],
      [probe],
    ).findings;
    expect(findings.map(f => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      'a.yaml:4 PARSE-001',
      'b.yaml:5 DLQ-001',
      'b.yaml:11 DLQ-001',
      'b.yaml:12 DLQ-001',
      'b.yaml:17 DLQ-001',
    ]);
  });

  it('count each checked resource once: failed when any unsuppressed finding', () => {
    const result = scanFiles(
      [{ path: 'template.yaml', text: TEMPLATE }],
      [probe],
    );
    expect(result.checks.filter(c => c.ruleId === 'DLQ-001')).toEqual([
      {
        ruleId: 'DLQ-001',
        category: 'dlq',
        severity: 'high',
        passed: false,
        file: 'template.yaml',
        subject: 'Fn',
      },
      {
        ruleId: 'DLQ-001',
        category: 'dlq',
        severity: 'high',
        passed: false,
        file: 'template.yaml',
        subject: 'Other',
      },
    ]);
  });
});

describe('findings about generated resources', () => {
  it('name the resource written in the code, and the generated one they are about', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        One: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:one } }
        Two: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:two } }
`;
    const result = scanFiles(
      [{ path: 'template.yaml', text }],
      selectRules(['DLQ-005', 'LOG-003']),
    );
    expect(
      toJsonReport(result).findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.generatedResourceId,
      ]),
    ).toEqual([
      ['LOG-003', 'Fn', undefined],
      ['DLQ-005', 'Fn', 'FnOne'],
      ['DLQ-005', 'Fn', 'FnTwo'],
    ]);
  });
});

describe('scanPath with a path prefix', () => {
  beforeEach(() => {
    write(
      'svc/main.tf',
      `resource "aws_iam_role_policy" "worker" {
  role   = "worker"
  policy = file("\${path.module}/policy.json")
}
`,
    );
    write(
      'svc/policy.json',
      '{"Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}',
    );
    write(
      'svc/broken.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n',
    );
  });

  it('puts the prefix before every path and fingerprint, and still reads the files the code loads', async () => {
    const plain = await scanPath(path.join(root, 'svc'), {
      rules: ['IAM-002'],
    });
    const prefixed = await scanPath(path.join(root, 'svc'), {
      rules: ['IAM-002'],
      pathPrefix: 'team/svc',
    });
    const whole = await scanPath(root, { rules: ['IAM-002'] });
    expect(brief(plain.findings)).toEqual([
      'IAM-002 main.tf:3 aws_iam_role_policy.worker',
    ]);
    expect(prefixed.files.map(file => file.path)).toEqual([
      'team/svc/broken.yaml',
      'team/svc/main.tf',
    ]);
    expect(brief(prefixed.findings)).toEqual([
      'IAM-002 team/svc/main.tf:3 aws_iam_role_policy.worker',
    ]);
    // The fingerprint of a scan of the folder the prefix names.
    const moved = await scanPath(path.join(root, 'svc'), {
      rules: ['IAM-002'],
      pathPrefix: 'svc',
    });
    expect(moved.findings.map(f => f.fingerprint)).toEqual(
      whole.findings.map(f => f.fingerprint),
    );
  });

  it('takes a prefix ending in a slash as the same prefix without it, and ./ as none', async () => {
    const scanWith = (folder: string, pathPrefix: string, from?: string) =>
      scanPath(path.join(root, folder), {
        rules: ['IAM-002'],
        pathPrefix,
        pathPrefixFrom: from && path.join(root, from),
      });
    const prefixed = await scanWith('svc', 'team/svc');
    // The policy the code loads is read: IAM-002 finds sqs:* in it.
    expect(brief(prefixed.findings)).toEqual([
      'IAM-002 team/svc/main.tf:3 aws_iam_role_policy.worker',
    ]);
    expect({ ...(await scanWith('svc', 'team/svc/')), durationMs: 0 }).toEqual({
      ...prefixed,
      durationMs: 0,
    });
    // A prefix naming the folder itself puts nothing before paths.
    expect({ ...(await scanWith('svc', './')), durationMs: 0 }).toEqual({
      ...(await scanPath(path.join(root, 'svc'), { rules: ['IAM-002'] })),
      durationMs: 0,
    });
    // From svc, the root read with the prefix ../ names svc's files by their paths from svc, as .. does.
    const climbing = await scanWith('.', '..', 'svc');
    expect(brief(climbing.findings)).toEqual([
      'IAM-002 main.tf:3 aws_iam_role_policy.worker',
    ]);
    expect({ ...(await scanWith('.', '../', 'svc')), durationMs: 0 }).toEqual({
      ...climbing,
      durationMs: 0,
    });
  });
});

describe('scanPath of a Terraform file given by name', () => {
  const FUNCTION = `variable "stage" { default = "dev" }

resource "aws_lambda_function" "worker" {
  function_name = "worker-\${var.stage}"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "worker.zip"
  dead_letter_config {
    target_arn = aws_sqs_queue.worker_dlq.arn
  }
}

resource "aws_iam_role" "worker" {
  assume_role_policy = "{}"
}
`;
  const ALARM = `resource "aws_cloudwatch_metric_alarm" "worker_errors" {
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.worker.function_name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops"]
}
`;
  const QUEUES = `resource "aws_sqs_queue" "jobs" {
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.worker_dlq.arn
    maxReceiveCount     = 3
  })
}

resource "aws_sqs_queue" "worker_dlq" {
  message_retention_seconds = var.dlq_retention_seconds
}
`;
  const VARIABLES = `variable "dlq_retention_seconds" {
  default = 345600
}
`;
  const rules = {
    rules: ['ALM-001', 'DLQ-003', 'DLQ-004', 'PARSE-001', 'OPS-003'],
  };
  const ofFile = (report: ScanResult, file: string) => ({
    findings: report.findings.filter(finding => finding.file === file),
    checks: report.checks.filter(check => check.file === file),
  });

  beforeEach(() => {
    write('svc/main.tf', FUNCTION);
    write('svc/alarms.tf', ALARM);
    write('svc/queues.tf', QUEUES);
    write('svc/variables.tf', VARIABLES);
  });

  it('reads the other files of its module: their alarms, variables and resources', async () => {
    const main = await scanPath(path.join(root, 'svc/main.tf'), rules);
    // The alarm of alarms.tf answers ALM-001; the queue of queues.tf has no sqs:SendMessage from the role.
    expect(brief(main.findings)).toEqual([
      'OPS-003 main.tf:3 aws_lambda_function.worker',
      'DLQ-004 main.tf:10 aws_lambda_function.worker',
      'OPS-003 main.tf:14 aws_iam_role.worker',
    ]);
    // queues.tf's dead-letter queue keeps messages for the default of a variable of variables.tf.
    const queues = await scanPath(path.join(root, 'svc/queues.tf'), rules);
    expect(
      queues.findings
        .filter(finding => finding.ruleId === 'DLQ-003')
        .map(finding => [finding.resourceId, finding.confidence]),
    ).toEqual([['aws_sqs_queue.worker_dlq', 'partial']]);
  });

  it('reports what a scan of its folder reports of it, with the same fingerprints, and only that: its files, checks and scorecard', async () => {
    const folder = await scanPath(path.join(root, 'svc'), rules);
    const main = await scanPath(path.join(root, 'svc/main.tf'), rules);
    expect(ofFile(main, 'main.tf')).toEqual(ofFile(folder, 'main.tf'));
    expect(main.findings.length).toBeGreaterThan(0);
    expect(main.checks.every(check => check.file === 'main.tf')).toBe(true);
    expect(main.files).toEqual(
      folder.files.filter(file => file.path === 'main.tf'),
    );
    expect(main.skipped).toEqual([]);
    // Alarms: main.tf's function passes ALM-001; queues.tf's queues are no check of main.tf's.
    expect(main.scorecard.categories.alarms).toMatchObject({
      passed: 1,
      failed: 0,
    });
  });

  it("lists a file of its folder that does not parse whole as skipped, saying why, without that file's PARSE-001", async () => {
    write('svc/broken.tf', 'resource "aws_sqs_queue" "x" {\n  name =\n');
    // A module called from a folder below is read, but not reported as the named file's module.
    write('svc/network.tf', 'module "net" {\n  source = "./modules/net"\n}\n');
    write('svc/modules/net/main.tf', 'resource "aws_sqs_queue" "y" {\n');
    const main = await scanPath(path.join(root, 'svc/main.tf'), rules);
    expect(main.findings.map(finding => finding.ruleId)).not.toContain(
      'PARSE-001',
    );
    expect(main.skipped).toEqual([
      {
        path: 'broken.tf',
        reason:
          "read with main.tf as part of its stack, it does not parse whole: what it declares may be missing from that file's findings (a scan of the folder reports it)",
      },
    ]);
    const folder = await scanPath(path.join(root, 'svc'), rules);
    expect(
      new Set(parseFindings(folder.findings).map(finding => finding.file)),
    ).toEqual(new Set(['broken.tf', 'modules/net/main.tf']));
    expect(ofFile(main, 'main.tf')).toEqual(ofFile(folder, 'main.tf'));
  });

  it('reads the module once for several of its files named, and reports what a scan of the folder reports of them', async () => {
    const folder = await scanPath(path.join(root, 'svc'), rules);
    const progress: [number, number][] = [];
    const named = await scanPath(path.join(root, 'svc'), {
      ...rules,
      namedFiles: ['queues.tf', 'main.tf'],
      onProgress: (done, total) => progress.push([done, total]),
    });
    // One module, read once: its four files, in one step.
    expect(progress).toEqual([[4, 4]]);
    const ofNamed = (report: ScanResult) => ({
      files: report.files.filter(file =>
        ['main.tf', 'queues.tf'].includes(file.path),
      ),
      findings: report.findings.filter(finding =>
        ['main.tf', 'queues.tf'].includes(finding.file),
      ),
      checks: report.checks.filter(check =>
        ['main.tf', 'queues.tf'].includes(check.file!),
      ),
    });
    expect(ofNamed(named)).toEqual(ofNamed(folder));
    expect(brief(named.findings)).toEqual([
      'OPS-003 main.tf:3 aws_lambda_function.worker',
      'DLQ-004 main.tf:10 aws_lambda_function.worker',
      'OPS-003 main.tf:14 aws_iam_role.worker',
      'OPS-003 queues.tf:1 aws_sqs_queue.jobs',
      'OPS-003 queues.tf:8 aws_sqs_queue.worker_dlq',
      'DLQ-003 queues.tf:9 aws_sqs_queue.worker_dlq',
    ]);
    expect(named.files.map(file => file.path)).toEqual([
      'main.tf',
      'queues.tf',
    ]);
  });

  it('lists a file of the folder of several files named that does not parse whole once, naming them in one order whatever the order they are named in; a file named that does not parse is reported', async () => {
    write('svc/broken.tf', 'resource "aws_sqs_queue" "x" {\n  name =\n');
    const named = await scanPath(path.join(root, 'svc'), {
      ...rules,
      namedFiles: ['main.tf', 'queues.tf'],
    });
    expect(parseFindings(named.findings)).toEqual([]);
    expect(named.skipped).toEqual([
      {
        path: 'broken.tf',
        reason:
          'read with main.tf and queues.tf as part of their stack, it does not parse whole: what it declares may be missing from their findings (a scan of the folder reports it)',
      },
    ]);
    // Named in another order (`scan queues.tf main.tf`), the report is the same.
    const reversed = await scanPath(path.join(root, 'svc'), {
      ...rules,
      namedFiles: ['queues.tf', 'main.tf'],
    });
    expect({ ...reversed, durationMs: 0 }).toEqual({
      ...named,
      durationMs: 0,
    });
    const withBroken = await scanPath(path.join(root, 'svc'), {
      ...rules,
      namedFiles: ['main.tf', 'broken.tf'],
    });
    const folder = await scanPath(path.join(root, 'svc'), rules);
    expect(withBroken.skipped).toEqual([]);
    expect(parseFindings(withBroken.findings)).toEqual(
      parseFindings(folder.findings),
    );
    expect(withBroken.findings).toEqual(
      folder.findings.filter(finding =>
        ['main.tf', 'broken.tf'].includes(finding.file),
      ),
    );
  });

  it('keeps the paths and fingerprints of a scan of the folder the prefix names', async () => {
    const whole = await scanPath(root, rules);
    const main = await scanPath(path.join(root, 'svc/main.tf'), {
      ...rules,
      pathPrefix: 'svc',
    });
    expect(ofFile(main, 'svc/main.tf')).toEqual(ofFile(whole, 'svc/main.tf'));
    expect(main.files.map(file => file.path)).toEqual(['svc/main.tf']);
  });

  it('reads its folder alone where its sources name no folder of Terraform files of the repository: an object to upload, a module out of it', async () => {
    fs.mkdirSync(path.join(root, '.git'));
    write(
      'svc/upload.tf',
      `resource "aws_s3_object" "code" {
  bucket = "code"
  key    = "worker.zip"
  source = "../dist/worker.zip"
}
module "shared" {
  source = "../../elsewhere/shared"
}
`,
    );
    write('dist/worker.zip', 'zip');
    // A stack of the repository that the scan of svc/main.tf has no need of.
    write('other/main.tf', FUNCTION);
    const main = await scanPath(path.join(root, 'svc/main.tf'), rules);
    expect(main.stackFiles).toEqual([
      'alarms.tf',
      'main.tf',
      'queues.tf',
      'upload.tf',
      'variables.tf',
    ]);
    const folder = await scanPath(path.join(root, 'svc'), rules);
    expect(ofFile(main, 'main.tf')).toEqual(ofFile(folder, 'main.tf'));
  });
});

describe('scanPath of a CloudFormation template given by name', () => {
  /** A function ALM-001 fails on line 3 unless an alarm watches its name, and DLQ-001 too. */
  const FUNCTION = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-fn
      Role: arn:aws:iam::123456789012:role/x
`;
  const ALARM = `Resources:
  FnErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: orders-fn
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`;
  const rules = { rules: ['ALM-001', 'DLQ-001', 'PARSE-001'] };
  const ofFile = (report: ScanResult, file: string) => ({
    findings: report.findings.filter(finding => finding.file === file),
    checks: report.checks.filter(check => check.file === file),
  });

  beforeEach(() => {
    write('svc/template.yaml', FUNCTION);
    write('svc/monitoring/alarms.yaml', ALARM);
  });

  it('reads the other templates a scan of its folder reads: an alarm in one answers its ALM-001, which it fails without it', async () => {
    const named = await scanPath(path.join(root, 'svc/template.yaml'), rules);
    expect(brief(named.findings)).toEqual(['DLQ-001 template.yaml:3 Fn']);
    expect(named.files.map(file => file.path)).toEqual(['template.yaml']);
    expect(named.stackFiles).toEqual([
      'monitoring/alarms.yaml',
      'template.yaml',
    ]);
    expect(named.skipped).toEqual([]);
    const folder = await scanPath(path.join(root, 'svc'), rules);
    expect(ofFile(named, 'template.yaml')).toEqual(
      ofFile(folder, 'template.yaml'),
    );

    fs.rmSync(path.join(root, 'svc/monitoring/alarms.yaml'));
    const alone = await scanPath(path.join(root, 'svc/template.yaml'), rules);
    expect(brief(alone.findings)).toEqual([
      'ALM-001 template.yaml:3 Fn',
      'DLQ-001 template.yaml:3 Fn',
    ]);
  });

  it('keeps the paths and fingerprints of a scan of the folder the prefix names', async () => {
    const whole = await scanPath(root, rules);
    const named = await scanPath(path.join(root, 'svc/template.yaml'), {
      ...rules,
      pathPrefix: 'svc',
    });
    expect(brief(named.findings)).toEqual(['DLQ-001 svc/template.yaml:3 Fn']);
    expect(ofFile(named, 'svc/template.yaml')).toEqual(
      ofFile(whole, 'svc/template.yaml'),
    );
  });

  it("leaves out the templates the config's paths leave out, as a scan of the folder does", async () => {
    write(
      'svc/template.yaml',
      `${FUNCTION}  Billing:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: billing-fn
      Role: arn:aws:iam::123456789012:role/x
`,
    );
    write('svc/legacy/alarms.yaml', ALARM.replace('orders-fn', 'billing-fn'));
    const config = { ...EMPTY_CONFIG, exclude: ['legacy/**'] };
    const named = await scanPath(path.join(root, 'svc/template.yaml'), {
      ...rules,
      config,
    });
    // The alarm of monitoring/ answers Fn's ALM-001; that of legacy/, which the scan leaves out, not Billing's.
    expect(brief(named.findings)).toEqual([
      'DLQ-001 template.yaml:3 Fn',
      'ALM-001 template.yaml:8 Billing',
      'DLQ-001 template.yaml:8 Billing',
    ]);
    const folder = await scanPath(path.join(root, 'svc'), { ...rules, config });
    expect(ofFile(named, 'template.yaml')).toEqual(
      ofFile(folder, 'template.yaml'),
    );
  });

  it('lists the templates read with it that do not parse whole as skipped, saying why, without their PARSE-001; a Terraform file, which answers none, is not read', async () => {
    const broken =
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: [unclosed\n';
    write('svc/broken.yaml', broken);
    write('svc/monitoring/broken.yaml', broken);
    write('svc/broken.tf', 'resource "aws_sqs_queue" "x" {\n  name =\n');
    const named = await scanPath(path.join(root, 'svc/template.yaml'), rules);
    expect(parseFindings(named.findings)).toEqual([]);
    const reason =
      "read with template.yaml as part of its stack, it does not parse whole: what it declares may be missing from that file's findings (a scan of the folder reports it)";
    expect(named.skipped).toEqual([
      { path: 'broken.yaml', reason },
      { path: 'monitoring/broken.yaml', reason },
    ]);
    const folder = await scanPath(path.join(root, 'svc'), rules);
    expect(ofFile(named, 'template.yaml')).toEqual(
      ofFile(folder, 'template.yaml'),
    );
  });

  it("leaves out a file of another format that only a template's names match: a Pulumi.yaml is not read without its program", async () => {
    write('svc/Pulumi.yaml', 'name: jobs\nruntime: nodejs\n');
    const named = await scanPath(path.join(root, 'svc/template.yaml'), rules);
    expect(named.stackFiles).toEqual([
      'monitoring/alarms.yaml',
      'template.yaml',
    ]);
    expect(named.skipped).toEqual([]);
    expect(brief(named.findings)).toEqual(['DLQ-001 template.yaml:3 Fn']);
  });

  it('lists no binary file of its folder, nor one larger than it reads, that only its names match: neither is a template', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]);
    write('svc/logo.json', png);
    // 21 MB, sparse: its size is what discovery looks at.
    fs.truncateSync(write('svc/world.json', ''), 21 * 1024 * 1024);
    const named = await scanPath(path.join(root, 'svc/template.yaml'), rules);
    expect(named.skipped).toEqual([]);
    expect(brief(named.findings)).toEqual(['DLQ-001 template.yaml:3 Fn']);
    // A scan of the folder, which reads every format, lists them.
    const folder = await scanPath(path.join(root, 'svc'), rules);
    expect(folder.skipped).toEqual([
      { path: 'logo.json', reason: 'binary file' },
      { path: 'world.json', reason: 'larger than 20971520 bytes' },
    ]);
    // A binary file of a Terraform module is still listed for a file of it named.
    write('svc/main.tf', 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
    write('svc/logo.tf', png);
    const terraform = await scanPath(path.join(root, 'svc/main.tf'), rules);
    expect(terraform.skipped).toEqual([
      { path: 'logo.tf', reason: 'binary file' },
    ]);
  });
});

describe('scanPath of a module of a program given by name', () => {
  const STACK = `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class Jobs extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs', { retentionPeriod: cdk.Duration.days(1) });
    new sqs.Queue(this, 'Source', { deadLetterQueue: { queue: sqs.Queue.fromQueueArn(this, 'Dlq', 'arn:aws:sqs:us-east-1:123456789012:dlq'), maxReceiveCount: 3 } });
  }
}
`;
  const APP = `import * as cdk from 'aws-cdk-lib';
import { Jobs } from './stack';
const app = new cdk.App();
new Jobs(app, 'Jobs');
`;

  it("reads a CDK app's module with its app where the app's cdk.json is in its folder, and reports what a scan of the folder reports of it", async () => {
    write('app/cdk.json', '{ "app": "npx ts-node app.ts" }');
    write('app/app.ts', APP);
    write('app/stack.ts', STACK);
    const folder = await scanPath(path.join(root, 'app'));
    const stack = await scanPath(path.join(root, 'app/stack.ts'));
    expect(stack.files.map(file => file.path)).toEqual(['stack.ts']);
    expect(stack.findings.length).toBeGreaterThan(0);
    expect(stack.findings).toEqual(
      folder.findings.filter(finding => finding.file === 'stack.ts'),
    );
    expect(stack.programs?.map(program => program.main)).toEqual(['app.ts']);
  });

  /** An app whose stack's dead-letter queue keeps messages as long as bin/app.ts says. */
  const writeAppOfLib = (folder: string) => {
    write(`${folder}/cdk.json`, '{ "app": "npx ts-node bin/app.ts" }');
    write(
      `${folder}/bin/app.ts`,
      `import * as cdk from 'aws-cdk-lib';
import { Jobs } from '../lib/stack';
const app = new cdk.App();
new Jobs(app, 'Jobs', { retentionDays: 2 });
`,
    );
    write(
      `${folder}/lib/stack.ts`,
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
  };

  it("reads a module below its app's cdk.json with the app, up to the root of its repository, with paths relative to the app's folder", async () => {
    writeAppOfLib('repo/app');
    const stackFile = path.join(root, 'repo/app/lib/stack.ts');
    // Outside a repository (and the current directory), it is read alone.
    const alone = await scanPath(stackFile);
    expect(alone.files).toEqual([]);
    expect(alone.skipped.map(file => file.path)).toEqual(['stack.ts']);

    fs.mkdirSync(path.join(root, 'repo/.git'));
    const folder = await scanPath(path.join(root, 'repo/app'), {
      rules: ['DLQ-003'],
    });
    const stack = await scanPath(stackFile, { rules: ['DLQ-003'] });
    // Only the app passes the stack its retention.
    expect(stack.findings.map(finding => finding.message)).toEqual([
      expect.stringContaining('keeps messages for 2 days'),
    ]);
    expect(stack.findings).toEqual(folder.findings);
    expect(stack.files.map(file => file.path)).toEqual(['lib/stack.ts']);
    expect(stack.programs?.map(program => program.main)).toEqual([
      'bin/app.ts',
    ]);
    // The app's entry point, named with its stack: one read of the app for both.
    const both = await scanPath(path.join(root, 'repo/app'), {
      rules: ['DLQ-003', 'PARSE-001'],
      namedFiles: ['lib/stack.ts', 'bin/app.ts'],
    });
    expect(both.files.map(file => file.path)).toEqual([
      'bin/app.ts',
      'lib/stack.ts',
    ]);
    expect(both.findings).toEqual(folder.findings);

    // A cdk.json above the repository's root is another tree's.
    fs.renameSync(
      path.join(root, 'repo/app/cdk.json'),
      path.join(root, 'cdk.json'),
    );
    const above = await scanPath(stackFile);
    expect(above.files).toEqual([]);
    expect(above.skipped.map(file => file.path)).toEqual(['stack.ts']);
  });

  it('lists the entry point, or the cdk.json, of the app of a module below it that does not parse whole as skipped, without their PARSE-001', async () => {
    fs.mkdirSync(path.join(root, '.git'));
    writeAppOfLib('app');
    const reason =
      "read with lib/stack.ts as part of its stack, it does not parse whole: what it declares may be missing from that file's findings (a scan of the folder reports it)";
    const stackFile = path.join(root, 'app/lib/stack.ts');
    fs.appendFileSync(path.join(root, 'app/bin/app.ts'), 'const x = (;\n');
    const stack = await scanPath(stackFile, RULES);
    expect(stack.skipped).toEqual([{ path: 'bin/app.ts', reason }]);
    expect(parseFindings(stack.findings)).toEqual([]);
    // The app is not read at all: nor is the module.
    write('app/cdk.json', '{ "app": ');
    const unread = await scanPath(stackFile, RULES);
    expect(unread.skipped).toEqual([{ path: 'cdk.json', reason }]);
    expect(unread.findings).toEqual([]);
  });

  it('names the files named that a file not parsing whole was read with by their paths in the report, which tell apart two of one name', async () => {
    writeAppOfLib('app');
    fs.renameSync(
      path.join(root, 'app/lib/stack.ts'),
      path.join(root, 'app/lib/stack-of-lib.ts'),
    );
    for (const folder of ['a', 'b'])
      write(
        `app/lib/${folder}/stack.ts`,
        "export { Jobs } from '../stack-of-lib';\n",
      );
    fs.appendFileSync(
      path.join(root, 'app/bin/app.ts'),
      "import '../lib/a/stack';\nimport '../lib/b/stack';\nconst x = (;\n",
    );
    const reason = (a: string, b: string) =>
      `read with ${a} and ${b} as part of their stack, it does not parse whole: what it declares may be missing from their findings (a scan of the folder reports it)`;
    const named = ['lib/a/stack.ts', 'lib/b/stack.ts'];
    const fromApp = await scanPath(path.join(root, 'app'), {
      ...RULES,
      namedFiles: named,
    });
    expect(fromApp.skipped).toEqual([
      {
        path: 'bin/app.ts',
        reason: reason('lib/a/stack.ts', 'lib/b/stack.ts'),
      },
    ]);
    // Given from lib/, as the command line names them from there: the paths of the report are from it.
    const fromLib = await scanPath(path.join(root, 'app'), {
      ...RULES,
      namedFiles: named,
      pathPrefix: '..',
      pathPrefixFrom: path.join(root, 'app/lib'),
    });
    expect(fromLib.skipped).toEqual([
      { path: '../bin/app.ts', reason: reason('a/stack.ts', 'b/stack.ts') },
    ]);
  });

  it('reads a module below the current directory with its app outside a repository', async () => {
    writeAppOfLib('app');
    jest.spyOn(process, 'cwd').mockReturnValue(root);
    try {
      const stack = await scanPath(path.join(root, 'app/lib/stack.ts'), {
        rules: ['DLQ-003'],
      });
      expect(brief(stack.findings)).toEqual(['DLQ-003 lib/stack.ts:6 Dlq']);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('reads a module of a Pulumi program below its Pulumi.yaml with the program', async () => {
    fs.mkdirSync(path.join(root, '.git'));
    write('svc/Pulumi.yaml', 'name: svc\nruntime: nodejs\n');
    write(
      'svc/index.ts',
      "import { jobs } from './src/queues';\nexport const url = jobs('jobs', 60).url;\n",
    );
    write(
      'svc/src/queues.ts',
      `import * as aws from '@pulumi/aws';
export function jobs(name: string, retention: number) {
  const dlq = new aws.sqs.Queue(\`\${name}-dlq\`, { messageRetentionSeconds: retention });
  return new aws.sqs.Queue(name, { redrivePolicy: dlq.arn.apply(arn => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) });
}
`,
    );
    const folder = await scanPath(path.join(root, 'svc'), {
      rules: ['DLQ-003'],
    });
    const queues = await scanPath(path.join(root, 'svc/src/queues.ts'), {
      rules: ['DLQ-003'],
    });
    // The retention is the entry point's.
    expect(queues.findings.map(finding => finding.message)).toEqual([
      expect.stringContaining('keeps messages for 60 s'),
    ]);
    expect(queues.findings).toEqual(folder.findings);
  });

  it("reads a Pulumi program's entry point with its Pulumi.yaml", async () => {
    write('svc/Pulumi.yaml', 'name: svc\nruntime: nodejs\n');
    write(
      'svc/index.ts',
      `import * as aws from '@pulumi/aws';
export const queue = new aws.sqs.Queue('jobs', { messageRetentionSeconds: 60 });
`,
    );
    const folder = await scanPath(path.join(root, 'svc'));
    const index = await scanPath(path.join(root, 'svc/index.ts'));
    expect(index.files.map(file => file.path)).toEqual(['index.ts']);
    expect(index.findings.length).toBeGreaterThan(0);
    expect(index.findings).toEqual(folder.findings);
  });
});

describe('scanPath reading lockfiles', () => {
  it("reads the version a Pulumi app's lockfile installs from the tree, up to 1 MiB, with or without a path prefix", async () => {
    write('app/Pulumi.yaml', 'name: app\nruntime: nodejs\n');
    write(
      'app/index.ts',
      "import * as aws from '@pulumi/aws';\nnew aws.lambda.CallbackFunction('fn', { callback: async () => {} });\n",
    );
    // ^7.0.0 allows 7.26.0's Node.js 20 and 7.28.0's Node.js 22: only the lockfile says which.
    write(
      'app/package.json',
      JSON.stringify({ dependencies: { '@pulumi/aws': '^7.0.0' } }),
    );
    const lock = '"@pulumi/aws@^7.0.0":\n  version "7.20.0"\n';
    const runtimes = async (pathPrefix?: string) =>
      (
        await scanPath(root, {
          rules: ['OPS-005'],
          now: new Date('2026-12-04T00:00:00Z'),
          pathPrefix,
        })
      ).findings.map(f => /runtime (\S+)/.exec(f.message)![1]);
    expect(await runtimes()).toEqual([]);
    write('app/yarn.lock', lock);
    expect(await runtimes()).toEqual(['nodejs20.x']);
    expect(await runtimes('repo')).toEqual(['nodejs20.x']);
    write('app/yarn.lock', `${lock}${'#'.repeat(1024 * 1024)}\n`);
    expect(await runtimes()).toEqual([]);
  });
});

describe('scanFiles', () => {
  it('passes the rule options and the scan date to the rule', () => {
    const seen: unknown[] = [];
    const spy = defineRule('DLQ-003', ({ options, now }) => {
      seen.push(options, now.toISOString());
    });
    // Of the type the package exports, as a caller of scanFiles writes them.
    const options: ScanFilesOptions = {
      ruleOptions: { 'DLQ-003': { minRetentionSeconds: 60 } },
      now: new Date('2026-01-02T03:04:05Z'),
    };
    scanFiles([{ path: 'template.yaml', text: FAILING }], [spy], options);
    expect(seen).toEqual([
      { minRetentionSeconds: 60 },
      '2026-01-02T03:04:05.000Z',
    ]);
  });

  it('fingerprints findings by the paths the files are given under, which the report names them by: no report path of a scan of a tree is taken', () => {
    const files = [{ path: 'template.yaml', text: FAILING }];
    const given = scanFiles(files, [dlq001]);
    expect(given.findings.length).toBeGreaterThan(0);
    expect(
      scanFiles(files, [dlq001], {
        // @ts-expect-error scanPath's alone (see ScanOptions.pathPrefixFrom): here it would fingerprint findings by paths their report does not name them by
        reportPath: (file: string) => `svc/${file}`,
      }),
    ).toEqual(given);
  });

  it("refuses options for the engine's own rules, which take none, as for any rule that takes none", () => {
    for (const id of ['PARSE-001', 'SUP-001']) {
      expect(() =>
        scanFiles([{ path: 'template.yaml', text: FAILING }], [dlq001], {
          ruleOptions: { [id]: { maxErrors: 5 } },
        }),
      ).toThrow(`${id} takes no options, got maxErrors`);
    }
  });

  it('gives a rule without options an empty options object', () => {
    let seen: unknown;
    const spy = defineRule('DLQ-003', ({ options }) => {
      seen = options;
    });
    scanFiles([{ path: 'template.yaml', text: FAILING }], [spy]);
    expect(seen).toEqual({});
  });

  it('leaves files no adapter claims out of the report', () => {
    const result = scanFiles(
      [
        { path: 'values.yaml', text: 'replicaCount: 2\n' },
        { path: 'template.yaml', text: FAILING },
      ],
      [dlq001],
    );
    expect(result.files.map(f => f.path)).toEqual(['template.yaml']);
  });

  it('reports progress per stack (one per CloudFormation template)', () => {
    const calls: [number, number][] = [];
    scanFiles(
      [
        { path: 'a.yaml', text: FAILING },
        { path: 'b.yaml', text: FAILING },
      ],
      [dlq001],
      { onProgress: (done, total) => calls.push([done, total]) },
    );
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('leaves PARSE-001 out when asked to', () => {
    const result = scanFiles([{ path: 'a.yaml', text: 'Resources: [\n' }], [], {
      parseRule: false,
    });
    expect(result.findings).toEqual([]);
    expect(result.checks).toEqual([]);
  });
});

describe('scanPath in a process that serves requests', () => {
  it('gives the same reports when scans run at once, their steps interleaved, as one after the other', async () => {
    const examples = path.resolve(__dirname, '../../../../examples');
    const trees = [
      'seed-000-terraform-failing',
      'cdk-orders-failing',
      'seed-001-pulumi-failing',
      'seed-002-failing',
    ].map(name => path.join(examples, name));
    const now = new Date('2026-12-01T00:00:00Z');
    const report = ({ durationMs, ...rest }: ScanResult) => rest;
    const oneAfterOther: ScanResult[] = [];
    for (const tree of trees) oneAfterOther.push(await scanPath(tree, { now }));
    // Every reading of the clock is 25 ms on: each scan gives a turn after every step.
    let clock = 0;
    const clockSpy = jest
      .spyOn(performance, 'now')
      .mockImplementation(() => (clock += 25));
    let atOnce: ScanResult[];
    try {
      atOnce = await Promise.all(trees.map(tree => scanPath(tree, { now })));
    } finally {
      clockSpy.mockRestore();
    }
    expect(oneAfterOther.every(result => result.findings.length > 0)).toBe(
      true,
    );
    expect(atOnce.map(report)).toEqual(oneAfterOther.map(report));
  });

  it('gives the event loop a turn between stacks once a turn of work has passed', async () => {
    write('a.yaml', FAILING);
    write('b.yaml', FAILING);
    write('c.yaml', FAILING);
    // Each reading of the clock is 25 ms after the last: every stack takes longer than a turn.
    let clock = 0;
    const now = jest
      .spyOn(performance, 'now')
      .mockImplementation(() => (clock += 25));
    const counter = countTurns();
    const turnsAtProgress: number[] = [];
    try {
      const result = await scanPath(root, {
        ...RULES,
        onProgress: () => turnsAtProgress.push(counter.turns()),
      });
      expect(brief(result.findings)).toEqual([
        'DLQ-001 a.yaml:3 Fn',
        'DLQ-001 b.yaml:3 Fn',
        'DLQ-001 c.yaml:3 Fn',
      ]);
    } finally {
      counter.stop();
      now.mockRestore();
    }
    // Other callbacks (a request, a health check) ran between one template and the next.
    expect(turnsAtProgress).toHaveLength(3);
    expect(turnsAtProgress[1]).toBeGreaterThan(turnsAtProgress[0]);
    expect(turnsAtProgress[2]).toBeGreaterThan(turnsAtProgress[1]);
  });
});

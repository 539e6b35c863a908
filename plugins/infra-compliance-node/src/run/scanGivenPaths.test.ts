import fsSync, { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAtOrBelow, toPosix } from '../support/paths';
import { countTurns } from '../testing/countTurns';
import { ScanInputError, scanGivenPaths } from './scanGivenPaths';

/** A folder outside any Git repository and outside the current directory, as a Scaffolder task's workspace is. */
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'infra-compliance-given-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function write(file: string, text: string) {
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.writeFile(path.join(root, file), text);
}

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

/** A function with no dead-letter target, alarm or log group: findings in any stack. */
const FUNCTION_TEMPLATE = `Resources:
  Processor:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/processor
      Code:
        ZipFile: exports.handler = async () => {};
`;

async function link(target: string, file: string) {
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.symlink(target, path.join(root, file));
}

describe('scanGivenPaths', () => {
  it('lets the event loop run while it goes through a workspace of thousands of files that hold no infrastructure code', async () => {
    // A Scaffolder action scans in the backend's process: its other requests wait for each turn of the event loop.
    const folders = 30;
    const perFolder = 100;
    await write(
      'template.yaml',
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
    );
    for (let folder = 0; folder < folders; folder++) {
      await Promise.all(
        Array.from({ length: perFolder }, (_, file) =>
          write(
            `site/page${folder}/${file}.${file % 2 ? 'md' : 'png'}`,
            'not infrastructure',
          ),
        ),
      );
    }
    const counter = countTurns();
    const { result } = await scanGivenPaths({ paths: ['.'], cwd: root });
    counter.stop();
    expect(result.files.map(file => file.path)).toEqual(['template.yaml']);
    // Discovery gives a turn every 64 entries it goes through, read or not (not a measure of time: it cannot flake).
    expect(counter.turns()).toBeGreaterThanOrEqual(
      Math.floor((folders * perFolder) / 64),
    );
  });

  it('looks for the program of a file given by name up to cwd, not the process’s current directory', async () => {
    await writeAppOfLib();
    expect(root.startsWith(`${process.cwd()}${path.sep}`)).toBe(false);
    const whole = await scanGivenPaths({ paths: ['.'], cwd: root });
    const { result, srcRoot } = await scanGivenPaths({
      paths: ['app/lib/stack.ts'],
      cwd: root,
    });
    expect(srcRoot).toBe(root);
    expect(result.files.map(file => file.path)).toEqual(['app/lib/stack.ts']);
    expect(result.programs?.map(program => program.project)).toEqual([
      'app/cdk.json',
    ]);
    expect(result.findings).toEqual(
      whole.result.findings.filter(
        finding => finding.file === 'app/lib/stack.ts',
      ),
    );
    // Only the app passes the stack the retention that DLQ-003 fails.
    expect(
      result.findings.find(finding => finding.ruleId === 'DLQ-003')?.message,
    ).toContain('keeps messages for 2 days');
  });

  it('looks for the program of a file given by name up to cwd when cwd is the root of the file system (a container’s /)', async () => {
    await writeAppOfLib();
    const cwd = path.parse(root).root;
    const { result } = await scanGivenPaths({
      paths: [path.join(root, 'app/lib/stack.ts')],
      cwd,
    });
    expect(result.programs?.map(program => program.project)).toEqual([
      toPosix(path.relative(cwd, path.join(root, 'app/cdk.json'))),
    ]);
    expect(result.findings.map(finding => finding.ruleId)).toContain('DLQ-003');
  });

  it('reads a Terraform module given by name from the root of the file system (a container’s /) in its folder alone, without walking the file system for its callers', async () => {
    await write(
      'tf/modules/queue/main.tf',
      'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\n',
    );
    await write(
      'tf/stacks/prod/main.tf',
      'module "jobs" {\n  source = "../../modules/queue"\n  name   = "jobs"\n}\n',
    );
    const cwd = path.parse(root).root;
    const listed = jest.spyOn(fsSync, 'readdirSync');
    try {
      const { result } = await scanGivenPaths({
        paths: [path.join(root, 'tf/modules/queue/main.tf')],
        cwd,
      });
      expect(result.files.map(file => file.path)).toEqual([
        toPosix(
          path.relative(cwd, path.join(root, 'tf/modules/queue/main.tf')),
        ),
      ]);
      // Its walk would read every tree of the machine, and those of other processes through /proc/<pid>/cwd.
      const outside = listed.mock.calls
        .map(([folder]) => path.resolve(String(folder)))
        .filter(folder => !isAtOrBelow(folder, root));
      expect(outside).toEqual([]);
    } finally {
      listed.mockRestore();
    }
  });

  it('with confineToCwd, reads no program nor config of the Git repository above cwd', async () => {
    await writeAppOfLib();
    await write('.git/HEAD', 'ref: refs/heads/main\n');
    await write('.infra-compliance.yaml', 'rules:\n  disable: [OPS-003]\n');
    const cwd = path.join(root, 'app', 'lib');
    const inRepository = await scanGivenPaths({ paths: ['stack.ts'], cwd });
    expect(inRepository.result.programs?.map(p => p.project)).toEqual([
      '../cdk.json',
    ]);
    expect(inRepository.ranRules).not.toContain('OPS-003');

    const confined = await scanGivenPaths({
      paths: ['stack.ts'],
      cwd,
      confineToCwd: true,
    });
    expect(confined.result.files).toEqual([]);
    expect(confined.result.skipped.map(file => file.path)).toEqual([
      'stack.ts',
    ]);
    expect(confined.ranRules).toContain('OPS-003');
  });

  it('reads a file that paths given reach twice, by hand or through a symlink, once: under its own path where one of them reads it there, else the first given', async () => {
    await write('t/template.yaml', FUNCTION_TEMPLATE);
    await link('template.yaml', 't/a-link.yaml');
    await link('../t/template.yaml', 'l/b-link.yaml');
    await link('../t/template.yaml', 'm/c-link.yaml');
    await link('t', 'tl');
    const scan = async (...paths: string[]) =>
      (await scanGivenPaths({ paths, cwd: root })).result;
    const alone = await scan('t/template.yaml');
    expect(alone.findings.length).toBeGreaterThan(0);
    for (const paths of [
      ['t/template.yaml', 't/a-link.yaml'],
      ['t/a-link.yaml', 't/template.yaml'],
      ['t/template.yaml', './t/template.yaml'],
      ['t', 't/template.yaml'],
      ['t', 't/a-link.yaml'],
      ['t/a-link.yaml', 't'],
      ['l/b-link.yaml', 't/template.yaml'],
      ['t', 'l/b-link.yaml'],
      ['.', 'l/b-link.yaml'],
      ['tl', 't'],
    ]) {
      const { files, findings, scorecard } = await scan(...paths);
      expect({ paths, files: files.map(file => file.path) }).toEqual({
        paths,
        files: ['t/template.yaml'],
      });
      // The fingerprints of a scan of the file alone, or of `scan .`.
      expect(findings).toEqual(alone.findings);
      expect(scorecard).toEqual(alone.scorecard);
    }
    // Its own path given by none: the first given.
    for (const paths of [
      ['l/b-link.yaml', 'm/c-link.yaml'],
      ['m/c-link.yaml', 'l/b-link.yaml'],
    ]) {
      const { files, findings } = await scan(...paths);
      expect(files.map(file => file.path)).toEqual([paths[0]]);
      expect(findings).toHaveLength(alone.findings.length);
    }
    // Its own path below a path given that is a link to its folder (`tl/template.yaml`), whatever the order; of two such paths, the first in name order.
    await link('t', 'tl2');
    for (const [paths, own] of [
      [['tl/a-link.yaml', 'tl'], 'tl/template.yaml'],
      [['tl', 'tl/a-link.yaml'], 'tl/template.yaml'],
      [['tl2', 'tl'], 'tl/template.yaml'],
      [['tl', 'tl2'], 'tl/template.yaml'],
    ] as const) {
      const { files, findings } = await scan(...paths);
      expect({ paths, files: files.map(file => file.path) }).toEqual({
        paths,
        files: [own],
      });
      expect(findings).toEqual((await scan(own)).findings);
    }

    // A file of a Terraform module is one of each module it is linked into.
    await write(
      'modules/a/main.tf',
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    );
    await link('../a/main.tf', 'modules/b/main.tf');
    expect(
      (await scan('modules/a/main.tf', 'modules/b/main.tf')).files.map(
        file => file.path,
      ),
    ).toEqual(['modules/a/main.tf', 'modules/b/main.tf']);
    // But a folder given by its path and through a link to it is one walk: its modules are read once, under their own paths.
    await link('modules', 'mlink');
    const modules = await scan('modules', 'modules');
    expect(modules.files.map(file => file.path)).toEqual([
      'modules/a/main.tf',
      'modules/b/main.tf',
    ]);
    for (const paths of [
      ['modules', 'mlink'],
      ['mlink', 'modules'],
    ]) {
      const { files, findings } = await scan(...paths);
      expect({ paths, files }).toEqual({ paths, files: modules.files });
      expect(findings).toEqual(modules.findings);
    }
  });

  it('reads a Terraform module given by its folder and through a link to it once, as the folder holding it judges it', async () => {
    // Its dead-letter queue keeps messages 14 days unless a call says otherwise.
    await write(
      'modules/q/main.tf',
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
    await link('modules/q', 'mlink');
    const scan = async (...paths: string[]) =>
      (
        await scanGivenPaths({
          paths,
          cwd: root,
          rules: ['DLQ-003', 'ENC-003'],
        })
      ).result;
    const brief = (result: Awaited<ReturnType<typeof scan>>) => ({
      files: result.files.map(file => [file.path, file.resources]),
      findings: result.findings.map(
        f => `${f.ruleId} ${f.file}:${f.line} ${f.resourceId} ${f.fingerprint}`,
      ),
    });
    // Given twice, as paths relative to cwd.
    const modules = brief(await scan('modules', 'modules'));
    expect(modules.files).toEqual([['modules/q/main.tf', 2]]);
    expect(modules.findings.map(f => f.split(' ').slice(0, 3))).toEqual([
      ['ENC-003', 'modules/q/main.tf:4', 'aws_sqs_queue.dlq'],
      ['ENC-003', 'modules/q/main.tf:8', 'aws_sqs_queue.jobs'],
    ]);
    for (const paths of [
      ['modules', 'mlink'],
      ['mlink', 'modules'],
    ])
      expect({ paths, ...brief(await scan(...paths)) }).toEqual({
        paths,
        ...modules,
      });

    // A folder holding a call judges the module with the call's inputs: that is the module reported, not the link given
    // alone, judged as a root module (as `scan . modules/q` reports the first).
    await write(
      'envs/prod/main.tf',
      'module "jobs" {\n  source    = "../../modules/q"\n  retention = 60\n}\n',
    );
    const whole = brief(await scan('.'));
    expect(whole.findings.map(f => f.split(' ').slice(0, 3))).toEqual([
      ['ENC-003', 'modules/q/main.tf:4', 'module.jobs.aws_sqs_queue.dlq'],
      ['DLQ-003', 'modules/q/main.tf:6', 'module.jobs.aws_sqs_queue.dlq'],
      ['ENC-003', 'modules/q/main.tf:8', 'module.jobs.aws_sqs_queue.jobs'],
    ]);
    for (const paths of [
      ['.', 'mlink'],
      ['mlink', '.'],
      ['.', 'modules/q'],
    ])
      expect({ paths, ...brief(await scan(...paths)) }).toEqual({
        paths,
        ...whole,
      });
  });

  it('reports no link as skipped that leads out of a path given to what another path given scans', async () => {
    await write('t.yaml', FUNCTION_TEMPLATE);
    await link('../t.yaml', 'x/t.yaml');
    await write('y/own.yaml', FUNCTION_TEMPLATE);
    await link('../y', 'w/dir');
    const scan = async (...paths: string[]) => {
      const warnings: string[] = [];
      const { result } = await scanGivenPaths({
        paths,
        cwd: root,
        onWarning: warning => warnings.push(warning),
      });
      return {
        files: result.files.map(file => file.path),
        skipped: result.skipped,
        warnings,
      };
    };
    expect(await scan('x', '.')).toEqual({
      files: ['t.yaml', 'y/own.yaml'],
      skipped: [],
      warnings: [],
    });
    expect(await scan('.', 'x')).toEqual(await scan('x', '.'));
    expect(await scan('x', 't.yaml')).toEqual({
      files: ['t.yaml'],
      skipped: [],
      warnings: [],
    });
    // A link to a folder another path given walks.
    expect(await scan('w', 'y')).toEqual({
      files: ['y/own.yaml'],
      skipped: [],
      warnings: [],
    });
    // What no path given scans stays skipped.
    expect(await scan('x', 'y')).toEqual({
      files: ['y/own.yaml'],
      skipped: [
        { path: 'x/t.yaml', reason: 'symlink leaves the scanned root' },
      ],
      warnings: [
        'no infrastructure-as-code file read in x: 1 file skipped (the report says why)',
      ],
    });
    // A file named, read with the templates of its folder: another link there to what it is is no file skipped.
    await link('../t.yaml', 'x/t2.yaml');
    expect(await scan('x/t2.yaml')).toEqual({
      files: ['x/t2.yaml'],
      skipped: [],
      warnings: [],
    });
    // A file of a Terraform module read in another is not read in this one: its module is judged without it.
    await write(
      'modules/a/main.tf',
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
    );
    await write('modules/b/queue.tf', 'variable "name" {}\n');
    await link('../a/main.tf', 'modules/b/main.tf');
    expect((await scan('modules/a', 'modules/b')).skipped).toEqual([
      {
        path: 'modules/b/main.tf',
        reason: 'symlink leaves the scanned root',
      },
    ]);
    // Nor is a folder of a program's modules read in another app: this app's program is judged without them.
    await writeAppOfLib();
    await write('app2/cdk.json', '{ "app": "npx ts-node bin/app.ts" }');
    await write(
      'app2/bin/app.ts',
      await fs.readFile(path.join(root, 'app/bin/app.ts'), 'utf8'),
    );
    await link('../app/lib', 'app2/lib');
    expect(await scan('app', 'app2')).toEqual({
      files: ['app/bin/app.ts', 'app/lib/stack.ts', 'app2/bin/app.ts'],
      skipped: [
        { path: 'app2/lib', reason: 'symlink leaves the scanned root' },
      ],
      warnings: [],
    });
  });

  it('warns of no file skipped in a path given whose files another path given reads, as the report lists them scanned', async () => {
    await writeAppOfLib();
    const scanOf = async (...paths: string[]) => {
      const warnings: string[] = [];
      const { result } = await scanGivenPaths({
        paths,
        cwd: path.join(root, 'app', 'lib'),
        onWarning: warning => warnings.push(warning),
      });
      return {
        files: result.files.map(file => file.path),
        skipped: result.skipped.map(file => file.path),
        warnings,
      };
    };
    // Scanned alone, the app's lib is a module of no app: skipped, and said so.
    expect(await scanOf('.')).toEqual({
      files: [],
      skipped: ['stack.ts'],
      warnings: [
        'no infrastructure-as-code file read in .: 1 file skipped (the report says why)',
      ],
    });
    // With the app's folder, which reads it: the folder, and the file given by name, read as part of the app.
    const withApp = {
      files: ['../bin/app.ts', 'stack.ts'],
      skipped: [],
      warnings: [],
    };
    expect(await scanOf('..', '.')).toEqual(withApp);
    expect(await scanOf('.', '..')).toEqual(withApp);
    expect(await scanOf('..', 'stack.ts')).toEqual(withApp);
  });

  it('lists the files several paths given skip by path, as it lists those they read', async () => {
    const binary = '\u0000\u0001binary';
    await write('a/template.yaml', FUNCTION_TEMPLATE);
    await write('a/image.yaml', binary);
    await write('z/template.yaml', FUNCTION_TEMPLATE);
    await write('z/image.yaml', binary);
    // From a, `../z` comes first by path and last by folder.
    for (const paths of [
      ['.', '../z'],
      ['../z', '.'],
    ]) {
      const { result } = await scanGivenPaths({
        paths,
        cwd: path.join(root, 'a'),
      });
      expect(result.files.map(file => file.path)).toEqual([
        '../z/template.yaml',
        'template.yaml',
      ]);
      expect(result.skipped.map(file => file.path)).toEqual([
        '../z/image.yaml',
        'image.yaml',
      ]);
    }
  });

  it('reads a file of a stack that calls a module above cwd, reached by cwd and by a folder above, once, as that folder judges it, by its path from cwd, as when it is given by name', async () => {
    await write('.git/HEAD', 'ref: refs/heads/main\n');
    // The module watches the function its caller names: read with it, the function has its alarm.
    await write(
      'modules/q/main.tf',
      `variable "function" {}
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
  source   = "../../modules/q"
  function = aws_lambda_function.worker.function_name
}
`,
    );
    const cwd = path.join(root, 'envs', 'prod');
    const scanOf = async (...paths: string[]) =>
      (await scanGivenPaths({ paths, cwd })).result;
    // Its folder alone does not read the module.
    expect((await scanOf('.')).findings.map(f => f.ruleId)).toContain(
      'ALM-001',
    );
    const named = await scanOf('main.tf');
    expect(named.files.map(file => file.path)).toEqual(['main.tf']);
    expect(named.findings.length).toBeGreaterThan(0);
    expect(named.findings.map(f => f.ruleId)).not.toContain('ALM-001');
    const both = await scanOf('../..', '.');
    expect(both.files.map(file => file.path)).toEqual([
      '../../modules/q/main.tf',
      'main.tf',
    ]);
    expect(both.skipped).toEqual([]);
    expect(both.findings.filter(f => f.file === 'main.tf')).toEqual(
      named.findings,
    );
  });

  it.each([
    [
      'CDK apps',
      'cdk.json',
      '{ "app": "npx ts-node bin/app.ts" }',
      'bin/app.ts',
      `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export function queue(scope: cdk.Stack, name: string) {
  return new sqs.Queue(scope, name);
}
export function deadLetters(scope: cdk.Stack, name: string) {
  return new sqs.Queue(scope, name, { retentionPeriod: cdk.Duration.days(1) });
}
`,
      (made: string, from: string) => `import * as cdk from 'aws-cdk-lib';
import { ${made} } from '${from}';
const app = new cdk.App();
${made}(new cdk.Stack(app, 'Orders'), 'Jobs');
`,
    ],
    [
      'Pulumi programs',
      'Pulumi.yaml',
      'name: orders\nruntime: nodejs\n',
      'index.ts',
      `import * as aws from '@pulumi/aws';
export function queue(name: string) {
  return new aws.sqs.Queue(name);
}
export function deadLetters(name: string) {
  return new aws.sqs.Queue(name, { messageRetentionSeconds: 60 });
}
`,
      (made: string, from: string) =>
        `import { ${made} } from '${from}';\n${made}('jobs');\n`,
    ],
  ])(
    'fingerprints what two %s declare apart in a module they share, read from a folder above the program of cwd, as a scan of the file given by name does',
    async (_, projectFile, project, main, library, program) => {
      await write('.git/HEAD', 'ref: refs/heads/main\n');
      // The app of app, and one in its folder, make a queue of one id at two lines of their library.
      await write(`app/${projectFile}`, project);
      await write(`app/tools/${projectFile}`, project);
      await write('app/lib/queues.ts', library);
      const up = main.split('/').length - 1;
      await write(
        `app/${main}`,
        program('queue', `${'../'.repeat(up) || './'}lib/queues`),
      );
      await write(
        `app/tools/${main}`,
        program('deadLetters', `${'../'.repeat(up + 1)}lib/queues`),
      );
      const cwd = path.join(root, 'app', 'lib');
      const findingsOf = async (...paths: string[]) =>
        (await scanGivenPaths({ paths, cwd })).result.findings;
      const named = await findingsOf('queues.ts');
      expect(new Set(named.map(finding => finding.line)).size).toBe(2);
      expect(await findingsOf('../..', '.')).toEqual(named);
      expect(await findingsOf('..', '.')).toEqual(named);
    },
  );

  it('reads a file that links reach under two paths, one below cwd in a folder above it given first, under that one, as when cwd is that folder', async () => {
    // Its own path left out: each path given reaches it only through a link.
    await write('.infra-compliance.yaml', "paths:\n  exclude: ['shared/**']\n");
    await write('shared/t.yaml', FUNCTION_TEMPLATE);
    await link('../../shared/t.yaml', 'envs/prod/l.yaml');
    await link('../shared/t.yaml', 'other/l2.yaml');
    const scanFrom = async (cwd: string, ...paths: string[]) =>
      (await scanGivenPaths({ paths, cwd: path.join(root, cwd) })).result;
    const fromRoot = await scanFrom('.', '.', 'other/l2.yaml');
    expect(fromRoot.files.map(file => file.path)).toEqual(['envs/prod/l.yaml']);
    const fromProd = await scanFrom(
      'envs/prod',
      '../..',
      '../../other/l2.yaml',
    );
    expect(fromProd.files.map(file => file.path)).toEqual(['l.yaml']);
    expect(fromProd.findings.length).toBeGreaterThan(0);
    expect(fromProd.findings).toEqual(
      (await scanFrom('envs/prod', 'l.yaml')).findings,
    );
  });

  it('names the file a finding says its property is set in by its path from cwd, in a file given by name of a stack read from a folder above cwd', async () => {
    await write('.git/HEAD', 'ref: refs/heads/main\n');
    await write(
      'modules/q/main.tf',
      'resource "aws_sqs_queue" "inner" {\n  name = "inner"\n}\n',
    );
    await write(
      'envs/prod/main.tf',
      'module "q" {\n  source = "../../modules/q"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
    );
    await write(
      'envs/prod/override.tf',
      'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n',
    );
    const cwd = path.join(root, 'envs', 'prod');
    const scanOf = async (...paths: string[]) =>
      (await scanGivenPaths({ paths, cwd, rules: ['ENC-003'] })).result;
    const named = await scanOf('main.tf');
    expect(named.findings.map(f => `${f.file} ${f.message}`)).toEqual([
      'main.tf Queue aws_sqs_queue.q sets sqs_managed_sse_enabled to false and has no kms_master_key_id, so its messages are not encrypted at rest. (sqs_managed_sse_enabled is set in override.tf, line 2.)',
    ]);
    expect(named.findings).toEqual((await scanOf('.')).findings);
  });

  it('names the files the reason a module of a CDK app given by name is skipped for by their paths from cwd, as the report names the module', async () => {
    await write('.git/HEAD', 'ref: refs/heads/main\n');
    await write('svc/cdk.json', '{ "app": "npx ts-node bin/main.ts" }');
    // The entry point imports the function that makes the App, and does not call it.
    await write(
      'svc/bin/main.ts',
      "import { build } from '../lib/app';\nconsole.log(typeof build);\n",
    );
    await write(
      'svc/lib/app.ts',
      "import * as cdk from 'aws-cdk-lib';\nexport const build = () => new cdk.Stack(new cdk.App(), 'Orders');\n",
    );
    const { result } = await scanGivenPaths({
      paths: ['app.ts'],
      cwd: path.join(root, 'svc', 'lib'),
    });
    expect(result.skipped).toEqual([
      {
        path: 'app.ts',
        reason:
          'the CDK App is created in a function of app.ts that the code read from ../bin/main.ts does not call: the stacks made there are not read (a module that calls it and imports no AWS CDK package is read only as the entry point a cdk.json names)',
      },
    ]);
  });

  it('names the rule options as the caller does when they leave no rule to run', async () => {
    await writeAppOfLib();
    await expect(
      scanGivenPaths({
        paths: ['app'],
        cwd: root,
        rules: ['DLQ-001'],
        skipRules: ['DLQ-001'],
        ruleOptionNames: { rules: 'rules', skipRules: 'skipRules' },
      }),
    ).rejects.toThrow(
      new ScanInputError(
        'no rule left to run in app: rules, skipRules and rules.disable leave out every rule',
      ),
    );
  });
});

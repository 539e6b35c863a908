import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

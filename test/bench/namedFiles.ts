/**
 * What a scan of the files a pre-commit hook names costs against a scan of
 * their folder. Prints figures; it is not a test.
 *
 *   yarn bench:named [--files N] [--runs R]
 *
 * Builds, in a temporary folder, a Terraform module of N files (default 30;
 * ten services each: a function, its role and policy, two queues, an alarm,
 * a REST API and its stage), a folder of N CloudFormation templates of the
 * same services (a template given by name is read with the others of its
 * folder, which may answer its failures) and a CDK app of N stack modules
 * beside its cdk.json, and times `infra-compliance scan` (new Node processes, start-up
 * included; the median of R runs, default 3) on the folder, on one file, and
 * on all N files by name, as `pass_filenames: true` passes them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloudFormationServices, terraformServices } from './syntheticStacks';

const CLI = path.resolve(
  __dirname,
  '../../plugins/infra-compliance-node/bin/infra-compliance',
);

function cdkStack(index: number): string {
  return `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class Service${index} extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const dlq = new sqs.Queue(this, 'Dlq');
    const queue = new sqs.Queue(this, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      environment: { QUEUE_URL: queue.queueUrl },
    });
  }
}
`;
}

function cdkApp(files: number): string {
  const lines = ["import * as cdk from 'aws-cdk-lib';"];
  for (let i = 0; i < files; i++)
    lines.push(`import { Service${i} } from './service${i}';`);
  lines.push('const app = new cdk.App();');
  for (let i = 0; i < files; i++)
    lines.push(`new Service${i}(app, 'Service${i}');`);
  return `${lines.join('\n')}\n`;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The median wall time of `runs` scans of `paths` from `cwd`, in seconds. */
function timeScan(cwd: string, paths: string[], runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    execFileSync(
      process.execPath,
      [CLI, 'scan', ...paths, '--format', 'json'],
      {
        cwd,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} needs a positive integer`);
  return value;
}

function main() {
  const files = flag('--files', 30);
  const runs = flag('--runs', 3);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-bench-named-'));
  try {
    const names = (folder: string, name: (i: number) => string) =>
      Array.from({ length: files }, (_, i) => `${folder}/${name(i)}`);
    const terraform = names('tf', i => `service${i}.tf`);
    terraform.forEach((file, i) =>
      write(path.join(root, file), terraformServices(10, `${i}_`)),
    );
    const templates = names('cfn', i => `service${i}.yaml`);
    templates.forEach((file, i) =>
      write(path.join(root, file), cloudFormationServices(10, `${i}x`)),
    );
    const cdk = names('cdk', i => `service${i}.ts`);
    cdk.forEach((file, i) => write(path.join(root, file), cdkStack(i)));
    write(path.join(root, 'cdk/app.ts'), cdkApp(files));
    write(path.join(root, 'cdk/cdk.json'), '{ "app": "npx ts-node app.ts" }');

    const lines = [
      `scan (new process, median of ${runs}) of ${files} files of one stack`,
    ];
    for (const [name, folder, named] of [
      ['Terraform module', 'tf', terraform],
      ['CloudFormation', 'cfn', templates],
      ['CDK app', 'cdk', cdk],
    ] as const) {
      timeScan(root, [folder], 1); // warm-up: V8's compile cache, the file system
      const cells = [
        ['folder', timeScan(root, [folder], runs)],
        ['1 file', timeScan(root, [named[0]], runs)],
        [`${files} files`, timeScan(root, [...named], runs)],
      ] as const;
      lines.push(
        `  ${name.padEnd(18)}${cells
          .map(([label, seconds]) => `${label} ${seconds.toFixed(2)} s`)
          .join('   ')}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();

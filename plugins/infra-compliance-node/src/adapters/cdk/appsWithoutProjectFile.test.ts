import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFiles, scanPath, selectRules } from '../../engine/scan';
import { appCreation } from './appsWithoutProjectFile';

const RULES = selectRules(['ENC-003', 'PARSE-001']);
const APP =
  "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from '../lib/stack';\nnew Orders(new cdk.App(), 'Orders');\n";
const STACK = `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class Orders extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Jobs', { sqsManagedSseEnabled: false });
  }
}
`;
const PACKAGE_JSON =
  '{ "name": "orders", "dependencies": { "aws-cdk-lib": "^2.150.0" } }';
const TEST =
  "import * as cdk from 'aws-cdk-lib';\nimport { Template } from 'aws-cdk-lib/assertions';\nimport { Orders } from '../lib/stack';\nTemplate.fromStack(new Orders(new cdk.App(), 'Test'));\n";

const brief = (report: ReturnType<typeof scanFiles>) =>
  report.findings.map(f => `${f.ruleId} ${f.file}:${f.line} ${f.resourceId}`);

describe('CDK apps without a cdk.json', () => {
  it("reads an app from the module that creates its App, in its package's folder, and no test", () => {
    const report = scanFiles(
      [
        { path: 'svc/package.json', text: PACKAGE_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: STACK },
        { path: 'svc/test/app.test.ts', text: TEST },
        {
          path: 'svc/lib/app.spec.ts',
          text: TEST.replace('../lib/stack', './stack'),
        },
      ],
      RULES,
    );
    expect(brief(report)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/package.json',
        main: 'svc/bin/app.ts',
        files: ['svc/bin/app.ts', 'svc/lib/stack.ts'],
      },
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('reads a CDK v1 app without a package.json from the folder of its entry point', () => {
    const index = `import * as cdk from "@aws-cdk/core";
import { ApiStack } from "./api/index";
const app = new cdk.App();
new ApiStack(app, "Api");
`;
    const api = `import * as lambda from "@aws-cdk/aws-lambda";
import * as cdk from "@aws-cdk/core";
export class ApiStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, "Handler", {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: "index.handler",
      code: lambda.Code.fromAsset("dist"),
    });
  }
}
`;
    const report = scanFiles(
      [
        { path: 'pattern/src/index.ts', text: index },
        { path: 'pattern/src/api/index.ts', text: api },
      ],
      selectRules(['OPS-005']),
    );
    expect(brief(report)).toEqual([
      'OPS-005 pattern/src/api/index.ts:7 Handler',
    ]);
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'pattern/src/index.ts',
        main: 'pattern/src/index.ts',
        files: ['pattern/src/api/index.ts', 'pattern/src/index.ts'],
      },
    ]);
  });

  it('reads an app under a cdk.json from the entry point the cdk.json names alone, and a nested app without one apart', () => {
    const report = scanFiles(
      [
        { path: 'cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
        { path: 'bin/app.ts', text: APP },
        { path: 'lib/stack.ts', text: STACK },
        // Under the root's cdk.json, whose app is bin/app.ts: no app of their own.
        { path: 'bin/other.ts', text: APP },
        { path: 'packages/billing/bin/app.ts', text: APP },
        { path: 'packages/billing/lib/stack.ts', text: STACK },
      ],
      RULES,
    );
    expect(
      report.programs?.map(program => `${program.project} ${program.main}`),
    ).toEqual(['cdk.json bin/app.ts']);
    const apart = scanFiles(
      [
        {
          path: 'orders/cdk.json',
          text: '{ "app": "npx ts-node bin/app.ts" }',
        },
        { path: 'orders/bin/app.ts', text: APP },
        { path: 'orders/lib/stack.ts', text: STACK },
        { path: 'billing/package.json', text: PACKAGE_JSON },
        { path: 'billing/bin/app.ts', text: APP },
        {
          path: 'billing/bin/app.js',
          text: "const cdk = require('aws-cdk-lib');\nconst { Orders } = require('../lib/stack');\nnew Orders(new cdk.App(), 'Orders');\n",
        },
        { path: 'billing/lib/stack.ts', text: STACK },
      ],
      RULES,
    );
    // The JavaScript that tsc compiled beside the entry point is not another app.
    expect(
      apart.programs?.map(program => `${program.project} ${program.main}`),
    ).toEqual([
      'billing/package.json billing/bin/app.ts',
      'orders/cdk.json orders/bin/app.ts',
    ]);
    expect(brief(apart)).toEqual([
      'ENC-003 billing/lib/stack.ts:6 Jobs',
      'ENC-003 orders/lib/stack.ts:6 Jobs',
    ]);
  });

  it("reads no app from what tsc compiled into a package's outDir, nor from an integration test", () => {
    const report = scanFiles(
      [
        { path: 'svc/package.json', text: PACKAGE_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: STACK },
        {
          path: 'svc/dist/bin/app.js',
          text: '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nconst cdk = require("aws-cdk-lib");\nconst stack_1 = require("../lib/stack");\nnew stack_1.Orders(new cdk.App(), \'Orders\');\n//# sourceMappingURL=app.js.map\n',
        },
        {
          path: 'svc/dist/lib/stack.js',
          text: '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.Orders = void 0;\nconst cdk = require("aws-cdk-lib");\nconst sqs = require("aws-cdk-lib/aws-sqs");\nclass Orders extends cdk.Stack {\n    constructor(scope, id) {\n        super(scope, id);\n        new sqs.CfnQueue(this, \'Jobs\', { sqsManagedSseEnabled: false });\n    }\n}\nexports.Orders = Orders;\n',
        },
        // A construct library's integration tests, as the AWS CDK and projen name them: apps deployed to test it.
        { path: 'constructs/package.json', text: PACKAGE_JSON },
        { path: 'constructs/src/index.ts', text: STACK },
        {
          path: 'constructs/src/integ.default.ts',
          text: APP.replace('../lib/stack', './index'),
        },
        {
          path: 'constructs/integ/queue.integ.ts',
          text: APP.replace('../lib/stack', '../src/index'),
        },
      ],
      RULES,
    );
    expect(
      report.programs?.map(program => `${program.project} ${program.main}`),
    ).toEqual(['svc/package.json svc/bin/app.ts']);
    expect(brief(report)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(report.skipped.map(file => file.path)).toEqual([
      'constructs/src/index.ts',
    ]);
    // Compiled JavaScript alone is the app: it is read.
    const compiledAlone = scanFiles(
      [
        { path: 'svc/package.json', text: PACKAGE_JSON },
        {
          path: 'svc/dist/bin/app.js',
          text: '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nconst cdk = require("aws-cdk-lib");\nnew cdk.App();\n',
        },
      ],
      RULES,
    );
    expect(compiledAlone.programs?.map(program => program.main)).toEqual([
      'svc/dist/bin/app.js',
    ]);
  });

  it('reads an app whose App a function makes (`export function build()`) from the module that calls it, where it is found', () => {
    const build =
      "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from './stack';\nexport function build() {\n  const app = new cdk.App();\n  new Orders(app, 'Orders');\n}\n";
    const files = (main: string) => [
      { path: 'svc/package.json', text: PACKAGE_JSON },
      { path: 'svc/bin/main.ts', text: main },
      { path: 'svc/lib/app.ts', text: build },
      { path: 'svc/lib/stack.ts', text: STACK },
    ];
    const read = ['svc/bin/main.ts', 'svc/lib/app.ts', 'svc/lib/stack.ts'];
    // A cdk.json names the entry point, which may import no AWS CDK package.
    const named = scanFiles(
      [
        { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/main.ts" }' },
        ...files("import { build } from '../lib/app';\nbuild();\n"),
      ],
      RULES,
    );
    expect(brief(named)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(named.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/cdk.json',
        main: 'svc/bin/main.ts',
        files: read,
      },
    ]);
    expect(named.skipped).toEqual([]);
    // Without one, the AWS CDK modules that import the module, up to one no other imports, are the entry points.
    const caller = scanFiles(
      files(
        "import * as cdk from 'aws-cdk-lib';\nimport { build } from '../lib/app';\nbuild();\n",
      ),
      RULES,
    );
    expect(brief(caller)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(caller.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/package.json',
        main: 'svc/bin/main.ts',
        files: read,
      },
    ]);
    // A module that calls its own function is its entry point.
    const own = scanFiles(
      files('')
        .filter(file => file.path !== 'svc/bin/main.ts')
        .map(file =>
          file.path === 'svc/lib/app.ts'
            ? { ...file, text: `${file.text}build();\n` }
            : file,
        ),
      RULES,
    );
    expect(brief(own)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(own.programs?.map(program => program.main)).toEqual([
      'svc/lib/app.ts',
    ]);
    // Called as a linter asks a promise not awaited to be: `void main()`.
    const voided = scanFiles(
      files('')
        .filter(file => file.path !== 'svc/bin/main.ts')
        .map(file =>
          file.path === 'svc/lib/app.ts'
            ? {
                ...file,
                text: `${file.text.replace(
                  'function build',
                  'async function build',
                )}void build();\n`,
              }
            : file,
        ),
      RULES,
    );
    expect(brief(voided)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(voided.programs?.filter(program => program.partlyRead)).toEqual([]);
    // An App a class makes as it is instantiated (a field's initializer): read from the module that instantiates it.
    const infra =
      "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from './stack';\nexport class Infra {\n  readonly app = new cdk.App();\n  constructor() {\n    new Orders(this.app, 'Orders');\n  }\n}\n";
    const instantiated = scanFiles(
      files(
        "import * as cdk from 'aws-cdk-lib';\nimport { Infra } from '../lib/app';\nnew Infra();\n",
      ).map(file =>
        file.path === 'svc/lib/app.ts' ? { ...file, text: infra } : file,
      ),
      RULES,
    );
    expect(brief(instantiated)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(instantiated.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/package.json',
        main: 'svc/bin/main.ts',
        files: read,
      },
    ]);
  });

  it('reports an app whose App a function makes that nothing read calls as partly read: its caller imports no AWS CDK package', () => {
    const report = scanFiles(
      [
        { path: 'svc/package.json', text: PACKAGE_JSON },
        {
          path: 'svc/bin/main.ts',
          text: "import { build } from '../lib/app';\nbuild();\n",
        },
        {
          path: 'svc/lib/app.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from './stack';\nexport const build = () => new Orders(new cdk.App(), 'Orders');\n",
        },
        { path: 'svc/lib/stack.ts', text: STACK },
      ],
      RULES,
    );
    expect(brief(report)).toEqual([]);
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/package.json',
        main: 'svc/lib/app.ts',
        files: ['svc/lib/app.ts', 'svc/lib/stack.ts'],
        partlyRead: true,
      },
    ]);
    expect(report.skipped).toEqual([
      {
        path: 'svc/lib/app.ts',
        reason:
          'the CDK App is created in a function of svc/lib/app.ts that it does not call: the stacks made there are not read (a module that calls it and imports no AWS CDK package is read only as the entry point a cdk.json names)',
      },
    ]);
  });

  it('reports no app as partly read for a function that makes the App which another app calls: a shared createApp(), a script that imports a constant', () => {
    const factory =
      "import * as cdk from 'aws-cdk-lib';\nexport function createApp() {\n  return new cdk.App();\n}\n";
    const shared = scanFiles(
      [
        { path: 'shared/package.json', text: PACKAGE_JSON },
        { path: 'shared/src/app.ts', text: factory },
        { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
        {
          path: 'svc/bin/app.ts',
          text: "import { createApp } from '../../shared/src/app';\nimport { Orders } from '../lib/stack';\nnew Orders(createApp(), 'Orders');\n",
        },
        { path: 'svc/lib/stack.ts', text: STACK },
      ],
      RULES,
    );
    expect(brief(shared)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(shared.programs).toEqual([
      {
        format: 'cdk',
        project: 'shared/package.json',
        main: 'shared/src/app.ts',
        files: ['shared/src/app.ts'],
      },
      {
        format: 'cdk',
        project: 'svc/cdk.json',
        main: 'svc/bin/app.ts',
        files: ['shared/src/app.ts', 'svc/bin/app.ts', 'svc/lib/stack.ts'],
      },
    ]);
    expect(shared.skipped).toEqual([]);
    const script = scanFiles(
      [
        { path: 'svc/package.json', text: PACKAGE_JSON },
        {
          path: 'svc/bin/main.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nimport { build } from '../lib/app';\nbuild();\n",
        },
        {
          path: 'svc/lib/app.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nimport { Orders } from './stack';\nexport const STAGES = ['dev'];\nexport const build = () => new Orders(new cdk.App(), 'Orders');\n",
        },
        { path: 'svc/lib/stack.ts', text: STACK },
        {
          path: 'svc/scripts/stages.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nimport { STAGES } from '../lib/app';\nconsole.log(STAGES, cdk.Duration.days(1));\n",
        },
      ],
      RULES,
    );
    expect(brief(script)).toEqual(['ENC-003 svc/lib/stack.ts:6 Jobs']);
    expect(script.programs?.filter(program => program.partlyRead)).toEqual([]);
    expect(script.skipped).toEqual([]);
  });

  it('reads the cloud assembly of an app without a cdk.json instead of its source, and the source of one without', () => {
    const template = JSON.stringify({
      Resources: {
        Jobs1A2B: {
          Type: 'AWS::SQS::Queue',
          Properties: { SqsManagedSseEnabled: false },
          Metadata: { 'aws:cdk:path': 'Orders/Jobs' },
        },
      },
    });
    const report = scanFiles(
      [
        { path: 'svc/package.json', text: PACKAGE_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: STACK },
        { path: 'svc/cdk.out/Orders.template.json', text: template },
        { path: 'billing/package.json', text: PACKAGE_JSON },
        { path: 'billing/bin/app.ts', text: APP },
        { path: 'billing/lib/stack.ts', text: STACK },
      ],
      RULES,
    );
    expect(report.programs?.map(program => program.main)).toEqual([
      'billing/bin/app.ts',
    ]);
    expect(report.files.map(file => file.path)).toEqual([
      'billing/bin/app.ts',
      'billing/lib/stack.ts',
      'svc/cdk.out/Orders.template.json',
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('says it did not read the AWS CDK code of no app, but reads a library an app imports', () => {
    const report = scanFiles(
      [
        { path: 'constructs/lib/queue.ts', text: STACK },
        { path: 'constructs/test/queue.test.ts', text: TEST },
        // A cdktf module imports `constructs` too: not the AWS CDK's.
        {
          path: 'tf/main.ts',
          text: "import { Construct } from 'constructs';\nimport { App } from 'cdktf';\nnew App();\n",
        },
      ],
      RULES,
    );
    expect(report.programs).toEqual([]);
    expect(report.skipped).toEqual([
      {
        path: 'constructs/lib/queue.ts',
        reason:
          'AWS CDK code of no app found (no cdk.json above it, and no module that creates a CDK App imports it): not read',
      },
    ]);
    const imported = scanFiles(
      [
        { path: 'shared/stack.ts', text: STACK },
        { path: 'svc/package.json', text: PACKAGE_JSON },
        {
          path: 'svc/bin/app.ts',
          text: APP.replace('../lib/stack', '../../shared/stack'),
        },
      ],
      RULES,
    );
    expect(imported.skipped).toEqual([]);
    expect(brief(imported)).toEqual(['ENC-003 shared/stack.ts:6 Jobs']);
  });

  it('leaves the AWS CDK code of a Pulumi program (@pulumi/cdk) to Pulumi', () => {
    const report = scanFiles(
      [
        { path: 'infra/Pulumi.yaml', text: 'name: infra\nruntime: nodejs\n' },
        {
          path: 'infra/index.ts',
          text: "import * as pulumicdk from '@pulumi/cdk';\nimport * as sqs from 'aws-cdk-lib/aws-sqs';\nclass Queues extends pulumicdk.Stack {\n  constructor(app: pulumicdk.App, id: string) {\n    super(app, id);\n    new sqs.Queue(this, 'Jobs');\n  }\n}\nnew pulumicdk.App('app', scope => new Queues(scope, 'queues'));\n",
        },
      ],
      RULES,
    );
    expect(report.skipped.map(file => file.path)).toEqual([
      'infra/Pulumi.yaml',
    ]);
  });

  it('finds apps on disk, not in node_modules, whatever the CLI is given', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-cdk-apps-'));
    try {
      const write = (relative: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, relative)), {
          recursive: true,
        });
        fs.writeFileSync(path.join(root, relative), text);
      };
      write('svc/package.json', PACKAGE_JSON);
      write('svc/bin/app.ts', APP);
      write('svc/lib/stack.ts', STACK);
      write('svc/node_modules/tool/bin/app.ts', APP);
      write('svc/node_modules/tool/lib/stack.ts', STACK);
      const report = await scanPath(root, { rules: ['ENC-003'] });
      expect(
        report.findings.map(f => `${f.ruleId} ${f.file}:${f.line}`),
      ).toEqual(['ENC-003 svc/lib/stack.ts:6']);
      expect(report.programs?.map(program => program.main)).toEqual([
        'svc/bin/app.ts',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('appCreation', () => {
  const creates = (text: string, file = 'bin/app.ts') =>
    appCreation({ path: file, text }) !== undefined;

  it('knows the App of aws-cdk-lib and @aws-cdk/core however it is imported', () => {
    expect(
      creates(
        "import * as cdk from 'aws-cdk-lib';\nconst app = new cdk.App();",
      ),
    ).toBe(true);
    expect(creates("import cdk from '@aws-cdk/core';\nnew cdk.App();")).toBe(
      true,
    );
    expect(
      creates(
        "import { App, Stack } from 'aws-cdk-lib';\nnew App({ context: {} });",
      ),
    ).toBe(true);
    expect(
      creates(
        "import { App as CdkApp } from 'aws-cdk-lib';\nfunction main() { return new CdkApp(); }\nmain();",
      ),
    ).toBe(true);
    expect(
      creates("import cdk = require('@aws-cdk/core');\nnew cdk.App();"),
    ).toBe(true);
    expect(
      creates(
        "const cdk = require('aws-cdk-lib');\nnew cdk.App();",
        'bin/app.js',
      ),
    ).toBe(true);
    expect(
      creates(
        "const { App } = require('aws-cdk-lib');\nnew App();",
        'bin/app.js',
      ),
    ).toBe(true);
  });

  it('knows no other App, nor one written in a comment or a text', () => {
    expect(
      creates(
        "import * as cdk from 'aws-cdk-lib';\n/** @example const app = new cdk.App(); */\nexport class Orders extends cdk.Stack {}",
      ),
    ).toBe(false);
    expect(
      creates(
        "import * as cdk from 'aws-cdk-lib';\nconst usage = 'new cdk.App()';",
      ),
    ).toBe(false);
    expect(
      creates(
        "import { App } from 'cdktf';\nimport * as cdk from 'aws-cdk-lib';\nnew App();",
      ),
    ).toBe(false);
    expect(creates("import { App } from 'cdk8s';\nnew App();")).toBe(false);
    expect(
      creates(
        "import * as cdk from 'aws-cdk-lib';\nimport { App } from './app';\nnew App(); new cdk.Stack();",
      ),
    ).toBe(false);
    expect(
      creates("import * as cdk from 'aws-cdk-lib';\nnew cdk.Stage();"),
    ).toBe(false);
  });

  it('tells an App made as the module runs from one made only in a function', () => {
    const where = (text: string) =>
      appCreation({
        path: 'lib/app.ts',
        text: `import * as cdk from 'aws-cdk-lib';\n${text}`,
      });
    expect(
      where(
        'const app = new cdk.App();\nexport function tag() { return new cdk.App(); }',
      ),
    ).toBe('module');
    expect(
      where(
        'export function build() { return new cdk.App(); }\nexport const other = () => new cdk.App();',
      ),
    ).toBe('function');
    expect(where('class Factory { make() { return new cdk.App(); } }')).toBe(
      'function',
    );
    // A field's initializer runs as the class is instantiated; a static field's, as the module runs.
    expect(where('export class Infra { readonly app = new cdk.App(); }')).toBe(
      'function',
    );
    expect(
      where('export class Infra { static readonly app = new cdk.App(); }'),
    ).toBe('module');
    expect(where('new cdk.Stack();')).toBeUndefined();
  });
});

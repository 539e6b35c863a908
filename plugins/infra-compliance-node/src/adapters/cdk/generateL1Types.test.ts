import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { l1Tables, readL1s } from '../../../scripts/generate-cdk-l1-types';

/** The script that writes l1Types.ts, on a package laid out as aws-cdk-lib is: a module per subpath of its exports. */
describe('scripts/generate-cdk-l1-types', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'aws-cdk-lib-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** Each module's classes, by name: the type each names in its CFN_RESOURCE_TYPE_NAME, or none. */
  const writePackage = (modules: Record<string, Record<string, string | undefined>>, root = directory) => {
    const exports: Record<string, string> = { './package.json': './package.json', './.jsii': './.jsii' };
    for (const [module, classes] of Object.entries(modules)) {
      const folder = path.join(root, module);
      mkdirSync(folder, { recursive: true });
      const lines = Object.entries(classes).map(([name, type]) =>
        `exports.${name} = class ${name} {${type === undefined ? '' : ` static CFN_RESOURCE_TYPE_NAME = '${type}';`}};`,
      );
      writeFileSync(path.join(folder, 'index.js'), `${lines.join('\n')}\nexports.CfnTagProps = {};\n`);
      exports[module === '' ? '.' : `./${module}`] = module === '' ? './index.js' : `./${module}/index.js`;
    }
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'aws-cdk-lib', version: '2.278.0', main: 'index.js', exports }));
  };

  it('reads the type of each Cfn class of each module, and names each module by the namespace of most of its L1s', () => {
    writePackage({
      '': { CfnStack: 'AWS::CloudFormation::Stack', CfnOutput: undefined, Stack: undefined },
      'aws-sqs': { CfnQueue: 'AWS::SQS::Queue', CfnQueuePolicy: 'AWS::SQS::QueuePolicy', Queue: undefined },
      'aws-lambda': { CfnFunction: 'AWS::Lambda::Function', CfnParametersCode: undefined },
      'aws-kinesisanalytics': {
        CfnApplication: 'AWS::KinesisAnalytics::Application',
        CfnApplicationV2: 'AWS::KinesisAnalyticsV2::Application',
        CfnApplicationOutputV2: 'AWS::KinesisAnalyticsV2::ApplicationOutput',
      },
      'aws-lambda-nodejs': { NodejsFunction: undefined },
    });
    const { version, modules } = readL1s(directory);
    expect(version).toBe('2.278.0');
    // A module without L1s is left out.
    expect([...modules.keys()]).toEqual(['', 'aws-kinesisanalytics', 'aws-lambda', 'aws-sqs']);
    const { namespaces, exceptions, l1s } = l1Tables(modules);
    expect(l1s).toBe(7);
    expect([...namespaces]).toEqual([
      ['aws-kinesisanalytics', 'AWS::KinesisAnalyticsV2'],
      ['aws-lambda', 'AWS::Lambda'],
      ['aws-sqs', 'AWS::SQS'],
    ]);
    expect([...exceptions]).toEqual([
      ['.CfnStack', 'AWS::CloudFormation::Stack'],
      ['aws-kinesisanalytics.CfnApplication', 'AWS::KinesisAnalytics::Application'],
      ['aws-kinesisanalytics.CfnApplicationOutputV2', 'AWS::KinesisAnalyticsV2::ApplicationOutput'],
      ['aws-kinesisanalytics.CfnApplicationV2', 'AWS::KinesisAnalyticsV2::Application'],
      ['aws-lambda.CfnParametersCode', null],
    ]);
  });

  it('stops at a type that is not a CloudFormation type, and at a package with no L1', () => {
    writePackage({ 'aws-sqs': { CfnQueue: 'Queue' } });
    expect(() => readL1s(directory)).toThrow('aws-sqs.CfnQueue: unexpected CFN_RESOURCE_TYPE_NAME Queue');
    // Another package: a module once required is not read again.
    const other = path.join(directory, 'other');
    writePackage({ 'aws-sqs': { Queue: undefined } }, other);
    expect(() => readL1s(other)).toThrow('no L1 classes');
  });
});

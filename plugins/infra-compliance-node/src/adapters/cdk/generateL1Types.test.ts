import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  l1PropertyTable,
  l1Tables,
  generatedSources,
  readL1Props,
  readL1TagManagers,
  readL1TagProperties,
  readL1s,
} from '../../../scripts/generate-cdk-l1-types';
import { runGeneratedModule } from '../../testing/generatedModule';

/** The script that writes l1Types.ts, on a package laid out as aws-cdk-lib is: a module per subpath of its exports. */
describe('scripts/generate-cdk-l1-types', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'aws-cdk-lib-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** Each module's classes, by name: the type each names in its CFN_RESOURCE_TYPE_NAME, or none. */
  const writePackage = (
    modules: Record<string, Record<string, string | undefined>>,
    root = directory,
  ) => {
    const exports: Record<string, string> = {
      './package.json': './package.json',
      './.jsii': './.jsii',
    };
    for (const [module, classes] of Object.entries(modules)) {
      const folder = path.join(root, module);
      mkdirSync(folder, { recursive: true });
      const lines = Object.entries(classes).map(
        ([name, type]) =>
          `exports.${name} = class ${name} {${
            type === undefined
              ? ''
              : ` static CFN_RESOURCE_TYPE_NAME = '${type}';`
          }};`,
      );
      writeFileSync(
        path.join(folder, 'index.js'),
        `${lines.join('\n')}\nexports.CfnTagProps = {};\n`,
      );
      exports[module === '' ? '.' : `./${module}`] =
        module === '' ? './index.js' : `./${module}/index.js`;
    }
    writeFileSync(
      path.join(root, 'package.json'),
      JSON.stringify({
        name: 'aws-cdk-lib',
        version: '2.278.0',
        main: 'index.js',
        exports,
      }),
    );
  };

  it('reads the type of each Cfn class of each module, and names each module by the namespace of most of its L1s', () => {
    writePackage({
      '': {
        CfnStack: 'AWS::CloudFormation::Stack',
        CfnOutput: undefined,
        Stack: undefined,
      },
      'aws-sqs': {
        CfnQueue: 'AWS::SQS::Queue',
        CfnQueuePolicy: 'AWS::SQS::QueuePolicy',
        Queue: undefined,
      },
      'aws-lambda': {
        CfnFunction: 'AWS::Lambda::Function',
        CfnParametersCode: undefined,
      },
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
    expect([...modules.keys()]).toEqual([
      '',
      'aws-kinesisanalytics',
      'aws-lambda',
      'aws-sqs',
    ]);
    const { namespaces, exceptions, l1s } = l1Tables(modules);
    expect(l1s).toBe(7);
    expect([...namespaces]).toEqual([
      ['aws-kinesisanalytics', 'AWS::KinesisAnalyticsV2'],
      ['aws-lambda', 'AWS::Lambda'],
      ['aws-sqs', 'AWS::SQS'],
    ]);
    expect([...exceptions]).toEqual([
      ['.CfnStack', 'AWS::CloudFormation::Stack'],
      [
        'aws-kinesisanalytics.CfnApplication',
        'AWS::KinesisAnalytics::Application',
      ],
      [
        'aws-kinesisanalytics.CfnApplicationOutputV2',
        'AWS::KinesisAnalyticsV2::ApplicationOutput',
      ],
      [
        'aws-kinesisanalytics.CfnApplicationV2',
        'AWS::KinesisAnalyticsV2::Application',
      ],
      ['aws-lambda.CfnParametersCode', null],
    ]);
  });

  it('stops at a type that is not a CloudFormation type, and at a package with no L1', () => {
    writePackage({ 'aws-sqs': { CfnQueue: 'Queue' } });
    expect(() => readL1s(directory)).toThrow(
      'aws-sqs.CfnQueue: unexpected CFN_RESOURCE_TYPE_NAME Queue',
    );
    // Another package: a module once required is not read again.
    const other = path.join(directory, 'other');
    writePackage({ 'aws-sqs': { Queue: undefined } }, other);
    expect(() => readL1s(other)).toThrow('no L1 classes');
  });

  /**
   * A module's generated file (core's in core/lib): of each converter, by name, its props, each as
   * `[property, converter]` (`['SSEEnabled', 'cdk().booleanToCloudFormation']`), as aws-cdk-lib writes them.
   */
  const writeConverters = (
    module: string,
    converters: Record<string, Record<string, [string, string]>>,
  ) => {
    const lib = path.join(directory, module || 'core', 'lib');
    mkdirSync(lib, { recursive: true });
    const functions = Object.entries(converters).map(([name, props]) => {
      const object = Object.entries(props).map(
        ([prop, [property, converter]]) =>
          `${property}:${converter}(properties.${prop})`,
      );
      const validator = name.replace(
        /^convert(\w+)ToCloudFormation$/,
        '$1Validator',
      );
      return `function ${name}(properties){return cdk().canInspect(properties)?(${validator}(properties).assertSuccess(),{${object.join(
        ',',
      )}}):properties}`;
    });
    writeFileSync(
      path.join(lib, `${module || 'cloudformation'}.generated.js`),
      `"use strict";${functions.join('')}`,
    );
  };
  const STRING = 'cdk().stringToCloudFormation';
  const BOOLEAN = 'cdk().booleanToCloudFormation';
  const TAGS = 'cdk().listMapper(cdk().cfnTagToCloudFormation)';

  it('reads the properties of each L1 and of its property types from their converters, and lists those not capitalised', () => {
    writePackage({
      '': { CfnStack: 'AWS::CloudFormation::Stack' },
      'aws-dynamodb': { CfnTable: 'AWS::DynamoDB::Table' },
      'aws-events': { CfnRule: 'AWS::Events::Rule' },
      'aws-s3': { CfnBucket: 'AWS::S3::Bucket' },
      'aws-sqs': { CfnQueue: 'AWS::SQS::Queue' },
      'aws-sam': { CfnFunction: 'AWS::Serverless::Function' },
    });
    writeConverters('', {
      convertCfnStackPropsToCloudFormation: {
        templateUrl: ['TemplateURL', STRING],
        parameters: ['Parameters', `cdk().hashMapper(${STRING})`],
        tags: ['Tags', TAGS],
      },
    });
    writeConverters('aws-dynamodb', {
      convertCfnTablePropsToCloudFormation: {
        keySchema: [
          'KeySchema',
          'cdk().listMapper(convertCfnTableKeySchemaPropertyToCloudFormation)',
        ],
        resourcePolicy: [
          'ResourcePolicy',
          'convertCfnTableResourcePolicyPropertyToCloudFormation',
        ],
        sseSpecification: [
          'SSESpecification',
          'convertCfnTableSSESpecificationPropertyToCloudFormation',
        ],
        tags: ['Tags', TAGS],
      },
      convertCfnTableKeySchemaPropertyToCloudFormation: {
        attributeName: ['AttributeName', STRING],
        keyType: ['KeyType', STRING],
      },
      convertCfnTableResourcePolicyPropertyToCloudFormation: {
        policyDocument: ['PolicyDocument', 'cdk().objectToCloudFormation'],
      },
      convertCfnTableSSESpecificationPropertyToCloudFormation: {
        kmsMasterKeyId: ['KMSMasterKeyId', STRING],
        sseEnabled: ['SSEEnabled', BOOLEAN],
        sseType: ['SSEType', STRING],
      },
    });
    writeConverters('aws-events', {
      convertCfnRulePropsToCloudFormation: {
        eventPattern: ['EventPattern', 'cdk().eventPatternToCloudFormation'],
        state: ['State', STRING],
      },
    });
    writeConverters('aws-s3', {
      convertCfnBucketPropsToCloudFormation: {
        bucketEncryption: [
          'BucketEncryption',
          'convertCfnBucketBucketEncryptionPropertyToCloudFormation',
        ],
        replicationConfiguration: [
          'ReplicationConfiguration',
          'convertCfnBucketReplicationConfigurationPropertyToCloudFormation',
        ],
        metadata: [
          'Metadata',
          'cdk().hashMapper(convertCfnBucketMetadataEntryPropertyToCloudFormation)',
        ],
        notification: [
          'Notification',
          'convertCfnBucketNotificationPropertyToCloudFormation',
        ],
        filter: [
          'Filter',
          `cdk().unionMapper([CfnBucketFilterPropertyValidator,cdk().validateString],[convertCfnBucketFilterPropertyToCloudFormation,${STRING}])`,
        ],
      },
      convertCfnBucketBucketEncryptionPropertyToCloudFormation: {
        serverSideEncryptionConfiguration: [
          'ServerSideEncryptionConfiguration',
          'cdk().listMapper(convertCfnBucketServerSideEncryptionRulePropertyToCloudFormation)',
        ],
      },
      convertCfnBucketServerSideEncryptionRulePropertyToCloudFormation: {
        serverSideEncryptionByDefault: [
          'ServerSideEncryptionByDefault',
          'convertCfnBucketServerSideEncryptionByDefaultPropertyToCloudFormation',
        ],
      },
      convertCfnBucketServerSideEncryptionByDefaultPropertyToCloudFormation: {
        kmsMasterKeyId: ['KMSMasterKeyID', STRING],
        sseAlgorithm: ['SSEAlgorithm', STRING],
      },
      // kmsMasterKeyId capitalised here, as often as not: KMSMasterKeyID above is told apart by what holds it.
      convertCfnBucketReplicationConfigurationPropertyToCloudFormation: {
        kmsMasterKeyId: ['KmsMasterKeyId', STRING],
        role: ['Role', STRING],
      },
      convertCfnBucketMetadataEntryPropertyToCloudFormation: {
        arn: ['ARN', STRING],
      },
      // A property type without props is `{}` however it is read.
      convertCfnBucketNotificationPropertyToCloudFormation: {},
      convertCfnBucketFilterPropertyToCloudFormation: {
        sseAlgorithm: ['SSEAlgorithm', STRING],
        prefix: ['Prefix', STRING],
      },
    });
    writeConverters('aws-sqs', {
      convertCfnQueuePropsToCloudFormation: {
        kmsMasterKeyId: ['KmsMasterKeyId', STRING],
        redrivePolicy: ['RedrivePolicy', 'cdk().objectToCloudFormation'],
      },
    });
    // SAM's are not read: its unions of property types are unlike any other's.
    writeConverters('aws-sam', {
      convertCfnFunctionPropsToCloudFormation: {
        policies: [
          'Policies',
          'cdk().unionMapper([V1,V2],[convertCfnFunctionIAMPolicyDocumentPropertyToCloudFormation,convertCfnFunctionSAMPolicyTemplatePropertyToCloudFormation])',
        ],
      },
      convertCfnFunctionIAMPolicyDocumentPropertyToCloudFormation: {
        statement: ['Statement', 'cdk().objectToCloudFormation'],
      },
      convertCfnFunctionSAMPolicyTemplatePropertyToCloudFormation: {
        sqsPollerPolicy: ['SQSPollerPolicy', 'cdk().objectToCloudFormation'],
      },
    });
    const { modules } = readL1s(directory);
    const types = readL1Props(directory, modules);
    expect(
      types.get('AWS::DynamoDB::Table.SSESpecification')!.get('kmsMasterKeyId'),
    ).toEqual({ name: 'KMSMasterKeyId', shape: { kind: 'value' } });
    expect(types.get('AWS::S3::Bucket')!.get('metadata')!.shape).toEqual({
      kind: 'map',
      of: { kind: 'struct', type: 'AWS::S3::Bucket.MetadataEntry' },
    });
    expect(
      [...types.keys()].filter(type => type.startsWith('AWS::Serverless::')),
    ).toEqual([]);
    const { table, ambiguous } = l1PropertyTable(types);
    expect(
      Object.fromEntries(
        [...table].map(([type, props]) => [type, Object.fromEntries(props)]),
      ),
    ).toEqual({
      'AWS::CloudFormation::Stack': {
        parameters: { read: 'verbatim' },
        templateUrl: 'TemplateURL',
      },
      'AWS::DynamoDB::Table': {
        kmsMasterKeyId: 'KMSMasterKeyId',
        policyDocument: { read: 'verbatim' },
        sseEnabled: 'SSEEnabled',
        sseSpecification: 'SSESpecification',
        sseType: 'SSEType',
      },
      'AWS::Events::Rule': { eventPattern: { read: 'eventPattern' } },
      'AWS::S3::Bucket': {
        arn: 'ARN',
        metadata: { read: 'map' },
        'serverSideEncryptionByDefault.kmsMasterKeyId': 'KMSMasterKeyID',
        sseAlgorithm: 'SSEAlgorithm',
      },
      'AWS::SQS::Queue': { redrivePolicy: { read: 'verbatim' } },
    });
    expect(ambiguous).toEqual([]);
  });

  it("reads the property an L1's TagManager renders its tags in, where it is not Tags", () => {
    writePackage({
      'aws-cognito': { CfnUserPool: 'AWS::Cognito::UserPool' },
      'aws-sqs': { CfnQueue: 'AWS::SQS::Queue' },
      'aws-sam': { CfnFunction: 'AWS::Serverless::Function' },
    });
    writeConverters('aws-cognito', {
      convertCfnUserPoolPropsToCloudFormation: {
        userPoolName: ['UserPoolName', STRING],
        userPoolTags: ['UserPoolTags', `cdk().hashMapper(${STRING})`],
      },
    });
    writeConverters('aws-sqs', {
      convertCfnQueuePropsToCloudFormation: { tags: ['Tags', TAGS] },
    });
    writeConverters('aws-sam', {
      convertCfnFunctionPropsToCloudFormation: {
        tags: ['Tags', `cdk().hashMapper(${STRING})`],
      },
    });
    // Their constructors, as aws-cdk-lib writes them; SAM's, whose props are not read, is left out.
    const constructor = (
      module: string,
      type: string,
      prop: string,
      kind = 'STANDARD',
    ) =>
      appendFileSync(
        path.join(directory, module, 'lib', `${module}.generated.js`),
        `this.tags=new(cdk()).TagManager(cdk().TagType.${kind},"${type}",props.${prop},{tagPropertyName:"${prop}"}),this._x=props.x;`,
      );
    constructor('aws-cognito', 'AWS::Cognito::UserPool', 'userPoolTags', 'MAP');
    constructor('aws-sqs', 'AWS::SQS::Queue', 'tags');
    constructor('aws-sam', 'AWS::Serverless::Function', 'tags', 'MAP');
    const { modules } = readL1s(directory);
    const types = readL1Props(directory, modules);
    expect([...readL1TagProperties(directory, modules, types)]).toEqual([
      ['AWS::Cognito::UserPool', 'UserPoolTags'],
    ]);
    // A prop its converter does not convert.
    constructor('aws-sqs', 'AWS::SQS::Queue', 'queueTags');
    expect(() => readL1TagProperties(directory, modules, types)).toThrow(
      'aws-sqs: AWS::SQS::Queue has no prop queueTags for its tags',
    );
  });

  it('reads when the TagManager of each L1 that has one takes the tags of its props: when made, or when rendered (an ITaggableV2)', () => {
    writePackage({
      'aws-sqs': { CfnQueue: 'AWS::SQS::Queue' },
      'aws-cloudwatch': { CfnAlarm: 'AWS::CloudWatch::Alarm' },
      'aws-dynamodb': { CfnGlobalTable: 'AWS::DynamoDB::GlobalTable' },
    });
    // Their constructors, as aws-cdk-lib writes them: an ITaggable's TagManager given the tags, an ITaggableV2's none; a global table has none.
    const constructor = (module: string, text: string) => {
      mkdirSync(path.join(directory, module, 'lib'), { recursive: true });
      appendFileSync(
        path.join(directory, module, 'lib', `${module}.generated.js`),
        text,
      );
    };
    constructor(
      'aws-sqs',
      'this.tags=new(cdk()).TagManager(cdk().TagType.STANDARD,"AWS::SQS::Queue",props.tags,{tagPropertyName:"tags"}),this._x=props.x;',
    );
    constructor(
      'aws-cloudwatch',
      'this.cdkTagManager=new(cdk()).TagManager(cdk().TagType.STANDARD,"AWS::CloudWatch::Alarm",void 0,{tagPropertyName:"tags"}),this._tags=props.tags;',
    );
    constructor(
      'aws-dynamodb',
      'this._replicas=props.replicas,this._sseSpecification=props.sseSpecification;',
    );
    const { modules } = readL1s(directory);
    expect([...readL1TagManagers(directory, modules)]).toEqual([
      ['AWS::CloudWatch::Alarm', 'merged'],
      ['AWS::SQS::Queue', 'initial'],
    ]);
    // An ITaggableV2's TagManager given tags when made: not as aws-cdk-lib writes it.
    constructor(
      'aws-cloudwatch',
      'this.cdkTagManager=new(cdk()).TagManager(cdk().TagType.STANDARD,"AWS::CloudWatch::CompositeAlarm",props.tags,{tagPropertyName:"tags"});',
    );
    expect(() => readL1TagManagers(directory, modules)).toThrow(
      'aws-cloudwatch: unexpected TagManager of AWS::CloudWatch::CompositeAlarm',
    );
  });

  it('writes l1Types.ts and taggableTypes.ts: their tables as JSON text, an entry a line, each made the first time it is read', () => {
    writePackage({
      '': { CfnStack: 'AWS::CloudFormation::Stack' },
      'aws-cognito': { CfnUserPool: 'AWS::Cognito::UserPool' },
      'aws-lambda': {
        CfnParametersCode: undefined,
        CfnFunction: 'AWS::Lambda::Function',
      },
    });
    writeConverters('', {
      convertCfnStackPropsToCloudFormation: {
        templateUrl: ['TemplateURL', STRING],
      },
    });
    writeConverters('aws-lambda', {
      convertCfnFunctionPropsToCloudFormation: {
        environment: [
          'Environment',
          'convertCfnFunctionEnvironmentPropertyToCloudFormation',
        ],
        tags: ['Tags', TAGS],
      },
      convertCfnFunctionEnvironmentPropertyToCloudFormation: {
        variables: ['Variables', `cdk().hashMapper(${STRING})`],
      },
    });
    appendFileSync(
      path.join(directory, 'aws-lambda', 'lib', 'aws-lambda.generated.js'),
      'this.cdkTagManager=new(cdk()).TagManager(cdk().TagType.STANDARD,"AWS::Lambda::Function",void 0,{tagPropertyName:"tags"}),this._x=props.x;',
    );
    writeConverters('aws-cognito', {
      convertCfnUserPoolPropsToCloudFormation: {
        userPoolTags: ['UserPoolTags', `cdk().hashMapper(${STRING})`],
      },
    });
    appendFileSync(
      path.join(directory, 'aws-cognito', 'lib', 'aws-cognito.generated.js'),
      'this.tags=new(cdk()).TagManager(cdk().TagType.MAP,"AWS::Cognito::UserPool",props.userPoolTags,{tagPropertyName:"userPoolTags"}),this._x=props.x;',
    );
    const { l1Types: source, taggableTypes } = generatedSources(directory);
    expect(source).toContain(
      'export const l1Namespaces = lookupTableOfJson<string>(`{\n  "aws-cognito": "AWS::Cognito",\n  "aws-lambda": "AWS::Lambda"\n}`);\n',
    );
    // Read as the adapter reads them, the same tables the generator made.
    const parse = jest.spyOn(JSON, 'parse');
    const tables = runGeneratedModule(source) as Record<
      string,
      () => Record<string, unknown>
    >;
    expect(parse).not.toHaveBeenCalled();
    expect(Object.entries(tables.l1Exceptions())).toEqual([
      ['.CfnStack', 'AWS::CloudFormation::Stack'],
      ['aws-lambda.CfnParametersCode', null],
    ]);
    expect(tables.l1Exceptions()).toBe(tables.l1Exceptions());
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    expect(Object.getPrototypeOf(tables.l1Exceptions())).toBeNull();
    expect(Object.entries(tables.l1PropertyNames())).toEqual([
      ['AWS::CloudFormation::Stack', { templateUrl: 'TemplateURL' }],
      ['AWS::Cognito::UserPool', { userPoolTags: { read: 'verbatim' } }],
      ['AWS::Lambda::Function', { variables: { read: 'verbatim' } }],
    ]);
    expect(Object.entries(tables.l1TagManagers())).toEqual([
      ['AWS::Cognito::UserPool', 'initial'],
      ['AWS::Lambda::Function', 'merged'],
    ]);
    // Every type that takes tags, with the property holding them, for the rules.
    const taggable = runGeneratedModule(taggableTypes) as Record<
      string,
      () => Record<string, unknown>
    >;
    expect(Object.entries(taggable.taggableTypes())).toEqual([
      ['AWS::Cognito::UserPool', 'UserPoolTags'],
      ['AWS::Lambda::Function', 'Tags'],
    ]);
  });

  it('tells a prop that is more than one property where what holds it cannot tell them apart, and stops at a converter it does not know', () => {
    writePackage({ 'aws-lambda': { CfnFunction: 'AWS::Lambda::Function' } });
    writeConverters('aws-lambda', {
      convertCfnFunctionPropsToCloudFormation: {
        source: [
          'Source',
          `cdk().unionMapper([V1,V2],[convertCfnFunctionS3SourcePropertyToCloudFormation,convertCfnFunctionImageSourcePropertyToCloudFormation])`,
        ],
        kmsKeyArn: ['KMSKeyArn', STRING],
      },
      convertCfnFunctionS3SourcePropertyToCloudFormation: {
        config: ['Config', 'cdk().objectToCloudFormation'],
        kmsKeyArn: ['KmsKeyArn', STRING],
      },
      convertCfnFunctionImageSourcePropertyToCloudFormation: {
        config: ['Config', 'convertCfnFunctionConfigPropertyToCloudFormation'],
      },
      convertCfnFunctionConfigPropertyToCloudFormation: {
        uri: ['URI', STRING],
      },
    });
    const { modules } = readL1s(directory);
    const { table, ambiguous } = l1PropertyTable(
      readL1Props(directory, modules),
    );
    // As often one as the other: capitalised, the other by what holds it (the resource: '').
    expect(Object.fromEntries(table.get('AWS::Lambda::Function')!)).toEqual({
      '.kmsKeyArn': 'KMSKeyArn',
      uri: 'URI',
    });
    // Both held by `source`: read as the most common, capitalised.
    expect(ambiguous).toEqual(['AWS::Lambda::Function source.config']);
    writeConverters('aws-lambda', {
      convertCfnFunctionPropsToCloudFormation: {
        code: ['Code', 'cdk().codeToCloudFormation'],
      },
    });
    expect(() => readL1Props(directory, modules)).toThrow(
      'convertCfnFunctionPropsToCloudFormation: unexpected converter cdk().codeToCloudFormation',
    );
  });
});

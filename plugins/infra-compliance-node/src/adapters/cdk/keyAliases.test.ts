/**
 * KMS key aliases as `cdk synth` writes them (aws-cdk-lib 2.278.0, aws-kms/lib/alias.ts and key.ts): an
 * AWS::KMS::Alias naming its key; a queue, a topic or a bucket given an alias as its key is encrypted with the alias's
 * ARN, and their grants grant on the key the alias names; an alias imported by name (`Alias.fromAliasName`) grants
 * nothing, one imported by its attributes (`Alias.fromAliasAttributes`) on the key they name; a key imported by ARN
 * has the aliases its addAlias makes.
 */
import { Ref, concat, Unknown } from '../../graph/values';
import {
  cdkStackFindingRows,
  cdkStackGraph,
  cdkStackSource,
} from '../../testing/programScans';

const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda'; import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs'; import * as sns from 'aws-cdk-lib/aws-sns'; import * as s3 from 'aws-cdk-lib/aws-s3';
import * as kinesis from 'aws-cdk-lib/aws-kinesis'; import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as kms from 'aws-cdk-lib/aws-kms'; import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };`,
    body,
  );

/** The ARN synth writes for the alias of `name` (`Stack.formatArn({ service: 'kms', resource: name })`). */
const aliasArn = (name: string) =>
  concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':kms:',
    Unknown.oneValue('AWS::Region'),
    ':',
    Unknown.oneValue('AWS::AccountId'),
    ':',
    name,
  ]);

describe('CDK key aliases', () => {
  it('are AWS::KMS::Alias resources naming their key: made with new Alias, addAlias (Alias, then Alias<name>) or the key\'s alias prop, "alias/" put before a name without it', () => {
    const graph = cdkStackGraph(
      stack(`    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    key.addAlias('alias/orders');
    key.addAlias('jobs');
    new kms.Alias(this, 'A', { aliasName: 'audit', targetKey: key });
    new kms.Key(this, 'Other', { enableKeyRotation: true, alias: 'alias/other' });`),
    );
    expect(
      graph
        .ofType('AWS::KMS::Alias')
        .map(r => [r.id, r.properties.AliasName, r.properties.TargetKeyId]),
    ).toEqual([
      ['Key/Alias', 'alias/orders', new Ref('Key', 'Arn')],
      ['Key/Aliasjobs', 'alias/jobs', new Ref('Key', 'Arn')],
      ['A', 'alias/audit', new Ref('Key', 'Arn')],
      ['Other/Alias', 'alias/other', new Ref('Other', 'Arn')],
    ]);
  });

  it("encrypt a queue, a topic, a bucket, a stream, a log group and a secret given an alias with the alias's ARN; their grants and the alias's own grant on the key it names, an imported alias's nothing", () => {
    const graph = cdkStackGraph(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const added = key.addAlias('alias/orders');
    const alias = new kms.Alias(this, 'A', { aliasName: 'alias/jobs', targetKey: key });
    const imported = kms.Alias.fromAliasName(this, 'Imported', 'alias/imported');
    new sqs.Queue(this, 'Orders', { encryptionMasterKey: added }).grantConsumeMessages(fn);
    new sqs.Queue(this, 'Audit', { encryptionMasterKey: imported }).grantSendMessages(fn);
    new sns.Topic(this, 'Events', { masterKey: alias }).grantPublish(fn);
    new s3.Bucket(this, 'Files', { encryptionKey: alias }).grantRead(fn);
    new logs.LogGroup(this, 'Logs', { encryptionKey: alias });
    new kinesis.Stream(this, 'Stream', { encryptionKey: imported }).grantRead(fn);
    new secretsmanager.Secret(this, 'Secret', { encryptionKey: alias });
    alias.grantEncrypt(fn);
    imported.grantEncrypt(fn);
    new cdk.CfnOutput(this, 'Name', { value: alias.aliasName });
    new cdk.CfnOutput(this, 'Arn', { value: alias.keyArn });`),
    );
    expect(graph.get('Orders')!.properties.KmsMasterKeyId).toEqual(
      aliasArn('alias/orders'),
    );
    expect(graph.get('Audit')!.properties.KmsMasterKeyId).toEqual(
      aliasArn('alias/imported'),
    );
    expect(graph.get('Events')!.properties.KmsMasterKeyId).toEqual(
      aliasArn('alias/jobs'),
    );
    expect(graph.get('Files')!.properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: aliasArn('alias/jobs'),
          },
        },
      ],
    });
    expect(
      ['Logs', 'Secret'].map(id => graph.get(id)!.properties.KmsKeyId),
    ).toEqual([aliasArn('alias/jobs'), aliasArn('alias/jobs')]);
    expect(graph.get('Stream')!.properties.StreamEncryption).toEqual({
      EncryptionType: 'KMS',
      KeyId: aliasArn('alias/imported'),
    });
    const statements = (
      graph.get('Fn/ServiceRole/DefaultPolicy')!.properties.PolicyDocument as {
        Statement: { Action: unknown; Resource: unknown }[];
      }
    ).Statement;
    expect(
      statements
        .filter(statement => String(statement.Action).startsWith('kms:'))
        .map(statement => [statement.Action, statement.Resource]),
    ).toEqual([
      [['kms:Decrypt'], new Ref('Key', 'Arn')],
      [['kms:Decrypt', 'kms:GenerateDataKey*'], new Ref('Key', 'Arn')],
      [['kms:Decrypt', 'kms:DescribeKey'], new Ref('Key', 'Arn')],
      [
        ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
        new Ref('Key', 'Arn'),
      ],
    ]);
    expect(graph.outputs.map(o => o.value)).toEqual([
      'alias/jobs',
      aliasArn('alias/jobs'),
    ]);
  });

  it("of a key imported by ARN, made with its addAlias, are AWS::KMS::Alias resources below the import naming that ARN: a topic given one is encrypted with the alias's ARN and its grants grant on the key, as synth writes it (OPS-002 finds the account in the alias)", () => {
    const text =
      stack(`    const fn = new lambda.Function(this, 'Fn', { ...props, environment: { TOPIC: 'x' } });
    const shared = kms.Key.fromKeyArn(this, 'Shared', 'arn:aws:kms:eu-west-1:111122223333:key/k1');
    const alias = shared.addAlias('alias/shared-events');
    new sns.Topic(this, 'Events', { masterKey: alias }).grantPublish(fn);`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::KMS::Alias')
        .map(r => [r.id, r.properties.AliasName, r.properties.TargetKeyId]),
    ).toEqual([
      [
        'Shared/Alias',
        'alias/shared-events',
        'arn:aws:kms:eu-west-1:111122223333:key/k1',
      ],
    ]);
    expect(graph.get('Events')!.properties.KmsMasterKeyId).toEqual(
      aliasArn('alias/shared-events'),
    );
    const statements = (
      graph.get('Fn/ServiceRole/DefaultPolicy')!.properties.PolicyDocument as {
        Statement: unknown[];
      }
    ).Statement;
    expect(statements).toHaveLength(2);
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Effect: 'Allow',
          Action: ['sns:Publish'],
          Resource: new Ref('Events'),
        },
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
        },
      ]),
    );
    expect(cdkStackFindingRows(text, ['OPS-002'])).toEqual([
      'OPS-002 Shared/Alias 12',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 13',
    ]);
  });

  it("imported by their attributes (Alias.fromAliasAttributes) encrypt with the alias's ARN and grant on the key they name, as synth writes it; one naming a key not known hands the grantee to code not known", () => {
    const graph = cdkStackGraph(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const other = new lambda.Function(this, 'Other', props);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const shared = kms.Alias.fromAliasAttributes(this, 'Shared', { aliasName: 'alias/shared', aliasTargetKey: key });
    new sqs.Queue(this, 'Jobs', { encryptionMasterKey: shared }).grantSendMessages(fn);
    shared.grantDecrypt(fn);
    const unknownKey = kms.Alias.fromAliasAttributes(this, 'Elsewhere', { aliasName: 'alias/elsewhere', aliasTargetKey: (this.node.tryGetContext('key') as kms.IKey) });
    unknownKey.grantDecrypt(other);`),
    );
    expect(graph.get('Jobs')!.properties.KmsMasterKeyId).toEqual(
      aliasArn('alias/shared'),
    );
    expect(
      (
        graph.get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual(
      expect.arrayContaining([
        {
          Effect: 'Allow',
          Action: [
            'kms:Decrypt',
            'kms:Encrypt',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
          ],
          Resource: new Ref('Key', 'Arn'),
        },
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: new Ref('Key', 'Arn'),
        },
      ]),
    );
    expect(
      (
        graph.get('Other/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([new Unknown('permissions granted by a construct not modelled')]);
  });
});

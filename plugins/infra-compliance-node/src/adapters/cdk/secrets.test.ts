/**
 * Secrets (aws-secretsmanager `Secret`) and their rotation by a function (`addRotationSchedule`,
 * `RotationSchedule`): the resources `cdk synth` writes, and the function Secrets Manager invokes synchronously.
 */
import { Ref, Unknown } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';
import { cdkAdapter } from '.';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 12. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

describe('secrets', () => {
  it('are rotated by functions Secrets Manager invokes synchronously, which an asynchronous caller still needs a DLQ for (DLQ-001)', () => {
    const text =
      stack(`    const rotation = new lambda.Function(this, 'Rotation', props);
    new sm.Secret(this, 'Db').addRotationSchedule('Rotate', { rotationLambda: rotation });
    const scheduled = new lambda.Function(this, 'Scheduled', props);
    new sm.RotationSchedule(this, 'Schedule', { secret: new sm.Secret(this, 'Api'), rotationLambda: scheduled });
    new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.LambdaFunction(scheduled)] });`);
    expect(findings(text, ['DLQ-001'])).toEqual(['DLQ-001 Scheduled 14']);
    expect(graphOf(text).get('Rotation')!.handedToCodeNotModelled).toBeFalsy();
  });

  it('are the secret, its rotation schedule, the permission and the grants synth writes', () => {
    const text =
      stack(`    const rotation = new lambda.Function(this, 'Rotation', props);
    const key = new kms.Key(this, 'Key');
    const secret = new sm.Secret(this, 'Db', { secretName: 'db', encryptionKey: key, generateSecretString: { excludePunctuation: true } });
    secret.addRotationSchedule('Rotate', { rotationLambda: rotation, automaticallyAfter: cdk.Duration.days(7), rotateImmediatelyOnUpdate: false });
    const given = new sm.Secret(this, 'Given', { secretStringValue: cdk.SecretValue.unsafePlainText('x') });
    new sm.RotationSchedule(this, 'Schedule', { secret: given, rotationLambda: rotation });
    cdk.Tags.of(given).add('team', 'a');`);
    const graph = graphOf(text);
    expect(graph.get('Db')!.properties).toEqual({
      Name: 'db',
      KmsKeyId: new Ref('Key', 'Arn'),
      GenerateSecretString: { ExcludePunctuation: true },
    });
    expect(graph.get('Given')!.properties).toEqual({
      SecretString: new Unknown('secret string'),
    });
    expect(graph.get('Db/Rotate')!.properties).toEqual({
      SecretId: new Ref('Db'),
      RotationLambdaARN: new Ref('Rotation', 'Arn'),
      RotationRules: { ScheduleExpression: 'rate(7 days)' },
      RotateImmediatelyOnUpdate: false,
    });
    expect(graph.get('Schedule')!.properties).toEqual({
      SecretId: new Ref('Given'),
      RotationLambdaARN: new Ref('Rotation', 'Arn'),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    const permissions = graph.ofType('AWS::Lambda::Permission');
    expect(permissions.map(r => r.properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        Principal: 'secretsmanager.amazonaws.com',
        FunctionName: new Ref('Rotation', 'Arn'),
      },
    ]);
    const actions = [
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ];
    expect(
      (
        graph.get('Rotation/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as any
      ).Statement,
    ).toEqual([
      { Effect: 'Allow', Action: actions, Resource: new Ref('Db') },
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetRandomPassword',
        Resource: '*',
      },
      { Effect: 'Allow', Action: actions, Resource: new Ref('Given') },
    ]);
    expect(
      findings(text, ['OPS-003']).filter(
        f => f.includes('Db') || f.includes('Given'),
      ),
    ).toEqual(['OPS-003 Db 14']);
  });

  it('of props or a period not known statically give no false finding (DLQ-001)', () => {
    const text =
      stack(`    const rotation = new lambda.Function(this, 'Rotation', props);
    const secret = new sm.Secret(this, 'Db', (globalThis as any).secretProps);
    new sm.Secret(this, 'Other').addRotationSchedule('Rotate', { rotationLambda: rotation, automaticallyAfter: (globalThis as any).period });`);
    expect(findings(text, ['DLQ-001'])).toEqual([]);
    const graph = graphOf(text);
    expect(graph.get('Db')).toBeUndefined();
    expect(graph.get('Other/Rotate')!.properties.RotationRules).toEqual({
      ScheduleExpression: new Unknown('rotation schedule'),
    });
  });

  it('rotated by a hosted rotation (a serverless application) are not modelled', () => {
    const text = stack(`    const secret = new sm.Secret(this, 'Db');
    secret.addRotationSchedule('Rotate', { hostedRotation: sm.HostedRotation.mysqlSingleUser() });
    new sm.RotationSchedule(this, 'Schedule', { secret, hostedRotation: sm.HostedRotation.mysqlSingleUser() });`);
    const program = cdkAdapter.load(cdkStackFiles(text)).programs![0];
    expect(program.notModelled).toEqual([
      { type: 'aws-secretsmanager.RotationSchedule', count: 2 },
    ]);
    expect(
      graphOf(text).ofType('AWS::SecretsManager::RotationSchedule'),
    ).toEqual([]);
  });
});

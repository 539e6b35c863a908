/**
 * Functions of container images (`lambda.DockerImageFunction`, `Code.fromAssetImage`): the AWS::Lambda::Function
 * `cdk synth` writes for each, judged by the Lambda rules as any function is.
 */
import { Ref, Unknown } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';`,
    body,
  );

const LAMBDA_RULES = [
  'DLQ-001',
  'ALM-001',
  'LOG-001',
  'LOG-003',
  'OPS-003',
  'OPS-005',
];

describe('functions of container images', () => {
  it('are the functions CDK writes, of PackageType Image with no runtime or handler, judged by the Lambda rules (not OPS-005)', () => {
    const text = stack(`    const failed = new sqs.Queue(this, 'Failed');
    const renderer = new lambda.DockerImageFunction(this, 'Renderer', {
      code: lambda.DockerImageCode.fromImageAsset('renderer'),
      deadLetterQueue: failed,
      tracing: lambda.Tracing.ACTIVE,
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
    renderer.metricErrors().createAlarm(this, 'RendererErrors', { threshold: 1, evaluationPeriods: 1 });
    cdk.Tags.of(renderer).add('team', 'media');
    new lambda.DockerImageFunction(this, 'Thumbnailer', { code: lambda.DockerImageCode.fromEcr(ecr.Repository.fromRepositoryName(this, 'Repo', 'thumbnailer'), { tagOrDigest: 'v1' }) });
    new lambda.Function(this, 'Resizer', { code: lambda.Code.fromAssetImage('resizer'), runtime: lambda.Runtime.FROM_IMAGE, handler: lambda.Handler.FROM_IMAGE });`);
    // Renderer has all it needs; Thumbnailer and Resizer nothing. Tags.of(renderer) does not reach the alarm.
    expect(findings(text, LAMBDA_RULES)).toEqual([
      'OPS-003 Failed 10',
      'OPS-003 RendererErrors 17',
      'ALM-001 Thumbnailer 19',
      'DLQ-001 Thumbnailer 19',
      'LOG-001 Thumbnailer 19',
      'LOG-003 Thumbnailer 19',
      'OPS-003 Thumbnailer/ServiceRole 19',
      'OPS-003 Thumbnailer 19',
      'ALM-001 Resizer 20',
      'DLQ-001 Resizer 20',
      'LOG-001 Resizer 20',
      'LOG-003 Resizer 20',
      'OPS-003 Resizer/ServiceRole 20',
      'OPS-003 Resizer 20',
    ]);
    const graph = graphOf(text);
    for (const fn of ['Renderer', 'Thumbnailer', 'Resizer']) {
      const { Runtime, Handler, PackageType, Code } = graph.get(fn)!.properties;
      expect({ Runtime, Handler, PackageType, Code }).toEqual({
        Runtime: undefined,
        Handler: undefined,
        PackageType: 'Image',
        Code: { ImageUri: expect.any(Unknown) },
      });
    }
    expect(graph.get('Renderer')!.properties).toEqual(
      expect.objectContaining({
        DeadLetterConfig: { TargetArn: new Ref('Failed', 'Arn') },
        TracingConfig: { Mode: 'Active' },
      }),
    );
  });
});

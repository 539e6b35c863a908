/**
 * The policies of queues and topics a CDK app makes as constructs of their own (`new sqs.QueuePolicy`,
 * `new sns.TopicPolicy`), with the statements `policy.document.addStatements` adds, as synth writes them.
 */
import { Ref, Unknown } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackGraph,
  scanCdkApp,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 9. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';`,
    body,
  );

describe('CDK queue and topic policies made as constructs', () => {
  it('are an AWS::SQS::QueuePolicy of the queues by their Ref, of the statements its document is given, as synth writes it: a hardcoded ARN there is reported (OPS-002), a resource policy is no identity policy (IAM-002, IAM-003)', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const audit = new sqs.Queue(this, 'Audit');
    const policy = new sqs.QueuePolicy(this, 'JobsPolicy', { queues: [jobs, audit] });
    policy.document.addStatements(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:*'],
      resources: [jobs.queueArn, audit.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:orders' } },
    }));`);
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes it.
    expect(cdkStackGraph(text).get('JobsPolicy')).toMatchObject({
      type: 'AWS::SQS::QueuePolicy',
      line: 11,
      properties: {
        Queues: [new Ref('Jobs'), new Ref('Audit')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: ['*'] },
              Action: ['sqs:*'],
              Resource: [new Ref('Jobs', 'Arn'), new Ref('Audit', 'Arn')],
              Condition: {
                ArnEquals: {
                  'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:orders',
                },
              },
            },
          ],
        },
      },
    });
    const report = scanCdkApp(text, ['OPS-002', 'IAM-002', 'IAM-003']);
    expect(
      report.findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.property}`,
      ),
    ).toEqual([
      'OPS-002 JobsPolicy 16 PolicyDocument.Statement[0].Condition.ArnEquals.aws:SourceArn',
    ]);
    // Modelled: no longer listed as not judged.
    expect(report.programs![0].notModelled).toBeUndefined();
  });

  it("are an AWS::SNS::TopicPolicy of the topics by their ARNs, with enforceSSL's statement, its own document giving each statement without a Sid its index, a document given not, as synth writes them: a hardcoded topic ARN there is reported (OPS-002)", () => {
    const text = stack(`    const alerts = new sns.Topic(this, 'Alerts');
    const topicPolicy = new sns.TopicPolicy(this, 'AlertsPolicy', { topics: [alerts], enforceSSL: true });
    topicPolicy.document.addStatements(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('events.amazonaws.com')], actions: ['sns:Publish'], resources: [alerts.topicArn] }));
    new sns.TopicPolicy(this, 'SharedPolicy', {
      topics: [sns.Topic.fromTopicArn(this, 'Shared', 'arn:aws:sns:us-east-1:123456789012:shared')],
      policyDocument: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sns:Subscribe'], resources: ['*'] })] }),
    });
    new sns.TopicPolicy(this, 'GivenPolicy', { topics: [alerts], policyDocument: JSON.parse(process.env.POLICY!) });`);
    const graph = cdkStackGraph(text);
    expect(graph.get('AlertsPolicy')!.properties).toEqual({
      Topics: [new Ref('Alerts')],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Effect: 'Deny',
            Principal: '*',
            Resource: new Ref('Alerts'),
            Sid: 'AllowPublishThroughSSLOnly',
          },
          {
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com'] },
            Action: ['sns:Publish'],
            Resource: [new Ref('Alerts')],
            Sid: '1',
          },
        ],
      },
    });
    expect(graph.get('SharedPolicy')!.properties).toEqual({
      Topics: ['arn:aws:sns:us-east-1:123456789012:shared'],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [expect.anything()] },
            Action: ['sns:Subscribe'],
            Resource: ['*'],
          },
        ],
      },
    });
    expect(graph.get('GivenPolicy')!.properties.PolicyDocument).toBeInstanceOf(
      Unknown,
    );
    expect(
      scanCdkApp(text, ['OPS-002']).findings.map(
        f => `${f.resourceId} ${f.line} ${f.property}`,
      ),
    ).toEqual(['SharedPolicy 13 Topics[0]']);
  });

  it('write a statement their document is given twice once, and give the statements their Sids after, as synth writes them', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const alerts = new sns.Topic(this, 'Alerts');
    const send = () => new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('sns.amazonaws.com')], actions: ['sqs:SendMessage'], resources: [jobs.queueArn] });
    const queuePolicy = new sqs.QueuePolicy(this, 'JobsPolicy', { queues: [jobs] });
    queuePolicy.document.addStatements(send());
    queuePolicy.document.addStatements(send(), send());
    const publish = () => new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [alerts.topicArn] });
    const topicPolicy = new sns.TopicPolicy(this, 'AlertsPolicy', { topics: [alerts] });
    topicPolicy.document.addStatements(publish(), publish(), new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Subscribe'], resources: [alerts.topicArn] }));`);
    const graph = cdkStackGraph(text);
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes them.
    expect(graph.get('JobsPolicy')!.properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: ['sns.amazonaws.com'] },
          Action: ['sqs:SendMessage'],
          Resource: [new Ref('Jobs', 'Arn')],
        },
      ],
    });
    expect(graph.get('AlertsPolicy')!.properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: ['sns:Publish'],
          Resource: [new Ref('Alerts')],
          Sid: '0',
        },
        {
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: ['sns:Subscribe'],
          Resource: [new Ref('Alerts')],
          Sid: '1',
        },
      ],
    });
  });
});

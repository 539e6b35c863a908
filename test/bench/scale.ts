/**
 * How the engine's time grows with the size of one stack. Prints figures;
 * it is not a test.
 *
 *   yarn bench:scale [--size N]
 *
 * Builds three synthetic stacks at N and 2N "services" (default N = 1000):
 * CloudFormation (a function, its role, a queue and its dead-letter queue,
 * a log group, two alarms), SAM (a function with API, HTTP API, SQS and
 * schedule events, policy templates, a queue, a table, an API) and Terraform
 * (a function, a role and its policy, two queues, an alarm, a REST API and
 * its stage), all in one stack. For each it prints the load time and each
 * rule's time (best of five) at both sizes and their ratio: about 2 is
 * linear; a rule at 4 compares every resource with every other, which an
 * org scan of large Terraform modules would feel.
 */
import { ADAPTERS } from '../../plugins/infra-compliance-node/src/adapters';
import { evaluateGraph } from '../../plugins/infra-compliance-node/src/engine/evaluateGraph';
import { ResourceGraph } from '../../plugins/infra-compliance-node/src/graph/ResourceGraph';
import { ALL_RULES } from '../../plugins/infra-compliance-node/src/rules';
import { terraformServices } from './syntheticStacks';

/** A ratio above this is reported as growing faster than linear (2 is linear; timings are noisy). */
const SUPERLINEAR = 3;

function cloudFormation(services: number): string {
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; i < services; i++) {
    out.push(`  Fn${i}:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: fn-${i}
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role${i}.Arn
      DeadLetterConfig: {TargetArn: !GetAtt Dlq${i}.Arn}
  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: send
          PolicyDocument: {Statement: [{Effect: Allow, Action: [sqs:SendMessage], Resource: !GetAtt Dlq${i}.Arn}]}
  Queue${i}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: q-${i}
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq${i}.Arn, maxReceiveCount: 5}
  Dlq${i}:
    Type: AWS::SQS::Queue
    Properties: {QueueName: dlq-${i}}
  Logs${i}:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: /aws/lambda/fn-${i}, RetentionInDays: 30}
  FnErrors${i}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{Name: FunctionName, Value: !Ref Fn${i}}]
      ComparisonOperator: GreaterThanThreshold
      Threshold: 0
      EvaluationPeriods: 1
      Period: 60
      Statistic: Sum
  DlqDepth${i}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{Name: QueueName, Value: !GetAtt Dlq${i}.QueueName}]
      ComparisonOperator: GreaterThanThreshold
      Threshold: 0
      EvaluationPeriods: 1
      Period: 60
      Statistic: Sum`);
  }
  return `${out.join('\n')}\n`;
}

function sam(services: number): string {
  const out = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function: {Runtime: python3.12, Tracing: Active}',
    'Resources:',
  ];
  for (let i = 0; i < services; i++) {
    out.push(`  Fn${i}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Policies:
        - SQSSendMessagePolicy: {QueueName: !GetAtt Q${i}.QueueName}
        - DynamoDBCrudPolicy: {TableName: !Ref T${i}}
        - Statement: [{Effect: Allow, Action: [s3:GetObject], Resource: "*"}]
      Environment: {Variables: {QUEUE: !Ref Q${i}, TABLE: !Ref T${i}}}
      Events:
        Get: {Type: Api, Properties: {Path: /r${i}, Method: get}}
        Http: {Type: HttpApi, Properties: {Path: /h${i}, Method: get}}
        Queue: {Type: SQS, Properties: {Queue: !GetAtt Q${i}.Arn}}
        Tick: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
  Q${i}:
    Type: AWS::SQS::Queue
  T${i}:
    Type: AWS::Serverless::SimpleTable
  Api${i}:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}`);
  }
  return `${out.join('\n')}\n`;
}

const STACKS = [
  {
    name: 'CloudFormation',
    format: 'cloudformation',
    file: 'template.yaml',
    build: cloudFormation,
  },
  { name: 'SAM', format: 'cloudformation', file: 'template.yaml', build: sam },
  {
    name: 'Terraform',
    format: 'terraform',
    file: 'main.tf',
    build: terraformServices,
  },
] as const;

interface Measure {
  resources: number;
  loadMs: number;
  ruleMs: Map<string, number>;
}

function measure(format: string, file: string, text: string): Measure {
  const adapter = ADAPTERS.find(candidate => candidate.format === format)!;
  let started = performance.now();
  const [graph] = adapter.load([{ path: file, text }]).graphs as [
    ResourceGraph,
  ];
  const loadMs = performance.now() - started;
  const ruleMs = new Map<string, number>();
  for (const rule of ALL_RULES) {
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      started = performance.now();
      evaluateGraph(graph, [rule]);
      best = Math.min(best, performance.now() - started);
    }
    ruleMs.set(rule.meta.id, best);
  }
  return { resources: graph.size, loadMs, ruleMs };
}

function main() {
  const sizeFlag = process.argv.indexOf('--size');
  const size = sizeFlag >= 0 ? Number(process.argv[sizeFlag + 1]) : 1000;
  if (!Number.isInteger(size) || size < 1)
    throw new Error('--size needs a positive integer');
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
  for (const stack of STACKS) {
    measure(stack.format, stack.file, stack.build(Math.min(size, 100))); // warm-up
    const small = measure(stack.format, stack.file, stack.build(size));
    const large = measure(stack.format, stack.file, stack.build(2 * size));
    const lines = [
      `${stack.name}: ${small.resources} and ${large.resources} resources in one stack`,
    ];
    lines.push(
      `  ${'load'.padEnd(10)}${ms(small.loadMs)}${ms(large.loadMs)}   ×${(
        large.loadMs / small.loadMs
      ).toFixed(1)}`,
    );
    const rules = [...large.ruleMs].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [id, largeMs] of rules) {
      const smallMs = small.ruleMs.get(id)!;
      const ratio = largeMs / Math.max(smallMs, 0.01);
      const flag =
        ratio > SUPERLINEAR && largeMs > 10
          ? '   grows faster than linear'
          : '';
      lines.push(
        `  ${id.padEnd(10)}${ms(smallMs)}${ms(largeMs)}   ×${ratio.toFixed(
          1,
        )}${flag}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
}

main();

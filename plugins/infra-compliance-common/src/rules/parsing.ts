import { RuleMetadata } from '../types';

/** Category `parsing`: files that look like infrastructure code must parse. */
export const parsingRules: readonly RuleMetadata[] = [
  {
    id: 'PARSE-001',
    title: 'Infrastructure file cannot be parsed',
    category: 'parsing',
    severity: 'high',
    rationale:
      'A file that does not parse cannot be deployed, and none of its resources can be checked: every other rule is blind to it, so its problems stay hidden until the deployment fails. The rest of the repository is still scanned.',
    remediation: {
      summary:
        'Fix what the message names at the reported line (a syntax error: indentation, a tab in YAML, an unclosed bracket or quote, a malformed intrinsic function; a duplicate key: keep the one value meant and remove the others) and validate locally with cfn-lint or sam validate, terraform validate, or tsc.',
      snippets: {
        cloudformation: `# validate with: cfn-lint template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
Outputs:
  OrdersQueueUrl:
    Value: !Ref OrdersQueue`,
        terraform: `# validate with: terraform fmt -check && terraform validate
resource "aws_sqs_queue" "orders" {
  sqs_managed_sse_enabled = true
}

output "orders_queue_url" {
  value = aws_sqs_queue.orders.url
}`,
        pulumi: `// validate with: npx tsc --noEmit
import * as aws from '@pulumi/aws';

const orders = new aws.sqs.Queue('orders', { sqsManagedSseEnabled: true });
export const ordersQueueUrl = orders.url;`,
        cdk: `// validate with: npx tsc --noEmit && npx cdk synth
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const orders = new sqs.Queue(this, 'Orders', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new CfnOutput(this, 'OrdersQueueUrl', { value: orders.queueUrl });
  }
}`,
      },
    },
    seeds: ['004_fbb7571581d294cd: Overview'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'SUP-001',
    title: 'In-code suppression without a reason or for an unknown rule',
    category: 'parsing',
    severity: 'low',
    rationale:
      'A suppression hides a finding from the scorecard, so it must say why; one without a reason, naming a rule that does not exist (a typo), or a comment not written `infra-compliance:suppress=RULE-ID:reason`, is not applied, and the finding it meant to hide stays reported. (Added by this project; not in RULES.md.)',
    remediation: {
      summary:
        'Give the suppression the id of a rule of the catalog and a reason: `Metadata: { infra-compliance: { suppress: [{ id: IAM-003, reason: "..." }] } }` or a comment `# infra-compliance:suppress=IAM-003:reason`.',
      snippets: {
        cloudformation: `TracingPolicy:
  Type: AWS::IAM::Policy
  Metadata:
    infra-compliance:
      suppress:
        - id: IAM-003
          reason: xray:PutTraceSegments only supports Resource "*"
# or, on the line above the resource:
# infra-compliance:suppress=IAM-003:xray:PutTraceSegments only supports "*"`,
        terraform: `# infra-compliance:suppress=IAM-003:xray:PutTraceSegments only supports "*"
resource "aws_iam_policy" "tracing" {
  policy = data.aws_iam_policy_document.tracing.json
}`,
        pulumi: `// infra-compliance:suppress=IAM-003:xray:PutTraceSegments only supports "*"
const tracing = new aws.iam.Policy('tracing', { policy: tracingDocument });`,
      },
    },
    seeds: [],
    // CDK source programs have no suppression comments yet (synthesized templates take Metadata).
    formats: ['cloudformation', 'terraform', 'pulumi'],
  },
];

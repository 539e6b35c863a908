import rule from './ENC-003';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'queue with a KMS key',
      code: `
Resources:
  QueueKey:
    Type: AWS::KMS::Key
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref QueueKey
`,
    },
    {
      name: 'queue with SSE-SQS (boolean and string forms)',
      code: `
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
  Returns:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: 'true'
`,
    },
    {
      name: 'queue with the AWS-managed key alias',
      code: `
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/aws/sqs
`,
    },
    {
      name: 'encryption from parameters without default, an import, an unknown condition',
      code: `
Parameters:
  Encrypt:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: !Ref Encrypt
  Returns:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !ImportValue shared-queue-key
  Refunds:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !If [IsProd, alias/aws/sqs, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.jobs',
          line: 4,
          property: 'SqsManagedSseEnabled',
          message:
            'sets sqs_managed_sse_enabled to false and has no kms_master_key_id',
        },
      ],
    },
    {
      name: 'queue without any encryption setting (seed 004)',
      code: `
Resources:
  OrderQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 300
`,
      findings: [
        {
          resourceId: 'OrderQueue',
          line: 3,
          message:
            'has no KmsMasterKeyId and does not set SqsManagedSseEnabled to true',
        },
      ],
    },
    {
      name: 'SSE-SQS switched off',
      code: `
Resources:
  OrderQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 300
      SqsManagedSseEnabled: false
`,
      findings: [
        {
          resourceId: 'OrderQueue',
          line: 7,
          property: 'SqsManagedSseEnabled',
          message: 'false',
        },
      ],
    },
    {
      name: 'SAM: the on-failure queue SAM creates for EventInvokeConfig',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
`,
      findings: [
        { resourceId: 'Fn', line: 11, message: 'created by SAM for Fn' },
      ],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Encrypted": { "Type": "AWS::SQS::Queue", "Properties": { "SqsManagedSseEnabled": true } },
    "Plain": { "Type": "AWS::SQS::Queue" }
  }
}
`,
      findings: [{ resourceId: 'Plain', line: 5 }],
    },
  ],
});

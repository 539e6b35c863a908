import rule from './ENC-004';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'topic with a key of the stack',
      code: `
Resources:
  TopicKey:
    Type: AWS::KMS::Key
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKey
`,
    },
    {
      name: 'key from a parameter without default, or an import',
      code: `
Parameters:
  TopicKeyArn:
    Type: String
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKeyArn
  Orders:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !ImportValue shared-topic-key
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_sns_topic" "events" {
  name = "events"
}
`,
      findings: [
        {
          resourceId: 'aws_sns_topic.events',
          line: 2,
          message: 'has no kms_master_key_id,',
        },
      ],
    },
    {
      name: 'topic without KmsMasterKeyId',
      code: `
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
`,
      findings: [
        { resourceId: 'Alerts', line: 3, message: 'has no KmsMasterKeyId' },
      ],
    },
    {
      name: 'key removed by the default condition',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !If [IsProd, alias/aws/sns, !Ref AWS::NoValue]
`,
      findings: [{ resourceId: 'Alerts', line: 9, confidence: 'partial' }],
    },
    {
      name: 'SAM: the on-failure topic SAM creates for EventInvokeConfig',
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
            Type: SNS
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
    "Alerts": { "Type": "AWS::SNS::Topic", "Properties": { "DisplayName": "alerts" } }
  }
}
`,
      findings: [{ resourceId: 'Alerts', line: 4 }],
    },
  ],
});

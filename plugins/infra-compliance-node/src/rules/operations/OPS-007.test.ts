import rule from './OPS-007';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'the only output is under a condition an included file declares: nothing is surely exported',
      code: `
Conditions:
  Fn::Transform:
    Name: AWS::Include
    Parameters: { Location: s3://bucket/conditions.yaml }
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Condition: FromInclude
    Value: !Ref Queue
`,
    },
    {
      name: 'every API, table, queue and topic exported',
      code: `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Topic:
    Type: AWS::SNS::Topic
  Api:
    Type: AWS::ApiGateway::RestApi
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
Outputs:
  TableName:
    Value: !Ref Table
  TopicArn:
    Value: !Ref Topic
  Url:
    Value: !Sub https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/\${Stage}
`,
    },
    {
      name: 'an API exported through its stage only',
      code: `
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  StageName:
    Value: !Ref Stage
  QueueUrl:
    Value: !Ref Queue
`,
    },
    {
      name: 'nothing exported at all is OPS-006, not OPS-007',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
`,
    },
    {
      name: 'an output hidden behind an unknown condition may export the rest',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  QueueUrl:
    Value: !Ref Queue
  Maybe:
    Value: !If [IsProd, !Ref Topic, none]
`,
    },
  ],
  invalid: [
    {
      name: 'an output under a condition not known statically may export its queue; one always exported proves the topic missing',
      code: `
Parameters:
  Env: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Topic:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  TableName:
    Value: !Ref Table
  QueueUrl:
    Condition: IsDev
    Value: !Ref Queue
`,
      findings: [
        { resourceId: 'Topic', line: 9, message: 'not its topic Topic' },
      ],
    },
    {
      name: 'seed 001: the table is exported, the topic and the queue are not',
      code: `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Topic:
    Type: AWS::SNS::Topic
  Dlq:
    Type: AWS::SQS::Queue
Outputs:
  TableName:
    Value: !Ref Table
`,
      findings: [
        { resourceId: 'Topic', line: 5, message: 'not its topic Topic' },
        { resourceId: 'Dlq', line: 7, message: 'not its queue Dlq' },
      ],
    },
    {
      name: 'JSON: the queue SAM creates for an on-failure destination is not exported',
      filename: 'template.json',
      code: `
{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Topic": { "Type": "AWS::SNS::Topic" },
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Runtime": "nodejs22.x",
        "Handler": "index.handler",
        "EventInvokeConfig": {
          "DestinationConfig": { "OnFailure": { "Type": "SQS" } }
        }
      }
    }
  },
  "Outputs": { "TopicArn": { "Value": { "Ref": "Topic" } } }
}
`,
      findings: [
        { resourceId: 'Fn', line: 12, message: 'created by SAM for Fn' },
      ],
    },
  ],
});

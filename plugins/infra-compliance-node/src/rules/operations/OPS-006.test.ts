import rule from './OPS-006';
import { testRule } from '../../testing/ruleTester';
import { scanCdkStack } from '../../testing/programScans';

testRule(rule, {
  valid: [
    {
      name: 'the queue is exported under a condition not known statically: it may be',
      code: `
Parameters:
  Env: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Condition: IsDev
    Value: !Ref Queue
`,
    },
    {
      name: 'the table name is exported',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
Outputs:
  TableName:
    Value: !Ref Table
`,
    },
    {
      name: 'SAM implicit API URL exported',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
Outputs:
  ApiUrl:
    Value: !Sub https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/
`,
    },
    {
      name: 'an API exported through its stage',
      code: `
Resources:
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: api, ProtocolType: HTTP }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref HttpApi, StageName: prod }
Outputs:
  StageName:
    Value: !Ref Stage
`,
    },
    {
      name: 'a stack with no API, table, queue or topic',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/fn
`,
    },
    {
      name: 'an output hidden by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  Alerts:
    Value: !If [IsProd, !Ref Topic, none]
`,
    },
    {
      name: 'JSON queue URL exported',
      filename: 'template.json',
      code: `
{
  "Resources": { "Queue": { "Type": "AWS::SQS::Queue" } },
  "Outputs": { "QueueUrl": { "Value": { "Ref": "Queue" } } }
}
`,
    },
    {
      name: "an API's custom-domain URL built from a parameter",
      code: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  DomainName:
    Type: String
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain:
        DomainName: !Ref DomainName
        CertificateArn: !ImportValue cert
Outputs:
  ApiUrl:
    Value: !Sub https://\${DomainName}/
`,
    },
  ],
  invalid: [
    {
      name: 'outputs name none of the API, table, queue or topic',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/fn
  Topic:
    Type: AWS::SNS::Topic
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: webhook }
  Dlq:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
Outputs:
  FunctionArn:
    Value: !GetAtt Fn.Arn
  Region:
    Value: !Ref AWS::Region
`,
      findings: [
        {
          resourceId: 'Topic',
          line: 7,
          message:
            "None of the stack's outputs refers to its topic Topic, API Api, queue Dlq and table Table",
        },
      ],
    },
    {
      name: 'no outputs at all (seed 002)',
      code: `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
`,
      findings: [
        {
          resourceId: 'Table',
          line: 3,
          message:
            'The stack has no outputs, so it exports nothing about its table Table and queue Queue: consumers must look up their URL, name or ARN by hand.',
        },
      ],
    },
    {
      name: 'one queue, no outputs: the message names its identifiers',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
`,
      findings: [
        {
          resourceId: 'Queue',
          line: 3,
          message:
            'The stack has no outputs, so it exports nothing about its queue Queue: consumers must look up its URL, name or ARN by hand.',
        },
      ],
    },
    {
      name: 'SAM implicit API and table not exported: one finding, on the first',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
  Table:
    Type: AWS::Serverless::SimpleTable
Outputs:
  FnArn:
    Value: !GetAtt Fn.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 10,
          message:
            'API ServerlessRestApi (created by SAM for Fn) and table Table',
        },
      ],
    },
    {
      name: 'JSON topic not exported',
      filename: 'template.json',
      code: `
{
  "Resources": { "Topic": { "Type": "AWS::SNS::Topic" } },
  "Outputs": { "Account": { "Value": { "Ref": "AWS::AccountId" } } }
}
`,
      findings: [{ resourceId: 'Topic', line: 3 }],
    },
  ],
});

describe('OPS-006 on a CDK app of several stacks', () => {
  it('judges each stack by its own outputs: one exports its queue, the other nothing', () => {
    const stacks = `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const queue = new sqs.Queue(this, 'Queue');
    new cdk.CfnOutput(this, 'QueueUrl', { value: queue.queueUrl });
  }
}
export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Queue');
  }
}
`;
    const app = `
import * as cdk from 'aws-cdk-lib';
import { ApiStack, DataStack } from '../lib/stack';
const app = new cdk.App();
new ApiStack(app, 'Api');
new DataStack(app, 'Data');
`;
    const findings = scanCdkStack(stacks, ['OPS-006', 'OPS-007'], app);
    expect(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'OPS-006 Queue 15',
    ]);
    expect(findings[0].message).toContain('The stack has no outputs');
  });
});

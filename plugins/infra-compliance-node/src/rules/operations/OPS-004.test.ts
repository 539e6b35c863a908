import rule from './OPS-004';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'table with point-in-time recovery (seed 004)',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
`,
    },
    {
      name: 'SAM SimpleTable with recovery',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Sessions:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: { Name: id, Type: String }
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
`,
    },
    {
      name: 'enabled as the string "true"',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: 'true' }
`,
    },
    {
      name: 'enabled by a parameter without default, or a condition that is not known',
      code: `
Parameters:
  Pitr:
    Type: String
    AllowedValues: ['true', 'false']
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !Ref Pitr
  Events:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification: !If [IsProd, { PointInTimeRecoveryEnabled: true }, !Ref AWS::NoValue]
`,
    },
    {
      name: 'enabled by a condition on a parameter default',
      code: `
Parameters:
  Env:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !If [IsProd, true, false]
`,
    },
    {
      name: 'global table with recovery on every replica',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: eu-west-1
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        - Region: us-east-1
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
`,
    },
    {
      name: 'JSON table with recovery',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Orders": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": { "PointInTimeRecoverySpecification": { "PointInTimeRecoveryEnabled": true } }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'table without point-in-time recovery',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 3,
          message: 'DynamoDB table Orders has no point-in-time recovery',
        },
      ],
    },
    {
      name: 'recovery disabled',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: false
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 7,
          property:
            'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
          message: 'disabled',
        },
      ],
    },
    {
      name: 'disabled by a condition on a parameter default',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !If [IsProd, true, false]
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 13,
          confidence: 'partial',
          property:
            'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
        },
      ],
    },
    {
      name: 'SAM SimpleTable without recovery',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Sessions:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: { Name: id, Type: String }
`,
      findings: [
        {
          resourceId: 'Sessions',
          line: 4,
          message: 'DynamoDB table Sessions has no point-in-time recovery',
        },
      ],
    },
    {
      name: 'global table with a replica without recovery',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: eu-west-1
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        - Region: us-east-1
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 9,
          property: 'Replicas[1]',
          message: 'replica in us-east-1',
        },
      ],
    },
    {
      name: 'JSON table without recovery',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Orders": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": { "BillingMode": "PAY_PER_REQUEST" }
    }
  }
}
`,
      findings: [{ resourceId: 'Orders', line: 4 }],
    },
  ],
});

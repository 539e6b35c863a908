import rule from './ENC-005';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'table with a customer-managed key',
      code: `
Resources:
  TableKey:
    Type: AWS::KMS::Key
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !Ref TableKey
`,
    },
    {
      name: 'AWS-managed key, global table, SAM SimpleTable',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification: { SSEEnabled: 'true' }
  Global:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      SSESpecification:
        SSEEnabled: true
  Simple:
    Type: AWS::Serverless::SimpleTable
    Properties:
      SSESpecification:
        SSEEnabled: true
`,
    },
    {
      name: 'encryption from a parameter without default, or an unknown condition',
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
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification:
        SSEEnabled: !Ref Encrypt
  Returns:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification: !If [IsProd, { SSEEnabled: true }, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
}
resource "aws_dynamodb_table" "audit" {
  name     = "audit"
  hash_key = "id"
  server_side_encryption {
    enabled = false
  }
}
`,
      findings: [
        {
          resourceId: 'aws_dynamodb_table.orders',
          line: 2,
          message: 'does not set server_side_encryption,',
        },
        {
          resourceId: 'aws_dynamodb_table.audit',
          line: 10,
          property: 'SSESpecification.SSEEnabled',
          message: 'sets server_side_encryption.enabled to false',
        },
      ],
    },
    {
      name: 'table without SSESpecification (seed 004)',
      code: `
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
`,
      findings: [
        {
          resourceId: 'OrdersTable',
          line: 3,
          message: 'does not set SSESpecification,',
        },
      ],
    },
    {
      name: 'SSEEnabled false, and SSESpecification without SSEEnabled',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification:
        SSEEnabled: false
  Returns:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      SSESpecification:
        SSEType: KMS
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 7,
          property: 'SSESpecification.SSEEnabled',
        },
        {
          resourceId: 'Returns',
          line: 11,
          property: 'SSESpecification',
          message: 'Global table Returns',
        },
      ],
    },
    {
      name: 'SAM SimpleTable without SSESpecification',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Simple:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: { Name: id, Type: String }
`,
      findings: [{ resourceId: 'Simple', line: 4 }],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Orders": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": { "SSESpecification": { "SSEEnabled": "false" } }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 6,
          property: 'SSESpecification.SSEEnabled',
        },
      ],
    },
  ],
});

/**
 * What a Table's and a TableV2's grants add to the grantee's policy, as `cdk synth` writes it (aws-cdk-lib
 * 2.278.0, aws-dynamodb/lib/table.ts and table-v2-base.ts), as IAM-002 judges it.
 */
import { Ref } from '../../graph/values';
import { cdkStackFindingRows as findings, cdkStackGraph, cdkStackSource } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) => cdkStackSource(`import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };
const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };`, body);

describe('CDK table grants', () => {
  it("grant every DynamoDB action on the table for grantFullAccess, a Table's and a TableV2's (IAM-002)", () => {
    const text = stack(`    const admin = new lambda.Function(this, 'Admin', props);
    new dynamodb.Table(this, 'Orders', { partitionKey }).grantFullAccess(admin);
    new dynamodb.TableV2(this, 'Carts', { partitionKey }).grantFullAccess(admin);`);
    const graph = cdkStackGraph(text);
    expect((graph.get('Admin/ServiceRole/DefaultPolicy')!.properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:*'], Resource: new Ref('Orders', 'Arn') },
      { Effect: 'Allow', Action: ['dynamodb:*'], Resource: new Ref('Carts', 'Arn') },
    ]);
    expect(findings(text, ['IAM-002'])).toEqual(['IAM-002 Admin/ServiceRole/DefaultPolicy 11', 'IAM-002 Admin/ServiceRole/DefaultPolicy 12']);
  });
});

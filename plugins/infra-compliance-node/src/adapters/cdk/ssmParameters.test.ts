/**
 * SSM parameters (aws-ssm `StringParameter`, `StringListParameter`): the resource `cdk synth` writes (aws-cdk-lib
 * 2.278.0, aws-ssm/lib/parameter.ts), taggable (OPS-003) and a place for hardcoded ARNs (OPS-002), and what their
 * grants add to the grantee's policy, on the ARN CDK makes of the parameter's name (aws-ssm/lib/util.ts).
 */
import { Ref, Unknown, concat } from '../../graph/values';
import {
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
  cdkStackSource,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 9. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };`,
    body,
  );

/** The ARN CDK makes of a parameter's name: `parameter/<name>` for a simple name, `parameter<name>` for a path. */
const arnOf = (id: string, separator: string) =>
  concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':ssm:',
    Unknown.oneValue('AWS::Region'),
    ':',
    Unknown.oneValue('AWS::AccountId'),
    `:parameter${separator}`,
    new Ref(id),
  ]);

describe('CDK SSM parameters', () => {
  it('are the AWS::SSM::Parameter synth writes, tagged or not (OPS-003), holding hardcoded ARNs (OPS-002); their grants grant on the ARN CDK makes of their name', () => {
    const text =
      stack(`    const param = new ssm.StringParameter(this, 'Param', { stringValue: 'arn:aws:sns:us-east-1:123456789012:topic' });
    const tagged = new ssm.StringParameter(this, 'Tagged', { parameterName: '/app/x', stringValue: 'v', tier: ssm.ParameterTier.ADVANCED });
    cdk.Tags.of(tagged).add('team', 'a');
    const list = new ssm.StringListParameter(this, 'List', { stringListValue: ['a', 'b'] });
    const fn = new lambda.Function(this, 'Fn', { ...props, environment: { P: param.parameterName, A: param.parameterArn } });
    param.grantRead(fn);
    list.grantWrite(fn);
    tagged.grantRead(fn);`);
    const graph = graphOf(text);
    expect(graph.get('Param')!.properties).toEqual({
      Type: 'String',
      Value: 'arn:aws:sns:us-east-1:123456789012:topic',
    });
    expect(graph.get('Tagged')!.properties).toEqual({
      Name: '/app/x',
      Tier: 'Advanced',
      Type: 'String',
      Value: 'v',
    });
    expect(graph.get('List')!.properties).toEqual({
      Type: 'StringList',
      Value: 'a,b',
    });
    const read = [
      'ssm:DescribeParameters',
      'ssm:GetParameters',
      'ssm:GetParameter',
      'ssm:GetParameterHistory',
    ];
    expect(graph.get('Fn')!.properties.Environment).toEqual({
      Variables: { P: new Ref('Param'), A: arnOf('Param', '/') },
    });
    expect(
      (
        graph.get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      { Effect: 'Allow', Action: read, Resource: arnOf('Param', '/') },
      {
        Effect: 'Allow',
        Action: ['ssm:PutParameter'],
        Resource: arnOf('List', '/'),
      },
      { Effect: 'Allow', Action: read, Resource: arnOf('Tagged', '') },
    ]);
    // As the synthesized template's.
    expect(findings(text, ['OPS-002', 'OPS-003'])).toEqual([
      'OPS-002 Param 9',
      'OPS-003 Param 9',
      'OPS-003 List 12',
      'OPS-003 Fn/ServiceRole 13',
      'OPS-003 Fn 13',
    ]);
  });

  it('of a name not known statically grant on an ARN not known, unless simpleName says which it is', () => {
    const text = stack(`    const name = process.env.NAME!;
    const fn = new lambda.Function(this, 'Fn', props);
    new ssm.StringParameter(this, 'Unsaid', { parameterName: name, stringValue: 'v' }).grantRead(fn);
    new ssm.StringParameter(this, 'Simple', { parameterName: name, simpleName: true, stringValue: 'v' }).grantWrite(fn);`);
    expect(
      (
        graphOf(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: { Resource: unknown }[] }
      ).Statement.map(statement => statement.Resource),
    ).toEqual([
      new Unknown('ARN of an SSM parameter of a name not known statically'),
      arnOf('Simple', '/'),
    ]);
  });
});

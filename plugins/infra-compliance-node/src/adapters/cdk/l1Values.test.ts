/**
 * Values of aws-cdk-lib written into L1 props, as `cdk synth` writes them: a Lambda runtime's name, the members of
 * aws-cdk-lib's enums, and a prop of another L1 read back.
 */
import { cdkStackSource, cdkStackFindingRows as findings, cdkStackGraph as graphOf } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 8. */
const stack = (body: string) => cdkStackSource(`import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';`, body);

/** Synth (aws-cdk-lib 2.278.0) writes `nodejs16.x` for each: a Runtime's name, its toString(), and a template of either. */
const RUNTIMES = stack(`    const fn = { code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn' };
    new lambda.CfnFunction(this, 'Name', { ...fn, runtime: lambda.Runtime.NODEJS_16_X.name });
    new lambda.CfnFunction(this, 'Text', { ...fn, runtime: lambda.Runtime.NODEJS_16_X.toString() });
    new lambda.CfnFunction(this, 'Template', { ...fn, runtime: \`\${lambda.Runtime.NODEJS_16_X}\` });
    new lambda.CfnFunction(this, 'NameTemplate', { ...fn, runtime: \`\${lambda.Runtime.NODEJS_16_X.name}\` });`);

describe('values of aws-cdk-lib in L1 props', () => {
  it('a Lambda runtime is its name, read as a property or as text', () => {
    const graph = graphOf(RUNTIMES);
    expect(['Name', 'Text', 'Template', 'NameTemplate'].map(id => graph.get(id)!.properties.Runtime)).toEqual(['nodejs16.x', 'nodejs16.x', 'nodejs16.x', 'nodejs16.x']);
    expect(findings(RUNTIMES, ['OPS-005'])).toEqual(['OPS-005 Name 9', 'OPS-005 Text 10', 'OPS-005 Template 11', 'OPS-005 NameTemplate 12']);
  });
});

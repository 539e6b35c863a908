/**
 * What aws-iam's User and Group synthesize of their membership (aws-iam/lib/user.ts addToGroup, group.ts addUser),
 * as `cdk synth` writes it: the user's `Groups`, and no policy.
 */
import { Ref } from '../../graph/values';
import { cdkStackGraph, cdkStackSource } from '../../testing/programScans';

describe('CDK users and groups', () => {
  it("join a group by the user's groups, addToGroup and the group's addUser, which grant nothing", () => {
    const graph = cdkStackGraph(
      cdkStackSource(
        `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';`,
        `    const ops = new iam.Group(this, 'Ops');
    const audit = new iam.Group(this, 'Audit');
    const ci = new iam.User(this, 'Ci', { groups: [ops] });
    ci.addToGroup(audit);
    const dev = new iam.User(this, 'Dev');
    ops.addUser(dev);`,
      ),
    );
    expect(graph.get('Ci')!.properties.Groups).toEqual([
      new Ref('Ops'),
      new Ref('Audit'),
    ]);
    expect(graph.get('Dev')!.properties.Groups).toEqual([new Ref('Ops')]);
    // Nothing was added to their policies: CDK makes none.
    expect(graph.ofType('AWS::IAM::Policy')).toEqual([]);
  });
});

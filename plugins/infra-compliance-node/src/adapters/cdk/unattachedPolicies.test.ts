/**
 * `new iam.Policy` attached to no role, user or group: CDK synthesizes it only once attached (with statements),
 * forced (`force: true`) or referenced (aws-iam/lib/policy.ts, CfnPolicyConditional's shouldSynthesize), so rules
 * judge only a policy that reaches the template, and one code not modelled may attach at partial confidence.
 */
import {
  cdkStackSource,
  scanCdkStack,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { Auditor } from 'audit-constructs';
const wildcard = () => new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] });
const assumedBy = new iam.ServicePrincipal('lambda.amazonaws.com');`,
    body,
  );

/** The IAM-002 and IAM-003 findings, each as `rule resource confidence`. */
const findings = (text: string) =>
  scanCdkStack(text, ['IAM-002', 'IAM-003']).map(
    f => `${f.ruleId} ${f.resourceId} ${f.confidence}`,
  );

/** The ids of the stack's IAM policies. */
const policies = (text: string) =>
  graphOf(text)
    .ofType('AWS::IAM::Policy')
    .map(r => r.id);

describe('policies attached to nothing', () => {
  it('are not synthesized: nothing is judged', () => {
    const text =
      stack(`    new iam.Policy(this, 'Unattached', { statements: [wildcard()] });
    new iam.Policy(this, 'NoRoles', { statements: [wildcard()], roles: [], users: [], groups: [] });`);
    expect(policies(text)).toEqual([]);
    expect(findings(text)).toEqual([]);
  });

  it('are judged once attached later, to a role, an imported role, a user or a group', () => {
    const text =
      stack(`    const role = new iam.Role(this, 'Role', { assumedBy });
    const imported = iam.Role.fromRoleArn(this, 'Imported', 'arn:aws:iam::123456789012:role/worker');
    new iam.Policy(this, 'Later', { statements: [wildcard()] }).attachToRole(role);
    role.attachInlinePolicy(new iam.Policy(this, 'Inline', { statements: [wildcard()] }));
    new iam.Policy(this, 'ToImported', { statements: [wildcard()] }).attachToRole(imported);
    imported.attachInlinePolicy(new iam.Policy(this, 'InlineImported', { statements: [wildcard()] }));
    new iam.Policy(this, 'ImportedProp', { statements: [wildcard()], roles: [imported] });
    new iam.Policy(this, 'ToUser', { statements: [wildcard()] }).attachToUser(new iam.User(this, 'User'));
    new iam.Policy(this, 'Grouped', { statements: [wildcard()], groups: [new iam.Group(this, 'Group')] });`);
    expect(policies(text)).toEqual([
      'Later',
      'Inline',
      'ToImported',
      'InlineImported',
      'ImportedProp',
      'ToUser',
      'Grouped',
    ]);
    expect(graphOf(text).get('ToImported')!.properties.Roles).toEqual([
      'worker',
    ]);
    expect(findings(text)).toEqual([
      'IAM-002 Later high',
      'IAM-002 Inline high',
      'IAM-002 ToImported high',
      'IAM-002 InlineImported high',
      'IAM-002 ImportedProp high',
      'IAM-002 ToUser high',
      'IAM-002 Grouped high',
      'IAM-003 Later high',
      'IAM-003 Inline high',
      'IAM-003 ToImported high',
      'IAM-003 InlineImported high',
      'IAM-003 ImportedProp high',
      'IAM-003 ToUser high',
      'IAM-003 Grouped high',
    ]);
  });

  it("attached by a user's or group's attachInlinePolicy, are attached to no role", () => {
    const text =
      stack(`    new iam.User(this, 'User').attachInlinePolicy(new iam.Policy(this, 'ToUser', { statements: [wildcard()] }));
    new iam.Group(this, 'Group').attachInlinePolicy(new iam.Policy(this, 'ToGroup', { statements: [wildcard()] }));`);
    expect(policies(text)).toEqual(['ToUser', 'ToGroup']);
    expect(graphOf(text).get('ToUser')!.properties.Roles).toBeUndefined();
    expect(graphOf(text).get('ToGroup')!.properties.Roles).toBeUndefined();
  });

  it('are judged when forced or referenced, which CDK synthesizes (or fails to, when attached to nothing)', () => {
    const text =
      stack(`    new iam.Policy(this, 'Forced', { statements: [wildcard()], force: true });
    const named = new iam.Policy(this, 'Named', { statements: [wildcard()] });
    new cdk.CfnOutput(this, 'Name', { value: named.policyName });`);
    expect(policies(text)).toEqual(['Forced', 'Named']);
    expect(findings(text)).toEqual([
      'IAM-002 Forced high',
      'IAM-002 Named high',
      'IAM-003 Forced high',
      'IAM-003 Named high',
    ]);
  });

  it('are judged at partial confidence where code not modelled or code that may not run may attach them', () => {
    const text =
      stack(`    const role = new iam.Role(this, 'Role', { assumedBy });
    const handed = new iam.Policy(this, 'Handed', { statements: [wildcard()] });
    new Auditor(this, 'Auditor', { policy: handed });
    const maybe = new iam.Policy(this, 'Maybe', { statements: [wildcard()] });
    if (process.env.ATTACH) maybe.attachToRole(role);
    new iam.Policy(this, 'Roles', { statements: [wildcard()], roles: process.env.ROLES as any });`);
    expect(policies(text)).toEqual(['Handed', 'Maybe', 'Roles']);
    expect(findings(text)).toEqual([
      'IAM-002 Handed partial',
      'IAM-002 Maybe partial',
      'IAM-002 Roles partial',
      'IAM-003 Handed partial',
      'IAM-003 Maybe partial',
      'IAM-003 Roles partial',
    ]);
  });

  it('may each be the one a policy not known statically attaches', () => {
    const text =
      stack(`    const role = new iam.Role(this, 'Role', { assumedBy });
    const made = [new iam.Policy(this, 'First', { statements: [wildcard()] })];
    role.attachInlinePolicy(made[Number(process.env.N)]);`);
    // What the role is given is no longer known either: a statement not known in its default policy stands for it.
    expect(policies(text)).toEqual(['First', 'Role/DefaultPolicy']);
    expect(findings(text)).toEqual([
      'IAM-002 First partial',
      'IAM-003 First partial',
    ]);
  });
});

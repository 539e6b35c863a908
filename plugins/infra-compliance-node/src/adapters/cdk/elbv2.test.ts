/**
 * aws-elasticloadbalancingv2's load balancers, listeners and target groups, and Lambda functions as their targets:
 * the resources `cdk synth` writes for them (aws-cdk-lib 2.278.0), and what is left not modelled.
 */
import { Ref, Unknown } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
  cdkStackSource,
  scanCdkApp,
} from '../../testing/programScans';
import { cdkAdapter } from '.';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';`,
    body,
  );

const FUNCTION = `new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      handler: 'index.handler',
    })`;

/** The rule CDK writes in a security group that allows no outbound traffic. */
const DISALLOW_ALL = {
  CidrIp: '255.255.255.255/32',
  Description: 'Disallow all traffic',
  FromPort: 252,
  IpProtocol: 'icmp',
  ToPort: 86,
};

/** The resources of a graph other than the VPC's parts (see vpc.test.ts) and the function's. */
const resourcesOf = (graph: ReturnType<typeof graphOf>) =>
  [...graph.resources]
    .filter(
      resource => !/^(MyVPC|Vpc)\b|^Fn(\/ServiceRole)?$/.test(resource.id),
    )
    .map(resource => `${resource.id} ${resource.type}`)
    .sort();

describe('CDK Elastic Load Balancing v2', () => {
  it("an application load balancer in a security group given, its listener's targets of a function (alb-lambda-cdk): the load balancer, listener, target group of type lambda and the function's permission synth writes; the function is invoked synchronously only", () => {
    // A reduced copy of serverless-patterns/alb-lambda-cdk.
    const text = stack(`    const myVpc = new ec2.Vpc(this, 'MyVPC', {
      subnetConfiguration: [{ name: 'VpcSubnetGroup', subnetType: ec2.SubnetType.PUBLIC }],
    });
    const securityGroup = new ec2.SecurityGroup(this, 'MyLoadBalancerSG', { vpc: myVpc });
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'MyLoadBalancer', {
      vpc: myVpc, internetFacing: true, securityGroup: securityGroup,
    });
    const fn = ${FUNCTION};
    const listener = loadBalancer.addListener('MyLoadBalancerListener', { port: 80 });
    listener.addTargets('MyLoadBalancerTargets', {
      targets: [new targets.LambdaTarget(fn)],
      healthCheck: { enabled: true },
    });
    new cdk.CfnOutput(this, 'ALBUrl', { value: \`http://\${loadBalancer.loadBalancerDnsName}\` });`);
    const graph = graphOf(text);
    expect(resourcesOf(graph)).toEqual([
      'Fn/Invoke:LoadBalancer AWS::Lambda::Permission',
      'MyLoadBalancer AWS::ElasticLoadBalancingV2::LoadBalancer',
      'MyLoadBalancer/MyLoadBalancerListener AWS::ElasticLoadBalancingV2::Listener',
      'MyLoadBalancer/MyLoadBalancerListener/MyLoadBalancerTargetsGroup AWS::ElasticLoadBalancingV2::TargetGroup',
      'MyLoadBalancerSG AWS::EC2::SecurityGroup',
    ]);
    expect(graph.get('MyLoadBalancer')!.properties).toEqual({
      LoadBalancerAttributes: [
        { Key: 'deletion_protection.enabled', Value: 'false' },
      ],
      Scheme: 'internet-facing',
      SecurityGroups: [new Ref('MyLoadBalancerSG', 'GroupId')],
      Subnets: [
        new Ref('MyVPC/VpcSubnetGroupSubnet1/Subnet'),
        new Ref('MyVPC/VpcSubnetGroupSubnet2/Subnet'),
      ],
      Type: 'application',
    });
    // The listener opens port 80 to anyone: the group has that rule already, which CDK does not repeat.
    expect(
      graph.get('MyLoadBalancerSG')!.properties.SecurityGroupIngress,
    ).toEqual([
      {
        CidrIp: '0.0.0.0/0',
        Description: 'from 0.0.0.0/0:80',
        FromPort: 80,
        IpProtocol: 'tcp',
        ToPort: 80,
      },
    ]);
    expect(
      graph.get('MyLoadBalancer/MyLoadBalancerListener')!.properties,
    ).toEqual({
      DefaultActions: [
        {
          TargetGroupArn: new Ref(
            'MyLoadBalancer/MyLoadBalancerListener/MyLoadBalancerTargetsGroup',
          ),
          Type: 'forward',
        },
      ],
      LoadBalancerArn: new Ref('MyLoadBalancer'),
      Port: 80,
      Protocol: 'HTTP',
    });
    expect(
      graph.get(
        'MyLoadBalancer/MyLoadBalancerListener/MyLoadBalancerTargetsGroup',
      )!.properties,
    ).toEqual({
      HealthCheckEnabled: true,
      TargetType: 'lambda',
      Targets: [{ Id: new Ref('Fn', 'Arn') }],
    });
    expect(graph.get('Fn/Invoke:LoadBalancer')!.properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: new Ref('Fn', 'Arn'),
      Principal: 'elasticloadbalancing.amazonaws.com',
    });
    // As the synthesized template's: the load balancer, its group, listener and target group are untagged; the
    // function, invoked by the load balancer only, needs no dead-letter target.
    expect(findings(text, ['OPS-003', 'DLQ-001'])).toEqual([
      'OPS-003 MyLoadBalancerSG 14',
      'OPS-003 MyLoadBalancer 16',
      'OPS-003 Fn/ServiceRole 19',
      'OPS-003 Fn 19',
      'OPS-003 MyLoadBalancer/MyLoadBalancerListener 24',
      'OPS-003 MyLoadBalancer/MyLoadBalancerListener/MyLoadBalancerTargetsGroup 25',
    ]);
    expect(scanCdkApp(text, ['OPS-003']).programs![0].notModelled).toBe(
      undefined,
    );
  });

  it('an application load balancer makes its own security group, allowing no outbound traffic, open on the ports of its open listeners; internal ones in private subnets; target groups forwarded to by defaultTargetGroups or ListenerAction.forward', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc });
    const group = new elbv2.ApplicationTargetGroup(this, 'Group', {
      vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP,
    });
    alb.addListener('Http', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, defaultTargetGroups: [group], open: false });
    const fn = ${FUNCTION};
    const pub = new elbv2.ApplicationLoadBalancer(this, 'Public', {
      vpc, internetFacing: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    const fnGroup = new elbv2.ApplicationTargetGroup(this, 'FnGroup', { targets: [new targets.LambdaTarget(fn)] });
    pub.addListener('Web', { port: 80, defaultAction: elbv2.ListenerAction.forward([fnGroup]) });`);
    const graph = graphOf(text);
    expect(resourcesOf(graph)).toEqual([
      'Alb AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Alb/Http AWS::ElasticLoadBalancingV2::Listener',
      'Alb/SecurityGroup AWS::EC2::SecurityGroup',
      'Fn/Invoke:LoadBalancer AWS::Lambda::Permission',
      'FnGroup AWS::ElasticLoadBalancingV2::TargetGroup',
      'Group AWS::ElasticLoadBalancingV2::TargetGroup',
      'Public AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Public/SecurityGroup AWS::EC2::SecurityGroup',
      'Public/Web AWS::ElasticLoadBalancingV2::Listener',
    ]);
    expect(graph.get('Alb')!.properties).toEqual({
      LoadBalancerAttributes: [
        { Key: 'deletion_protection.enabled', Value: 'false' },
      ],
      Scheme: 'internal',
      SecurityGroups: [new Ref('Alb/SecurityGroup', 'GroupId')],
      Subnets: [
        new Ref('Vpc/PrivateSubnet1/Subnet'),
        new Ref('Vpc/PrivateSubnet2/Subnet'),
      ],
      Type: 'application',
    });
    expect(graph.get('Alb/SecurityGroup')!.properties).toEqual({
      GroupDescription: new Unknown('description CDK generates'),
      SecurityGroupEgress: [DISALLOW_ALL],
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Alb/Http')!.properties).toEqual({
      DefaultActions: [{ TargetGroupArn: new Ref('Group'), Type: 'forward' }],
      LoadBalancerArn: new Ref('Alb'),
      Port: 8080,
      Protocol: 'HTTP',
    });
    expect(graph.get('Group')!.properties).toEqual({
      Port: 8080,
      Protocol: 'HTTP',
      TargetGroupAttributes: [{ Key: 'stickiness.enabled', Value: 'false' }],
      TargetType: 'ip',
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Public')!.properties).toMatchObject({
      Scheme: 'internet-facing',
      SecurityGroups: [new Ref('Public/SecurityGroup', 'GroupId')],
      Subnets: [
        new Ref('Vpc/PublicSubnet1/Subnet'),
        new Ref('Vpc/PublicSubnet2/Subnet'),
      ],
    });
    expect(graph.get('Public/SecurityGroup')!.properties).toEqual({
      GroupDescription: new Unknown('description CDK generates'),
      SecurityGroupEgress: [DISALLOW_ALL],
      SecurityGroupIngress: [
        {
          CidrIp: '0.0.0.0/0',
          Description: 'Allow from anyone on port 80',
          FromPort: 80,
          IpProtocol: 'tcp',
          ToPort: 80,
        },
      ],
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Public/Web')!.properties).toEqual({
      DefaultActions: [{ TargetGroupArn: new Ref('FnGroup'), Type: 'forward' }],
      LoadBalancerArn: new Ref('Public'),
      Port: 80,
      Protocol: 'HTTP',
    });
    expect(graph.get('FnGroup')!.properties).toEqual({
      TargetType: 'lambda',
      Targets: [{ Id: new Ref('Fn', 'Arn') }],
    });
  });

  it('a network load balancer has no security group; its TCP listener forwards to a network target group', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const nlb = new elbv2.NetworkLoadBalancer(this, 'Nlb', { vpc });
    const group = new elbv2.NetworkTargetGroup(this, 'TargetGroup', { vpc, port: 443, targetType: elbv2.TargetType.IP });
    nlb.addListener('Listener', { port: 443, defaultTargetGroups: [group] });`);
    const graph = graphOf(text);
    expect(resourcesOf(graph)).toEqual([
      'Nlb AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Nlb/Listener AWS::ElasticLoadBalancingV2::Listener',
      'TargetGroup AWS::ElasticLoadBalancingV2::TargetGroup',
    ]);
    expect(graph.get('Nlb')!.properties).toEqual({
      LoadBalancerAttributes: [
        { Key: 'deletion_protection.enabled', Value: 'false' },
      ],
      Scheme: 'internal',
      Subnets: [
        new Ref('Vpc/PrivateSubnet1/Subnet'),
        new Ref('Vpc/PrivateSubnet2/Subnet'),
      ],
      Type: 'network',
    });
    expect(graph.get('Nlb/Listener')!.properties).toEqual({
      DefaultActions: [
        { TargetGroupArn: new Ref('TargetGroup'), Type: 'forward' },
      ],
      LoadBalancerArn: new Ref('Nlb'),
      Port: 443,
      Protocol: 'TCP',
    });
    expect(graph.get('TargetGroup')!.properties).toEqual({
      Port: 443,
      Protocol: 'TCP',
      TargetType: 'ip',
      VpcId: new Ref('Vpc'),
    });
    expect(findings(text, ['OPS-003'])).toEqual([
      'OPS-003 Nlb 12',
      'OPS-003 TargetGroup 13',
      'OPS-003 Nlb/Listener 14',
    ]);
  });

  it('under the flag networkLoadBalancerWithSecurityGroupByDefault (cdk init sets it), a network load balancer makes its own security group allowing no outbound traffic, as synth writes', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const nlb = new elbv2.NetworkLoadBalancer(this, 'Nlb', { vpc });
    const group = new elbv2.NetworkTargetGroup(this, 'TargetGroup', { vpc, port: 443, targetType: elbv2.TargetType.IP });
    nlb.addListener('Listener', { port: 443, defaultTargetGroups: [group] });`);
    const [, ...rest] = cdkStackFiles(text);
    const graph = cdkAdapter.load([
      {
        path: 'svc/cdk.json',
        text: '{ "app": "npx ts-node bin/app.ts", "context": { "@aws-cdk/aws-elasticloadbalancingv2:networkLoadBalancerWithSecurityGroupByDefault": true } }',
      },
      ...rest,
    ]).graphs[0];
    expect(resourcesOf(graph)).toEqual([
      'Nlb AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Nlb/Listener AWS::ElasticLoadBalancingV2::Listener',
      'Nlb/SecurityGroup AWS::EC2::SecurityGroup',
      'TargetGroup AWS::ElasticLoadBalancingV2::TargetGroup',
    ]);
    expect(graph.get('Nlb')!.properties.SecurityGroups).toEqual([
      new Ref('Nlb/SecurityGroup', 'GroupId'),
    ]);
    // A network listener opens no port in it.
    expect(graph.get('Nlb/SecurityGroup')!.properties).toEqual({
      GroupDescription: new Unknown('description CDK generates'),
      SecurityGroupEgress: [DISALLOW_ALL],
      VpcId: new Ref('Vpc'),
    });
  });

  it("a rule CDK adds to a load balancer's security group that the model does not follow leaves its rules not known, not written without it: a listener not modelled that may be open (of addListener or made apart), a listener's connections, addSecurityGroup (which adds the group)", () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc });
    alb.addListener('Fixed', { port: 8080, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    const shut = new elbv2.ApplicationLoadBalancer(this, 'Shut', { vpc });
    shut.addListener('Closed', { port: 8000, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    const group = new elbv2.ApplicationTargetGroup(this, 'Group', { vpc, port: 80 });
    const other = new elbv2.ApplicationLoadBalancer(this, 'Other', { vpc });
    other.addListener('Http', { port: 80, open: false, defaultTargetGroups: [group] }).connections.allowDefaultPortFromAnyIpv4();
    const third = new elbv2.ApplicationLoadBalancer(this, 'Third', { vpc });
    const extra = new ec2.SecurityGroup(this, 'Extra', { vpc });
    third.addSecurityGroup(extra);
    third.addListener('Http', { port: 80, defaultTargetGroups: [group] });
    const fourth = new elbv2.ApplicationLoadBalancer(this, 'Fourth', { vpc });
    new elbv2.ApplicationListener(this, 'Apart', { loadBalancer: fourth, port: 80, defaultTargetGroups: [group] });`);
    const graph = graphOf(text);
    for (const id of ['Alb/SecurityGroup', 'Fourth/SecurityGroup'])
      expect(graph.get(id)!.properties.SecurityGroupIngress).toEqual(
        new Unknown(`rules of ${id}`),
      );
    // One closed adds no rule.
    expect(graph.get('Shut/SecurityGroup')!.properties).toEqual({
      GroupDescription: new Unknown('description CDK generates'),
      SecurityGroupEgress: [DISALLOW_ALL],
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Other/SecurityGroup')!.properties).toMatchObject({
      SecurityGroupEgress: new Unknown('rules of Other/SecurityGroup'),
      SecurityGroupIngress: new Unknown('rules of Other/SecurityGroup'),
    });
    expect(graph.get('Third')!.properties.SecurityGroups).toEqual([
      new Ref('Third/SecurityGroup', 'GroupId'),
      new Ref('Extra', 'GroupId'),
    ]);
    for (const id of ['Third/SecurityGroup', 'Extra'])
      expect(graph.get(id)!.properties).toMatchObject({
        SecurityGroupEgress: new Unknown(`rules of ${id}`),
        SecurityGroupIngress: new Unknown(`rules of ${id}`),
      });
  });

  it('a listener of a load balancer imported, and a rule or certificate of a listener imported, which synth writes in the stack, are listed as not modelled', () => {
    const text =
      stack(`    const alb = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(this, 'Alb', {
      loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/web/1234',
      securityGroupId: 'sg-1234',
    });
    const fn = ${FUNCTION};
    const group = new elbv2.ApplicationTargetGroup(this, 'Group', { targets: [new targets.LambdaTarget(fn)] });
    alb.addListener('Http', { port: 80, defaultTargetGroups: [group] });
    const nlb = elbv2.NetworkLoadBalancer.fromLookup(this, 'Nlb', { loadBalancerTags: { app: 'web' } });
    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { isDefault: true });
    const tcp = new elbv2.NetworkTargetGroup(this, 'TcpGroup', { vpc, port: 80 });
    nlb.addListener('Tcp', { port: 80, defaultTargetGroups: [tcp] });
    const listener = elbv2.ApplicationListener.fromLookup(this, 'Listener', { listenerArn: 'arn' });
    listener.addTargetGroups('Rule', { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/api'])], targetGroups: [group] });
    listener.addCertificates('Certificates', [elbv2.ListenerCertificate.fromArn('arn')]);`);
    expect(resourcesOf(graphOf(text))).toEqual([
      'Fn/Invoke:LoadBalancer AWS::Lambda::Permission',
      'Group AWS::ElasticLoadBalancingV2::TargetGroup',
      'TcpGroup AWS::ElasticLoadBalancingV2::TargetGroup',
    ]);
    expect(scanCdkApp(text, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'aws-elasticloadbalancingv2.ApplicationListener', count: 1 },
      {
        type: 'aws-elasticloadbalancingv2.ApplicationListenerCertificate',
        count: 1,
      },
      { type: 'aws-elasticloadbalancingv2.ApplicationListenerRule', count: 1 },
      { type: 'aws-elasticloadbalancingv2.NetworkListener', count: 1 },
    ]);
  });

  it("a LambdaTarget of a function's version or alias registers the version's or alias's ARN, with the permission below it; the target groups are judged (OPS-003)", () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const fn = ${FUNCTION};
    const listener = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc }).addListener('Http', { port: 80 });
    listener.addTargets('Live', { targets: [new targets.LambdaTarget(fn.addAlias('live'))] });
    new elbv2.ApplicationTargetGroup(this, 'Pinned', { targets: [new targets.LambdaTarget(fn.currentVersion)] });`);
    const graph = graphOf(text);
    expect(graph.get('Alb/Http/LiveGroup')!.properties).toEqual({
      TargetType: 'lambda',
      Targets: [{ Id: new Ref('Fn/Aliaslive', 'Arn') }],
    });
    expect(graph.get('Pinned')!.properties.Targets).toEqual([
      { Id: new Ref('Fn/CurrentVersion', 'Arn') },
    ]);
    expect(graph.get('Fn/Aliaslive/Invoke:LoadBalancer')!.type).toBe(
      'AWS::Lambda::Permission',
    );
    expect(
      findings(text, ['OPS-003']).filter(row => /LiveGroup|Pinned/.test(row)),
    ).toEqual(['OPS-003 Alb/Http/LiveGroup 18', 'OPS-003 Pinned 19']);
  });

  it("a LambdaTarget of a function, version or alias imported: the target group is made, of a target not known; its permission is listed as not modelled, whether synth writes it depending on the stack's account, sameEnvironment and skipPermissions", () => {
    const text =
      stack(`    const fn = lambda.Function.fromFunctionArn(this, 'F', 'arn:aws:lambda:us-east-1:123456789012:function:x');
    new elbv2.ApplicationTargetGroup(this, 'Group', { targets: [new targets.LambdaTarget(fn)] });
    const named = lambda.Function.fromFunctionName(this, 'N', 'y');
    new elbv2.ApplicationTargetGroup(this, 'Named', { targets: [new targets.LambdaTarget(named)] });
    const same = lambda.Function.fromFunctionAttributes(this, 'A', {
      functionArn: 'arn:aws:lambda:us-east-1:999999999999:function:z', sameEnvironment: true,
    });
    new elbv2.ApplicationTargetGroup(this, 'Same', { targets: [new targets.LambdaTarget(same)] });
    const version = lambda.Version.fromVersionAttributes(this, 'V', { lambda: same, version: '3' });
    new elbv2.ApplicationTargetGroup(this, 'Versioned', { targets: [new targets.LambdaTarget(version)] });`);
    const graph = graphOf(text);
    expect(resourcesOf(graph)).toEqual([
      'Group AWS::ElasticLoadBalancingV2::TargetGroup',
      'Named AWS::ElasticLoadBalancingV2::TargetGroup',
      'Same AWS::ElasticLoadBalancingV2::TargetGroup',
      'Versioned AWS::ElasticLoadBalancingV2::TargetGroup',
    ]);
    expect(graph.get('Versioned')!.properties).toEqual({
      TargetType: 'lambda',
      Targets: [{ Id: new Unknown('target of a function not modelled') }],
    });
    expect(scanCdkApp(text, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'aws-lambda.CfnPermission', count: 4 },
    ]);
  });

  it('what the model does not follow is listed as not modelled: an HTTPS listener, access logs, targets other than functions, props it does not know, a listener rule of the legacy pathPattern', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    alb.addListener('Https', { port: 443, certificates: [elbv2.ListenerCertificate.fromArn('arn')] });
    alb.logAccessLogs(new s3.Bucket(this, 'Logs'));
    new elbv2.ApplicationTargetGroup(this, 'Ips', { vpc, port: 80, targets: [new targets.IpTarget('10.0.0.1')] });
    new elbv2.NetworkLoadBalancer(this, 'Nlb', { vpc, crossZoneEnabled: true });
    const fn = ${FUNCTION};
    alb.addListener('Http', { port: 80 }).addTargets('Rule', {
      targets: [new targets.LambdaTarget(fn)], priority: 10, pathPattern: '/api',
    });`);
    const graph = graphOf(text);
    expect(resourcesOf(graph)).toEqual([
      'Alb AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Alb/Http AWS::ElasticLoadBalancingV2::Listener',
      'Alb/SecurityGroup AWS::EC2::SecurityGroup',
      'Fn/Invoke:LoadBalancer AWS::Lambda::Permission',
      'Logs AWS::S3::Bucket',
      'Logs/Policy AWS::S3::BucketPolicy',
    ]);
    expect(graph.get('Alb')!.properties.LoadBalancerAttributes).toEqual(
      new Unknown('LoadBalancerAttributes of Alb'),
    );
    expect(graph.get('Alb/Http')!.properties.DefaultActions).toEqual(
      new Unknown('actions of Alb/Http'),
    );
    expect(scanCdkApp(text, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'aws-elasticloadbalancingv2.ApplicationListener', count: 1 },
      { type: 'aws-elasticloadbalancingv2.ApplicationLoadBalancer', count: 1 },
      { type: 'aws-elasticloadbalancingv2.ApplicationTargetGroup', count: 2 },
      { type: 'aws-elasticloadbalancingv2.NetworkLoadBalancer', count: 1 },
    ]);
  });

  it('listener rules of a priority and conditions, made by addTargets (with its target group), addAction, addTargetGroups or new ApplicationListenerRule, are below what makes them, as synth writes them (OPS-003)', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const fn = ${FUNCTION};
    const group = new elbv2.ApplicationTargetGroup(this, 'Group', { vpc });
    const listener = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc }).addListener('Http', { port: 80, defaultTargetGroups: [group] });
    listener.addTargets('Api', { priority: 10, conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*'])], targets: [new targets.LambdaTarget(fn)] });
    listener.addAction('Fixed', { priority: 20, conditions: [elbv2.ListenerCondition.hostHeaders(['a.example.com'])], action: elbv2.ListenerAction.fixedResponse(200) });
    listener.addTargetGroups('More', { priority: 30, conditions: [elbv2.ListenerCondition.httpRequestMethods(['POST'])], targetGroups: [group] });
    new elbv2.ApplicationListenerRule(this, 'Header', { listener, priority: 40, conditions: [elbv2.ListenerCondition.httpHeader('x-env', ['beta'])], action: elbv2.ListenerAction.forward([group]) });`);
    const graph = graphOf(text);
    const rule = (priority: number, condition: object, group: string) => ({
      Actions: [{ TargetGroupArn: new Ref(group), Type: 'forward' }],
      Conditions: [condition],
      ListenerArn: new Ref('Alb/Http'),
      Priority: priority,
    });
    expect(graph.get('Alb/Http/ApiGroup')!.properties).toEqual({
      TargetType: 'lambda',
      Targets: [{ Id: new Ref('Fn', 'Arn') }],
    });
    expect(graph.get('Alb/Http/ApiRule')!.properties).toEqual(
      rule(
        10,
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
        'Alb/Http/ApiGroup',
      ),
    );
    // A fixed response is not followed: the rule is made, its action not known.
    expect(graph.get('Alb/Http/FixedRule')!.properties).toEqual({
      ...rule(
        20,
        {
          Field: 'host-header',
          HostHeaderConfig: { Values: ['a.example.com'] },
        },
        'Group',
      ),
      Actions: new Unknown('action of a listener rule'),
    });
    expect(graph.get('Alb/Http/MoreRule')!.properties).toEqual(
      rule(
        30,
        {
          Field: 'http-request-method',
          HttpRequestMethodConfig: { Values: ['POST'] },
        },
        'Group',
      ),
    );
    expect(graph.get('Header')!.properties).toEqual(
      rule(
        40,
        {
          Field: 'http-header',
          HttpHeaderConfig: { HttpHeaderName: 'x-env', Values: ['beta'] },
        },
        'Group',
      ),
    );
    // The rules leave the listener's default action as it was.
    expect(graph.get('Alb/Http')!.properties.DefaultActions).toEqual([
      { TargetGroupArn: new Ref('Group'), Type: 'forward' },
    ]);
    expect(
      findings(text, ['OPS-003']).filter(
        row => /Rule|Group|Header/.test(row) && !row.includes('SecurityGroup'),
      ),
    ).toEqual([
      'OPS-003 Group 17',
      'OPS-003 Alb/Http/ApiGroup 19',
      'OPS-003 Alb/Http/ApiRule 19',
      'OPS-003 Alb/Http/FixedRule 20',
      'OPS-003 Alb/Http/MoreRule 21',
      'OPS-003 Header 22',
    ]);
    expect(
      scanCdkApp(text, ['OPS-003']).programs![0].notModelled,
    ).toBeUndefined();
  });

  it('addAction and addTargetGroups of no priority set the default action of the listener', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const group = new elbv2.ApplicationTargetGroup(this, 'Group', { vpc });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc });
    alb.addListener('Http', { port: 80 }).addAction('Default', { action: elbv2.ListenerAction.forward([group]) });
    alb.addListener('Alt', { port: 8080 }).addTargetGroups('Default', { targetGroups: [group] });`);
    const graph = graphOf(text);
    for (const id of ['Alb/Http', 'Alb/Alt'])
      expect(graph.get(id)!.properties.DefaultActions).toEqual([
        { TargetGroupArn: new Ref('Group'), Type: 'forward' },
      ]);
  });
});

/**
 * VPCs and what is in them (aws-ec2 `Vpc`, `SecurityGroup`, `InterfaceVpcEndpoint`, a VPC's flow logs and gateway
 * endpoints): the resources `cdk synth` writes for them (aws-cdk-lib 2.278.0, a stack without an environment, so two
 * AZs), the tags CDK gives what is below a VPC (OPS-003 judges none of them untagged), and the log group and role of
 * a flow log to CloudWatch Logs (ENC-001, LOG-002).
 */
import { Ref, Unknown, concat } from '../../graph/values';
import {
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
  cdkStackSource,
  scanCdkApp,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';`,
    body,
  );

/** The resources of a graph as `id type`, sorted. */
const resourcesOf = (graph: ReturnType<typeof graphOf>) =>
  [...graph.resources]
    .map(resource => `${resource.id} ${resource.type}`)
    .sort();

describe('CDK VPC', () => {
  it('a Vpc is the VPC, its subnets, route tables and routes, internet gateway, and NAT gateways with their EIPs synth writes, all tagged', () => {
    const text =
      stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3, natGateways: 1 });
    new cdk.CfnOutput(this, 'Private', { value: vpc.privateSubnets[1].subnetId });`);
    const graph = graphOf(text);
    const subnet = (name: string) => [
      `Vpc/${name}/DefaultRoute AWS::EC2::Route`,
      `Vpc/${name}/RouteTable AWS::EC2::RouteTable`,
      `Vpc/${name}/RouteTableAssociation AWS::EC2::SubnetRouteTableAssociation`,
      `Vpc/${name}/Subnet AWS::EC2::Subnet`,
    ];
    expect(resourcesOf(graph)).toEqual(
      [
        'Vpc AWS::EC2::VPC',
        'Vpc/IGW AWS::EC2::InternetGateway',
        'Vpc/VPCGW AWS::EC2::VPCGatewayAttachment',
        'Vpc/PublicSubnet1/EIP AWS::EC2::EIP',
        'Vpc/PublicSubnet1/NATGateway AWS::EC2::NatGateway',
        ...subnet('PublicSubnet1'),
        ...subnet('PublicSubnet2'),
        ...subnet('PrivateSubnet1'),
        ...subnet('PrivateSubnet2'),
      ].sort(),
    );
    expect(graph.get('Vpc')!.properties).toEqual({
      CidrBlock: '10.0.0.0/16',
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
      InstanceTenancy: 'default',
    });
    expect(graph.get('Vpc/PrivateSubnet2/Subnet')!.properties).toEqual({
      AvailabilityZone: new Unknown('an AZ of the stack'),
      CidrBlock: '10.0.192.0/18',
      MapPublicIpOnLaunch: false,
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Vpc/PublicSubnet1/Subnet')!.properties).toMatchObject({
      CidrBlock: '10.0.0.0/18',
      MapPublicIpOnLaunch: true,
    });
    // The one NAT gateway, in the first public subnet, is every private subnet's way out.
    expect(graph.get('Vpc/PrivateSubnet2/DefaultRoute')!.properties).toEqual({
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: new Ref('Vpc/PublicSubnet1/NATGateway'),
      RouteTableId: new Ref('Vpc/PrivateSubnet2/RouteTable'),
    });
    expect(graph.get('Vpc/PublicSubnet2/DefaultRoute')!.properties).toEqual({
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: new Ref('Vpc/IGW'),
      RouteTableId: new Ref('Vpc/PublicSubnet2/RouteTable'),
    });
    expect(graph.get('Vpc/PublicSubnet1/NATGateway')!.properties).toEqual({
      AllocationId: new Ref('Vpc/PublicSubnet1/EIP', 'AllocationId'),
      SubnetId: new Ref('Vpc/PublicSubnet1/Subnet'),
    });
    expect(graph.outputs.map(output => output.value)).toEqual([
      new Ref('Vpc/PrivateSubnet2/Subnet'),
    ]);
    // Tagged with their paths as Name: no OPS-003, as on the synthesized template; nothing left not modelled.
    expect(findings(text, ['OPS-003'])).toEqual([]);
    expect(
      scanCdkApp(text, ['OPS-003']).programs![0].notModelled,
    ).toBeUndefined();
  });

  it('subnetConfiguration, ipAddresses and natGateways: 0 give the subnets and CIDR blocks synth allocates; isolated subnets have no route; a VPC with a NAT provider is not modelled', () => {
    const text = stack(`    new ec2.Vpc(this, 'Net', {
      ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16'),
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    new ec2.Vpc(this, 'Plain', { natGateways: 0 });
    new ec2.Vpc(this, 'Instances', { natGatewayProvider: ec2.NatProvider.instanceV2({ instanceType: new ec2.InstanceType('t3.micro') }) });`);
    const graph = graphOf(text);
    const cidrs = [...graph.resources]
      .filter(resource => resource.type === 'AWS::EC2::Subnet')
      .map(
        resource => `${resource.id} ${String(resource.properties.CidrBlock)}`,
      );
    expect(cidrs).toEqual([
      'Net/IngressSubnet1/Subnet 10.1.0.0/24',
      'Net/IngressSubnet2/Subnet 10.1.1.0/24',
      'Net/DataSubnet1/Subnet 10.1.64.0/18',
      'Net/DataSubnet2/Subnet 10.1.128.0/18',
      'Plain/PublicSubnet1/Subnet 10.0.0.0/18',
      'Plain/PublicSubnet2/Subnet 10.0.64.0/18',
      'Plain/IsolatedSubnet1/Subnet 10.0.128.0/18',
      'Plain/IsolatedSubnet2/Subnet 10.0.192.0/18',
    ]);
    expect(
      [...graph.resources]
        .filter(resource =>
          ['AWS::EC2::Route', 'AWS::EC2::NatGateway'].includes(resource.type),
        )
        .map(resource => resource.id),
    ).toEqual([
      'Net/IngressSubnet1/DefaultRoute',
      'Net/IngressSubnet2/DefaultRoute',
      'Plain/PublicSubnet1/DefaultRoute',
      'Plain/PublicSubnet2/DefaultRoute',
    ]);
    expect(graph.get('Instances')).toBeUndefined();
    expect(scanCdkApp(text, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'aws-ec2.Vpc', count: 1 },
    ]);
  });

  it('natGatewaySubnets places the NAT gateways in the subnets it selects, as synth does', () => {
    const graph = graphOf(
      stack(
        `    new ec2.Vpc(this, 'Vpc', { natGateways: 1, natGatewaySubnets: { subnetGroupName: 'B' }, subnetConfiguration: [{ name: 'A', subnetType: ec2.SubnetType.PUBLIC }, { name: 'B', subnetType: ec2.SubnetType.PUBLIC }, { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });`,
      ),
    );
    expect(
      resourcesOf(graph).filter(row => /NATGateway|EIP/.test(row)),
    ).toEqual([
      'Vpc/BSubnet1/EIP AWS::EC2::EIP',
      'Vpc/BSubnet1/NATGateway AWS::EC2::NatGateway',
    ]);
    expect(
      graph.get('Vpc/AppSubnet2/DefaultRoute')!.properties.NatGatewayId,
    ).toEqual(new Ref('Vpc/BSubnet1/NATGateway'));
  });

  it('reservedAzs keeps blocks for AZs to come in each subnet group, as synth allocates them', () => {
    const graph = graphOf(
      stack(`    new ec2.Vpc(this, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('172.16.0.0/20'), reservedAzs: 1, subnetConfiguration: [{ name: 'Pub', subnetType: ec2.SubnetType.PUBLIC }, { name: 'Priv', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });
    new ec2.Vpc(this, 'Masked', { reservedAzs: 2, subnetConfiguration: [{ name: 'Pub', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }, { name: 'Priv', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });`),
    );
    const blocks = (vpc: string) =>
      ['PubSubnet1', 'PubSubnet2', 'PrivSubnet1', 'PrivSubnet2'].map(
        subnet => graph.get(`${vpc}/${subnet}/Subnet`)!.properties.CidrBlock,
      );
    expect(blocks('Vpc')).toEqual([
      '172.16.0.0/23',
      '172.16.2.0/23',
      '172.16.6.0/23',
      '172.16.8.0/23',
    ]);
    expect(blocks('Masked')).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.32.0/19',
      '10.0.64.0/19',
    ]);
  });

  it('an internet gateway is made for any subnets but isolated ones unless createInternetGateway is false (no NAT gateway then), NAT gateways as many as asked up to one per AZ, as synth writes them', () => {
    const graph = graphOf(
      stack(`    new ec2.Vpc(this, 'NoIgw', { createInternetGateway: false, natGateways: 1 });
    new ec2.Vpc(this, 'NatNoPrivate', { natGateways: 1, subnetConfiguration: [{ name: 'Web', subnetType: ec2.SubnetType.PUBLIC }, { name: 'Db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new ec2.Vpc(this, 'PrivateOnly', { natGateways: 0, subnetConfiguration: [{ name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });
    new ec2.Vpc(this, 'TwoPublic', { natGateways: 3, subnetConfiguration: [{ name: 'A', subnetType: ec2.SubnetType.PUBLIC }, { name: 'B', subnetType: ec2.SubnetType.PUBLIC }, { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] });`),
    );
    const gateways = (vpc: string) =>
      resourcesOf(graph).filter(
        row =>
          row.startsWith(`${vpc}/`) &&
          /IGW|VPCGW|EIP|NATGateway|DefaultRoute/.test(row),
      );
    expect(gateways('NoIgw')).toEqual([]);
    expect(gateways('NatNoPrivate')).toEqual([
      'NatNoPrivate/IGW AWS::EC2::InternetGateway',
      'NatNoPrivate/VPCGW AWS::EC2::VPCGatewayAttachment',
      'NatNoPrivate/WebSubnet1/DefaultRoute AWS::EC2::Route',
      'NatNoPrivate/WebSubnet1/EIP AWS::EC2::EIP',
      'NatNoPrivate/WebSubnet1/NATGateway AWS::EC2::NatGateway',
      'NatNoPrivate/WebSubnet2/DefaultRoute AWS::EC2::Route',
    ]);
    expect(gateways('PrivateOnly')).toEqual([
      'PrivateOnly/IGW AWS::EC2::InternetGateway',
      'PrivateOnly/VPCGW AWS::EC2::VPCGatewayAttachment',
    ]);
    expect(
      gateways('TwoPublic').filter(row => row.includes('NATGateway')),
    ).toEqual([
      'TwoPublic/ASubnet1/NATGateway AWS::EC2::NatGateway',
      'TwoPublic/ASubnet2/NATGateway AWS::EC2::NatGateway',
    ]);
  });

  it("a VPC's VPN gateway and connections, of its props or methods, and a client VPN endpoint are listed as not modelled", () => {
    const text =
      stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { vpnConnections: { Office: { ip: '192.0.2.1' } } });
    const other = new ec2.Vpc(this, 'Other', { vpnGateway: false });
    other.enableVpnGateway({ type: 'ipsec.1' });
    other.addVpnConnection('Home', { ip: '192.0.2.2' });
    vpc.addClientVpnEndpoint('Client', { cidr: '10.100.0.0/16', serverCertificateArn: 'arn', clientCertificateArn: 'arn' });`);
    expect(graphOf(text).get('Vpc')!.type).toBe('AWS::EC2::VPC');
    expect(scanCdkApp(text, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'aws-ec2.ClientVpnEndpoint', count: 1 },
      { type: 'aws-ec2.VpnConnection', count: 2 },
      { type: 'aws-ec2.VpnGateway', count: 2 },
    ]);
  });

  it('a flow log to CloudWatch Logs makes its log group (two years, no key: ENC-001) and a role the flow logs service assumes, granted writing to it; one given a log group writes there', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', {
      flowLogs: { Rejected: { destination: ec2.FlowLogDestination.toCloudWatchLogs(group), trafficType: ec2.FlowLogTrafficType.REJECT } },
    });
    vpc.addFlowLog('Flow');`).replace(
      '    super(scope, id);\n',
      "    super(scope, id);\n    const group = new logs.LogGroup(this, 'Group', { retention: logs.RetentionDays.ONE_WEEK });\n",
    );
    const graph = graphOf(text);
    expect(graph.get('Vpc/Flow/LogGroup')!.properties).toEqual({
      RetentionInDays: 731,
    });
    expect(graph.get('Vpc/Flow/IAMRole')!.properties).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    });
    expect(
      (
        graph.get('Vpc/Flow/IAMRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
        ],
        Resource: new Ref('Vpc/Flow/LogGroup', 'Arn'),
      },
    ]);
    expect(graph.get('Vpc/Flow/FlowLog')!.properties).toEqual({
      DeliverLogsPermissionArn: new Ref('Vpc/Flow/IAMRole', 'Arn'),
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: new Ref('Vpc/Flow/LogGroup'),
      ResourceId: new Ref('Vpc'),
      ResourceType: 'VPC',
      TrafficType: 'ALL',
    });
    expect(graph.get('Vpc/Rejected/FlowLog')!.properties).toMatchObject({
      LogGroupName: new Ref('Group'),
      TrafficType: 'REJECT',
    });
    expect(graph.get('Vpc/Rejected/LogGroup')).toBeUndefined();
    // As on the synthesized template: the group of the stack's own is untagged, those below the VPC are not.
    expect(findings(text, ['ENC-001', 'LOG-002', 'OPS-003'])).toEqual([
      'ENC-001 Group 11',
      'OPS-003 Group 11',
      'ENC-001 Vpc/Flow/LogGroup 15',
    ]);
  });

  it('a security group allows all outbound traffic or none, with the rules added of CIDR peers; interface and gateway endpoints are in the subnets and route tables synth picks', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc, allowAllOutbound: false });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
    sg.addEgressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcpRange(1000, 2000), 'out');
    new ec2.SecurityGroup(this, 'Open', { vpc });
    vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    new ec2.InterfaceVpcEndpoint(this, 'Secrets', { vpc, service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, open: false });`);
    const graph = graphOf(text);
    expect(graph.get('Sg')!.properties).toEqual({
      GroupDescription: new Unknown('the path of the security group'),
      SecurityGroupEgress: [
        {
          CidrIp: '10.0.0.0/8',
          Description: 'out',
          FromPort: 1000,
          IpProtocol: 'tcp',
          ToPort: 2000,
        },
      ],
      SecurityGroupIngress: [
        {
          CidrIp: '0.0.0.0/0',
          Description: 'from 0.0.0.0/0:443',
          FromPort: 443,
          IpProtocol: 'tcp',
          ToPort: 443,
        },
      ],
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Open')!.properties.SecurityGroupEgress).toEqual([
      {
        CidrIp: '0.0.0.0/0',
        Description: 'Allow all outbound traffic by default',
        IpProtocol: '-1',
      },
    ]);
    const region = Unknown.oneValue('AWS::Region');
    expect(graph.get('Vpc/Sqs')!.properties).toEqual({
      PrivateDnsEnabled: true,
      SecurityGroupIds: [new Ref('Vpc/Sqs/SecurityGroup', 'GroupId')],
      ServiceName: concat(['com.amazonaws.', region, '.sqs']),
      SubnetIds: [
        new Ref('Vpc/PrivateSubnet1/Subnet'),
        new Ref('Vpc/PrivateSubnet2/Subnet'),
      ],
      VpcEndpointType: 'Interface',
      VpcId: new Ref('Vpc'),
    });
    expect(
      graph.get('Vpc/Sqs/SecurityGroup')!.properties.SecurityGroupIngress,
    ).toMatchObject([
      { CidrIp: new Ref('Vpc', 'CidrBlock'), FromPort: 443, ToPort: 443 },
    ]);
    expect(
      graph.get('Secrets/SecurityGroup')!.properties.SecurityGroupIngress,
    ).toBeUndefined();
    expect(graph.get('Vpc/S3')!.properties).toEqual({
      RouteTableIds: [
        new Ref('Vpc/PrivateSubnet1/RouteTable'),
        new Ref('Vpc/PrivateSubnet2/RouteTable'),
        new Ref('Vpc/PublicSubnet1/RouteTable'),
        new Ref('Vpc/PublicSubnet2/RouteTable'),
      ],
      ServiceName: concat(['com.amazonaws.', region, '.s3']),
      VpcEndpointType: 'Gateway',
      VpcId: new Ref('Vpc'),
    });
    // As on the synthesized template: the groups and the endpoint the stack makes are untagged; the VPC's endpoints, below it, are not.
    expect(findings(text, ['OPS-003'])).toEqual([
      'OPS-003 Sg 12',
      'OPS-003 Open 15',
      'OPS-003 Secrets/SecurityGroup 18',
      'OPS-003 Secrets 18',
    ]);
  });

  it('subnet selections by group name and type (one per AZ for an interface endpoint), and rules added through connections, are those synth writes', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', {
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Web', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'Db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: 'Cache', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    const db = new ec2.SecurityGroup(this, 'Db', { vpc, allowAllOutbound: false, description: 'db' });
    const app = new ec2.SecurityGroup(this, 'App', { vpc });
    db.connections.allowFrom(app, ec2.Port.tcp(5432));
    app.connections.allowFromAnyIpv4(ec2.Port.tcp(443));
    const code = lambda.Code.fromInline('x');
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, vpcSubnets: { subnetGroupName: 'Cache' }, securityGroups: [app] });
    vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });`);
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        .filter(resource => resource.type === 'AWS::EC2::Subnet')
        .map(resource => resource.properties.CidrBlock),
    ).toEqual([
      '10.0.32.0/19',
      '10.0.64.0/19',
      '10.0.96.0/19',
      '10.0.128.0/19',
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.2.0/24',
      '10.0.3.0/24',
    ]);
    // A rule between groups is a resource of its own (not modelled): the groups' own rules stay as they were.
    expect(graph.get('Db')!.properties).toMatchObject({
      GroupDescription: 'db',
      SecurityGroupEgress: [
        {
          CidrIp: '255.255.255.255/32',
          Description: 'Disallow all traffic',
          FromPort: 252,
          IpProtocol: 'icmp',
          ToPort: 86,
        },
      ],
    });
    expect(graph.get('Db')!.properties.SecurityGroupIngress).toBeUndefined();
    expect(graph.get('App')!.properties.SecurityGroupIngress).toEqual([
      {
        CidrIp: '0.0.0.0/0',
        Description: 'from 0.0.0.0/0:443',
        FromPort: 443,
        IpProtocol: 'tcp',
        ToPort: 443,
      },
    ]);
    expect(graph.get('Fn')!.properties.VpcConfig).toEqual({
      SecurityGroupIds: [new Ref('App', 'GroupId')],
      SubnetIds: [
        new Ref('Vpc/CacheSubnet1/Subnet'),
        new Ref('Vpc/CacheSubnet2/Subnet'),
      ],
    });
    expect(graph.get('Vpc/Sqs')!.properties.SubnetIds).toEqual([
      new Ref('Vpc/DbSubnet1/Subnet'),
      new Ref('Vpc/DbSubnet2/Subnet'),
    ]);
    // The one NAT gateway, in the first public subnet.
    expect(
      [...graph.resources]
        .filter(resource => resource.type === 'AWS::EC2::NatGateway')
        .map(resource => resource.id),
    ).toEqual(['Vpc/WebSubnet1/NATGateway']);
  });

  it('a function given a VPC runs in its private subnets and in a security group made below it (untagged: OPS-003), its role also given AWSLambdaVPCAccessExecutionRole', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const code = lambda.Code.fromInline('x');
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc });
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    new lambda.Function(this, 'Public', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, allowPublicSubnet: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroups: [sg] });`);
    const graph = graphOf(text);
    expect(graph.get('Fn')!.properties.VpcConfig).toEqual({
      SecurityGroupIds: [new Ref('Fn/SecurityGroup', 'GroupId')],
      SubnetIds: [
        new Ref('Vpc/PrivateSubnet1/Subnet'),
        new Ref('Vpc/PrivateSubnet2/Subnet'),
      ],
    });
    expect(graph.get('Fn/SecurityGroup')!.properties).toMatchObject({
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Fn/ServiceRole')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
    expect(graph.get('Public')!.properties.VpcConfig).toEqual({
      SecurityGroupIds: [new Ref('Sg', 'GroupId')],
      SubnetIds: [
        new Ref('Vpc/PublicSubnet1/Subnet'),
        new Ref('Vpc/PublicSubnet2/Subnet'),
      ],
    });
    expect(graph.get('Public/SecurityGroup')).toBeUndefined();
    expect(
      findings(text, ['OPS-003']).filter(
        row => row.includes('SecurityGroup') || row.startsWith('OPS-003 Sg'),
      ),
    ).toEqual(['OPS-003 Fn/SecurityGroup 13', 'OPS-003 Sg 14']);
  });

  it('a function given what selectSubnets returns as its vpcSubnets runs in those subnets, as synth writes it', () => {
    const graph = graphOf(
      stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), vpc, allowPublicSubnet: true, vpcSubnets: vpc.selectSubnets({ subnetType: ec2.SubnetType.PUBLIC }) });`),
    );
    expect(graph.get('Fn')!.properties.VpcConfig).toMatchObject({
      SubnetIds: [
        new Ref('Vpc/PublicSubnet1/Subnet'),
        new Ref('Vpc/PublicSubnet2/Subnet'),
      ],
    });
  });

  it('a function given the deprecated securityGroup runs in it, one given an empty securityGroups in the one CDK makes, as synth writes them', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const code = lambda.Code.fromInline('x');
    const sg = new ec2.SecurityGroup(this, 'Sg', { vpc });
    cdk.Tags.of(sg).add('team', 'a');
    new lambda.Function(this, 'Single', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, securityGroup: sg });
    new lambda.Function(this, 'Empty', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, vpc, securityGroups: [] });`);
    const graph = graphOf(text);
    expect(graph.get('Single')!.properties.VpcConfig).toMatchObject({
      SecurityGroupIds: [new Ref('Sg', 'GroupId')],
    });
    expect(graph.get('Empty')!.properties.VpcConfig).toMatchObject({
      SecurityGroupIds: [new Ref('Empty/SecurityGroup', 'GroupId')],
    });
    expect(
      findings(text, ['OPS-003']).filter(row => row.includes('SecurityGroup')),
    ).toEqual(['OPS-003 Empty/SecurityGroup 16']);
  });

  it('an ECS cluster without a VPC makes one of two AZs below it; a Fargate service runs in its private subnets, its load balancer in the public ones', () => {
    const text = stack(`    const cluster = new ecs.Cluster(this, 'Cluster');
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });`);
    const graph = graphOf(text);
    expect(graph.get('Cluster/Vpc')!.type).toBe('AWS::EC2::VPC');
    expect(graph.get('Cluster/Vpc/PrivateSubnet2/DefaultRoute')).toBeDefined();
    expect(graph.get('Site/Service/Service')!.properties).toMatchObject({
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: [
            new Ref('Cluster/Vpc/PrivateSubnet1/Subnet'),
            new Ref('Cluster/Vpc/PrivateSubnet2/Subnet'),
          ],
        },
      },
    });
    expect(graph.get('Site/LB')!.properties.Subnets).toEqual([
      new Ref('Cluster/Vpc/PublicSubnet1/Subnet'),
      new Ref('Cluster/Vpc/PublicSubnet2/Subnet'),
    ]);
    expect(graph.get('Site/Service/SecurityGroup')!.properties.VpcId).toEqual(
      new Ref('Cluster/Vpc'),
    );
    expect(
      scanCdkApp(text, ['OPS-003']).programs![0].notModelled,
    ).toBeUndefined();
  });
});

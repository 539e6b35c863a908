/** The model of aws-ec2's VPCs, subnets, VPC endpoints and security groups (see VpcModel). */
import { lookupTable } from '../../../support/lookupTable';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { serviceTrust } from './iam/documents';
import { Ref, Unknown, Value, ValueMap, concat } from '../../../graph/values';
import type { CdkModel } from '../constructs';
import { Props, enumValue } from './props';
import {
  LOG_GROUP,
  SECURITY_GROUP,
  SUBNET,
  VPC,
  VPC_ENDPOINT,
} from './resourceTypes';
import { isDeepStrictEqual } from 'node:util';

export type SubnetKind = 'Public' | 'Private' | 'Isolated';

/** The kind of subnet each `SubnetType` makes, as CDK tags it (`aws-cdk:subnet-type`). */
const SUBNET_KINDS = lookupTable<SubnetKind>({
  'SubnetType.PUBLIC': 'Public',
  'SubnetType.PRIVATE_WITH_EGRESS': 'Private',
  'SubnetType.PRIVATE_WITH_NAT': 'Private',
  'SubnetType.PRIVATE': 'Private',
  'SubnetType.PRIVATE_ISOLATED': 'Isolated',
  'SubnetType.ISOLATED': 'Isolated',
});

/** A subnet group of a VPC modelled: its kind and the ids of its subnets and their route tables, one per AZ. */
interface SubnetGroup {
  name: string;
  kind: SubnetKind;
  subnets: string[];
  routeTables: string[];
}

/** The kinds of subnets a selection of no type picks, the first a VPC has (aws-ec2/lib/vpc.ts, selectSubnetObjects). */
const SUBNET_PREFERENCE: SubnetKind[] = ['Private', 'Isolated', 'Public'];

/**
 * The AZs a VPC spans at most: synth of a stack without an environment gives it two (aws-cdk-lib core/lib/stack.ts,
 * availabilityZones). One with an environment gets its region's, which only the count of subnets depends on.
 */
const STACK_AZS = 2;

/** The subnet groups a VPC has without `subnetConfiguration`: with NAT gateways, or with `natGateways: 0` (aws-ec2/lib/vpc.ts). */
const DEFAULT_SUBNETS = [
  { name: 'Public', subnetType: 'SubnetType.PUBLIC' },
  { name: 'Private', subnetType: 'SubnetType.PRIVATE_WITH_EGRESS' },
];

const DEFAULT_SUBNETS_NO_NAT = [
  { name: 'Public', subnetType: 'SubnetType.PUBLIC' },
  { name: 'Isolated', subnetType: 'SubnetType.PRIVATE_ISOLATED' },
];

/**
 * The CIDR blocks CDK gives a VPC's subnets, in order (aws-ec2/lib/ip-addresses.ts, network-util.ts): those given a
 * mask first, from the start of the VPC's block, then the others, splitting evenly what remains; each block starts at
 * the first address its size aligns to. Undefined for a block or masks not known statically, or too little space.
 */
function subnetCidrs(vpcCidr: JsValue, masks: JsValue[]): string[] | undefined {
  const match =
    typeof vpcCidr === 'string'
      ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(vpcCidr)
      : null;
  if (
    !match ||
    masks.some(mask => !['number', 'undefined'].includes(typeof mask))
  )
    return undefined;
  const [a, b, c, d, bits] = match.slice(1).map(Number);
  let next = ((a * 256 + b) * 256 + c) * 256 + d;
  const block = (mask: number) => {
    const size = 2 ** (32 - mask);
    const start = next + size - 1 - ((next + size - 1) % size);
    next = start + size;
    return start;
  };
  const end = block(bits) + 2 ** (32 - bits);
  next -= 2 ** (32 - bits);
  const text = (start: number, mask: number) =>
    `${[24, 16, 8, 0]
      .map(shift => Math.floor(start / 2 ** shift) % 256)
      .join('.')}/${mask}`;
  const given = masks.map(mask =>
    typeof mask === 'number' ? text(block(mask), mask) : undefined,
  );
  const remaining = masks.filter(mask => mask === undefined).length;
  const perSubnet = remaining > 0 ? Math.floor((end - next) / remaining) : 0;
  if (remaining > 0 && perSubnet < 16) return undefined;
  const mask = 32 - Math.floor(Math.log2(perSubnet));
  const cidrs = given.map(cidr => cidr ?? text(block(mask), mask));
  return next > end ? undefined : cidrs;
}

/** The trust policy of the role CDK makes for a flow log to CloudWatch Logs (aws-ec2/lib/vpc-flow-logs.ts). */
const VPC_FLOW_LOGS_TRUST = serviceTrust('vpc-flow-logs.amazonaws.com');

/** The egress rule of a security group that allows no outbound traffic (`allowAllOutbound: false`, aws-ec2/lib/security-group.ts). */
const DISALLOW_ALL = {
  CidrIp: '255.255.255.255/32',
  Description: 'Disallow all traffic',
  FromPort: 252,
  IpProtocol: 'icmp',
  ToPort: 86,
};

/** The names of the endpoint services of `GatewayVpcEndpointAwsService` and `InterfaceVpcEndpointAwsService` members, after the region. */
const ENDPOINT_SERVICES = lookupTable<string>({
  'GatewayVpcEndpointAwsService.S3': 's3',
  'GatewayVpcEndpointAwsService.DYNAMODB': 'dynamodb',
  'InterfaceVpcEndpointAwsService.S3': 's3',
  'InterfaceVpcEndpointAwsService.DYNAMODB': 'dynamodb',
  'InterfaceVpcEndpointAwsService.SQS': 'sqs',
  'InterfaceVpcEndpointAwsService.SNS': 'sns',
  'InterfaceVpcEndpointAwsService.LAMBDA': 'lambda',
  'InterfaceVpcEndpointAwsService.KMS': 'kms',
  'InterfaceVpcEndpointAwsService.SSM': 'ssm',
  'InterfaceVpcEndpointAwsService.SECRETS_MANAGER': 'secretsmanager',
  'InterfaceVpcEndpointAwsService.STEP_FUNCTIONS': 'states',
  'InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS': 'logs',
  'InterfaceVpcEndpointAwsService.ECR': 'ecr.api',
  'InterfaceVpcEndpointAwsService.ECR_DOCKER': 'ecr.dkr',
  'InterfaceVpcEndpointAwsService.EVENTBRIDGE': 'events',
  'InterfaceVpcEndpointAwsService.APIGATEWAY': 'execute-api',
});

/** The service name of an endpoint of the region for a service of CDK's (aws-ec2/lib/vpc-endpoint.ts), else not known. */
function endpointServiceName(service: JsValue): Value {
  const name =
    typeof service === 'string' ? ENDPOINT_SERVICES[service] : undefined;
  return name === undefined
    ? new Unknown('endpoint service not known statically')
    : concat(['com.amazonaws.', Unknown.oneValue('AWS::Region'), `.${name}`]);
}

/** A VPC's methods that make constructs not modelled (aws-ec2/lib/vpc.ts), by the class of what they make. */
export const VPC_METHODS_NOT_MODELLED = lookupTable<string>({
  enableVpnGateway: 'aws-ec2.VpnGateway',
  addVpnConnection: 'aws-ec2.VpnConnection',
  addClientVpnEndpoint: 'aws-ec2.ClientVpnEndpoint',
});

/** The egress rule of a security group that allows all outbound traffic, CDK's default (aws-ec2/lib/security-group.ts). */
export const ALL_OUTBOUND = {
  CidrIp: '0.0.0.0/0',
  Description: 'Allow all outbound traffic by default',
  IpProtocol: '-1',
};

/**
 * `ec2.Peer.x(…)` (aws-ec2/lib/peer.ts) of a CIDR block: what a rule writes of it, and the id its default
 * description names; another peer (a prefix list, a security group), or one not known statically, is not known.
 */
export function peerOf(method: string, args: JsValue[]): JsValue {
  const [cidr] = args;
  if (method === 'anyIpv4') return cidrPeer('CidrIp', '0.0.0.0/0');
  if (method === 'anyIpv6') return cidrPeer('CidrIpv6', '::/0');
  if (method === 'ipv4' && typeof cidr === 'string')
    return cidrPeer('CidrIp', cidr);
  if (method === 'ipv6' && typeof cidr === 'string')
    return cidrPeer('CidrIpv6', cidr);
  return new Unknown(`Peer.${method}`);
}

function cidrPeer(property: string, cidr: string): HostObject {
  return new HostObject('peer', { rule: { [property]: cidr }, uniqueId: cidr });
}

/** `ec2.Port.x(…)` (aws-ec2/lib/port.ts): what a rule writes of it, and its text in a default description. */
export function portOf(method: string, args: JsValue[]): JsValue {
  const [from, to] = args;
  const protocol = /^(tcp|udp)/.exec(method)?.[1];
  if (method === 'allTraffic')
    return new HostObject('port', {
      rule: { IpProtocol: '-1' },
      text: 'ALL TRAFFIC',
    });
  if (method === 'allTcp' || method === 'allUdp')
    return new HostObject('port', {
      rule: {
        FromPort: 0,
        IpProtocol: method.slice(3).toLowerCase(),
        ToPort: 65535,
      },
      text: `ALL PORTS`,
    });
  if (protocol && typeof from === 'number') {
    const last = method.endsWith('Range') ? to : from;
    if (typeof last !== 'number') return new Unknown(`Port.${method}`);
    return new HostObject('port', {
      rule: { FromPort: from, IpProtocol: protocol, ToPort: last },
      text: `${protocol === 'udp' ? 'UDP ' : ''}${
        last === from ? from : `${from}-${last}`
      }`,
    });
  }
  return new Unknown(`Port.${method}`);
}

/** The part of CdkModel the VPC model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'countNotModelled'
  | 'escape'
  | 'graphValue'
  | 'iamModel'
  | 'ref'
  | 'tagsModel'
>;

/**
 * What aws-ec2's networking constructs synthesize: VPCs with their subnets, NAT gateways, flow logs and endpoints, and
 * security groups with their rules.
 */
export class VpcModel {
  /** The subnet groups of each VPC of the stack's, by the VPC's id, in the order of its subnet configuration. */
  readonly vpcs = new Map<string, SubnetGroup[]>();

  constructor(private readonly model: Model) {}

  /**
   * `new ec2.Vpc(scope, id, props)` (aws-ec2/lib/vpc.ts): the VPC, for each subnet group and AZ a subnet with its
   * route table and association, an internet gateway where there are subnets but isolated ones (the public ones'
   * default route), NAT gateways with their EIPs in the first public subnets or those `natGatewaySubnets` selects
   * (one per AZ by default), the private subnets' routes to them, and the flow logs and gateway endpoints of its
   * props. CDK tags all below it with its path as `Name`, each subnet with its own and with its group's name and
   * type. Undefined for props it cannot follow (subnet groups, AZs or NAT subnets not known statically, another NAT
   * provider, IPv6): a construct not modelled.
   *
   * The custom resource `restrictDefaultSecurityGroup` makes (under `@aws-cdk/aws-ec2:restrictDefaultSecurityGroup`)
   * and its provider function are CDK's own, left out as those of `autoDeleteObjects` are.
   */
  vpc(id: string, p: Props, site: CallSite): ResourceHandle | undefined {
    let azs: number | undefined = STACK_AZS;
    if (Array.isArray(p.availabilityZones)) azs = p.availabilityZones.length;
    else if (typeof p.maxAzs === 'number') azs = Math.min(p.maxAzs, STACK_AZS);
    else if (p.maxAzs !== undefined) azs = undefined;
    const configuration =
      p.subnetConfiguration ??
      (p.natGateways === 0 ? DEFAULT_SUBNETS_NO_NAT : DEFAULT_SUBNETS);
    // `IpAddresses.cidr(block)`, the deprecated `cidr`, else CDK's default block; other IpAddresses (IPAM) are not known.
    let cidr: JsValue = p.cidr ?? '10.0.0.0/16';
    if (
      p.ipAddresses instanceof HostObject &&
      p.ipAddresses.kind === 'ipAddresses'
    )
      cidr = p.ipAddresses.data.cidr;
    else if (p.ipAddresses !== undefined)
      cidr = new Unknown('CIDR block of the VPC');
    if (
      typeof azs !== 'number' ||
      !Array.isArray(configuration) ||
      !configuration.every(
        group =>
          isPlainObject(group) &&
          typeof group.name === 'string' &&
          typeof group.subnetType === 'string' &&
          SUBNET_KINDS[group.subnetType] !== undefined &&
          [undefined, true, false].includes(group.reserved as never),
      ) ||
      !['undefined', 'number'].includes(typeof p.natGateways) ||
      ![undefined, true, false].includes(p.createInternetGateway as never) ||
      !['undefined', 'number'].includes(typeof p.reservedAzs) ||
      !(
        p.natGatewaySubnets === undefined ||
        (isPlainObject(p.natGatewaySubnets) &&
          Object.entries(p.natGatewaySubnets).every(
            ([key, value]) =>
              ['subnetGroupName', 'subnetType'].includes(key) &&
              typeof value === 'string',
          ))
      ) ||
      p.natGatewayProvider !== undefined ||
      p.ipProtocol !== undefined
    )
      return undefined;
    const groups = configuration as Props[];
    // Each group has a block for each AZ, and for each of `reservedAzs` AZs to come.
    const slots = azs + ((p.reservedAzs as number | undefined) ?? 0);
    const cidrs = subnetCidrs(
      cidr,
      groups.flatMap(group => Array(slots).fill(group.cidrMask)),
    );
    const vpc = this.model.add(id, VPC, site, {
      CidrBlock: cidr,
      EnableDnsHostnames: p.enableDnsHostnames ?? true,
      EnableDnsSupport: p.enableDnsSupport ?? true,
      InstanceTenancy: enumValue(
        p.defaultInstanceTenancy ?? 'default',
        'DefaultInstanceTenancy',
      ),
    });
    this.model.tagsModel.tagBelow(id, 'Name', site);
    const subnetGroups: SubnetGroup[] = [];
    groups.forEach((group, index) => {
      if (group.reserved === true) return;
      const kind = SUBNET_KINDS[group.subnetType as string]!;
      const subnetGroup: SubnetGroup = {
        name: group.name as string,
        kind,
        subnets: [],
        routeTables: [],
      };
      for (let az = 0; az < azs; az++) {
        const path = `${id}/${group.name}Subnet${az + 1}`;
        this.model.add(`${path}/Subnet`, SUBNET, site, {
          AvailabilityZone: new Unknown('an AZ of the stack'),
          CidrBlock:
            cidrs?.[index * slots + az] ??
            new Unknown('CIDR block CDK allocates'),
          MapPublicIpOnLaunch:
            kind === 'Public' ? group.mapPublicIpOnLaunch ?? true : false,
          VpcId: new Ref(id),
        });
        for (const key of [
          'Name',
          'aws-cdk:subnet-name',
          'aws-cdk:subnet-type',
        ])
          this.model.tagsModel.tagBelow(path, key, site);
        this.model.add(`${path}/RouteTable`, 'AWS::EC2::RouteTable', site, {
          VpcId: new Ref(id),
        });
        this.model.add(
          `${path}/RouteTableAssociation`,
          'AWS::EC2::SubnetRouteTableAssociation',
          site,
          {
            RouteTableId: new Ref(`${path}/RouteTable`),
            SubnetId: new Ref(`${path}/Subnet`),
          },
        );
        subnetGroup.subnets.push(`${path}/Subnet`);
        subnetGroup.routeTables.push(`${path}/RouteTable`);
      }
      subnetGroups.push(subnetGroup);
    });
    this.vpcs.set(id, subnetGroups);
    const publicSubnets = subnetGroups.filter(group => group.kind === 'Public');
    const privateSubnets = subnetGroups.filter(
      group => group.kind === 'Private',
    );
    // An internet gateway for any subnets but isolated ones, unless told not to: the public subnets' way out, and
    // the NAT gateways' (none without it).
    const internet =
      p.createInternetGateway !== false &&
      subnetGroups.some(group => group.kind !== 'Isolated');
    if (internet) {
      this.model.add(`${id}/IGW`, 'AWS::EC2::InternetGateway', site, {});
      this.model.add(`${id}/VPCGW`, 'AWS::EC2::VPCGatewayAttachment', site, {
        InternetGatewayId: new Ref(`${id}/IGW`),
        VpcId: new Ref(id),
      });
      for (const subnet of publicSubnets.flatMap(group => group.subnets))
        this.model.add(
          `${subnet.replace(/\/Subnet$/, '')}/DefaultRoute`,
          'AWS::EC2::Route',
          site,
          {
            DestinationCidrBlock: '0.0.0.0/0',
            GatewayId: new Ref(`${id}/IGW`),
            RouteTableId: new Ref(subnet.replace(/Subnet$/, 'RouteTable')),
          },
        );
    }
    // As many NAT gateways as asked, at most one per AZ, by default one per AZ where there are private subnets; in
    // the first of the subnets natGatewaySubnets selects, by default the public ones. A private subnet routes to
    // that of its AZ.
    let natCount = privateSubnets.length > 0 ? azs : 0;
    if (typeof p.natGateways === 'number')
      natCount = Math.min(p.natGateways, azs);
    const natSubnets = internet
      ? (
          this.selectedSubnets(
            vpc,
            p.natGatewaySubnets ?? { subnetType: 'SubnetType.PUBLIC' },
          ) ?? []
        ).slice(0, natCount)
      : [];
    const natGateways = natSubnets.map(subnet => {
      const path = subnet.replace(/\/Subnet$/, '');
      this.model.add(`${path}/EIP`, 'AWS::EC2::EIP', site, { Domain: 'vpc' });
      return this.model.add(
        `${path}/NATGateway`,
        'AWS::EC2::NatGateway',
        site,
        {
          AllocationId: new Ref(`${path}/EIP`, 'AllocationId'),
          SubnetId: new Ref(subnet),
        },
      );
    });
    if (natGateways.length > 0)
      for (const group of privateSubnets)
        group.subnets.forEach((subnet, az) =>
          this.model.add(
            `${subnet.replace(/\/Subnet$/, '')}/DefaultRoute`,
            'AWS::EC2::Route',
            site,
            {
              DestinationCidrBlock: '0.0.0.0/0',
              NatGatewayId: new Ref((natGateways[az] ?? natGateways[0]).id),
              RouteTableId: new Ref(subnet.replace(/Subnet$/, 'RouteTable')),
            },
          ),
        );
    // A VPN gateway, made for `vpnGateway` or when connections or its ASN are given, and its connections.
    if (
      p.vpnGateway !== false &&
      (p.vpnGateway !== undefined ||
        p.vpnConnections !== undefined ||
        p.vpnGatewayAsn !== undefined)
    )
      this.model.countNotModelled(VPC_METHODS_NOT_MODELLED.enableVpnGateway);
    let connections = p.vpnConnections === undefined ? 0 : 1;
    if (isPlainObject(p.vpnConnections))
      connections = Object.keys(p.vpnConnections).length;
    for (let n = 0; n < connections; n++)
      this.model.countNotModelled(VPC_METHODS_NOT_MODELLED.addVpnConnection);
    if (isPlainObject(p.flowLogs))
      for (const [name, options] of Object.entries(p.flowLogs))
        this.flowLog(`${id}/${name}`, vpc, options, site);
    if (isPlainObject(p.gatewayEndpoints))
      for (const [name, options] of Object.entries(p.gatewayEndpoints))
        this.gatewayEndpoint(`${id}/${name}`, vpc, options, site);
    return vpc;
  }

  /**
   * A VPC's methods that make what it makes from its props (`addFlowLog`, `addGatewayEndpoint`,
   * `addInterfaceEndpoint`, below it), and `selectSubnets`; those that make a VPN gateway or connection, or a client
   * VPN endpoint, make constructs not modelled; undefined for any other.
   */
  vpcMethod(
    vpc: ResourceHandle,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue {
    const [idArg, options] = args;
    const madeNotModelled = VPC_METHODS_NOT_MODELLED[name];
    if (madeNotModelled) {
      this.model.countNotModelled(madeNotModelled);
      this.model.escape(args);
      return new Unknown(`${name}() of ${vpc.id}`);
    }
    if (name === 'selectSubnets') {
      const subnets = this.selectedSubnets(vpc, idArg);
      return subnets
        ? {
            subnetIds: subnets.map(subnet => new Ref(subnet)),
            subnets: subnets.map(subnet => new ResourceHandle(subnet, SUBNET)),
          }
        : new Unknown('subnets selected');
    }
    if (typeof idArg !== 'string') return undefined;
    const id = `${vpc.id}/${idArg}`;
    if (name === 'addFlowLog') return this.flowLog(id, vpc, options, site);
    if (name === 'addGatewayEndpoint')
      return this.gatewayEndpoint(id, vpc, options, site);
    if (name === 'addInterfaceEndpoint')
      return this.interfaceEndpoint(id, vpc, options, site);
    return undefined;
  }

  /**
   * A rule a security group's `connections` adds (aws-ec2/lib/connections.ts): `allowFrom(other, port,
   * description)` an ingress rule, `allowTo` an egress rule, `allowFromAnyIpv4(port, description)` and
   * `allowToAnyIpv4` of any IPv4 address (see securityGroupRule); between two groups, the rule the other group gets
   * is a resource of its own too. Any other method leaves the group's rules not known.
   */
  connectionRule(group: ResourceHandle, name: string, args: JsValue[]): void {
    const method = /^allow(From|To)(AnyIpv4)?$/.exec(name);
    if (!method) {
      this.securityGroupRule(group, true, []);
      this.securityGroupRule(group, false, []);
      return;
    }
    const rule = method[2] ? [cidrPeer('CidrIp', '0.0.0.0/0'), ...args] : args;
    this.securityGroupRule(group, method[1] === 'From', rule);
  }

  /**
   * The subnets of a VPC of the stack's a selection picks (aws-ec2/lib/vpc.ts, selectSubnets): those given, those of
   * a group named, else all of a type, by default the private ones, else the isolated ones, else the public ones;
   * with `onePerAz`, those of the first group. Undefined where not known (a selection of AZs or filters).
   */
  private selectedSubnets(
    vpc: JsValue,
    selection: JsValue = {},
  ): string[] | undefined {
    const groups =
      vpc instanceof ResourceHandle ? this.vpcs.get(vpc.id) : undefined;
    if (!groups || !isPlainObject(selection)) return undefined;
    const { subnets, subnetGroupName, subnetType, onePerAz, ...others } =
      selection;
    // What selectSubnets returns selects its subnets; its subnetIds say the same.
    if (Object.keys(others).some(key => key !== 'subnetIds')) return undefined;
    if (subnets !== undefined)
      return Array.isArray(subnets) &&
        subnets.every(
          subnet =>
            subnet instanceof ResourceHandle && subnet.pulumiType === SUBNET,
        )
        ? subnets.map(subnet => (subnet as ResourceHandle).id)
        : undefined;
    let picked: SubnetGroup[];
    if (subnetGroupName !== undefined)
      picked = groups.filter(group => group.name === subnetGroupName);
    else {
      const kind =
        subnetType === undefined
          ? SUBNET_PREFERENCE.find(candidate =>
              groups.some(group => group.kind === candidate),
            )
          : SUBNET_KINDS[String(subnetType)];
      picked = groups.filter(group => group.kind === kind);
    }
    if (picked.length === 0) return undefined;
    return onePerAz === true
      ? picked[0].subnets
      : picked.flatMap(group => group.subnets);
  }

  /** References to the subnets of a VPC a selection picks (see selectedSubnets), or a value not known. */
  subnetRefs(vpc: JsValue, selection: JsValue, what: string): Value {
    const subnets = this.selectedSubnets(vpc, selection);
    return subnets ? subnets.map(subnet => new Ref(subnet)) : new Unknown(what);
  }

  /**
   * A flow log (aws-ec2/lib/vpc-flow-logs.ts; `vpc.addFlowLog`, a VPC's `flowLogs`): to CloudWatch Logs by default,
   * into the log group given or one it makes (`LogGroup`, of a LogGroup's defaults), written by the role given or
   * one it makes (`IAMRole`, trusting the flow logs service, granted writing to the group). CDK tags all below it
   * with its path as `Name`. Another destination (S3, Firehose) is a flow log not modelled.
   */
  private flowLog(
    id: string,
    vpc: ResourceHandle,
    options: JsValue,
    site: CallSite,
  ): JsValue {
    const o = isPlainObject(options) ? options : {};
    const destination = o.destination;
    const toLogs =
      destination === undefined ||
      (destination instanceof HostObject &&
        destination.kind === 'flowLogDestination' &&
        destination.data.method === 'toCloudWatchLogs');
    if ((!isPlainObject(options) && options !== undefined) || !toLogs) {
      this.model.countNotModelled('aws-ec2.FlowLog');
      this.model.escape([options]);
      return new Unknown(`flow log ${id}`);
    }
    this.model.tagsModel.tagBelow(id, 'Name', site);
    const given = destination instanceof HostObject ? destination.data : {};
    const logGroup =
      given.logGroup ??
      this.model.add(`${id}/LogGroup`, LOG_GROUP, site, {
        RetentionInDays: 731,
      });
    let role = given.role;
    if (role === undefined) {
      role = this.model.add(`${id}/IAMRole`, 'AWS::IAM::Role', site, {
        AssumeRolePolicyDocument: VPC_FLOW_LOGS_TRUST,
      });
      this.model.iamModel.addStatements(
        role,
        [
          {
            Effect: 'Allow',
            Action: [
              'logs:CreateLogStream',
              'logs:PutLogEvents',
              'logs:DescribeLogStreams',
            ],
            Resource: this.model.ref(logGroup, 'Arn'),
          },
        ],
        site,
      );
    }
    return this.model.add(`${id}/FlowLog`, 'AWS::EC2::FlowLog', site, {
      DeliverLogsPermissionArn: this.model.iamModel.roleArnOf(role),
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: this.model.ref(logGroup),
      ResourceId: new Ref(vpc.id),
      ResourceType: 'VPC',
      TrafficType: enumValue(o.trafficType ?? 'ALL', 'FlowLogTrafficType'),
    });
  }

  /**
   * A gateway endpoint (aws-ec2/lib/vpc-endpoint.ts; `vpc.addGatewayEndpoint`, a VPC's `gatewayEndpoints`): in the
   * route tables of all the VPC's subnets by default.
   */
  gatewayEndpoint(
    id: string,
    vpc: ResourceHandle,
    options: JsValue,
    site: CallSite,
  ): ResourceHandle {
    const o = isPlainObject(options) ? options : {};
    const groups = this.vpcs.get(vpc.id) ?? [];
    // Private subnets first, then public and isolated ones, as selectSubnets lists them for the default selections.
    const order: SubnetKind[] = ['Private', 'Public', 'Isolated'];
    const routeTables =
      o.subnets === undefined
        ? order.flatMap(kind =>
            groups
              .filter(group => group.kind === kind)
              .flatMap(group => group.routeTables)
              .map(table => new Ref(table)),
          )
        : new Unknown('route tables of the subnets selected');
    return this.model.add(id, VPC_ENDPOINT, site, {
      RouteTableIds: routeTables,
      ServiceName: endpointServiceName(o.service),
      VpcEndpointType: 'Gateway',
      VpcId: new Ref(vpc.id),
    });
  }

  /**
   * An interface endpoint (aws-ec2/lib/vpc-endpoint.ts; `vpc.addInterfaceEndpoint`): in one subnet per AZ of those
   * selected, the VPC's private ones by default, in the security groups given or one it makes (`SecurityGroup`,
   * open to the VPC's block on the service's port unless `open: false`).
   */
  interfaceEndpoint(
    id: string,
    vpc: JsValue,
    options: JsValue,
    site: CallSite,
  ): ResourceHandle {
    const o = isPlainObject(options) ? options : {};
    let groups: JsValue = o.securityGroups;
    if (groups === undefined) {
      const cidr = this.vpcCidrOf(vpc);
      const group = this.model.add(
        `${id}/SecurityGroup`,
        SECURITY_GROUP,
        site,
        {
          GroupDescription: new Unknown('description CDK generates'),
          SecurityGroupEgress: [ALL_OUTBOUND],
          SecurityGroupIngress:
            o.open === false
              ? undefined
              : [
                  {
                    CidrIp: cidr,
                    Description: new Unknown('description CDK generates'),
                    FromPort: 443,
                    IpProtocol: 'tcp',
                    ToPort: 443,
                  },
                ],
          VpcId: this.vpcIdOf(vpc),
        },
      );
      groups = [new Ref(group.id, 'GroupId')];
    } else if (Array.isArray(groups))
      groups = groups.map(group => this.model.ref(group, 'GroupId'));
    return this.model.add(id, VPC_ENDPOINT, site, {
      PrivateDnsEnabled: o.privateDnsEnabled ?? true,
      SecurityGroupIds: groups,
      ServiceName: endpointServiceName(o.service),
      // One subnet per AZ of those selected.
      SubnetIds: this.subnetRefs(
        vpc,
        isPlainObject(o.subnets) || o.subnets === undefined
          ? { ...o.subnets, onePerAz: true }
          : o.subnets,
        'subnets of the endpoint',
      ),
      VpcEndpointType: 'Interface',
      VpcId: this.vpcIdOf(vpc),
    });
  }

  /**
   * Where a function given a VPC runs (aws-lambda/lib/function.ts, configureVpc): in the subnets selected (by
   * default the VPC's private ones), in the security groups given (`securityGroups`, not empty, or the deprecated
   * `securityGroup`) or one it makes below it (`SecurityGroup`, allowing all outbound traffic unless
   * `allowAllOutbound: false`).
   */
  functionVpcConfig(id: string, p: Props, site: CallSite): Value {
    let groups: JsValue =
      Array.isArray(p.securityGroups) && p.securityGroups.length === 0
        ? undefined
        : p.securityGroups;
    if (groups === undefined && p.securityGroup !== undefined)
      groups = [p.securityGroup];
    if (groups === undefined) {
      const group = this.securityGroup(
        `${id}/SecurityGroup`,
        {
          vpc: p.vpc,
          allowAllOutbound: p.allowAllOutbound,
          description: new Unknown('description CDK generates'),
        },
        site,
      );
      groups = [new Ref(group.id, 'GroupId')];
    } else if (Array.isArray(groups))
      groups = groups.map(group => this.model.ref(group, 'GroupId'));
    return {
      SecurityGroupIds: this.model.graphValue(groups, site.file),
      SubnetIds: this.subnetRefs(
        p.vpc,
        p.vpcSubnets,
        'subnets of the function',
      ),
    };
  }

  /** A VPC's id: a reference to one of the stack's, else not known. */
  vpcIdOf(vpc: JsValue): Value {
    return vpc instanceof ResourceHandle && this.vpcs.has(vpc.id)
      ? new Ref(vpc.id)
      : new Unknown('id of a VPC outside the stack or not modelled');
  }

  /** A VPC's CIDR block: its attribute for one of the stack's, else not known. */
  private vpcCidrOf(vpc: JsValue): Value {
    return vpc instanceof ResourceHandle && this.vpcs.has(vpc.id)
      ? new Ref(vpc.id, 'CidrBlock')
      : new Unknown('CIDR block of a VPC outside the stack or not modelled');
  }

  /**
   * `new ec2.SecurityGroup(scope, id, props)` (aws-ec2/lib/security-group.ts): its description its path unless given,
   * all outbound traffic allowed unless `allowAllOutbound: false`, in the VPC given. Its rules are those added
   * (see securityGroupRule).
   */
  securityGroup(id: string, p: Props, site: CallSite): ResourceHandle {
    let egress: JsValue = [ALL_OUTBOUND];
    if (p.allowAllOutbound === false) egress = [DISALLOW_ALL];
    else if (p.allowAllOutbound !== undefined && p.allowAllOutbound !== true)
      egress = new Unknown('allowAllOutbound not known statically');
    return this.model.add(id, SECURITY_GROUP, site, {
      GroupDescription:
        p.description ?? new Unknown('the path of the security group'),
      GroupName: p.securityGroupName,
      SecurityGroupEgress: egress,
      VpcId: this.vpcIdOf(p.vpc),
    });
  }

  /**
   * `group.addIngressRule(peer, port, description?)` / `addEgressRule`: a rule of a CIDR peer is written in the group
   * (an egress rule only where the group does not allow all outbound traffic, replacing the rule that disallows
   * all); one of a group of the stack's is a resource of its own (`SecurityGroupIngress`/`Egress`), not modelled,
   * which no rule judges. A peer or port not known statically leaves the group's rules not known.
   */
  securityGroupRule(
    group: ResourceHandle,
    ingress: boolean,
    args: JsValue[],
  ): void {
    const [peer, port, description] = args;
    const resource = this.model.byId.get(group.id)!;
    const property = ingress ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
    const rules = resource.properties[property];
    if (!ingress && isDeepStrictEqual(rules, [ALL_OUTBOUND])) return;
    if (peer instanceof ResourceHandle && peer.pulumiType === SECURITY_GROUP)
      return;
    const known =
      peer instanceof HostObject &&
      peer.kind === 'peer' &&
      port instanceof HostObject &&
      port.kind === 'port' &&
      ['string', 'undefined'].includes(typeof description);
    if (!known || rules instanceof Unknown) {
      resource.properties[property] = new Unknown(`rules of ${group.id}`);
      return;
    }
    const rule: ValueMap = {
      ...(peer.data.rule as ValueMap),
      Description:
        (description as string | undefined) ??
        `${ingress ? 'from' : 'to'} ${String(peer.data.uniqueId)}:${String(
          port.data.text,
        )}`,
      ...(port.data.rule as ValueMap),
    };
    const kept =
      Array.isArray(rules) && !isDeepStrictEqual(rules, [DISALLOW_ALL])
        ? rules
        : [];
    // A rule the group has, whatever its description, is not added again (security-group.ts, hasIngressRule).
    if (
      kept.some(
        existing =>
          isPlainObject(existing) &&
          isDeepStrictEqual(
            { ...existing, Description: undefined },
            { ...rule, Description: undefined },
          ),
      )
    )
      return;
    resource.properties[property] = [...kept, rule];
  }
}

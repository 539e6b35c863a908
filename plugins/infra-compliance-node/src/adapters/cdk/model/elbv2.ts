/**
 * The model of aws-elasticloadbalancingv2's load balancers, listeners and target groups (see Elbv2Model), which
 * aws-ecs-patterns' load-balanced services make too (see EcsModel).
 */
import { lookupTable } from '../../../support/lookupTable';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { Ref, Unknown, Value } from '../../../graph/values';
import type { CdkModel } from '../constructs';
import { Props } from './props';
import {
  INVOKABLE,
  LISTENER,
  LISTENER_RULE,
  LOAD_BALANCER,
  SECURITY_GROUP,
  TARGET_GROUP,
} from './resourceTypes';
import { peerOf, portOf } from './vpc';

/** The props of a load balancer this model follows; any other (access logs, HTTP/2, idle timeout…) is not modelled. */
const LOAD_BALANCER_PROPS = [
  'vpc',
  'internetFacing',
  'vpcSubnets',
  'securityGroup',
  'loadBalancerName',
  'deletionProtection',
];

/** The props of a listener this model follows; any other (certificates, SSL policy…) is not modelled. */
const LISTENER_PROPS = [
  'port',
  'protocol',
  'defaultAction',
  'defaultTargetGroups',
  'open',
];

/** The props of a target group this model follows; any other (stickiness, slow start, deregistration…) is not. */
const TARGET_GROUP_PROPS = [
  'vpc',
  'port',
  'protocol',
  'targetType',
  'targets',
  'targetGroupName',
  'healthCheck',
];

/** The health check settings this model follows, as a target group writes them; any other is not modelled. */
const HEALTH_CHECK_PROPERTIES = lookupTable<string>({
  enabled: 'HealthCheckEnabled',
  path: 'HealthCheckPath',
});

/**
 * What a method of a load balancer, listener or target group makes that this model does not follow, by the class
 * listed for it: a redirect's listener, access or connection logs to a bucket (and its policy), listener rules and
 * certificates. Where it changes a resource of the stack, that resource's part is not known.
 */
const METHODS_NOT_MODELLED = lookupTable<{ made: string; changes: string }>({
  addRedirect: {
    made: 'aws-elasticloadbalancingv2.ApplicationListener',
    changes: '',
  },
  logAccessLogs: {
    made: 'aws-elasticloadbalancingv2.ApplicationLoadBalancer',
    changes: 'LoadBalancerAttributes',
  },
  logConnectionLogs: {
    made: 'aws-elasticloadbalancingv2.ApplicationLoadBalancer',
    changes: 'LoadBalancerAttributes',
  },
  addAction: {
    made: 'aws-elasticloadbalancingv2.ApplicationListenerRule',
    changes: 'DefaultActions',
  },
  addTargetGroups: {
    made: 'aws-elasticloadbalancingv2.ApplicationListenerRule',
    changes: 'DefaultActions',
  },
  addCertificates: {
    made: 'aws-elasticloadbalancingv2.ApplicationListenerCertificate',
    changes: '',
  },
});

/**
 * What a method of a load balancer or listener imported (`fromApplicationLoadBalancerAttributes`, `fromLookup`…)
 * makes in the stack, by its class and the method: a listener, a listener rule of a priority, certificates. None
 * is modelled.
 */
const IMPORTED_METHODS_MADE = lookupTable<string>({
  'aws-elasticloadbalancingv2.ApplicationLoadBalancer.addListener':
    'aws-elasticloadbalancingv2.ApplicationListener',
  'aws-elasticloadbalancingv2.NetworkLoadBalancer.addListener':
    'aws-elasticloadbalancingv2.NetworkListener',
  'aws-elasticloadbalancingv2.ApplicationListener.addTargetGroups':
    'aws-elasticloadbalancingv2.ApplicationListenerRule',
  'aws-elasticloadbalancingv2.ApplicationListener.addAction':
    'aws-elasticloadbalancingv2.ApplicationListenerRule',
  'aws-elasticloadbalancingv2.ApplicationListener.addCertificates':
    'aws-elasticloadbalancingv2.ApplicationListenerCertificate',
});

/**
 * The conditions of a listener rule (`ListenerCondition.pathPatterns(values)`…, alb/conditions.ts), by method: the
 * field and the configuration they render. `httpHeader(name, values)` names its header.
 */
const LISTENER_CONDITIONS = lookupTable<[string, string]>({
  hostHeaders: ['host-header', 'HostHeaderConfig'],
  httpHeader: ['http-header', 'HttpHeaderConfig'],
  httpRequestMethods: ['http-request-method', 'HttpRequestMethodConfig'],
  pathPatterns: ['path-pattern', 'PathPatternConfig'],
  sourceIps: ['source-ip', 'SourceIpConfig'],
});

/** The props of a listener rule this model follows (`new ApplicationListenerRule`, a listener's methods that make one). */
const LISTENER_RULE_PROPS = [
  'listener',
  'priority',
  'conditions',
  'action',
  'targetGroups',
];

/** A protocol (`ApplicationProtocol.HTTP`, `Protocol.TCP`) as CloudFormation takes it; undefined: not given. */
function protocolOf(protocol: JsValue, enumName: string): JsValue {
  if (protocol === undefined) return undefined;
  return typeof protocol === 'string' && protocol.startsWith(`${enumName}.`)
    ? protocol.slice(enumName.length + 1)
    : new Unknown('protocol not known statically');
}

/** The protocol CDK gives an application listener or target group of a port (shared/util.ts, defaultProtocolForPort). */
const PORT_PROTOCOLS = new Map<JsValue, string>([
  [80, 'HTTP'],
  [8000, 'HTTP'],
  [8008, 'HTTP'],
  [8080, 'HTTP'],
  [443, 'HTTPS'],
  [8443, 'HTTPS'],
]);

/** The port CDK gives an application listener or target group of a protocol (shared/util.ts, defaultPortForProtocol). */
const PROTOCOL_PORTS = new Map<JsValue, number>([
  ['HTTP', 80],
  ['HTTPS', 443],
]);

/**
 * An application listener's or target group's protocol and port, each the other's default (aws-elasticloadbalancingv2
 * lib/shared/util.ts, determineProtocolAndPort); where the one given has none (synth fails), not known.
 */
function protocolAndPort(protocol: JsValue, port: JsValue): [JsValue, JsValue] {
  if (protocol === undefined && port === undefined)
    return [undefined, undefined];
  const chosen =
    protocolOf(protocol, 'ApplicationProtocol') ??
    PORT_PROTOCOLS.get(port) ??
    new Unknown('protocol of a port');
  return [
    chosen,
    port ?? PROTOCOL_PORTS.get(chosen) ?? new Unknown('port of a protocol'),
  ];
}

/** Whether props are an object giving none but `known`. */
function onlyProps(props: JsValue, known: string[]): props is Props {
  return (
    props === undefined ||
    (isPlainObject(props) &&
      Object.keys(props).every(key => known.includes(key)))
  );
}

/** The part of CdkModel the load balancing model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'countNotModelled'
  | 'escape'
  | 'handleOfType'
  | 'notModelled'
  | 'synthesisSettings'
  | 'vpcModel'
>;

/**
 * What aws-elasticloadbalancingv2 constructs synthesize (aws-cdk-lib 2.278): application and network load balancers
 * with an application one's security group, their listeners forwarding to one target group, and target groups of
 * Lambda functions (aws-elasticloadbalancingv2-targets `LambdaTarget`) or of targets registered elsewhere (an ECS
 * service's). What this model does not follow (certificates, HTTPS or TLS listeners, access logs, other targets,
 * props not known statically) leaves the construct not modelled.
 */
export class Elbv2Model {
  /** The stack's load balancers, by id: whether a network one, their VPC, and their security group. */
  private readonly loadBalancers = new Map<
    string,
    { network: boolean; vpc: JsValue; securityGroup?: JsValue }
  >();

  /** The stack's listeners, by id: their load balancer's id. */
  private readonly listeners = new Map<string, string>();

  /** The stack's target groups, by id: their class. */
  private readonly targetGroups = new Map<string, string>();

  constructor(private readonly model: Model) {}

  /**
   * `new ApplicationLoadBalancer(scope, id, props)` / `NetworkLoadBalancer` (aws-elasticloadbalancingv2/lib/alb,
   * nlb, shared/base-load-balancer.ts): internal unless `internetFacing`, in the subnets given, else the public ones
   * for an internet-facing one, else the VPC's default; without deletion protection unless asked. An application
   * one is in the security group given, or in one it makes (`SecurityGroup`, allowing no outbound traffic); a
   * network one too under the feature flag networkLoadBalancerWithSecurityGroupByDefault, else in none.
   * Undefined for props this model does not follow.
   */
  loadBalancer(
    id: string,
    network: boolean,
    p: JsValue,
    site: CallSite,
  ): ResourceHandle | undefined {
    if (!onlyProps(p, LOAD_BALANCER_PROPS) || p === undefined) return undefined;
    let scheme: JsValue = 'internal';
    if (p.internetFacing === true) scheme = 'internet-facing';
    else if (p.internetFacing !== undefined && p.internetFacing !== false)
      scheme = new Unknown('internetFacing not known statically');
    let deletionProtection: JsValue = 'false';
    if (p.deletionProtection === true) deletionProtection = 'true';
    else if (
      p.deletionProtection !== undefined &&
      p.deletionProtection !== false
    )
      deletionProtection = new Unknown(
        'deletionProtection not known statically',
      );
    let securityGroup: JsValue;
    if (
      !network ||
      this.model.synthesisSettings.networkLoadBalancerSecurityGroups
    )
      securityGroup =
        p.securityGroup ??
        this.model.vpcModel.securityGroup(
          `${id}/SecurityGroup`,
          {
            vpc: p.vpc,
            allowAllOutbound: false,
            description: new Unknown('description CDK generates'),
          },
          site,
        );
    let subnets: JsValue = p.vpcSubnets;
    if (subnets === undefined && scheme === 'internet-facing')
      subnets = { subnetType: 'SubnetType.PUBLIC' };
    else if (subnets === undefined && scheme instanceof Unknown)
      subnets = new Unknown('subnets of internetFacing not known');
    const handle = this.model.add(id, LOAD_BALANCER, site, {
      LoadBalancerAttributes: [
        { Key: 'deletion_protection.enabled', Value: deletionProtection },
      ],
      Name: p.loadBalancerName,
      Scheme: scheme,
      SecurityGroups:
        securityGroup === undefined
          ? undefined
          : [
              securityGroup instanceof ResourceHandle
                ? new Ref(securityGroup.id, 'GroupId')
                : new Unknown('security group not known statically'),
            ],
      Subnets: this.model.vpcModel.subnetRefs(
        p.vpc,
        subnets,
        'subnets of the load balancer',
      ),
      Type: network ? 'network' : 'application',
    });
    this.loadBalancers.set(id, { network, vpc: p.vpc, securityGroup });
    return handle;
  }

  /**
   * `loadBalancer.addListener(id, props)` (alb/application-listener.ts, nlb/network-listener.ts), below the load
   * balancer: HTTP (an application one's, see protocolAndPort) or TCP, UDP, TCP_UDP (a network one's), forwarding to
   * the one target group of `defaultTargetGroups` or of `defaultAction`, or to those `addTargets` makes. An
   * application listener `open` (the default) lets any IPv4 address in on its port, in the load balancer's security
   * group. Undefined for HTTPS, TLS, and props this model does not follow.
   */
  listener(
    loadBalancer: ResourceHandle,
    id: string,
    p: JsValue,
    site: CallSite,
  ): ResourceHandle | undefined {
    const made = this.loadBalancers.get(loadBalancer.id)!;
    if (!onlyProps(p, LISTENER_PROPS) || p === undefined) return undefined;
    let protocol: JsValue;
    let port: JsValue = p.port;
    if (made.network) {
      protocol = protocolOf(p.protocol, 'Protocol') ?? 'TCP';
      if (!['TCP', 'UDP', 'TCP_UDP'].includes(protocol as string))
        return undefined;
    } else {
      [protocol, port] = protocolAndPort(p.protocol, p.port);
      if (protocol !== 'HTTP') return undefined;
    }
    if (typeof port !== 'number') return undefined;
    const actions = this.defaultActions(p);
    if (actions instanceof Unknown) return undefined;
    if (!made.network && p.open !== false) {
      if (p.open !== undefined && p.open !== true) return undefined;
      if (this.model.handleOfType(made.securityGroup, SECURITY_GROUP))
        this.model.vpcModel.securityGroupRule(made.securityGroup, true, [
          peerOf('anyIpv4', []),
          portOf('tcp', [port]),
          `Allow from anyone on port ${port}`,
        ]);
    }
    const listenerId = `${loadBalancer.id}/${id}`;
    const handle = this.model.add(listenerId, LISTENER, site, {
      DefaultActions: actions,
      LoadBalancerArn: new Ref(loadBalancer.id),
      Port: port,
      Protocol: protocol,
    });
    this.listeners.set(listenerId, loadBalancer.id);
    return handle;
  }

  /** A listener's default actions as its props give them: forwarding to one target group of the stack's. */
  private defaultActions(p: Props): Value | undefined {
    if (p.defaultAction !== undefined && p.defaultTargetGroups !== undefined)
      return new Unknown('default actions');
    const action =
      p.defaultTargetGroups === undefined
        ? p.defaultAction
        : this.forwardAction(p.defaultTargetGroups, undefined);
    if (action === undefined) return undefined;
    return action instanceof HostObject && action.kind === 'listenerAction'
      ? [action.data.action as Value]
      : new Unknown('default action not modelled');
  }

  /**
   * `ListenerAction.forward(groups, options?)` / `NetworkListenerAction.forward` (shared/listener-action.ts): to one
   * target group of the stack's, forwarding to it; to several, or with options (stickiness), not modelled.
   */
  forwardAction(groups: JsValue, options: JsValue): JsValue {
    const [group] = Array.isArray(groups) ? groups : [];
    if (
      !Array.isArray(groups) ||
      groups.length !== 1 ||
      options !== undefined ||
      !this.model.handleOfType(group, TARGET_GROUP)
    )
      return new Unknown('forward action not modelled');
    return new HostObject('listenerAction', {
      action: { TargetGroupArn: new Ref(group.id), Type: 'forward' },
    });
  }

  /**
   * `new ApplicationTargetGroup(scope, id, props)` / `NetworkTargetGroup` (alb/application-target-group.ts,
   * nlb/network-target-group.ts, shared/base-target-group.ts): of the protocol and port given (an application one's
   * each the other's default, a network one's TCP by default), its targets of Lambda functions (`TargetType: lambda`,
   * no VPC) or none; an application one of other targets without sticky sessions. Undefined for other targets, and
   * props this model does not follow.
   */
  targetGroup(
    id: string,
    network: boolean,
    p: JsValue,
    site: CallSite,
  ): ResourceHandle | undefined {
    if (!onlyProps(p, TARGET_GROUP_PROPS)) return undefined;
    const props = p ?? {};
    const targets = props.targets ?? [];
    if (
      !Array.isArray(targets) ||
      !targets.every(
        target =>
          target instanceof HostObject && target.kind === 'lambdaTarget',
      )
    )
      return undefined;
    const health = props.healthCheck ?? {};
    if (
      !isPlainObject(health) ||
      !Object.keys(health).every(key => HEALTH_CHECK_PROPERTIES[key])
    )
      return undefined;
    let targetType: JsValue;
    if (targets.length > 0) targetType = 'lambda';
    else if (props.targetType !== undefined)
      targetType =
        typeof props.targetType === 'string' &&
        props.targetType.startsWith('TargetType.')
          ? props.targetType.slice('TargetType.'.length).toLowerCase()
          : new Unknown('targetType not known statically');
    let protocol: JsValue;
    let port: JsValue = props.port;
    if (network) protocol = protocolOf(props.protocol, 'Protocol') ?? 'TCP';
    else [protocol, port] = protocolAndPort(props.protocol, props.port);
    const healthCheck = Object.fromEntries(
      Object.entries(health).map(([key, value]) => [
        HEALTH_CHECK_PROPERTIES[key],
        value,
      ]),
    );
    this.targetGroups.set(
      id,
      network ? 'NetworkTargetGroup' : 'ApplicationTargetGroup',
    );
    return this.model.add(id, TARGET_GROUP, site, {
      ...healthCheck,
      Name: props.targetGroupName,
      Port: port,
      Protocol: protocol,
      // An application target group of Lambda functions keeps no sticky sessions setting.
      TargetGroupAttributes:
        network || targetType === 'lambda'
          ? undefined
          : [{ Key: 'stickiness.enabled', Value: 'false' }],
      TargetType: targetType,
      Targets:
        targets.length > 0
          ? targets.map(target => ({ Id: this.targetId(target) }))
          : undefined,
      VpcId:
        targetType === 'lambda' || props.vpc === undefined
          ? undefined
          : this.model.vpcModel.vpcIdOf(props.vpc),
    });
  }

  /**
   * `new targets.LambdaTarget(fn)` (aws-elasticloadbalancingv2-targets/lib/lambda-target.ts): a target group's
   * target of a function, or of a version or an alias of one; the group is of type lambda whichever it is.
   */
  lambdaTarget(fn: JsValue): JsValue {
    return new HostObject('lambdaTarget', { fn });
  }

  /** The ARN a target group's Lambda target registers: of a function, version or alias of the stack's; another's is not known. */
  private targetId(target: JsValue): Value {
    const fn = (target as HostObject).data.fn;
    return this.model.handleOfType(fn, INVOKABLE)
      ? new Ref(fn.id, 'Arn')
      : new Unknown('target of a function not modelled');
  }

  /** Whether `name` is a method of a load balancer, listener or target group of the stack's this model follows. */
  hasMethod(object: ResourceHandle, name: string): boolean {
    if (this.targetGroups.has(object.id)) return name === 'addTarget';
    return (
      (this.loadBalancers.has(object.id) || this.listeners.has(object.id)) &&
      (name === 'addListener' ||
        name === 'addSecurityGroup' ||
        name === 'addTargets' ||
        METHODS_NOT_MODELLED[name] !== undefined)
    );
  }

  /** A load balancer's or its listener's `connections`: those of its security group, where it is the stack's. */
  connectionsOf(object: ResourceHandle): JsValue {
    const group = this.loadBalancers.get(
      this.listeners.get(object.id) ?? object.id,
    )?.securityGroup;
    return this.model.handleOfType(group, SECURITY_GROUP)
      ? new HostObject('connections', { group })
      : undefined;
  }

  /**
   * What is called on a load balancer, listener or target group of the stack's that this model follows:
   * `addListener`, a listener's `addTargets` (a target group below it, `<id>Group`, as `new ApplicationTargetGroup`
   * makes of its props, which it forwards to unless given conditions); a method making what this model does not
   * follow counts it as not modelled. Undefined for any other.
   */
  method(
    object: ResourceHandle,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue {
    const [idArg, props] = args;
    const loadBalancer = this.loadBalancers.get(object.id);
    const listenerOf = this.listeners.get(object.id);
    if (name === 'addListener' && loadBalancer) {
      const made =
        typeof idArg === 'string'
          ? this.listener(object, idArg, props, site)
          : undefined;
      if (made) return made;
      this.listenerNotModelled(object, props);
      return this.notModelled(
        loadBalancer.network
          ? 'aws-elasticloadbalancingv2.NetworkListener'
          : 'aws-elasticloadbalancingv2.ApplicationListener',
        args,
        `${object.id}/${idArg}`,
      );
    }
    if (name === 'addTargets' && listenerOf) {
      const network = this.loadBalancers.get(listenerOf)!.network;
      const modelled =
        !network &&
        typeof idArg === 'string' &&
        isPlainObject(props) &&
        (props.conditions === undefined) === (props.priority === undefined);
      let group: ResourceHandle | undefined;
      if (modelled) {
        const { conditions, priority, ...groupProps } = props;
        group = this.targetGroup(
          `${object.id}/${idArg}Group`,
          false,
          { vpc: this.loadBalancers.get(listenerOf)!.vpc, ...groupProps },
          site,
        );
        // Forwarded to by a rule of the conditions and priority, or else by default (addTargetGroups).
        if (group && priority !== undefined)
          this.listenerRule(
            `${object.id}/${idArg}Rule`,
            { listener: object, priority, conditions, targetGroups: [group] },
            site,
          );
        else if (group)
          this.model.byId.get(object.id)!.properties.DefaultActions = [
            { TargetGroupArn: new Ref(group.id), Type: 'forward' },
          ];
      }
      if (group) return group;
      // A group of targets not modelled: the listener's actions are not known.
      this.model.byId.get(object.id)!.properties.DefaultActions = new Unknown(
        `actions of ${object.id}`,
      );
      return this.notModelled(
        network
          ? 'aws-elasticloadbalancingv2.NetworkTargetGroup'
          : 'aws-elasticloadbalancingv2.ApplicationTargetGroup',
        args,
        `${object.id}/${String(idArg)}Group`,
      );
    }
    if (name === 'addSecurityGroup' && loadBalancer) {
      this.addSecurityGroup(object, loadBalancer, idArg);
      return undefined;
    }
    if (
      (name === 'addAction' || name === 'addTargetGroups') &&
      listenerOf &&
      typeof idArg === 'string' &&
      this.addRuleOrDefault(object, name, idArg, props, site)
    )
      return undefined;
    const targetGroup = this.targetGroups.get(object.id);
    if (name === 'addTarget' && targetGroup)
      return this.addTargets(object, targetGroup, args);
    const notModelled = METHODS_NOT_MODELLED[name];
    if (!notModelled || !(loadBalancer || listenerOf)) return undefined;
    if (notModelled.changes)
      this.model.byId.get(object.id)!.properties[notModelled.changes] =
        new Unknown(`${notModelled.changes} of ${object.id}`);
    return this.notModelled(notModelled.made, args, `${object.id}/${name}`);
  }

  /**
   * A listener's `addAction(id, { action, conditions, priority })` or `addTargetGroups(id, { targetGroups, … })`
   * (alb/application-listener.ts): of a priority, a rule below the listener (`<id>Rule`); else the listener's default
   * action. False for props this model does not follow.
   */
  private addRuleOrDefault(
    listener: ResourceHandle,
    name: 'addAction' | 'addTargetGroups',
    id: string,
    props: JsValue,
    site: CallSite,
  ): boolean {
    const actionProp = name === 'addAction' ? 'action' : 'targetGroups';
    if (
      !isPlainObject(props) ||
      !onlyProps(props, [actionProp, 'conditions', 'priority']) ||
      (props.conditions === undefined) !== (props.priority === undefined)
    )
      return false;
    if (props.priority !== undefined)
      return (
        this.listenerRule(
          `${listener.id}/${id}Rule`,
          { listener, ...props },
          site,
        ) !== undefined
      );
    this.model.byId.get(listener.id)!.properties.DefaultActions =
      this.defaultActions(
        name === 'addAction'
          ? { defaultAction: props.action }
          : { defaultTargetGroups: props.targetGroups },
      ) ?? new Unknown(`default action of ${listener.id}`);
    return true;
  }

  /**
   * `new ApplicationListenerRule(scope, id, props)` (alb/application-listener-rule.ts), of a listener of the stack's:
   * its priority, its conditions (see listenerCondition), and the action it is given or forwarding to its target
   * groups. Undefined for props this model does not follow (the legacy hostHeader and pathPatterns, responses).
   */
  listenerRule(
    id: string,
    p: JsValue,
    site: CallSite,
  ): ResourceHandle | undefined {
    if (
      !isPlainObject(p) ||
      !onlyProps(p, LISTENER_RULE_PROPS) ||
      !(p.listener instanceof ResourceHandle) ||
      !this.listeners.has(p.listener.id) ||
      (p.action === undefined) === (p.targetGroups === undefined)
    )
      return undefined;
    const action = p.action ?? this.forwardAction(p.targetGroups, undefined);
    const conditions = Array.isArray(p.conditions)
      ? p.conditions.map(condition =>
          condition instanceof HostObject &&
          condition.kind === 'listenerCondition'
            ? condition.data.condition
            : new Unknown('condition of a listener rule'),
        )
      : new Unknown('conditions of a listener rule');
    return this.model.add(id, LISTENER_RULE, site, {
      Actions:
        action instanceof HostObject && action.kind === 'listenerAction'
          ? [action.data.action]
          : new Unknown('action of a listener rule'),
      Conditions: conditions,
      ListenerArn: new Ref(p.listener.id),
      Priority: p.priority,
    });
  }

  /** `ListenerCondition.<method>(...args)` (alb/conditions.ts): the condition a listener rule renders of it. */
  listenerCondition(method: string, args: JsValue[]): JsValue {
    const known = LISTENER_CONDITIONS[method];
    if (!known) return new Unknown(`ListenerCondition.${method}`);
    const [field, config] = known;
    const [first, second] = args;
    return new HostObject('listenerCondition', {
      condition: {
        Field: field,
        [config]:
          method === 'httpHeader'
            ? { HttpHeaderName: first, Values: second }
            : { Values: first },
      },
    });
  }

  /**
   * A listener of a load balancer of the stack's that this model does not follow (`addListener`, or
   * `new ApplicationListener(scope, id, { loadBalancer, … })`): unless not open, an application one's may open its
   * port to anyone in the load balancer's security group (see listener), whose rules are then not known.
   */
  listenerNotModelled(loadBalancer: JsValue, props: JsValue): void {
    const made =
      loadBalancer instanceof ResourceHandle
        ? this.loadBalancers.get(loadBalancer.id)
        : undefined;
    if (
      !made ||
      made.network ||
      (isPlainObject(props) && props.open === false) ||
      !this.model.handleOfType(made.securityGroup, SECURITY_GROUP)
    )
      return;
    this.model.byId.get(
      made.securityGroup.id,
    )!.properties.SecurityGroupIngress = new Unknown(
      `rules of ${made.securityGroup.id}`,
    );
  }

  /**
   * `loadBalancer.addSecurityGroup(group)` (shared/base-load-balancer.ts): the load balancer is in that group too,
   * and the rules its listeners and `connections` add from then on are in each of its groups, which this model does
   * not follow: the rules of the groups of the stack's are not known.
   */
  private addSecurityGroup(
    object: ResourceHandle,
    loadBalancer: { securityGroup?: JsValue },
    group: JsValue,
  ): void {
    const properties = this.model.byId.get(object.id)!.properties;
    const added = this.model.handleOfType(group, SECURITY_GROUP)
      ? new Ref(group.id, 'GroupId')
      : new Unknown('security group not known statically');
    properties.SecurityGroups = Array.isArray(properties.SecurityGroups)
      ? [...properties.SecurityGroups, added]
      : new Unknown(`security groups of ${object.id}`);
    for (const each of [loadBalancer.securityGroup, group])
      if (this.model.handleOfType(each, SECURITY_GROUP))
        for (const property of ['SecurityGroupIngress', 'SecurityGroupEgress'])
          this.model.byId.get(each.id)!.properties[property] = new Unknown(
            `rules of ${each.id}`,
          );
    loadBalancer.securityGroup = new Unknown(`security groups of ${object.id}`);
  }

  /**
   * `targetGroup.addTarget(...targets)`: Lambda functions join an application target group's targets (once it has
   * only such); any other target leaves its targets not known, the group counted as not modelled.
   */
  private addTargets(
    group: ResourceHandle,
    cls: string,
    targets: JsValue[],
  ): JsValue {
    const properties = this.model.byId.get(group.id)!.properties;
    const lambdas =
      cls === 'ApplicationTargetGroup' &&
      targets.every(
        target =>
          target instanceof HostObject && target.kind === 'lambdaTarget',
      ) &&
      (properties.TargetType === undefined ||
        (properties.TargetType === 'lambda' &&
          Array.isArray(properties.Targets)));
    if (!lambdas) {
      properties.Targets = new Unknown(`targets of ${group.id}`);
      this.model.countNotModelled(`aws-elasticloadbalancingv2.${cls}`);
      this.model.escape(targets);
      return undefined;
    }
    properties.Targets = [
      ...((properties.Targets as Value[] | undefined) ?? []),
      ...targets.map(target => ({ Id: this.targetId(target) })),
    ];
    properties.TargetType = 'lambda';
    delete properties.VpcId;
    return undefined;
  }

  /** The class of what the method `name` of a construct imported of class `imported` makes, where it makes one. */
  madeByImported(
    imported: string | undefined,
    name: string,
  ): string | undefined {
    return IMPORTED_METHODS_MADE[`${imported}.${name}`];
  }

  /** A construct a method makes that this model does not follow: counted, what it is handed escapes. */
  notModelled(construct: string, args: JsValue[], path: string): Value {
    this.model.countNotModelled(construct);
    this.model.escape(args);
    const made = new Unknown(`${construct} at ${path}`);
    this.model.notModelled.set(made, 'construct');
    return made;
  }
}

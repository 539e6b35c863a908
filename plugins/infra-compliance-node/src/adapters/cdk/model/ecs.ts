/** The model of aws-ecs's clusters, task definitions and services, and of aws-ecs-patterns' Fargate patterns (see EcsModel). */
import { serviceTrust } from './iam/documents';
import { lookupTable } from '../../../support/lookupTable';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { Ref, Unknown, Value, concat } from '../../../graph/values';
import { stackArn } from './arns';
import type { CdkModel } from '../constructs';
import { DURATION_SECONDS, Props, enumValue, retentionOfL2 } from './props';
import {
  ECS_CLUSTER,
  ECS_SERVICE,
  KEY,
  LOG_GROUP,
  SECRET,
  SECURITY_GROUP,
  TASK_DEFINITION,
} from './resourceTypes';
import { scopePath, stackPath } from './paths';
import { ALL_OUTBOUND } from './vpc';
import { AWS_LOGS_DRIVER_LOG_GROUP } from '../propertyNames';

/** The trust policy of the roles CDK makes for a task definition (aws-ecs/lib/base/task-definition.ts). */
const ECS_TASKS_TRUST = serviceTrust('ecs-tasks.amazonaws.com');

/** What a task's execution role is granted to pull an image of an ECR repository (aws-ecr/lib/repository.ts, grantPull). */
const ECR_PULL = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
];

/** What a task definition of each `Compatibility` requires (aws-ecs/lib/base/task-definition.ts). */
const TASK_COMPATIBILITIES = lookupTable<string[]>({
  'Compatibility.EC2': ['EC2'],
  'Compatibility.FARGATE': ['FARGATE'],
  'Compatibility.EC2_AND_FARGATE': ['EC2', 'FARGATE'],
  'Compatibility.EXTERNAL': ['EXTERNAL'],
  'Compatibility.MANAGED_INSTANCES': ['MANAGED_INSTANCES'],
  'Compatibility.EC2_AND_MANAGED_INSTANCES': ['EC2', 'MANAGED_INSTANCES'],
  'Compatibility.FARGATE_AND_MANAGED_INSTANCES': [
    'FARGATE',
    'MANAGED_INSTANCES',
  ],
  'Compatibility.FARGATE_AND_EC2_AND_MANAGED_INSTANCES': [
    'EC2',
    'FARGATE',
    'MANAGED_INSTANCES',
  ],
});

/**
 * Props of a load-balanced ecs-patterns service that make resources or listeners other than its one listener on
 * port 80 (HTTPS, a certificate, a DNS record, a redirect, a load balancer of the app's): as a construct not modelled.
 */
export const LOAD_BALANCED_PROPS_NOT_MODELLED = [
  'certificate',
  'protocol',
  'domainName',
  'domainZone',
  'redirectHTTP',
  'loadBalancer',
  'listenerPort',
];

/**
 * Methods of an ECS cluster or service that make constructs not modelled (aws-ecs/lib/cluster.ts,
 * base/base-service.ts), by the class listed for them: EC2 capacity, a Cloud Map namespace or service, the scalable
 * target of the task count (its scaling policies, and the alarms step scaling makes).
 */
export const ECS_METHODS_NOT_MODELLED = lookupTable<string>({
  addCapacity: 'aws-autoscaling.AutoScalingGroup',
  addDefaultCloudMapNamespace: 'aws-servicediscovery.PrivateDnsNamespace',
  enableCloudMap: 'aws-servicediscovery.Service',
  autoScaleTaskCount: 'aws-ecs.ScalableTaskCount',
});

/**
 * `ContainerImage.<name>(...)` of aws-ecs (aws-ecs/lib/images): the image's URI, and the repository its pull is
 * granted on, for an image of ECR: an asset's (of the bootstrap's repository, whose name is not known here) or a
 * repository's. An image of another registry needs no grant but reading its credentials, if any; what other
 * sources need is not known.
 */
export function containerImage(name: string, args: JsValue[]): JsValue {
  const [first] = args;
  switch (name) {
    case 'fromRegistry': {
      // The credentials of a private registry: a secret the execution role is granted reading (see addContainer).
      const options = args[1];
      if (options !== undefined && !isPlainObject(options))
        return new Unknown('image of a registry of options not known');
      return new HostObject('containerImage', {
        uri: first,
        credentials: options?.credentials,
      });
    }
    case 'fromAsset':
    case 'fromDockerImageAsset':
    case 'fromTarball':
      return new HostObject('containerImage', {
        uri: new Unknown('URI of an image asset'),
        repositoryArn: stackArn('ecr', [
          'repository/',
          new Unknown('name of the repository of container assets'),
        ]),
      });
    case 'fromEcrRepository':
      return new HostObject('containerImage', {
        uri: new Unknown('URI of an image of an ECR repository'),
        repositoryArn:
          first instanceof ResourceHandle
            ? new Ref(first.id, 'Arn')
            : new Unknown('ARN of a repository not known statically'),
      });
    default:
      return new Unknown(`ContainerImage.${name}`);
  }
}

/**
 * The log driver of the container an ecs-patterns service makes (aws-ecs-patterns/lib/fargate, base/*-service-base.ts):
 * the one given, whatever `enableLogging` says; else, unless `enableLogging` is false, an awslogs driver of the
 * service's id as its stream prefix, making a log group. Of an `enableLogging` not known statically, which it is is
 * not known.
 */
function patternLogging(
  logDriver: JsValue,
  enableLogging: JsValue,
  serviceId: JsValue,
): JsValue {
  if (logDriver !== undefined) return logDriver;
  if (enableLogging === false) return undefined;
  return enableLogging === undefined || enableLogging === true
    ? new HostObject('awsLogDriver', { props: { streamPrefix: serviceId } })
    : new Unknown('enableLogging not known statically');
}

/** A container's port mapping's protocol (aws-ecs Protocol: TCP, UDP), `tcp` by default. */
function portProtocol(protocol: JsValue): JsValue {
  if (protocol === undefined) return 'tcp';
  return typeof protocol === 'string' && protocol.startsWith('Protocol.')
    ? protocol.slice('Protocol.'.length).toLowerCase()
    : new Unknown('protocol of a port mapping');
}

/** The part of CdkModel the ECS model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'callMethod'
  | 'countNotModelled'
  | 'escape'
  | 'elbv2Model'
  | 'eventTargetsModel'
  | 'graphValue'
  | 'handleOfType'
  | 'iamModel'
  | 'importsModel'
  | 'madeAfterAspects'
  | 'messagingModel'
  | 'outputs'
  | 'ref'
  | 'stackOf'
  | 'synthesisSettings'
  | 'vpcModel'
  | 'writtenAs'
>;

/**
 * What aws-ecs and aws-ecs-patterns constructs synthesize: clusters, task definitions with their containers, roles and
 * log routers, services, the Fargate patterns, and ECS tasks as event targets.
 */
export class EcsModel {
  /**
   * The stack's ECS task definitions, by id: their task role, their execution role once one is needed (CDK makes it
   * on first use, aws-ecs/lib/base/task-definition.ts obtainExecutionRole), and their containers as written.
   */
  readonly taskDefinitions = new Map<
    string,
    {
      taskRole: JsValue;
      executionRole: JsValue;
      containers: Value[];
      /** The first essential container's name and first port, which a load balancer targets (defaultContainer). */
      defaultContainer?: { name: JsValue; port: JsValue };
      /** The options of the first container logging with firelens, and where it was added (see addLogRouters). */
      firelens?: { options: JsValue; site: CallSite };
      /** Whether a firelens log router was added to it (addFirelensLogRouter). */
      logRouter?: boolean;
    }
  >();

  /** The VPC of each ECS cluster of the stack, by id: the one given, or the one CDK makes for it. */
  readonly clusterVpcs = new Map<string, JsValue>();

  /** The `executeCommandConfiguration` of each ECS cluster of the stack, by id (see executeCommand). */
  private readonly clusterExecuteCommands = new Map<string, JsValue>();

  constructor(private readonly model: Model) {}

  /**
   * `new ecs.Cluster(scope, id, props)` (aws-ecs/lib/cluster.ts): its CfnCluster. Without a VPC it makes one of its
   * own, in two AZs.
   */
  ecsCluster(id: string, p: Props, site: CallSite): ResourceHandle {
    // aws-ecs/lib/cluster.ts: `new ec2.Vpc(this, 'Vpc', { maxAzs: 2 })`.
    const vpc =
      p.vpc ?? this.model.vpcModel.vpc(`${id}/Vpc`, { maxAzs: 2 }, site);
    this.clusterVpcs.set(id, vpc);
    this.clusterExecuteCommands.set(id, p.executeCommandConfiguration);
    if (p.capacity !== undefined)
      this.model.countNotModelled('aws-autoscaling.AutoScalingGroup');
    if (p.defaultCloudMapNamespace !== undefined)
      this.model.countNotModelled(
        ECS_METHODS_NOT_MODELLED.addDefaultCloudMapNamespace,
      );
    let insights: JsValue;
    if (p.containerInsights === true) insights = 'enabled';
    else if (p.containerInsights === false) insights = 'disabled';
    else if (p.containerInsights !== undefined)
      insights = new Unknown('containerInsights not known statically');
    return this.model.add(id, ECS_CLUSTER, site, {
      ClusterName: p.clusterName,
      ClusterSettings:
        insights === undefined
          ? undefined
          : [{ Name: 'containerInsights', Value: insights }],
    });
  }

  /** The VPC of an ECS cluster of the stack's; undefined for another. */
  private clusterVpc(cluster: JsValue): JsValue {
    return cluster instanceof ResourceHandle
      ? this.clusterVpcs.get(cluster.id)
      : undefined;
  }

  /**
   * A task definition (aws-ecs/lib/base/task-definition.ts; `TaskDefinition` of its `compatibility`,
   * `FargateTaskDefinition`, `Ec2TaskDefinition`): its CfnTaskDefinition, the task role it is given or makes
   * (`TaskRole`, trusting ECS tasks), and an execution role given (one it makes only when something needs it, see
   * executionRoleOf). A task that may run on Fargate or Managed Instances runs in awsvpc mode by default, a Fargate
   * one of 256 CPU units and 512 MiB; an EC2 task in bridge mode.
   */
  taskDefinition(
    id: string,
    cls: string,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    let taskRole = p.taskRole;
    if (taskRole === undefined) {
      taskRole = this.model.add(`${id}/TaskRole`, 'AWS::IAM::Role', site, {
        AssumeRolePolicyDocument: ECS_TASKS_TRUST,
      });
    }
    const fargate = cls === 'FargateTaskDefinition';
    let compatibilities: JsValue = ['EC2'];
    if (fargate) compatibilities = ['FARGATE'];
    else if (cls === 'TaskDefinition')
      compatibilities =
        (typeof p.compatibility === 'string'
          ? TASK_COMPATIBILITIES[p.compatibility]
          : undefined) ?? new Unknown('compatibilities of a task definition');
    // Fargate and Managed Instances tasks run in awsvpc mode by default, others in bridge mode.
    let networkMode: JsValue = new Unknown('network mode of a task definition');
    if (p.networkMode !== undefined)
      networkMode = enumValue(p.networkMode, 'NetworkMode');
    else if (Array.isArray(compatibilities))
      networkMode =
        compatibilities.includes('FARGATE') ||
        compatibilities.includes('MANAGED_INSTANCES')
          ? 'awsvpc'
          : 'bridge';
    // A TaskDefinition's memory is `memoryMiB`; its subclasses' `memoryLimitMiB`.
    const memory = cls === 'TaskDefinition' ? p.memoryMiB : p.memoryLimitMiB;
    const containers: Value[] = [];
    const handle = this.model.add(id, TASK_DEFINITION, site, {
      Family: p.family ?? new Unknown('family CDK generates'),
      Cpu: p.cpu === undefined && fargate ? '256' : this.stringOf(p.cpu, 'CPU'),
      Memory:
        memory === undefined && fargate
          ? '512'
          : this.stringOf(memory, 'memory'),
      NetworkMode: networkMode,
      RequiresCompatibilities: compatibilities,
      TaskRoleArn: this.model.iamModel.roleArnOf(taskRole),
      ExecutionRoleArn:
        p.executionRole === undefined
          ? undefined
          : this.model.iamModel.roleArnOf(p.executionRole),
    });
    // Added to as containers are (see addContainer).
    this.model.byId.get(id)!.properties.ContainerDefinitions = containers;
    this.taskDefinitions.set(id, {
      taskRole,
      executionRole: p.executionRole,
      containers,
    });
    return handle;
  }

  /** A number of CPU units or MiB, which CDK writes as a string; undefined: not set. */
  private stringOf(value: JsValue, what: string): JsValue {
    if (value === undefined || typeof value === 'string') return value;
    return typeof value === 'number'
      ? String(value)
      : new Unknown(`${what} not known statically`);
  }

  /** What is called on a task definition that this model follows; undefined for any other method. */
  taskDefinitionMethod(
    taskDefinition: ResourceHandle,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue {
    const [first, second] = args;
    switch (name) {
      case 'addContainer': {
        // Props not known statically may be any: a construct not modelled.
        if (!isPlainObject(second)) {
          this.model.countNotModelled('aws-ecs.ContainerDefinition');
          this.model.escape(args);
          return new Unknown(`container of ${taskDefinition.id}`);
        }
        // An id not known statically: the constructs below it are named as those of other such ids are.
        const id = typeof first === 'string' ? first : `construct@${site.line}`;
        this.addContainer(
          taskDefinition,
          `${taskDefinition.id}/${id}`,
          typeof first === 'string'
            ? first
            : new Unknown('name of a container'),
          second,
          site,
        );
        return new Unknown(`container ${id} of ${taskDefinition.id}`);
      }
      case 'addFirelensLogRouter': {
        this.taskDefinitions.get(taskDefinition.id)!.logRouter = true;
        if (typeof first === 'string' && isPlainObject(second))
          this.addContainer(
            taskDefinition,
            `${taskDefinition.id}/${first}`,
            first,
            second,
            site,
          );
        else
          this.taskDefinitions
            .get(taskDefinition.id)!
            .containers.push(new Unknown('firelens log router'));
        return new Unknown(`log router of ${taskDefinition.id}`);
      }
      case 'obtainExecutionRole':
        return this.executionRoleOf(taskDefinition, site);
      case 'addToTaskRolePolicy':
        this.model.iamModel.addStatements(
          this.taskDefinitions.get(taskDefinition.id)!.taskRole,
          [first],
          site,
        );
        return null;
      case 'addToExecutionRolePolicy':
        this.model.iamModel.addStatements(
          this.executionRoleOf(taskDefinition, site),
          [first],
          site,
        );
        return null;
      default:
        return undefined;
    }
  }

  /**
   * A task definition's execution role: the one it was given, or the one it makes on first use (`ExecutionRole`,
   * trusting ECS tasks; aws-ecs/lib/base/task-definition.ts, obtainExecutionRole).
   */
  private executionRoleOf(
    taskDefinition: ResourceHandle,
    site: CallSite,
  ): JsValue {
    const made = this.taskDefinitions.get(taskDefinition.id)!;
    if (made.executionRole === undefined) {
      made.executionRole = this.model.add(
        `${taskDefinition.id}/ExecutionRole`,
        'AWS::IAM::Role',
        site,
        { AssumeRolePolicyDocument: ECS_TASKS_TRUST },
      );
      this.model.byId.get(taskDefinition.id)!.properties.ExecutionRoleArn =
        new Ref(made.executionRole.id, 'Arn');
    }
    return made.executionRole;
  }

  /**
   * A container added to a task definition (aws-ecs/lib/container-definition.ts), at `path`, named `containerName`
   * unless its props name it: its definition as CDK writes it, what pulling its image grants the execution role (see
   * containerImage), and its logging (see containerLogging). Essential unless it says otherwise.
   */
  private addContainer(
    taskDefinition: ResourceHandle,
    path: string,
    containerName: JsValue,
    p: Props,
    site: CallSite,
  ): void {
    const image = p.image;
    let imageUri: JsValue = new Unknown('image of a container');
    if (image instanceof HostObject && image.kind === 'containerImage') {
      imageUri = image.data.uri;
      if (image.data.repositoryArn !== undefined)
        this.model.iamModel.addStatements(
          this.executionRoleOf(taskDefinition, site),
          [
            {
              Effect: 'Allow',
              Action: ECR_PULL,
              Resource: image.data.repositoryArn,
            },
            {
              Effect: 'Allow',
              Action: 'ecr:GetAuthorizationToken',
              Resource: '*',
            },
          ],
          site,
        );
    }
    const credentials =
      image instanceof HostObject && image.kind === 'containerImage'
        ? image.data.credentials
        : undefined;
    if (credentials !== undefined) {
      const executionRole = this.executionRoleOf(taskDefinition, site);
      if (this.model.handleOfType(credentials, SECRET))
        this.model.callMethod(credentials, 'grantRead', [executionRole], site);
      else
        this.model.iamModel.addStatements(
          executionRole,
          [new Unknown('grant of reading the credentials of a registry')],
          site,
        );
    }
    const environment = isPlainObject(p.environment)
      ? Object.entries(p.environment).map(([key, value]) => ({
          Name: key,
          Value: value,
        }))
      : p.environment;
    const portMappings = Array.isArray(p.portMappings)
      ? p.portMappings.map(mapping =>
          isPlainObject(mapping)
            ? {
                ContainerPort: mapping.containerPort,
                HostPort: mapping.hostPort,
                Protocol: portProtocol(mapping.protocol),
              }
            : mapping,
        )
      : p.portMappings;
    const made = this.taskDefinitions.get(taskDefinition.id)!;
    const mappings = p.portMappings;
    if (made.defaultContainer === undefined && p.essential !== false)
      made.defaultContainer = {
        name: p.containerName ?? containerName,
        port:
          Array.isArray(mappings) && isPlainObject(mappings[0])
            ? mappings[0].containerPort
            : new Unknown('port of a container'),
      };
    made.containers.push(
      this.model.graphValue(
        {
          Name: p.containerName ?? containerName,
          Image: imageUri,
          RepositoryCredentials:
            credentials === undefined
              ? undefined
              : { CredentialsParameter: this.model.ref(credentials) },
          Essential: p.essential ?? true,
          Command: p.command,
          Memory: p.memoryLimitMiB,
          MemoryReservation: p.memoryReservationMiB,
          FirelensConfiguration: this.firelensConfiguration(
            taskDefinition,
            p.firelensConfig,
            site,
          ),
          Environment: environment,
          // What secrets grant the execution role is not modelled.
          Secrets:
            p.secrets === undefined
              ? undefined
              : new Unknown('secrets of a container'),
          PortMappings: portMappings,
          LogConfiguration: this.containerLogging(
            taskDefinition,
            path,
            p.logging,
            site,
          ),
        },
        site.file,
      ),
    );
    if (p.secrets !== undefined)
      this.model.iamModel.addStatements(
        this.executionRoleOf(taskDefinition, site),
        [new Unknown('grants of the secrets of a container')],
        site,
      );
  }

  /**
   * A container's `logging`: an awslogs driver (aws-ecs/lib/log-drivers/aws-log-driver.ts) writes to the log group it
   * is given, or to one it makes below the container (`LogGroup`, of `logRetention`: none by default, so logs are
   * kept forever), and grants the execution role writing to it; a firelens driver, see firelensLogging. Another
   * driver is not modelled.
   */
  private containerLogging(
    taskDefinition: ResourceHandle,
    containerPath: string,
    logging: JsValue,
    site: CallSite,
  ): JsValue {
    if (logging === undefined) return undefined;
    if (logging instanceof HostObject && logging.kind === 'firelensLogDriver')
      return this.firelensLogging(taskDefinition, logging.data.props, site);
    if (!(logging instanceof HostObject && logging.kind === 'awsLogDriver'))
      return new Unknown('log driver of a container');
    // Of props not known statically, whether it makes a log group, and of what retention, is not known.
    if (
      logging.data.props !== undefined &&
      !isPlainObject(logging.data.props)
    ) {
      this.model.iamModel.addStatements(
        this.executionRoleOf(taskDefinition, site),
        [
          new Unknown(
            'grant of an awslogs driver of props not known statically',
          ),
        ],
        site,
      );
      return {
        LogDriver: 'awslogs',
        Options: new Unknown('options of an awslogs driver'),
      };
    }
    const p: Props = logging.data.props ?? {};
    let logGroup = p.logGroup;
    if (logGroup === undefined) {
      logGroup = this.model.add(`${containerPath}/LogGroup`, LOG_GROUP, site, {
        RetentionInDays:
          p.logRetention === undefined
            ? undefined
            : retentionOfL2(p.logRetention),
      });
      this.model.writtenAs.set(logGroup.id, AWS_LOGS_DRIVER_LOG_GROUP);
    }
    // Made once the log group is (aws-ecs/lib/log-drivers/aws-log-driver.ts, bind).
    const executionRole = this.executionRoleOf(taskDefinition, site);
    if (this.model.handleOfType(logGroup, LOG_GROUP))
      this.model.callMethod(logGroup, 'grantWrite', [executionRole], site);
    else
      this.model.iamModel.addStatements(
        executionRole,
        [new Unknown('grant of a log group not known statically')],
        site,
      );
    return {
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': this.model.ref(logGroup),
        'awslogs-stream-prefix': p.streamPrefix,
        'awslogs-region': Unknown.oneValue('AWS::Region'),
      },
    };
  }

  /**
   * A container's firelens driver (aws-ecs/lib/log-drivers/firelens-log-driver.ts): its options, as written; the
   * first such container of a task definition without a log router gets one at synthesis (see addLogRouters).
   * Secret options grant the execution role reading them: not modelled.
   */
  private firelensLogging(
    taskDefinition: ResourceHandle,
    props: JsValue,
    site: CallSite,
  ): JsValue {
    const p: Props = isPlainObject(props) ? props : {};
    if (props !== undefined && !isPlainObject(props))
      p.options = new Unknown('options of a firelens driver');
    const made = this.taskDefinitions.get(taskDefinition.id)!;
    made.firelens ??= { options: p.options, site };
    if (p.secretOptions !== undefined)
      this.model.iamModel.addStatements(
        this.executionRoleOf(taskDefinition, site),
        [new Unknown('grants of the secret options of a log driver')],
        site,
      );
    return {
      LogDriver: 'awsfirelens',
      Options: p.options,
      SecretOptions:
        p.secretOptions === undefined
          ? undefined
          : new Unknown('secret options of a log driver'),
    };
  }

  /**
   * A log router's `firelensConfig` (aws-ecs/lib/firelens-log-router.ts): its type, and its options, as not known;
   * a config file of S3 grants the execution role reading it.
   */
  private firelensConfiguration(
    taskDefinition: ResourceHandle,
    config: JsValue,
    site: CallSite,
  ): JsValue {
    if (config === undefined) return undefined;
    if (!isPlainObject(config))
      return new Unknown('firelens configuration of a log router');
    const options = config.options;
    const file = isPlainObject(options) ? options.configFileValue : undefined;
    const fileType = isPlainObject(options)
      ? options.configFileType
      : undefined;
    // A config file of S3 (a token, or an S3 ARN, unless its type says a file of the image) is read by the execution
    // role; what it reads of a token is not known. Of options not known, whether it is, is not known.
    const fromS3 =
      file !== undefined &&
      (fileType === undefined || fileType === 'FirelensConfigFileType.S3') &&
      (typeof file === 'string'
        ? /arn:aws[a-zA-Z-]*:s3:::.+/.test(file)
        : !(file instanceof Unknown));
    if (fromS3)
      this.model.iamModel.addStatements(
        this.executionRoleOf(taskDefinition, site),
        typeof file === 'string'
          ? [
              { Effect: 'Allow', Action: 's3:GetObject', Resource: file },
              {
                Effect: 'Allow',
                Action: 's3:GetBucketLocation',
                Resource: file.split('/')[0],
              },
            ]
          : [new Unknown('grants of reading the config file of a log router')],
        site,
      );
    return {
      Type: enumValue(config.type, 'FirelensLogRouterType'),
      Options:
        config.options === undefined
          ? undefined
          : new Unknown('options of a log router'),
    };
  }

  /**
   * `obtainDefaultFluentBitECRImage(task, logDriverConfig)` (aws-ecs/lib/firelens-log-router.ts): the image of
   * aws-for-fluent-bit an SSM parameter names, whose pull it grants the task's execution role on any repository; and
   * the task role what the output plugin its config names needs, on any resource (CloudWatch Logs, Firehose,
   * Kinesis). A config given is a driver's as it binds, which user code does not write: what it grants is not known.
   */
  defaultFluentBitImage(
    task: JsValue,
    logDriverConfig: JsValue,
    site: CallSite,
  ): HostObject {
    const image = new HostObject('containerImage', {
      uri: new Unknown('image of aws-for-fluent-bit'),
    });
    if (!(task instanceof ResourceHandle && this.taskDefinitions.has(task.id)))
      return image;
    this.model.iamModel.addStatements(
      this.executionRoleOf(task, site),
      [
        {
          Effect: 'Allow',
          Action: ['ecr:GetAuthorizationToken', ...ECR_PULL],
          Resource: '*',
        },
      ],
      site,
    );
    if (logDriverConfig === undefined) return image;
    const options =
      logDriverConfig instanceof HostObject &&
      logDriverConfig.kind === 'firelensOptions'
        ? logDriverConfig.data.options
        : new Unknown('config of a log driver');
    const taskRole = this.taskDefinitions.get(task.id)!.taskRole;
    const output = isPlainObject(options) ? options.Name : undefined;
    let statement: JsValue;
    if (output === 'cloudwatch') {
      const actions = [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:DescribeLogStreams',
        'logs:PutLogEvents',
      ];
      if (
        isPlainObject(options) &&
        Object.hasOwn(options, 'log_retention_days')
      )
        actions.push('logs:PutRetentionPolicy');
      statement = { Effect: 'Allow', Action: actions, Resource: '*' };
    } else if (output === 'firehose')
      statement = {
        Effect: 'Allow',
        Action: 'firehose:PutRecordBatch',
        Resource: '*',
      };
    else if (output === 'kinesis')
      statement = {
        Effect: 'Allow',
        Action: 'kinesis:PutRecords',
        Resource: '*',
      };
    else if (
      options !== undefined &&
      !(isPlainObject(options) && typeof output === 'string')
    )
      statement = new Unknown('grant of the output of a log router');
    if (statement !== undefined)
      this.model.iamModel.addStatements(taskRole, [statement], site);
    return image;
  }

  /**
   * The log router CDK adds at synthesis to a task definition with a container logging with firelens and no router
   * (aws-ecs/lib/base/task-definition.ts, renderContainers): `log-router`, of the default aws-for-fluent-bit image
   * (see defaultFluentBitImage, of the first such container's options), reserving 50 MiB, logging with awslogs to a
   * log group it makes. It adds them after aspects ran: tags added with `Tags.of` do not reach what it makes.
   */
  addLogRouters(): void {
    const before = new Set(this.model.byId.keys());
    for (const [id, made] of this.taskDefinitions) {
      if (made.firelens === undefined || made.logRouter) continue;
      const { options, site } = made.firelens;
      const taskDefinition = new ResourceHandle(id, TASK_DEFINITION);
      this.addContainer(
        taskDefinition,
        `${id}/log-router`,
        'log-router',
        {
          image: this.defaultFluentBitImage(
            taskDefinition,
            new HostObject('firelensOptions', { options }),
            site,
          ),
          firelensConfig: { type: 'FirelensLogRouterType.FLUENTBIT' },
          logging: new HostObject('awsLogDriver', {
            props: { streamPrefix: 'firelens' },
          }),
          memoryReservationMiB: 50,
        },
        site,
      );
    }
    for (const id of this.model.byId.keys())
      if (!before.has(id)) this.model.madeAfterAspects.add(id);
  }

  /**
   * `new ApplicationLoadBalancedFargateService(scope, id, props)` and `NetworkLoadBalancedFargateService`
   * (aws-ecs-patterns/lib/fargate, base/*-load-balanced-service-base.ts): a Fargate service (`Service`) of the task
   * definition given or of one it makes (`TaskDef`, of one container, `web` on port 80, logging to a log group it
   * makes unless `enableLogging: false`), behind a load balancer (`LB`, internet-facing by default; an application
   * one in a security group open on port 80) whose listener (`PublicListener`, HTTP or TCP on port 80) forwards to the
   * service's target group (`ECSGroup`); in the cluster given or the stack's default one (see defaultCluster). The
   * security group rules between the load balancer and the service are left out: no rule reads them, none is taggable.
   * It outputs the load balancer's DNS name (`LoadBalancerDNS`) and, an application one, the service's URL
   * (`ServiceURL`).
   */
  loadBalancedFargateService(
    scope: JsValue,
    idArg: JsValue,
    id: string,
    network: boolean,
    p: Props,
    site: CallSite,
  ): HostObject {
    const cluster = p.cluster ?? this.defaultCluster(scope, p.vpc, site);
    const taskDefinition =
      p.taskDefinition instanceof ResourceHandle
        ? p.taskDefinition
        : this.patternTaskDefinition(`${id}/TaskDef`, idArg, p, site);
    const container = this.taskDefinitions.get(taskDefinition.id)!
      .defaultContainer!;
    let internetFacing: JsValue = true;
    if (p.publicLoadBalancer !== undefined)
      internetFacing =
        typeof p.publicLoadBalancer === 'boolean'
          ? p.publicLoadBalancer
          : new Unknown('publicLoadBalancer not known statically');
    const loadBalancer = this.model.elbv2Model.loadBalancer(
      `${id}/LB`,
      network,
      {
        vpc: this.clusterVpc(cluster),
        internetFacing,
        loadBalancerName: p.loadBalancerName,
      },
      site,
    )!;
    const listener = this.model.elbv2Model.listener(
      loadBalancer,
      'PublicListener',
      {
        port: 80,
        protocol: network ? 'Protocol.TCP' : 'ApplicationProtocol.HTTP',
        open: p.openListener !== false,
      },
      site,
    );
    if (!network)
      // The rule to the service's security group replaces the one allowing no outbound traffic.
      delete this.model.byId.get(`${id}/LB/SecurityGroup`)!.properties
        .SecurityGroupEgress;
    // `listener.addTargets('ECS', …)` with the service as its target (ip), not a target this model follows: made here.
    const targetGroup = this.model.elbv2Model.targetGroup(
      `${id}/LB/PublicListener/ECSGroup`,
      network,
      {
        vpc: this.clusterVpc(cluster),
        port: 80,
        protocol: network ? 'Protocol.TCP' : 'ApplicationProtocol.HTTP',
        targetType: 'TargetType.IP',
      },
      site,
    )!;
    this.model.byId.get(listener!.id)!.properties.DefaultActions = [
      { TargetGroupArn: new Ref(targetGroup.id), Type: 'forward' },
    ];
    const service = this.ecsService(
      `${id}/Service`,
      taskDefinition,
      true,
      {
        cluster,
        desiredCount: p.desiredCount,
        serviceName: p.serviceName,
        assignPublicIp: p.assignPublicIp,
        securityGroups: p.securityGroups,
        capacityProviderStrategies: p.capacityProviderStrategies,
        enableExecuteCommand: p.enableExecuteCommand,
        cloudMapOptions: p.cloudMapOptions,
      },
      site,
      [
        {
          ContainerName: container.name,
          ContainerPort: container.port,
          TargetGroupArn: new Ref(targetGroup.id),
        },
      ],
    );
    // Both bases output the load balancer's DNS name; the application one also the service's URL, over HTTP as the
    // listener is here (a protocol, certificate or domain name is a construct not modelled).
    const stack = this.model.stackOf(scope);
    const dnsName = new Ref(loadBalancer.id, 'DNSName');
    const outputs: [string, Value][] = [['LoadBalancerDNS', dnsName]];
    if (!network) outputs.push(['ServiceURL', concat(['http://', dnsName])]);
    for (const [name, value] of outputs)
      this.model.outputs.push({
        stack,
        output: { name, value, file: site.file, line: site.line },
      });
    return new HostObject('scope', {
      path: id,
      made: {
        loadBalancer,
        listener,
        targetGroup,
        service,
        taskDefinition,
        cluster,
      },
    });
  }

  /** The task definition an ecs-patterns service makes of its `taskImageOptions` (see loadBalancedFargateService). */
  private patternTaskDefinition(
    id: string,
    serviceId: JsValue,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    const options = p.taskImageOptions as Props;
    const taskDefinition = this.taskDefinition(
      id,
      'FargateTaskDefinition',
      {
        cpu: p.cpu,
        memoryLimitMiB: p.memoryLimitMiB,
        family: options.family,
        taskRole: options.taskRole,
        executionRole: options.executionRole,
      },
      site,
    );
    const containerName = (options.containerName ?? 'web') as string;
    this.addContainer(
      taskDefinition,
      `${id}/${containerName}`,
      containerName,
      {
        image: options.image,
        environment: options.environment,
        secrets: options.secrets,
        portMappings: [{ containerPort: options.containerPort ?? 80 }],
        logging: patternLogging(
          options.logDriver,
          options.enableLogging,
          serviceId,
        ),
      },
      site,
    );
    return taskDefinition;
  }

  /**
   * `new ScheduledFargateTask(scope, id, props)` (aws-ecs-patterns/lib/fargate/scheduled-fargate-task.ts,
   * base/scheduled-task-base.ts): a rule (`ScheduledEventRule`) on its schedule whose target runs the task definition
   * given, or one it makes (`ScheduledTaskDef`, of one container, `ScheduledContainer`, logging to a log group it
   * makes), on the cluster given or the stack's default one (see defaultCluster), as an ECS task target does.
   */
  scheduledFargateTask(
    scope: JsValue,
    idArg: JsValue,
    id: string,
    p: Props,
    site: CallSite,
  ): HostObject {
    const cluster = p.cluster ?? this.defaultCluster(scope, p.vpc, site);
    let taskDefinition: JsValue;
    if (isPlainObject(p.scheduledFargateTaskDefinitionOptions))
      taskDefinition = p.scheduledFargateTaskDefinitionOptions.taskDefinition;
    else {
      const options = p.scheduledFargateTaskImageOptions as Props;
      const containerName = (options.containerName ??
        'ScheduledContainer') as string;
      taskDefinition = this.taskDefinition(
        `${id}/ScheduledTaskDef`,
        'FargateTaskDefinition',
        { cpu: options.cpu, memoryLimitMiB: options.memoryLimitMiB },
        site,
      );
      this.addContainer(
        taskDefinition,
        `${id}/ScheduledTaskDef/${containerName}`,
        containerName,
        {
          image: options.image,
          command: options.command,
          environment: options.environment,
          secrets: options.secrets,
          logging:
            options.logDriver ??
            new HostObject('awsLogDriver', { props: { streamPrefix: idArg } }),
        },
        site,
      );
    }
    const ruleId = `${id}/ScheduledEventRule`;
    const target = this.ecsTaskTarget(
      { cluster, taskDefinition, securityGroups: p.securityGroups },
      site,
    );
    const rule = this.model.add(ruleId, 'AWS::Events::Rule', site, {
      Name: p.ruleName,
      ScheduleExpression: new Unknown('schedule'),
      Targets: [this.model.eventTargetsModel.eventTarget(target, ruleId, site)],
    });
    return new HostObject('scope', {
      path: id,
      made: { cluster, taskDefinition, eventRule: rule },
    });
  }

  /**
   * `new QueueProcessingFargateService(scope, id, props)` (aws-ecs-patterns/lib/fargate/queue-processing-fargate-service.ts,
   * base/queue-processing-service-base.ts): the queue given, or one it makes (`EcsProcessingQueue`, redriving to a
   * dead-letter queue it makes, `EcsProcessingDeadLetterQueue`, kept 14 days by default), whose name and ARN (and the
   * dead-letter queue's) it outputs; a task definition (`QueueProcessingTaskDef`, of one container,
   * `QueueProcessingContainer`, told the queue's name, logging to a log group it makes unless `enableLogging: false`)
   * whose task role consumes the queue; and its service (`QueueProcessingFargateService`) in the cluster given or the
   * stack's default one. The scaling of its task count is a construct not modelled (`aws-ecs.ScalableTaskCount`).
   */
  queueProcessingFargateService(
    scope: JsValue,
    idArg: JsValue,
    id: string,
    p: Props,
    site: CallSite,
  ): HostObject {
    const cluster = p.cluster ?? this.defaultCluster(scope, p.vpc, site);
    const stack = this.model.stackOf(scope);
    const output = (name: string, value: Value) =>
      this.model.outputs.push({
        stack,
        output: { name, value, file: site.file, line: site.line },
      });
    let queue = p.queue as ResourceHandle | undefined;
    let deadLetterQueue: ResourceHandle | undefined;
    if (queue === undefined) {
      deadLetterQueue = this.model.messagingModel.queue(
        `${id}/EcsProcessingDeadLetterQueue`,
        { retentionPeriod: p.retentionPeriod ?? DURATION_SECONDS.days * 14 },
        site,
      );
      queue = this.model.messagingModel.queue(
        `${id}/EcsProcessingQueue`,
        {
          visibilityTimeout: p.visibilityTimeout,
          deadLetterQueue: {
            queue: deadLetterQueue,
            maxReceiveCount: p.maxReceiveCount ?? 3,
          },
        },
        site,
      );
      output('SQSDeadLetterQueue', new Ref(deadLetterQueue.id, 'QueueName'));
      output('SQSDeadLetterQueueArn', new Ref(deadLetterQueue.id, 'Arn'));
    }
    const taskDefinition = this.taskDefinition(
      `${id}/QueueProcessingTaskDef`,
      'FargateTaskDefinition',
      { cpu: p.cpu, memoryLimitMiB: p.memoryLimitMiB, family: p.family },
      site,
    );
    const containerName = (p.containerName ??
      'QueueProcessingContainer') as string;
    this.addContainer(
      taskDefinition,
      `${taskDefinition.id}/${containerName}`,
      containerName,
      {
        image: p.image,
        command: p.command,
        environment:
          isPlainObject(p.environment) || p.environment === undefined
            ? { ...p.environment, QUEUE_NAME: new Ref(queue.id, 'QueueName') }
            : new Unknown('environment of a queue processing service'),
        secrets: p.secrets,
        logging: patternLogging(p.logDriver, p.enableLogging, idArg),
      },
      site,
    );
    output('SQSQueue', new Ref(queue.id, 'QueueName'));
    output('SQSQueueArn', new Ref(queue.id, 'Arn'));
    const service = this.ecsService(
      `${id}/QueueProcessingFargateService`,
      taskDefinition,
      true,
      {
        cluster,
        desiredCount: p.desiredTaskCount,
        serviceName: p.serviceName,
        assignPublicIp: p.assignPublicIp,
        securityGroups: p.securityGroups,
        capacityProviderStrategies: p.capacityProviderStrategies,
        enableExecuteCommand: p.enableExecuteCommand,
      },
      site,
    );
    this.model.countNotModelled('aws-ecs.ScalableTaskCount');
    this.model.callMethod(
      queue,
      'grantConsumeMessages',
      [this.taskDefinitions.get(taskDefinition.id)!.taskRole],
      site,
    );
    return new HostObject('scope', {
      path: id,
      made: {
        cluster,
        taskDefinition,
        service,
        sqsQueue: queue,
        deadLetterQueue,
      },
    });
  }

  /** Whether what a ScheduledFargateTask runs is modelled: a task definition of the stack's, or image options of a container name known. */
  scheduledTaskModelled(p: Props): boolean {
    const given = p.scheduledFargateTaskDefinitionOptions;
    if (given !== undefined)
      return (
        isPlainObject(given) &&
        given.taskDefinition instanceof ResourceHandle &&
        this.taskDefinitions.has(given.taskDefinition.id)
      );
    const options = p.scheduledFargateTaskImageOptions;
    return (
      isPlainObject(options) &&
      ['string', 'undefined'].includes(typeof options.containerName)
    );
  }

  /**
   * Whether what an ecs-patterns service runs is modelled: a Fargate task definition of the stack's with a container
   * (its default one, the first), or `taskImageOptions` (see patternTaskDefinition) of a container name known.
   */
  patternTaskModelled(p: Props): boolean {
    if (p.taskDefinition !== undefined)
      return (
        p.taskDefinition instanceof ResourceHandle &&
        this.model.byId.get(p.taskDefinition.id)?.properties.NetworkMode ===
          'awsvpc' &&
        this.taskDefinitions.get(p.taskDefinition.id)?.defaultContainer !==
          undefined
      );
    return (
      isPlainObject(p.taskImageOptions) &&
      ['string', 'undefined'].includes(typeof p.taskImageOptions.containerName)
    );
  }

  /**
   * The cluster of an ecs-patterns service given none: one per stack and VPC, made at the stack's scope
   * (`EcsDefaultClusterMnL3mNNYN` and the VPC's id; aws-ecs-patterns/lib/base, getDefaultCluster). Of a stack or
   * VPC not known statically, a construct not modelled.
   */
  private defaultCluster(
    scope: JsValue,
    vpc: JsValue,
    site: CallSite,
  ): JsValue {
    const stack = this.model.stackOf(scope);
    // A VPC of the stack's, one not modelled, or of the app's own class extending one (a construct of a path).
    let vpcPath: JsValue = scopePath(vpc);
    if (vpc instanceof ResourceHandle) vpcPath = vpc.id;
    else if (vpc instanceof Unknown)
      vpcPath = this.model.importsModel.outsideConstructs.get(vpc)?.path;
    let vpcId: string | undefined = '';
    if (vpc !== undefined)
      vpcId =
        typeof vpcPath === 'string' ? vpcPath.split('/').pop() : undefined;
    if (stack === undefined || vpcId === undefined) {
      this.model.countNotModelled('aws-ecs.Cluster');
      return new Unknown('the default cluster of ecs-patterns');
    }
    const id = `${stackPath(stack)}/EcsDefaultClusterMnL3mNNYN${vpcId}`;
    return this.model.byId.has(id)
      ? new ResourceHandle(id, ECS_CLUSTER)
      : this.ecsCluster(id, { vpc }, site);
  }

  /**
   * `new FargateService` / `new Ec2Service` (aws-ecs/lib/base/base-service.ts): its CfnService, in the cluster, of
   * the task definition. In awsvpc mode (always on Fargate) it runs in a security group made below it
   * (`SecurityGroup`, allowing all outbound traffic) unless given some. Its Service Connect proxy logs as a container
   * does (see containerLogging), below the service; its Cloud Map service is a construct not modelled.
   */
  ecsService(
    id: string,
    taskDefinition: ResourceHandle,
    fargate: boolean,
    p: Props,
    site: CallSite,
    loadBalancers?: JsValue[],
    securityGroupId = `${id}/SecurityGroup`,
  ): ResourceHandle {
    const awsvpc =
      this.model.byId.get(taskDefinition.id)!.properties.NetworkMode ===
      'awsvpc';
    let securityGroups: JsValue = p.securityGroups;
    if (awsvpc && securityGroups === undefined) {
      const group = this.model.add(securityGroupId, SECURITY_GROUP, site, {
        GroupDescription: new Unknown('description CDK generates'),
        SecurityGroupEgress: [ALL_OUTBOUND],
        VpcId: this.model.vpcModel.vpcIdOf(this.clusterVpc(p.cluster)),
      });
      securityGroups = [new Ref(group.id, 'GroupId')];
    } else if (Array.isArray(securityGroups))
      securityGroups = securityGroups.map(group =>
        this.model.ref(group, 'GroupId'),
      );
    let assignPublicIp: JsValue = 'DISABLED';
    if (p.assignPublicIp === true) assignPublicIp = 'ENABLED';
    else if (p.assignPublicIp !== undefined && p.assignPublicIp !== false)
      assignPublicIp = new Unknown('assignPublicIp not known statically');
    // Capacity provider strategies choose where tasks run instead of a launch type.
    let launchType: JsValue;
    if (p.capacityProviderStrategies === undefined)
      launchType = fargate ? 'FARGATE' : 'EC2';
    if (p.cloudMapOptions !== undefined)
      this.model.countNotModelled(ECS_METHODS_NOT_MODELLED.enableCloudMap);
    // The Service Connect proxy logs with the driver given, bound to the service (base-service.ts, enableServiceConnect).
    const connect = p.serviceConnectConfiguration;
    if (connect !== undefined)
      this.containerLogging(
        taskDefinition,
        id,
        isPlainObject(connect)
          ? connect.logDriver
          : new Unknown('serviceConnectConfiguration not known statically'),
        site,
      );
    if (
      p.enableExecuteCommand !== undefined &&
      p.enableExecuteCommand !== false
    )
      this.executeCommand(
        taskDefinition,
        p.cluster,
        p.enableExecuteCommand,
        site,
      );
    return this.model.add(`${id}/Service`, ECS_SERVICE, site, {
      Cluster: this.model.ref(p.cluster),
      TaskDefinition: new Ref(taskDefinition.id),
      LaunchType: launchType,
      DesiredCount: p.desiredCount,
      EnableExecuteCommand: p.enableExecuteCommand,
      ServiceName: p.serviceName,
      LoadBalancers: loadBalancers,
      NetworkConfiguration: awsvpc
        ? {
            AwsvpcConfiguration: {
              AssignPublicIp: assignPublicIp,
              SecurityGroups: securityGroups,
              // With a public IP, in the public subnets (aws-ecs/lib/base/base-service.ts, configureAwsVpcNetworking).
              Subnets: this.model.vpcModel.subnetRefs(
                this.clusterVpc(p.cluster),
                p.vpcSubnets ??
                  (assignPublicIp === 'ENABLED'
                    ? { subnetType: 'SubnetType.PUBLIC' }
                    : undefined),
                'subnets of the service',
              ),
            },
          }
        : undefined,
    });
  }

  /**
   * ECS Exec on a service (aws-ecs/lib/base/base-service.ts, enableExecuteCommand): its task role is granted the SSM
   * channels; where the cluster's `executeCommandConfiguration` has a key, using it, and the key's policy lets
   * CloudWatch Logs use it when sessions are logged by default or to an encrypted log group; unless the cluster logs
   * no sessions, describing log groups and writing to the cluster's log group, or (without one, and without the flag
   * reduceEc2FargateCloudWatchPermissions) to any, and locating and writing to its bucket (reading its encryption if
   * encrypted). Of a cluster or configuration not known statically, what else is granted is not known.
   */
  private executeCommand(
    taskDefinition: ResourceHandle,
    cluster: JsValue,
    enabled: JsValue,
    site: CallSite,
  ): void {
    const taskRole = this.taskDefinitions.get(taskDefinition.id)!.taskRole;
    const grant = (statements: JsValue[]) =>
      this.model.iamModel.addStatements(
        taskRole,
        enabled === true
          ? statements
          : statements.map(
              () => new Unknown('grant of enableExecuteCommand not known'),
            ),
        site,
      );
    grant([
      {
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Resource: '*',
      },
    ]);
    const imports = this.model.importsModel;
    let config: JsValue = new Unknown(
      'executeCommandConfiguration of a cluster',
    );
    if (
      cluster instanceof ResourceHandle &&
      this.clusterExecuteCommands.has(cluster.id)
    )
      config = this.clusterExecuteCommands.get(cluster.id);
    // A cluster imported has the configuration its attributes give (aws-ecs/lib/cluster.ts, ImportedCluster).
    else if (
      cluster instanceof Unknown &&
      imports.importedClasses.get(cluster) === 'aws-ecs.Cluster' &&
      imports.importAttributes.has(cluster)
    )
      config =
        imports.importAttributes.get(cluster)!.executeCommandConfiguration;
    const logConfiguration = isPlainObject(config)
      ? config.logConfiguration
      : undefined;
    const logging = isPlainObject(config) ? config.logging : undefined;
    if (
      (config !== undefined && !isPlainObject(config)) ||
      (logging !== undefined && typeof logging !== 'string') ||
      (logConfiguration !== undefined && !isPlainObject(logConfiguration))
    ) {
      grant([new Unknown('grants of ECS Exec of a cluster not known')]);
      const key = isPlainObject(config) ? config.kmsKey : undefined;
      const keyResource =
        key instanceof ResourceHandle ? this.model.byId.get(key.id) : undefined;
      if (keyResource?.type === KEY)
        this.model.iamModel.addPolicyStatements(
          keyResource,
          [new Unknown('statement ECS Exec adds')],
          site,
          'KeyPolicy',
        );
      return;
    }
    const sessionLogging = logging ?? 'ExecuteCommandLogging.DEFAULT';
    const key = isPlainObject(config) ? config.kmsKey : undefined;
    if (key !== undefined) {
      grant([
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: this.model.ref(key, 'Arn'),
        },
      ]);
      const keyResource =
        key instanceof ResourceHandle ? this.model.byId.get(key.id) : undefined;
      const encrypted = logConfiguration?.cloudWatchEncryptionEnabled;
      let logsStatement: JsValue;
      if (
        sessionLogging === 'ExecuteCommandLogging.DEFAULT' ||
        encrypted === true
      )
        logsStatement = {
          Effect: 'Allow',
          Principal: {
            Service: concat([
              'logs.',
              Unknown.oneValue('AWS::Region'),
              '.amazonaws.com',
            ]),
          },
          Action: [
            'kms:Encrypt*',
            'kms:Decrypt*',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:Describe*',
          ],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': stackArn('logs', ['*']),
            },
          },
        };
      else if (encrypted !== undefined && encrypted !== false)
        logsStatement = new Unknown('statement ECS Exec adds');
      // The account's kms:* CDK adds too is the key's default policy's first statement, which it merges with.
      if (keyResource?.type === KEY && logsStatement !== undefined)
        this.model.iamModel.addPolicyStatements(
          keyResource,
          [logsStatement],
          site,
          'KeyPolicy',
        );
    }
    if (sessionLogging === 'ExecuteCommandLogging.NONE') return;
    const group = logConfiguration?.cloudWatchLogGroup;
    if (
      group !== undefined ||
      !this.model.synthesisSettings.reduceExecuteCommandLogging
    )
      grant([
        { Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'logs:CreateLogStream',
            'logs:DescribeLogStreams',
            'logs:PutLogEvents',
          ],
          Resource:
            group === undefined
              ? '*'
              : stackArn('logs', [
                  'log-group:',
                  this.model.handleOfType(group, LOG_GROUP)
                    ? new Ref(group.id)
                    : new Unknown('name of a log group'),
                  ':*',
                ]),
        },
      ]);
    const bucket = logConfiguration?.s3Bucket;
    if (bucket === undefined) return;
    const bucketArn = [
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':s3:::',
      this.model.handleOfType(bucket, 'AWS::S3::Bucket')
        ? new Ref(bucket.id)
        : new Unknown('name of a bucket'),
    ];
    const encrypted = logConfiguration?.s3EncryptionEnabled;
    let encryption: JsValue;
    if (encrypted === true)
      encryption = {
        Effect: 'Allow',
        Action: 's3:GetEncryptionConfiguration',
        Resource: concat(bucketArn),
      };
    else if (encrypted !== undefined && encrypted !== false)
      encryption = new Unknown('grant of reading the encryption of a bucket');
    grant([
      { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: concat([...bucketArn, '/*']),
      },
      ...(encryption === undefined ? [] : [encryption]),
    ]);
  }

  /**
   * `new targets.EcsTask(props)` (aws-events-targets/lib/ecs-task.ts): EventBridge runs the task definition on the
   * cluster as the role of its props, or as one CDK makes below the task definition, granted ecs:RunTask of it on
   * the cluster, ecs:TagResource of the cluster's tasks, and iam:PassRole of the task definition's execution and
   * task roles where it has them; of a task definition or cluster not modelled (imported), which they are is not
   * known. A task in awsvpc mode runs in the security groups given, or in one CDK makes below its task definition.
   */
  ecsTaskTarget(props: JsValue, site: CallSite): HostObject {
    if (!isPlainObject(props)) {
      this.model.escape([props]);
      return new HostObject('eventTarget', {
        target: undefined,
        role: new Unknown('role of target props not known statically'),
      });
    }
    const role =
      props.role ??
      this.model.eventTargetsModel.singletonEventRole(
        props.taskDefinition,
        site,
      );
    // Of the stack's task definition and cluster, what it runs and where are known (aws-events-targets/lib/ecs-task.ts).
    const taskDefinition =
      props.taskDefinition instanceof ResourceHandle &&
      this.taskDefinitions.has(props.taskDefinition.id)
        ? props.taskDefinition
        : undefined;
    const made = taskDefinition && this.taskDefinitions.get(taskDefinition.id)!;
    const cluster = this.model.handleOfType(props.cluster, ECS_CLUSTER)
      ? props.cluster
      : undefined;
    const passRoles = made
      ? [made.executionRole, made.taskRole]
          .filter(passed => passed !== undefined)
          .map(passed => ({
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: this.model.iamModel.roleArnOf(passed),
          }))
      : [
          new Unknown(
            "iam:PassRole of an ECS task target's task definition's roles",
          ),
        ];
    this.model.iamModel.addStatements(
      role,
      [
        {
          Effect: 'Allow',
          Action: ['ecs:RunTask'],
          Resource: taskDefinition
            ? new Ref(taskDefinition.id)
            : new Unknown('task definition of an ECS task target'),
          Condition: {
            ArnEquals: {
              'ecs:cluster': cluster
                ? new Ref(cluster.id, 'Arn')
                : new Unknown('cluster of an ECS task target'),
            },
          },
        },
        {
          Effect: 'Allow',
          Action: ['ecs:TagResource'],
          Resource: concat([
            'arn:',
            Unknown.oneValue('AWS::Partition'),
            ':ecs:',
            cluster
              ? Unknown.oneValue('AWS::Region')
              : new Unknown("cluster's region"),
            ':*:task/',
            cluster ? new Ref(cluster.id) : new Unknown("cluster's name"),
            '/*',
          ]),
        },
        ...passRoles,
      ],
      site,
    );
    // A task in awsvpc mode runs in the security groups given, or in one made below its task definition.
    const groupId = taskDefinition && `${taskDefinition.id}/SecurityGroup`;
    if (
      groupId &&
      props.securityGroups === undefined &&
      this.model.byId.get(taskDefinition.id)!.properties.NetworkMode ===
        'awsvpc' &&
      !this.model.byId.has(groupId)
    )
      this.model.add(groupId, SECURITY_GROUP, site, {
        GroupDescription: new Unknown('description CDK generates'),
        SecurityGroupEgress: [ALL_OUTBOUND],
        VpcId: this.model.vpcModel.vpcIdOf(this.clusterVpc(props.cluster)),
      });
    return new HostObject('eventTarget', {
      target: props.cluster,
      options: props,
      role,
    });
  }
}

/**
 * ECS on Fargate and EC2 (aws-ecs `Cluster`, task definitions and their containers, `FargateService`, `Ec2Service`;
 * aws-ecs-patterns `ApplicationLoadBalancedFargateService`): the resources `cdk synth` writes for them (aws-cdk-lib
 * 2.278.0), above all the log group an awslogs driver makes (no retention, no key: LOG-002, ENC-001), the task and
 * execution roles and what CDK grants them, and the taggable resources around them (OPS-003).
 */
import { Ref, Unknown, concat } from '../../graph/values';
import { scanFiles, selectRules } from '../../engine/scan';
import {
  cdkStackFiles,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
  cdkStackSource,
  scanCdkApp,
  scanCdkStack,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 12. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';`,
    body,
  );

const ECS_TASKS_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};

/** The statements of a resource's policy in the graph. */
const statementsOf = (graph: ReturnType<typeof graphOf>, id: string) =>
  (graph.get(id)!.properties.PolicyDocument as { Statement: unknown[] })
    .Statement;

describe('CDK ECS', () => {
  it('ApplicationLoadBalancedFargateService is the task definition, roles, log group, service, load balancer, listener, target group and security groups synth writes; its log group has no retention nor key', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const topic = new sns.Topic(this, 'Topic');
    const site = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', {
      cluster, cpu: 512, desiredCount: 1, memoryLimitMiB: 2048,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx'), environment: { TOPIC: topic.topicArn } },
    });
    topic.grantPublish(site.taskDefinition.taskRole);
    new cdk.CfnOutput(this, 'Listener', { value: site.listener.listenerArn });`);
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        // The VPC's parts: see vpc.test.ts.
        .filter(
          resource => resource.id !== 'Topic' && !/^Vpc\b/.test(resource.id),
        )
        .map(resource => `${resource.id} ${resource.type}`)
        .sort(),
    ).toEqual([
      'Cluster AWS::ECS::Cluster',
      'Site/LB AWS::ElasticLoadBalancingV2::LoadBalancer',
      'Site/LB/PublicListener AWS::ElasticLoadBalancingV2::Listener',
      'Site/LB/PublicListener/ECSGroup AWS::ElasticLoadBalancingV2::TargetGroup',
      'Site/LB/SecurityGroup AWS::EC2::SecurityGroup',
      'Site/Service/SecurityGroup AWS::EC2::SecurityGroup',
      'Site/Service/Service AWS::ECS::Service',
      'Site/TaskDef AWS::ECS::TaskDefinition',
      'Site/TaskDef/ExecutionRole AWS::IAM::Role',
      'Site/TaskDef/ExecutionRole/DefaultPolicy AWS::IAM::Policy',
      'Site/TaskDef/TaskRole AWS::IAM::Role',
      'Site/TaskDef/TaskRole/DefaultPolicy AWS::IAM::Policy',
      'Site/TaskDef/web/LogGroup AWS::Logs::LogGroup',
    ]);
    // The log group the awslogs driver makes: no properties at all.
    expect(graph.get('Site/TaskDef/web/LogGroup')!.properties).toEqual({});
    expect(graph.get('Site/TaskDef')!.properties).toEqual({
      Family: new Unknown('family CDK generates'),
      Cpu: '512',
      Memory: '2048',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      TaskRoleArn: new Ref('Site/TaskDef/TaskRole', 'Arn'),
      ExecutionRoleArn: new Ref('Site/TaskDef/ExecutionRole', 'Arn'),
      ContainerDefinitions: [
        {
          Name: 'web',
          Image: 'nginx',
          Essential: true,
          Environment: [{ Name: 'TOPIC', Value: new Ref('Topic') }],
          PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }],
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: {
              'awslogs-group': new Ref('Site/TaskDef/web/LogGroup'),
              'awslogs-stream-prefix': 'Site',
              'awslogs-region': Unknown.oneValue('AWS::Region'),
            },
          },
        },
      ],
    });
    expect(graph.get('Site/TaskDef/TaskRole')!.properties).toEqual({
      AssumeRolePolicyDocument: ECS_TASKS_TRUST,
    });
    expect(statementsOf(graph, 'Site/TaskDef/TaskRole/DefaultPolicy')).toEqual([
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: new Ref('Topic') },
    ]);
    expect(
      statementsOf(graph, 'Site/TaskDef/ExecutionRole/DefaultPolicy'),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: new Ref('Site/TaskDef/web/LogGroup', 'Arn'),
      },
    ]);
    expect(graph.get('Site/LB')!.properties).toMatchObject({
      Scheme: 'internet-facing',
      Type: 'application',
      SecurityGroups: [new Ref('Site/LB/SecurityGroup', 'GroupId')],
    });
    expect(graph.get('Site/LB/PublicListener')!.properties).toEqual({
      DefaultActions: [
        {
          TargetGroupArn: new Ref('Site/LB/PublicListener/ECSGroup'),
          Type: 'forward',
        },
      ],
      LoadBalancerArn: new Ref('Site/LB'),
      Port: 80,
      Protocol: 'HTTP',
    });
    expect(graph.get('Site/Service/Service')!.properties).toMatchObject({
      Cluster: new Ref('Cluster'),
      TaskDefinition: new Ref('Site/TaskDef'),
      LaunchType: 'FARGATE',
      DesiredCount: 1,
      LoadBalancers: [
        {
          ContainerName: 'web',
          ContainerPort: 80,
          TargetGroupArn: new Ref('Site/LB/PublicListener/ECSGroup'),
        },
      ],
    });
    // As the synthesized template's: the log group keeps logs forever, unencrypted; nothing is tagged (the VPC,
    // not modelled, is not judged).
    expect(findings(text, ['LOG-002', 'ENC-001', 'OPS-003'])).toEqual([
      'OPS-003 Cluster 13',
      'OPS-003 Topic 14',
      'ENC-001 Site/TaskDef/web/LogGroup 15',
      'LOG-002 Site/TaskDef/web/LogGroup 15',
      'OPS-003 Site/TaskDef/TaskRole 15',
      'OPS-003 Site/TaskDef 15',
      'OPS-003 Site/TaskDef/web/LogGroup 15',
      'OPS-003 Site/TaskDef/ExecutionRole 15',
      'OPS-003 Site/LB/SecurityGroup 15',
      'OPS-003 Site/LB 15',
      'OPS-003 Site/LB/PublicListener 15',
      'OPS-003 Site/LB/PublicListener/ECSGroup 15',
      'OPS-003 Site/Service/SecurityGroup 15',
      'OPS-003 Site/Service/Service 15',
    ]);
  });

  it('a container logging with awsLogs makes a log group of its logRetention below it and makes the execution role, granted writing to it and pulling an asset image from ECR', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('web', {
      image: ecs.ContainerImage.fromAsset('image'),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logRetention: logs.RetentionDays.ONE_WEEK }),
      portMappings: [{ containerPort: 8080 }],
    });
    new ecs.FargateService(this, 'Svc', { cluster, taskDefinition: task });
    const quiet = new ecs.FargateTaskDefinition(this, 'Quiet', { cpu: 1024, memoryLimitMiB: 4096 });
    quiet.addContainer('x', { image: ecs.ContainerImage.fromRegistry('busybox') });`);
    const graph = graphOf(text);
    expect(graph.get('Task/web/LogGroup')!.properties).toEqual({
      RetentionInDays: 7,
    });
    const repository = concat([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':ecr:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':',
      'repository/',
      new Unknown('name of the repository of container assets'),
    ]);
    // In the order synth writes them: the image is bound before the logging.
    expect(statementsOf(graph, 'Task/ExecutionRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
        ],
        Resource: repository,
      },
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: new Ref('Task/web/LogGroup', 'Arn'),
      },
    ]);
    expect(graph.get('Svc/Service')!.properties).toMatchObject({
      Cluster: new Ref('Cluster'),
      TaskDefinition: new Ref('Task'),
      LaunchType: 'FARGATE',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          SecurityGroups: [new Ref('Svc/SecurityGroup', 'GroupId')],
        },
      },
    });
    // A task of an image of another registry that logs nothing needs no execution role.
    expect(graph.get('Quiet')!.properties).toMatchObject({
      Cpu: '1024',
      Memory: '4096',
      ContainerDefinitions: [{ Name: 'x', Image: 'busybox', Essential: true }],
    });
    expect(graph.get('Quiet')!.properties.ExecutionRoleArn).toBeUndefined();
    expect(graph.get('Quiet/ExecutionRole')).toBeUndefined();
    expect(
      findings(text, ['LOG-002', 'ENC-001', 'IAM-002', 'IAM-003']),
    ).toEqual(['ENC-001 Task/web/LogGroup 15']);
  });

  it('an awslogs driver given a log group writes to it and grants on it; the task role takes grants and statements; tags of the stack reach every resource', () => {
    const text =
      stack(`    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const group = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: key });
    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const task = new ecs.Ec2TaskDefinition(this, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: new ecs.AwsLogDriver({ streamPrefix: 'app', logGroup: group }) });
    task.addToTaskRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    new ecs.Ec2Service(this, 'Svc', { cluster, taskDefinition: task });
    cdk.Tags.of(this).add('team', 'a');`).replace(
        "import { Construct } from 'constructs';",
        "import * as iam from 'aws-cdk-lib/aws-iam';\nimport { Construct } from 'constructs';",
      );
    const graph = graphOf(text);
    expect(graph.get('Task/app/LogGroup')).toBeUndefined();
    expect(graph.get('Task')!.properties).toMatchObject({
      NetworkMode: 'bridge',
      RequiresCompatibilities: ['EC2'],
      ContainerDefinitions: [
        {
          Name: 'app',
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: {
              'awslogs-group': new Ref('Logs'),
              'awslogs-stream-prefix': 'app',
            },
          },
        },
      ],
    });
    expect(statementsOf(graph, 'Task/ExecutionRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: new Ref('Logs', 'Arn'),
      },
    ]);
    // In bridge mode a service has no security group of its own.
    expect(graph.get('Svc/SecurityGroup')).toBeUndefined();
    expect(graph.get('Svc/Service')!.properties).toMatchObject({
      LaunchType: 'EC2',
    });
    expect(
      findings(text, ['LOG-002', 'ENC-001', 'OPS-003', 'IAM-002', 'IAM-003']),
    ).toEqual([
      'IAM-002 Task/TaskRole/DefaultPolicy 19',
      'IAM-003 Task/TaskRole/DefaultPolicy 19',
    ]);
  });

  it('a cluster without a VPC makes a VPC of its own; EC2 capacity, task count scaling and a service of an HTTPS listener are listed as not modelled; an ecs-patterns service without a cluster runs in the default one, one per stack and VPC', () => {
    const text = stack(`    new ecs.Cluster(this, 'Bare');
    const vpc = new ec2.Vpc(this, 'Network');
    const taskImageOptions = { image: ecs.ContainerImage.fromRegistry('nginx') };
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'One', { vpc, taskImageOptions });
    const two = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Two', { vpc, taskImageOptions, publicLoadBalancer: false, assignPublicIp: true });
    two.service.autoScaleTaskCount({ maxCapacity: 4 }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
    new ecs.Cluster(this, 'Ec2', { vpc }).addCapacity('Asg', { instanceType: new ec2.InstanceType('t3.micro') });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Secure', { vpc, taskImageOptions, protocol: elbv2.ApplicationProtocol.HTTPS });`).replace(
      "import { Construct } from 'constructs';",
      "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';\nimport { Construct } from 'constructs';",
    );
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        .filter(resource => resource.type === 'AWS::ECS::Cluster')
        .map(resource => resource.id),
    ).toEqual(['Bare', 'EcsDefaultClusterMnL3mNNYNNetwork', 'Ec2']);
    expect(graph.get('Two/Service/Service')!.properties).toMatchObject({
      Cluster: new Ref('EcsDefaultClusterMnL3mNNYNNetwork'),
      NetworkConfiguration: {
        AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' },
      },
    });
    expect(graph.get('Two/LB')!.properties.Scheme).toBe('internal');
    expect(graph.get('Bare/Vpc')!.type).toBe('AWS::EC2::VPC');
    const [program] = scanCdkApp(text, ['OPS-003']).programs!;
    // So are the Auto Scaling group of EC2 capacity and the scaling of a service's task count.
    expect(program.notModelled).toEqual([
      { type: 'aws-autoscaling.AutoScalingGroup', count: 1 },
      {
        type: 'aws-ecs-patterns.ApplicationLoadBalancedFargateService',
        count: 1,
      },
      { type: 'aws-ecs.ScalableTaskCount', count: 1 },
    ]);
  });

  it('NetworkLoadBalancedFargateService is a network load balancer without a security group, a TCP listener and target group; a task definition given is the one served, its first container targeted', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.NetworkLoadBalancedFargateService(this, 'Nlb', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('main', { image: ecs.ContainerImage.fromRegistry('nginx'), portMappings: [{ containerPort: 8080 }] });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Given', { cluster, taskDefinition: task });`);
    const graph = graphOf(text);
    expect(graph.get('Nlb/LB')!.properties).toMatchObject({
      Type: 'network',
    });
    expect(graph.get('Nlb/LB')!.properties.SecurityGroups).toBeUndefined();
    expect(graph.get('Nlb/LB/SecurityGroup')).toBeUndefined();
    expect(graph.get('Nlb/LB/PublicListener/ECSGroup')!.properties).toEqual({
      Port: 80,
      Protocol: 'TCP',
      TargetType: 'ip',
      // The cluster's VPC, as synth writes it.
      VpcId: new Ref('Vpc'),
    });
    expect(graph.get('Nlb/TaskDef/web/LogGroup')!.properties).toEqual({});
    expect(graph.get('Given/TaskDef')).toBeUndefined();
    expect(graph.get('Given/Service/Service')!.properties).toMatchObject({
      TaskDefinition: new Ref('Task'),
      LoadBalancers: [
        {
          ContainerName: 'main',
          ContainerPort: 8080,
          TargetGroupArn: new Ref('Given/LB/PublicListener/ECSGroup'),
        },
      ],
    });
    expect(findings(text, ['LOG-002', 'ENC-001'])).toEqual([
      'ENC-001 Nlb/TaskDef/web/LogGroup 14',
      'LOG-002 Nlb/TaskDef/web/LogGroup 14',
    ]);
  });

  it("a load-balanced Fargate service outputs its load balancer's DNS name, an application one also its URL over HTTP, as synth writes them; OPS-006 reads them", () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const topic = new sns.Topic(this, 'Topic');
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });
    new ecsPatterns.NetworkLoadBalancedFargateService(this, 'Nlb', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });`);
    const graph = graphOf(text);
    const siteDns = new Ref('Site/LB', 'DNSName');
    expect(graph.outputs.map(output => [output.name, output.value])).toEqual([
      ['LoadBalancerDNS', siteDns],
      ['ServiceURL', concat(['http://', siteDns])],
      ['LoadBalancerDNS', new Ref('Nlb/LB', 'DNSName')],
    ]);
    expect(
      scanCdkStack(text, ['OPS-006']).map(f => [f.resourceId, f.message]),
    ).toEqual([
      [
        'Topic',
        "None of the stack's outputs refers to its topic Topic, so consumers must look up its URL, name or ARN by hand.",
      ],
    ]);
  });

  it('ScheduledFargateTask is a rule on its schedule running a task definition of its own, whose log group keeps logs forever, as a role granted RunTask on the cluster and PassRole of the task roles', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.ScheduledFargateTask(this, 'Cron', {
      cluster,
      schedule: appscaling.Schedule.expression('rate(1 day)'),
      scheduledFargateTaskImageOptions: { image: ecs.ContainerImage.fromRegistry('busybox'), command: ['sync'] },
    });`).replace(
      "import { Construct } from 'constructs';",
      "import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';\nimport { Construct } from 'constructs';",
    );
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        .filter(resource => resource.id.startsWith('Cron/'))
        .map(resource => `${resource.id} ${resource.type}`)
        .sort(),
    ).toEqual([
      'Cron/ScheduledEventRule AWS::Events::Rule',
      'Cron/ScheduledTaskDef AWS::ECS::TaskDefinition',
      'Cron/ScheduledTaskDef/EventsRole AWS::IAM::Role',
      'Cron/ScheduledTaskDef/EventsRole/DefaultPolicy AWS::IAM::Policy',
      'Cron/ScheduledTaskDef/ExecutionRole AWS::IAM::Role',
      'Cron/ScheduledTaskDef/ExecutionRole/DefaultPolicy AWS::IAM::Policy',
      'Cron/ScheduledTaskDef/ScheduledContainer/LogGroup AWS::Logs::LogGroup',
      'Cron/ScheduledTaskDef/SecurityGroup AWS::EC2::SecurityGroup',
      'Cron/ScheduledTaskDef/TaskRole AWS::IAM::Role',
    ]);
    expect(graph.get('Cron/ScheduledTaskDef')!.properties).toMatchObject({
      ContainerDefinitions: [
        {
          Name: 'ScheduledContainer',
          Image: 'busybox',
          Command: ['sync'],
          LogConfiguration: {
            Options: { 'awslogs-stream-prefix': 'Cron' },
          },
        },
      ],
    });
    expect(graph.get('Cron/ScheduledEventRule')!.properties.Targets).toEqual([
      {
        Arn: new Ref('Cluster', 'Arn'),
        RoleArn: new Ref('Cron/ScheduledTaskDef/EventsRole', 'Arn'),
      },
    ]);
    expect(
      statementsOf(graph, 'Cron/ScheduledTaskDef/EventsRole/DefaultPolicy'),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['ecs:RunTask'],
        Resource: new Ref('Cron/ScheduledTaskDef'),
        Condition: { ArnEquals: { 'ecs:cluster': new Ref('Cluster', 'Arn') } },
      },
      {
        Effect: 'Allow',
        Action: ['ecs:TagResource'],
        Resource: concat([
          'arn:',
          Unknown.oneValue('AWS::Partition'),
          ':ecs:',
          Unknown.oneValue('AWS::Region'),
          ':*:task/',
          new Ref('Cluster'),
          '/*',
        ]),
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: new Ref('Cron/ScheduledTaskDef/ExecutionRole', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: new Ref('Cron/ScheduledTaskDef/TaskRole', 'Arn'),
      },
    ]);
    expect(
      findings(text, ['LOG-002', 'ENC-001', 'IAM-002', 'IAM-003']),
    ).toEqual([
      'ENC-001 Cron/ScheduledTaskDef/ScheduledContainer/LogGroup 15',
      'LOG-002 Cron/ScheduledTaskDef/ScheduledContainer/LogGroup 15',
    ]);
  });

  it('QueueProcessingFargateService is its queue and dead-letter queue (both output), a task definition told the queue and consuming it, its log group and service; the scaling of its task count is listed as not modelled', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.QueueProcessingFargateService(this, 'Worker', { cluster, image: ecs.ContainerImage.fromRegistry('busybox') });`);
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        .filter(resource => resource.id.startsWith('Worker/'))
        .map(resource => `${resource.id} ${resource.type}`)
        .sort(),
    ).toEqual([
      'Worker/EcsProcessingDeadLetterQueue AWS::SQS::Queue',
      'Worker/EcsProcessingQueue AWS::SQS::Queue',
      'Worker/QueueProcessingFargateService/SecurityGroup AWS::EC2::SecurityGroup',
      'Worker/QueueProcessingFargateService/Service AWS::ECS::Service',
      'Worker/QueueProcessingTaskDef AWS::ECS::TaskDefinition',
      'Worker/QueueProcessingTaskDef/ExecutionRole AWS::IAM::Role',
      'Worker/QueueProcessingTaskDef/ExecutionRole/DefaultPolicy AWS::IAM::Policy',
      'Worker/QueueProcessingTaskDef/QueueProcessingContainer/LogGroup AWS::Logs::LogGroup',
      'Worker/QueueProcessingTaskDef/TaskRole AWS::IAM::Role',
      'Worker/QueueProcessingTaskDef/TaskRole/DefaultPolicy AWS::IAM::Policy',
    ]);
    expect(
      graph.get('Worker/EcsProcessingDeadLetterQueue')!.properties,
    ).toEqual({ MessageRetentionPeriod: 1209600 });
    expect(graph.get('Worker/EcsProcessingQueue')!.properties).toEqual({
      RedrivePolicy: {
        deadLetterTargetArn: new Ref(
          'Worker/EcsProcessingDeadLetterQueue',
          'Arn',
        ),
        maxReceiveCount: 3,
      },
    });
    expect(
      graph.get('Worker/QueueProcessingTaskDef')!.properties,
    ).toMatchObject({
      ContainerDefinitions: [
        {
          Name: 'QueueProcessingContainer',
          Environment: [
            {
              Name: 'QUEUE_NAME',
              Value: new Ref('Worker/EcsProcessingQueue', 'QueueName'),
            },
          ],
        },
      ],
    });
    expect(
      statementsOf(
        graph,
        'Worker/QueueProcessingTaskDef/TaskRole/DefaultPolicy',
      ),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueUrl',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
        ],
        Resource: new Ref('Worker/EcsProcessingQueue', 'Arn'),
      },
    ]);
    // As the synthesized template's: the queues are output (OPS-006 holds), unencrypted, the dead-letter queue unalarmed.
    expect(
      findings(text, [
        'LOG-002',
        'ENC-001',
        'ENC-003',
        'ALM-002',
        'DLQ-003',
        'OPS-006',
      ]),
    ).toEqual([
      'ALM-002 Worker/EcsProcessingDeadLetterQueue 14',
      'ENC-001 Worker/QueueProcessingTaskDef/QueueProcessingContainer/LogGroup 14',
      'ENC-003 Worker/EcsProcessingDeadLetterQueue 14',
      'ENC-003 Worker/EcsProcessingQueue 14',
      'LOG-002 Worker/QueueProcessingTaskDef/QueueProcessingContainer/LogGroup 14',
    ]);
    const [program] = scanCdkApp(text, ['OPS-003']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-ecs.ScalableTaskCount', count: 1 },
    ]);
  });
  it('a service with enableExecuteCommand grants its task role the SSM channels and, unless the flag reduceEc2FargateCloudWatchPermissions, writing to any log group; of a cluster encrypting the sessions with a key of the stack, the key and its policy let CloudWatch Logs use it', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', { cluster, enableExecuteCommand: true, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const sessions = new logs.LogGroup(this, 'Sessions', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
    const audited = new ecs.Cluster(this, 'Audited', { vpc, executeCommandConfiguration: { kmsKey: key, logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { cloudWatchLogGroup: sessions, cloudWatchEncryptionEnabled: true } } });
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx') });
    new ecs.FargateService(this, 'Svc', { cluster: audited, taskDefinition: task, enableExecuteCommand: true });`);
    const graph = graphOf(text);
    const channels = {
      Effect: 'Allow',
      Action: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      Resource: '*',
    };
    const describeGroups = {
      Effect: 'Allow',
      Action: 'logs:DescribeLogGroups',
      Resource: '*',
    };
    const writeSessions = [
      'logs:CreateLogStream',
      'logs:DescribeLogStreams',
      'logs:PutLogEvents',
    ];
    expect(statementsOf(graph, 'Site/TaskDef/TaskRole/DefaultPolicy')).toEqual([
      channels,
      describeGroups,
      { Effect: 'Allow', Action: writeSessions, Resource: '*' },
    ]);
    expect(statementsOf(graph, 'Task/TaskRole/DefaultPolicy')).toEqual([
      channels,
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: new Ref('Key', 'Arn'),
      },
      describeGroups,
      {
        Effect: 'Allow',
        Action: writeSessions,
        Resource: concat([
          'arn:',
          Unknown.oneValue('AWS::Partition'),
          ':logs:',
          Unknown.oneValue('AWS::Region'),
          ':',
          Unknown.oneValue('AWS::AccountId'),
          ':',
          'log-group:',
          new Ref('Sessions'),
          ':*',
        ]),
      },
    ]);
    // As the synthesized template's: writing sessions to any log group is too broad; the key's policy lets CloudWatch
    // Logs use it for the sessions' log group.
    expect(findings(text, ['IAM-003', 'ENC-002'])).toEqual([
      'IAM-003 Site/TaskDef/TaskRole/DefaultPolicy 14',
    ]);
    // The flag cdk init sets: no log group of the cluster's, no grant on logs.
    const [, ...rest] = cdkStackFiles(text);
    const flagged = [
      {
        path: 'svc/cdk.json',
        text: '{ "app": "npx ts-node bin/app.ts", "context": { "@aws-cdk/aws-ecs:reduceEc2FargateCloudWatchPermissions": true } }',
      },
      ...rest,
    ];
    expect(scanFiles(flagged, selectRules(['IAM-003'])).findings).toEqual([]);
  });
  it("ECS Exec on a cluster imported: the cluster's configuration is the one its attributes give (none by default), or, of attributes not known, not known", () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const byName = ecs.Cluster.fromClusterAttributes(this, 'ByName', { clusterName: 'c', vpc, securityGroups: [] });
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const quiet = ecs.Cluster.fromClusterAttributes(this, 'Quiet', { clusterName: 'q', vpc, securityGroups: [], executeCommandConfiguration: { kmsKey: key, logging: ecs.ExecuteCommandLogging.NONE } });
    const other = ecs.Cluster.fromClusterAttributes(this, 'Other', attributesOf());
    for (const [id, cluster] of [['B', byName], ['C', quiet], ['D', other]] as const) {
      const task = new ecs.FargateTaskDefinition(this, id);
      task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx') });
      new ecs.FargateService(this, id + 'Svc', { cluster, taskDefinition: task, enableExecuteCommand: true });
    }`);
    const graph = graphOf(text);
    const actionsOf = (id: string) =>
      statementsOf(graph, `${id}/TaskRole/DefaultPolicy`).map(statement =>
        statement instanceof Unknown
          ? statement
          : (statement as { Action: unknown }).Action,
      );
    const channels = [
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ];
    const writeAny = [
      'logs:CreateLogStream',
      'logs:DescribeLogStreams',
      'logs:PutLogEvents',
    ];
    expect(actionsOf('B')).toEqual([
      channels,
      'logs:DescribeLogGroups',
      writeAny,
    ]);
    expect(actionsOf('C')).toEqual([
      channels,
      ['kms:Decrypt', 'kms:GenerateDataKey'],
    ]);
    expect(actionsOf('D')).toEqual([
      channels,
      new Unknown('grants of ECS Exec of a cluster not known'),
    ]);
    // As the synthesized template's: writing sessions to any log group is too broad.
    expect(findings(text, ['IAM-003'])).toEqual([
      'IAM-003 B/TaskRole/DefaultPolicy 20',
    ]);
  });
  it('a container logging with firelens gets, unless its task definition has a log router, the one synth adds after tags: a container logging to a log group of its own, kept forever, its image pulled from ECR on any repository, and its task role granted what the output plugin needs', () => {
    const text =
      stack(`    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.firelens({ options: { Name: 'cloudwatch', region: 'eu-west-1', log_group_name: 'app' } }) });
    const routed = new ecs.FargateTaskDefinition(this, 'Routed');
    routed.addFirelensLogRouter('Router', { image: ecs.obtainDefaultFluentBitECRImage(routed, undefined, '2.1.0'), firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT } });
    routed.addContainer('main', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.firelens({}) });
    const kinesis = new ecs.FargateTaskDefinition(this, 'Kinesis');
    kinesis.addContainer('k', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: new ecs.FireLensLogDriver({ options: { Name: 'kinesis', stream: 's' } }) });
    cdk.Tags.of(task).add('team', 'a');
    cdk.Tags.of(routed).add('team', 'a');`);
    const graph = graphOf(text);
    const fluentBit = new Unknown('image of aws-for-fluent-bit');
    expect(graph.get('Task')!.properties.ContainerDefinitions).toEqual([
      {
        Name: 'app',
        Image: 'nginx',
        Essential: true,
        LogConfiguration: {
          LogDriver: 'awsfirelens',
          Options: {
            Name: 'cloudwatch',
            region: 'eu-west-1',
            log_group_name: 'app',
          },
        },
      },
      {
        Name: 'log-router',
        Image: fluentBit,
        Essential: true,
        FirelensConfiguration: { Type: 'fluentbit' },
        MemoryReservation: 50,
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: {
            'awslogs-group': new Ref('Task/log-router/LogGroup'),
            'awslogs-stream-prefix': 'firelens',
            'awslogs-region': Unknown.oneValue('AWS::Region'),
          },
        },
      },
    ]);
    expect(graph.get('Task/log-router/LogGroup')!.properties).toEqual({});
    const pull = {
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
      ],
      Resource: '*',
    };
    expect(statementsOf(graph, 'Task/ExecutionRole/DefaultPolicy')).toEqual([
      pull,
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: new Ref('Task/log-router/LogGroup', 'Arn'),
      },
    ]);
    expect(statementsOf(graph, 'Task/TaskRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:DescribeLogStreams',
          'logs:PutLogEvents',
        ],
        Resource: '*',
      },
    ]);
    // A task definition given its router gets no other.
    expect(
      (graph.get('Routed')!.properties.ContainerDefinitions as unknown[])
        .length,
    ).toBe(2);
    expect(graph.get('Routed/log-router/LogGroup')).toBeUndefined();
    expect(statementsOf(graph, 'Routed/ExecutionRole/DefaultPolicy')).toEqual([
      pull,
    ]);
    expect(statementsOf(graph, 'Kinesis/TaskRole/DefaultPolicy')).toEqual([
      { Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: '*' },
    ]);
    // As the synthesized template's: the tags of a task definition do not reach the router's log group and the
    // execution role made for it, made after they were added.
    expect(
      findings(text, ['LOG-002', 'ENC-001', 'IAM-003', 'OPS-003']).sort(),
    ).toEqual(
      [
        'ENC-001 Task/log-router/LogGroup 13',
        'LOG-002 Task/log-router/LogGroup 13',
        'OPS-003 Task/log-router/LogGroup 13',
        'IAM-003 Task/TaskRole/DefaultPolicy 13',
        'OPS-003 Task/ExecutionRole 13',
        'IAM-003 Task/ExecutionRole/DefaultPolicy 13',
        'IAM-003 Routed/ExecutionRole/DefaultPolicy 15',
        'OPS-003 Kinesis 17',
        'OPS-003 Kinesis/TaskRole 17',
        'ENC-001 Kinesis/log-router/LogGroup 18',
        'LOG-002 Kinesis/log-router/LogGroup 18',
        'OPS-003 Kinesis/log-router/LogGroup 18',
        'IAM-003 Kinesis/TaskRole/DefaultPolicy 18',
        'OPS-003 Kinesis/ExecutionRole 18',
        'IAM-003 Kinesis/ExecutionRole/DefaultPolicy 18',
      ].sort(),
    );
  });
  it("an ecs-patterns service of the app's own class has what the pattern makes as its members, in its constructor and out", () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

class Site extends ecsPatterns.ApplicationLoadBalancedFargateService {
  constructor(scope: Construct, id: string, props: ecsPatterns.ApplicationLoadBalancedFargateServiceProps) {
    super(scope, id, props);
    this.taskDefinition.addContainer('xray', { image: ecs.ContainerImage.fromRegistry('amazon/aws-xray-daemon'), essential: false, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'xray' }) });
  }
}`,
      `    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const site = new Site(this, 'Site', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });
    const queue = new sqs.Queue(this, 'Jobs');
    queue.grantSendMessages(site.taskDefinition.taskRole);`,
    );
    const graph = graphOf(text);
    expect(
      (
        graph.get('Site/TaskDef')!.properties.ContainerDefinitions as {
          Name: string;
        }[]
      ).map(container => container.Name),
    ).toEqual(['web', 'xray']);
    expect(statementsOf(graph, 'Site/TaskDef/TaskRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: new Ref('Jobs', 'Arn'),
      },
    ]);
    expect(findings(text, ['LOG-002', 'ENC-001'])).toEqual([
      'ENC-001 Site/TaskDef/web/LogGroup 10',
      'LOG-002 Site/TaskDef/web/LogGroup 10',
      'ENC-001 Site/TaskDef/xray/LogGroup 11',
      'LOG-002 Site/TaskDef/xray/LogGroup 11',
    ]);
  });
  it('an ecs-patterns service logs with the driver given even with enableLogging false, and makes no log group that enableLogging not known statically may leave out', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Given', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx'), enableLogging: false, logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'given' }) } });
    new ecsPatterns.NetworkLoadBalancedFargateService(this, 'Maybe', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx'), enableLogging: process.env.LOGS === 'on' } });
    new ecsPatterns.QueueProcessingFargateService(this, 'Worker', { cluster, image: ecs.ContainerImage.fromRegistry('w'), enableLogging: process.env.LOGS === 'on' });`);
    const graph = graphOf(text);
    expect(graph.get('Given/TaskDef/web/LogGroup')!.properties).toEqual({});
    expect(graph.get('Maybe/TaskDef/web/LogGroup')).toBeUndefined();
    expect(
      graph.get(
        'Worker/QueueProcessingTaskDef/QueueProcessingContainer/LogGroup',
      ),
    ).toBeUndefined();
    // As the synthesized template's where LOGS is on; off, the other services log nothing.
    expect(findings(text, ['LOG-002'])).toEqual([
      'LOG-002 Given/TaskDef/web/LogGroup 14',
    ]);
  });
  it('a container of a name not known statically is named as other constructs are (construct@line); one of props not known statically is listed as not modelled', () => {
    const text =
      stack(`    const settings = JSON.parse(process.env.SETTINGS ?? '{}');
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer(settings.name, { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }) });
    task.addContainer('side', settings.container);`);
    const graph = graphOf(text);
    expect(graph.get('Task')!.properties.ContainerDefinitions).toMatchObject([
      { Name: new Unknown('name of a container'), Image: 'nginx' },
    ]);
    expect(graph.get('Task/construct@14/LogGroup')!.properties).toEqual({});
    expect(findings(text, ['LOG-002'])).toEqual([
      'LOG-002 Task/construct@14/LogGroup 14',
    ]);
    const [program] = scanCdkApp(text, ['LOG-002']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-ecs.ContainerDefinition', count: 1 },
    ]);
  });
  it('an awslogs driver of props not known statically makes no log group it may not make, and grants the execution role what is not known', () => {
    const text =
      stack(`    const settings = JSON.parse(process.env.SETTINGS ?? '{}');
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('given', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: ecs.LogDrivers.awsLogs(settings.logging) });
    task.addContainer('spread', { image: ecs.ContainerImage.fromRegistry('nginx'), logging: new ecs.AwsLogDriver({ streamPrefix: 's', ...settings.logging }) });`);
    const graph = graphOf(text);
    expect(graph.get('Task/given/LogGroup')).toBeUndefined();
    expect(graph.get('Task/spread/LogGroup')).toBeUndefined();
    expect(graph.get('Task')!.properties.ContainerDefinitions).toMatchObject([
      { Name: 'given', LogConfiguration: { LogDriver: 'awslogs' } },
      { Name: 'spread', LogConfiguration: { LogDriver: 'awslogs' } },
    ]);
    const notKnown = new Unknown(
      'grant of an awslogs driver of props not known statically',
    );
    expect(statementsOf(graph, 'Task/ExecutionRole/DefaultPolicy')).toEqual([
      notKnown,
      notKnown,
    ]);
    expect(findings(text, ['LOG-002', 'ENC-001'])).toEqual([]);
  });
  it("a service's taskDefinition is the task definition it runs", () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('main', { image: ecs.ContainerImage.fromRegistry('nginx') });
    const service = new ecs.FargateService(this, 'Svc', { cluster, taskDefinition: task });
    service.taskDefinition.addContainer('late', { image: ecs.ContainerImage.fromRegistry('x'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'late' }) });
    const site = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });
    site.service.taskDefinition.addContainer('side', { image: ecs.ContainerImage.fromRegistry('y'), logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'side' }) });`);
    expect(findings(text, ['LOG-002'])).toEqual([
      'LOG-002 Task/late/LogGroup 17',
      'LOG-002 Site/TaskDef/web/LogGroup 18',
      'LOG-002 Site/TaskDef/side/LogGroup 19',
    ]);
  });
  it("a service's Service Connect proxy logging with awslogs makes a log group below the service; a Cloud Map namespace or service given in props is listed as not modelled, as one added by a method is", () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, defaultCloudMapNamespace: { name: 'local' } });
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), portMappings: [{ containerPort: 80, name: 'http' }] });
    new ecs.FargateService(this, 'Svc', { cluster, taskDefinition: task, cloudMapOptions: { name: 'app' }, serviceConnectConfiguration: { services: [{ portMappingName: 'http' }], logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'sc' }) } });`);
    const graph = graphOf(text);
    expect(graph.get('Svc/LogGroup')!.properties).toEqual({});
    expect(statementsOf(graph, 'Task/ExecutionRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: new Ref('Svc/LogGroup', 'Arn'),
      },
    ]);
    expect(findings(text, ['LOG-002'])).toEqual(['LOG-002 Svc/LogGroup 16']);
    const [program] = scanCdkApp(text, ['LOG-002']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-servicediscovery.PrivateDnsNamespace', count: 1 },
      { type: 'aws-servicediscovery.Service', count: 1 },
    ]);
  });
  it('a TaskDefinition of a compatibility that includes Fargate runs in awsvpc mode, of the cpu and memoryMiB given; its services have a security group, and an ecs-patterns service can run it', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const both = new ecs.TaskDefinition(this, 'Both', { compatibility: ecs.Compatibility.EC2_AND_FARGATE, cpu: '256', memoryMiB: '512' });
    both.addContainer('x', { image: ecs.ContainerImage.fromRegistry('x'), memoryLimitMiB: 256 });
    new ecs.FargateService(this, 'BothSvc', { cluster, taskDefinition: both });
    const fargate = new ecs.TaskDefinition(this, 'Far', { compatibility: ecs.Compatibility.FARGATE, cpu: '512', memoryMiB: '1024' });
    fargate.addContainer('y', { image: ecs.ContainerImage.fromRegistry('y'), portMappings: [{ containerPort: 8080 }] });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', { cluster, taskDefinition: fargate });
    new ecs.TaskDefinition(this, 'Ec2', { compatibility: ecs.Compatibility.EC2 });`);
    const graph = graphOf(text);
    expect(graph.get('Both')!.properties).toMatchObject({
      Cpu: '256',
      Memory: '512',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['EC2', 'FARGATE'],
    });
    expect(graph.get('Far')!.properties).toMatchObject({
      Memory: '1024',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
    });
    expect(graph.get('Ec2')!.properties).toMatchObject({
      NetworkMode: 'bridge',
      RequiresCompatibilities: ['EC2'],
    });
    expect(graph.get('BothSvc/SecurityGroup')!.type).toBe(
      'AWS::EC2::SecurityGroup',
    );
    expect(graph.get('Site/Service/Service')!.properties).toMatchObject({
      TaskDefinition: new Ref('Far'),
    });
  });
  it("a log router's options grant the execution role reading its config file only from S3", () => {
    const text =
      stack(`    const plain = new ecs.FargateTaskDefinition(this, 'Plain');
    plain.addFirelensLogRouter('Router', { image: ecs.ContainerImage.fromRegistry('fluent-bit'), firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT, options: { enableECSLogMetadata: false, configFileType: ecs.FirelensConfigFileType.FILE, configFileValue: '/extra.conf' } } });
    const fromS3 = new ecs.FargateTaskDefinition(this, 'FromS3');
    fromS3.addFirelensLogRouter('Router', { image: ecs.ContainerImage.fromRegistry('fluent-bit'), firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT, options: { configFileType: ecs.FirelensConfigFileType.S3, configFileValue: 'arn:aws:s3:::config/extra.conf' } } });`);
    const graph = graphOf(text);
    expect(graph.get('Plain/ExecutionRole')).toBeUndefined();
    expect(graph.get('Plain')!.properties.ExecutionRoleArn).toBeUndefined();
    expect(statementsOf(graph, 'FromS3/ExecutionRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::config/extra.conf',
      },
      {
        Effect: 'Allow',
        Action: 's3:GetBucketLocation',
        Resource: 'arn:aws:s3:::config',
      },
    ]);
  });
  it('an image of a private registry grants the execution role reading its credentials', () => {
    const text =
      stack(`    const credentials = new secretsmanager.Secret(this, 'DockerHub');
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('myorg/private', { credentials }) });`).replace(
        "import { Construct } from 'constructs';",
        "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\nimport { Construct } from 'constructs';",
      );
    const graph = graphOf(text);
    expect(graph.get('Task')!.properties.ContainerDefinitions).toEqual([
      {
        Name: 'app',
        Image: 'myorg/private',
        Essential: true,
        RepositoryCredentials: { CredentialsParameter: new Ref('DockerHub') },
      },
    ]);
    expect(statementsOf(graph, 'Task/ExecutionRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        Resource: new Ref('DockerHub'),
      },
    ]);
    expect(findings(text, ['OPS-003'])).toEqual([
      'OPS-003 DockerHub 13',
      'OPS-003 Task/TaskRole 14',
      'OPS-003 Task 14',
      'OPS-003 Task/ExecutionRole 15',
    ]);
  });
  it('a service with enableExecuteCommand in a cluster logging sessions to a bucket is granted locating it, writing to it and reading its encryption', () => {
    const text = stack(`    const vpc = new ec2.Vpc(this, 'Vpc');
    const bucket = new s3.Bucket(this, 'Sessions', { enforceSSL: true });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { s3Bucket: bucket, s3EncryptionEnabled: true } } });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Site', { cluster, enableExecuteCommand: true, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });`).replace(
      "import { Construct } from 'constructs';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { Construct } from 'constructs';",
    );
    const graph = graphOf(text);
    const bucketArn = [
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':s3:::',
      new Ref('Sessions'),
    ];
    expect(
      statementsOf(graph, 'Site/TaskDef/TaskRole/DefaultPolicy').slice(1),
    ).toEqual([
      { Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'logs:CreateLogStream',
          'logs:DescribeLogStreams',
          'logs:PutLogEvents',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: concat([...bucketArn, '/*']),
      },
      {
        Effect: 'Allow',
        Action: 's3:GetEncryptionConfiguration',
        Resource: concat(bucketArn),
      },
    ]);
    // As the synthesized template's: writing sessions to any log group and locating the bucket on any resource are too
    // broad.
    expect(findings(text, ['IAM-003'])).toEqual([
      'IAM-003 Site/TaskDef/TaskRole/DefaultPolicy 16',
      'IAM-003 Site/TaskDef/TaskRole/DefaultPolicy 16',
    ]);
  });
});

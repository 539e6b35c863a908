/**
 * Order intake: an SNS topic of new orders -> the order processor Lambda
 * -> a DynamoDB table, and a notifier Lambda that reads a work queue.
 * The fixed version of cdk-orders-failing: encrypted topic and table,
 * 14-day dead-letter queues with alarms, grants for what each function is
 * handed, log groups of its own for each function, error alarms with an
 * action, and every queue, table and topic exported.
 */
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SnsEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const messagingKey = new kms.Key(this, 'MessagingKey', { enableKeyRotation: true });
    const logsKey = new kms.Key(this, 'LogsKey', {
      enableKeyRotation: true,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:*'], resources: ['*'] }),
          new iam.PolicyStatement({
            principals: [new iam.ServicePrincipal('logs.amazonaws.com')],
            actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            resources: ['*'],
          }),
        ],
      }),
    });

    const ordersTopic = new sns.Topic(this, 'OrdersTopic', { masterKey: messagingKey });
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: messagingKey });
    const alarmAction = new cloudwatchActions.SnsAction(alarmTopic);

    const ordersTable = new dynamodb.Table(this, 'OrdersTable', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecovery: true,
    });

    const failedOrders = new sqs.Queue(this, 'FailedOrders', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: cdk.Duration.days(14),
    });
    failedOrders.metricApproximateNumberOfMessagesVisible()
      .createAlarm(this, 'FailedOrdersAlarm', { threshold: 0, evaluationPeriods: 1 })
      .addAlarmAction(alarmAction);

    const failedWork = new sqs.Queue(this, 'FailedWork', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: cdk.Duration.days(14),
    });
    failedWork.metricApproximateNumberOfMessagesVisible()
      .createAlarm(this, 'FailedWorkAlarm', { threshold: 0, evaluationPeriods: 1 })
      .addAlarmAction(alarmAction);

    const workQueue = new sqs.Queue(this, 'WorkQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      visibilityTimeout: cdk.Duration.seconds(360),
      deadLetterQueue: { queue: failedWork, maxReceiveCount: 3 },
    });

    const processor = new lambda.Function(this, 'OrderProcessor', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/processor'),
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: failedOrders,
      logGroup: new logs.LogGroup(this, 'ProcessorLogs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: logsKey }),
      environment: {
        TABLE_NAME: ordersTable.tableName,
      },
    });
    ordersTable.grantWriteData(processor);
    processor.addEventSource(new SnsEventSource(ordersTopic));

    const notifier = new lambda.Function(this, 'Notifier', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/notifier'),
      timeout: cdk.Duration.seconds(60),
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: failedOrders,
      logGroup: new logs.LogGroup(this, 'NotifierLogs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: logsKey }),
    });
    notifier.addEventSource(new SqsEventSource(workQueue, { reportBatchItemFailures: true }));
    notifier.addEventSource(new SnsEventSource(ordersTopic));

    for (const [name, fn] of [['OrderProcessor', processor], ['Notifier', notifier]] as const) {
      fn.metricErrors().createAlarm(this, `${name}Errors`, { threshold: 1, evaluationPeriods: 1 }).addAlarmAction(alarmAction);
    }

    new cdk.CfnOutput(this, 'OrdersTopicArn', { value: ordersTopic.topicArn });
    new cdk.CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    new cdk.CfnOutput(this, 'OrdersTableName', { value: ordersTable.tableName });
    new cdk.CfnOutput(this, 'WorkQueueUrl', { value: workQueue.queueUrl });
    new cdk.CfnOutput(this, 'FailedOrdersUrl', { value: failedOrders.queueUrl });
    new cdk.CfnOutput(this, 'FailedWorkUrl', { value: failedWork.queueUrl });
  }
}

/**
 * Order intake: an SNS topic of new orders -> the order processor Lambda
 * -> a DynamoDB table, and a notifier Lambda that reads a work queue.
 * The failures this example carries are named in comments.
 */
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SnsEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // ENC-004: the topic is not encrypted with a KMS key.
    const ordersTopic = new sns.Topic(this, 'OrdersTopic');

    // ENC-005, OPS-004: no SSE specification, no point-in-time recovery.
    const ordersTable = new dynamodb.Table(this, 'OrdersTable', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    // DLQ-003, ALM-002: the dead-letter queue keeps messages 4 days and has no alarm.
    const failedOrders = new sqs.Queue(this, 'FailedOrders', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });

    // DLQ-002: the work queue has no redrive policy.
    const workQueue = new sqs.Queue(this, 'WorkQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      visibilityTimeout: cdk.Duration.seconds(30),
    });

    // IAM-004: handed the table without a grant (tracing and the dead-letter queue
    // are granted by CDK itself). LOG-001, ALM-001: no log group, no error alarm.
    const processorRole = new iam.Role(this, 'ProcessorRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const processor = new lambda.Function(this, 'OrderProcessor', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/processor'),
      role: processorRole,
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: failedOrders,
      environment: {
        TABLE_NAME: ordersTable.tableName,
      },
    });
    processor.addEventSource(new SnsEventSource(ordersTopic));

    // DLQ-001: invoked by SNS with no dead-letter queue. DLQ-006: its timeout
    // (60 s) is longer than the work queue's visibility timeout (30 s). DLQ-005:
    // the SQS event source does not report batch item failures.
    const notifier = new lambda.Function(this, 'Notifier', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/notifier'),
      timeout: cdk.Duration.seconds(60),
    });
    notifier.addEventSource(new SqsEventSource(workQueue));
    notifier.addEventSource(new SnsEventSource(ordersTopic));

    // OPS-007: only the topic is exported.
    new cdk.CfnOutput(this, 'OrdersTopicArn', { value: ordersTopic.topicArn });
  }
}

/**
 * Transaction webhook pipeline: API Gateway POST /webhook -> validation
 * Lambda -> SNS topic -> processing Lambda -> DynamoDB. Seed 001's program
 * as the model wrote it (MODEL_RESPONSE); the comments name the seed's issues.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface TapStackArgs {
  environmentSuffix: string;
  tags?: Record<string, string>;
}

export class TapStack extends pulumi.ComponentResource {
  public readonly apiUrl: pulumi.Output<string>;
  public readonly tableName: pulumi.Output<string>;

  constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:stack:TapStack', name, {}, opts);
    const environmentSuffix = args.environmentSuffix;
    const defaultTags = { Environment: environmentSuffix, Project: 'transaction-webhooks', ...args.tags };

    const transactionsTable = new aws.dynamodb.Table(
      `transactions-${environmentSuffix}`,
      {
        name: `transactions-${environmentSuffix}`,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'transactionId',
        attributes: [{ name: 'transactionId', type: 'S' }],
        tags: defaultTags,
      },
      { parent: this },
    );

    const transactionTopic = new aws.sns.Topic(
      `transaction-topic-${environmentSuffix}`,
      { name: `transaction-topic-${environmentSuffix}`, tags: defaultTags },
      { parent: this },
    );

    const lambdaAssumeRolePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });

    // Issue 1: only the basic execution policy, no X-Ray write access.
    // Issue 4: no sns:Publish on the transaction topic.
    const validationLambdaRole = new aws.iam.Role(
      `validation-lambda-role-${environmentSuffix}`,
      { assumeRolePolicy: lambdaAssumeRolePolicy, tags: defaultTags },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(
      `validation-lambda-basic-${environmentSuffix}`,
      {
        role: validationLambdaRole.name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      },
      { parent: validationLambdaRole },
    );

    // Issue 1: no X-Ray write access. Issue 6: no DynamoDB write permission.
    const processingLambdaRole = new aws.iam.Role(
      `processing-lambda-role-${environmentSuffix}`,
      { assumeRolePolicy: lambdaAssumeRolePolicy, tags: defaultTags },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(
      `processing-lambda-basic-${environmentSuffix}`,
      {
        role: processingLambdaRole.name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      },
      { parent: processingLambdaRole },
    );

    // Issue 3: no log group for either function.
    const validationLambda = new aws.lambda.Function(
      `validation-lambda-${environmentSuffix}`,
      {
        name: `validation-lambda-${environmentSuffix}`,
        runtime: 'nodejs24.x',
        handler: 'index.handler',
        role: validationLambdaRole.arn,
        code: new pulumi.asset.AssetArchive({ '.': new pulumi.asset.FileArchive('./lambda/validation') }),
        memorySize: 256,
        timeout: 30,
        tracingConfig: { mode: 'Active' },
        environment: {
          variables: {
            SNS_TOPIC_ARN: transactionTopic.arn,
          },
        },
        tags: defaultTags,
      },
      { parent: this },
    );

    // Issue 5: no deadLetterConfig (Issue 2: there is no dead-letter queue at all).
    const processingLambda = new aws.lambda.Function(
      `processing-lambda-${environmentSuffix}`,
      {
        name: `processing-lambda-${environmentSuffix}`,
        runtime: 'nodejs24.x',
        handler: 'index.handler',
        role: processingLambdaRole.arn,
        code: new pulumi.asset.AssetArchive({ '.': new pulumi.asset.FileArchive('./lambda/processing') }),
        memorySize: 256,
        timeout: 60,
        tracingConfig: { mode: 'Active' },
        environment: {
          variables: {
            DYNAMODB_TABLE_NAME: transactionsTable.name,
          },
        },
        tags: defaultTags,
      },
      { parent: this },
    );

    new aws.sns.TopicSubscription(
      `processing-subscription-${environmentSuffix}`,
      { topic: transactionTopic.arn, protocol: 'lambda', endpoint: processingLambda.arn },
      { parent: this },
    );
    new aws.lambda.Permission(
      `processing-sns-permission-${environmentSuffix}`,
      {
        action: 'lambda:InvokeFunction',
        function: processingLambda.name,
        principal: 'sns.amazonaws.com',
        sourceArn: transactionTopic.arn,
      },
      { parent: this },
    );

    const api = new aws.apigateway.RestApi(
      `webhook-api-${environmentSuffix}`,
      { name: `webhook-api-${environmentSuffix}`, endpointConfiguration: { types: 'REGIONAL' }, tags: defaultTags },
      { parent: this },
    );
    const webhookResource = new aws.apigateway.Resource(
      `webhook-resource-${environmentSuffix}`,
      { restApi: api.id, parentId: api.rootResourceId, pathPart: 'webhook' },
      { parent: api },
    );
    const webhookMethod = new aws.apigateway.Method(
      `webhook-post-${environmentSuffix}`,
      { restApi: api.id, resourceId: webhookResource.id, httpMethod: 'POST', authorization: 'NONE' },
      { parent: api },
    );
    const integration = new aws.apigateway.Integration(
      `webhook-integration-${environmentSuffix}`,
      {
        restApi: api.id,
        resourceId: webhookResource.id,
        httpMethod: webhookMethod.httpMethod,
        integrationHttpMethod: 'POST',
        type: 'AWS_PROXY',
        uri: validationLambda.invokeArn,
      },
      { parent: api },
    );
    new aws.lambda.Permission(
      `validation-api-permission-${environmentSuffix}`,
      {
        action: 'lambda:InvokeFunction',
        function: validationLambda.name,
        principal: 'apigateway.amazonaws.com',
        sourceArn: pulumi.interpolate`${api.executionArn}/*/POST/webhook`,
      },
      { parent: this },
    );

    const deployment = new aws.apigateway.Deployment(
      `webhook-deployment-${environmentSuffix}`,
      { restApi: api.id },
      { parent: api, dependsOn: [integration] },
    );

    // Issue 7: no method settings, so no throttling limits on the stage.
    const stage = new aws.apigateway.Stage(
      `webhook-stage-${environmentSuffix}`,
      {
        restApi: api.id,
        deployment: deployment.id,
        stageName: environmentSuffix,
        xrayTracingEnabled: true,
        tags: defaultTags,
      },
      { parent: api },
    );

    // Issue 8: no CloudWatch alarms for either function.

    // Issue 9: region hardcoded in the URL.
    this.apiUrl = pulumi.interpolate`https://${api.id}.execute-api.us-east-1.amazonaws.com/${stage.stageName}/webhook`;
    this.tableName = transactionsTable.name;

    // Issue 10: only apiUrl and tableName are registered.
    this.registerOutputs({
      apiUrl: this.apiUrl,
      tableName: this.tableName,
    });
  }
}

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';

const stack = new TapStack('transaction-webhooks', { environmentSuffix });

export const apiUrl = stack.apiUrl;
export const tableName = stack.tableName;

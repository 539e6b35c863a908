import { Value, asList, getPath, isMap, isUnknown } from '../../graph/values';
import { defineRule } from '../types';
import { lookupTable } from '../../support/lookupTable';

/**
 * Canonical types that take tags, with the property that holds them. The
 * list is explicit on purpose: a type missing here is not judged, which is
 * safer than guessing that a type takes tags.
 */
export const TAGGABLE_TYPES = lookupTable<string>({
  'AWS::Lambda::Function': 'Tags',
  'AWS::SQS::Queue': 'Tags',
  'AWS::SNS::Topic': 'Tags',
  'AWS::DynamoDB::Table': 'Tags',
  'AWS::S3::Bucket': 'Tags',
  'AWS::Logs::LogGroup': 'Tags',
  'AWS::KMS::Key': 'Tags',
  'AWS::IAM::Role': 'Tags',
  'AWS::IAM::User': 'Tags',
  'AWS::CloudWatch::Alarm': 'Tags',
  'AWS::ApiGateway::RestApi': 'Tags',
  'AWS::ApiGateway::Stage': 'Tags',
  'AWS::ApiGatewayV2::Api': 'Tags',
  'AWS::ApiGatewayV2::Stage': 'Tags',
  'AWS::StepFunctions::StateMachine': 'Tags',
  'AWS::StepFunctions::Activity': 'Tags',
  'AWS::Events::EventBus': 'Tags',
  'AWS::SecretsManager::Secret': 'Tags',
  'AWS::SSM::Parameter': 'Tags',
  'AWS::Kinesis::Stream': 'Tags',
  'AWS::KinesisFirehose::DeliveryStream': 'Tags',
  'AWS::Pipes::Pipe': 'Tags',
  'AWS::AppSync::GraphQLApi': 'Tags',
  'AWS::Cognito::UserPool': 'UserPoolTags',
  'AWS::EFS::FileSystem': 'FileSystemTags',
  'AWS::ECR::Repository': 'Tags',
  'AWS::ECS::Cluster': 'Tags',
  'AWS::ECS::Service': 'Tags',
  'AWS::ECS::TaskDefinition': 'Tags',
  'AWS::EC2::VPC': 'Tags',
  'AWS::EC2::Subnet': 'Tags',
  'AWS::EC2::SecurityGroup': 'Tags',
  'AWS::EC2::Instance': 'Tags',
  'AWS::RDS::DBInstance': 'Tags',
  'AWS::RDS::DBCluster': 'Tags',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Tags',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Tags',
  'AWS::CloudFront::Distribution': 'Tags',
  'AWS::CloudTrail::Trail': 'Tags',
  'AWS::CodeBuild::Project': 'Tags',
  'AWS::CodePipeline::Pipeline': 'Tags',
  'AWS::CloudFormation::Stack': 'Tags',
  'AWS::EC2::NatGateway': 'Tags',
  'AWS::EC2::EIP': 'Tags',
  'AWS::ApiGateway::ApiKey': 'Tags',
  'AWS::ApiGateway::UsagePlan': 'Tags',
  'AWS::ApiGateway::DomainName': 'Tags',
  'AWS::ApiGatewayV2::DomainName': 'Tags',
  'AWS::Route53::HealthCheck': 'HealthCheckTags',
  'AWS::MSK::Cluster': 'Tags',
  'AWS::MSK::ServerlessCluster': 'Tags',
  'AWS::AmazonMQ::Broker': 'Tags',
  'AWS::DocDB::DBCluster': 'Tags',
  'AWS::DocDB::DBInstance': 'Tags',
  'AWS::RDS::DBSubnetGroup': 'Tags',
  'AWS::RDS::DBParameterGroup': 'Tags',
  'AWS::RDS::DBProxy': 'Tags',
  'AWS::ACMPCA::CertificateAuthority': 'Tags',
  'AWS::CertificateManager::Certificate': 'Tags',
  'AWS::IoT::TopicRule': 'Tags',
  'AWS::Transfer::Server': 'Tags',
  'AWS::Transfer::User': 'Tags',
  'AWS::Cloud9::EnvironmentEC2': 'Tags',
  'AWS::Synthetics::Canary': 'Tags',
  'AWS::QBusiness::Application': 'Tags',
  'AWS::QBusiness::WebExperience': 'Tags',
  'AWS::QBusiness::Index': 'Tags',
  'AWS::QBusiness::Retriever': 'Tags',
  'AWS::QBusiness::DataSource': 'Tags',
  // Taggable per the CloudFormation registry schemas (cfn-lint 1.51), found in real templates.
  'AWS::Events::Rule': 'Tags',
  'AWS::EC2::RouteTable': 'Tags',
  'AWS::EC2::InternetGateway': 'Tags',
  'AWS::EC2::VPCEndpoint': 'Tags',
  'AWS::EC2::VPCPeeringConnection': 'Tags',
  'AWS::EC2::InstanceConnectEndpoint': 'Tags',
  'AWS::Route53::HostedZone': 'HostedZoneTags',
  'AWS::Transfer::Workflow': 'Tags',
  'AWS::Transfer::Connector': 'Tags',
  'AWS::BedrockAgentCore::Gateway': 'Tags',
  'AWS::AmazonMQ::Configuration': 'Tags',
  'AWS::MemoryDB::Cluster': 'Tags',
  'AWS::MemoryDB::SubnetGroup': 'Tags',
  'AWS::ApiGateway::VpcLink': 'Tags',
  'AWS::SageMaker::Model': 'Tags',
  'AWS::SageMaker::EndpointConfig': 'Tags',
  'AWS::SageMaker::Endpoint': 'Tags',
  'AWS::WAFv2::WebACL': 'Tags',
  'AWS::DocDB::DBSubnetGroup': 'Tags',
  'AWS::AppSync::Api': 'Tags',
  'AWS::AppSync::ChannelNamespace': 'Tags',
  'AWS::S3Files::FileSystem': 'Tags',
  'AWS::S3Files::AccessPoint': 'Tags',
  'AWS::CodeCommit::Repository': 'Tags',
  'AWS::Glue::Registry': 'Tags',
  'AWS::Glue::Schema': 'Tags',
  'AWS::S3::AccessPoint': 'Tags',
  'AWS::SES::EmailIdentity': 'Tags',
  'AWS::Scheduler::ScheduleGroup': 'Tags',
});

/**
 * Types whose tags are on each of their replicas, each a resource of its own
 * once deployed, with the property that holds the replicas.
 */
const REPLICATED_TYPES = lookupTable<string>({
  'AWS::DynamoDB::GlobalTable': 'Replicas',
});

/** Whether tags are missing or empty (a value not known statically may be tags). */
function tagsState(tags: Value | undefined): 'missing' | 'empty' | 'present' {
  if (tags === undefined) return 'missing';
  const empty =
    tags === null ||
    (Array.isArray(tags) && tags.length === 0) ||
    (isMap(tags) && Object.keys(tags).length === 0);
  return empty ? 'empty' : 'present';
}

/**
 * OPS-003: a taggable resource has no tags at all (missing, empty list or
 * empty map); a global table, on any of its replicas. Stack-level default
 * tags (Terraform default_tags, Pulumi defaultTags, CDK's Tags.of) count for
 * every resource they reach; SAM Globals Tags only for the resources of
 * their section, which carry them. Resources a format generates (SAM's
 * roles, stages, ...) are not judged: the resource that declared them is.
 */
export default defineRule('OPS-003', ({ graph, check, report }) => {
  const consequence =
    'so it cannot be attributed to a team, service or environment.';
  for (const resource of graph.resources) {
    const replicasProperty = REPLICATED_TYPES[resource.type];
    const property = replicasProperty ? 'Tags' : TAGGABLE_TYPES[resource.type];
    if (
      !property ||
      resource.generatedBy ||
      (resource.defaultTags ?? graph.hasDefaultTags)
    )
      continue;
    check(resource);
    const kind = resource.sourceType ?? resource.type;
    if (replicasProperty) {
      const replicas = resource.properties[replicasProperty];
      // Replicas not known statically may be tagged.
      if (replicas === undefined || isUnknown(replicas)) continue;
      asList(replicas).forEach((replica, index) => {
        const tags = getPath(replica, [property]);
        const state = tagsState(tags);
        if (isUnknown(replica) || state === 'present') return;
        const region = getPath(replica, ['Region']);
        const where = `on its replica${
          typeof region === 'string' ? ` in ${region}` : ''
        }`;
        const path = `${replicasProperty}[${index}].${property}`;
        report(resource, {
          message:
            state === 'missing'
              ? `${kind} ${resource.id} has no tags ${where}, ${consequence}`
              : `${kind} ${resource.id} has no tags ${where}: ${graph.nameOf(
                  resource,
                  path,
                )} is empty, ${consequence}`,
          path:
            state === 'missing'
              ? [replicasProperty, index]
              : [replicasProperty, index, property],
        });
      });
      continue;
    }
    const tags = resource.properties[property];
    const state = tagsState(tags);
    if (state === 'present') continue; // tags, or a value not known statically
    // Where the call that made it cannot set them (a Pulumi inline handler), say where the author can.
    const fix = graph.settingsElsewhere(resource)
      ? ` Set ${graph.nameOf(resource, property)}.`
      : '';
    report(resource, {
      message:
        state === 'missing'
          ? `${kind} ${resource.id} has no tags, ${consequence}${fix}`
          : `${kind} ${resource.id} has no tags: ${graph.nameOf(
              resource,
              property,
            )} is empty, ${consequence}`,
      ...(state === 'missing' ? {} : { path: [property] }),
    });
  }
});

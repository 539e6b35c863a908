import { isMap } from '../../graph/values';
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
});

/**
 * OPS-003: a taggable resource has no tags at all (missing, empty list or
 * empty map). Stack-level default tags (Terraform default_tags, Pulumi
 * defaultTags) count for every resource they reach; SAM Globals Tags only
 * for the resources of their section, which carry them. Resources a
 * format generates (SAM's roles, stages, ...) are not judged: the resource
 * that declared them is.
 */
export default defineRule('OPS-003', ({ graph, check, report }) => {
  for (const resource of graph.resources) {
    const property = TAGGABLE_TYPES[resource.type];
    if (!property || resource.generatedBy || (resource.defaultTags ?? graph.hasDefaultTags)) continue;
    check(resource);
    const tags = resource.properties[property];
    const empty = tags === null ||
      (Array.isArray(tags) && tags.length === 0) ||
      (isMap(tags) && Object.keys(tags).length === 0);
    if (tags !== undefined && !empty) continue; // tags, or a value not known statically
    const kind = resource.sourceType ?? resource.type;
    // Where the call that made it cannot set them (a Pulumi inline handler), say where the author can.
    const fix = graph.settingsElsewhere(resource) ? ` Set ${graph.nameOf(resource, property)}.` : '';
    report(resource, {
      message: tags === undefined
        ? `${kind} ${resource.id} has no tags, so it cannot be attributed to a team, service or environment.${fix}`
        : `${kind} ${resource.id} has an empty ${graph.nameOf(resource, property)}, so it cannot be attributed to a team, service or environment.`,
      ...(tags === undefined ? {} : { path: [property] }),
    });
  }
});

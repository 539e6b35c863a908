import { RESOURCE_TYPES } from './resourceTypes';
import { providerType } from '../terraform/resources';

describe('RESOURCE_TYPES', () => {
  it('names the AWS provider resource each type is generated from, which Terraform maps to the same type', () => {
    const types = Object.entries(RESOURCE_TYPES).map(([pulumiType, spec]) => [
      pulumiType,
      providerType(spec.terraformType)?.type ?? 'not mapped',
    ]);
    expect(types).toEqual(
      Object.entries(RESOURCE_TYPES).map(([pulumiType, spec]) => [
        pulumiType,
        // Not mapped in Terraform: they take no tags, as their CloudFormation types say.
        ['cloudwatch.LogSubscriptionFilter', 'apigateway.Method'].includes(
          pulumiType,
        )
          ? 'not mapped'
          : spec.type,
      ]),
    );
  });
});

import { ReadProgram } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** The constructs a program makes that are not modelled, as one list: `aws-ec2.Vpc, aws-ecs.Cluster ×2`. */
export function constructsNotModelledText(
  constructs: NonNullable<ReadProgram['constructsNotModelled']>,
): string {
  return constructs
    .map(({ construct, count }) =>
      count === 1 ? construct : `${construct} ×${count}`,
    )
    .join(', ');
}

import { ReadProgram } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** What a program makes that is not modelled (see ReadProgram.notModelled), as one list: `aws-ec2.Vpc, aws-ecs.Cluster ×2`. */
export function notModelledText(
  notModelled: NonNullable<ReadProgram['notModelled']>,
): string {
  return notModelled
    .map(({ type, count }) => (count === 1 ? type : `${type} ×${count}`))
    .join(', ');
}

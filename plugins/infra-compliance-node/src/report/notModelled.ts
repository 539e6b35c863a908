import {
  IacFormat,
  ReadProgram,
  notModelledCount,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** What a program makes that is not modelled (see ReadProgram.notModelled), by type: `aws-ecs.Cluster (2 constructs)`. */
export function notModelledEntries(
  format: IacFormat,
  notModelled: NonNullable<ReadProgram['notModelled']>,
): string[] {
  return notModelled.map(({ type, count }) =>
    count === 1 ? type : `${type} (${notModelledCount(format, count)})`,
  );
}

/** The same as one list: `aws-ec2.Vpc, aws-ecs.Cluster (2 constructs)`. */
export function notModelledText(
  format: IacFormat,
  notModelled: NonNullable<ReadProgram['notModelled']>,
): string {
  return notModelledEntries(format, notModelled).join(', ');
}

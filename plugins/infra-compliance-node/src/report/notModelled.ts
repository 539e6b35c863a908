import {
  IacFormat,
  ReadProgram,
  ScanReport,
  notModelledCount,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** A program that makes what the scanner does not model. */
export type ProgramNotModelled = ReadProgram &
  Required<Pick<ReadProgram, 'notModelled'>>;

/** The programs of a report that make what is not modelled, which is not judged. */
export function programsNotModelled(result: ScanReport): ProgramNotModelled[] {
  return (result.programs ?? []).filter(
    (program): program is ProgramNotModelled => Boolean(program.notModelled),
  );
}

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

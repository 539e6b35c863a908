import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Resource } from '../graph/ResourceGraph';
import { LoadResult, SourceFile } from './types';

/**
 * The modules of a Pulumi or CDK program that the report lists as read: the
 * main module and every module that declares resources, with their count.
 */
export function programFilesRead(
  own: readonly SourceFile[],
  main: string,
  resources: readonly Resource[],
  format: IacFormat,
): LoadResult['files'] {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource.file, (counts.get(resource.file) ?? 0) + 1);
  return own
    .filter(file => file.path === main || counts.has(file.path))
    .map(file => ({ path: file.path, format, resources: counts.get(file.path) ?? 0 }));
}

import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Resource } from '../graph/ResourceGraph';
import { LoadResult, SourceFile } from './types';

/**
 * The modules a Pulumi or CDK program may read: its own (under its folder)
 * and, when it imports them, program files of the scanned tree outside its
 * folder (a monorepo's shared library). `outside` lists those it read.
 */
export function programModules(own: readonly SourceFile[], all: readonly SourceFile[]) {
  const texts = new Map(own.map(file => [file.path, file.text]));
  const others = new Map(all.map(file => [file.path, file]));
  const outside: SourceFile[] = [];
  return {
    outside,
    readFile(path: string): string | undefined {
      const text = texts.get(path);
      if (text !== undefined) return text;
      const other = others.get(path);
      if (other && !outside.includes(other)) outside.push(other);
      return other?.text;
    },
  };
}

/**
 * Adds the modules of a Pulumi or CDK program that the report lists as read
 * to `result.files`: the main module and every module that declares
 * resources, with their count. A module two programs read is listed once.
 */
export function addProgramFilesRead(
  result: LoadResult,
  modules: readonly SourceFile[],
  main: string,
  resources: readonly Resource[],
  format: IacFormat,
): void {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource.file, (counts.get(resource.file) ?? 0) + 1);
  for (const file of modules) {
    if (file.path !== main && !counts.has(file.path)) continue;
    const listed = result.files.find(entry => entry.path === file.path);
    if (listed) listed.resources += counts.get(file.path) ?? 0;
    else result.files.push({ path: file.path, format, resources: counts.get(file.path) ?? 0 });
  }
}

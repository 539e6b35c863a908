import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Resource } from '../graph/ResourceGraph';
import { LoadResult, ReadCompanionFile, SourceFile } from './types';

type ListedFile = LoadResult['files'][number];

/**
 * The program files of a Pulumi or CDK scan, and those its programs read:
 * a program reads its own modules (under its folder) and, when it imports
 * them, program files of the scanned tree outside its folder (a monorepo's
 * shared library). A module the format does not claim (a CDK app's
 * `config.ts`, which imports no CDK package) is read from the scanned tree.
 * Built once per scan: a tree may hold thousands of programs.
 */
export class ProgramFiles {
  private readonly byPath: Map<string, SourceFile | undefined>;
  private readonly listed = new Map<string, ListedFile>();

  constructor(
    files: readonly SourceFile[],
    private readonly result: LoadResult,
    private readonly format: IacFormat,
    private readonly readCompanion?: ReadCompanionFile,
  ) {
    this.byPath = new Map(files.map(file => [file.path, file]));
  }

  /** A file of the scanned tree by path, read once. */
  private file(path: string): SourceFile | undefined {
    if (this.byPath.has(path)) return this.byPath.get(path);
    const text = this.readCompanion?.(path);
    const file = text === undefined ? undefined : { path, text };
    this.byPath.set(path, file);
    return file;
  }

  /** Reads the modules of one program; `outside` lists those it read from outside its folder. */
  modules(own: readonly SourceFile[]) {
    const texts = new Map(own.map(file => [file.path, file.text]));
    const outside: SourceFile[] = [];
    return {
      own,
      outside,
      readFile: (path: string): string | undefined => {
        const text = texts.get(path);
        if (text !== undefined) return text;
        const other = this.file(path);
        if (other && !outside.includes(other)) outside.push(other);
        return other?.text;
      },
    };
  }

  /**
   * Lists a program's modules in the report as read: its main module and
   * every module that declares resources, with their count. A module two
   * programs read is listed once.
   */
  addRead(modules: { own: readonly SourceFile[]; outside: readonly SourceFile[] }, main: string, resources: readonly Resource[]): void {
    const counts = new Map<string, number>();
    for (const resource of resources) counts.set(resource.file, (counts.get(resource.file) ?? 0) + 1);
    for (const file of [...modules.own, ...modules.outside]) {
      if (file.path !== main && !counts.has(file.path)) continue;
      const listed = this.listed.get(file.path);
      if (listed) {
        listed.resources += counts.get(file.path) ?? 0;
        continue;
      }
      const entry = { path: file.path, format: this.format, resources: counts.get(file.path) ?? 0 };
      this.listed.set(file.path, entry);
      this.result.files.push(entry);
    }
  }
}

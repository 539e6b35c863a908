/**
 * KMS keys of the graph: which key a `KmsKeyId`-like value designates
 * (directly, through its ARN, or through an alias of the stack), and whether
 * a key policy lets an AWS service principal use the key.
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  asList,
  asString,
  isTemplate,
  isUnknown,
} from '../graph/values';
import { Answer, actionMatches } from './iam';
import {
  effectOf,
  policyStatements,
  principalIncludesService,
} from './policies';
import { anyAnswer, sameString } from './strings';
import { lookupTable } from '../support/lookupTable';

export const KEY_TYPE = 'AWS::KMS::Key';
export const ALIAS_TYPE = 'AWS::KMS::Alias';

/** What a service needs to encrypt with a key: any of these actions counts as "allowed to use it". */
const KEY_USE_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
];

/**
 * The KMS key of the graph a value designates: `!Ref Key`, `!GetAtt Key.Arn`,
 * an ARN built from the key's id, an alias of the stack (`!Ref Alias`, or
 * `alias/<name>` / an alias ARN naming it). Undefined when it designates
 * none (or a key outside the stack).
 */
export function kmsKeyOf(
  graph: ResourceGraph,
  value: Value | undefined,
  depth = 0,
): Resource | undefined {
  if (value === undefined || depth > 3) return undefined;
  let refs: Ref[] = [];
  if (value instanceof Ref) refs = [value];
  else if (isTemplate(value))
    refs = value.parts.filter((p): p is Ref => p instanceof Ref);
  for (const ref of refs) {
    const target = graph.get(ref.target);
    if (target?.type === KEY_TYPE) return target;
    if (target?.type === ALIAS_TYPE)
      return kmsKeyOf(graph, target.properties.TargetKeyId, depth + 1);
  }
  const aliasName = aliasNameIn(value);
  if (aliasName) {
    const alias = graph
      .ofType(ALIAS_TYPE)
      .find(a => sameString(a.properties.AliasName, aliasName) === 'yes');
    if (alias) return kmsKeyOf(graph, alias.properties.TargetKeyId, depth + 1);
  }
  return undefined;
}

/** `alias/<name>` at the end of a key id or ARN whose end is literal text. */
function aliasNameIn(value: Value): string | undefined {
  const text =
    value instanceof Template
      ? asString(value.parts[value.parts.length - 1])
      : asString(value);
  return text?.match(/(?:^|:)(alias\/[^:]+)$/)?.[1];
}

/**
 * Does the key policy let a service principal use the key? A statement
 * counts when it allows the principal (or `*`) any encrypt, decrypt or
 * data-key action. A key without `KeyPolicy` has the default policy, which
 * allows only the account. `unknown` when the policy cannot be read.
 */
export function keyPolicyAllowsService(
  key: Resource,
  matches: (service: Value) => Answer,
): Answer {
  const policy = key.properties.KeyPolicy;
  if (policy === undefined) return 'no';
  const read = policyStatements(policy);
  if (!read) return 'unknown';
  const answers: Answer[] = read.statements.map(({ statement }) => {
    const effect = effectOf(statement);
    if (effect === 'Deny') return 'no';
    // NotPrincipal allows everyone but those it names: whether KMS takes such a statement, and whom it names, is not read.
    const principal =
      statement.Principal === undefined && statement.NotPrincipal !== undefined
        ? 'unknown'
        : principalIncludesService(statement.Principal, matches);
    if (principal === 'no') return 'no';
    // NotAction, or actions not known statically: the statement may allow using the key.
    const actionList =
      statement.NotAction === undefined && statement.Action !== undefined
        ? asList(statement.Action)
        : undefined;
    let usesKey: Answer = 'unknown';
    if (actionList && actionList.every(a => typeof a === 'string')) {
      const allowed = (actionList as string[]).some(pattern =>
        KEY_USE_ACTIONS.some(action => actionMatches(pattern, action)),
      );
      usesKey = allowed ? 'yes' : 'no';
    }
    if (usesKey === 'no') return 'no';
    return effect === 'Allow' && principal === 'yes' && usesKey === 'yes'
      ? 'yes'
      : 'unknown';
  });
  if (!read.complete) answers.push('unknown');
  return anyAnswer(answers);
}

const LOGS_PRINCIPAL = /^logs(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
const PSEUDO_VALUES = lookupTable<string>({
  'AWS::Region': 'eu-west-1',
  'AWS::URLSuffix': 'amazonaws.com',
});

/**
 * Is a service principal the CloudWatch Logs one: `logs.amazonaws.com` or
 * `logs.<region>.amazonaws.com`, also built with `${AWS::Region}` or
 * `${AWS::URLSuffix}`?
 */
export function isLogsServicePrincipal(service: Value): Answer {
  const literal = asString(service);
  if (literal !== undefined) return LOGS_PRINCIPAL.test(literal) ? 'yes' : 'no';
  if (isUnknown(service)) return 'unknown';
  if (!isTemplate(service)) return 'no';
  const rendered = service.parts.map(part => {
    if (typeof part === 'string') return part;
    return isUnknown(part) ? PSEUDO_VALUES[part.reason] : undefined;
  });
  if (rendered.every(part => part !== undefined))
    return LOGS_PRINCIPAL.test(rendered.join('')) ? 'yes' : 'no';
  // Other parts are not known: the principal may still be the Logs one.
  const candidates: Value[] = [
    'logs.amazonaws.com',
    new Template(['logs.', new Unknown('region'), '.amazonaws.com']),
  ];
  return anyAnswer(
    candidates.map(candidate =>
      sameString(service, candidate) === 'no' ? 'no' : 'unknown',
    ),
  );
}

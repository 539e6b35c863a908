/**
 * Resource policies (KMS key policies, S3 bucket policies) read from the
 * graph: their statements, who they name as principal, their conditions.
 * Every question answers `unknown` when the policy cannot be read
 * statically, so that rules report only what they can prove.
 */
import {
  Value,
  ValueMap,
  asList,
  asString,
  isMap,
  isRef,
  isTemplate,
  isUnknown,
} from '../graph/values';
import { Answer } from './iam';
import { anyAnswer } from './strings';

export interface ResourcePolicyStatements {
  statements: { statement: ValueMap; path: (string | number)[] }[];
  /** False when some statement cannot be read. */
  complete: boolean;
}

/**
 * The statements of a policy document (a map, or a JSON string as
 * CloudFormation also accepts); undefined when the document is not known.
 * Paths are relative to the document.
 */
export function policyStatements(
  document: Value | undefined,
): ResourcePolicyStatements | undefined {
  let doc: Value | undefined = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as Value;
    } catch {
      return undefined;
    }
  }
  if (!isMap(doc)) return undefined;
  const raw = doc.Statement;
  if (raw === undefined) return { statements: [], complete: true };
  if (isMap(raw))
    return {
      statements: [{ statement: raw, path: ['Statement'] }],
      complete: true,
    };
  if (!Array.isArray(raw)) return undefined;
  const out: ResourcePolicyStatements = { statements: [], complete: true };
  raw.forEach((statement, index) => {
    if (isMap(statement))
      out.statements.push({ statement, path: ['Statement', index] });
    else out.complete = false;
  });
  return out;
}

/** A statement's effect, undefined when not known statically. */
export function effectOf(statement: ValueMap): 'Allow' | 'Deny' | undefined {
  const effect = statement.Effect;
  return effect === 'Allow' || effect === 'Deny' ? effect : undefined;
}

function isEveryone(value: Value | undefined): boolean {
  return asList(value).some(item => item === '*');
}

/**
 * Does a statement's `Principal` include a service principal that `matches`
 * accepts? A principal `*` includes every service.
 */
export function principalIncludesService(
  principal: Value | undefined,
  matches: (service: Value) => Answer,
): Answer {
  if (principal === undefined) return 'no';
  if (principal === '*') return 'yes';
  if (isUnknown(principal) || isRef(principal) || isTemplate(principal))
    return 'unknown';
  if (!isMap(principal)) return 'no';
  if (isEveryone(principal.AWS)) return 'yes';
  const service = principal.Service;
  if (service === undefined) return 'no';
  if (isUnknown(service)) return 'unknown';
  return anyAnswer(asList(service).map(matches));
}

/**
 * Does a statement's `Condition` require a Bool (or BoolIfExists) condition
 * key to have a value? Keys compare case-insensitively, as IAM does; values
 * may be booleans or strings, single or listed.
 */
export function hasBoolCondition(
  statement: ValueMap,
  conditionKey: string,
  expected: boolean,
): Answer {
  const condition = statement.Condition;
  if (condition === undefined) return 'no';
  if (!isMap(condition)) return 'unknown';
  const answers: Answer[] = [];
  for (const operator of ['Bool', 'BoolIfExists']) {
    const block = condition[operator];
    if (block === undefined) continue;
    if (!isMap(block)) {
      answers.push('unknown');
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      if (key.toLowerCase() !== conditionKey.toLowerCase()) continue;
      answers.push(
        anyAnswer(
          asList(value).map(item => {
            if (typeof item === 'boolean')
              return item === expected ? 'yes' : 'no';
            const text = asString(item);
            if (text !== undefined)
              return text.toLowerCase() === String(expected) ? 'yes' : 'no';
            return 'unknown';
          }),
        ),
      );
    }
  }
  return anyAnswer(answers);
}

/**
 * Mutation fuzzing of the engine: the promise that bad input never ends a
 * scan, checked on thousands of broken variants of real files. Too slow for
 * every commit; run it after changing a parser, an adapter or the engine,
 * or nightly.
 *
 *   yarn fuzz [directory] [--seed N] [--count N]
 *
 * Default directory: ../shared/corpus next to the repository when it
 * exists, else examples/. Each case takes one folder of IaC files (a
 * template, a Terraform module, a CDK or Pulumi app with its siblings),
 * breaks one of its files, and scans the folder with every rule. A case
 * fails when the scan throws, takes longer than a few seconds, reports a
 * finding outside the scanned files or their lines, or shows one of
 * Object's members (`function Object() { [native code] }`) in a message.
 * Failing inputs are written to node_modules/.cache/infra-compliance-fuzz/
 * to reproduce them; the same seed gives the same cases. First, every CloudFormation template
 * is also scanned rewritten as JSON with long-form intrinsics, which must
 * give the same findings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  ADAPTERS,
  SourceFile,
} from '../../plugins/infra-compliance-node/src/adapters';
import { discoverFiles } from '../../plugins/infra-compliance-node/src/discovery/discoverFiles';
import { CLOUDFORMATION_SCHEMA } from '../../plugins/infra-compliance-node/src/documents/parseYaml';
import { scanFiles } from '../../plugins/infra-compliance-node/src/engine/scan';
import { ALL_RULES } from '../../plugins/infra-compliance-node/src/rules';
import { addToList } from '../../plugins/infra-compliance-node/src/support/multiMap';

const REPO_ROOT = path.resolve(__dirname, '../..');
const FAILURES = path.join(
  REPO_ROOT,
  'node_modules/.cache/infra-compliance-fuzz',
);
/** A scan of one folder slower than this is reported: something grows faster than its input. */
const SLOW_MS = 5000;

/** mulberry32: small, seedable, good enough to pick mutations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(rnd: Random, items: readonly T[]): T =>
  items[Math.floor(rnd() * items.length)];
const between = (rnd: Random, low: number, high: number) =>
  low + Math.floor(rnd() * (high - low + 1));

/** Values that have broken rules and parsers before: intrinsics of the wrong shape, huge, deep, odd texts. */
function oddValue(rnd: Random, depth = 0): unknown {
  const kind = between(rnd, 0, depth > 2 ? 7 : 12);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return pick(rnd, [0, -1, 1e308, 2 ** 53 + 1, 1209600, Number.NaN]);
    case 2:
      return pick(rnd, [
        '',
        '*',
        'arn:aws:sqs:us-east-1:123456789012:q',
        '${AWS::Region}',
        '${',
        '}{',
        'arn:'.repeat(between(rnd, 1, 2000)),
      ]);
    case 3:
      return 'x'.repeat(between(rnd, 1, 100_000));
    case 4:
      return pick(rnd, [
        '\u0000',
        '\u001b[2J',
        '\u202e',
        '\ud800',
        '__proto__',
        'constructor',
      ]);
    case 5:
      return true;
    case 6:
      return [];
    case 7:
      return {};
    case 8:
      return {
        [pick(rnd, [
          'Ref',
          'Fn::GetAtt',
          'Fn::Sub',
          'Fn::Join',
          'Fn::If',
          'Fn::Select',
          'Fn::FindInMap',
          'Fn::Split',
          'Condition',
          'Fn::ImportValue',
        ])]: oddValue(rnd, depth + 1),
      };
    case 9:
      return Array.from({ length: between(rnd, 1, 4) }, () =>
        oddValue(rnd, depth + 1),
      );
    case 10:
      return {
        ['__proto__']: oddValue(rnd, depth + 1),
        Type: pick(rnd, [
          'AWS::Lambda::Function',
          'AWS::Serverless::Function',
          'AWS::SQS::Queue',
          'AWS::IAM::Role',
        ]),
      };
    case 11: {
      let deep: unknown = 'bottom';
      for (let i = between(rnd, 100, 3000); i > 0; i--) deep = [deep];
      return deep;
    }
    default:
      return {
        Properties: oddValue(rnd, depth + 1),
        Events: {
          E: {
            Type: pick(rnd, ['Api', 'SQS', 'Schedule', 'S3']),
            Properties: oddValue(rnd, depth + 1),
          },
        },
      };
  }
}

const RESOURCE_TYPES = [
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::StateMachine',
  'AWS::Serverless::SimpleTable',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
  'AWS::KMS::Key',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGatewayV2::Stage',
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::Events::Rule',
  'AWS::StepFunctions::StateMachine',
  'AWS::CloudFront::Distribution',
  'Custom::Thing',
  'AWS::CloudFormation::Stack',
];

/** Replaces one value of a parsed template (or a resource's type) with an odd one, and writes it back in its own syntax. */
function mutateDocument(rnd: Random, file: SourceFile): string | undefined {
  let document: unknown;
  try {
    document = load(file.text, { schema: CLOUDFORMATION_SCHEMA, json: true });
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null) return undefined;
  const resources = (document as { Resources?: unknown }).Resources;
  if (
    rnd() < 0.3 &&
    typeof resources === 'object' &&
    resources !== null &&
    Object.keys(resources).length > 0
  ) {
    // Another type over the same properties: every rule and SAM's expansion meet shapes they do not expect.
    const resource = (resources as Record<string, unknown>)[
      pick(rnd, Object.keys(resources))
    ];
    if (typeof resource === 'object' && resource !== null) {
      (resource as Record<string, unknown>).Type = pick(rnd, RESOURCE_TYPES);
      return file.path.endsWith('.json')
        ? JSON.stringify(document, null, 1)
        : dump(document, { noRefs: true, lineWidth: -1 });
    }
  }
  // Walk down a random path, then replace where it stops.
  let parent = document as Record<string, unknown>;
  let key: string | number = pick(rnd, Object.keys(parent));
  for (let depth = between(rnd, 0, 6); depth > 0; depth--) {
    const child: unknown = parent[key];
    if (typeof child !== 'object' || child === null) break;
    const keys: string[] = Object.keys(child);
    if (keys.length === 0) break;
    parent = child as Record<string, unknown>;
    key = pick(rnd, keys);
  }
  if (key === undefined) return undefined;
  Object.defineProperty(parent, key, {
    value: oddValue(rnd),
    enumerable: true,
    configurable: true,
    writable: true,
  });
  try {
    return file.path.endsWith('.json')
      ? JSON.stringify(document, null, 1)
      : dump(document, { noRefs: true, lineWidth: -1 });
  } catch {
    return undefined; // a value the writer refuses (too deep)
  }
}

/** Breaks the text itself: what a bad merge, an editor or a truncated download leaves behind. */
function mutateText(rnd: Random, text: string): string {
  const lines = text.split('\n');
  const at = between(rnd, 0, Math.max(lines.length - 1, 0));
  switch (between(rnd, 0, 11)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[at] ?? '');
      break;
    case 2:
      lines[at] = ` ${lines[at] ?? ''}`;
      break;
    case 3:
      return text.slice(0, between(rnd, 0, text.length));
    case 4:
      lines[at] = `${lines[at] ?? ''}${pick(rnd, [
        ' !Ref',
        ' !Sub "${',
        ' &a',
        ' *a',
        ' {',
        ' [',
        ' "',
        " '",
        ' #',
        ' |',
        '\t',
        ' ${var.',
        ' (',
        ' <<EOF',
        ' = [for x in y : x]',
        ' dynamic "x" {',
        ' = {',
        ' => ',
        ' as any',
        ' ...',
        '`${',
      ])}`;
      break;
    case 5:
      lines.splice(
        at,
        0,
        pick(rnd, [
          '<<<<<<< HEAD',
          '=======',
          '>>>>>>> branch',
          '\u0000\u0001\u0002',
          '\ufeff',
          '\ud800',
        ]),
      );
      break;
    case 6:
      lines[at] = (lines[at] ?? '').replace(/\d+/, () =>
        String(pick(rnd, [0, -1, 1e21, 99999999999999999999])),
      );
      break;
    case 7:
      lines.splice(at, 0, `${'['.repeat(between(rnd, 100, 20_000))}`);
      break;
    case 8:
      return lines.reverse().join('\n');
    case 9: {
      // A name of one of Object's members where the file had a name: a key, a type, a reference.
      const words = (lines[at] ?? '').match(/[A-Za-z_][\w:]*/g) ?? [];
      if (words.length > 0)
        lines[at] = lines[at].replace(
          pick(rnd, words),
          pick(rnd, [
            'constructor',
            '__proto__',
            'toString',
            'hasOwnProperty',
            'valueOf',
          ]),
        );
      break;
    }
    case 10: {
      // A Terraform dynamic block, over a collection known, empty, unknown or odd, reading its iterator.
      const name = pick(rnd, [
        'dead_letter_config',
        'statement',
        'environment',
        'ingress',
        'constructor',
        '__proto__',
      ]);
      const collection = pick(rnd, [
        '[1]',
        '[]',
        '{ a = 1 }',
        'var.nope',
        '[for x in y : x]',
        '"text"',
        'null',
        `[${Array(200).fill('{ b = 2 }').join(', ')}]`,
      ]);
      const iterator = pick(rnd, ['', 'it', '"quoted"', name]);
      const reader = iterator === 'it' ? 'it' : name;
      const inner = pick(rnd, [
        '',
        `dynamic "${name}" {\n for_each = ${reader}.value\n content {\n x = ${name}.value.b\n }\n }`,
      ]);
      lines.splice(
        at,
        0,
        `dynamic "${name}" {\n  for_each = ${collection}\n${
          iterator ? `  iterator = ${iterator}\n` : ''
        }  content {\n    target_arn = ${reader}.value\n    sid = "\${${reader}.key}"\n    ${inner}\n  }\n}`,
      );
      break;
    }
    default: {
      const other = between(rnd, 0, Math.max(lines.length - 1, 0));
      [lines[at], lines[other]] = [lines[other], lines[at]];
    }
  }
  return lines.join('\n');
}

/** What a finding says, apart from where: its rule, resource, property and suppression. */
function gist(findings: readonly Finding[]): string[] {
  return findings
    .filter(finding => finding.ruleId !== 'PARSE-001') // a rewritten template has no duplicate keys left
    .map(
      finding =>
        `${finding.ruleId} ${finding.resourceId} ${finding.property ?? ''}${
          finding.suppressed ? ' (suppressed)' : ''
        }`,
    )
    .sort();
}

/**
 * Each CloudFormation template, rewritten as JSON with long-form intrinsics
 * (`!Sub x` → `{"Fn::Sub": "x"}`), must give the same findings: the two
 * forms, and YAML and JSON, are one language to the engine.
 */
function equivalentForms(templates: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const template of templates) {
    let document: unknown;
    try {
      document = load(template.text, {
        schema: CLOUDFORMATION_SCHEMA,
        json: true,
      });
    } catch {
      continue;
    }
    const asJson = {
      path: template.path.replace(/\.[^./]+$/, '.json'),
      text: JSON.stringify(document, null, 2),
    };
    const original = gist(scanFiles([template], ALL_RULES).findings);
    const rewritten = gist(scanFiles([asJson], ALL_RULES).findings);
    const lost = original.filter(finding => !rewritten.includes(finding));
    const gained = rewritten.filter(finding => !original.includes(finding));
    if (lost.length > 0 || gained.length > 0) {
      problems.push(
        `${template.path} as JSON: lost ${JSON.stringify(
          lost.slice(0, 3),
        )}, gained ${JSON.stringify(gained.slice(0, 3))}`,
      );
    }
  }
  return problems;
}

interface Failure {
  folder: string;
  file: string;
  how: string;
  problem: string;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(name);
    if (index < 0) return fallback;
    const value = Number(args[index + 1]);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`${name} needs a whole number`);
    args.splice(index, 2);
    return value;
  };
  const seed = option('--seed', 1);
  const count = option('--count', 2000);
  const corpus = path.resolve(REPO_ROOT, '../shared/corpus');
  const directory =
    args[0] ??
    (require('node:fs').existsSync(corpus)
      ? corpus
      : path.join(REPO_ROOT, 'examples'));

  const discovery = await discoverFiles(directory);
  const iac = discovery.files.filter(file =>
    ADAPTERS.some(adapter => adapter.accepts(file)),
  );
  // A folder of the corpus is one pattern or service: its files load together.
  const folders = new Map<string, SourceFile[]>();
  for (const file of iac) {
    const folder = file.path.split('/').slice(0, -1).slice(0, 2).join('/');
    addToList(folders, folder, file);
  }
  const names = [...folders.keys()].sort();
  process.stdout.write(
    `Fuzzing the engine on ${directory}: ${iac.length} IaC files in ${names.length} folders, seed ${seed}, ${count} cases\n`,
  );

  const templates = iac.filter(
    file =>
      ADAPTERS.find(adapter => adapter.accepts(file))?.format ===
      'cloudformation',
  );
  const inequivalent = equivalentForms(templates);
  process.stdout.write(
    `${templates.length} CloudFormation templates rewritten as JSON with long-form intrinsics: ${inequivalent.length} give other findings\n`,
  );
  for (const problem of inequivalent.slice(0, 20))
    process.stdout.write(`FAIL ${problem}\n`);
  if (inequivalent.length > 0) process.exitCode = 1;

  const rnd = random(seed);
  const failures: Failure[] = [];
  let slowest = { ms: 0, folder: '' };
  const started = Date.now();
  for (let done = 0; done < count; done++) {
    const folder = pick(rnd, names);
    const files = folders.get(folder)!;
    const target = pick(rnd, files);
    const structural =
      rnd() < 0.5 && /\.(ya?ml|json|template)$/i.test(target.path);
    const mutated =
      (structural && mutateDocument(rnd, target)) ||
      mutateText(rnd, target.text);
    const how = structural ? 'a value replaced' : 'the text broken';
    const input = files.map(file =>
      file === target ? { path: file.path, text: mutated } : file,
    );
    const lineCounts = new Map(
      input.map(file => [file.path, file.text.split('\n').length]),
    );
    const before = Date.now();
    let problem: string | undefined;
    try {
      // The engine goes on past a stack it fails on (skipping its files): such a failure is what the fuzz looks for.
      let engineError: unknown;
      const result = scanFiles(input, ALL_RULES, {
        onInternalError: error => {
          engineError ??= error;
        },
      });
      if (engineError !== undefined) throw engineError;
      const bad = result.findings.find(finding => {
        const lines = lineCounts.get(finding.file);
        return (
          lines === undefined ||
          !(finding.line >= 1 && finding.line <= lines + 1) ||
          !/^[0-9a-f]{32}$/.test(finding.fingerprint)
        );
      });
      if (bad)
        problem = `finding outside the files or their lines: ${JSON.stringify(
          bad,
        ).slice(0, 300)}`;
      // One of Object's members read as if the template held it shows as its source text.
      const leaked = result.findings.find(finding =>
        finding.message.includes('[native code]'),
      );
      if (leaked)
        problem = `a finding shows one of Object's members: ${leaked.message.slice(
          0,
          300,
        )}`;
    } catch (error) {
      problem = `the engine failed: ${
        error instanceof Error
          ? error.stack?.split('\n').slice(0, 4).join(' | ')
          : String(error)
      }`;
    }
    const took = Date.now() - before;
    if (took > slowest.ms) slowest = { ms: took, folder };
    if (!problem && took > SLOW_MS) problem = `the scan took ${took} ms`;
    if (problem) {
      failures.push({ folder, file: target.path, how, problem });
      const saved = path.join(
        FAILURES,
        `seed-${seed}-case-${done}`,
        target.path,
      );
      mkdirSync(path.dirname(saved), { recursive: true });
      writeFileSync(saved, mutated);
    }
    if ((done + 1) % 250 === 0)
      process.stderr.write(`  ${done + 1} cases, ${failures.length} failing\n`);
  }

  process.stdout.write(
    `${count} cases in ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s; slowest ${slowest.ms} ms (${slowest.folder})\n`,
  );
  if (failures.length === 0) {
    process.stdout.write(
      'No scan threw, stalled or reported outside its input.\n',
    );
    return;
  }
  for (const failure of failures.slice(0, 20)) {
    process.stdout.write(
      `FAIL ${failure.file} (${failure.how}): ${failure.problem}\n`,
    );
  }
  process.stdout.write(
    `${failures.length} failing case(s); their inputs are in ${FAILURES}\n`,
  );
  process.exitCode = 1;
}

main().catch(error => {
  process.stderr.write(
    `fuzz failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 2;
});

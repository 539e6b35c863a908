import { lineOfPath } from '../../graph/locations';
import { Resource } from '../../graph/ResourceGraph';
import { Ref, Template, Unknown, Value } from '../../graph/values';
import { HOLE, WrittenText } from '../../graph/writtenText';
import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { defineOwnValuesRule } from '../types';
import { lookupTable } from '../../support/lookupTable';

const REGION_SOURCE =
  '(?:us-gov|us-iso[a-z]?|[a-z]{2})-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\\d{1,2}';
const REGION = new RegExp(`^${REGION_SOURCE}$`);
const ACCOUNT = /^\d{12}$/;
/**
 * arn:partition:service:region:account:, fields possibly with holes; the
 * resource part is a lookahead, read to at most 256 characters (enough to
 * show it): unbounded, a text of many `arn:` would take quadratic time.
 */
const ARN =
  /(?<![A-Za-z0-9])arn:([^:\s"'`]*):([^:\s"'`]*):([^:\s"'`]*):([^:\s"'`]*):(?=([^\s"'`,;)\]]{0,256}))/g;
/** A host name under an AWS domain, labels possibly with holes. */
const AWS_HOST =
  /(?<![A-Za-z0-9.\uE000-])((?:[A-Za-z0-9\uE000-]+\.)+)(amazonaws\.com(?:\.cn)?|on\.aws|api\.aws)(?![A-Za-z0-9-])(\/\d{12}(?=\/|$|[?#\s"']))?/g;
/** A VPC endpoint service name: com.amazonaws.<region>.<service>. */
const ENDPOINT_SERVICE = new RegExp(
  `(?<![A-Za-z0-9.])com\\.amazonaws\\.(${REGION_SOURCE})\\.[a-z0-9.-]+`,
  'g',
);
/** Text that names an ARN or an AWS endpoint: what the rule reads. */
const NAMES_AWS =
  /(?<![A-Za-z0-9])arn:|\.(?:amazonaws\.com|on\.aws|api\.aws)(?![A-Za-z0-9-])|(?<![A-Za-z0-9.])com\.amazonaws\./;
/** A host label that is or ends with a region: `us-east-1`, `s3-website-us-east-1`. */
const REGION_LABEL = new RegExp(`(?:^|-)(${REGION_SOURCE})$`);

/**
 * Properties holding application code, not infrastructure: what the code
 * does with regions is not the stack's portability.
 */
const CODE_PATHS = lookupTable<readonly (readonly string[])[]>({
  'AWS::Lambda::Function': [['Code', 'ZipFile']],
  'AWS::Synthetics::Canary': [['Code', 'Script']],
  'AWS::CloudFront::Function': [['FunctionCode']],
  'AWS::AppSync::Resolver': [['Code']],
  'AWS::AppSync::FunctionConfiguration': [['Code']],
});

interface Hardcoded {
  /** The ARN or host, as written (non-literal parts shown as `${…}`). */
  piece: string;
  kind: 'ARN' | 'endpoint';
  region?: string;
  account?: string;
}

function show(text: string): string {
  const shown = text.split(HOLE).join('${…}');
  return shown.length > 100 ? `${shown.slice(0, 97)}…` : shown;
}

/**
 * The text as written, with holes for what is not literal there: references,
 * pseudo parameters, imports, and the stack's inputs (a parameter's default
 * is the deployer's choice, not the code's), so `${AWS::Region}` or
 * `${TargetRegion}` never reads as a hardcoded region.
 */
function writtenText(value: string | Template, written: WrittenText): string {
  if (typeof value === 'string') return written.of(value);
  return value.parts
    .map(part => (typeof part === 'string' ? written.of(part) : HOLE))
    .join('');
}

/** The value's text, with holes for its references: whether it names an ARN or an endpoint. */
function valueText(value: string | Template): string {
  if (typeof value === 'string') return value;
  return value.parts
    .map(part => (typeof part === 'string' ? part : HOLE))
    .join('');
}

interface Context {
  /** Inside a policy's Principal: accounts there are grants to other accounts, not this one's. */
  inPrincipal: boolean;
  /** CloudFront requires us-east-1 for certificates, Lambda@Edge and WAF ACLs. */
  inCloudFront: boolean;
}

/**
 * Cheap pre-test, run on every string: only text with an ARN or an AWS host
 * name can hardcode anything. One regular expression scans the text once, where
 * three searches for the words would scan it three times.
 */
const MAY_HARDCODE = /arn:|amazonaws|\.aws/;

function mayHardcode(text: string): boolean {
  return MAY_HARDCODE.test(text);
}

/**
 * Text without a region name or a 12-digit number cannot hardcode either: most ARNs here use pseudo parameters.
 * Twelve `\d` written out, not `\d{12}`: V8 searches a text for the first several times faster.
 */
const REGION_OR_ACCOUNT = new RegExp(`${'\\d'.repeat(12)}|${REGION_SOURCE}`);

const NOTHING_HARDCODED: readonly Hardcoded[] = Object.freeze([]);

/** Regions and accounts both hold a digit: a cheap first test, which most texts fail. */
const DIGIT = /\d/;

function mayNameRegionOrAccount(text: string): boolean {
  return DIGIT.test(text) && REGION_OR_ACCOUNT.test(text);
}

function findHardcoded(text: string, context: Context): readonly Hardcoded[] {
  if (!mayNameRegionOrAccount(text)) return NOTHING_HARDCODED;
  const found: Hardcoded[] = [];
  if (text.includes('arn:')) findArns(text, context, found);
  if (text.includes('amazonaws') || text.includes('.aws'))
    findHosts(text, context, found);
  if (text.includes('com.amazonaws.')) {
    for (const match of text.matchAll(ENDPOINT_SERVICE)) {
      found.push({ piece: show(match[0]), kind: 'endpoint', region: match[1] });
    }
  }
  return found;
}

function findArns(text: string, context: Context, found: Hardcoded[]) {
  for (const match of text.matchAll(ARN)) {
    // The resource part is read ahead, not consumed, so that an ARN nested in it is read too.
    const [prefix, , service, region, account, resource] = match;
    if (service === 'serverlessrepo') continue; // public SAR applications deploy from any region and account
    const hardcodedRegion =
      REGION.test(region) && !(context.inCloudFront && region === 'us-east-1');
    const publishedLayer =
      service === 'lambda' && resource.startsWith('layer:');
    const hardcodedAccount =
      ACCOUNT.test(account) && !context.inPrincipal && !publishedLayer;
    if (!hardcodedRegion && !hardcodedAccount) continue;
    const hit: Hardcoded = { piece: show(prefix + resource), kind: 'ARN' };
    if (hardcodedRegion) hit.region = region;
    if (hardcodedAccount) hit.account = account;
    found.push(hit);
  }
}

function findHosts(text: string, context: Context, found: Hardcoded[]) {
  for (const match of text.matchAll(AWS_HOST)) {
    const [whole, labels, , accountPath] = match;
    const hit: Hardcoded = { piece: '', kind: 'endpoint' };
    // A registry's account may be a publisher's (AWS's Deep Learning Containers, a vendor's images).
    const registry = /(^|\.)dkr\.ecr\./.test(labels);
    for (const label of labels.split('.')) {
      const region = REGION_LABEL.exec(label)?.[1];
      if (region && !hit.region) hit.region = region;
      else if (
        ACCOUNT.test(label) &&
        !hit.account &&
        !context.inPrincipal &&
        !registry
      )
        hit.account = label;
    }
    if (accountPath && !hit.account && !context.inPrincipal)
      hit.account = accountPath.slice(1);
    if (!hit.region && !hit.account) continue;
    hit.piece = show(whole);
    found.push(hit);
  }
}

function describe(hits: readonly Hardcoded[]): string {
  const parts = hits.map(hit => {
    const what = [
      hit.region ? `the region ${hit.region}` : undefined,
      hit.account ? `the account ID ${hit.account}` : undefined,
    ]
      .filter(Boolean)
      .join(' and ');
    return `${what} in the ${hit.kind} "${hit.piece}"`;
  });
  return parts.join(', and ');
}

/** Where each format reads the stack's region and account. */
const REGION_AND_ACCOUNT: Record<
  IacFormat,
  { region: string; account: string }
> = {
  cloudformation: { region: 'AWS::Region', account: 'AWS::AccountId' },
  cdk: { region: 'Aws.REGION', account: 'Aws.ACCOUNT_ID' },
  terraform: {
    region: 'data.aws_region.current.name',
    account: 'data.aws_caller_identity.current.account_id',
  },
  pulumi: { region: 'aws.getRegion()', account: 'aws.getCallerIdentity()' },
};

function advice(hits: readonly Hardcoded[], format: IacFormat): string {
  const names: string[] = [];
  if (hits.some(h => h.region)) names.push(REGION_AND_ACCOUNT[format].region);
  if (hits.some(h => h.account)) names.push(REGION_AND_ACCOUNT[format].account);
  return names.join(' and ');
}

type Path = (string | number)[];

function isCodePath(skip: readonly (readonly string[])[], path: Path): boolean {
  for (const prefix of skip) {
    if (prefix.length !== path.length) continue;
    let same = true;
    for (let i = 0; same && i < prefix.length; i++)
      same = prefix[i] === path[i];
    if (same) return true;
  }
  return false;
}

/**
 * Whether walking a value may visit anything: a string that may name AWS, a
 * list, a map or a template. Tested before each step into a list's item or a
 * map's entry, most of them scalars that name nothing: no step into those.
 */
function mayHoldHardcoded(value: Value): boolean {
  return typeof value === 'string'
    ? mayHardcode(value)
    : typeof value === 'object' && value !== null;
}

/**
 * Visits every string or template that may name AWS (see {@link mayHardcode})
 * in a value, with its path. The path is one array extended and shortened as the
 * walk goes: `visit` copies it to keep it.
 */
function walk(
  value: Value | undefined,
  path: Path,
  context: Context,
  skip: readonly (readonly string[])[],
  visit: (value: string | Template, path: Path, context: Context) => void,
): void {
  if (typeof value === 'string') {
    if (!(skip.length > 0 && isCodePath(skip, path)) && mayHardcode(value))
      visit(value, path, context);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (skip.length > 0 && isCodePath(skip, path)) return;
  // Lists and maps first: most values are, and they are neither references, unknowns nor templates.
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (!mayHoldHardcoded(item)) continue;
      path.push(index);
      walk(item, path, context, skip, visit);
      path.pop();
    }
  } else if (value instanceof Template) {
    // Joining the parts costs more than looking at them: only texts that may name AWS are joined.
    for (const part of value.parts) {
      if (typeof part === 'string' && mayHardcode(part)) {
        visit(value, path, context);
        return;
      }
    }
  } else if (!(value instanceof Ref || value instanceof Unknown)) {
    // Its own keys, as for-in would give them with a test of each: the test costs more than the array.
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const entry = value[key];
      if (!mayHoldHardcoded(entry)) continue;
      const inner =
        key === 'Principal' || key === 'NotPrincipal'
          ? { ...context, inPrincipal: true }
          : context;
      path.push(key);
      walk(entry, path, inner, skip, visit);
      path.pop();
    }
  }
}

/**
 * OPS-002: a string in a resource property or a stack output hardcodes a
 * region or a 12-digit account ID inside an ARN or an AWS endpoint, where
 * AWS::Region / AWS::AccountId belongs. A resource, or an output (judged
 * as itself, not as a resource it refers to), is checked when it names an
 * ARN or an AWS endpoint. Only literal text counts: the parts
 * of a `!Sub`/`!Join` that are references, pseudo parameters or the stack's
 * inputs (CloudFormation parameters, Terraform variables) never match.
 * AWS-managed policy ARNs (account `aws`), published Lambda layers (the
 * publisher's account), public Serverless Application Repository apps,
 * accounts named in policy principals (cross-account grants), ECR
 * registry accounts (possibly a publisher's), the us-east-1 that CloudFront
 * requires, and the regions of a stack that names several regions
 * (deliberately cross-region) are not reported.
 */
export default defineOwnValuesRule('OPS-002', ({ graph, check, report }) => {
  const found: {
    resource: Resource;
    hits: readonly Hardcoded[];
    path: Path;
    output?: string;
  }[] = [];
  const seen = new Set<string>();
  for (const resource of graph.resources) {
    const context: Context = {
      inPrincipal: false,
      inCloudFront: resource.type === 'AWS::CloudFront::Distribution',
    };
    // The rule applies to resources that name ARNs or endpoints, and judges what is written.
    let namesAws = false;
    let failsAlone = false;
    let copiesFailure = false;
    walk(
      resource.properties,
      [],
      context,
      CODE_PATHS[resource.type] ?? [],
      (value, path, ctx) => {
        const text = valueText(value);
        if (!namesAws) namesAws = NAMES_AWS.test(text);
        // What is written holds less literal text than the value: without a region or account here, none there.
        if (!mayNameRegionOrAccount(text)) return;
        const hits = findHardcoded(writtenText(value, graph.writtenText), ctx);
        if (hits.length === 0) return;
        const owner = resource.generatedBy ?? resource.id;
        const line = lineOfPath(resource.properties, path, resource.line);
        const key = `${owner}\u0000${line}\u0000${hits
          .map(h => h.piece)
          .join('\u0000')}`;
        // The same text copied into a resource its declaration generates (SAM, a Terraform module) fails once, with the first.
        if (seen.has(key)) {
          copiesFailure = true;
          return;
        }
        seen.add(key);
        failsAlone = true;
        found.push({ resource, hits, path: [...path] });
      },
    );
    // A copy whose only failures are reported on the first is no check of its own: it would pass, failing them.
    if (namesAws && (failsAlone || !copiesFailure)) check(resource);
  }
  for (const output of graph.outputs) {
    // An output is judged, and reported, as itself: not as a resource it may refer to.
    walk(
      output.value,
      [],
      { inPrincipal: false, inCloudFront: false },
      [],
      (value, path, ctx) => {
        const subject = graph.outputSubject(output);
        const text = valueText(value);
        if (NAMES_AWS.test(text)) check(subject);
        if (!mayNameRegionOrAccount(text)) return;
        const hits = findHardcoded(writtenText(value, graph.writtenText), ctx);
        if (hits.length > 0)
          found.push({
            resource: subject,
            hits,
            path: [...path],
            output: output.name,
          });
      },
    );
  }

  // A stack that names several regions reaches into other regions on
  // purpose (cross-region event buses, replication): its regions are not
  // where AWS::Region belongs. Its literal accounts still are judged.
  const regions = new Set(
    found.flatMap(f => f.hits.map(h => h.region).filter(Boolean)),
  );
  const multiRegion = regions.size > 1;
  for (const { resource, hits: all, path, output } of found) {
    const hits = multiRegion
      ? all.filter(h => h.account).map(h => ({ ...h, region: undefined }))
      : all;
    if (hits.length === 0) continue;
    const subject = output
      ? `Output ${output}`
      : resource.generatedBy ?? resource.id;
    report(resource, {
      message: `${subject} hardcodes ${describe(hits)}; build it from ${advice(
        hits,
        graph.format,
      )} so the stack works in any region and account.`,
      path,
    });
  }
});

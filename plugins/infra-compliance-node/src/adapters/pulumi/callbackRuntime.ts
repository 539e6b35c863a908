/**
 * The runtime @pulumi/aws gives an `aws.lambda.CallbackFunction` given
 * none, and so the function an event subscription makes of a callback
 * (`bucket.onObjectCreated(name, async e => …)`): `args.runtime ||
 * Runtime.<default>` in lambda/lambdaMixins.js, a default that changed
 * within major versions. The package also merges `ignoreChanges:
 * ["runtime"]` into the function's options then, but through
 * `pulumi.mergeOptions`, which returns a new object it drops (@pulumi/pulumi
 * copies the options it merges, in 1.x as in 3.x): a stack updated with
 * another version of the package moves its functions to that version's
 * default (as pulumi-aws#4348 says of Node.js 20).
 *
 * Recorded on 2026-12-04 from the packages the npm registry serves, reading
 * 0.16.5, 1.16.0, 1.17.0, 3.22.0, 4.38.1, 5.0.0, 5.8.0, 5.9.2, 5.10.0,
 * 5.13.0, 5.16.0, 5.20.0, 5.24.0, 5.43.0, 6.48.0, 6.50.1, 7.2.0, 7.24.0,
 * 7.26.0, 7.28.0, 7.29.0, 7.30.0 and 7.48.0: a span is every version
 * between the first and last read of one default. The versions between two
 * spans (5.11.x–5.12.x, 6.48.1–6.50.0, 7.26.1–7.27.x) were not there to
 * read: their default is not known. The last span goes on past its last
 * version read; update this table when a version changes the default
 * (pulumi-aws#6336 plans Node.js 24).
 */
import { Unknown, Value } from '../../graph/values';
import { Version, compareVersions, versionsAllowed } from '../packageManifest';

interface Span {
  /** The first and last versions read that give `runtime`. */
  from: Version;
  to: Version;
  runtime: string;
}

const SPANS: readonly Span[] = [
  { from: [0, 16, 5], to: [1, 16, 0], runtime: 'nodejs8.10' },
  { from: [1, 17, 0], to: [5, 10, 0], runtime: 'nodejs12.x' },
  { from: [5, 13, 0], to: [6, 48, 0], runtime: 'nodejs16.x' },
  { from: [6, 50, 1], to: [7, 26, 0], runtime: 'nodejs20.x' },
  { from: [7, 28, 0], to: [7, 48, 0], runtime: 'nodejs22.x' },
];

/**
 * The runtime a CallbackFunction given none gets with the versions of
 * @pulumi/aws `range` (as package.json declares it) allows: the default
 * they all give. Not known where the range is not declared or not read,
 * or allows versions of different defaults (`^7.0.0`: Node.js 20 up to
 * 7.26.0, Node.js 22 from 7.28.0, and npm installs the newest), or of a
 * default not known: which one the stack gets, package.json does not say.
 */
export function callbackFunctionRuntime(range: string | undefined): Value {
  const allowed = range === undefined ? undefined : versionsAllowed(range);
  if (!allowed)
    return new Unknown(
      'default runtime of a CallbackFunction: the @pulumi/aws version is not declared',
    );
  const last = SPANS[SPANS.length - 1];
  const span =
    SPANS.find(
      ({ from, to }) =>
        compareVersions(from, allowed.min) <= 0 &&
        compareVersions(allowed.min, to) <= 0,
    ) ?? (compareVersions(allowed.min, last.to) > 0 ? last : undefined);
  const within =
    span === last ||
    (span !== undefined &&
      allowed.max !== undefined &&
      compareVersions(allowed.max, span.to) <= 0);
  return span && within
    ? span.runtime
    : new Unknown(
        `default runtime of a CallbackFunction of @pulumi/aws ${range}`,
      );
}

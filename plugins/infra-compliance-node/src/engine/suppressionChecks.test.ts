/**
 * SUP-001's checks: one per thing suppressions are written on (a resource,
 * an output, a Terraform module call), failed by any of them written wrong;
 * so that suppressions added to what holds one raise no score, while each
 * suppression written wrong is still its own finding.
 */
import { scanFiles, selectRules } from './scan';

/** A function whose role allows every action on every resource (IAM-001), beside a queue. */
function template(fnSuppressions: string[], queueSuppressions: string[] = []) {
  const metadata = (suppressions: string[]) =>
    suppressions.length === 0
      ? ''
      : `    Metadata:
      infra-compliance:
        suppress:
${suppressions.join('\n')}
`;
  return `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: '*'
                Resource: '*'
  Fn:
    Type: AWS::Lambda::Function
${metadata(fnSuppressions)}    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
  Queue:
    Type: AWS::SQS::Queue
${metadata(queueSuppressions)}    Properties:
      SqsManagedSseEnabled: true
`;
}

/** A well-written suppression of a rule that finds nothing on the function (unused), the `n`th. */
const unused = (n: number) =>
  `          - id: IAM-001\n            reason: reviewed, number ${n}`;

function scan(text: string) {
  const report = scanFiles([{ path: 'template.yaml', text }], selectRules());
  expect(report.findings.filter(f => f.ruleId === 'PARSE-001')).toEqual([]);
  return report;
}

const suppressionChecks = (report: ReturnType<typeof scan>) =>
  report.checks
    .filter(check => check.ruleId === 'SUP-001')
    .map(({ subject, label, passed }) => ({
      subject,
      ...(label === undefined ? {} : { label }),
      passed,
    }));

describe("SUP-001's checks", () => {
  it('counts the suppressions of one resource as one check: a hundred unused ones score as one does', () => {
    const one = scan(template([unused(1)]));
    const many = scan(
      template(Array.from({ length: 100 }, (_, index) => unused(index + 1))),
    );
    expect(many.unusedSuppressions).toHaveLength(100);
    // The same findings, at lines the suppressions moved.
    const found = (report: ReturnType<typeof scan>) =>
      report.findings.map(f => [f.ruleId, f.resourceId, f.fingerprint]);
    expect(found(many)).toEqual(found(one));
    expect(many.scorecard).toEqual(one.scorecard);
    expect(suppressionChecks(many)).toEqual([{ subject: 'Fn', passed: true }]);
    // PARSE-001's check of the file, and SUP-001's of the function.
    expect(many.scorecard.categories.parsing).toMatchObject({
      passed: 2,
      failed: 0,
    });
  });

  it('fails the one check of a resource where one of its suppressions is written wrong, each still its own finding', () => {
    const report = scan(
      template([
        unused(1),
        '          - id: IAM-001',
        unused(2),
        '          - id: IAM-0001\n            reason: a typo',
        unused(3),
      ]),
    );
    expect(
      report.findings
        .filter(f => f.ruleId === 'SUP-001')
        .map(f => [f.resourceId, f.line, f.message]),
    ).toEqual([
      [
        'Fn',
        24,
        'The suppression on Fn of IAM-001 gives no reason, so it is not applied.',
      ],
      [
        'Fn',
        27,
        'The suppression on Fn names IAM-0001, which is not a rule of the catalog, so it is not applied.',
      ],
    ]);
    expect(suppressionChecks(report)).toEqual([
      { subject: 'Fn', passed: false },
    ]);
    // Scored as the one suppression written wrong alone: the file parses (PARSE-001 passes), its one holder fails.
    expect(report.scorecard).toEqual(
      scan(template(['          - id: IAM-001'])).scorecard,
    );
    expect(report.scorecard.categories.parsing).toMatchObject({
      passed: 1,
      failed: 1,
    });
  });

  it('counts one check for each thing suppressions are written on: a resource, another, an output', () => {
    const text = `${template(
      [unused(1), '          - id: IAM-001', unused(2)],
      [unused(3), unused(4), unused(5)],
    )}Outputs:
  # infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account
  # infra-compliance:suppress=OPS-007:exported by the platform team
  Alerts:
    Value: arn:aws:sns:us-east-1:123456789012:alerts
`;
    const report = scan(text);
    expect(
      report.findings
        .filter(f => f.ruleId === 'SUP-001')
        .map(f => [f.resourceId, f.line]),
    ).toEqual([['Fn', 24]]);
    expect(suppressionChecks(report)).toEqual([
      { subject: 'Fn', passed: false },
      { subject: 'Queue', passed: true },
      { subject: 'Outputs.Alerts', passed: true },
    ]);
    // With PARSE-001's check of the file.
    expect(report.scorecard.categories.parsing).toMatchObject({
      passed: 3,
      failed: 1,
    });
  });
});

import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles } from '../../engine/scan';
import dlq001 from '../../rules/dlq/DLQ-001';
import { defineRule } from '../../rules/types';
import { commentSuppressions, metadataSuppressions } from './suppressions';
import { parseYaml } from '../../documents/parseYaml';

/** DLQ-001 fails a bare function: nothing triggers it and it has no dead-letter target. */
function scan(text: string, filename = 'template.yaml') {
  const result = scanFiles([{ path: filename, text }], [dlq001]);
  expect(result.findings.filter(f => f.ruleId === 'PARSE-001')).toEqual([]);
  return result;
}

const summary = (findings: Finding[]) =>
  findings.map(f => ({
    ruleId: f.ruleId,
    resourceId: f.resourceId,
    line: f.line,
    ...(f.suppressed ? { suppressed: f.suppressed.reason } : {}),
  }));

describe('Metadata suppressions', () => {
  it('marks the finding suppressed with its reason (YAML), and the check passes', () => {
    const result = scan(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
            reason: invoked synchronously by a person from the console
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 3,
        suppressed: 'invoked synchronously by a person from the console',
      },
    ]);
    expect(result.findings[0].suppressed).toEqual({
      kind: 'inline',
      reason: 'invoked synchronously by a person from the console',
    });
    expect(result.scorecard.categories.dlq).toEqual({
      score: 100,
      passed: 1,
      failed: 0,
    });
    // The suppression itself is well-formed: SUP-001 passes.
    expect(result.checks.filter(c => c.ruleId === 'SUP-001')).toEqual([
      {
        ruleId: 'SUP-001',
        category: 'parsing',
        severity: 'low',
        passed: true,
        file: 'template.yaml',
        subject: 'Fn',
      },
    ]);
  });

  it('marks the finding suppressed with its reason (JSON)', () => {
    const result = scan(
      `{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Metadata": {
        "infra-compliance": {
          "suppress": [{ "id": "DLQ-001", "reason": "one-off migration function" }]
        }
      },
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x" }
    }
  }
}
`,
      'template.json',
    );
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 3,
        suppressed: 'one-off migration function',
      },
    ]);
    expect(result.scorecard.categories.dlq).toEqual({
      score: 100,
      passed: 1,
      failed: 0,
    });
  });

  it('does not suppress other rules or other resources', () => {
    const result = scan(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-002
            reason: not this rule
  Other:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'DLQ-001', resourceId: 'Other', line: 10 },
    ]);
    expect(result.scorecard.categories.dlq).toEqual({
      score: 0,
      passed: 0,
      failed: 2,
    });
  });

  it('reports a suppression without a reason (SUP-001) and does not honour it', () => {
    const result = scan(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
          - id: DLQ-001
            reason: "   "
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 8 },
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 9 },
    ]);
    expect(result.findings[1].message).toBe(
      'The suppression on Fn of DLQ-001 gives no reason, so it is not applied.',
    );
    expect(result.scorecard.categories.dlq).toEqual({
      score: 0,
      passed: 0,
      failed: 1,
    });
    // One check of the resource both are written on.
    expect(
      result.checks.filter(c => c.ruleId === 'SUP-001').map(c => c.passed),
    ).toEqual([false]);
  });

  it('reviews the suppressions of a resource the stack never deploys (a Condition always false), which no rule judges', () => {
    const result = scan(`
Conditions:
  Never: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Condition: Never
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
          - id: DLQ-002
            reason: kept for the migration
  # infra-compliance:suppress=DLQ-003
  Unused:
    Type: AWS::Lambda::Function
    Condition: Never
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 11 },
      { ruleId: 'SUP-001', resourceId: 'Unused', line: 14 },
    ]);
    expect(
      result.checks.filter(c => c.ruleId === 'SUP-001').map(c => c.passed),
    ).toEqual([false, false]);
  });

  it('reports a suppression naming a rule that does not exist (SUP-001) and does not honour it', () => {
    const result = scan(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-0001
            reason: a typo
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 8 },
    ]);
    expect(result.findings[1].message).toBe(
      'The suppression on Fn names DLQ-0001, which is not a rule of the catalog, so it is not applied.',
    );
  });

  it('reports a suppress that is not a list (SUP-001) and does not honour it', () => {
    const result = scan(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          id: DLQ-001
          reason: invoked only by a person
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 7 },
    ]);
    expect(result.findings[1].message).toBe(
      'The suppression on Fn is not written as a list of { id, reason }, so it is not applied.',
    );
  });

  it('reports a suppression naming no rule (SUP-001) as such', () => {
    const result = scan(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - rule: DLQ-001
            reason: the key is id, not rule
`);
    expect(result.findings.map(f => f.message)).toEqual([
      expect.stringContaining('Function Fn'),
      'The suppression on Fn gives no rule id, so it is not applied.',
    ]);
  });
});

describe('comment suppressions', () => {
  it('applies a comment directly above the resource', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001:invoked only by a person
  Fn:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 4,
        suppressed: 'invoked only by a person',
      },
    ]);
    expect(result.scorecard.categories.dlq).toEqual({
      score: 100,
      passed: 1,
      failed: 0,
    });
  });

  it('applies a comment on the resource line', () => {
    const result = scan(`
Resources:
  Fn: # infra-compliance:suppress=DLQ-001:invoked only by a person
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 3,
        suppressed: 'invoked only by a person',
      },
    ]);
  });

  it('reads the whole comment block above the resource', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001:invoked only by a person
  # Some other remark about the function.
  # infra-compliance:suppress=LOG-003:tracing costs too much here
  Fn:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 6,
        suppressed: 'invoked only by a person',
      },
    ]);
  });

  it('ignores a comment separated from the resource by a blank line or another key', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001:far away

  Fn:
    Type: AWS::Lambda::Function
  Other:
    # infra-compliance:suppress=DLQ-001:inside the resource, not above it
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 5 },
      { ruleId: 'DLQ-001', resourceId: 'Other', line: 7 },
    ]);
  });

  it('does not take text in a block scalar right above the resource for a comment', () => {
    const result = scan(`
Resources:
  Setup:
    Type: AWS::SSM::Document
    Properties:
      Content: |
        # infra-compliance:suppress=DLQ-001:the document's text
  Fn:
    Type: AWS::Lambda::Function
  Other:
    Type: AWS::SSM::Document
    Properties:
      Content: >-
        text
    # infra-compliance:suppress=DLQ-001:invoked by a person from the console
  Job:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 8 },
      {
        ruleId: 'DLQ-001',
        resourceId: 'Job',
        line: 16,
        suppressed: 'invoked by a person from the console',
      },
    ]);
  });

  it('reports a comment without a reason (SUP-001) and does not honour it', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001
  Fn:
    Type: AWS::Lambda::Function
  Other: # infra-compliance:suppress=DLQ-001:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 4 },
      { ruleId: 'DLQ-001', resourceId: 'Other', line: 6 },
      { ruleId: 'SUP-001', resourceId: 'Other', line: 6 },
    ]);
  });

  it('reports a comment naming an unknown rule (SUP-001) and does not honour it', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DQL-001:typo in the id
  Fn:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 4 },
    ]);
  });

  it('reports a comment that carries the marker but is not written RULE-ID:reason (SUP-001), and does not honour it', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001 invoked only by a person
  Fn:
    Type: AWS::Lambda::Function
  Other: # infra-compliance:suppress DLQ-001:invoked only by a person
    Type: AWS::Lambda::Function
  # infra-compliance:suppressions are reviewed by the platform team
  Third:
    Type: AWS::Lambda::Function
`);
    expect(summary(result.findings)).toEqual([
      { ruleId: 'SUP-001', resourceId: 'Fn', line: 3 },
      { ruleId: 'DLQ-001', resourceId: 'Fn', line: 4 },
      { ruleId: 'DLQ-001', resourceId: 'Other', line: 6 },
      { ruleId: 'SUP-001', resourceId: 'Other', line: 6 },
      { ruleId: 'DLQ-001', resourceId: 'Third', line: 9 },
    ]);
    expect(result.findings[0].message).toBe(
      'The suppression on Fn is not written infra-compliance:suppress=<RULE-ID>:<reason>, so it is not applied.',
    );
  });

  it('reads a rule id in lower case or with spaces around it, as the command line does', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=dlq-001:invoked only by a person
  Fn:
    Type: AWS::Lambda::Function
  Other:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: ' dlq-001 '
            reason: invoked only by a person
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 4,
        suppressed: 'invoked only by a person',
      },
      {
        ruleId: 'DLQ-001',
        resourceId: 'Other',
        line: 6,
        suppressed: 'invoked only by a person',
      },
    ]);
  });

  it('works in a file with CRLF line ends', () => {
    const result = scan(
      '\r\nResources:\r\n  # infra-compliance:suppress=DLQ-001:invoked only by a person\r\n  Fn:\r\n    Type: AWS::Lambda::Function\r\n',
    );
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 4,
        suppressed: 'invoked only by a person',
      },
    ]);
  });
});

describe('several suppressions of one rule on one resource', () => {
  it('gives every reason, each once, and reports none of them (each is well-formed)', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001:invoked only by a person
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
            reason: one-off migration function
          - id: dlq-001
            reason: invoked only by a person
          - id: DLQ-001
            reason: retired next quarter
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 4,
        suppressed:
          'one-off migration function; invoked only by a person; retired next quarter',
      },
    ]);
    expect(
      result.checks
        .filter(c => c.ruleId === 'SUP-001')
        .map(c => [c.subject, c.passed]),
    ).toEqual([['Fn', true]]);
  });
  it('gives a reason written twice once, whatever its case or spacing', () => {
    const result = scan(`
Resources:
  # infra-compliance:suppress=DLQ-001:Invoked only by a person
  Fn:
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
            reason: |
              invoked only
              by  a person
          - id: DLQ-001
            reason: retired; next quarter
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`);
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'DLQ-001',
        resourceId: 'Fn',
        line: 4,
        suppressed: 'invoked only\nby  a person; retired; next quarter',
      },
    ]);
  });
});

describe('suppressions on SAM resources', () => {
  // Reports on the role SAM generates for a function.
  const onGeneratedRole = defineRule('IAM-007', ({ graph, report }) => {
    for (const role of graph.ofType('AWS::IAM::Role')) {
      if (role.generatedBy)
        report(role, { message: `Role ${role.id} is generated.` });
    }
  });

  it('apply to the resources SAM generates for the function, shown as the function', () => {
    const result = scanFiles(
      [
        {
          path: 'template.yaml',
          text: `
Transform: AWS::Serverless-2016-10-31
Resources:
  # infra-compliance:suppress=IAM-007:the generated role is fine
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
`,
        },
      ],
      [onGeneratedRole],
    );
    expect(summary(result.findings)).toEqual([
      {
        ruleId: 'IAM-007',
        resourceId: 'Fn',
        line: 5,
        suppressed: 'the generated role is fine',
      },
    ]);
    expect(result.findings[0].resourceType).toBe('AWS::Serverless::Function');
    // One SUP-001 check of the function the suppression is written on, although two resources carry it.
    expect(result.checks.filter(c => c.ruleId === 'SUP-001')).toHaveLength(1);
  });
});

describe('metadataSuppressions / commentSuppressions', () => {
  it('reads the Metadata list with the line of each entry', () => {
    const doc = parseYaml(`
Fn:
  Type: AWS::Lambda::Function
  Metadata:
    infra-compliance:
      suppress:
        - id: IAM-003
          reason: " X-Ray needs * "
        - { id: DLQ-001 }
        - reason: no id
        - id: LOG-002
          reason: 14
`) as any;
    expect(metadataSuppressions(doc.Fn, 2)).toEqual([
      { ruleId: 'IAM-003', reason: 'X-Ray needs *', line: 7 },
      { ruleId: 'DLQ-001', reason: undefined, line: 9 },
      { ruleId: '', reason: 'no id', line: 10 },
      // A reason that is not text is told apart from none.
      { ruleId: 'LOG-002', line: 11, malformed: 'with a reason that is text' },
    ]);
    expect(metadataSuppressions({ Type: 'X' }, 2)).toEqual([]);
  });

  it('reads comments on the resource line and in the block right above', () => {
    const lines = [
      'Resources:',
      '  # infra-compliance:suppress=ENC-001:managed key is enough',
      '  #infra-compliance:suppress=LOG-002',
      '  Queue: # infra-compliance:suppress=OPS-003:tags come from the pipeline',
      '    Type: AWS::SQS::Queue',
    ];
    expect(commentSuppressions(lines, 4)).toEqual([
      { ruleId: 'OPS-003', reason: 'tags come from the pipeline', line: 4 },
      { ruleId: 'LOG-002', reason: undefined, line: 3 },
      { ruleId: 'ENC-001', reason: 'managed key is enough', line: 2 },
    ]);
  });

  it('reads the comments above each resource of a long template in time linear in its lines', () => {
    // Telling a comment from a block scalar's text looks up the line above indented less, `Resources:` here:
    // walked up to for each resource, the scan of 30,000 resources would take minutes.
    const count = 30000;
    const lines = ['Resources:'];
    for (let index = 0; index < count; index++)
      lines.push(
        '  # infra-compliance:suppress=ENC-003:holds no data',
        `  Queue${index}:`,
        '    Type: AWS::SQS::Queue',
      );
    const found = [];
    const started = performance.now();
    for (let index = 0; index < count; index++)
      found.push(...commentSuppressions(lines, 3 + 3 * index));
    // Well under a second; a minute and more, walking up for each.
    expect(performance.now() - started).toBeLessThan(10000);
    expect(found).toHaveLength(count);
    expect(found[count - 1]).toEqual({
      ruleId: 'ENC-003',
      reason: 'holds no data',
      line: 3 * count - 1,
    });
  });
});

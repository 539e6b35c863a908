/**
 * Suppressions of findings on stack outputs (OPS-002 names the output,
 * `Outputs.<name>` / `output.<name>`): the comment form of each format, on
 * the output's line or right above it, and SUP-001's review of them.
 */
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles, selectRules } from './scan';
import {
  cdkStackSource,
  scanCdkStack,
  scanPulumiProgram,
} from '../testing/programScans';

const RULES = ['OPS-002'];

/** `[rule, resource, line, what]`: what is a suppressed finding's reason, a SUP-001 finding's message. */
const summary = (findings: Finding[]) =>
  findings.map(f => [
    f.ruleId,
    f.resourceId,
    f.line,
    f.suppressed?.reason ?? (f.ruleId === 'SUP-001' ? f.message : undefined),
  ]);

const HARDCODED = 'arn:aws:sns:us-east-1:123456789012:alerts';

describe('suppressing a finding on a stack output', () => {
  describe('CloudFormation YAML', () => {
    const scan = (comments: string, inline = '') =>
      scanFiles(
        [
          {
            path: 'template.yaml',
            text: `Resources:
  T:
    Type: AWS::SNS::Topic
Outputs:
${comments}  Out:${inline}
    Value: ${HARDCODED}
`,
          },
        ],
        selectRules(RULES),
      );

    it('honours a comment above the output, keeps the finding marked suppressed and passes its check', () => {
      const report = scan(
        '  # infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account\n',
      );
      expect(summary(report.findings)).toEqual([
        [
          'OPS-002',
          'Outputs.Out',
          7,
          'the alerts topic lives in the shared account',
        ],
      ]);
      expect(report.findings[0].suppressed).toEqual({
        kind: 'inline',
        reason: 'the alerts topic lives in the shared account',
      });
      expect(
        report.checks.filter(c => c.ruleId === 'OPS-002').map(c => c.passed),
      ).toEqual([true]);
      expect(
        report.checks.filter(c => c.ruleId === 'SUP-001').map(c => c.passed),
      ).toEqual([true]);
    });

    it("honours a comment on the output's line", () => {
      const report = scan(
        '',
        ' # infra-compliance:suppress=OPS-002:shared account',
      );
      expect(summary(report.findings)).toEqual([
        ['OPS-002', 'Outputs.Out', 6, 'shared account'],
      ]);
    });

    it('reports a suppression with no reason or of an unknown rule on the output (SUP-001), and does not apply it', () => {
      const report = scan(
        '  # infra-compliance:suppress=OPS-002\n  # infra-compliance:suppress=OPS-999:typo\n',
      );
      expect(summary(report.findings)).toEqual([
        [
          'SUP-001',
          'Outputs.Out',
          5,
          'The suppression on Outputs.Out of OPS-002 gives no reason, so it is not applied.',
        ],
        [
          'SUP-001',
          'Outputs.Out',
          6,
          'The suppression on Outputs.Out names OPS-999, which is not a rule of the catalog, so it is not applied.',
        ],
        ['OPS-002', 'Outputs.Out', 8, undefined],
      ]);
      expect(
        report.findings
          .filter(f => f.ruleId === 'SUP-001')
          .map(f => f.resourceType),
      ).toEqual(['AWS::CloudFormation::Output', 'AWS::CloudFormation::Output']);
    });

    it("leaves the resource above the outputs and its suppressions apart: a resource's suppression does not reach an output", () => {
      const report = scanFiles(
        [
          {
            path: 'template.yaml',
            text: `Resources:
  # infra-compliance:suppress=OPS-002:the topic's own text
  T:
    Type: AWS::SNS::Topic
Outputs:
  Out:
    Value: ${HARDCODED}
`,
          },
        ],
        selectRules(RULES),
      );
      expect(summary(report.findings)).toEqual([
        ['OPS-002', 'Outputs.Out', 7, undefined],
      ]);
    });
  });

  it('reviews the suppressions of an output the stack never exports (a Condition always false)', () => {
    const report = scanFiles(
      [
        {
          path: 'template.yaml',
          text: `Conditions:
  Never: !Equals [a, b]
Resources:
  T:
    Type: AWS::SNS::Topic
Outputs:
  # infra-compliance:suppress=OPS-002
  Out:
    Condition: Never
    Value: ${HARDCODED}
`,
        },
      ],
      selectRules(RULES),
    );
    expect(summary(report.findings)).toEqual([
      [
        'SUP-001',
        'Outputs.Out',
        7,
        'The suppression on Outputs.Out of OPS-002 gives no reason, so it is not applied.',
      ],
    ]);
  });

  describe('Terraform', () => {
    const scan = (comments: string) =>
      scanFiles(
        [
          {
            path: 'svc/main.tf',
            text: 'resource "aws_sns_topic" "t" {\n  name = "alerts"\n}\n',
          },
          {
            path: 'svc/outputs.tf',
            text: `${comments}output "out" {\n  value = "${HARDCODED}"\n}\n`,
          },
        ],
        selectRules(RULES),
      );

    it('honours a comment above the output block', () => {
      const report = scan(
        '# infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account\n',
      );
      expect(summary(report.findings)).toEqual([
        [
          'OPS-002',
          'output.out',
          3,
          'the alerts topic lives in the shared account',
        ],
      ]);
      expect(report.findings[0].file).toBe('svc/outputs.tf');
      expect(
        report.checks
          .filter(c => c.ruleId === 'OPS-002')
          .map(c => [c.file, c.passed]),
      ).toEqual([['svc/outputs.tf', true]]);
    });

    it('reports a suppression with no reason or of an unknown rule on the output block (SUP-001)', () => {
      const report = scan(
        '# infra-compliance:suppress=OPS-002\n# infra-compliance:suppress=OPS-999:typo\n',
      );
      expect(summary(report.findings)).toEqual([
        [
          'SUP-001',
          'output.out',
          1,
          'The suppression on output.out of OPS-002 gives no reason, so it is not applied.',
        ],
        [
          'SUP-001',
          'output.out',
          2,
          'The suppression on output.out names OPS-999, which is not a rule of the catalog, so it is not applied.',
        ],
        ['OPS-002', 'output.out', 4, undefined],
      ]);
      expect(
        report.findings
          .filter(f => f.ruleId === 'SUP-001')
          .map(f => [f.file, f.resourceType]),
      ).toEqual([
        ['svc/outputs.tf', 'output'],
        ['svc/outputs.tf', 'output'],
      ]);
    });
  });

  describe('Pulumi', () => {
    const program = (comments: string) => `import * as aws from '@pulumi/aws';
const t = new aws.sns.Topic('t', {});
${comments}export const out = '${HARDCODED}';
`;

    it('honours a comment above the export', () => {
      const findings = scanPulumiProgram(
        program(
          '// infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account\n',
        ),
        RULES,
      );
      expect(summary(findings)).toEqual([
        [
          'OPS-002',
          'Outputs.out',
          4,
          'the alerts topic lives in the shared account',
        ],
      ]);
    });

    it('reports a suppression with no reason or of an unknown rule on the export (SUP-001)', () => {
      const findings = scanPulumiProgram(
        program(
          '// infra-compliance:suppress=OPS-002\n// infra-compliance:suppress=OPS-999:typo\n',
        ),
        RULES,
      );
      expect(summary(findings)).toEqual([
        [
          'SUP-001',
          'Outputs.out',
          3,
          'The suppression on Outputs.out of OPS-002 gives no reason, so it is not applied.',
        ],
        [
          'SUP-001',
          'Outputs.out',
          4,
          'The suppression on Outputs.out names OPS-999, which is not a rule of the catalog, so it is not applied.',
        ],
        ['OPS-002', 'Outputs.out', 5, undefined],
      ]);
    });

    it('honours a comment above an output of a YAML program', () => {
      const report = scanFiles(
        [
          {
            path: 'app/Pulumi.yaml',
            text: `name: demo
runtime: yaml
resources:
  t:
    type: aws:sns:Topic
outputs:
  # infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account
  out: ${HARDCODED}
`,
          },
        ],
        selectRules(RULES),
      );
      expect(summary(report.findings)).toEqual([
        [
          'OPS-002',
          'Outputs.out',
          8,
          'the alerts topic lives in the shared account',
        ],
      ]);
    });
  });

  describe('CDK', () => {
    const stack = (comments: string) =>
      cdkStackSource(
        `import * as cdk from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';`,
        `    new sns.Topic(this, 'T');
${comments}    new cdk.CfnOutput(this, 'Out', { value: '${HARDCODED}' });`,
      );

    it('honours a comment above new CfnOutput', () => {
      const findings = scanCdkStack(
        stack(
          '    // infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account\n',
        ),
        RULES,
      );
      expect(summary(findings)).toEqual([
        [
          'OPS-002',
          'Outputs.Out',
          9,
          'the alerts topic lives in the shared account',
        ],
      ]);
    });

    it('reports a suppression with no reason or of an unknown rule on the output (SUP-001)', () => {
      const findings = scanCdkStack(
        stack(
          '    // infra-compliance:suppress=OPS-002\n    // infra-compliance:suppress=OPS-999:typo\n',
        ),
        RULES,
      );
      expect(summary(findings)).toEqual([
        [
          'SUP-001',
          'Outputs.Out',
          8,
          'The suppression on Outputs.Out of OPS-002 gives no reason, so it is not applied.',
        ],
        [
          'SUP-001',
          'Outputs.Out',
          9,
          'The suppression on Outputs.Out names OPS-999, which is not a rule of the catalog, so it is not applied.',
        ],
        ['OPS-002', 'Outputs.Out', 10, undefined],
      ]);
    });
  });
});

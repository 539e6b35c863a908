import { toJsonReport } from './json';
import { sampleReport } from './__testUtils__/report';

describe('toJsonReport', () => {
  it('keeps the report fields of DESIGN.md and drops checks and timing', () => {
    const report = toJsonReport(sampleReport());
    expect(Object.keys(report)).toEqual([
      'version',
      'files',
      'skipped',
      'findings',
      'scorecard',
    ]);
    expect(report).not.toHaveProperty('checks');
    expect(report).not.toHaveProperty('durationMs');
    expect(report.skipped).toEqual([
      { path: 'big.json', reason: 'larger than 20971520 bytes' },
    ]);
    expect(report.scorecard.categories.dlq).toEqual({
      score: 50,
      passed: 1,
      failed: 1,
    });
  });

  it('writes unused suppressions, each with its four fields only, after the findings, where the scan gives them', () => {
    const input = {
      ...sampleReport(),
      unusedSuppressions: [
        {
          file: 'template.yaml',
          line: 7,
          resourceId: 'Queue',
          ruleId: 'ENC-003',
          internal: 'not for the report',
        },
      ],
    };
    const report = toJsonReport(input);
    expect(Object.keys(report)).toEqual([
      'version',
      'files',
      'skipped',
      'findings',
      'unusedSuppressions',
      'scorecard',
    ]);
    expect(report.unusedSuppressions).toEqual([
      {
        file: 'template.yaml',
        line: 7,
        resourceId: 'Queue',
        ruleId: 'ENC-003',
      },
    ]);
  });

  it('writes findings with a fixed set of fields in a fixed order', () => {
    const input = sampleReport();
    (input.findings[0] as any).internal = 'not for the report';
    const [first, , suppressed] = toJsonReport(input).findings;
    expect(Object.keys(first)).toEqual([
      'ruleId',
      'severity',
      'category',
      'file',
      'line',
      'resourceId',
      'resourceType',
      'property',
      'message',
      'remediation',
      'fingerprint',
      'confidence',
      'format',
    ]);
    expect(suppressed.suppressed).toEqual({
      kind: 'inline',
      reason: 'legal hold',
    });
  });

  it('writes the optional fields of a finding each in its place', () => {
    const input = sampleReport();
    Object.assign(input.findings[0], {
      generatedResourceId: 'ApiFunctionRole',
      suppressed: { kind: 'inline', reason: 'legal hold' },
      baselineState: 'new',
    });
    expect(Object.keys(toJsonReport(input).findings[0])).toEqual([
      'ruleId',
      'severity',
      'category',
      'file',
      'line',
      'resourceId',
      'generatedResourceId',
      'resourceType',
      'property',
      'message',
      'remediation',
      'fingerprint',
      'confidence',
      'format',
      'suppressed',
      'baselineState',
    ]);
  });

  it('writes the programs a scan ran after the skipped files, and none for a report without them', () => {
    const report = toJsonReport({
      ...sampleReport(),
      programs: [
        {
          format: 'cdk',
          project: 'cdk.json',
          main: 'bin/app.ts',
          files: ['bin/app.ts', 'lib/stack.ts'],
          partlyRead: true,
          internal: 'not for the report',
        } as any,
        {
          format: 'pulumi',
          project: 'Pulumi.yaml',
          main: 'index.ts',
          files: ['index.ts'],
        },
      ],
    });
    expect(Object.keys(report)).toEqual([
      'version',
      'files',
      'skipped',
      'programs',
      'findings',
      'scorecard',
    ]);
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'cdk.json',
        main: 'bin/app.ts',
        files: ['bin/app.ts', 'lib/stack.ts'],
        partlyRead: true,
      },
      {
        format: 'pulumi',
        project: 'Pulumi.yaml',
        main: 'index.ts',
        files: ['index.ts'],
      },
    ]);
  });

  it('round-trips through JSON unchanged', () => {
    const report = toJsonReport(sampleReport());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

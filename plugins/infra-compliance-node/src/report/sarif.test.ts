import { RULE_CATALOG } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import packageJson from '../../package.json';
import {
  SARIF_FINGERPRINT_KEY,
  githubSarifLimitWarnings,
  toSarif,
} from './sarif';
import { validateSarif } from './__testUtils__/sarifSchema';
import { finding, sampleReport } from './__testUtils__/report';

describe('toSarif', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(validateSarif(toSarif(sampleReport()))).toEqual([]);
    expect(
      validateSarif(
        toSarif(sampleReport(), {
          srcRoot: '/tmp/my repo',
          rules: ['DLQ-001'],
        }),
      ),
    ).toEqual([]);
    const empty = { ...sampleReport(), findings: [], skipped: [] };
    expect(validateSarif(toSarif(empty))).toEqual([]);
  });

  it('the validator rejects a broken log (so the test above means something)', () => {
    const log = toSarif(sampleReport()) as any;
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    expect(validateSarif(log).length).toBeGreaterThan(0);
  });

  it('describes the tool and every rule of the catalog by default', () => {
    const log = toSarif(sampleReport());
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('infra-compliance');
    expect(driver.version).toBe(packageJson.version);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map(rule => rule.id)).toEqual(
      RULE_CATALOG.map(rule => rule.id),
    );
    expect(log.runs[0].invocations).toEqual([
      expect.objectContaining({ executionSuccessful: true }),
    ]);
  });

  it('writes each rule with its metadata, level, tags and security severity', () => {
    const rules = toSarif(sampleReport()).runs[0].tool.driver.rules;
    const dlq = rules.find(rule => rule.id === 'DLQ-001')!;
    const meta = RULE_CATALOG.find(rule => rule.id === 'DLQ-001')!;
    expect(dlq.name).toBe('AsynchronouslyInvokedFunctionHasNoDeadLetterTarget');
    expect(dlq.shortDescription.text).toBe(meta.title);
    expect(dlq.fullDescription.text).toBe(meta.rationale);
    expect(dlq.help.text).toContain(meta.remediation.summary);
    expect(dlq.help.text).toContain(meta.remediation.snippets.cloudformation);
    expect(dlq.help.markdown).toContain('```yaml\n');
    expect(dlq.help.markdown).toContain(
      meta.remediation.snippets.cloudformation,
    );
    expect(dlq.defaultConfiguration.level).toBe('error');
    // GitHub shows security-severity only for rules tagged "security".
    expect(dlq.properties.tags).toEqual(['security', 'dlq']);
    const level = (id: string) => rules.find(rule => rule.id === id)!;
    expect(
      [
        level('IAM-004'),
        level('DLQ-001'),
        level('LOG-002'),
        level('OPS-003'),
      ].map(r => [
        r.defaultConfiguration.level,
        r.properties['security-severity'],
      ]),
    ).toEqual([
      ['error', '9.5'],
      ['error', '8.0'],
      ['warning', '5.5'],
      ['note', '3.0'],
    ]);
  });

  it('writes one result per finding, pointing at its rule, file and line', () => {
    const report = sampleReport();
    const run = toSarif(report).runs[0];
    expect(run.results).toHaveLength(report.findings.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
    const [iam, dlq, log, ops, parse] = run.results;
    expect(iam).toEqual({
      ruleId: 'IAM-004',
      ruleIndex: expect.any(Number),
      level: 'error',
      message: { text: 'IAM-004 failed on OrderProcessor.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'template.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 42 },
          },
          logicalLocations: [{ name: 'OrderProcessor', kind: 'resource' }],
        },
      ],
      partialFingerprints: {
        [SARIF_FINGERPRINT_KEY]: report.findings[0].fingerprint,
      },
      properties: {
        resourceId: 'OrderProcessor',
        resourceType: 'AWS::Lambda::Function',
        property: 'Environment.Variables.TOPIC_ARN',
        category: 'iam',
        severity: 'critical',
        confidence: 'high',
        format: 'cloudformation',
      },
    });
    expect(dlq.level).toBe('error');
    expect(dlq.properties.generatedResourceId).toBeUndefined();
    expect(ops.level).toBe('note');
    expect(ops.properties.confidence).toBe('partial');
    expect(log.level).toBe('warning');
    expect(log.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'infra/logs%20stack.yaml',
    );
    expect(log.suppressions).toEqual([
      { kind: 'inSource', justification: 'legal hold' },
    ]);
    expect(dlq.suppressions).toBeUndefined();
    expect(parse.ruleId).toBe('PARSE-001');
    expect(parse.locations[0].physicalLocation.region).toEqual({
      startLine: 5,
    });
    expect(parse.locations[0].logicalLocations).toBeUndefined();
    expect(parse.properties).not.toHaveProperty('resourceId');
  });

  it('names the generated resource a finding is about in its properties', () => {
    const report = sampleReport();
    report.findings = [
      finding('DLQ-005', {
        resourceId: 'Fn',
        generatedResourceId: 'FnMessages',
      }),
    ];
    const [result] = toSarif(report).runs[0].results;
    expect(result.properties).toMatchObject({
      resourceId: 'Fn',
      generatedResourceId: 'FnMessages',
    });
    expect(validateSarif(toSarif(report))).toEqual([]);
  });

  it('lists the rules that ran, plus any rule with a result, in catalog order', () => {
    const rules = toSarif(sampleReport(), { rules: ['DLQ-001', 'ALM-001'] })
      .runs[0].tool.driver.rules;
    expect(rules.map(rule => rule.id)).toEqual([
      'DLQ-001',
      'ALM-001',
      'IAM-004',
      'LOG-002',
      'OPS-003',
      'PARSE-001',
    ]);
  });

  it('writes %SRCROOT% as a directory URI and skipped files as notifications', () => {
    const run = toSarif(sampleReport(), { srcRoot: '/tmp/my repo' }).runs[0];
    expect(run.originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///tmp/my%20repo/' },
    });
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'note',
        message: { text: 'Skipped big.json: larger than 20971520 bytes' },
      }),
    ]);
    expect(toSarif(sampleReport()).runs[0].originalUriBaseIds).toBeUndefined();
  });

  it('names files from the repository root the scanned directory is in', () => {
    const run = toSarif(sampleReport(), {
      srcRoot: '/repo/infra/orders',
      repositoryRoot: '/repo',
    }).runs[0];
    expect(run.originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///repo/' },
    });
    expect(
      new Set(
        run.results.map(
          r => r.locations[0].physicalLocation.artifactLocation.uri,
        ),
      ),
    ).toEqual(
      new Set([
        'infra/orders/template.yaml',
        'infra/orders/infra/logs%20stack.yaml',
        'infra/orders/broken.yaml',
      ]),
    );
    expect(run.invocations[0].toolExecutionNotifications![0].locations).toEqual(
      [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'infra/orders/big.json',
              uriBaseId: '%SRCROOT%',
            },
          },
        },
      ],
    );
  });

  it('counts the skipped files past those the report lists, after them', () => {
    const notes = (filesNotListed?: number) =>
      toSarif(sampleReport(), {
        filesNotListed,
      }).runs[0].invocations[0].toolExecutionNotifications!.map(
        note => note.message.text,
      );
    expect(notes(1)).toEqual([
      'Skipped big.json: larger than 20971520 bytes',
      '… and 1 more file skipped',
    ]);
    expect(notes(250)).toEqual([
      'Skipped big.json: larger than 20971520 bytes',
      '… and 250 more files skipped',
    ]);
    expect(notes(0)).toEqual(['Skipped big.json: larger than 20971520 bytes']);
    expect(
      validateSarif(toSarif(sampleReport(), { filesNotListed: 2 })),
    ).toEqual([]);
  });

  it('writes a root that is not a local directory as given, valid either way', () => {
    const byUrl = toSarif(sampleReport(), {
      srcRootLocation: { uri: 'https://github.com/acme/infra/tree/main/' },
    });
    expect(byUrl.runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'https://github.com/acme/infra/tree/main/' },
    });
    expect(validateSarif(byUrl)).toEqual([]);

    const described = toSarif(sampleReport(), {
      srcRootLocation: { description: { text: 'The root of dir:infra' } },
    });
    expect(described.runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { description: { text: 'The root of dir:infra' } },
    });
    expect(validateSarif(described)).toEqual([]);

    // A local directory wins: its paths are the ones the findings are relative to.
    expect(
      toSarif(sampleReport(), {
        srcRoot: '/src',
        srcRootLocation: { description: { text: 'elsewhere' } },
      }).runs[0].originalUriBaseIds,
    ).toEqual({ '%SRCROOT%': { uri: 'file:///src/' } });
  });
});

describe('githubSarifLimitWarnings', () => {
  const withResults = (count: number) =>
    toSarif({
      ...sampleReport(),
      findings: Array.from({ length: count }, (_, i) =>
        finding('LOG-002', { line: i + 1 }),
      ),
    });

  it('says nothing up to the 5,000 results GitHub code scanning shows', () => {
    expect(githubSarifLimitWarnings(withResults(5000))).toEqual([]);
  });

  it('says GitHub shows only the 5,000 most severe of more', () => {
    expect(githubSarifLimitWarnings(withResults(25000))).toEqual([
      'the SARIF log has 25,000 results: GitHub code scanning shows only the 5,000 most severe',
    ]);
  });

  it('says GitHub rejects a run of more than 25,000 results', () => {
    expect(githubSarifLimitWarnings(withResults(25001))).toEqual([
      'the SARIF log has 25,001 results: GitHub code scanning rejects a run of more than 25,000 (--rules, --skip-rules or fewer paths make it smaller)',
    ]);
  });
});

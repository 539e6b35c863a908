import { parseDocument } from 'yaml';
import { CATEGORIES, IAC_FORMATS, SEVERITIES } from '../types';
import { RULE_CATALOG, getRuleMetadata } from './index';

/** Copied from RULES.md: rule ID -> [category, severity], in document order. */
const EXPECTED: ReadonlyArray<[string, string, string]> = [
  ['DLQ-001', 'dlq', 'high'],
  ['DLQ-002', 'dlq', 'high'],
  ['DLQ-003', 'dlq', 'medium'],
  ['DLQ-004', 'dlq', 'high'],
  ['DLQ-005', 'dlq', 'low'],
  ['DLQ-006', 'dlq', 'medium'],
  ['ALM-001', 'alarms', 'high'],
  ['ALM-002', 'alarms', 'high'],
  ['ALM-003', 'alarms', 'medium'],
  ['ENC-001', 'encryption', 'medium'],
  ['ENC-002', 'encryption', 'high'],
  ['ENC-003', 'encryption', 'medium'],
  ['ENC-004', 'encryption', 'medium'],
  ['ENC-005', 'encryption', 'low'],
  ['ENC-006', 'encryption', 'medium'],
  ['ENC-007', 'encryption', 'medium'],
  ['IAM-001', 'iam', 'high'],
  ['IAM-002', 'iam', 'high'],
  ['IAM-003', 'iam', 'medium'],
  ['IAM-004', 'iam', 'critical'],
  ['IAM-005', 'iam', 'high'],
  ['IAM-006', 'iam', 'low'],
  ['IAM-007', 'iam', 'medium'],
  ['IAM-008', 'iam', 'high'],
  // Added by this project: allowing by exclusion (NotAction, NotResource).
  ['IAM-009', 'iam', 'high'],
  ['IAM-010', 'iam', 'medium'],
  ['LOG-001', 'logging', 'medium'],
  ['LOG-002', 'logging', 'medium'],
  ['LOG-003', 'logging', 'low'],
  ['LOG-004', 'logging', 'medium'],
  ['OPS-001', 'operations', 'medium'],
  ['OPS-002', 'operations', 'medium'],
  ['OPS-003', 'operations', 'low'],
  ['OPS-004', 'operations', 'medium'],
  ['OPS-005', 'operations', 'medium'],
  ['OPS-006', 'operations', 'low'],
  // Added by this project: incomplete outputs (seed 001, issue 10).
  ['OPS-007', 'operations', 'low'],
  ['PARSE-001', 'parsing', 'high'],
  // Added by this project: suppressions that cannot be honoured.
  ['SUP-001', 'parsing', 'low'],
];

const SEED_FILES = [
  '000_4e8a716c0e15d636',
  '001_be1f89cdd021749d',
  '002_464a6f76eb58ee13',
  '004_fbb7571581d294cd',
];

describe('rule catalog', () => {
  it('has every RULES.md rule exactly once, in RULES.md order', () => {
    expect(RULE_CATALOG.map(r => r.id)).toEqual(EXPECTED.map(([id]) => id));
  });

  it('has unique ids', () => {
    const ids = RULE_CATALOG.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(EXPECTED)('%s has category %s and severity %s', (id, cat, sev) => {
    const matches = RULE_CATALOG.filter(r => r.id === id);
    expect(matches).toHaveLength(1);
    expect(matches[0].category).toBe(cat);
    expect(matches[0].severity).toBe(sev);
    expect(getRuleMetadata(id)).toBe(matches[0]);
  });

  it('returns undefined for unknown ids', () => {
    expect(getRuleMetadata('NOPE-001')).toBeUndefined();
  });

  it('uses only known categories and severities', () => {
    const categories = CATEGORIES.map(c => c.id as string);
    for (const rule of RULE_CATALOG) {
      expect(categories).toContain(rule.category);
      expect(SEVERITIES).toContain(rule.severity);
    }
  });

  describe.each(RULE_CATALOG.map(r => [r.id, r] as const))('%s', (_, rule) => {
    it('has a title, rationale and remediation summary', () => {
      expect(rule.title.trim()).not.toBe('');
      expect(rule.rationale.trim()).not.toBe('');
      expect(rule.remediation.summary.trim()).not.toBe('');
    });

    it('applies to at least one format, each with a snippet', () => {
      expect(rule.formats.length).toBeGreaterThan(0);
      expect(new Set(rule.formats).size).toBe(rule.formats.length);
      for (const format of rule.formats) {
        expect(IAC_FORMATS).toContain(format);
        expect(rule.remediation.snippets[format]?.trim()).toBeTruthy();
      }
      expect(Object.keys(rule.remediation.snippets).sort()).toEqual(
        [...rule.formats].sort(),
      );
    });

    it('has a CloudFormation snippet that parses as YAML', () => {
      const snippet = rule.remediation.snippets.cloudformation;
      expect(snippet).toBeTruthy();
      // Short-form intrinsics (!Ref, !GetAtt, !Sub) are unknown tags to the
      // YAML library: they raise warnings, never errors.
      const doc = parseDocument(snippet!);
      expect(doc.errors.map(e => e.message)).toEqual([]);
      expect(doc.contents).not.toBeNull();
    });

    it('names its seeds by seed file and heading', () => {
      for (const seed of rule.seeds) {
        const [file, heading] = seed.split(': ', 2);
        expect(SEED_FILES).toContain(file);
        expect(heading?.trim()).toBeTruthy();
      }
    });
  });

  it('keeps RULES.md numbers in the texts that depend on them', () => {
    const text = (id: string) => {
      const rule = getRuleMetadata(id)!;
      return [
        rule.rationale,
        rule.remediation.summary,
        ...Object.values(rule.remediation.snippets),
      ].join('\n');
    };
    expect(text('DLQ-003')).toContain('1209600');
    expect(
      getRuleMetadata('DLQ-003')!.remediation.snippets.cloudformation,
    ).toMatch(/MessageRetentionPeriod: 1209600/);
    for (const action of [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'cloudwatch:PutMetricData',
      'logs:CreateLogGroup',
      'ec2:CreateNetworkInterface',
    ]) {
      expect(getRuleMetadata('IAM-003')!.rationale).toContain(action);
    }
    expect(
      getRuleMetadata('ENC-002')!.remediation.snippets.cloudformation,
    ).toContain("!Sub 'logs.${AWS::Region}.amazonaws.com'");
    expect(text('OPS-005')).toContain('deprecation schedule');
  });
});

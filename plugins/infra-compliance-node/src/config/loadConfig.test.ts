import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigWarning } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanPath, selectRules } from '../engine/scan';
import { ALL_RULES } from '../rules';
import { readRuleOptions } from '../rules/options';
import {
  CONFIG_FILE_NAME,
  ConfigError,
  EMPTY_CONFIG,
  checkRuleIds,
  configWarningText,
  decodeConfig,
  loadConfig,
  parseConfig,
} from './loadConfig';

/** A function DLQ-001 fails. */
const FAILING = 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-config-'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(relative: string, content: string) {
  const absolute = path.join(root, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, content);
}

describe('parseConfig', () => {
  it('reads every setting', () => {
    expect(
      parseConfig(`
paths:
  include: ['infra/**', 'stacks/*.yaml']
  exclude: ['infra/legacy/**']
rules:
  disable: [OPS-003, LOG-003]
  options:
    LOG-002: { minRetentionDays: 30 }
    DLQ-003: { minRetentionSeconds: 1209600 }
`),
    ).toEqual({
      include: ['infra/**', 'stacks/*.yaml'],
      exclude: ['infra/legacy/**'],
      disabledRules: ['OPS-003', 'LOG-003'],
      ruleOptions: {
        'LOG-002': { minRetentionDays: 30 },
        'DLQ-003': { minRetentionSeconds: 1209600 },
      },
    });
  });

  it('reads an empty file (or only comments) as the empty config', () => {
    expect(parseConfig('')).toEqual(EMPTY_CONFIG);
    expect(parseConfig('# nothing yet\n')).toEqual(EMPTY_CONFIG);
    expect(parseConfig('paths: {}\nrules: {}\n')).toEqual(EMPTY_CONFIG);
  });

  it.each<[string, string, string]>([
    [
      'an unknown top-level key',
      '# paths and rules\npaths:\n  include: [a]\npath:\n  include: [a]\n',
      '.infra-compliance.yaml:4 has unknown key(s) path; allowed: paths, rules',
    ],
    [
      'an unknown key under paths',
      'paths:\n  exclude: [b]\n\n  includes: [a]\n',
      '.infra-compliance.yaml:4: paths has unknown key(s) includes; allowed: include, exclude',
    ],
    [
      'an unknown key under rules',
      'paths: {}\nrules:\n  disabled: [OPS-003]\n',
      '.infra-compliance.yaml:3: rules has unknown key(s) disabled; allowed: disable, options',
    ],
    [
      'a list where a map belongs',
      '# a list\n- paths\n',
      '.infra-compliance.yaml:2 must be a map',
    ],
    [
      'text where a map belongs',
      'paths',
      '.infra-compliance.yaml:1 must be a map',
    ],
    [
      'a list where the map of paths belongs',
      'rules: {}\npaths:\n  - include\n',
      '.infra-compliance.yaml:2: paths must be a map',
    ],
    [
      'a string where a list belongs',
      'paths:\n  exclude: []\n  include: infra/**\n',
      '.infra-compliance.yaml:3: paths.include must be a list of strings',
    ],
    [
      'a number in a list of strings',
      'rules:\n  disable:\n    - OPS-003\n    - 3\n',
      '.infra-compliance.yaml:4: rules.disable must be a list of strings',
    ],
    [
      'rule options that are not a map',
      'rules:\n  options:\n    LOG-002: { minRetentionDays: 30 }\n    DLQ-003: 30\n',
      '.infra-compliance.yaml:4: rules.options.DLQ-003 must be a map',
    ],
    [
      'the options of one rule under two keys',
      'rules:\n  options:\n    log-002: { minRetentionDays: 30 }\n    LOG-002: { minRetentionDays: 90 }\n',
      '.infra-compliance.yaml:4: rules.options gives the options of LOG-002 twice (log-002, LOG-002)',
    ],
    // One line, without js-yaml's excerpt of the file.
    [
      'invalid YAML',
      'paths: include: [a\n',
      '.infra-compliance.yaml is not valid YAML at line 1, column 15: bad indentation of a mapping entry',
    ],
    // At the end of the last line, not on the line after it.
    [
      'YAML that ends too early',
      'rules:\n  disable: [unclosed\n',
      '.infra-compliance.yaml is not valid YAML at line 2, column 21: unexpected end of the stream within a flow collection',
    ],
    [
      'a key given twice',
      'rules:\n  disable: [OPS-003]\n  disable: [LOG-003]\n',
      '.infra-compliance.yaml is not valid YAML at line 3: duplicated mapping key',
    ],
  ])(
    'refuses %s with a ConfigError that says what is wrong, and where',
    (_name, text, message) => {
      expect(() => parseConfig(text)).toThrow(ConfigError);
      // An error object: its message, whole.
      expect(() => parseConfig(text)).toThrow(new Error(message));
    },
  );
});

describe('parseConfig: YAML documents and repeated ids', () => {
  it.each([
    [
      'a --- after content',
      'rules:\n  disable: [OPS-003]\n---\nrules: {}\n',
      3,
    ],
    ['two --- markers', '# team\n---\nrules: {}\n\n---\npaths: {}\n', 5],
    [
      'content after a ... that ends the first',
      'rules: {}\n...\n# next\npaths: {}\n',
      4,
    ],
  ])(
    'refuses a second document (%s) at its line, saying only one would be read',
    (_name, text, line) => {
      expect(() => parseConfig(text)).toThrow(
        new ConfigError(
          `.infra-compliance.yaml:${line} holds a second YAML document, from this line: a config is one document (only one would be read), merge them`,
        ),
      );
    },
  );

  it('names a syntax error of the first document, not the second document', () => {
    expect(() => parseConfig('rules: [unclosed\n---\npaths: {}\n')).toThrow(
      /^\.infra-compliance\.yaml is not valid YAML at line 2/,
    );
  });

  it('reads one document with its markers, a directive and comments', () => {
    expect(
      parseConfig(
        '%YAML 1.2\n# team\n---\nrules:\n  disable: [OPS-003]\n...\n# end\n',
      ),
    ).toEqual({ ...EMPTY_CONFIG, disabledRules: ['OPS-003'] });
  });

  it('warns of a rule disabled twice, in any case, at the line of its second mention, and keeps the list', () => {
    const config = parseConfig(
      'rules:\n  disable:\n    - OPS-003\n    - DLQ-001\n    - ops-003\n    - dlq-001\n    - DLQ-001\n',
    );
    expect(config.disabledRules).toEqual([
      'OPS-003',
      'DLQ-001',
      'OPS-003',
      'DLQ-001',
      'DLQ-001',
    ]);
    expect(config.warnings).toEqual([
      {
        file: '.infra-compliance.yaml',
        line: 5,
        message:
          'rules.disable names OPS-003 more than once (OPS-003, ops-003): once is enough',
      },
      {
        file: '.infra-compliance.yaml',
        line: 6,
        message:
          'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001, DLQ-001): once is enough',
      },
    ]);
    // As text, named as a ConfigError names its line.
    expect(config.warnings!.map(configWarningText)).toEqual([
      '.infra-compliance.yaml:5: rules.disable names OPS-003 more than once (OPS-003, ops-003): once is enough',
      '.infra-compliance.yaml:6: rules.disable names DLQ-001 more than once (DLQ-001, dlq-001, DLQ-001): once is enough',
    ]);
    expect(
      parseConfig('rules:\n  disable: [OPS-003, DLQ-001]\n').warnings,
    ).toBe(undefined);
  });
});

describe('decodeConfig', () => {
  const text = 'rules:\n  disable: [OPS-003]\n';

  it('reads UTF-8, with or without its byte order mark', () => {
    expect(parseConfig(decodeConfig(Buffer.from(text)))).toEqual(
      parseConfig(text),
    );
    expect(
      parseConfig(decodeConfig(Buffer.from(`\ufeff${text}`, 'utf8'))),
    ).toEqual(parseConfig(text));
  });

  it.each([
    ['UTF-16LE', Buffer.from(`\ufeff${text}`, 'utf16le')],
    ['UTF-16BE', Buffer.from(`\ufeff${text}`, 'utf16le').swap16()],
    ['UTF-32LE', Buffer.from([0xff, 0xfe, 0, 0, 0x72, 0, 0, 0])],
  ])('refuses %s, naming it', (encoding, bytes) => {
    expect(() => decodeConfig(bytes)).toThrow(
      new ConfigError(
        `.infra-compliance.yaml is ${encoding} (it starts with its byte order mark): save it as UTF-8`,
      ),
    );
  });

  it('refuses UTF-16 without its byte order mark, at the line of the first null byte', () => {
    expect(() =>
      decodeConfig(
        Buffer.concat([
          Buffer.from('# pasted\n'),
          Buffer.from('rules: {}\n', 'utf16le'),
        ]),
      ),
    ).toThrow(
      new ConfigError(
        '.infra-compliance.yaml:2 is not UTF-8 (it holds null bytes, as UTF-16 does): save it as UTF-8',
      ),
    );
  });

  it('refuses bytes that are not UTF-8 (Latin-1) at their line', () => {
    expect(() =>
      decodeConfig(Buffer.from('paths:\n  include: [caf\xe9/**]\n', 'latin1')),
    ).toThrow(
      new ConfigError(
        '.infra-compliance.yaml:2 is not UTF-8: save it as UTF-8',
      ),
    );
  });
});

describe('checkRuleIds', () => {
  it('names the line of the first unknown rule id in rules.disable', () => {
    const config = parseConfig(
      'rules:\n  disable:\n    - DLQ-001\n    - dlq-999\n    - NOPE-1\n',
    );
    expect(() => checkRuleIds(config, ['disable'])).toThrow(
      /^\.infra-compliance\.yaml:4: rules\.disable names unknown rule id\(s\) DLQ-999, NOPE-1$/,
    );
  });

  it('names the line of an unknown rule id in rules.options, when asked', () => {
    const config = parseConfig(
      'rules:\n  options:\n    LOG-002:\n      minRetentionDays: 30\n    log-999:\n      minRetentionDays: 30\n',
    );
    expect(() => checkRuleIds(config, ['disable'])).not.toThrow();
    expect(() => checkRuleIds(config, ['disable', 'options'])).toThrow(
      /^\.infra-compliance\.yaml:5: rules\.options names unknown rule id\(s\) LOG-999$/,
    );
  });

  it('names no line for a config that was not read from a file', () => {
    expect(() =>
      checkRuleIds({ ...EMPTY_CONFIG, disabledRules: ['DLQ-999'] }, [
        'disable',
      ]),
    ).toThrow(/^rules\.disable names unknown rule id\(s\) DLQ-999$/);
  });
});

describe('rule options read from the config', () => {
  it.each([
    [
      'a value out of range',
      'rules:\n  options:\n    DLQ-003:\n      minRetentionSeconds: 99999999\n',
      '.infra-compliance.yaml:4: DLQ-003 option minRetentionSeconds must be a whole number of seconds from 60 to 1209600 (the retention periods SQS takes, 1 minute to 14 days), got 99999999',
    ],
    [
      'a duration as text',
      'rules:\n  options:\n    DLQ-003:\n      minRetentionSeconds: "7 days"\n',
      '.infra-compliance.yaml:4: DLQ-003 option minRetentionSeconds must be a whole number of seconds from 60 to 1209600 (the retention periods SQS takes, 1 minute to 14 days), got the text "7 days"',
    ],
    [
      'a retention below what SQS keeps',
      'rules:\n  options:\n    DLQ-003: { minRetentionSeconds: 59 }\n',
      '.infra-compliance.yaml:3: DLQ-003 option minRetentionSeconds must be a whole number of seconds from 60 to 1209600 (the retention periods SQS takes, 1 minute to 14 days), got 59',
    ],
    [
      'days with a fraction',
      'rules:\n  options:\n    LOG-002:\n      minRetentionDays: 1.5\n',
      '.infra-compliance.yaml:4: LOG-002 option minRetentionDays must be a whole number of days from 1 to 3653 (the retentions CloudWatch Logs takes), got 1.5',
    ],
    [
      'more days than CloudWatch Logs keeps',
      'rules:\n  options:\n    LOG-002:\n      minRetentionDays: 4000\n',
      '.infra-compliance.yaml:4: LOG-002 option minRetentionDays must be a whole number of days from 1 to 3653 (the retentions CloudWatch Logs takes), got 4000',
    ],
    [
      'an infinite retention',
      'rules:\n  options:\n    LOG-002:\n      minRetentionDays: .inf\n',
      '.infra-compliance.yaml:4: LOG-002 option minRetentionDays must be a whole number of days from 1 to 3653 (the retentions CloudWatch Logs takes), got Infinity',
    ],
    [
      'a retention that is not a number',
      'rules:\n  options:\n    DLQ-003: { minRetentionSeconds: .nan }\n',
      '.infra-compliance.yaml:3: DLQ-003 option minRetentionSeconds must be a whole number of seconds from 60 to 1209600 (the retention periods SQS takes, 1 minute to 14 days), got NaN',
    ],
    [
      'a mistyped option name',
      'rules:\n  options:\n    LOG-002: { minRetentionDays: 30 }\n    log-002x: {}\n    DLQ-003: { minRetention: 60 }\n',
      '.infra-compliance.yaml:5: DLQ-003 has no option minRetention; it takes minRetentionSeconds',
    ],
    [
      'options for a rule that takes none',
      'rules:\n  options:\n    enc-001:\n      foo: 1\n',
      '.infra-compliance.yaml:4: ENC-001 takes no options, got foo',
    ],
  ])('names the line of %s', (_name, text, message) => {
    const { ruleOptions } = parseConfig(text);
    expect(() => readRuleOptions(ALL_RULES, ruleOptions)).toThrow(
      new ConfigError(message),
    );
  });

  it('reads digits quoted as text as their number, as configs written before the check may quote them', () => {
    const { ruleOptions } = parseConfig(
      'rules:\n  options:\n    DLQ-003:\n      minRetentionSeconds: "604800"\n',
    );
    expect(readRuleOptions(ALL_RULES, ruleOptions)).toEqual({
      'DLQ-003': { minRetentionSeconds: 604800 },
    });
  });
});

describe('loadConfig', () => {
  it('is the empty config when the tree has no config file', async () => {
    await expect(loadConfig(root)).resolves.toEqual(EMPTY_CONFIG);
  });

  it('is the empty config when the root is a file or does not exist', async () => {
    write('template.yaml', FAILING);
    await expect(loadConfig(path.join(root, 'template.yaml'))).resolves.toEqual(
      EMPTY_CONFIG,
    );
    await expect(loadConfig(path.join(root, 'missing'))).resolves.toEqual(
      EMPTY_CONFIG,
    );
  });

  it('reads the config file at the root of the tree', async () => {
    write(CONFIG_FILE_NAME, 'rules:\n  disable: [DLQ-001]\n');
    await expect(loadConfig(root)).resolves.toEqual({
      ...EMPTY_CONFIG,
      disabledRules: ['DLQ-001'],
    });
  });

  it('refuses a config file saved as UTF-16, as the backend reads it, naming the encoding', async () => {
    fs.writeFileSync(
      path.join(root, CONFIG_FILE_NAME),
      Buffer.from('\ufeffrules:\n  disable: [DLQ-001]\n', 'utf16le'),
    );
    await expect(scanPath(root)).rejects.toThrow(
      new ConfigError(
        '.infra-compliance.yaml is UTF-16LE (it starts with its byte order mark): save it as UTF-8',
      ),
    );
  });

  it('rejects an invalid config file rather than ignoring it', async () => {
    write(CONFIG_FILE_NAME, 'rule:\n  disable: [DLQ-001]\n');
    await expect(loadConfig(root)).rejects.toThrow(ConfigError);
    await expect(scanPath(root)).rejects.toThrow('has unknown key(s) rule');
  });
});

describe('the config in a scan', () => {
  const scanned = async (options: Parameters<typeof scanPath>[1] = {}) => {
    const result = await scanPath(root, {
      rules: ['DLQ-001', 'PARSE-001'],
      ...options,
    });
    return {
      files: result.files.map(f => f.path),
      findings: result.findings.map(f => `${f.ruleId} ${f.file}:${f.line}`),
    };
  };

  beforeEach(() => {
    write('infra/app.yaml', FAILING);
    write('infra/legacy/old.yaml', FAILING);
    write('other/x.yaml', FAILING);
  });

  it('scans everything without a config', async () => {
    expect((await scanned()).files).toEqual([
      'infra/app.yaml',
      'infra/legacy/old.yaml',
      'other/x.yaml',
    ]);
  });

  it('honours paths.include and paths.exclude', async () => {
    write(
      CONFIG_FILE_NAME,
      "paths:\n  include: ['infra/**']\n  exclude: ['infra/legacy/**']\n",
    );
    expect(await scanned()).toEqual({
      files: ['infra/app.yaml'],
      findings: ['DLQ-001 infra/app.yaml:2'],
    });
  });

  it('excludes a whole folder by name', async () => {
    write(CONFIG_FILE_NAME, "paths:\n  exclude: ['infra/legacy']\n");
    expect((await scanned()).files).toEqual(['infra/app.yaml', 'other/x.yaml']);
  });

  it("adds the caller's include globs to the config's", async () => {
    expect((await scanned({ include: ['other/**'] })).files).toEqual([
      'other/x.yaml',
    ]);
  });

  it('removes disabled rules: no findings and no checks', async () => {
    write(CONFIG_FILE_NAME, 'rules:\n  disable: [DLQ-001]\n');
    const result = await scanPath(root);
    expect(result.findings.filter(f => f.ruleId === 'DLQ-001')).toEqual([]);
    expect(result.checks.filter(c => c.ruleId === 'DLQ-001')).toEqual([]);
    expect(result.files).toHaveLength(3);
  });

  it('refuses a config that disables a rule that does not exist', async () => {
    write(CONFIG_FILE_NAME, 'paths: {}\nrules:\n  disable: [DLQ-999]\n');
    await expect(scanPath(root)).rejects.toThrow(
      new ConfigError(
        '.infra-compliance.yaml:3: rules.disable names unknown rule id(s) DLQ-999',
      ),
    );
  });

  it("tells the tree's config's warnings, each with its file (as the report names paths) and line apart from the message; not those of a config given by the caller", async () => {
    const config = 'rules:\n  disable: [DLQ-001, dlq-001]\n';
    write(CONFIG_FILE_NAME, config);
    const told = async (options: Parameters<typeof scanPath>[1] = {}) => {
      const warnings: ConfigWarning[] = [];
      await scanPath(root, {
        ...options,
        onConfigWarning: warning => warnings.push(warning),
      });
      return warnings;
    };
    const message =
      'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough';
    expect(await told()).toEqual([
      { file: '.infra-compliance.yaml', line: 2, message },
    ]);
    expect(await told({ pathPrefix: 'services/orders' })).toEqual([
      { file: 'services/orders/.infra-compliance.yaml', line: 2, message },
    ]);
    expect(await told({ config: parseConfig(config) })).toEqual([]);
  });

  it("uses the config given by the caller instead of the tree's", async () => {
    write(CONFIG_FILE_NAME, 'rules:\n  disable: [DLQ-001]\n');
    const result = await scanPath(root, {
      config: EMPTY_CONFIG,
      rules: ['DLQ-001'],
    });
    expect(result.findings.map(f => f.ruleId)).toEqual([
      'DLQ-001',
      'DLQ-001',
      'DLQ-001',
    ]);
  });
});

describe('selectRules', () => {
  it('selects every rule by default', () => {
    expect(selectRules()).toEqual(ALL_RULES);
  });

  it('selects only the named rules', () => {
    expect(selectRules(['DLQ-001']).map(rule => rule.meta.id)).toEqual([
      'DLQ-001',
    ]);
  });

  it('leaves out skipped rules', () => {
    expect(
      selectRules(undefined, ['DLQ-001']).map(rule => rule.meta.id),
    ).not.toContain('DLQ-001');
    expect(selectRules(undefined, ['DLQ-001'])).toHaveLength(
      ALL_RULES.length - 1,
    );
  });

  it('accepts the engine rules PARSE-001 and SUP-001 by id', () => {
    expect(() => selectRules(['PARSE-001', 'SUP-001'])).not.toThrow();
  });

  it('throws for an unknown rule id, in --rules or in the skip list', () => {
    expect(() => selectRules(['DLQ-001', 'NOPE-001'])).toThrow(
      'Unknown rule id NOPE-001',
    );
    expect(() => selectRules(undefined, ['dlq-001'])).toThrow(
      'Unknown rule id dlq-001',
    );
  });

  it('makes scanPath throw for an unknown id in --rules', async () => {
    await expect(
      scanPath(root, { rules: ['DLQ-001', 'NOPE-001'] }),
    ).rejects.toThrow('Unknown rule id NOPE-001');
  });
});

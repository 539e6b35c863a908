import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  enumsSource,
  readEnums,
  readLambdaRuntimes,
} from '../../../scripts/generate-cdk-enums';
import { runGeneratedModule } from '../../testing/generatedModule';

/** The script that writes enums.ts, on a package laid out as aws-cdk-lib is: a module per subpath of its exports. */
describe('scripts/generate-cdk-enums', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'aws-cdk-lib-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** Each module's exports, as the JavaScript of their values. */
  const writePackage = (modules: Record<string, Record<string, string>>) => {
    const exports: Record<string, string> = {
      './package.json': './package.json',
    };
    for (const [module, values] of Object.entries(modules)) {
      mkdirSync(path.join(directory, module), { recursive: true });
      const lines = Object.entries(values).map(
        ([name, value]) => `exports.${name} = ${value};`,
      );
      writeFileSync(path.join(directory, module, 'index.js'), lines.join('\n'));
      exports[`./${module}`] = `./${module}/index.js`;
    }
    writeFileSync(
      path.join(directory, 'package.json'),
      JSON.stringify({ name: 'aws-cdk-lib', version: '2.278.0', exports }),
    );
  };

  /** aws-lambda's Runtime as aws-cdk-lib writes it: an enum-like class of its instances, but FROM_IMAGE, of no family. */
  const RUNTIME = `class Runtime {
    static ALL = [];
    static NODEJS_16_X = new Runtime('nodejs16.x', 0);
    static NODEJS_LATEST = new Runtime('nodejs24.x', 0, { isVariable: true });
    static PROVIDED_AL2 = new Runtime('provided.al2', 6);
    static FROM_IMAGE = new Runtime('FROM_IMAGE');
    static determineLatestPythonRuntime() { return this.NODEJS_16_X; }
    constructor(name, family, props = {}) { this.name = name; this.family = family; this.isVariable = props.isVariable ?? false; }
  }`;

  it('reads the enums of each module, by name, with the members whose value is not their name', () => {
    writePackage({
      'aws-lambda': {
        StartingPosition: "{ TRIM_HORIZON: 'TRIM_HORIZON', LATEST: 'LATEST' }",
        Tracing: "{ ACTIVE: 'Active', DISABLED: 'Disabled' }",
        // A class, and objects that are not enums: of a member not in upper case, of a value not text or a number.
        Function: 'class Function {}',
        Defaults: "{ timeout: 'x' }",
        Limits: '{ MEMORY: [128] }',
        Runtime: RUNTIME,
      },
      // A numeric enum, as TypeScript writes it: its values map back to its members.
      'aws-rds': {
        AuroraCapacityUnit: "{ ACU_1: 1, 1: 'ACU_1', ACU_4: 4, 4: 'ACU_4' }",
      },
      'aws-glue': {
        CompressionType: "{ NONE: 'none', GZIP: 'gzip', LZO: 'lzo' }",
        Delimiter: "{ NEWLINE: '\\n', QUOTE: \"'\" }",
      },
      'aws-stepfunctions-tasks': {
        CompressionType: "{ NONE: 'None', GZIP: 'gzip' }",
      },
    });
    const { version, enums, ambiguous } = readEnums(directory);
    expect(version).toBe('2.278.0');
    expect(
      Object.fromEntries(
        [...enums].map(([name, members]) => [
          name,
          Object.fromEntries(members),
        ]),
      ),
    ).toEqual({
      AuroraCapacityUnit: { ACU_1: 1, ACU_4: 4 },
      CompressionType: { NONE: null, GZIP: 'gzip', LZO: 'lzo' },
      Delimiter: { NEWLINE: '\n', QUOTE: "'" },
      StartingPosition: {},
      Tracing: { ACTIVE: 'Active', DISABLED: 'Disabled' },
    });
    expect(ambiguous).toEqual(
      new Map([
        [
          'CompressionType.NONE',
          new Map([
            ['aws-glue', 'none'],
            ['aws-stepfunctions-tasks', 'None'],
          ]),
        ],
      ]),
    );
    // The file written holds them as JSON text, an enum a line (a backslash of JSON escaped in its template literal).
    const source = enumsSource(
      version,
      enums,
      ambiguous,
      readLambdaRuntimes(directory),
    );
    expect(source).toContain(
      '  "Delimiter": {"NEWLINE":"\\\\n","QUOTE":"\'"},\n',
    );
    // Read as the adapter reads them: the same values, the same order, made the first time they are read.
    const parse = jest.spyOn(JSON, 'parse');
    const { cdkEnums, cdkEnumValuesByModule } = runGeneratedModule(
      source,
    ) as Record<string, () => Record<string, unknown>>;
    expect(parse).not.toHaveBeenCalled();
    expect(Object.entries(cdkEnums())).toEqual([
      ['AuroraCapacityUnit', { ACU_1: 1, ACU_4: 4 }],
      ['CompressionType', { NONE: null, GZIP: 'gzip', LZO: 'lzo' }],
      ['Delimiter', { NEWLINE: '\n', QUOTE: "'" }],
      ['StartingPosition', {}],
      ['Tracing', { ACTIVE: 'Active', DISABLED: 'Disabled' }],
    ]);
    expect(cdkEnums()).toBe(cdkEnums());
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    // A lookup table: no prototype, so that a name read in the code such as `constructor` finds nothing.
    expect(Object.getPrototypeOf(cdkEnums())).toBeNull();
    expect(Object.entries(cdkEnumValuesByModule())).toEqual([
      [
        'CompressionType.NONE',
        { 'aws-glue': 'none', 'aws-stepfunctions-tasks': 'None' },
      ],
    ]);
  });

  it('reads the name of each runtime of aws-lambda, but of one that names another runtime in each version', () => {
    writePackage({ 'aws-lambda': { Runtime: RUNTIME } });
    const runtimes = readLambdaRuntimes(directory);
    expect(runtimes).toEqual(
      new Map([
        ['NODEJS_16_X', 'nodejs16.x'],
        ['NODEJS_LATEST', null],
        ['PROVIDED_AL2', 'provided.al2'],
      ]),
    );
    const { version, enums, ambiguous } = readEnums(directory);
    const source = enumsSource(version, enums, ambiguous, runtimes);
    expect(source).toContain(
      'one that names another runtime in each CDK version (NODEJS_LATEST).\n */\nexport const cdkLambdaRuntimes = ',
    );
    const { cdkLambdaRuntimes } = runGeneratedModule(source) as Record<
      string,
      () => Record<string, unknown>
    >;
    expect(Object.entries(cdkLambdaRuntimes())).toEqual([
      ['NODEJS_16_X', 'nodejs16.x'],
      ['NODEJS_LATEST', null],
      ['PROVIDED_AL2', 'provided.al2'],
    ]);
  });
});

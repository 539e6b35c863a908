import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  readAsEdited,
  tempDirEachTest,
  writeFiles,
} from '../__testUtils__/fixtures';
import {
  engineVersion,
  readEngineSignature,
  versionSignature,
} from './engineSignature';

describe('readEngineSignature', () => {
  const root = tempDirEachTest();

  /** The signature of the package written under root with these files. */
  const signatureOf = (logger = mockServices.logger.mock()) =>
    readEngineSignature({
      logger,
      packages: [
        { packageFile: path.join(root(), 'package.json'), dependencies: true },
      ],
    });

  it('follows the code of a package run from source, not its tests, test support, maps or node_modules', async () => {
    await writeFiles(root(), {
      'package.json': JSON.stringify({
        name: 'engine',
        version: '0.1.0',
        main: 'src/index.ts',
      }),
      'src/index.ts': "export * from './rules/DLQ-001';\n",
      'src/rules/DLQ-001.ts': 'export const checks = 1;\n',
      'src/rules/DLQ-001.test.ts': 'it.todo("checks");\n',
      'src/__testUtils__/fixtures.ts': 'export const fixture = 1;\n',
      'src/index.ts.map': '{}',
      'src/node_modules/dep/index.js': 'module.exports = 1;\n',
      'README.md': 'The engine.\n',
    });
    const original = signatureOf();
    expect(signatureOf()).toBe(original);

    await writeFiles(root(), {
      'src/rules/DLQ-001.test.ts': 'it.todo("checks again");\n',
      'src/__testUtils__/fixtures.ts': 'export const fixture = 2;\n',
      'src/index.ts.map': '{"version":3}',
      'src/node_modules/dep/index.js': 'module.exports = 2;\n',
      'README.md': 'The engine, fixed.\n',
    });
    expect(signatureOf()).toBe(original);

    await writeFiles(root(), {
      'src/rules/DLQ-001.ts': 'export const checks = 2;\n',
    });
    const fixed = signatureOf();
    expect(fixed).not.toBe(original);

    await writeFiles(root(), { 'src/rules/DLQ-002.ts': 'export {};\n' });
    expect(signatureOf()).not.toBe(fixed);
  });

  it('follows the built code of a package installed from a registry, where its main points', async () => {
    await writeFiles(root(), {
      'package.json': JSON.stringify({
        name: 'engine',
        version: '0.1.0',
        main: 'dist/index.cjs.js',
      }),
      'dist/index.cjs.js': 'exports.checks = 1;\n',
      'dist/index.cjs.js.map': '{}',
      'dist/index.d.ts': 'export declare const checks: number;\n',
      'src/index.ts': 'export const checks = 1;\n',
    });
    const original = signatureOf();

    await writeFiles(root(), {
      'dist/index.cjs.js.map': '{"version":3}',
      'src/index.ts': 'export const checks = 2;\n',
    });
    expect(signatureOf()).toBe(original);

    await writeFiles(root(), { 'dist/index.cjs.js': 'exports.checks = 2;\n' });
    expect(signatureOf()).not.toBe(original);
  });

  it('follows the installed versions of its dependencies, found as Node finds them', async () => {
    const packageDir = path.join(root(), 'plugins', 'engine');
    await writeFiles(root(), {
      'plugins/engine/package.json': JSON.stringify({
        name: 'engine',
        version: '0.1.0',
        main: 'src/index.ts',
        dependencies: { 'js-yaml': '^4.1.0', typescript: '~5.8.0' },
      }),
      'plugins/engine/src/index.ts': 'export const checks = 1;\n',
      // Hoisted to the root, and one nearer the package that wins over it.
      'node_modules/js-yaml/package.json': '{"version":"4.1.0"}',
      'node_modules/typescript/package.json': '{"version":"5.8.2"}',
      'plugins/engine/node_modules/typescript/package.json':
        '{"version":"5.8.3"}',
    });
    const logger = mockServices.logger.mock();
    const signatureOfEngine = () =>
      readEngineSignature({
        logger,
        packages: [
          {
            packageFile: path.join(packageDir, 'package.json'),
            dependencies: true,
          },
        ],
      });
    const original = signatureOfEngine();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(' and the versions of 2 dependencies ('),
    );

    // The hoisted copy is shadowed: its version does not count.
    await writeFiles(root(), {
      'node_modules/typescript/package.json': '{"version":"5.8.4"}',
    });
    expect(signatureOfEngine()).toBe(original);

    await writeFiles(root(), {
      'node_modules/js-yaml/package.json': '{"version":"4.1.1"}',
    });
    const updated = signatureOfEngine();
    expect(updated).not.toBe(original);

    await fs.rm(path.join(root(), 'node_modules', 'js-yaml'), {
      recursive: true,
    });
    expect(signatureOfEngine()).not.toBe(updated);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("leaves out the versions of a package's dependencies when they do not count, not its code", async () => {
    await writeFiles(root(), {
      'package.json': JSON.stringify({
        name: 'backend',
        version: '0.1.0',
        main: 'src/index.ts',
        dependencies: { express: '^4.22.1' },
      }),
      'src/index.ts': 'export const rows = 1;\n',
      'node_modules/express/package.json': '{"version":"4.22.1"}',
    });
    const logger = mockServices.logger.mock();
    const signatureOfBackend = () =>
      readEngineSignature({
        logger,
        packages: [
          {
            packageFile: path.join(root(), 'package.json'),
            dependencies: false,
          },
        ],
      });
    const original = signatureOfBackend();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(' and the versions of 0 dependencies ('),
    );

    await writeFiles(root(), {
      'node_modules/express/package.json': '{"version":"4.22.2"}',
    });
    expect(signatureOfBackend()).toBe(original);

    await writeFiles(root(), { 'src/index.ts': 'export const rows = 2;\n' });
    expect(signatureOfBackend()).not.toBe(original);
  });

  it('falls back to the version and rule catalog, and says why, when the code cannot be read', async () => {
    await writeFiles(root(), {
      'package.json': JSON.stringify({
        name: 'engine',
        version: '0.1.0',
        main: 'dist/index.cjs.js',
      }),
    });
    const logger = mockServices.logger.mock();
    expect(signatureOf(logger)).toBe(versionSignature());
    const [message] = logger.warn.mock.calls[0];
    expect(message).toMatch(
      /^Infra Compliance: the code of the engine or the backend cannot be read \(/,
    );
    expect(message).toContain(
      `ENOENT: no such file or directory, scandir '${path.join(
        root(),
        'dist',
      )}'`,
    );
  });

  it('reads the code of the engine, common and backend packages the backend runs', () => {
    const logger = mockServices.logger.mock();
    const signature = readEngineSignature({ logger });
    expect(signature).toMatch(/^[0-9a-f]{32}$/);
    expect(signature).not.toBe(versionSignature());
    const packages = path.resolve(__dirname, '../../..');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^Infra Compliance: engine signature ${signature}, from \\d+ files in ${path.join(
            packages,
            'infra-compliance-node',
            'src',
          )}, \\d+ files in ${path.join(
            packages,
            'infra-compliance-common',
            'src',
          )}, \\d+ files in ${path.join(
            packages,
            'infra-compliance-backend',
            'src',
          )} and the versions of \\d+ dependencies \\(\\d+ ms\\)$`,
        ),
      ),
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it.each([
    // Which files a scan did not judge, and its coverage.
    'scanning/EntityScanner.ts',
    // The rows of its findings and checks, and the scores.
    'database/ComplianceStore.ts',
    // What is read of an entity's source location.
    'scanning/targets.ts',
  ])(
    "changes with a fix to the backend's %s, which makes the stored results of a scan",
    file => {
      const logger = mockServices.logger.mock();
      const original = readEngineSignature({ logger });
      const restore = readAsEdited(
        path.resolve(__dirname, '..', file),
        '\n// fixed\n',
      );
      try {
        expect(readEngineSignature({ logger })).not.toBe(original);
      } finally {
        restore();
      }
      expect(readEngineSignature({ logger })).toBe(original);
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );
});

describe('versionSignature', () => {
  it('includes the version of the engine package, read from its package.json', async () => {
    const { version } = JSON.parse(
      await fs.readFile(
        path.resolve(__dirname, '../../../infra-compliance-node/package.json'),
        'utf8',
      ),
    );
    expect(engineVersion()).toBe(version);
    expect(versionSignature()).toBe(versionSignature(version));
    expect(versionSignature('0.0.1-previous')).not.toBe(versionSignature());
  });
});

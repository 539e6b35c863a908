import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADAPTERS } from '.';
import { LAZY_ADAPTERS } from './lazyAdapters';
import type * as Scan from '../engine/scan';

describe('LAZY_ADAPTERS', () => {
  it('loads the adapters ADAPTERS holds, in the same order, with the same claims', () => {
    expect(LAZY_ADAPTERS.map(lazy => lazy.loadAdapter())).toEqual(ADAPTERS);
    LAZY_ADAPTERS.forEach((lazy, index) => {
      expect(lazy.format).toBe(ADAPTERS[index].format);
      expect(lazy.accepts).toBe(ADAPTERS[index].accepts);
      expect(lazy.fileNamePattern).toBe(ADAPTERS[index].fileNamePattern);
    });
  });

  describe('a scan', () => {
    let root: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-lazy-adapters-'));
    });
    afterEach(() => {
      jest.resetModules();
      fs.rmSync(root, { recursive: true, force: true });
    });

    /** The formats whose adapter module a scan of the tree loads. */
    async function adaptersLoadedScanning(
      files: Record<string, string>,
    ): Promise<string[]> {
      for (const [file, text] of Object.entries(files))
        fs.writeFileSync(path.join(root, file), text);
      const loaded: string[] = [];
      for (const format of ['cdk', 'cloudformation', 'terraform', 'pulumi'])
        jest.doMock(`./${format}`, () => {
          loaded.push(format);
          return jest.requireActual(`./${format}`);
        });
      await jest.isolateModulesAsync(async () => {
        const { scanPath }: typeof Scan = require('../engine/scan');
        await scanPath(root);
      });
      return loaded.sort();
    }

    it('of templates alone loads no other adapter', async () => {
      await expect(
        adaptersLoadedScanning({
          'template.yaml':
            'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
        }),
      ).resolves.toEqual(['cloudformation']);
    });

    it('of a Terraform module loads its adapter alone', async () => {
      await expect(
        adaptersLoadedScanning({
          'main.tf': 'resource "aws_sqs_queue" "queue" {}\n',
        }),
      ).resolves.toEqual(['terraform']);
    });
  });
});

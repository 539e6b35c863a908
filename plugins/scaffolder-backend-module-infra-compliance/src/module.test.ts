import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleInfraCompliance } from './module';

/**
 * A Scaffolder plugin that offers the actions' extension point, as the real
 * one does, and keeps the actions the modules add to it.
 */
function scaffolderStandIn(added: TemplateAction<any, any, any>[]) {
  return createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
        addActions(...actions) {
          added.push(...actions);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('scaffolderModuleInfraCompliance', () => {
  it('adds the infra-compliance:scan action, with its schemas, examples and dry-run support', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      features: [scaffolderStandIn(added), scaffolderModuleInfraCompliance],
    });
    expect(added.map(action => action.id)).toEqual(['infra-compliance:scan']);
    const [action] = added;
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.map(example => example.description)).toEqual([
      'Scan what the template generated before publishing it, failing the task on a critical or high finding',
      'Scan one folder of the workspace with some rules left out, and commit a SARIF report with the service',
    ]);
    // The JSON schemas the Scaffolder validates a step's input with and lists on its installed-actions page.
    expect(action.schema?.input).toMatchObject({
      type: 'object',
      properties: {
        path: { type: 'string' },
        failOn: {
          type: 'string',
          description: expect.stringContaining(
            'critical, high, medium, low, none, in any case (high, HIGH)',
          ),
        },
        rules: { type: 'array', items: { type: 'string' } },
        skipRules: { type: 'array', items: { type: 'string' } },
        reportPath: { type: 'string' },
        format: {
          type: 'string',
          description: expect.stringContaining(
            'json, sarif (GitHub code scanning) or markdown, in any case (sarif, SARIF)',
          ),
        },
      },
    });
    // The Scaffolder would refuse HIGH or SARIF against an enum, which the action takes as the command line does.
    expect(action.schema?.input?.properties?.failOn).not.toHaveProperty('enum');
    expect(action.schema?.input?.properties?.format).not.toHaveProperty('enum');
    expect(action.schema?.input?.required ?? []).toEqual([]);
    expect(action.schema?.output).toMatchObject({
      type: 'object',
      properties: {
        grade: {
          anyOf: [
            { type: 'string', enum: ['A', 'B', 'C', 'D', 'E', 'F'] },
            { type: 'null' },
          ],
        },
        score: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        findings: {
          type: 'object',
          properties: {
            critical: { type: 'integer' },
            high: { type: 'integer' },
            medium: { type: 'integer' },
            low: { type: 'integer' },
          },
        },
        total: { type: 'integer' },
        passed: { type: 'boolean' },
        reportPath: { type: 'string' },
      },
      required: ['grade', 'score', 'findings', 'total', 'passed'],
    });
  });
});

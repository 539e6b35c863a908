import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  scanPath,
  toSarif,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import request from 'supertest';
import { componentEntity, makeTempDir } from './__testUtils__/fixtures';
import { infraCompliancePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A SAM function with two SQS events: DLQ-005 on each generated event source mapping. */
const SAM_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        One: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:one } }
        Two: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:two } }
`;

describe.each(databases.eachSupportedId())('SARIF export on %p', databaseId => {
  let root: string;
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('keeps the generated resource a finding is about, as the CLI does', async () => {
    root = await makeTempDir();
    const dir = path.join(root, 'events');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), '# events\n');
    await fs.writeFile(path.join(dir, 'template.yaml'), SAM_TEMPLATE);
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options?: {
        skipTaskRunOnStartup?: boolean;
      }): ServiceFactory<SchedulerService>;
    };
    const { server } = await startTestBackend({
      features: [
        infraCompliancePlugin,
        mockServices.database.factory({
          knex: await databases.init(databaseId),
        }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [componentEntity('events', { dir })],
        }),
      ],
    });
    await scheduler.triggerTask('infra-compliance-scan-shard-0-of-1');

    const res = await request(server).get(
      '/api/infra-compliance/entities/component/default/events/sarif',
    );
    expect(res.status).toBe(200);
    const results = JSON.parse(res.text).runs[0].results as any[];
    const generated = (ruleId: string) =>
      results
        .filter(result => result.ruleId === ruleId)
        .map(result => result.properties.generatedResourceId)
        .sort();
    expect(generated('DLQ-005')).toEqual(['FnOne', 'FnTwo']);

    // The CLI's SARIF of the same tree says the same.
    const cli = toSarif(await scanPath(dir)).runs[0].results as any[];
    expect(
      cli
        .filter(result => result.ruleId === 'DLQ-005')
        .map(result => result.properties.generatedResourceId)
        .sort(),
    ).toEqual(['FnOne', 'FnTwo']);
  });
});

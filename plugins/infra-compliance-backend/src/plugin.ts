import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { durationToMilliseconds } from '@backstage/types';
import { infraCompliancePermissions } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { registerInfraComplianceActions } from './actions';
import { readInfraComplianceConfig } from './config';
import { ComplianceStore } from './database/ComplianceStore';
import { applyDatabaseMigrations } from './database/migrations';
import { ComplianceNotifier } from './notifications/ComplianceNotifier';
import { PushScanQueue } from './events/PushScanQueue';
import { ScanOnPush } from './events/ScanOnPush';
import { EntityScanner } from './scanning/EntityScanner';
import { readEngineSignature } from './scanning/engineSignature';
import { OrgScanner } from './scanning/OrgScanner';
import { ComplianceOperations } from './service/ComplianceOperations';
import { QueuedScans } from './scanning/QueuedScans';
import { createRouter } from './service/router';
import { scheduleScanRetention } from './service/scanRetention';
import { scheduleWaiverExpiry } from './service/waiverExpiry';

/**
 * Infra Compliance backend plugin: scans the catalog's repositories for
 * infrastructure-as-code failures on a schedule, on demand and on push, keeps
 * findings with their history, and serves scorecards, findings, trends,
 * waivers and SARIF under /api/infra-compliance, and registers actions
 * for AI assistants (served as MCP tools by the MCP actions backend).
 *
 * @public
 */
export const infraCompliancePlugin = createBackendPlugin({
  pluginId: 'infra-compliance',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        urlReader,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        auditor,
        discovery,
        lifecycle,
        catalog,
        notifications,
        events,
        actionsRegistry,
      }) {
        const settings = readInfraComplianceConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }
        const store = new ComplianceStore(knex, logger);
        // Off by default: without the notifications backend every send would fail.
        const notifier = settings.notifications.enabled
          ? new ComplianceNotifier({
              notifications,
              store,
              logger,
              config: settings.notifications,
            })
          : undefined;
        const scanner = new EntityScanner({
          store,
          urlReader,
          logger,
          lockTimeoutMs: settings.lockTimeoutMs,
          engineSignature: readEngineSignature({ logger }),
          kinds: settings.kinds,
          notifier,
        });
        // On demand and on push: the scheduler stops the scheduled scans, this the others.
        const queuedScans = new QueuedScans({
          scanner,
          timeoutMs: durationToMilliseconds(settings.schedule.timeout),
          logger,
        });
        lifecycle.addShutdownHook(() => queuedScans.stop());
        const orgScanner = new OrgScanner({
          config: settings,
          catalog,
          auth,
          store,
          scanner,
          logger,
        });

        permissionsRegistry.addPermissions([...infraCompliancePermissions]);

        const scmIntegrations = ScmIntegrations.fromConfig(config);
        const operationsOptions = {
          config: settings,
          store,
          scanner,
          queuedScans,
          catalog,
          auth,
          permissions,
          auditor,
          logger,
        };
        // One for the REST API and the actions: what a user may read is
        // listed once for both.
        const operations = new ComplianceOperations(operationsOptions);
        httpRouter.use(
          await createRouter({
            ...operationsOptions,
            operations,
            httpAuth,
            scmIntegrations,
            discovery,
          }),
        );
        registerInfraComplianceActions({
          actionsRegistry,
          operations,
          config: settings,
          scmIntegrations,
        });

        if (settings.events.enabled) {
          await new ScanOnPush({
            store,
            catalog,
            auth,
            integrations: scmIntegrations,
            queue: new PushScanQueue({
              scanner,
              scans: queuedScans,
              store,
              concurrency: settings.concurrency,
              timeoutMs: durationToMilliseconds(settings.schedule.timeout),
              logger,
            }),
            logger,
          }).subscribe(events);
        }

        await orgScanner.schedule(scheduler);
        await scheduleWaiverExpiry({ scheduler, store, logger, notifier });
        await scheduleScanRetention({
          scheduler,
          store,
          logger,
          retentionMs: settings.scanRetentionMs,
        });
        logger.info(
          `Infra Compliance: ${settings.shards} shard(s), concurrency ${
            settings.concurrency
          }, kinds ${settings.kinds.join(', ')}`,
        );
      },
    });
  },
});

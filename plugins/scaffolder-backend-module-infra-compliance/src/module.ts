import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createInfraComplianceScanAction } from './actions/scan';

/**
 * Adds the `infra-compliance:scan` action to the Scaffolder: a template
 * step that scans the infrastructure code the template generated.
 *
 * @public
 */
export const scaffolderModuleInfraCompliance = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'infra-compliance',
  register(env) {
    env.registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(createInfraComplianceScanAction());
      },
    });
  },
});

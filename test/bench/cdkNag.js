/**
 * cdk-nag on CloudFormation templates, for `yarn bench --cdk-nag <dir>`:
 * the comparison the speed target of the scanner is set against, run on the
 * same machine. cdk-nag judges CDK apps; a template not written with the
 * CDK is checked by including it in a stack (aws-cdk-lib's
 * cloudformation-include), as cdk-nag's users do. Not part of the
 * repository's dependencies: `<dir>` is a node_modules folder holding
 * aws-cdk-lib, constructs and cdk-nag, installed apart
 * (`npm install --prefix /tmp/cdk-nag aws-cdk-lib constructs cdk-nag`).
 *
 *   node cdkNag.js filter <templates> <list.json>
 *     writes the templates (relative paths) that cloudformation-include
 *     reads and that synthesize alone (one app each, no check): cdk-nag
 *     cannot judge the others, which fail the synthesis of an app
 *   node cdkNag.js check <templates>
 *     one app, each template a stack, cdk-nag's AwsSolutions pack as the
 *     app's validation plugin, one synthesis: exits 0 when the checks ran
 *     (a report of failures included), 1 otherwise
 *
 * CDK_NAG_MODULES names the node_modules folder.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

const modules = process.env.CDK_NAG_MODULES;
if (!modules) throw new Error('CDK_NAG_MODULES is not set');
const requireInstalled = createRequire(path.join(modules, 'installed.js'));
const cdk = requireInstalled('aws-cdk-lib');
const { CfnInclude } = requireInstalled('aws-cdk-lib/cloudformation-include');

function templatesUnder(root) {
  const found = [];
  const walk = folder => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(child);
      else found.push(path.relative(root, child));
    }
  };
  walk(root);
  return found.sort();
}

/** A new app writing its cloud assembly into a temporary folder. */
function withApp(run) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-bench-'));
  try {
    return run(new cdk.App({ outdir }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const [mode, root, list] = process.argv.slice(2);
if (mode === 'filter') {
  const synthesized = templatesUnder(root).filter(template =>
    withApp(app => {
      try {
        const stack = new cdk.Stack(app, 'Template');
        new CfnInclude(stack, 'Included', {
          templateFile: path.join(root, template),
        });
        app.synth();
        return true;
      } catch {
        return false;
      }
    }),
  );
  fs.writeFileSync(list, JSON.stringify(synthesized));
} else if (mode === 'check') {
  const { AwsSolutionsChecks } = requireInstalled('cdk-nag');
  withApp(app => {
    templatesUnder(root).forEach((template, index) => {
      const stack = new cdk.Stack(app, `Template${index}`);
      new CfnInclude(stack, 'Included', {
        templateFile: path.join(root, template),
      });
    });
    cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      // The checks ran and found failures: synthesis stops with their report.
      if (!String(error && error.message).startsWith('Validation failed'))
        throw error;
    }
  });
} else {
  throw new Error(`usage: node cdkNag.js filter|check <templates> [list]`);
}

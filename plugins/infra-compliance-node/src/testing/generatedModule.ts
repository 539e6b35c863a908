import { runInThisContext } from 'node:vm';
import ts from 'typescript';

/**
 * The exports of a module a generator writes (adapters/cdk's l1Types.ts, enums.ts; analysis/taggableTypes.ts), run as
 * the engine runs it: compiled to CommonJS, its imports of support/ the project's own. Its TypeScript must have no
 * syntax error.
 */
export function runGeneratedModule(source: string): Record<string, unknown> {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS },
  });
  if (diagnostics?.length)
    throw new Error(
      ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n'),
    );
  const module = { exports: {} as Record<string, unknown> };
  // Written to sit in adapters/cdk, or beside testing/ (analysis/), whose imports resolve from here as they are.
  const requireFromCdk = (specifier: string) =>
    require(specifier.replace(/^\.\.\/\.\.\/support\//, '../support/'));
  runInThisContext(`(function (require, module, exports) {\n${outputText}\n})`)(
    requireFromCdk,
    module,
    module.exports,
  );
  return module.exports;
}

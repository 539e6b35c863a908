/**
 * Validates SARIF logs against the SARIF 2.1.0 JSON schema, read from the
 * npm package that ships it (@microsoft/jest-sarif, Microsoft's SARIF JS
 * SDK: `lib/schemas/sarif-2.1.0-rtm.5.json`, the SchemaStore copy of the
 * 2.1.0 schema). The file declares JSON Schema draft-04, hence ajv-draft-04.
 *
 * That copy predates SARIF 2.1.0 errata 01, which (besides using `format:
 * uuid` for GUIDs) fixed the `language` pattern
 * `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`: it is not a valid regular
 * expression in Unicode mode, so patterns are compiled without the `u` flag
 * (`unicodeRegExp: false`), which is how the schema was written to be read.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_PATH = require.resolve(
  '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
);

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = require(SARIF_SCHEMA_PATH);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** The schema violations of a SARIF log: empty when it is valid. */
export function validateSarif(log: unknown): string[] {
  validator ??= compile();
  if (validator(log)) return [];
  return (validator.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '/'} ${error.message}`,
  );
}

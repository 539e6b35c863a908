import { hash } from 'node:crypto';

/**
 * The logical id CDK gives a resource from its path below its stack (core/lib/private/uniqueid.ts,
 * makeUniqueId): without `Default` parts, a path of one part is that part alphanumeric, else the parts without
 * `Resource`, those the part before ends with and what is not alphanumeric, then the start of the MD5 of the path.
 */
export function uniqueId(path: readonly string[]): string {
  const parts = path.filter(part => part !== 'Default');
  const alphanumeric = (part: string) => part.replace(/[^A-Za-z0-9]/g, '');
  if (parts.length === 1 && alphanumeric(parts[0]).length <= 255)
    return alphanumeric(parts[0]);
  // A part the one kept before it ends with is dropped (`OrdersQueue/Queue` reads `OrdersQueue`).
  const kept: string[] = [];
  for (const part of parts)
    if (kept.length === 0 || !kept[kept.length - 1].endsWith(part))
      kept.push(part);
  const human = kept
    .filter(part => part !== 'Resource')
    .map(alphanumeric)
    .join('')
    .slice(0, 240);
  return `${human}${hash('md5', parts.join('/'), 'hex')
    .slice(0, 8)
    .toUpperCase()}`;
}

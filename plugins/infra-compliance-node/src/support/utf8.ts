/** The offset of the first byte of `bytes` that is not UTF-8 (the length of the longest prefix that decodes). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection (a prefix cut mid-character also fails, hence the slack).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), {
        stream: true,
      });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

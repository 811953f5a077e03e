/**
 * The text filters a content stream may use besides Flate: ASCIIHexDecode and ASCII85Decode. Their output is never
 * larger than their input, so they need no cap.
 */

/** Returns the bytes an ASCIIHexDecode or ASCII85Decode stream holds (bad characters skipped, as readers do). */
export function decodeAsciiFilter(filter: 'ASCIIHexDecode' | 'ASCII85Decode', data: Uint8Array): Uint8Array {
  return filter === 'ASCIIHexDecode' ? decodeHex(data) : decode85(data);
}

/** Returns the bytes of hex digits up to `>` (an odd last digit counts as followed by 0). */
function decodeHex(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2));
  let n = 0;
  let high = -1;
  for (const b of data) {
    if (b === 0x3e) break;
    const v = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1;
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[n++] = high * 16 + v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high * 16;
  return out.subarray(0, n);
}

/** Returns the bytes of base-85 text up to `~>` (`z` for four zeros, a short last group padded). */
function decode85(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length * 4 + 4);
  let n = 0;
  const group: number[] = [];
  const emit = (count: number): void => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    for (let i = 0; i < count; i++) out[n++] = (value >>> (24 - 8 * i)) & 0xff;
    group.length = 0;
  };
  for (const b of data) {
    if (b === 0x7e) break;
    if (b === 0x7a && group.length === 0) {
      n += 4;
      continue;
    }
    if (b < 0x21 || b > 0x75) continue;
    group.push(b - 0x21);
    if (group.length === 5) emit(4);
  }
  if (group.length > 1) emit(group.length - 1);
  return out.subarray(0, n);
}

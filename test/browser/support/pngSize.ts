/** Pixel size of a PNG, read from its IHDR chunk. */
export interface PngSize {
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

const SIGNATURE = '89504e470d0a1a0a';

/** Reads a PNG's width and height (bytes 16–23); throws when the bytes are not a PNG at all. */
export function pngSize(bytes: Buffer): PngSize {
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== SIGNATURE || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: bytes.length };
}

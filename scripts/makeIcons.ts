// Draws the app icons (public/icons/*.png): a sound wave on the theme colour. The PNGs are
// committed; run `npx tsx scripts/makeIcons.ts` after changing the drawing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [0x1f, 0x29, 0x37];
const WAVE: Rgb = [0x7d, 0xa2, 0xff];
// Bar heights of the wave, as fractions of the glyph's height.
const BARS = [0.3, 0.55, 0.85, 1, 0.7, 0.45, 0.25];
const SUBSAMPLES = 4;

/** Signed distance from (x, y) to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x: number, y: number, cx: number, cy: number, halfW: number, halfH: number, radius: number): number {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * An RGBA icon of `size` pixels. `maskable` fills the whole square (the platform crops it) and
 * keeps the wave inside the central safe zone; otherwise the background is a rounded square.
 */
function drawIcon(size: number, maskable: boolean): Uint8Array {
  const glyph = maskable ? 0.5 : 0.62; // wave width and height, as a fraction of the icon
  const barPitch = glyph / BARS.length;
  const barHalfWidth = barPitch * 0.3;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let backgroundCover = 0;
      let waveCover = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          const inBackground = maskable || roundedRect(x, y, 0.5, 0.5, 0.5, 0.5, 0.22) <= 0;
          if (!inBackground) continue;
          backgroundCover++;
          const bar = Math.floor((x - (0.5 - glyph / 2)) / barPitch);
          if (bar < 0 || bar >= BARS.length) continue;
          const cx = 0.5 - glyph / 2 + (bar + 0.5) * barPitch;
          const halfHeight = (BARS[bar] * glyph) / 2;
          if (roundedRect(x, y, cx, 0.5, barHalfWidth, halfHeight, barHalfWidth) <= 0) waveCover++;
        }
      }
      const samples = SUBSAMPLES * SUBSAMPLES;
      const wave = backgroundCover === 0 ? 0 : waveCover / backgroundCover;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = Math.round(BACKGROUND[c] * (1 - wave) + WAVE[c] * wave);
      pixels[offset + 3] = Math.round((backgroundCover / samples) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), typed.length + 4);
  return out;
}

/** An 8-bit RGBA PNG (filter 0 on every row; deflate does the rest on these flat images). */
function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
] as const) {
  const png = encodePng(size, drawIcon(size, maskable));
  writeFileSync(path.join(outDir, name), png);
  console.log(`${name}: ${size}×${size}, ${png.length} bytes`);
}

/**
 * Draws the app's two icons and writes them to appPackage/:
 *   color.png   192x192, full colour: a white shield with a teal tick on a teal tile
 *   outline.png  32x32, white on transparent: the same shield as an outline with the tick
 *
 * Pure Node (zlib for the PNG's deflate stream); no image library, nothing downloaded.
 * Run: node --import tsx scripts/generate-app-icons.ts   (the PNGs are committed)
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Point = readonly [number, number];
type Rgba = readonly [number, number, number, number];

const TEAL: Rgba = [0x1f, 0x6f, 0x78, 255];
const WHITE: Rgba = [255, 255, 255, 255];

// ---- PNG encoding -------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (row-major, width*height*4 bytes) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Geometry (unit square, y down) -----------------------------------------------------------

function quad(p0: Point, c: Point, p1: Point, steps: number): Point[] {
  const out: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const d = t * t;
    out.push([a * p0[0] + b * c[0] + d * p1[0], a * p0[1] + b * c[1] + d * p1[1]]);
  }
  return out;
}

/** A heater shield: slightly dipped top, straight sides, curved to a point at the bottom. */
function shield(cx: number, top: number, halfWidth: number, height: number): Point[] {
  const l = cx - halfWidth;
  const r = cx + halfWidth;
  const shoulder = top + height * 0.42;
  const bottom = top + height;
  const pts: Point[] = [[l, top + height * 0.08]];
  pts.push(...quad([l, top + height * 0.08], [cx, top - height * 0.02], [cx, top + height * 0.0], 12).slice(0, -1));
  pts.push([cx, top]);
  pts.push(...quad([cx, top], [cx, top - height * 0.02], [r, top + height * 0.08], 12));
  pts.push([r, shoulder]);
  pts.push(...quad([r, shoulder], [r, top + height * 0.8], [cx, bottom], 24));
  pts.push(...quad([cx, bottom], [l, top + height * 0.8], [l, shoulder], 24));
  return pts;
}

function insidePolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as Point;
    const [xj, yj] = poly[j] as Point;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function distanceToPolyline(p: Point, pts: readonly Point[], closed: boolean): number {
  let best = Infinity;
  const n = closed ? pts.length : pts.length - 1;
  for (let i = 0; i < n; i++) best = Math.min(best, distanceToSegment(p, pts[i] as Point, pts[(i + 1) % pts.length] as Point));
  return best;
}

function insideRoundedSquare(p: Point, inset: number, radius: number): boolean {
  const x = Math.min(p[0] - inset, 1 - inset - p[0]);
  const y = Math.min(p[1] - inset, 1 - inset - p[1]);
  if (x < 0 || y < 0) return false;
  if (x >= radius || y >= radius) return true;
  return Math.hypot(radius - x, radius - y) <= radius;
}

/** Renders with 4x4 supersampling: `paint` returns the colour at a point in the unit square, or undefined for transparent. */
function render(size: number, paint: (p: Point) => Rgba | undefined): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = paint([(x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size]);
          if (!c) continue;
          const w = c[3] / 255;
          r += c[0] * w;
          g += c[1] * w;
          b += c[2] * w;
          a += w;
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((a / (ss * ss)) * 255);
      }
    }
  }
  return out;
}

const TICK: Point[] = [
  [0.36, 0.5],
  [0.46, 0.6],
  [0.65, 0.38],
];

export function colorIcon(): Buffer {
  const outer = shield(0.5, 0.17, 0.27, 0.68);
  return encodePng(
    192,
    192,
    render(192, (p) => {
      if (!insideRoundedSquare(p, 0, 0.18)) return undefined;
      if (insidePolygon(p, outer)) return distanceToPolyline(p, TICK, false) < 0.045 ? TEAL : WHITE;
      return TEAL;
    }),
  );
}

export function outlineIcon(): Buffer {
  // 32x32, white on transparent, with a little padding as Teams asks.
  const outer = shield(0.5, 0.1, 0.33, 0.8);
  const tick: Point[] = [
    [0.34, 0.5],
    [0.46, 0.62],
    [0.67, 0.36],
  ];
  return encodePng(
    32,
    32,
    render(32, (p) => {
      const onTick = distanceToPolyline(p, tick, false) < 0.05;
      const onEdge = insidePolygon(p, outer) && distanceToPolyline(p, outer, true) < 0.07;
      return onTick || onEdge ? WHITE : undefined;
    }),
  );
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}

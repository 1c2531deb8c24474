/** Placeholder images the store serves itself: a pastel background and one simple shape per image. */
import type { ServerResponse } from 'node:http';
import { escapeHtml } from './http-utils.ts';

/** FNV-1a, 32-bit: a stable number per image key. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function polygon(cx: number, cy: number, r: number, sides: number, rotation: number): string {
  const points: string[] = [];
  for (let i = 0; i < sides; i++) {
    const angle = rotation + (i * 2 * Math.PI) / sides;
    points.push(`${(cx + r * Math.cos(angle)).toFixed(1)},${(cy + r * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(' ');
}

const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'hexagon', 'pebbles'] as const;

/** An SVG of exactly `width` x `height`, its colour and shape chosen by `key`. */
export function renderProductSvg(key: string, width: number, height: number, label: string): string {
  const h = hash(key);
  const hue = h % 360;
  const shape = SHAPES[(h >>> 9) % SHAPES.length] ?? 'circle';
  const cx = width / 2;
  const cy = height / 2;
  const r = Math.min(width, height) * 0.28;
  const fill = `hsl(${hue} 55% 52%)`;
  const accent = `hsl(${(hue + 40) % 360} 70% 78%)`;
  let figure: string;
  switch (shape) {
    case 'circle':
      figure = `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`;
      break;
    case 'square':
      figure = `<rect x="${cx - r}" y="${cy - r}" width="${2 * r}" height="${2 * r}" rx="${r * 0.18}" fill="${fill}"/>`;
      break;
    case 'triangle':
      figure = `<polygon points="${polygon(cx, cy + r * 0.15, r * 1.15, 3, -Math.PI / 2)}" fill="${fill}"/>`;
      break;
    case 'diamond':
      figure = `<polygon points="${polygon(cx, cy, r * 1.1, 4, -Math.PI / 2)}" fill="${fill}"/>`;
      break;
    case 'hexagon':
      figure = `<polygon points="${polygon(cx, cy, r * 1.05, 6, 0)}" fill="${fill}"/>`;
      break;
    case 'pebbles':
      figure =
        `<ellipse cx="${cx - r * 0.45}" cy="${cy + r * 0.2}" rx="${r * 0.75}" ry="${r * 0.55}" fill="${fill}"/>` +
        `<ellipse cx="${cx + r * 0.5}" cy="${cy - r * 0.25}" rx="${r * 0.6}" ry="${r * 0.45}" fill="${fill}" opacity="0.8"/>`;
      break;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeHtml(label)}</title>` +
    `<rect width="${width}" height="${height}" fill="hsl(${hue} 45% 93%)"/>` +
    `<circle cx="${width * 0.82}" cy="${height * 0.18}" r="${r * 0.35}" fill="${accent}"/>` +
    figure +
    `</svg>`
  );
}

export function renderLogoSvg(): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img">' +
    '<title>Goodsie Demo Store</title>' +
    '<rect width="128" height="128" rx="28" fill="#2f6f5e"/>' +
    '<circle cx="64" cy="64" r="34" fill="none" stroke="#f4efe6" stroke-width="12"/>' +
    '<rect x="64" y="58" width="34" height="12" fill="#f4efe6"/>' +
    '</svg>'
  );
}

/**
 * Answers `res` with a 600 x 600 drawing for `key`, as a picture host would: cacheable, loadable by
 * another origin's page, and inert (its own CSP). For the platforms' picture-host stand-ins.
 */
export function sendPicture(res: ServerResponse, key: string, label: string): void {
  res
    .writeHead(200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .end(renderProductSvg(key, 600, 600, label));
}

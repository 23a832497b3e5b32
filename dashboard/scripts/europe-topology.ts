import { readFileSync } from 'node:fs';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';

/**
 * The map's topology, cut at build time from world-atlas's countries at 1:50m: only the
 * countries that reach into Europe's box, without their polygons that lie wholly outside it
 * (Russia's Pacific coast, the overseas departments), and only the arcs those still use.
 * The browser draws it with topojson-client and d3-geo: no tile server, nothing fetched
 * from outside.
 */

/** West, south, east, north, in degrees: a little more than the map shows. */
export const EUROPE_BOX = [-26, 32, 46, 72] as const;

type Box = [number, number, number, number];

function intersects(a: Box, b: readonly [number, number, number, number]): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** The arcs in degrees: world-atlas stores them quantized and delta-encoded. */
function arcBoxes(topology: Topology): Box[] {
  const [sx, sy] = topology.transform!.scale;
  const [tx, ty] = topology.transform!.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [dx, dy] of arc) {
      x += dx;
      y += dy;
      const lon = x * sx + tx;
      const lat = y * sy + ty;
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
    return box;
  });
}

/** An arc index as a ring holds it: ~i is arc i reversed. */
const arcOf = (index: number) => (index < 0 ? ~index : index);

export function europeTopology(worldAtlasFile: string): Topology {
  const world = JSON.parse(readFileSync(worldAtlasFile, 'utf8')) as Topology;
  const boxes = arcBoxes(world);
  const ringBox = (ring: number[]): Box =>
    ring
      .map((index) => boxes[arcOf(index)])
      .reduce<Box>(
        (all, box) => [
          Math.min(all[0], box[0]),
          Math.min(all[1], box[1]),
          Math.max(all[2], box[2]),
          Math.max(all[3], box[3]),
        ],
        [Infinity, Infinity, -Infinity, -Infinity],
      );
  const countries = world.objects.countries as GeometryCollection;
  const kept: (Polygon | MultiPolygon)[] = [];
  for (const geometry of countries.geometries) {
    const polygons =
      geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
    // A polygon stays when its outer ring reaches into the box.
    const inside = polygons.filter((polygon) => intersects(ringBox(polygon[0]), EUROPE_BOX));
    if (inside.length === 0) continue;
    kept.push(
      inside.length === 1
        ? { type: 'Polygon', arcs: inside[0], id: geometry.id }
        : { type: 'MultiPolygon', arcs: inside, id: geometry.id },
    );
  }
  // Renumber the arcs still used, in their first-use order.
  const renumbered = new Map<number, number>();
  const arcs: Topology['arcs'] = [];
  const renumber = (index: number) => {
    const old = arcOf(index);
    let next = renumbered.get(old);
    if (next === undefined) {
      next = arcs.length;
      renumbered.set(old, next);
      arcs.push(world.arcs[old]);
    }
    return index < 0 ? ~next : next;
  };
  for (const geometry of kept) {
    if (geometry.type === 'Polygon') geometry.arcs = geometry.arcs.map((ring) => ring.map(renumber));
    else geometry.arcs = geometry.arcs.map((polygon) => polygon.map((ring) => ring.map(renumber)));
  }
  return {
    type: 'Topology',
    transform: world.transform,
    arcs,
    objects: { countries: { type: 'GeometryCollection', geometries: kept } },
  };
}

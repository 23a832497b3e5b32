import { type GeoPermissibleObjects, geoAzimuthalEqualArea, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { s, uid } from './dom';
import { type Town, townOf } from './towns';

/**
 * The map of Europe: countries from the topology the build cut from world-atlas (served by
 * the dashboard itself, see scripts/europe-topology.ts), projected with d3-geo into an SVG,
 * with a marker for each town where a partner is or a meeting was. It is a picture with a
 * title and a description; the same places are listed in text beside it.
 */

export interface Place {
  /** The town as the graph names it. */
  town: string;
  partner: boolean;
  meeting: boolean;
  /** What a pointer's tooltip says: the partners and meetings there. */
  details: string[];
}

/** ISO 3166-1 numeric ids (world-atlas's) of the partners' countries, drawn darker. */
const NUMERIC_IDS: Record<string, string> = { FR: '250', PL: '616', DE: '276', HR: '191', AT: '040' };

const WIDTH = 640;
const HEIGHT = 500;

let topology: Promise<Topology> | undefined;

/** The topology's URL is in index.html (a preload link with a hashed name); fetched once. */
function loadTopology(): Promise<Topology> {
  const link = document.getElementById('map-topology') as HTMLLinkElement | null;
  if (!link) return Promise.reject(new Error('index.html names no map topology'));
  topology ??= fetch(link.href).then((response) => {
    if (!response.ok) throw new Error(`map topology: HTTP ${response.status}`);
    return response.json() as Promise<Topology>;
  });
  return topology;
}

export async function drawMap(options: {
  places: Place[];
  partnerCountries: string[];
  title: string;
  description: string;
}): Promise<SVGSVGElement> {
  const world = await loadTopology();
  const countries = world.objects.countries as GeometryCollection;
  const highlighted = new Set(options.partnerCountries.map((code) => NUMERIC_IDS[code]).filter(Boolean));

  // Lambert azimuthal equal-area centred on Europe (as ETRS89-LAEA), fitted to the frame.
  const frame: GeoPermissibleObjects = {
    type: 'MultiPoint',
    coordinates: [
      [-4.5, 42],
      [25, 41],
      [-3, 55.5],
      [24, 55.5],
    ],
  };
  const projection = geoAzimuthalEqualArea()
    .rotate([-10, -52])
    .fitExtent(
      [
        [12, 12],
        [WIDTH - 12, HEIGHT - 12],
      ],
      frame,
    )
    .clipExtent([
      [0, 0],
      [WIDTH, HEIGHT],
    ]);
  const path = geoPath(projection);

  const titleId = uid('map-title');
  const descId = uid('map-desc');
  const land = feature(world, countries);
  const svg = s(
    'svg',
    {
      class: 'map',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      preserveAspectRatio: 'xMidYMid meet',
    },
    s('title', { id: titleId }, options.title),
    s('desc', { id: descId }, options.description),
    s('rect', { class: 'map-sea', x: 0, y: 0, width: WIDTH, height: HEIGHT }),
    s(
      'g',
      { class: 'map-countries' },
      land.features.map((country) =>
        s('path', {
          d: path(country) ?? '',
          class: highlighted.has(String(country.id)) ? 'map-country map-country-partner' : 'map-country',
        }),
      ),
    ),
    s('path', {
      class: 'map-borders',
      d: path(mesh(world, countries, (a, b) => a !== b)) ?? '',
    }),
  );

  // One marker per town: a filled dot for a partner, a ring for a meeting, both where both.
  const markers = s('g', { class: 'map-markers' });
  const labels = s('g', { class: 'map-labels' });
  const drawn = new Map<Town, Place>();
  for (const place of options.places) {
    const town = townOf(place.town);
    if (!town) continue;
    const previous = drawn.get(town);
    drawn.set(
      town,
      previous
        ? {
            town: previous.town,
            partner: previous.partner || place.partner,
            meeting: previous.meeting || place.meeting,
            details: [...previous.details, ...place.details],
          }
        : place,
    );
  }
  for (const [town, place] of drawn) {
    const point = projection([town.lon, town.lat]);
    if (!point) continue;
    const [x, y] = point;
    const marker = s('g', { class: 'map-marker' }, s('title', {}, [place.town, ...place.details].join('\n')));
    if (place.meeting) marker.append(s('circle', { class: 'map-meeting', cx: x, cy: y, r: 9 }));
    if (place.partner) marker.append(s('circle', { class: 'map-partner', cx: x, cy: y, r: 5 }));
    markers.append(marker);
    // Offsets in em: at phone width the labels and markers are drawn larger (styles.css).
    const [dx, dy, anchor] = {
      left: ['-0.85em', '0.35em', 'end'],
      right: ['0.85em', '0.35em', 'start'],
      above: ['0', '-0.85em', 'middle'],
      below: ['0', '1.5em', 'middle'],
    }[town.label];
    labels.append(s('text', { class: 'map-label', x, y, dx, dy, 'text-anchor': anchor }, town.name));
  }
  svg.append(markers, labels);

  return svg;
}

/**
 * Where the network's towns are: the graph gives town names, not coordinates, so the map
 * places them from this table (longitude, latitude in degrees, WGS 84, to about 1 km; from
 * the towns' centres). `label` says on which side of its marker the name goes, so that
 * neighbours do not overlap.
 */
export interface Town {
  name: string;
  lon: number;
  lat: number;
  label: 'left' | 'right' | 'above' | 'below';
}

export const TOWNS: readonly Town[] = [
  { name: 'Saint-Germain-en-Laye', lon: 2.094, lat: 48.899, label: 'above' },
  { name: 'Nîmes', lon: 4.36, lat: 43.837, label: 'left' },
  { name: 'Scy-Chazelles', lon: 6.114, lat: 49.114, label: 'right' },
  { name: 'Metz', lon: 6.176, lat: 49.119, label: 'above' },
  { name: 'Warsaw', lon: 21.012, lat: 52.23, label: 'right' },
  { name: 'Sosnowiec', lon: 19.104, lat: 50.286, label: 'left' },
  { name: 'Potsdam', lon: 13.065, lat: 52.391, label: 'left' },
  { name: 'Dubrovnik', lon: 18.094, lat: 42.651, label: 'left' },
  { name: 'Villach', lon: 13.856, lat: 46.61, label: 'left' },
];

const byName = new Map(TOWNS.map((town) => [town.name.toLowerCase(), town]));
/** Other spellings the graph or a user may give. */
const ALIASES: Record<string, string> = { warszawa: 'warsaw', varsovie: 'warsaw', nimes: 'nîmes' };

/**
 * The town a name of the graph stands for: an exact match, else the first known town the
 * name starts with ("Scy-Chazelles and Metz" is placed at Scy-Chazelles). Null when unknown:
 * the town is then listed but not drawn.
 */
export function townOf(name: string): Town | null {
  const key = name.trim().toLowerCase();
  const exact = byName.get(ALIASES[key] ?? key);
  if (exact) return exact;
  return TOWNS.find((town) => key.startsWith(town.name.toLowerCase())) ?? null;
}

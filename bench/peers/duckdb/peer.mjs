// peer.mjs: the DuckDB peer of bench/run. What an analyst would write
// instead of C: the three exports into DuckDB (embedded, both cores), the
// key figures and the Kommunen table of ikz-report in SQL, with the job's
// definitions (docs/definitions.md), written as CSV.
//
//   node peer.mjs INPUT_DIR OUTPUT_DIR [STICHTAG [OZG_SEIT]]
//
// INPUT_DIR holds kommunen.csv (the native register), projekte.csv and
// beteiligungen.csv; OUTPUT_DIR gets kennzahlen.csv (kennzahl;wert) and
// kommunen.csv (ags;einwohner;projekte;federfuehrend;ozg_projekte), which
// bench/peers/agree compares with the job's. Like the job on a clean
// export: every Land of the register (--land alle), no territorial changes.
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';

const [input, output, stichtag = '2024-12-31', ozgSeit = '2021-01-01'] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node peer.mjs INPUT_DIR OUTPUT_DIR [STICHTAG [OZG_SEIT]]');
  process.exit(64);
}
const file = (name) => `'${join(input, name).replaceAll("'", "''")}'`;
const out = (name) => `'${join(output, name).replaceAll("'", "''")}'`;
const csv = (name) => `read_csv(${file(name)}, delim = ';', header = true, all_varchar = true, quote = '"')`;
// Dates as the exports write them: 31.12.2024 or 2024-12-31.
const date = (c) => `coalesce(try_strptime(${c}, '%d.%m.%Y'), try_strptime(${c}, '%Y-%m-%d'))::DATE`;
// Amounts: 86.000,50 (German) or 86000.50; exact, in cents.
const cents = (c) => `CASE WHEN nullif(${c}, '') IS NULL THEN NULL
  WHEN ${c} LIKE '%,%' THEN round(CAST(replace(replace(${c}, '.', ''), ',', '.') AS DECIMAL(18,2)) * 100)::BIGINT
  ELSE round(CAST(${c} AS DECIMAL(18,2)) * 100)::BIGINT END`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const db = await instance.connect();
const S = `DATE '${stichtag}'`;
await db.run(`
CREATE TABLE kom AS
  SELECT ags, art, nullif(einwohner, '')::BIGINT AS einwohner,
         art IN ('Landkreis', 'Kreis', 'Regionalverband') AS is_kreis
  FROM ${csv('kommunen.csv')};
CREATE TABLE pa AS
  SELECT projekt_id, aufgabenbereich AS area, ${date('bewilligt_am')} AS bew,
         ${cents('foerderbetrag_eur')} AS foerder, ${cents('ausgangskosten_eur_jahr')} AS kosten,
         ${cents('einsparung_eur_jahr')} AS einsparung
  FROM ${csv('projekte.csv')}
  WHERE ${date('bewilligt_am')} <= ${S}
    AND (nullif(widerrufen_am, '') IS NULL OR ${date('widerrufen_am')} > ${S});
ALTER TABLE pa ADD COLUMN ozg BOOLEAN;
UPDATE pa SET ozg = area = 'OZG' AND bew >= DATE '${ozgSeit}';
CREATE TABLE bp AS
  SELECT b.projekt_id, b.ags, bool_or(lower(b.rolle) IN ('federfuehrend', 'federführend')) AS lead, any_value(pa.ozg) AS ozg
  FROM ${csv('beteiligungen.csv')} b JOIN pa USING (projekt_id) JOIN kom USING (ags)
  GROUP BY b.projekt_id, b.ags;
CREATE TABLE ck AS
  SELECT kom.ags, kom.is_kreis, kom.einwohner, count(bp.projekt_id) AS c,
         count(bp.projekt_id) FILTER (WHERE bp.lead) AS lead, count(bp.projekt_id) FILTER (WHERE bp.ozg) AS ozg
  FROM kom LEFT JOIN bp USING (ags) GROUP BY ALL;
CREATE TABLE np AS
  SELECT pa.projekt_id, count(bp.ags) AS n FROM pa LEFT JOIN bp USING (projekt_id) GROUP BY ALL;
`);

// Spearman over the Gemeinden: Pearson on ranks, ties at their mean rank.
const figures = `
WITH g AS (SELECT einwohner AS x, c AS y FROM ck WHERE NOT is_kreis),
     r AS (SELECT rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0 AS rx,
                  rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0 AS ry FROM g),
     m AS (SELECT * FROM pa WHERE kosten IS NOT NULL AND einsparung IS NOT NULL)
SELECT * FROM (VALUES
  ('kommunen_gesamt', (SELECT count(*) FROM kom)::DOUBLE),
  ('gemeinden_gesamt', (SELECT count(*) FROM kom WHERE NOT is_kreis)),
  ('kreise_gesamt', (SELECT count(*) FROM kom WHERE is_kreis)),
  ('projekte_gefoerdert', (SELECT count(*) FROM pa)),
  ('beteiligungen', (SELECT count(*) FROM bp)),
  ('kommunen_beteiligt', (SELECT count(*) FROM ck WHERE c > 0)),
  ('gemeinden_beteiligt', (SELECT count(*) FROM ck WHERE c > 0 AND NOT is_kreis)),
  ('kreise_beteiligt', (SELECT count(*) FROM ck WHERE c > 0 AND is_kreis)),
  ('anteil_kommunen_beteiligt_prozent', (SELECT 100.0 * count(*) FILTER (WHERE c > 0) / count(*) FROM ck)),
  ('projekte_je_kommune_mittelwert', (SELECT avg(c) FROM ck)),
  ('projekte_je_kommune_median', (SELECT median(c) FROM ck)),
  ('projekte_je_kommune_stdabw', (SELECT stddev_samp(c) FROM ck)),
  ('projekte_je_kommune_q1', (SELECT quantile_cont(c, 0.25) FROM ck)),
  ('projekte_je_kommune_q3', (SELECT quantile_cont(c, 0.75) FROM ck)),
  ('projekte_je_kommune_max', (SELECT max(c) FROM ck)),
  ('beteiligte_je_projekt_mittelwert', (SELECT avg(n) FROM np)),
  ('beteiligte_je_projekt_median', (SELECT median(n) FROM np)),
  ('beteiligte_je_projekt_stdabw', (SELECT stddev_samp(n) FROM np)),
  ('beteiligte_je_projekt_min', (SELECT min(n) FROM np)),
  ('beteiligte_je_projekt_max', (SELECT max(n) FROM np)),
  ('ozg_kooperationen', (SELECT count(*) FROM pa WHERE ozg)),
  ('ozg_gemeinden', (SELECT count(*) FROM ck WHERE ozg > 0 AND NOT is_kreis)),
  ('ozg_kommunen', (SELECT count(*) FROM ck WHERE ozg > 0)),
  ('foerdersumme_eur', (SELECT sum(foerder) / 100.0 FROM pa)),
  ('projekte_mit_einsparungsangabe', (SELECT count(*) FROM m)),
  ('projekte_ohne_einsparungsangabe', (SELECT count(*) FROM pa) - (SELECT count(*) FROM m)),
  ('ausgangskosten_eur_jahr', (SELECT sum(kosten) / 100.0 FROM m)),
  ('einsparung_eur_jahr', (SELECT sum(einsparung) / 100.0 FROM m)),
  ('effizienzgewinn_prozent', (SELECT 100.0 * sum(einsparung) / sum(kosten) FROM m)),
  ('korrelation_einwohner_projekte_spearman', (SELECT corr(rx, ry) FROM r))
) AS t(kennzahl, wert)`;
await db.run(`COPY (${figures}) TO ${out('kennzahlen.csv')} (HEADER, DELIMITER ';')`);

// The Kommunen table; a Landkreis's Einwohner are its Gemeinden's.
await db.run(`COPY (
  SELECT ck.ags,
         CASE WHEN ck.is_kreis THEN (SELECT sum(g.einwohner) FROM kom g
                                     WHERE NOT g.is_kreis AND left(g.ags, 5) = ck.ags)
              ELSE ck.einwohner END AS einwohner,
         ck.c AS projekte, ck.lead AS federfuehrend, ck.ozg AS ozg_projekte
  FROM ck ORDER BY ck.ags
) TO ${out('kommunen.csv')} (HEADER, DELIMITER ';')`);

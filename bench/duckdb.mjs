// duckdb.mjs - the DuckDB peer for bench/run.sh: per-worker case count and
// points sum of a generated case list, printed as CSV worker,cases,points.
//
//   node duckdb.mjs FILE [DELIMITER] [DECIMAL_SEPARATOR] [THREADS]
//
// run.sh copies this file next to its node_modules (build/bench/node), where
// the import below resolves.  Column types are given, so DuckDB does not
// sniff them; points are DECIMAL, summed exactly as caseload does.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, delim = ',', decimalSep = '.', threads = '2'] =
  process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node duckdb.mjs FILE [DELIM] [DECSEP] [THREADS]\n');
  process.exit(2);
}

const literal = (s) => `'${s.replaceAll("'", "''")}'`;
const sql = `
  SELECT worker, count(*) AS cases, sum(points) AS points
  FROM read_csv(${literal(file)},
    header = true, delim = ${literal(delim)}, quote = '"', escape = '"',
    decimal_separator = ${literal(decimalSep)},
    columns = {'case_id': 'VARCHAR', 'worker': 'VARCHAR', 'team': 'VARCHAR',
               'category': 'VARCHAR', 'points': 'DECIMAL(18,6)',
               'opened': 'DATE'})
  GROUP BY worker
  ORDER BY worker`;

const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);

const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const lines = ['worker,cases,points'];
for (const [worker, cases, points] of reader.getRows())
  lines.push(`${cell(String(worker))},${cases},${points}`);
process.stdout.write(lines.join('\n') + '\n');

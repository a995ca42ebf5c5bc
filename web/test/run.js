/*
 * run.js - build/web/caseload.html in a real browser (Debian's chromium,
 * driven by puppeteer-core), opened from file:// as a team lead would.
 * Each check compares what the page shows and offers for download with
 * what the command line (build/caseload) writes for the same files.
 *
 *   node web/test/run.js --page build/web/caseload.html --caseload build/caseload
 *       [--chromium /usr/bin/chromium] [--screenshot docs/web.png]
 *       [--only NAME] [--bench ROWS]
 *
 * Exits 1 when a check fails; prints one line per check.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const puppeteer = require('puppeteer-core');

const opts = {
	page: 'build/web/caseload.html', caseload: 'build/caseload',
	chromium: process.env.CHROMIUM || '/usr/bin/chromium',
	screenshot: 'docs/web.png', only: null, bench: 0,
};
for (let i = 2; i < process.argv.length; i += 2)
	opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];

const root = path.resolve(__dirname, '..', '..');
/* the browser and the command line date a report in the same time zone */
process.env.TZ = process.env.TZ || 'UTC';
const pageUrl = 'file://' + path.resolve(opts.page);
const caseload = path.resolve(opts.caseload);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'caseload-web-'));
const downloads = path.join(work, 'downloads');
let failures = 0;

fs.mkdirSync(downloads);

/* ---- the command line, the reference ---- */

/* Runs caseload in the folder of the files, so that the names it prints
 * are the names the page gives them. */
function cli(args, cwd) {
	const env = { ...process.env, LC_ALL: 'C.UTF-8' };

	/* in English, as the page speaks (docs/guide.md), whatever the
	 * language of the shell that runs the test */
	delete env.LANGUAGE;
	const r = spawnSync(caseload, args, { cwd, env, encoding: 'buffer' });

	return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

function stderrLines(text) {
	return text.split('\n').filter((l) => l !== '');
}

/* ---- the page ---- */

async function open(browser) {
	const page = await browser.newPage();
	const seen = { requests: [], dialogs: [], errors: [], violations: [] };

	page.on('request', (r) => seen.requests.push(r.url()));
	page.on('dialog', (d) => {
		seen.dialogs.push(d.message());
		d.dismiss();
	});
	page.on('pageerror', (e) => seen.errors.push(e.message));
	page.on('console', (m) => {
		if (/Content Security Policy/.test(m.text()))
			seen.violations.push(m.text());
	});
	const cdp = await page.createCDPSession();
	await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
	await page.goto(pageUrl);
	await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
	return { page, seen };
}

/* Chooses the files and options as a user would and waits for the run
 * (and its downloads) to finish. */
async function choose(page, { cases, roster, config, command, fields }) {
	if (command)
		await page.select('#command', command);
	for (const [id, value] of Object.entries(fields || {}))
		await page.$eval('#' + id, (e, v) => { e.value = v; }, value);
	if (roster)
		await (await page.$('#roster')).uploadFile(roster);
	if (config)
		await (await page.$('#config')).uploadFile(config);
	await (await page.$('#cases')).uploadFile(...cases);
	return finish(page);
}

async function finish(page) {
	await page.waitForFunction(() => document.body.dataset.started &&
		document.body.dataset.done === document.body.dataset.started,
		{ timeout: Number(process.env.WEB_TEST_TIMEOUT || 120) * 1000 });
	return page.evaluate(() => {
		const pre = document.querySelector('#result pre.report');
		const frame = document.querySelector('#result iframe.report');

		return {
			status: document.body.dataset.status,
			statusText: document.getElementById('status').textContent,
			text: pre ? pre.textContent : null,
			html: frame ? frame.srcdoc : null,
			messages: Array.from(document.querySelectorAll('#result ul.diagnostics li'),
				(li) => li.textContent),
			/* an HTML report's own list of diagnostics */
			reportMessages: frame ? Array.from(frame.contentDocument.querySelectorAll(
				'#diagnostics li'), (li) => li.textContent) : null,
			links: Object.fromEntries(Array.from(document.querySelectorAll('#downloads a'),
				(a) => [a.id, a.hasAttribute('href') ? a.getAttribute('download') : null])),
		};
	});
}

/* Clicks a download link and returns the saved file's bytes. */
async function download(page, id) {
	const name = await page.$eval('#' + id, (a) => a.getAttribute('download'));
	const file = path.join(downloads, name);

	if (fs.existsSync(file))
		fs.unlinkSync(file);
	await page.click('#' + id);
	for (let i = 0; i < 100 && !fs.existsSync(file); i++)
		await new Promise((r) => setTimeout(r, 100));
	return fs.readFileSync(file);
}

/* The rows the page shows (a <pre> table's lines cut at runs of two or
 * more spaces, or an HTML report's table rows), and its whole text. */
async function shownTable(page) {
	return page.evaluate(() => {
		const pre = document.querySelector('#result pre.report');
		const frame = document.querySelector('#result iframe.report');
		const cells = (cs) => cs.map((c) => c.trim().replace(/\s+%$/, '%'));

		if (pre)
			return { text: pre.textContent, rows: pre.textContent.split('\n')
				.map((l) => cells(l.trim().split(/ {2,}/))) };
		const doc = frame.contentDocument;
		return { text: doc.body.textContent, rows: Array.from(doc.querySelectorAll('tr'),
			(tr) => cells(Array.from(tr.children, (c) => c.textContent))) };
	});
}

/* ---- checks ---- */

function check(name, ok, detail) {
	console.log((ok ? 'ok   ' : 'FAIL ') + name + (ok || !detail ? '' : ':\n' + detail));
	if (!ok)
		failures++;
}

function same(name, got, want) {
	const g = Buffer.isBuffer(got) ? got.toString('utf8') : JSON.stringify(got, null, 1);
	const w = Buffer.isBuffer(want) ? want.toString('utf8') : JSON.stringify(want, null, 1);

	check(name, g === w, 'got:\n' + g.slice(0, 2000) + '\nwant:\n' + w.slice(0, 2000));
}

/* Every worker of the JSON report is a row of the page with the same
 * team, cases, points, load and status; the summary says the same. */
function sameRows(name, { rows, text }, json) {
	const missing = [];

	for (const w of json.workers) {
		const row = rows.find((r) => r[0] === w.worker);
		const want = [w.team || '', String(w.cases), String(w.points), w.load_pct + '%', w.status];

		if (!row || !want.every((v) => v === '' || row.includes(v)))
			missing.push(JSON.stringify(want) + ' for ' + w.worker + ', row ' + JSON.stringify(row));
	}
	check(name + ': every worker\'s row as in --format json', missing.length === 0 &&
		json.workers.length > 0, missing.join('\n'));
	if (json.summary) {
		const s = json.summary;
		const flat = text.replace(/\s+/g, ' ');
		const want = [`${s.workers} workers`, `${s.over} over`, `${s.under} under`,
			`${s.ok} ok`, `${s.cases} cases`, `${s.points} points`];
		const lost = want.filter((t) => !flat.includes(t));

		check(name + ': totals as in --format json', lost.length === 0, 'missing: ' + lost.join(', '));
	}
}

/* The date a report is made, as both the page and the command line write
 * it (in the same time zone, TZ above). */
const today = () => new Date().toISOString().slice(0, 10);

/* The page's output with the day it was made as `day`: when the run
 * crossed midnight, the page wrote the day before the command line. */
function redate(bytes, from, to) {
	return from === to ? bytes : Buffer.from(bytes.toString('latin1').split(from).join(to), 'latin1');
}

/* The page's report and the command line's are the same. */
function sameReport(name, got, want, days) {
	same(name, redate(got, days[0], days[1]), want);
}

/* Two workbooks hold the same parts with the same contents, except the
 * document properties (they carry the time it was written). */
function sameWorkbook(name, got, want, days) {
	if (want.length === 0)
		return check(name + ': download-xlsx is --format xlsx', false, 'the command line wrote none');
	const parts = (bytes, tag) => {
		const file = path.join(work, tag + '.xlsx'), dir = path.join(work, tag);

		fs.rmSync(dir, { recursive: true, force: true });
		fs.writeFileSync(file, bytes);
		execFileSync('unzip', ['-q', file, '-d', dir]);
		return Object.fromEntries(fs.readdirSync(dir, { recursive: true })
			.filter((p) => fs.statSync(path.join(dir, p)).isFile() && p !== 'docProps/core.xml')
			.sort().map((p) => [p, fs.readFileSync(path.join(dir, p)).toString('utf8')]));
	};

	const page = parts(got, 'got');

	for (const p of Object.keys(page))
		page[p] = page[p].split(days[0]).join(days[1]);
	same(name + ': download-xlsx is --format xlsx', page, parts(want, 'want'));
}

/* Runs the page on files (choose()) and checks it against the command
 * line `caseload ARGV -f FORMAT -- NAMES` run in cwd. */
async function report(browser, name, files, cwd, argv, extra) {
	const { page, seen } = await open(browser);
	const days = [today()];
	const shown = await choose(page, files);
	const split = argv.indexOf('--');
	const run = (format) => cli(argv.slice(0, split).concat(format, argv.slice(split)), cwd);
	const table = run(['-f', shown.html !== null ? 'html' : 'table']);
	const json = run(['-f', 'json']);
	const xlsxFile = path.join(work, 'cli.xlsx');
	const xlsx = shown.links['download-xlsx'] && run(['-f', 'xlsx', '-o', xlsxFile]).status < 64
		? fs.readFileSync(xlsxFile) : null;

	days.push(today());

	check(name + ': exit status ' + table.status, shown.status === String(table.status),
		'page says ' + shown.statusText);
	if (shown.html !== null)
		sameReport(name + ': the report is what --format html writes', Buffer.from(shown.html),
			table.stdout, days);
	else
		same(name + ': the report is what --format table writes', Buffer.from(shown.text || ''), table.stdout);
	same(name + ': the messages are the command line\'s', shown.messages, stderrLines(table.stderr));
	if (json.stdout.length > 0 && extra.rows !== false)
		sameRows(name, await shownTable(page), JSON.parse(json.stdout.toString('utf8')));
	if (json.stdout.length > 0)
		same(name + ': download-json is --format json', await download(page, 'download-json'), json.stdout);
	if (extra.csv)
		same(name + ': download-csv is --format csv --excel', await download(page, 'download-csv'),
			run(['-f', 'csv', '--excel']).stdout);
	if (shown.links['download-xlsx'])
		sameWorkbook(name, await download(page, 'download-xlsx'), xlsx || Buffer.alloc(0), days);
	if (extra.after)
		await extra.after(page, seen, shown);
	return { page, seen };
}

async function main() {
	const browser = await puppeteer.launch({
		executablePath: opts.chromium,
		headless: true,
		/* no sandbox: CI runs as root in a container.  A Danish
		 * browser, as a team lead's: emscripten hands its language to
		 * the program as LANG=da_DK.UTF-8, and the page must still
		 * speak English and match the command line */
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=da-DK'],
	});
	const data = path.join(root, 'data');
	const want = (name) => !opts.only || opts.only === name;
	const pages = [];

	try {
		if (want('report')) {
			const r = await report(browser, 'cases-dk.csv with roster', {
				cases: [path.join(data, 'cases-dk.csv')], roster: path.join(data, 'roster.csv'),
			}, data, ['--roster', 'roster.csv', '--', 'cases-dk.csv'], {
				csv: true,
				after: async (page) => {
					await page.setViewport({ width: 1100, height: 1500 });
					if (opts.screenshot)
						await page.screenshot({ path: opts.screenshot });
				},
			});
			pages.push(r);
		}
		if (want('bad')) {
			const dir = path.join(work, 'bad');

			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'bad.csv'),
				'case,worker,points\nC-1,Anna Berg,5\nC-2,Bo Nygaard,five\nC-3,"Anna Berg,3\n');
			const r = await report(browser, 'bad.csv', { cases: [path.join(dir, 'bad.csv')] },
				dir, ['--', 'bad.csv'], {
					after: async (page, seen, shown) => {
						const listed = shown.reportMessages || shown.messages;

						check('bad.csv: the report\'s diagnostics name the file and line',
							listed.some((m) => /bad\.csv:3: /.test(m)) &&
							listed.some((m) => /bad\.csv:4: /.test(m)), listed.join('\n'));
					},
				});
			pages.push(r);
		}
		if (want('binary')) {
			const dir = path.join(work, 'binary');

			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'cases.csv'),
				require('zlib').gzipSync(fs.readFileSync(path.join(data, 'cases.csv'))));
			pages.push(await report(browser, 'a gzip file named cases.csv', {
				cases: [path.join(dir, 'cases.csv')] }, dir, ['--', 'cases.csv'], {}));
		}
		if (want('same-name')) {
			/* two exports that are both called cases.csv: the second is
			 * 2/cases.csv to the program, and in its messages */
			const dir = path.join(work, 'same-name');

			fs.mkdirSync(path.join(dir, '2'), { recursive: true });
			fs.copyFileSync(path.join(data, 'cases.csv'), path.join(dir, 'cases.csv'));
			fs.writeFileSync(path.join(dir, '2', 'cases.csv'),
				'case_id,worker,team,points\nC9001,Anna Berg,North,4\nC1001,Omar Haddad,South,2\n');
			pages.push(await report(browser, 'two files named cases.csv', {
				cases: [path.join(dir, 'cases.csv'), path.join(dir, '2', 'cases.csv')],
			}, dir, ['--', 'cases.csv', '2/cases.csv'], {}));
		}
		if (want('swedish')) {
			pages.push(await report(browser, 'cases-se.txt (UTF-16)', {
				cases: [path.join(data, 'cases-se.txt')], config: path.join(data, 'config-boras.json'),
			}, data, ['--config', 'config-boras.json', '--', 'cases-se.txt'], {}));
		}
		if (want('rebalance')) {
			pages.push(await report(browser, 'rebalance cases.csv', {
				cases: [path.join(data, 'cases.csv')], roster: path.join(data, 'roster.csv'),
				command: 'rebalance',
			}, data, ['rebalance', '--roster', 'roster.csv', '--', 'cases.csv'], { rows: false }));
		}
		if (want('assign')) {
			pages.push(await report(browser, 'assign a 12-point case', {
				cases: [path.join(data, 'cases.csv')], roster: path.join(data, 'roster.csv'),
				command: 'assign', fields: { 'new-points': '12' },
			}, data, ['assign', '--roster', 'roster.csv', '--points', '12', '--', 'cases.csv'], { rows: false }));
		}
		if (want('followups')) {
			pages.push(await report(browser, 'follow-ups of cases-placements.csv', {
				cases: [path.join(data, 'cases-placements.csv')], command: 'followups',
			}, data, ['followups', '--', 'cases-placements.csv'], { rows: false }));
		}
		if (want('diff')) {
			/* chosen newest first: the page takes the older file as OLD */
			const dir = path.join(work, 'diff');

			fs.mkdirSync(dir);
			for (const [name, days] of [['cases-lastweek.csv', 8], ['cases.csv', 1], ['roster.csv', 1]]) {
				const when = new Date(Date.now() - days * 86400000);

				fs.copyFileSync(path.join(data, name), path.join(dir, name));
				fs.utimesSync(path.join(dir, name), when, when);
			}
			pages.push(await report(browser, 'diff last week and this week', {
				cases: [path.join(dir, 'cases.csv'), path.join(dir, 'cases-lastweek.csv')],
				roster: path.join(dir, 'roster.csv'), command: 'diff',
			}, dir, ['diff', '--roster', 'roster.csv', '--', 'cases-lastweek.csv', 'cases.csv'],
			{ rows: false }));
		}
		if (want('targets')) {
			pages.push(await report(browser, 'cases.csv with targets 100 points, 20 cases, 70 %', {
				cases: [path.join(data, 'cases.csv')],
				fields: { 'max-points': '100', 'max-cases': '20', under: '70' },
			}, data, ['--max-points', '100', '--max-cases', '20', '--under', '70', '--', 'cases.csv'], {}));
		}
		if (want('drop')) {
			/* two files dropped on the page at once: the .json one is the
			 * configuration, the other a case list */
			const { page, seen } = await open(browser);
			const days = [today()];
			const started = await page.evaluate(() => document.body.dataset.started || '0');
			await page.evaluate((files) => {
				const dt = new DataTransfer();

				for (const [name, text] of files)
					dt.items.add(new File([text], name));
				document.getElementById('result').dispatchEvent(new DragEvent('drop',
					{ dataTransfer: dt, bubbles: true, cancelable: true }));
			}, [['cases.csv', fs.readFileSync(path.join(data, 'cases.csv'), 'utf8')],
				['config-adults.json', fs.readFileSync(path.join(data, 'config-adults.json'), 'utf8')]]);
			await page.waitForFunction((s) => document.body.dataset.started !== s, {}, started);
			const shown = await finish(page);
			const native = cli(['--config', 'config-adults.json', '-f',
				(await page.$('#result iframe.report')) ? 'html' : 'table', '--', 'cases.csv'], data);

			days.push(today());
			sameReport('dropped files: the report with the configuration',
				Buffer.from(shown.html !== null ? shown.html : shown.text || ''), native.stdout, days);
			same('dropped files: the messages', shown.messages, stderrLines(native.stderr));
			pages.push({ page, seen });
		}
		if (want('hostile')) {
			const dir = path.join(work, 'hostile');
			const evil = '<img src=x onerror=alert(1)>';

			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'hostile.csv'),
				`case,worker,points\nC-1,${evil},130\nC-2,"<script>alert(2)</script>",5\n`);
			pages.push(await report(browser, 'hostile names', { cases: [path.join(dir, 'hostile.csv')] },
				dir, ['--', 'hostile.csv'], {
					after: async (page, seen) => {
						const found = await page.evaluate((name) => {
							const frame = document.querySelector('#result iframe.report');
							const scope = frame ? frame.contentDocument.body
								: document.getElementById('result');

							return {
								text: scope.textContent.includes(name),
								elements: scope.querySelectorAll('img, script').length,
							};
						}, evil);
						await new Promise((r) => setTimeout(r, 500));
						check('hostile names: the name is shown as text', found.text);
						check('hostile names: no element is made of it', found.elements === 0,
							found.elements + ' img or script elements');
						check('hostile names: no dialog fired', seen.dialogs.length === 0, seen.dialogs.join(', '));
					},
				}));
		}
		if (want('big')) {
			/* a 2 GB file of NUL bytes (sparse: no disk), read in slices by
			 * the worker while the page keeps answering */
			const dir = path.join(work, 'big');
			const file = path.join(dir, 'big.csv');

			fs.mkdirSync(dir);
			fs.closeSync(fs.openSync(file, 'w'));
			fs.truncateSync(file, 2 * 1024 * 1024 * 1024);
			const { page, seen } = await open(browser);
			const t0 = Date.now();
			await (await page.$('#cases')).uploadFile(file);
			/* while the worker reads, the page answers within a second (it
			 * would not for the 17 s of reading if the reading blocked it) */
			let slowest = 0;
			for (let i = 0; i < 10; i++) {
				const t = Date.now();
				await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
				slowest = Math.max(slowest, Date.now() - t);
				await new Promise((r) => setTimeout(r, 100));
			}
			const busy = await page.evaluate(() => document.body.dataset.done !== document.body.dataset.started);
			const shown = await finish(page);
			const native = cli(['--', 'big.csv'], dir);

			check(`2 GB file: the command line's message (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
				JSON.stringify(shown.messages) === JSON.stringify(stderrLines(native.stderr)) &&
				shown.status === String(native.status),
				JSON.stringify(shown.messages) + ' vs ' + native.stderr);
			check(`2 GB file: the page stays responsive while counting (slowest frame ${slowest} ms)`,
				slowest < 1000 && busy);

			/* choosing another file while the large one is read cancels it */
			await page.click('#run');
			await new Promise((r) => setTimeout(r, 1000));
			const reading = await page.evaluate(() =>
				document.body.dataset.done !== document.body.dataset.started);
			const t1 = Date.now();
			await (await page.$('#cases')).uploadFile(path.join(data, 'cases.csv'));
			const next = await finish(page);
			const seconds = (Date.now() - t1) / 1000;

			check(`2 GB file: choosing another file meanwhile shows its report at once (${seconds.toFixed(1)} s)`,
				reading && seconds < 10 && (next.text || next.html || '').includes('Anna Berg'));
			fs.unlinkSync(file);
			pages.push({ page, seen });
		}
		if (opts.bench > 0)
			pages.push(await bench(browser, Number(opts.bench)));

		/* nothing but the page itself and its worker's blob: was loaded */
		const requests = pages.flatMap((p) => p.seen.requests);
		const foreign = requests.filter((u) => u !== pageUrl && !u.startsWith('blob:'));
		check(`no network request (${requests.length} loads: the page and its worker)`,
			pages.length > 0 && foreign.length === 0, foreign.join('\n'));
		const errors = pages.flatMap((p) => p.seen.errors.concat(p.seen.violations));
		check('no script error or policy violation', errors.length === 0, errors.join('\n'));
		if (pages.length > 0)
			await policy(pages[0].page);
	} finally {
		await browser.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/* The policy itself forbids a connection, from the page and its worker. */
async function policy(page) {
	const tries = async (where) => where.evaluate(async () => {
		const results = [];
		for (const url of ['http://127.0.0.1:9/x', 'https://example.com/']) {
			try {
				await fetch(url);
				results.push('fetched ' + url);
			} catch (e) {
				results.push('blocked');
			}
		}
		return results;
	});
	const fromPage = await tries(page);
	const workers = page.workers();
	const fromWorker = workers.length ? await tries(workers[0]) : ['no worker'];
	const csp = await page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);

	check('the policy forbids connections: ' + csp.replace(/sha256-[^']+/, 'sha256-…'),
		/default-src 'none'/.test(csp) && /connect-src 'none'/.test(csp) &&
		fromPage.concat(fromWorker).every((r) => r === 'blocked'),
		'page: ' + fromPage + '; worker: ' + fromWorker);
}

/* Seconds from choosing a generated export of ROWS rows to its report. */
async function bench(browser, rows) {
	const dir = path.join(work, 'bench');
	const gen = path.join(dir, 'gen');
	const file = path.join(dir, `cases-${rows}.csv`);

	fs.mkdirSync(dir);
	execFileSync('cc', ['-O2', '-o', gen, path.join(root, 'bench', 'gen.c')]);
	execFileSync(gen, ['--rows', String(rows), '--out', file, '--totals', file + '.totals']);
	const { page, seen } = await open(browser);
	const t0 = Date.now();
	await (await page.$('#cases')).uploadFile(file);
	await page.waitForFunction(() => document.querySelector('#result .report'), { timeout: 60000 });
	const seconds = (Date.now() - t0) / 1000;
	const shown = await finish(page);
	const native = cli(['-f', 'table', '--', path.basename(file)], dir);

	check(`${rows} rows: the report in ${seconds.toFixed(2)} s (${fs.statSync(file).size} bytes)`,
		shown.status === String(native.status) && (shown.text === null ||
			shown.text === native.stdout.toString('utf8')));
	return { page, seen };
}

main().then(() => {
	console.log(failures ? `web-test: ${failures} check(s) failed` : 'web-test: all checks passed');
	process.exit(failures ? 1 : 0);
}, (e) => {
	console.error(e);
	process.exit(1);
});

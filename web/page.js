/*
 * page.js - the page around the caseload program: file pickers, drag and
 * drop, the choice of command and targets, and the result.  The program
 * runs in a Web Worker (worker.js) with the command line a user would
 * type; this file only builds that command line and shows what comes back.
 * Every text from the program goes into the page as text (textContent),
 * never as markup, except the report of --format html, which the program
 * escapes and which is shown in a frame where no script can run.
 */
'use strict';
(function () {
	const $ = (id) => document.getElementById(id);
	const OUT = '/out/result';
	const EXIT = {
		0: 'done', 1: 'a worker matched --fail-on', 64: 'usage error',
		65: 'data error: some rows could not be counted',
		66: 'a file could not be read', 70: 'internal error',
		74: 'the output could not be written', 78: 'configuration error',
	};
	const DOWNLOADS = {
		csv: { args: ['-f', 'csv', '--excel'], ext: 'csv', type: 'text/csv' },
		json: { args: ['-f', 'json'], ext: 'json', type: 'application/json' },
		xlsx: { args: ['-f', 'xlsx'], ext: 'xlsx',
			type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	};

	let worker = null;
	let ready = false;
	let busy = false;           /* a run is in the worker */
	let formats = new Set();
	let lastId = 0;
	let view = 'table';
	const urls = {};

	function setStatus(text, busy) {
		$('status').textContent = text;
		document.body.classList.toggle('busy', !!busy);
	}

	function decodeBase64(text) {
		const bin = atob(text.replace(/\s+/g, ''));
		const bytes = new Uint8Array(bin.length);

		for (let i = 0; i < bin.length; i++)
			bytes[i] = bin.charCodeAt(i);
		return bytes.buffer;
	}

	/* What this build of the program offers, from its own --help. */
	function learn(help) {
		const usage = help.match(/-f ([a-z|]+)\]/);

		formats = new Set(usage ? usage[1].split('|') : ['table', 'csv', 'json']);
		view = formats.has('html') ? 'html' : 'table';
		for (const opt of $('command').options) {
			const ok = opt.value === 'report' ||
			    new RegExp('caseload ' + opt.value + '\\b').test(help);

			opt.disabled = !ok;
			if (!ok)
				opt.title = 'not in this version of caseload';
		}
		$('download-xlsx').hidden = !formats.has('xlsx');
	}

	function startWorker() {
		const source = $('worker-source').textContent;
		const url = URL.createObjectURL(new Blob([source],
			{ type: 'text/javascript' }));

		worker = new Worker(url);
		URL.revokeObjectURL(url);
		worker.onmessage = (ev) => receive(ev.data);
		worker.onerror = (ev) => {
			setStatus('caseload could not start: ' + (ev.message || 'error'));
		};
		worker.postMessage({ type: 'init',
			wasm: decodeBase64($('wasm-base64').textContent) });
		setStatus('Starting…', true);
	}

	/* The names the program sees: the file's own, or N/name when two
	 * chosen files share a name. */
	function inputs() {
		const list = [], seen = new Map();
		const add = (file) => {
			const n = (seen.get(file.name) || 0) + 1;
			const name = n === 1 ? file.name : n + '/' + file.name;

			seen.set(file.name, n);
			list.push({ name, file });
			return name;
		};
		let chosen = Array.from($('cases').files);

		/* diff compares an old export with a new one: the order a file
		 * dialog lists them in says nothing, their dates do (and the
		 * "Same as" line shows the order taken) */
		if ($('command').value === 'diff')
			chosen = chosen.slice().sort((a, b) => a.lastModified - b.lastModified);
		const cases = chosen.map(add);
		const roster = $('roster').files.length ? add($('roster').files[0]) : null;
		const config = $('config').files.length ? add($('config').files[0]) : null;

		return { list, cases, roster, config };
	}

	/* The command line, as a user would type it, without format and
	 * output. */
	function commandLine(files) {
		const argv = [];
		const command = $('command').value;
		const value = (id) => $(id).value.trim();

		if (command !== 'report')
			argv.push(command);
		if (files.roster !== null)
			argv.push('--roster', files.roster);
		if (files.config !== null)
			argv.push('--config', files.config);
		for (const [id, option] of [['max-points', '--max-points'],
		    ['max-cases', '--max-cases'], ['under', '--under']])
			if (value(id) !== '')
				argv.push(option, value(id));
		if (command === 'assign') {
			if (value('new-category') !== '')
				argv.push('--category', value('new-category'));
			else
				argv.push('--points', value('new-points') || '0');
		}
		return argv;
	}

	function run() {
		if (busy) {
			/* a new choice cancels the run in progress (it may be
			 * reading a large file): a fresh worker runs the new one */
			worker.terminate();
			busy = ready = false;
			startWorker();
		}
		if (!ready)
			return;     /* the worker runs it once it is ready */
		const files = inputs();

		if (files.cases.length === 0) {
			setStatus('Choose a case list (the export of your case system).');
			return;
		}
		const argv = commandLine(files);
		const tail = ['-o', OUT, '--'].concat(files.cases);
		const runs = [{ key: 'view', argv: argv.concat(['-f', view], tail) }];

		for (const key of Object.keys(DOWNLOADS)) {
			if (formats.has(key))
				runs.push({ key, argv: argv.concat(DOWNLOADS[key].args, tail) });
			resetDownload(key);
		}
		lastId++;
		busy = true;
		document.body.dataset.started = String(lastId);
		worker.postMessage({ type: 'run', id: lastId, inputs: files.list, runs });
		$('shown-command').textContent = 'caseload ' + argv.concat(['-f', view],
			['--'], files.cases).map(quote).join(' ');
		setStatus('Counting…', true);
	}

	function quote(arg) {
		return /^[\w.,/%+=:@-]+$/.test(arg) ? arg : "'" + arg.replace(/'/g, "'\\''") + "'";
	}

	function resetDownload(key) {
		const a = $('download-' + key);

		if (urls[key])
			URL.revokeObjectURL(urls[key]);
		delete urls[key];
		a.removeAttribute('href');
		a.setAttribute('aria-disabled', 'true');
	}

	function offerDownload(msg) {
		const d = DOWNLOADS[msg.key], a = $('download-' + msg.key);

		if (!msg.bytes || msg.status >= 64)
			return;
		urls[msg.key] = URL.createObjectURL(new Blob([msg.bytes], { type: d.type }));
		a.href = urls[msg.key];
		a.download = 'caseload-' + $('command').value + '.' + d.ext;
		a.removeAttribute('aria-disabled');
	}

	function show(msg) {
		const result = $('result');
		const text = msg.bytes ? new TextDecoder().decode(msg.bytes) : '';

		result.replaceChildren();
		if (text !== '') {
			if (view === 'html') {
				const frame = document.createElement('iframe');

				frame.className = 'report';
				frame.title = 'caseload report';
				frame.setAttribute('sandbox', 'allow-same-origin');
				frame.srcdoc = text;
				frame.addEventListener('load', () => fit(frame));
				result.append(frame);
			} else {
				const pre = document.createElement('pre');

				pre.className = 'report';
				pre.textContent = text;
				result.append(pre);
			}
		}
		if (msg.stderr.length > 0) {
			/* an HTML report lists them itself: here they are folded */
			const folded = view === 'html' && text !== '';
			const h = document.createElement(folded ? 'summary' : 'h2');
			const ul = document.createElement('ul');

			h.textContent = folded ? 'Messages as the command line prints them (' +
				msg.stderr.length + ')' : 'Messages';
			ul.className = 'diagnostics';
			for (const line of msg.stderr) {
				const li = document.createElement('li');

				li.textContent = line;
				if (/: warning: /.test(line))
					li.className = 'warning';
				else if (!/: note: /.test(line))
					li.className = 'error';
				ul.append(li);
			}
			if (folded) {
				const details = document.createElement('details');

				details.className = 'messages';
				details.append(h, ul);
				result.append(details);
			} else {
				result.append(h, ul);
			}
		}
		setStatus('Exit status ' + msg.status + ': ' +
			(EXIT[msg.status] || 'error') + '.', false);
		document.body.dataset.status = String(msg.status);
	}

	function fit(frame) {
		const doc = frame.contentDocument;

		if (doc && doc.documentElement)
			frame.style.height = doc.documentElement.scrollHeight + 'px';
	}

	function receive(msg) {
		if (msg.type === 'ready') {
			ready = true;
			learn(msg.help);
			$('run').disabled = false;
			setStatus('Ready. Choose a case list.', false);
			document.body.dataset.ready = 'true';
			if ($('cases').files.length)
				run();
		} else if (msg.type === 'failed') {
			setStatus('caseload could not start: ' + msg.message, false);
		} else if (msg.id !== lastId) {
			/* an earlier run's output: a newer run is on its way */
		} else if (msg.type === 'output' && msg.key === 'view') {
			show(msg);
		} else if (msg.type === 'output') {
			offerDownload(msg);
		} else if (msg.type === 'done') {
			busy = false;
			document.body.dataset.done = String(msg.id);
		}
	}

	/* Dropped files: on a picker's box, for that picker; elsewhere, a
	 * .json file is the configuration and anything else a case list. */
	function drop(ev) {
		ev.preventDefault();
		document.body.classList.remove('dragging');
		const files = Array.from(ev.dataTransfer ? ev.dataTransfer.files : []);
		const zone = ev.target.closest ? ev.target.closest('[data-drop]') : null;
		const put = (id, list) => {
			const dt = new DataTransfer();

			list.forEach((f) => dt.items.add(f));
			$(id).files = dt.files;
		};

		if (files.length === 0)
			return;
		if (zone !== null) {
			put(zone.dataset.drop, zone.dataset.drop === 'cases' ? files : files.slice(0, 1));
		} else {
			const json = files.filter((f) => /\.json$/i.test(f.name));
			const rest = files.filter((f) => !/\.json$/i.test(f.name));

			if (json.length)
				put('config', json.slice(0, 1));
			if (rest.length)
				put('cases', rest);
		}
		run();
	}

	document.addEventListener('dragover', (ev) => {
		ev.preventDefault();
		document.body.classList.add('dragging');
	});
	document.addEventListener('dragleave', (ev) => {
		if (ev.target === document.documentElement || ev.relatedTarget === null)
			document.body.classList.remove('dragging');
	});
	document.addEventListener('drop', drop);
	$('form').addEventListener('submit', (ev) => {
		ev.preventDefault();
		run();
	});
	for (const id of ['cases', 'roster', 'config'])
		$(id).addEventListener('change', run);
	$('command').addEventListener('change', () => {
		document.body.dataset.command = $('command').value;
	});
	document.body.dataset.command = $('command').value;
	startWorker();
})();

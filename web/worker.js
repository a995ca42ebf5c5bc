/*
 * worker.js - the page's Web Worker: runs the caseload command line
 * (build/web/caseload.js, inlined before this file) on the files the page
 * posts, so that a large file never blocks the page.
 *
 * The files are mounted read-only with WORKERFS, which reads a File in
 * slices as the program asks for them; nothing is copied whole and nothing
 * leaves the PC.  Each output is written by the program to /out with -o.
 *
 * Messages in:  {type: 'init', wasm: ArrayBuffer}
 *               {type: 'run', id, inputs: [{name, file}], runs: [{key, argv}]}
 * Messages out: {type: 'ready', help} or {type: 'failed', message}
 *               {type: 'output', id, key, status, bytes, stderr}
 *               {type: 'done', id}
 */
/* global createCaseload */
'use strict';

let module = null;
let wasm = null;
let sink = null;            /* where the running program's lines go */

function start() {
	return createCaseload({
		wasmBinary: wasm,
		print: (line) => { if (sink) sink.stdout.push(line); },
		printErr: (line) => { if (sink) sink.stderr.push(line); },
		noInitialRun: true,
	}).then((m) => {
		/* emscripten starts with umask 0777, and the program's -o file
		 * would have no permissions at all; a shell's 022 instead */
		m._umask(0o022);
		m.FS.mkdir('/in');
		m.FS.mkdir('/out');
		module = m;
		return m;
	});
}

/* Runs the program once; returns {status, stdout, stderr}. */
function call(argv) {
	const lines = { stdout: [], stderr: [] };
	let status;

	sink = lines;
	try {
		status = module.callMain(argv);
	} catch (e) {
		/* an abort (out of memory) ends this instance: the next run
		 * starts a new one */
		module = null;
		lines.stderr.push('caseload: stopped: ' + (e && e.message ? e.message : e));
		status = 70;
	} finally {
		sink = null;
	}
	return { status, stdout: lines.stdout, stderr: lines.stderr };
}

function mount(inputs) {
	const FS = module.FS;

	FS.chdir('/');
	try {
		FS.unmount('/in');
	} catch (e) { /* nothing mounted yet */ }
	FS.mount(FS.filesystems.WORKERFS, {
		blobs: inputs.map((i) => ({ name: i.name, data: i.file })),
	}, '/in');
	/* the program sees the names the user chose, as on the command line */
	FS.chdir('/in');
}

/* The page's argv says -o /out/result: the output, read back here.
 * Returns whether the program wrote it. */
function runOne(id, run) {
	const out = '/out/result';
	const r = call(run.argv);
	let bytes = null;

	if (module !== null) {
		try {
			bytes = module.FS.readFile(out);
			module.FS.unlink(out);
		} catch (e) { /* the program wrote nothing */ }
	}
	postMessage({ type: 'output', id, key: run.key, status: r.status,
		bytes, stderr: r.stderr }, bytes ? [bytes.buffer] : []);
	return bytes !== null;
}

/* The first run is what the page shows; the others are the downloads,
 * not made when the first wrote nothing (the files could not be
 * counted: reading them again would only say so again). */
async function runAll(msg) {
	for (const run of msg.runs) {
		if (module === null)
			await start();
		mount(msg.inputs);
		if (!runOne(msg.id, run))
			break;
	}
	postMessage({ type: 'done', id: msg.id });
}

onmessage = (ev) => {
	const msg = ev.data;

	if (msg.type === 'init') {
		wasm = new Uint8Array(msg.wasm);
		start().then(() => {
			const help = call(['--help']);

			postMessage({ type: 'ready', help: help.stdout.join('\n') });
		}, (e) => postMessage({ type: 'failed', message: String(e) }));
	} else if (msg.type === 'run') {
		runAll(msg).catch((e) => postMessage({ type: 'output', id: msg.id,
			key: 'view', status: 70, bytes: null,
			stderr: ['caseload: ' + String(e)] }));
	}
};

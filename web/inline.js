/*
 * inline.js - writes the one-file page: web/page.html with the CSS, the
 * page's script, the worker's script (emscripten's caseload.js, then
 * web/worker.js) and the WebAssembly module (base64) put in its @@...@@
 * places, and a Content-Security-Policy that lets exactly that script run.
 *
 *   node web/inline.js web/page.html build/web/caseload.js \
 *       build/web/caseload.wasm build/web/caseload.html
 */
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const vm = require('vm');

const MAX_BYTES = 3 * 1024 * 1024;
const [template, moduleJs, wasmFile, output] = process.argv.slice(2);
const dir = path.dirname(template);
const read = (file) => fs.readFileSync(file, 'utf8');

function fail(message) {
	console.error('inline.js: ' + message);
	process.exit(1);
}

/* A text inlined in <script> or <style> must not end it early, and a
 * script must at least parse. */
function checked(name, text, tag) {
	if (new RegExp('</' + tag + '|<!--', 'i').test(text))
		fail(name + ' holds </' + tag + ' or <!--: it cannot be inlined');
	if (tag === 'script') {
		try {
			new vm.Script(text, { filename: name });
		} catch (e) {
			fail(name + ': ' + e.message);
		}
	}
	return text;
}

const version = read('include/caseload.h').match(/#define CL_VERSION "([^"]+)"/);
const pageJs = checked('web/page.js', read(path.join(dir, 'page.js')), 'script');
const workerJs = checked('the worker', read(moduleJs) + '\n' +
	read(path.join(dir, 'worker.js')), 'script');
const css = checked('web/page.css', read(path.join(dir, 'page.css')), 'style');
const wasm = fs.readFileSync(wasmFile).toString('base64');
const hash = crypto.createHash('sha256').update(pageJs, 'utf8').digest('base64');

/*
 * Nothing may be fetched or sent: no connection, image, font, frame
 * source or form target.  The one script that runs is the page's own
 * (by its hash, so an injected inline script or event handler would not
 * run); it starts the worker from a blob: of the text above, and the
 * worker may compile WebAssembly.  Styles are inline, the report's too.
 */
const csp = [
	"default-src 'none'",
	"connect-src 'none'",
	`script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
	'worker-src blob:',
	"style-src 'unsafe-inline'",
	"base-uri 'none'",
	"form-action 'none'",
].join('; ');

const parts = {
	CSP: csp,
	VERSION: version ? version[1] : '?',
	'page.css': css,
	'page.js': pageJs,
	worker: workerJs,
	wasm,
};
const html = read(template).replace(/@@([\w.]+)@@/g, (all, key) => {
	if (!(key in parts))
		fail('unknown place ' + all + ' in ' + template);
	return parts[key];
});
const bytes = Buffer.byteLength(html, 'utf8');

if (bytes > MAX_BYTES)
	fail(`${output} would be ${bytes} bytes, more than ${MAX_BYTES}`);
fs.writeFileSync(output + '.tmp', html);
fs.renameSync(output + '.tmp', output);
console.log(`${output}: ${bytes} bytes (WebAssembly ${fs.statSync(wasmFile).size})`);

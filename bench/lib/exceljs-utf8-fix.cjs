// Preload (`node --require bench/lib/exceljs-utf8-fix.cjs …`) that works around exceljs 4.4.0's
// streaming-reader bug: lib/utils/parse-sax.js decodes every inflated chunk on its own
// (bufferToString(chunk)), so a multi-byte UTF-8 character split across two chunks becomes
// U+FFFD — Chinese names, addresses and place names in a large 采集表 come out as "贺伟��".
// (exceljs/exceljs#2063, #2316; unmerged fixes #1665, #1821.) This replaces the module in
// require.cache, before exceljs loads it, with a copy that decodes with a streaming TextDecoder.
// It changes no file outside bench/; the server can adopt the same fix (e.g. a patch of that file).
const path = require('node:path');
const Module = require('node:module');

const serverDir = path.resolve(__dirname, '../../packages/server');
const file = require.resolve('exceljs/lib/utils/parse-sax.js', { paths: [serverDir] });
const local = Module.createRequire(file);
const { SaxesParser } = local('saxes');
const { PassThrough } = local('readable-stream');

async function* parseSax(iterable) {
  if (iterable.pipe && !iterable[Symbol.asyncIterator]) iterable = iterable.pipe(new PassThrough());
  const saxesParser = new SaxesParser();
  let error;
  saxesParser.on('error', (err) => {
    error = err;
  });
  let events = [];
  saxesParser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  saxesParser.on('text', (value) => events.push({ eventType: 'text', value }));
  saxesParser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of iterable) {
    saxesParser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    saxesParser.write(rest);
    if (error) throw error;
    yield events;
  }
}

const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(path.dirname(file));
m.exports = parseSax;
m.loaded = true;
require.cache[file] = m;

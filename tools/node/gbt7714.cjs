// GB/T 7714-2015 references rendered by citeproc-js, for tools/dangjian/cite/gbt7714.py.
//
// Reads one JSON object on stdin: {"style": path of the CSL style, "locale": path of the CSL
// locale, "items": [CSL-JSON items]}.  Writes one JSON object on stdout: item id -> the plain-text
// bibliography entry, in the style's own words (numeric label included; the caller removes it).
// One process renders every item, so the engine and the style are parsed once.
"use strict";

const fs = require("node:fs");
const CSL = require("citeproc");

function readStdin() {
  return fs.readFileSync(0, "utf8");
}

function render(request) {
  const items = new Map(request.items.map((item) => [String(item.id), item]));
  const localeXml = fs.readFileSync(request.locale, "utf8");
  const styleXml = fs.readFileSync(request.style, "utf8");
  const sys = {
    retrieveLocale: () => localeXml,
    retrieveItem: (id) => items.get(String(id)),
  };
  const engine = new CSL.Engine(sys, styleXml, "zh-CN", true);
  engine.setOutputFormat("text");
  engine.updateItems([...items.keys()]);
  const [meta, entries] = engine.makeBibliography();
  const out = {};
  meta.entry_ids.forEach((ids, index) => {
    out[String(ids[0])] = entries[index];
  });
  return out;
}

try {
  const result = render(JSON.parse(readStdin()));
  process.stdout.write(JSON.stringify(result));
} catch (error) {
  const message = String((error && error.message) || error).split("\n")[0];
  process.stderr.write(`citeproc: ${message}\n`);
  process.exit(1);
}

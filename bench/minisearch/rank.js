// MiniSearch ranking the labelled queries of bench/bench_search_quality.py.
// Reads {documents: [{id, title, text}], queries: [string]} on stdin; writes, for each
// query, the ids of its first 50 results as JSON on stdout. The configuration is the one
// issue 27 names as MiniSearch's best: every word OR-ed, fuzzy 0.2, prefix, title x2.
// Run with NODE_PATH naming build/minisearch/node_modules (bench/npm_packages.py).
const { readFileSync } = require("node:fs");
const MiniSearch = require("minisearch");

const input = JSON.parse(readFileSync(0, "utf8"));
const index = new MiniSearch({ fields: ["title", "text"] });
index.addAll(input.documents);
const options = { boost: { title: 2 }, combineWith: "OR", fuzzy: 0.2, prefix: true };
const ranked = input.queries.map((query) =>
  index.search(query, options).slice(0, 50).map((result) => result.id),
);
process.stdout.write(JSON.stringify(ranked));

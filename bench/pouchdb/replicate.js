// A tablet with PouchDB 9 on Node.js: replicates a pouchdb-server database into a
// LevelDB folder of its own, then once more at every line on standard input. Prints
// one line of JSON per replication: wall time and this process's CPU in ms, and the
// documents written. (Node's start and PouchDB's loading are not counted, as the
// Wegweiser's figures do not count Python's.)
const PouchDB = require("pouchdb");
const readline = require("readline");

const [remoteUrl, folder] = process.argv.slice(2);
const local = new PouchDB(folder);
const remote = new PouchDB(remoteUrl);

async function replicate() {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await local.replicate.from(remote);
  const used = process.cpuUsage(cpu);
  return {
    wall_ms: Number(process.hrtime.bigint() - started) / 1e6,
    cpu_ms: (used.user + used.system) / 1000,
    docs: result.docs_written,
  };
}

(async () => {
  console.log(JSON.stringify(await replicate()));
  for await (const _ of readline.createInterface({ input: process.stdin })) {
    console.log(JSON.stringify(await replicate()));
  }
})();

/**
 * Starting a worker thread from this source tree: the compiled .js beside the caller
 * (npm start), or the TypeScript source through tsx (npm run dev, tests, benchmarks).
 *
 * The worker always starts from a small bootstrap that imports the module, so a module
 * that fails to load is reported even to a parent that is blocked waiting for it: when
 * `workerData.failed` is an Int32Array over shared memory, the bootstrap sets it to 1 and
 * wakes whoever waits on it (see search/prepare-parallel.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';

/**
 * @param base the caller's `import.meta.url`
 * @param name the worker module's file name without extension, beside the caller
 */
export function startWorker(base: string, name: string, workerData: unknown, transferList: readonly Transferable[] = []): Worker {
  const compiled = new URL(`./${name}.js`, base);
  let load: string;
  if (existsSync(fileURLToPath(compiled))) {
    load = `import(${JSON.stringify(compiled.href)})`;
  } else {
    // tsx's ESM entry (its package exports map './esm/api' to it for import).
    const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const source = new URL(`./${name}.ts`, base).href;
    load = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); })`;
  }
  const bootstrap = `${load}.catch((err) => {
  const { workerData } = require('node:worker_threads');
  const failed = workerData && workerData.failed;
  if (failed instanceof Int32Array) { Atomics.store(failed, 0, 1); Atomics.notify(failed, 0); }
  throw err;
})`;
  // Transferable[] is what the Worker constructor takes; the list is only read.
  return new Worker(bootstrap, { eval: true, workerData, transferList: [...transferList] });
}

/**
 * Before any test file: check the committed knowledge once (`npm run knowledge:check`),
 * which builds its brain and so leaves the learned matcher's trained weights in the shared
 * cache (the system temp folder). The test files then start their servers in parallel from
 * the cache; on a fresh machine each would otherwise train the same weights at the same
 * time, ~20 s on two cores. A deployment trains once and loads the cache the same way.
 * (Plain JavaScript: jest loads global setup outside its ESM transform.)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function warmMatcherCache() {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/knowledge/check-cli.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

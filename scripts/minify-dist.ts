import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { minify } from 'terser'
import { PROJECT_ROOT } from '../sandbox/actions-runner.js'

/**
 * Second step of `npm run build`: minifies every chunk ncc wrote (ncc's own --minify leaves the lazy chunks as
 * they are). Start-up is dominated by compiling the bundle, so less text is less time; licence comments are kept
 * and dist/licenses.txt lists every bundled package. Deterministic: the same input gives the same bytes.
 */
const dist = join(PROJECT_ROOT, 'dist')
for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
  const path = join(dist, file)
  const result = await minify(readFileSync(path, 'utf8'), {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: 'some' }
  })
  if (result.code === undefined) throw new Error(`terser produced nothing for ${file}`)
  writeFileSync(path, result.code)
}

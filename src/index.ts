import { run } from './main.js'
import { runnerDependencies } from './runner.js'

await run(runnerDependencies())

// Preloaded into each measured process (--import): records its peak resident set size and the CPU time it used
// (user + system) when it exits. CPU time is what the start-up levers change, and it moves far less than wall time
// when other work shares the machine.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  if (!process.env.BENCH_USAGE_FILE) return
  const usage = process.resourceUsage()
  writeFileSync(
    process.env.BENCH_USAGE_FILE,
    JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })
  )
})

/** What the job's own context says that the OIDC token cannot: why there is no token, and which workflow ran. */
export interface JobContext {
  /** GITHUB_EVENT_NAME: push, pull_request, workflow_dispatch … */
  eventName: string
  /** A pull request whose head repository is a fork: GitHub offers such runs no OIDC token. */
  forkPullRequest: boolean
  /** GITHUB_WORKFLOW_REF: the workflow the run started from (the caller, when this job is in a reusable workflow). */
  workflowRef: string
}

/** The parts of @actions/github's context this reads. */
export interface GitHubContext {
  eventName: string | undefined
  payload: Record<string, unknown>
}

/**
 * The job's context, read through @actions/github. Loaded with import() and only on failure paths: evaluating it
 * builds Octokit and a proxy-aware fetch, a cost the success path never pays.
 */
export async function readJobContext(env: NodeJS.ProcessEnv): Promise<JobContext> {
  const { context } = await import('@actions/github')
  return jobContextOf(context, env)
}

export function jobContextOf(context: GitHubContext, env: NodeJS.ProcessEnv): JobContext {
  const pullRequest = record(context.payload.pull_request)
  const head = record(record(pullRequest?.head)?.repo)
  const base = record(record(pullRequest?.base)?.repo)
  const headName = typeof head?.full_name === 'string' ? head.full_name : undefined
  const baseName = typeof base?.full_name === 'string' ? base.full_name : undefined
  return {
    eventName: context.eventName ?? '',
    forkPullRequest:
      pullRequest !== undefined &&
      (head?.fork === true || (headName !== undefined && baseName !== undefined && headName !== baseName)),
    workflowRef: env.GITHUB_WORKFLOW_REF ?? ''
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

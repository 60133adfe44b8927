/** What the job's own context says that the OIDC token cannot: why there is no token, and which workflow ran. */
export interface JobContext {
  /** GITHUB_EVENT_NAME: push, pull_request, workflow_dispatch … */
  eventName: string
  /** A pull request event whose head repository is another than its base: GitHub offers such runs no OIDC token. */
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

// GitHub runs these events for a pull request from a fork with a read-only GITHUB_TOKEN and no secrets ("Workflows in
// forked repositories", https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request,
// #pull_request_review, #pull_request_review_comment). pull_request_target runs in the base repository's context with
// its tokens, so a missing token there is not a fork's doing.
const FORK_RESTRICTED_EVENTS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment'
])

export function jobContextOf(context: GitHubContext, env: NodeJS.ProcessEnv): JobContext {
  const eventName = context.eventName ?? ''
  const pullRequest = record(context.payload.pull_request)
  const fullName = (side: unknown): string | undefined => {
    const name = record(record(side)?.repo)?.full_name
    return typeof name === 'string' && name !== '' ? name.toLowerCase() : undefined
  }
  // The head repository's `fork` flag is not the test: a pull request between branches of a repository that is itself
  // a fork has head.repo.fork true, and GitHub treats it as any same-repository pull request.
  const head = fullName(pullRequest?.head)
  const base = fullName(pullRequest?.base)
  return {
    eventName,
    forkPullRequest: FORK_RESTRICTED_EVENTS.has(eventName) && head !== undefined && base !== undefined && head !== base,
    workflowRef: env.GITHUB_WORKFLOW_REF ?? ''
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

// The action signs in with a federated credential only; interactive browser sign-in is never reachable.
export default async function open() {
  throw new Error('Opening a browser is not supported: this action signs in with a federated credential only.')
}

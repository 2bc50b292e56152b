// Waits for something a real broker, socket or process does in its own time: polls `check` until it holds, and
// fails naming `what` when it does not within the timeout (never a test that hangs until Vitest's own limit).
export async function until(check: () => boolean, what: string, timeoutMs = 10_000, pollMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

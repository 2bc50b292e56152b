// Runs the CLI in-process with captured output, as a user at a terminal would see it.
import { main } from '../main';

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), isTTY: false });
  return { code, out, err };
}

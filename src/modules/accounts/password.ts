import type * as Argon2 from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with OWASP's baseline: 19 MiB memory, 2 passes, 1 lane. */
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

// Loaded with the first password hashed or checked: a server that only serves pages never needs it.
let argon2: Promise<typeof Argon2> | undefined;
const load = () => (argon2 ??= import('@node-rs/argon2'));

export async function hashPassword(password: string): Promise<string> {
  return (await load()).hash(password, PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await (await load()).verify(stored, password);
  } catch {
    return false;
  }
}

import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Encrypts the session token for this user on this computer. The desktop shell passes Electron's
 * safeStorage here (core never imports Electron); the CLI and the browser door have none.
 */
export interface TokenEncryptor {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** Where a library's federation session token is kept: never in the library file itself. */
export interface SessionTokenStore {
  read(): string | null;
  /** Null forgets the token. */
  write(token: string | null): void;
}

const PLAIN = 'shance-session plain\n';
const ENCRYPTED = 'shance-session safeStorage\n';

/**
 * The token in a file of its own beside the library (`library.db.session`), readable only by its
 * owner (0600), and encrypted when the shell provides an encryptor. The library file is backed up,
 * copied and sent around; a session must not travel with it, so a copied library asks for the
 * password again.
 */
export class SessionTokenFile implements SessionTokenStore {
  constructor(
    readonly path: string,
    private readonly encryptor?: TokenEncryptor,
  ) {}

  read(): string | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return null;
    }
    if (text.startsWith(PLAIN)) return text.slice(PLAIN.length) || null;
    if (text.startsWith(ENCRYPTED) && this.encryptor) {
      try {
        return this.encryptor.decrypt(Buffer.from(text.slice(ENCRYPTED.length), 'base64')) || null;
      } catch {
        // Encrypted for another user or computer: log in again.
        return null;
      }
    }
    return null;
  }

  write(token: string | null): void {
    if (token === null) {
      rmSync(this.path, { force: true });
      return;
    }
    const body = this.encryptor ? ENCRYPTED + this.encryptor.encrypt(token).toString('base64') : PLAIN + token;
    // Written whole under another name and renamed: a crash leaves the old token or the new one.
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, body, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}

/** For a library without a file (in memory): the token lives as long as the process. */
export class MemoryTokenStore implements SessionTokenStore {
  private token: string | null = null;
  read(): string | null {
    return this.token;
  }
  write(token: string | null): void {
    this.token = token;
  }
}

/** The token file of the library at `libraryPath`. */
export function sessionTokenStore(libraryPath: string, encryptor?: TokenEncryptor): SessionTokenStore {
  if (!libraryPath || libraryPath === ':memory:') return new MemoryTokenStore();
  return new SessionTokenFile(`${libraryPath}.session`, encryptor);
}

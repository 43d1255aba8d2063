import type { FileHandle } from 'node:fs/promises';
import { openNoFollow } from './no-follow';
import type { FileIdentity } from './no-follow';

const CHUNK_BYTES = 256 * 1024;

/**
 * A Blob over a byte range of a file, read only when the upload asks for it (so a large folder is never held in
 * memory), and every read goes through openNoFollow with the identity the file had when it was hashed: a link or
 * another file swapped in since then fails the read instead of being uploaded. `fs.openAsBlob` re-opens the path
 * following links, which is why this exists (`@huggingface/hub`'s own FileBlob is the same idea without the checks).
 */
export class NoFollowFileBlob extends Blob {
  /** An own property that shadows Blob's getter (the native blob underneath is empty). */
  override readonly size: number;

  private constructor(
    private readonly path: string,
    private readonly identity: FileIdentity,
    private readonly start: number,
    private readonly end: number,
  ) {
    super([]);
    this.size = end - start;
  }

  static of(path: string, identity: FileIdentity): NoFollowFileBlob {
    return new NoFollowFileBlob(path, identity, 0, identity.size);
  }

  override slice(start = 0, end = this.size): NoFollowFileBlob {
    const clamp = (value: number) => Math.max(0, Math.min(this.size, value < 0 ? this.size + value : value));
    const from = clamp(start);
    return new NoFollowFileBlob(
      this.path,
      this.identity,
      this.start + from,
      this.start + Math.max(from, clamp(end)),
    );
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const buffer = new Uint8Array(this.size);
    await this.withHandle(async (handle) => {
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, this.start + done);
        if (bytesRead === 0) throw new Error(`${this.path} ended early`);
        done += bytesRead;
      }
    });
    return buffer;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let handle: FileHandle | undefined;
    let position = this.start;
    const { end, path, identity } = this;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(controller) {
        handle ??= (await openNoFollow(path, identity)).handle;
        if (position >= end) {
          await handle.close();
          controller.close();
          return;
        }
        const chunk = new Uint8Array(Math.min(CHUNK_BYTES, end - position));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) {
          await handle.close();
          controller.error(new Error(`${path} ended early`));
          return;
        }
        position += bytesRead;
        controller.enqueue(chunk.subarray(0, bytesRead));
      },
      async cancel() {
        await handle?.close();
      },
    });
  }

  private async withHandle(task: (handle: FileHandle) => Promise<void>): Promise<void> {
    const { handle } = await openNoFollow(this.path, this.identity);
    try {
      await task(handle);
    } finally {
      await handle.close();
    }
  }
}

/**
 * Repository routes of the Hub emulator: whoami-v2, repo create/delete, tree listing, preupload, LFS batch and
 * basic PUT, NDJSON commit, commit list, resolve (download), Space secrets and variables. Every commit is kept,
 * so tests can assert exactly what a Space holds at each revision.
 *
 * Shapes, from the public sources:
 * - `@huggingface/hub` 2.17.5 `src/lib/commit.ts` (preupload request, LFS batch, NDJSON `header`/`file`/
 *   `lfsFile`/`deletedFile` lines), `list-files.ts` + `utils/parseLinkHeader.ts` (tree paging needs an absolute
 *   `Link` URL), `create-repo.ts`, `file-download-info.ts` (`Range: bytes=0-0`, `ETag`/`X-Linked-ETag`,
 *   `Content-Range`), `who-am-i.ts`;
 * - huggingface/huggingface_hub cassettes `TestSpaceAPIProduction.*.yaml` (preupload answer with `oid` and
 *   `commitOid`, commit answer, secrets/variables maps, 409 "You already created this space repo");
 * - huggingface_hub `hf_api.py` `create_commit` (404 "A file with this name doesn't exist" for a missing delete)
 *   and huggingface/dataset-viewer#2206 (412 when `parentCommit` is not the branch head);
 * - whoami-v2 fine-grained tokens report `auth.accessToken.role: "fineGrained"` with
 *   `fineGrained.scoped: [{entity: {type: "user"|"org"|"space"|…, name}, permissions: ["repo.write", …]}]`
 *   (the check in gradio-app/trackio `ui/main.py` `check_hf_token_has_write_access` reads exactly these fields).
 *
 * The LFS rule is the emulator's (the Hub does not publish its own): never for empty files; LFS when the path
 * matches a `filter=lfs` pattern of `.gitattributes` (sent with the request or at the head), when the 512-byte
 * sample holds a NUL byte, or when the size reaches a threshold.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { HubRequest, HubResponse, HubRoute } from './hub-route';
import { hubError } from './hub-route';
import type { SpaceRegistry } from './hub-spaces';

export interface HubTokenSpec {
  user: string;
  role: 'read' | 'write' | 'fineGrained';
  orgs?: string[];
  /** Fine-grained tokens only: per-entity permissions, as whoami-v2 reports them. */
  scoped?: Array<{
    entity: { type: 'user' | 'org' | 'space' | 'model' | 'dataset'; name: string };
    permissions: string[];
  }>;
  global?: string[];
}

export interface RepoFile {
  size: number;
  /** Git blob SHA-1 of what git stores: the content, or the LFS pointer. */
  oid: string;
  lfs?: { oid: string; size: number; pointerSize: number };
  /** Absent only for files seeded by metadata (benchmarks of large Spaces). */
  content?: Buffer;
}

export interface RepoCommit {
  oid: string;
  title: string;
  description: string;
  parent: string | null;
  date: string;
  files: ReadonlyMap<string, RepoFile>;
}

/** Content (hashed by the emulator), or metadata only: size plus the git oid or, for LFS, the SHA-256. */
export type SeedFile =
  | { path: string; content: Buffer | string }
  | { path: string; size: number; oid: string }
  | { path: string; size: number; lfsOid: string };

export type LfsRule = (
  file: { path: string; size: number; sample: Buffer },
  gitAttributes: string,
) => boolean;

interface StoredSetting {
  value: string;
  description?: string;
  updatedAt: string;
}

interface RepoState {
  id: string;
  private: boolean;
  /** The create request's body, for assertions (sdk, visibility). */
  createdWith?: Record<string, unknown>;
  commits: RepoCommit[];
  /** Overrides the head commit's date as `lastModified` (tests of stale-Space sweeps). */
  lastModified?: string;
  secrets: Map<string, StoredSetting>;
  variables: Map<string, StoredSetting>;
}

export interface RepoStore {
  ensure(
    id: string,
    options: { private: boolean; createdWith?: Record<string, unknown>; files?: Map<string, Buffer> },
  ): void;
  has(id: string): boolean;
  head(id: string): string | undefined;
  seed(id: string, files: SeedFile[], title?: string): string;
  /** What space listings report as `lastModified`, instead of the head commit's date. */
  setLastModified(id: string, iso: string): void;
  /** Sets a Space variable as the settings page would (seeding a test without the HTTP API). */
  setVariable(id: string, key: string, value: string): void;
}

export interface RepoInspection {
  /** Commits oldest first (the first one is the Hub's "initial commit" with `.gitattributes`). */
  commits(spaceId: string): readonly RepoCommit[];
  /** Files at `revision` (default the head): path → content as UTF-8 text. */
  filesAt(spaceId: string, revision?: string): Record<string, string>;
  /** Files at `revision` with their oids and LFS metadata. */
  treeAt(spaceId: string, revision?: string): ReadonlyMap<string, RepoFile>;
  /** The body `POST /api/repos/create` received, if the Space was created through the API. */
  createRequest(spaceId: string): Record<string, unknown> | undefined;
  /** Secret values as the Space holds them (the API never returns them). */
  secretsOf(spaceId: string): Record<string, string>;
  variablesOf(spaceId: string): Record<string, string>;
  /** Whether a Space repo exists. */
  hasRepo(spaceId: string): boolean;
}

export interface RepoRoutesOptions {
  tokenSpecs: Record<string, HubTokenSpec>;
  /** Who any other accepted token belongs to: a classic write token of this user. */
  defaultUser: string;
  treePageSize: number;
  lfsThresholdBytes: number;
  spaces: SpaceRegistry;
  onCommit(spaceId: string, commit: { oid: string; title: string }): void;
}

/** A subset of the `.gitattributes` the Hub puts into every new repo. */
const INITIAL_GITATTRIBUTES = [
  '*.7z filter=lfs diff=lfs merge=lfs -text',
  '*.bin filter=lfs diff=lfs merge=lfs -text',
  '*.ckpt filter=lfs diff=lfs merge=lfs -text',
  '*.onnx filter=lfs diff=lfs merge=lfs -text',
  '*.pt filter=lfs diff=lfs merge=lfs -text',
  '*.safetensors filter=lfs diff=lfs merge=lfs -text',
  '*.zip filter=lfs diff=lfs merge=lfs -text',
  '',
].join('\n');

const SPACE = '([^/]+/[^/]+)';
const MAX_COMMIT_LINES = 100_000;

function gitBlobSha1(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function lfsPointer(oid: string, size: number): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`;
}

function lfsFileRecord(oid: string, size: number, content?: Buffer): RepoFile {
  const pointer = Buffer.from(lfsPointer(oid, size));
  return { size, oid: gitBlobSha1(pointer), lfs: { oid, size, pointerSize: pointer.length }, content };
}

/** gitattributes glob → RegExp: a pattern without `/` matches the basename, `*` stays within one segment. */
function globToRegExp(pattern: string): RegExp {
  const anchored = pattern.includes('/');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${source.replace(/^\//, '')}$` : `(^|/)${source}$`);
}

function matchesLfsAttribute(path: string, gitAttributes: string): boolean {
  return gitAttributes
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .some(([pattern, ...attributes]) =>
      pattern && !pattern.startsWith('#') && attributes.includes('filter=lfs')
        ? globToRegExp(pattern).test(path)
        : false,
    );
}

export function createRepoRoutes(options: RepoRoutesOptions): {
  routes: HubRoute[];
  store: RepoStore;
  inspection: RepoInspection;
} {
  const repos = new Map<string, RepoState>();
  /** Uploaded LFS objects by SHA-256. */
  const lfsObjects = new Map<string, Buffer>();
  /** LFS objects seeded by metadata only: stored as far as clients can tell, without bytes. */
  const knownLfsOids = new Set<string>();
  let commitCounter = 0;

  const lfsRule: LfsRule = (file, gitAttributes) =>
    file.size > 0 &&
    (matchesLfsAttribute(file.path, gitAttributes) ||
      file.sample.includes(0) ||
      file.size >= options.lfsThresholdBytes);

  function newCommit(
    repo: RepoState,
    files: Map<string, RepoFile>,
    title: string,
    description = '',
  ): RepoCommit {
    commitCounter += 1;
    const parent = repo.commits.at(-1)?.oid ?? null;
    const oid = createHash('sha1')
      .update(`${repo.id}\0${parent ?? ''}\0${title}\0${commitCounter}\0${randomBytes(4).toString('hex')}`)
      .digest('hex');
    const commit: RepoCommit = {
      oid,
      title,
      description,
      parent,
      date: new Date(Date.UTC(2026, 10, 1) + commitCounter * 60_000).toISOString(),
      files,
    };
    repo.commits.push(commit);
    return commit;
  }

  function regularFile(content: Buffer): RepoFile {
    return { size: content.length, oid: gitBlobSha1(content), content };
  }

  const store: RepoStore = {
    ensure(id, settings) {
      if (repos.has(id)) return;
      const repo: RepoState = {
        id,
        private: settings.private,
        createdWith: settings.createdWith,
        commits: [],
        secrets: new Map(),
        variables: new Map(),
      };
      repos.set(id, repo);
      const files = new Map([['.gitattributes', regularFile(Buffer.from(INITIAL_GITATTRIBUTES))]]);
      for (const [path, content] of settings.files ?? []) files.set(path, regularFile(content));
      newCommit(repo, files, 'initial commit');
    },
    has: (id) => repos.has(id),
    setLastModified(id, iso) {
      mustRepo(id).lastModified = iso;
    },
    setVariable(id, key, value) {
      mustRepo(id).variables.set(key, { value, updatedAt: new Date().toISOString() });
    },
    head: (id) => repos.get(id)?.commits.at(-1)?.oid,
    seed(id, seedFiles, title = 'seed') {
      const repo = mustRepo(id);
      const files = new Map(headFiles(repo));
      const attributes = files.get('.gitattributes')?.content?.toString('utf8') ?? '';
      for (const file of seedFiles) {
        if ('content' in file) {
          const content = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content);
          const isLfs = lfsRule(
            { path: file.path, size: content.length, sample: content.subarray(0, 512) },
            attributes,
          );
          if (isLfs) lfsObjects.set(sha256(content), content);
          files.set(
            file.path,
            isLfs ? lfsFileRecord(sha256(content), content.length, content) : regularFile(content),
          );
        } else if ('lfsOid' in file) {
          knownLfsOids.add(file.lfsOid);
          files.set(file.path, lfsFileRecord(file.lfsOid, file.size));
        } else {
          files.set(file.path, { size: file.size, oid: file.oid });
        }
      }
      const commit = newCommit(repo, files, title);
      options.onCommit(id, commit);
      return commit.oid;
    },
  };

  function mustRepo(id: string): RepoState {
    const repo = repos.get(id);
    if (!repo) throw new Error(`emulated Hub has no Space repo ${id}`);
    return repo;
  }

  function headFiles(repo: RepoState): ReadonlyMap<string, RepoFile> {
    return repo.commits.at(-1)?.files ?? new Map();
  }

  function commitAt(repo: RepoState, revision: string): RepoCommit | undefined {
    if (revision === 'main' || revision === 'HEAD') return repo.commits.at(-1);
    return repo.commits.find((commit) => commit.oid === revision);
  }

  // ---- permissions -------------------------------------------------------------------------------------------

  function specOf(token: string): HubTokenSpec {
    return options.tokenSpecs[token] ?? { user: options.defaultUser, role: 'write' };
  }

  function canWrite(token: string | null, repoId: string): boolean {
    if (token === null) return false;
    const spec = specOf(token);
    const namespace = repoId.split('/')[0] ?? '';
    const owns = namespace === spec.user || (spec.orgs ?? []).includes(namespace);
    if (spec.role === 'write') return owns;
    if (spec.role === 'read') return false;
    return (spec.scoped ?? []).some(
      (scope) =>
        scope.permissions.includes('repo.write') &&
        (scope.entity.type === 'space'
          ? scope.entity.name === repoId
          : (scope.entity.type === 'user' || scope.entity.type === 'org') && scope.entity.name === namespace),
    );
  }

  function canRead(token: string | null, repo: RepoState): boolean {
    if (!repo.private) return true;
    if (token === null) return false;
    const spec = specOf(token);
    if (canWrite(token, repo.id)) return true;
    const namespace = repo.id.split('/')[0] ?? '';
    if (spec.role === 'read') return namespace === spec.user || (spec.orgs ?? []).includes(namespace);
    return (spec.scoped ?? []).some(
      (scope) =>
        scope.permissions.includes('repo.content.read') &&
        (scope.entity.name === repo.id || scope.entity.name === namespace),
    );
  }

  /** The Hub answers 401 for a missing repo without a token and 404 with one; private looks missing. */
  function readable(request: HubRequest, id: string): RepoState | HubResponse {
    const repo = repos.get(id);
    if (!repo || !canRead(request.token, repo)) {
      return hubError(request.token === null ? 401 : 404, 'Repository Not Found', 'RepoNotFound');
    }
    return repo;
  }

  function writable(request: HubRequest, id: string): RepoState | HubResponse {
    const found = readable(request, id);
    if ('status' in found) return found;
    if (request.token === null) return hubError(401, 'Invalid username or password.');
    if (!canWrite(request.token, id)) {
      return hubError(403, `You don't have the rights to write to spaces/${id}`, 'AuthorizationError');
    }
    return found;
  }

  // ---- handlers ----------------------------------------------------------------------------------------------

  function whoami(request: HubRequest): HubResponse {
    if (request.token === null) return hubError(401, 'Invalid username or password.');
    const spec = specOf(request.token);
    const accessToken: Record<string, unknown> = {
      displayName: `emulated ${spec.role} token`,
      role: spec.role,
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    if (spec.role === 'fineGrained') {
      accessToken.fineGrained = {
        canReadGatedRepos: false,
        global: spec.global ?? [],
        scoped: (spec.scoped ?? []).map((scope) => ({
          entity: { _id: `emulated-${scope.entity.name}`, ...scope.entity },
          permissions: scope.permissions,
        })),
      };
    }
    return {
      status: 200,
      body: {
        type: 'user',
        id: `emulated-${spec.user}`,
        name: spec.user,
        fullname: spec.user,
        email: null,
        emailVerified: true,
        canPay: false,
        isPro: false,
        periodEnd: null,
        billingMode: 'prepaid',
        avatarUrl: '/avatars/emulated.svg',
        orgs: (spec.orgs ?? []).map((org) => ({
          type: 'org',
          id: `emulated-${org}`,
          name: org,
          roleInOrg: 'write',
          fullname: org,
          email: null,
          canPay: false,
          avatarUrl: '/avatars/emulated.svg',
          periodEnd: null,
        })),
        auth: { type: 'access_token', accessToken },
      },
    };
  }

  function createRepo(request: HubRequest): HubResponse {
    const body = asRecord(request.body);
    const name = typeof body.name === 'string' ? body.name : '';
    const organization = typeof body.organization === 'string' ? body.organization : '';
    if (request.token === null) return hubError(401, 'Invalid username or password.');
    if (body.type !== 'space') return hubError(400, 'the emulator only creates Space repos');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/.test(name) || !organization) {
      return hubError(400, `Invalid repo name: ${organization}/${name}`);
    }
    const id = `${organization}/${name}`;
    const url = `${request.baseUrl}/spaces/${id}`;
    if (repos.has(id)) return { status: 409, body: { error: 'You already created this space repo', url } };
    if (!canWrite(request.token, id)) {
      return hubError(
        403,
        `You don't have the rights to create a space under the namespace "${organization}"`,
      );
    }
    const isPrivate = body.private === true || body.visibility === 'private';
    const files = new Map<string, Buffer>();
    for (const file of Array.isArray(body.files) ? (body.files as unknown[]).map(asRecord) : []) {
      files.set(asString(file.path), Buffer.from(asString(file.content), 'base64'));
    }
    store.ensure(id, { private: isPrivate, createdWith: body, files });
    options.spaces.addSpace({
      id,
      host: `https://${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.hf.space`,
      stage: 'NO_APP_FILE',
      private: isPrivate,
    });
    return { status: 200, body: { url, name: id, id: `emulated-${id}` } };
  }

  function deleteRepo(request: HubRequest): HubResponse {
    const body = asRecord(request.body);
    const id = `${String(body.organization)}/${String(body.name)}`;
    const found = writable(request, id);
    if ('status' in found) return found;
    repos.delete(id);
    options.spaces.removeSpace(id);
    return { status: 200, raw: 'OK', headers: { 'content-type': 'text/plain' } };
  }

  function listTree(request: HubRequest): HubResponse {
    const [id = '', revision = '', subPath = ''] = request.params;
    const found = readable(request, id);
    if ('status' in found) return found;
    const commit = commitAt(found, revision);
    if (!commit) return hubError(404, `Invalid rev id: ${revision}`, 'RevisionNotFound');
    const prefix = subPath ? `${subPath.replace(/\/$/, '')}/` : '';
    const recursive = request.query.get('recursive') === 'true';
    const entries: Array<Record<string, unknown>> = [];
    const directories = new Set<string>();
    for (const [path, file] of [...commit.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length).split('/');
      const depthDirs = recursive ? rest.length - 1 : Math.min(1, rest.length - 1);
      for (let depth = 1; depth <= depthDirs; depth++) {
        const directory = prefix + rest.slice(0, depth).join('/');
        if (directories.has(directory)) continue;
        directories.add(directory);
        entries.push({
          type: 'directory',
          oid: gitBlobSha1(Buffer.from(directory)),
          size: 0,
          path: directory,
        });
      }
      if (!recursive && rest.length > 1) continue;
      entries.push({
        type: 'file',
        oid: file.oid,
        size: file.size,
        path,
        ...(file.lfs ? { lfs: file.lfs } : {}),
      });
    }
    if (subPath && entries.length === 0 && !commit.files.has(subPath)) {
      return hubError(404, `${subPath} does not exist on "${revision}"`, 'EntryNotFound');
    }
    const offset = Number(request.query.get('cursor') ?? '0') || 0;
    const page = entries.slice(offset, offset + options.treePageSize);
    const headers: Record<string, string> = {};
    if (offset + options.treePageSize < entries.length) {
      const next = new URL(request.path, request.baseUrl);
      next.searchParams.set('recursive', String(recursive));
      next.searchParams.set('expand', request.query.get('expand') ?? 'false');
      next.searchParams.set('cursor', String(offset + options.treePageSize));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, body: page, headers };
  }

  function preupload(request: HubRequest): HubResponse {
    const [id = ''] = request.params;
    const found = writable(request, id);
    if ('status' in found) return found;
    const body = asRecord(request.body);
    const files = Array.isArray(body.files) ? (body.files as unknown[]).map(asRecord) : [];
    const head = headFiles(found);
    const attributes =
      typeof body.gitAttributes === 'string'
        ? body.gitAttributes
        : (head.get('.gitattributes')?.content?.toString('utf8') ?? '');
    const answers = files.map((file) => {
      const path = String(file.path);
      const sample = Buffer.from(typeof file.sample === 'string' ? file.sample : '', 'base64');
      request.countContent(sample.length);
      const lfs = lfsRule({ path, size: Number(file.size), sample }, attributes);
      const existing = head.get(path);
      return {
        path,
        uploadMode: lfs ? 'lfs' : 'regular',
        shouldIgnore: false,
        ...(existing ? { oid: existing.lfs?.oid ?? existing.oid } : {}),
      };
    });
    return { status: 200, body: { files: answers, commitOid: found.commits.at(-1)?.oid } };
  }

  function lfsBatch(request: HubRequest): HubResponse {
    const [id = ''] = request.params;
    const found = writable(request, id);
    if ('status' in found) return found;
    const body = asRecord(request.body);
    const objects = Array.isArray(body.objects) ? (body.objects as unknown[]).map(asRecord) : [];
    return {
      status: 200,
      headers: { 'content-type': 'application/vnd.git-lfs+json', 'x-request-id': `emulated-${Date.now()}` },
      body: {
        transfer: 'basic',
        objects: objects.map((object) => {
          const oid = String(object.oid);
          const size = Number(object.size);
          return lfsObjects.has(oid) || knownLfsOids.has(oid)
            ? { oid, size }
            : {
                oid,
                size,
                authenticated: true,
                actions: { upload: { href: `${request.baseUrl}/emulated-lfs/${oid}` } },
              };
        }),
      },
    };
  }

  function lfsPut(request: HubRequest): HubResponse {
    const [oid = ''] = request.params;
    request.countContent(request.raw.length);
    if (sha256(request.raw) !== oid)
      return hubError(400, `LFS object ${oid}: content does not match its oid`);
    lfsObjects.set(oid, Buffer.from(request.raw));
    return { status: 200, raw: '' };
  }

  function commit(request: HubRequest): HubResponse {
    const [id = '', revision = ''] = request.params;
    const found = writable(request, id);
    if ('status' in found) return found;
    if (revision !== 'main') return hubError(404, `Invalid rev id: ${revision}`, 'RevisionNotFound');
    const lines = request.raw.toString('utf8').split('\n').filter(Boolean);
    if (lines.length > MAX_COMMIT_LINES) return hubError(400, 'too many operations in one commit');
    let header: Record<string, unknown> | undefined;
    const files = new Map(headFiles(found));
    const lfsPaths: string[] = [];
    for (const [index, line] of lines.entries()) {
      let parsed: Record<string, unknown>;
      try {
        parsed = asRecord(JSON.parse(line));
      } catch {
        return hubError(400, `line ${index + 1} of the commit payload is not JSON`);
      }
      const value = asRecord(parsed.value);
      const path = asString(value.path);
      if (parsed.key === 'header') {
        header = value;
        const parent = value.parentCommit;
        if (typeof parent === 'string' && parent !== found.commits.at(-1)?.oid) {
          return hubError(412, 'A commit has happened since. Please refresh and try again.');
        }
      } else if (parsed.key === 'file') {
        const content = Buffer.from(asString(value.content), value.encoding === 'base64' ? 'base64' : 'utf8');
        request.countContent(content.length);
        if (content.includes(0) || content.length >= options.lfsThresholdBytes) {
          return hubError(400, `Your push was rejected because it contains binary files: ${path}`);
        }
        files.set(path, regularFile(content));
      } else if (parsed.key === 'lfsFile') {
        const oid = String(value.oid);
        const stored = lfsObjects.get(oid);
        if (!stored && !knownLfsOids.has(oid)) {
          return hubError(422, `LFS object ${oid} for ${path} was never uploaded`);
        }
        files.set(path, lfsFileRecord(oid, stored?.length ?? Number(value.size), stored));
        lfsPaths.push(path);
      } else if (parsed.key === 'deletedFile') {
        if (!files.delete(path))
          return hubError(404, `A file with this name doesn't exist: ${path}`, 'EntryNotFound');
      } else if (parsed.key === 'deletedFolder') {
        const prefix = path.replace(/\/?$/, '/');
        for (const existing of [...files.keys()]) if (existing.startsWith(prefix)) files.delete(existing);
      } else {
        return hubError(400, `unknown commit line key ${String(parsed.key)}`);
      }
    }
    if (!header || typeof header.summary !== 'string')
      return hubError(400, 'the commit has no header summary');
    // The Hub tracks LFS paths in .gitattributes by itself.
    const attributesFile = files.get('.gitattributes');
    let attributes = attributesFile?.content?.toString('utf8') ?? '';
    const untracked = lfsPaths.filter((path) => !matchesLfsAttribute(path, attributes));
    if (untracked.length > 0) {
      attributes += untracked.map((path) => `${path} filter=lfs diff=lfs merge=lfs -text\n`).join('');
      files.set('.gitattributes', regularFile(Buffer.from(attributes)));
    }
    const created = newCommit(found, files, header.summary, asString(header.description));
    options.onCommit(id, created);
    return {
      status: 200,
      body: {
        success: true,
        commitOid: created.oid,
        commitUrl: `${request.baseUrl}/spaces/${id}/commit/${created.oid}`,
        hookOutput: '',
      },
    };
  }

  function listCommits(request: HubRequest): HubResponse {
    const [id = '', revision = ''] = request.params;
    const found = readable(request, id);
    if ('status' in found) return found;
    const start = commitAt(found, revision);
    if (!start) return hubError(404, `Invalid rev id: ${revision}`, 'RevisionNotFound');
    const history: RepoCommit[] = [];
    for (let commit: RepoCommit | undefined = start; commit;) {
      history.push(commit);
      const parent: string | null = commit.parent;
      commit = parent ? found.commits.find((candidate) => candidate.oid === parent) : undefined;
    }
    const limit = Math.min(Number(request.query.get('limit') ?? '100') || 100, 1000);
    const offset = Number(request.query.get('p') ?? '0') * limit;
    const headers: Record<string, string> = {};
    if (offset + limit < history.length) {
      const next = new URL(request.path, request.baseUrl);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('p', String(offset / limit + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return {
      status: 200,
      headers,
      body: history.slice(offset, offset + limit).map((commit) => ({
        id: commit.oid,
        title: commit.title,
        message: commit.description,
        authors: [{ user: 'emulator-user', avatar: '/avatars/emulated.svg' }],
        date: commit.date,
      })),
    };
  }

  function resolve(request: HubRequest): HubResponse {
    const [id = '', revision = '', path = ''] = request.params;
    const found = readable(request, id);
    if ('status' in found) return found;
    const commitFound = commitAt(found, revision);
    if (!commitFound) return hubError(404, `Invalid rev id: ${revision}`, 'RevisionNotFound');
    const file = commitFound.files.get(path);
    if (!file) return hubError(404, `Entry not found: ${path}`, 'EntryNotFound');
    if (!file.content) return hubError(500, `the emulator holds only metadata for ${path}`);
    const headers: Record<string, string> = {
      etag: `"${file.oid}"`,
      'x-repo-commit': commitFound.oid,
      'accept-ranges': 'bytes',
      ...(file.lfs ? { 'x-linked-etag': `"${file.lfs.oid}"`, 'x-linked-size': String(file.lfs.size) } : {}),
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : file.size - 1, file.size - 1);
      const slice = file.content.subarray(start, end + 1);
      return {
        status: 206,
        raw: slice,
        headers: { ...headers, 'content-range': `bytes ${start}-${end}/${file.size}` },
      };
    }
    return { status: 200, raw: file.content, headers };
  }

  function settingsRoutes(kind: 'secrets' | 'variables'): HubRoute[] {
    const pattern = new RegExp(`^/api/spaces/${SPACE}/${kind}$`);
    const view = (repo: RepoState) =>
      Object.fromEntries(
        [...repo[kind]].map(([key, setting]) => [
          key,
          {
            ...(kind === 'variables' ? { value: setting.value } : {}),
            ...(setting.description ? { description: setting.description } : {}),
            updatedAt: setting.updatedAt,
          },
        ]),
      );
    return [
      {
        name: kind,
        method: 'GET',
        pattern,
        handle: (request) => {
          const found = writable(request, request.params[0] ?? '');
          return 'status' in found ? found : { status: 200, body: view(found) };
        },
      },
      {
        name: kind,
        method: 'POST',
        pattern,
        handle: (request) => {
          const found = writable(request, request.params[0] ?? '');
          if ('status' in found) return found;
          const body = asRecord(request.body);
          if (typeof body.key !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(body.key)) {
            return hubError(400, `Invalid ${kind === 'secrets' ? 'secret' : 'variable'} key`);
          }
          if (typeof body.value !== 'string') return hubError(400, 'value must be a string');
          found[kind].set(body.key, {
            value: body.value,
            ...(typeof body.description === 'string' ? { description: body.description } : {}),
            updatedAt: new Date().toISOString(),
          });
          return { status: 200, body: kind === 'secrets' ? {} : view(found) };
        },
      },
      {
        name: kind,
        method: 'DELETE',
        pattern,
        handle: (request) => {
          const found = writable(request, request.params[0] ?? '');
          if ('status' in found) return found;
          found[kind].delete(String(asRecord(request.body).key));
          return { status: 200, body: kind === 'secrets' ? {} : view(found) };
        },
      },
    ];
  }

  /** `listSpaces()`: `GET /api/spaces?author=&search=&limit=` with `Link` paging; private ones need read access. */
  function listSpaces(request: HubRequest): HubResponse {
    const author = request.query.get('author');
    const search = request.query.get('search')?.toLowerCase();
    const limit = Math.min(Number(request.query.get('limit') ?? '500') || 500, 1000);
    const offset = Number(request.query.get('cursor') ?? '0') || 0;
    const matching = [...repos.values()]
      .filter((repo) => (author ? repo.id.split('/')[0] === author : true))
      .filter((repo) => (search ? repo.id.toLowerCase().includes(search) : true))
      .filter((repo) => canRead(request.token, repo))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const headers: Record<string, string> = {};
    if (offset + limit < matching.length) {
      const next = new URL(request.path, request.baseUrl);
      for (const [key, value] of request.query) if (key !== 'cursor') next.searchParams.append(key, value);
      next.searchParams.set('cursor', String(offset + limit));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return {
      status: 200,
      headers,
      body: matching.slice(offset, offset + limit).map((repo) => ({
        _id: `emulated-${repo.id}`,
        id: repo.id,
        author: repo.id.split('/')[0],
        sdk: typeof repo.createdWith?.sdk === 'string' ? repo.createdWith.sdk : 'gradio',
        likes: 0,
        private: repo.private,
        sha: repo.commits.at(-1)?.oid,
        lastModified: repo.lastModified ?? repo.commits.at(-1)?.date,
      })),
    };
  }

  const routes: HubRoute[] = [
    { name: 'space-list', method: 'GET', pattern: /^\/api\/spaces$/, handle: listSpaces },
    { name: 'whoami', method: 'GET', pattern: /^\/api\/whoami-v2$/, handle: whoami },
    { name: 'repo-create', method: 'POST', pattern: /^\/api\/repos\/create$/, handle: createRepo },
    { name: 'repo-delete', method: 'DELETE', pattern: /^\/api\/repos\/delete$/, handle: deleteRepo },
    {
      name: 'tree',
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/tree/([^/]+)(?:/(.+))?$`),
      handle: listTree,
    },
    {
      name: 'preupload',
      method: 'POST',
      pattern: new RegExp(`^/api/spaces/${SPACE}/preupload/([^/]+)$`),
      handle: preupload,
    },
    {
      name: 'commit',
      method: 'POST',
      pattern: new RegExp(`^/api/spaces/${SPACE}/commit/([^/]+)$`),
      handle: commit,
    },
    {
      name: 'commits',
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/commits/([^/]+)$`),
      handle: listCommits,
    },
    {
      name: 'lfs-batch',
      method: 'POST',
      pattern: new RegExp(`^/spaces/${SPACE}\\.git/info/lfs/objects/batch$`),
      handle: lfsBatch,
    },
    { name: 'lfs-upload', method: 'PUT', pattern: /^\/emulated-lfs\/([0-9a-f]{64})$/, handle: lfsPut },
    {
      name: 'resolve',
      method: 'GET',
      pattern: new RegExp(`^/spaces/${SPACE}/resolve/([^/]+)/(.+)$`),
      handle: resolve,
    },
    ...settingsRoutes('secrets'),
    ...settingsRoutes('variables'),
  ];

  function inspectedCommit(spaceId: string, revision = 'main'): RepoCommit {
    const found = commitAt(mustRepo(spaceId), revision);
    if (!found) throw new Error(`emulated Space ${spaceId} has no revision ${revision}`);
    return found;
  }

  const inspection: RepoInspection = {
    commits: (spaceId) => mustRepo(spaceId).commits,
    filesAt: (spaceId, revision) =>
      Object.fromEntries(
        [...inspectedCommit(spaceId, revision).files].map(([path, file]) => [
          path,
          file.content?.toString('utf8') ?? '',
        ]),
      ),
    treeAt: (spaceId, revision) => inspectedCommit(spaceId, revision).files,
    createRequest: (spaceId) => repos.get(spaceId)?.createdWith,
    secretsOf: (spaceId) =>
      Object.fromEntries([...mustRepo(spaceId).secrets].map(([key, s]) => [key, s.value])),
    variablesOf: (spaceId) =>
      Object.fromEntries([...mustRepo(spaceId).variables].map(([key, s]) => [key, s.value])),
    hasRepo: (spaceId) => repos.has(spaceId),
  };

  return { routes, store, inspection };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Where the Hub is and who we are there; `fetch` is injected so tests and proxies can swap the transport. */
export interface HubAccess {
  hubUrl: string;
  accessToken: string;
  fetch?: typeof fetch;
}

export interface SyncPlan {
  parentCommit: string | null;
  added: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
}

export interface SyncResult extends SyncPlan {
  /** null when nothing changed */
  commit: string | null;
  attempts: number;
}

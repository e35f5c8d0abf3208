// Keeps a seat map current: graphql-ws subscription + versioned resync.
//
// Every message carries the show's seat-map version and the first version
// it covers (`fromVersion`: changes that came close together arrive as one
// message, each seat with its latest status), and the seat-map query
// returns the version too. So: subscribe first and buffer what arrives;
// load the map; apply buffered and incoming messages whose version is above
// the applied one, in order; when a message starts more than one above the
// applied version (one was lost), reload the map and keep buffering
// meanwhile. Events sent while the socket was down are lost, so every
// connection after the first load also reloads.

const maxBuffered = 10_000;

/** Like graphql-ws's default backoff (exponential, with jitter), but never waits more than 30 s. */
async function retryWait(retries) {
  const delay = Math.min(1000 * 2 ** retries, 30_000) + Math.floor(Math.random() * 2700 + 300);
  await new Promise((resolve) => setTimeout(resolve, delay));
}

export class LiveSeatMap {
  /**
   * @param {object} options
   * @param {() => string | null} options.token the access token to connect with, if signed in
   * @param {string} options.query the subscription document
   * @param {object} options.variables its variables: { showId, fromStop, toStop }
   * @param {(first: boolean) => Promise<{version: number}>} options.load
   *   fetches the map; `first` for the very first load (which may fetch more, e.g. the show)
   * @param {(map: {version: number}) => void} options.applyMap puts a loaded map in place
   * @param {(change: {version: number, fromVersion: number, seats: Array<{code: string, status: string}>}) => void}
   *   options.applyChange applies one live message
   * @param {(state: string, detail?: string, error?: unknown) => void} options.onState
   *   connecting | connected | reconnecting | error | ended
   * @param {(error: unknown) => void} options.onLoadError
   */
  constructor(options) {
    this.options = options;
    this.version = null; // the version of what is drawn; null before the first load
    this.buffer = [];
    this.loading = false;
    this.reloadQueued = false;
    this.loadStarted = false;
    this.loadFailures = 0;
    this.client = null;
    this.generation = 0;
    this.unsubscribe = null;
    this.disposed = false;
  }

  /** Connects, or connects again with a fresh socket, e.g. after signing in or out. */
  connect() {
    this.closeClient();
    // Events of a client already replaced are ignored; the client emits
    // `connecting` before createClient even returns, hence a number.
    const generation = ++this.generation;
    this.client = graphqlWs.createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: false,
      retryAttempts: Infinity,
      retryWait,
      // Regular pings keep proxies from closing an idle connection.
      keepAlive: 20_000,
      connectionParams: () => {
        const token = this.options.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      on: {
        connecting: (isRetry) =>
          this.current(generation) && this.options.onState(isRetry ? 'reconnecting' : 'connecting'),
        connected: () => this.current(generation) && this.onConnected(),
        closed: () => this.current(generation) && this.options.onState('reconnecting'),
      },
    });
    this.unsubscribe = this.client.subscribe(
      { query: this.options.query, variables: this.options.variables },
      {
        next: (result) => this.current(generation) && this.onResult(result),
        error: (err) => this.current(generation) && this.options.onState('error', describe(err), err),
        complete: () => this.current(generation) && this.options.onState('ended'),
      },
    );
    // If the socket does not come up soon, draw the map anyway; the
    // connection, once made, reloads it.
    setTimeout(() => this.current(generation) && !this.loadStarted && this.reload(), 1500);
  }

  dispose() {
    this.disposed = true;
    this.closeClient();
  }

  closeClient() {
    this.unsubscribe?.();
    this.client?.dispose();
    this.client = null;
    this.unsubscribe = null;
  }

  current(generation) {
    return !this.disposed && this.generation === generation;
  }

  onConnected() {
    this.options.onState('connected');
    // The first connection's load is the initial one; any later load
    // catches up on what happened while no subscription was listening.
    this.reload();
  }

  onResult(result) {
    const change = result.data?.seatMapChanged;
    // A change the server could not describe is a lost change: the map is reloaded instead.
    if (result.errors?.length || !change) return this.reload();
    if (this.loading || this.version === null) this.hold(change);
    else this.applyChange(change);
  }

  hold(change) {
    this.buffer.push(change);
    // Beyond this the next load covers everything anyway.
    if (this.buffer.length > maxBuffered) {
      this.buffer = [];
      this.reload();
    }
  }

  applyChange(change) {
    if (change.version <= this.version) return; // already in the loaded map
    if ((change.fromVersion ?? change.version) > this.version + 1) {
      this.hold(change);
      this.reload(); // a gap: some change never arrived
      return;
    }
    this.version = change.version;
    this.options.applyChange(change);
  }

  /** Loads the map, or queues one more load after the one under way. */
  reload() {
    if (this.disposed) return;
    if (this.loading) {
      this.reloadQueued = true;
      return;
    }
    const first = !this.loadStarted;
    this.loading = true;
    this.loadStarted = true;
    this.reloadQueued = false;
    this.options
      .load(first)
      .then((map) => {
        if (this.disposed) return;
        this.loadFailures = 0;
        this.version = map.version;
        this.options.applyMap(map);
      })
      .catch((err) => this.loadFailed(err, first))
      .finally(() => this.loaded());
  }

  loadFailed(err, first) {
    this.options.onLoadError(err);
    if (first) this.loadStarted = false; // the next attempt is the first again
    const delay = Math.min(1000 * 2 ** this.loadFailures++, 30_000);
    setTimeout(() => this.reload(), delay);
  }

  loaded() {
    this.loading = false;
    if (this.disposed) return;
    if (this.reloadQueued) return this.reload();
    if (this.version === null) return;
    const pending = this.buffer.sort((a, b) => a.version - b.version);
    this.buffer = [];
    for (const change of pending) {
      if (this.loading) this.buffer.push(change);
      else this.applyChange(change);
    }
  }
}

function describe(err) {
  if (err instanceof Error) return err.message;
  if (Array.isArray(err)) return err[0]?.message ?? 'subscription refused';
  if (err && typeof err === 'object' && 'code' in err)
    return `connection closed (${err.code}${err.reason ? `: ${err.reason}` : ''})`;
  return 'connection failed';
}

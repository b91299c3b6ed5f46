// Backend -> UI events: what changes without a click (the day turning; later a
// backup finished, a reminder due). The names are those of
// src-tauri/src/events.rs; subscribing goes through api.js, the only module
// that touches Tauri. One backend subscription per event name, however many
// handlers the UI adds.

import * as api from './api.js';

export const EVENTS = Object.freeze({
  /** Payload { today: YYYY-MM-DD }: the local date changed while the app was open. */
  DAY_CHANGED: 'day-changed',
  /** Payload { done, total } (pages): a backup is being written. */
  BACKUP_PROGRESS: 'backup-progress',
  /** Payload { file, error, broken }: a backup finished (file) or failed (error code). */
  BACKUP_FINISHED: 'backup-finished',
  /** Payload { done, total } (files): « Tout exporter » is writing its folder. */
  EXPORT_PROGRESS: 'export-progress',
  /** No payload: the page check after start-up found the data file damaged. */
  DATABASE_DAMAGED: 'database-damaged',
});

const KNOWN = new Set(Object.values(EVENTS));
const handlers = new Map(); // name -> Set of handlers
const subscriptions = new Map(); // name -> Promise of the unlisten function

function dispatch(name, payload) {
  for (const handler of handlers.get(name) || []) {
    try {
      handler(payload);
    } catch (err) {
      console.error(`event ${name}: handler failed`, err);
    }
  }
}

/** Calls `handler(payload)` each time the backend emits `name`. Resolves once
 *  the backend listens (events sent before that are not replayed) to a
 *  function that removes the handler. */
export async function on(name, handler) {
  if (!KNOWN.has(name)) throw new Error(`events: unknown event ${name}`);
  if (!handlers.has(name)) handlers.set(name, new Set());
  handlers.get(name).add(handler);
  if (!subscriptions.has(name)) {
    const sub = api.listen(name, (payload) => dispatch(name, payload));
    subscriptions.set(name, sub);
    sub.catch(() => subscriptions.delete(name));
  }
  await subscriptions.get(name);
  return () => off(name, handler);
}

/** Removes a handler; the backend subscription goes with the last one. */
export function off(name, handler) {
  const set = handlers.get(name);
  if (!set) return;
  set.delete(handler);
  if (set.size) return;
  handlers.delete(name);
  const sub = subscriptions.get(name);
  subscriptions.delete(name);
  if (sub) sub.then((unlisten) => unlisten()).catch(() => {});
}

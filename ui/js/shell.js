// What outlives a screen: the home route, and the dock — a strip above the
// routed view (#main) where a module mounts a widget that must stay on screen
// while the user moves around (the running timer). Navigation only ever
// replaces #main, so what is docked survives it; an empty dock takes no room.

/** The screen the app opens on, lands on once the welcome is done, and goes
 *  back to from an error: the dashboard (the words of the way back are
 *  `notfound.back` in ui/i18n). */
export const HOME = '#/dashboard';

const docked = new Map(); // key -> element, in mounting order

function dockEl() {
  return document.getElementById('dock');
}

function sync() {
  const el = dockEl();
  if (el) el.hidden = docked.size === 0;
}

/** Shows `el` in the dock under `key` (mounting the same key again replaces
 *  it). Returns a function that takes it away. */
export function dock(key, el) {
  const host = dockEl();
  if (!host) throw new Error('shell: no #dock in index.html');
  const old = docked.get(key);
  if (old) old.replaceWith(el);
  else host.append(el);
  docked.set(key, el);
  sync();
  return () => undock(key, el);
}

/** Takes the widget mounted under `key` away (only `el`, when given: a stale
 *  undock does not remove its replacement). */
export function undock(key, el) {
  const current = docked.get(key);
  if (!current || (el && current !== el)) return;
  current.remove();
  docked.delete(key);
  sync();
}

/** Whether something is mounted under `key`. */
export function isDocked(key) {
  return docked.has(key);
}

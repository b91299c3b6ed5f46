// The global search: Ctrl+K from anywhere (and `/` on screens without a search
// box of their own), or the box at the top of the sidebar. One dialog: type,
// results come grouped (clients, collaborations, documents, team members, job
// descriptions, checklists), ↑/↓ move, Enter opens, Escape closes. What she
// types is matched literally by the core (search.rs).

import { h, replace, debounce } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { showModal } from './dialog.js';

const ROUTES = {
  clients: (x) => `#/clients/${x.id}`,
  collaborations: (x) => `#/collaborations/${x.id}`,
  documents: (x) => `#/documents/${x.id}`,
  members: (x) => `#/team/members/${x.id}`,
  jobs: (x) => `#/team/jobs/${x.id}`,
  checklists: (x) => `#/team/onboardings/${x.id}`,
};

let open = false;

/** Opens the search dialog; `navigate(hash)` follows the chosen result. */
export function openSearch(navigate, initial = '') {
  if (open) return;
  open = true;
  const input = h('input', {
    type: 'search', id: 'global-search-input', class: 'search-input', autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'global-search-results', 'aria-autocomplete': 'list',
    'aria-label': t('search.label'), placeholder: t('search.placeholder'), maxlength: '500',
  });
  input.value = initial;
  const results = h('div', { id: 'global-search-results', role: 'listbox', 'aria-label': t('search.results') });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const dlg = h('dialog', { class: 'dialog dialog-search', id: 'global-search', 'aria-label': t('search.label') },
    h('div', { class: 'search-box' }, input), results, status,
    h('p', { class: 'search-hint muted' }, t('search.hint')));
  let options = [];
  let active = -1;
  let seq = 0;

  const setActive = (i) => {
    if (!options.length) { active = -1; input.removeAttribute('aria-activedescendant'); return; }
    active = (i + options.length) % options.length;
    options.forEach((o, j) => o.el.setAttribute('aria-selected', String(j === active)));
    input.setAttribute('aria-activedescendant', options[active].el.id);
    options[active].el.scrollIntoView({ block: 'nearest' });
  };
  const go = (o) => { dlg.close(); navigate(o.href); };

  const run = debounce(async () => {
    const text = input.value;
    const mine = ++seq;
    if (!text.trim()) {
      replace(results); options = []; setActive(-1); input.setAttribute('aria-expanded', 'false');
      return;
    }
    let found;
    try { found = await api.search(text); } catch (err) { console.warn('search failed', err); return; }
    if (mine !== seq) return;
    options = [];
    const groups = found.map((g) => h('div', { class: 'search-group', role: 'group', 'aria-labelledby': `sg-${g.group}`, dataset: { group: g.group } },
      h('div', { class: 'search-group-title', id: `sg-${g.group}`, role: 'presentation' }, t(`search.group.${g.group}`)),
      g.hits.map((x) => {
        const href = ROUTES[g.group](x);
        const labelText = x.label || t('search.draft');
        const el = h('div', {
          class: 'search-option', role: 'option', id: `so-${g.group}-${x.id}`, 'aria-selected': 'false',
          dataset: { href, group: g.group, id: String(x.id) },
        },
        h('span', { class: 'search-option-label' }, g.group === 'documents' && x.doc_kind ? `${t(`docs.kind.${x.doc_kind}`)} ${labelText}` : labelText),
        x.detail ? h('span', { class: 'search-option-detail muted' }, x.detail) : null);
        const o = { el, href };
        el.addEventListener('mousedown', (e) => e.preventDefault());
        el.addEventListener('click', () => go(o));
        options.push(o);
        return el;
      })));
    replace(results, ...(groups.length ? groups : [h('p', { class: 'search-empty muted' }, t('search.none', { text: text.trim() }))]));
    input.setAttribute('aria-expanded', String(options.length > 0));
    status.textContent = options.length ? t('search.count', { count: options.length }) : t('search.none', { text: text.trim() });
    setActive(0);
  }, 120);

  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive(active + 1); } else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(active - 1); } else if (e.key === 'Enter') {
      e.preventDefault();
      if (options[active]) go(options[active]);
    }
  });
  dlg.addEventListener('close', () => { open = false; });
  showModal(dlg, { focus: input });
  input.focus();
  if (initial) run();
}

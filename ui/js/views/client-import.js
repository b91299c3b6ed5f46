// #/clients/import — « Importer des clients » from a spreadsheet saved as CSV.
// The core reads the file (picked in the native dialog: no path ever comes
// from here), guesses the columns, and checks every row with the client
// form's own validation; this screen only shows its verdicts, lets her change
// a column's field and exclude rows, and imports when no kept row is in error.
// Every cell of her file is inserted as text (dom.js).

import { h, replace } from '../dom.js';
import { t, tn, has, errorText } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../toast.js';
import { formatInteger } from '../format.js';
import { pageHeader, emptyState } from './shared.js';

/** At most this many rows are drawn; the counts always cover the whole file. */
const SHOWN = 200;

/** A row error as she reads it: « E-mail : message (comme la ligne 3) ». */
function errorLine(e, row) {
  const fieldKey = `client.field.${e.field}`;
  const where = e.code === 'import_duplicate_row' && row.duplicate_of
    ? ` ${t('import.duplicate_of', { line: formatInteger(row.duplicate_of) })}` : '';
  const message = `${errorText(e)}${where}`;
  return has(fieldKey) ? t('import.error_field', { field: t(fieldKey), message }) : message;
}

export async function render(ctx) {
  const { navigate } = ctx;
  let preview = null;
  const excluded = new Set();
  let onlyErrors = false;
  let busy = false;

  const error = h('p', { class: 'form-error', id: 'import-error', role: 'alert' });
  const body = h('div', { class: 'import-body' });
  const counts = h('p', { class: 'import-counts', id: 'import-counts', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', {
    type: 'button', class: 'btn btn-primary', id: 'import-submit', dataset: { action: 'import' },
    'aria-describedby': 'import-blocked', onclick: doImport,
  });
  const blockedHelp = h('p', { class: 'field-help', id: 'import-blocked' });

  const showError = (err) => { error.textContent = err ? errorText(err) : ''; };

  const pickButton = (primary) => h('button', {
    type: 'button',
    class: ['btn', primary && 'btn-primary', primary && 'btn-large'],
    dataset: { action: 'pick-file' },
    onclick: pick,
  }, primary ? t('import.pick') : t('import.pick_other'));

  async function pick() {
    if (busy) return;
    showError(null);
    busy = true;
    try {
      const p = await api.pickImportFile();
      if (p) {
        preview = p;
        excluded.clear();
        onlyErrors = false;
        draw();
      }
    } catch (err) {
      // The core forgets a file it refused: back to the start.
      preview = null;
      draw();
      showError(err);
    } finally {
      busy = false;
    }
  }

  async function remap(column, value) {
    showError(null);
    const mapping = preview.mapping.slice();
    // One column per field: the column that had it gives it up.
    if (value) mapping.forEach((f, i) => { if (f === value) mapping[i] = null; });
    mapping[column] = value || null;
    try {
      preview = await api.previewImport(mapping);
      draw();
      document.getElementById(`import-map-${column}`)?.focus();
    } catch (err) {
      showError(err);
    }
  }

  const kept = () => preview.rows.filter((r) => !excluded.has(r.line));

  /** Counts, the button and each drawn row's state, without redrawing (focus stays). */
  function refresh() {
    if (!preview) return;
    const rows = kept();
    const ready = rows.filter((r) => r.errors.length === 0).length;
    const inError = rows.length - ready;
    const parts = [tn('import.summary.ready', ready)];
    if (inError) parts.push(tn('import.summary.errors', inError));
    if (excluded.size) parts.push(tn('import.summary.excluded', excluded.size));
    counts.textContent = parts.join(', ');
    submit.textContent = tn('import.submit', ready);
    const blocked = Boolean(preview.problem) || inError > 0 || ready === 0;
    submit.disabled = blocked;
    blockedHelp.textContent = preview.problem ? errorText(preview.problem)
      : inError ? t('import.blocked') : '';
    for (const tr of body.querySelectorAll('tr[data-line]')) {
      const out = excluded.has(Number(tr.dataset.line));
      tr.classList.toggle('is-excluded', out);
    }
  }

  function mappingStep() {
    const options = [{ value: '', label: t('import.mapping.ignore') },
      ...preview.fields.map((f) => ({ value: f, label: t(`client.field.${f}`) }))];
    const rows = preview.columns.map((name, i) => {
      const sel = h('select', {
        id: `import-map-${i}`, name: `mapping.${i}`,
        onchange: (e) => remap(i, e.currentTarget.value),
      }, options.map((o) => h('option', { value: o.value }, o.label)));
      sel.value = preview.mapping[i] || '';
      return h('tr', {},
        h('th', { scope: 'row' }, h('label', { for: `import-map-${i}` }, name || t('import.mapping.unnamed', { n: i + 1 }))),
        h('td', {}, sel),
        h('td', { class: 'import-sample' }, preview.samples[i] || ''),
      );
    });
    return h('section', { class: 'card import-mapping', 'aria-labelledby': 'import-mapping-title' },
      h('h2', { class: 'card-title', id: 'import-mapping-title' }, t('import.mapping.title')),
      h('p', { class: 'field-help' }, t('import.mapping.help')),
      preview.problem ? h('p', { class: 'form-error', role: 'alert', dataset: { errorFor: 'mapping' } }, errorText(preview.problem)) : null,
      h('table', { class: 'import-mapping-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('import.mapping.column')),
          h('th', { scope: 'col' }, t('import.mapping.field')),
          h('th', { scope: 'col' }, t('import.mapping.example')))),
        h('tbody', {}, rows)),
    );
  }

  function previewStep() {
    const fields = preview.fields.filter((f) => preview.mapping.includes(f));
    const all = onlyErrors ? preview.rows.filter((r) => r.errors.length) : preview.rows;
    const rows = all.slice(0, SHOWN).map((r) => {
      const box = h('input', {
        type: 'checkbox', checked: excluded.has(r.line), dataset: { action: 'exclude' },
        'aria-label': t('import.exclude_row', { line: formatInteger(r.line) }),
        onchange: (e) => {
          if (e.currentTarget.checked) excluded.add(r.line); else excluded.delete(r.line);
          refresh();
        },
      });
      return h('tr', { dataset: { line: r.line }, class: [r.errors.length && 'has-error', excluded.has(r.line) && 'is-excluded'] },
        h('td', { class: 'import-exclude' }, box),
        h('td', { class: 'num' }, formatInteger(r.line)),
        fields.map((f) => h('td', { class: 'import-cell' }, r.values[f] ?? '')),
        h('td', { class: 'import-errors' }, r.errors.length
          ? h('ul', {}, r.errors.map((e) => h('li', {}, errorLine(e, r))))
          : h('span', { class: 'import-ok' }, t('import.row_ok'))),
      );
    });
    const filter = h('select', {
      id: 'import-show',
      onchange: (e) => { onlyErrors = e.currentTarget.value === 'errors'; draw(); document.getElementById('import-show')?.focus(); },
    }, h('option', { value: 'all' }, t('import.show.all')), h('option', { value: 'errors' }, t('import.show.errors')));
    filter.value = onlyErrors ? 'errors' : 'all';
    const withErrors = preview.rows.filter((r) => r.errors.length);
    return h('section', { class: 'card import-preview', 'aria-labelledby': 'import-preview-title' },
      h('h2', { class: 'card-title', id: 'import-preview-title' }, t('import.preview.title')),
      h('div', { class: 'import-toolbar' },
        h('label', { for: 'import-show' }, t('import.show.label')), filter,
        withErrors.length ? h('button', {
          type: 'button', class: 'btn btn-small', dataset: { action: 'exclude-errors' },
          onclick: () => { for (const r of withErrors) excluded.add(r.line); redrawKeeping('exclude-errors'); },
        }, t('import.exclude_errors')) : null,
        h('button', {
          type: 'button', class: 'btn btn-small', dataset: { action: 'include-all' },
          onclick: () => { excluded.clear(); redrawKeeping('include-all'); },
        }, t('import.include_all')),
      ),
      all.length > SHOWN ? h('p', { class: 'field-help' }, t('import.shown', { shown: formatInteger(SHOWN), total: formatInteger(all.length) })) : null,
      rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'import-table', id: 'import-table' },
        h('caption', { class: 'visually-hidden' }, t('import.preview.caption')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('import.col.exclude')),
          h('th', { scope: 'col', class: 'num' }, t('import.col.line')),
          fields.map((f) => h('th', { scope: 'col' }, t(`client.field.${f}`))),
          h('th', { scope: 'col' }, t('import.col.errors')))),
        h('tbody', {}, rows)))
        : h('p', { class: 'empty-text' }, t('import.no_error_rows')),
    );
  }

  /** Redraws, then gives the focus back to the button that asked for it. */
  function redrawKeeping(action) {
    draw();
    body.querySelector(`[data-action="${action}"]`)?.focus();
  }

  function draw() {
    if (!preview) {
      replace(body, emptyState({
        title: t('import.empty.title'),
        text: t('import.empty.text'),
        actions: [pickButton(true)],
      }), h('p', { class: 'field-help import-columns-help' }, t('import.empty.columns')));
      return;
    }
    replace(body,
      h('div', { class: 'import-file-row' }, pickButton(false)),
      mappingStep(),
      previewStep(),
      h('div', { class: 'form-actions import-actions' },
        counts,
        blockedHelp,
        h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate('#/clients') }, t('common.cancel')),
        submit),
    );
    refresh();
  }

  async function doImport() {
    if (busy || submit.disabled) return;
    showError(null);
    busy = true;
    submit.disabled = true;
    try {
      const report = await api.importClients(preview.mapping, [...excluded]);
      toast(tn('import.done', report.created));
      navigate('#/clients');
    } catch (err) {
      showError(err);
      refresh();
    } finally {
      busy = false;
    }
  }

  draw();
  const el = h('section', { class: 'view view-client-import' },
    pageHeader({ title: t('import.title'), subtitle: t('import.subtitle'), back: { href: '#/clients', label: t('import.back') } }),
    error,
    body,
  );
  return { el, title: t('import.title') };
}

// #/settings — interface language (applied at once), business profile, about
// (version, data folder, database file, log folder).

import { h } from '../dom.js';
import { t, getLang, LANGUAGES } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { pageHeader, detailList } from './shared.js';
import { buildProfileForm, profileValues } from './profile-form.js';
import { formView } from '../form.js';

export async function render(ctx) {
  const { info } = ctx;
  const profile = await api.getProfile();

  const langSelect = h('select', { id: 'language', class: 'filter-select' },
    LANGUAGES.map((code) => h('option', { value: code, lang: code }, t(`lang.native.${code}`))));
  langSelect.value = getLang();
  langSelect.addEventListener('change', () => ctx.setLanguage(langSelect.value));

  const values = { ...profileValues(profile), ...(ctx.restore?.values || {}) };
  let ctlRef = null;
  const { form, ctl } = buildProfileForm({
    ctx,
    id: 'profile-form',
    values,
    restore: ctx.restore,
    submitLabel: t('common.save'),
    showCancel: true,
    cancelLabel: 'settings.discard',
    onSaved: () => {
      toast(t('settings.profile_saved'));
    },
    onCancel: async () => {
      if (!ctlRef.isDirty()) return;
      const ok = await confirmDialog({
        title: t('settings.discard_confirm.title'),
        message: t('settings.discard_confirm.message'),
        confirmLabel: t('settings.discard'),
        cancelLabel: t('dirty.stay'),
        danger: true,
      });
      if (ok) ctx.rerender({ fresh: true });
    },
  });
  ctlRef = ctl;

  const el = h('section', { class: 'view view-settings' },
    pageHeader({ title: t('settings.title') }),
    h('section', { class: 'card settings-card' },
      h('h2', { class: 'card-title' }, t('settings.language_title')),
      h('div', { class: 'field field-inline' },
        h('label', { for: 'language', class: 'field-label' }, t('settings.language')),
        langSelect,
      ),
      h('p', { class: 'field-help' }, t('settings.language_help')),
    ),
    h('section', { class: 'settings-section' },
      h('h2', { class: 'section-title' }, t('settings.profile_title')),
      h('p', { class: 'section-help' }, t('settings.profile_help')),
      form,
    ),
    h('section', { class: 'card settings-card' },
      h('h2', { class: 'card-title' }, t('settings.about_title')),
      detailList([
        [t('settings.about.version'), info.version, 'mono'],
        [t('settings.about.data_dir'), info.data_dir, 'mono path'],
        [t('settings.about.db_path'), info.db_path, 'mono path'],
        [t('settings.about.log_dir'), info.log_dir, 'mono path'],
      ]),
      h('p', { class: 'field-help' }, t('settings.about.log_help')),
    ),
  );

  return formView(ctl, { el, title: t('settings.title') });
}

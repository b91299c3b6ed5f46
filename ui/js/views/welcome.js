// First launch: a warm one-liner, then the business profile (form#welcome-form).
// No sidebar here; a FR/EN toggle sits in the corner.

import { h } from '../dom.js';
import { t, getLang, LANGUAGES } from '../i18n.js';
import { buildProfileForm, profileValues } from './profile-form.js';

export function languageToggle(ctx) {
  const current = getLang();
  return h('div', { class: 'lang-toggle', role: 'group', 'aria-label': t('settings.language') },
    LANGUAGES.map((code) => h('button', {
      type: 'button',
      class: 'lang-option',
      dataset: { lang: code },
      'aria-pressed': String(code === current),
      'aria-label': t(`lang.native.${code}`),
      lang: code,
      onclick: () => { if (code !== getLang()) ctx.setLanguage(code); },
    }, code.toUpperCase())),
  );
}

export async function render(ctx) {
  const values = ctx.restore?.values ? { ...profileValues(null), ...ctx.restore.values } : profileValues(null);
  const { form, ctl } = buildProfileForm({
    ctx,
    id: 'welcome-form',
    values,
    restore: ctx.restore,
    submitLabel: t('welcome.submit'),
    onSaved: (profile) => ctx.onProfileSaved(profile),
  });

  const el = h('div', { class: 'welcome' },
    h('header', { class: 'welcome-top' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
      languageToggle(ctx),
    ),
    h('div', { class: 'welcome-body' },
      h('h1', { tabindex: '-1' }, t('welcome.title')),
      h('p', { class: 'welcome-intro' }, t('welcome.intro')),
      h('p', { class: 'welcome-note' }, t('welcome.note')),
      form,
    ),
  );

  return {
    el,
    title: t('welcome.title'),
    isDirty: () => false, // there is nowhere else to go from here
    keepOnRerender: true, // a language switch keeps what was typed
    snapshot: ctl.snapshot,
    autofocus: ctx.restore ? null : form.elements.namedItem('legal_name'),
    destroy: ctl.destroy,
  };
}

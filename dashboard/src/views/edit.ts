import type { ViewContext } from '../context';
import { h, replaceChildren, uid } from '../dom';
import { count, date, language } from '../format';
import { GraphQLRequestError } from '../graphql';
import {
  EDITABLE_ACTIVITIES,
  PARTNER_TYPENAMES,
  type PartnerTypename,
  ROSTER,
  createActivity,
  deleteActivity,
  updateActivity,
} from '../operations';
import { facts, notice, section } from '../ui';
import { KINDS, THEMES } from './activities';

/**
 * Editing a partner's activities with a token from `npm run token`. The token is kept in
 * sessionStorage (this tab only, gone when it closes), never in the address, and sent only
 * to /graphql. What it allows is the graph's to decide: the page reads the token's claims
 * only to know whose activities to show, and shows the graph's refusals as they come.
 */

const TOKEN_KEY = 'citipart.dashboard.token';
const LOCALES = ['HR', 'FR', 'DE', 'PL', 'EN'] as const;

interface Claims {
  sub?: string;
  role?: string;
  partnerId?: string;
  exp?: number;
}

/** The token's claims, unverified (the gateway verifies): null when it is not a JWT. */
export function readClaims(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(
      parts[1]
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(parts[1].length / 4) * 4, '='),
    );
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as unknown;
    return claims && typeof claims === 'object' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

interface EditableActivity {
  id: string;
  version: number;
  kind: string;
  theme: string;
  originalLocale: string;
  translations: { field: string; locale: string; text: string }[];
  startsOn: string;
  endsOn: string | null;
  town: string | null;
  participants: { value: number; qualifier: 'EXACT' | 'AT_LEAST' | 'ABOUT' } | null;
  presentedAt: { id: string } | null;
}

interface EditableData {
  partner: {
    __typename: string;
    id: string;
    name: string;
    locale: string | null;
    activities: { totalCount: number; nodes: EditableActivity[] } | null;
  } | null;
  meetings: { nodes: { id: string; title: string; startsOn: string }[] };
}

/** The texts of an activity in the language it was written in: what an editor changes. */
function original(activity: EditableActivity, field: 'title' | 'description'): string {
  return (
    activity.translations.find((entry) => entry.field === field && entry.locale === activity.originalLocale)?.text ?? ''
  );
}

/** The form's values, as strings (what the inputs hold). */
interface Values {
  kind: string;
  theme: string;
  title: string;
  description: string;
  startsOn: string;
  endsOn: string;
  town: string;
  participants: string;
  qualifier: string;
  presentedAt: string;
  /** The language of the texts: chosen for a new activity only (a translation is another write). */
  locale: string;
}

const EMPTY: Values = {
  kind: 'WORKSHOP',
  theme: 'SOLIDARITY',
  title: '',
  description: '',
  startsOn: '',
  endsOn: '',
  town: '',
  participants: '',
  qualifier: 'EXACT',
  presentedAt: '',
  locale: '',
};

function valuesOf(activity: EditableActivity): Values {
  return {
    kind: activity.kind,
    theme: activity.theme,
    title: original(activity, 'title'),
    description: original(activity, 'description'),
    startsOn: activity.startsOn,
    endsOn: activity.endsOn ?? '',
    town: activity.town ?? '',
    participants: activity.participants ? String(activity.participants.value) : '',
    qualifier: activity.participants?.qualifier ?? 'EXACT',
    presentedAt: activity.presentedAt?.id ?? '',
    locale: activity.originalLocale,
  };
}

/** The graph's names for the form's fields, as a write's input (or patch) holds them. */
function toInput(values: Values): Record<string, unknown> {
  const participants = values.participants.trim();
  return {
    kind: values.kind,
    theme: values.theme,
    title: values.title.trim(),
    description: values.description.trim() || null,
    startsOn: values.startsOn,
    endsOn: values.endsOn || null,
    town: values.town.trim() || null,
    participants: participants ? { value: Number(participants), qualifier: values.qualifier } : null,
    presentedAt: values.presentedAt || null,
    ...(values.locale ? { locale: values.locale } : {}),
  };
}

/** A fresh key for a create, kept while the same form is retried. */
function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return `dashboard-${crypto.randomUUID()}`;
  return `dashboard-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The form field a refusal names: "input.title" → "title", "patch.participants.value" → "participants". */
function fieldOf(error: GraphQLRequestError): string | null {
  const named = error.field ?? /at "(?:input|patch)\.([\w.]+)"/.exec(error.message)?.[1] ?? null;
  if (!named) return null;
  return named.replace(/^(input|patch)\.?/, '').split('.')[0] || null;
}

export async function edit(ctx: ViewContext): Promise<(Node | string)[]> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token ? readClaims(token) : null;
  const expired = claims?.exp !== undefined && claims.exp * 1000 < Date.now();

  const tokenId = uid('token');
  const hintId = uid('token-hint');
  const tokenInput = h('input', {
    id: tokenId,
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': hintId,
    required: true,
  });
  const tokenProblem = h('p', { class: 'field-error', id: uid('token-error') });
  const tokenForm = h(
    'form',
    { class: 'token-form' },
    h(
      'div',
      { class: 'field field-wide' },
      h('label', { for: tokenId }, ctx.t('tokenLabel')),
      tokenInput,
      h('p', { class: 'hint', id: hintId }, ctx.t('tokenHint')),
      tokenProblem,
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, ctx.t('useToken')),
      token
        ? h('button', { type: 'button', class: 'button-secondary', onclick: () => forget() }, ctx.t('forgetToken'))
        : null,
    ),
  );
  const forget = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    ctx.refresh();
  };
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const pasted = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    if (!readClaims(pasted)) {
      tokenProblem.textContent = ctx.t('tokenUnreadable');
      tokenInput.setAttribute('aria-invalid', 'true');
      tokenInput.focus();
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, pasted);
    ctx.refresh();
  });

  const view: (Node | string)[] = [
    h(
      'header',
      { class: 'view-header' },
      h('h1', { tabindex: '-1' }, ctx.t('editHeading')),
      h('p', { class: 'lead' }, ctx.t('editIntro')),
    ),
  ];
  if (!token || !claims) {
    view.push(section(ctx.t('tokenHeading'), tokenForm));
    return view;
  }
  const who = [ctx.t('signedInAs', { subject: claims.sub ?? '?' })];
  if (expired) {
    view.push(
      section(
        ctx.t('tokenHeading'),
        notice('error', ctx.t('tokenExpired', { date: new Date(claims.exp! * 1000).toLocaleString(ctx.lang) })),
        tokenForm,
      ),
    );
    return view;
  }

  let partnerId = claims.partnerId ?? ctx.route.query.get('partner') ?? '';
  let chooser: HTMLElement | null = null;
  if (claims.role === 'NETWORK_ADMIN') {
    who.push(ctx.t('roleAdmin'));
    const roster = (await ctx.read<{ partners: { nodes: { id: string; name: string }[] } }>(ROSTER)).data.partners
      .nodes;
    partnerId = roster.some((p) => p.id === partnerId) ? partnerId : (roster[0]?.id ?? '');
    const selectId = uid('partner');
    const select = h(
      'select',
      { id: selectId, name: 'partner' },
      roster.map((p) => h('option', { value: p.id, selected: p.id === partnerId }, p.name)),
    );
    chooser = h(
      'form',
      { class: 'filters' },
      h('div', { class: 'field field-wide' }, h('label', { for: selectId }, ctx.t('choosePartner')), select),
      h('div', { class: 'field field-button' }, h('button', { type: 'submit' }, ctx.t('show'))),
    );
    chooser.addEventListener('submit', (event) => {
      event.preventDefault();
      history.replaceState(null, '', ctx.href(`#/edit?partner=${encodeURIComponent(select.value)}`));
      ctx.refresh();
    });
  }

  const editor = h('div', { class: 'editor' });
  const signedIn = h('p', { class: 'signed-in' }, who.join(' '));
  view.push(
    section(
      ctx.t('tokenHeading'),
      signedIn,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', class: 'button-secondary', onclick: forget }, ctx.t('forgetToken')),
      ),
      chooser,
    ),
    editor,
  );
  if (partnerId) {
    await showEditor(ctx, editor, token, partnerId, null);
    if (claims.role === 'PARTNER_EDITOR') {
      // The same read the editor made: answered from the page's cache.
      const name = (await ctx.read<EditableData>(EDITABLE_ACTIVITIES, { id: partnerId })).data.partner?.name;
      signedIn.textContent = [...who, ctx.t('roleEditor', { partner: name ?? partnerId })].join(' ');
    }
  }
  return view;
}

/** The partner's activities and the form; drawn again after each write. */
async function showEditor(
  ctx: ViewContext,
  holder: HTMLElement,
  token: string,
  partnerId: string,
  message: HTMLElement | null | undefined,
): Promise<void> {
  // Read with the token: an editor sees what the public does, and its own drafts where the graph shows them.
  const { data } = await ctx.read<EditableData>(EDITABLE_ACTIVITIES, { id: partnerId });
  const partner = data.partner;
  if (!partner) {
    replaceChildren(holder, notice('error', ctx.t('partnerNotFound', { id: partnerId })));
    return;
  }
  const typename = PARTNER_TYPENAMES.find((name) => name === partner.__typename);
  if (!typename || !partner.activities) {
    replaceChildren(holder, notice('warning', ctx.t('notAnswered')));
    return;
  }
  const activities = [...partner.activities.nodes].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id),
  );
  const meetings = data.meetings.nodes;
  const redraw = (note: HTMLElement | null) => void showEditor(ctx, holder, token, partnerId, note);

  const formHolder = h('div', { class: 'form-holder' });
  const addButton: HTMLButtonElement = h(
    'button',
    { type: 'button', onclick: () => openForm(null) },
    ctx.t('addActivity'),
  );
  const openForm = (activity: EditableActivity | null) => {
    const close = () => {
      formHolder.replaceChildren();
      addButton.focus();
    };
    replaceChildren(formHolder, activityForm(ctx, { typename, partner, activity, meetings, token, redraw, close }));
    formHolder.querySelector<HTMLElement>('h3')?.focus();
  };

  const rows = activities.map((activity) => {
    const title = original(activity, 'title');
    const actions = h('td', { class: 'actions' });
    const showActions = () =>
      replaceChildren(
        actions,
        h(
          'button',
          {
            type: 'button',
            class: 'button-small',
            onclick: () => openForm(activity),
            'aria-label': `${ctx.t('change')}: ${title}`,
          },
          ctx.t('change'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button-small button-danger',
            'aria-label': `${ctx.t('delete')}: ${title}`,
            onclick: () => {
              // A second, explicit step: a delete cannot be undone.
              const confirm = h(
                'button',
                { type: 'button', class: 'button-small button-danger', onclick: () => void remove(activity, title) },
                ctx.t('confirmDelete', { title }),
              );
              replaceChildren(
                actions,
                confirm,
                h(
                  'button',
                  { type: 'button', class: 'button-small button-secondary', onclick: showActions },
                  ctx.t('cancel'),
                ),
              );
              confirm.focus();
            },
          },
          ctx.t('delete'),
        ),
      );
    showActions();
    return h(
      'tr',
      { 'data-activity': activity.id },
      h('th', { scope: 'row' }, title),
      h(
        'td',
        { 'data-label': ctx.t('colDate') },
        h('time', { datetime: activity.startsOn }, date(ctx.lang, activity.startsOn, 'medium')),
      ),
      h('td', { 'data-label': ctx.t('colTheme') }, ctx.enumLabel('theme', activity.theme)),
      h('td', { 'data-label': ctx.t('colKind') }, ctx.enumLabel('kind', activity.kind)),
      h('td', { class: 'num', 'data-label': ctx.t('colVersion') }, String(activity.version)),
      actions,
    );
  });

  const remove = async (activity: EditableActivity, title: string) => {
    try {
      await ctx.write(deleteActivity(typename), { id: activity.id, version: activity.version }, token);
      ctx.announce(ctx.t('deleted', { title }));
      redraw(notice('success', ctx.t('deleted', { title })));
    } catch (error) {
      const refusal = refusalText(ctx, error);
      redraw(
        notice(
          'error',
          error instanceof GraphQLRequestError && error.code === 'CONFLICT' ? ctx.t('conflictGone') : refusal,
        ),
      );
    }
  };

  replaceChildren(
    holder,
    section(
      ctx.t('activitiesOf', { partner: partner.name }),
      message ?? '',
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'data-table editable stack' },
          h('caption', { class: 'visually-hidden' }, ctx.t('activitiesOf', { partner: partner.name })),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                ctx.t('colActivity'),
                ctx.t('colDate'),
                ctx.t('colTheme'),
                ctx.t('colKind'),
                ctx.t('colVersion'),
                ctx.t('colActions'),
              ].map((header) => h('th', { scope: 'col' }, header)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: () => openForm(null) }, ctx.t('addActivity')),
      ),
      formHolder,
    ),
  );
  if (message) message.setAttribute('tabindex', '-1');
  if (message) message.focus();
}

export function refusalText(ctx: ViewContext, error: unknown): string {
  if (!(error instanceof GraphQLRequestError)) return ctx.t('refused', { code: 'ERROR', message: String(error) });
  if (error.code === 'FORBIDDEN') return ctx.t('refusedForbidden', { message: error.message });
  if (error.code === 'UNAUTHENTICATED') return ctx.t('refusedToken', { message: error.message });
  return ctx.t('refused', { code: error.code, message: error.message });
}

function activityForm(
  ctx: ViewContext,
  options: {
    typename: PartnerTypename;
    partner: NonNullable<EditableData['partner']>;
    activity: EditableActivity | null;
    meetings: EditableData['meetings']['nodes'];
    token: string;
    redraw: (note: HTMLElement | null) => void;
    /** Closes the form, changing nothing. */
    close: () => void;
  },
): HTMLElement {
  const { typename, partner, meetings, token } = options;
  let activity = options.activity;
  /** What the form started from: an update sends only what the editor changed from it. */
  const baseline = activity ? valuesOf(activity) : { ...EMPTY, locale: partner.locale ?? 'EN' };
  let version = activity?.version ?? 0;
  let clientKey = newClientKey();
  const titleId = uid('form-title');
  const summary = h('div', { class: 'form-summary', 'aria-live': 'assertive' });
  const current = h('div', { class: 'current-data' });

  const inputs = {} as Record<keyof Values, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;
  const errors = {} as Record<string, HTMLElement>;
  const field = (
    name: keyof Values,
    text: string,
    control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
    required = false,
  ) => {
    control.id = uid(`field-${name}`);
    control.name = name;
    control.value = baseline[name];
    if (required) control.required = true;
    const errorId = uid(`error-${name}`);
    control.setAttribute('aria-describedby', errorId);
    inputs[name] = control;
    errors[name] = h('p', { class: 'field-error', id: errorId });
    return h(
      'div',
      { class: `field field-${name}` },
      h(
        'label',
        { for: control.id },
        text,
        required ? h('span', { class: 'required' }, ` (${ctx.t('required')})`) : '',
      ),
      control,
      errors[name],
    );
  };
  const select = (values: readonly string[], labelOf: (value: string) => string, empty?: string) =>
    h(
      'select',
      {},
      empty !== undefined ? h('option', { value: '' }, empty) : null,
      values.map((value) => h('option', { value }, labelOf(value))),
    );

  const locale = activity?.originalLocale;
  const form = h(
    'form',
    { class: 'activity-form', 'aria-labelledby': titleId, novalidate: true },
    h(
      'h3',
      { id: titleId, tabindex: '-1' },
      activity ? ctx.t('changeActivity', { title: baseline.title }) : ctx.t('addActivity'),
    ),
    locale ? h('p', { class: 'hint' }, ctx.t('originalLanguage', { language: language(ctx.lang, locale) })) : null,
    summary,
    current,
    h(
      'div',
      { class: 'form-grid' },
      field('title', ctx.t('fieldTitle'), h('input', { type: 'text', maxlength: '200' }), true),
      field(
        'kind',
        ctx.t('fieldKind'),
        select(KINDS, (kind) => ctx.enumLabel('kind', kind)),
        true,
      ),
      field(
        'theme',
        ctx.t('fieldTheme'),
        select(THEMES, (theme) => ctx.enumLabel('theme', theme)),
        true,
      ),
      field('startsOn', ctx.t('fieldStartsOn'), h('input', { type: 'date' }), true),
      field('endsOn', ctx.t('fieldEndsOn'), h('input', { type: 'date' })),
      field('town', ctx.t('fieldTown'), h('input', { type: 'text', maxlength: '200' })),
      field(
        'participants',
        ctx.t('fieldParticipants'),
        h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric' }),
      ),
      field(
        'qualifier',
        ctx.t('fieldQualifier'),
        select(['EXACT', 'AT_LEAST', 'ABOUT'], (q) => ctx.enumLabel('qualifierName', q)),
      ),
      field(
        'presentedAt',
        ctx.t('fieldPresentedAt'),
        select(
          meetings.map((meeting) => meeting.id),
          (id) => meetings.find((meeting) => meeting.id === id)?.title ?? id,
          `(${ctx.t('none')})`,
        ),
      ),
      field('description', ctx.t('fieldDescription'), h('textarea', { rows: '4', maxlength: '2000' })),
      activity
        ? null
        : field(
            'locale',
            ctx.t('fieldLocale'),
            select(LOCALES, (code) => language(ctx.lang, code)),
            true,
          ),
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, activity ? ctx.t('save') : ctx.t('add')),
      h('button', { type: 'button', class: 'button-secondary', onclick: () => options.close() }, ctx.t('cancel')),
    ),
  );

  const clearErrors = () => {
    summary.replaceChildren();
    for (const [name, element] of Object.entries(errors)) {
      element.textContent = '';
      inputs[name as keyof Values].removeAttribute('aria-invalid');
    }
  };
  const showRefusal = (error: unknown) => {
    const text = refusalText(ctx, error);
    const name = error instanceof GraphQLRequestError ? fieldOf(error) : null;
    const target = name && name in inputs ? (name as keyof Values) : null;
    summary.replaceChildren(notice('error', ctx.t('errorsInForm'), ' ', text));
    if (target) {
      errors[target].textContent = error instanceof GraphQLRequestError ? error.message : text;
      inputs[target].setAttribute('aria-invalid', 'true');
      inputs[target].focus();
    } else {
      summary.querySelector<HTMLElement>('.notice')?.setAttribute('tabindex', '-1');
      summary.querySelector<HTMLElement>('.notice')?.focus();
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      clearErrors();
      const values = Object.fromEntries(
        Object.entries(inputs).map(([name, input]) => [name, input.value]),
      ) as unknown as Values;
      const input = toInput(values);
      const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
      button.disabled = true;
      try {
        if (!activity) {
          await ctx.write(createActivity(typename), { partnerId: partner.id, input, clientKey }, token);
          ctx.announce(ctx.t('created', { title: values.title }));
          options.redraw(notice('success', ctx.t('created', { title: values.title })));
          clientKey = newClientKey();
          return;
        }
        const before = toInput(baseline);
        const patch = Object.fromEntries(
          Object.entries(input).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(before[name])),
        );
        await ctx.write(updateActivity(typename), { id: activity.id, version, patch }, token);
        ctx.announce(ctx.t('updated', { title: values.title }));
        options.redraw(notice('success', ctx.t('updated', { title: values.title })));
      } catch (error) {
        if (activity && error instanceof GraphQLRequestError && error.code === 'CONFLICT') {
          await showConflict(activity);
        } else {
          showRefusal(error);
        }
      } finally {
        button.disabled = false;
      }
    })();
  });

  /** A stale version: the graph's current data beside the form, and the form set to that version. */
  const showConflict = async (stale: EditableActivity) => {
    const { data } = await ctx.read<EditableData>(EDITABLE_ACTIVITIES, { id: partner.id });
    const now = data.partner?.activities?.nodes.find((candidate) => candidate.id === stale.id);
    if (!now) {
      options.redraw(notice('error', ctx.t('conflictGone')));
      return;
    }
    summary.replaceChildren(notice('error', ctx.t('conflict', { mine: version, current: now.version })));
    const nowValues = valuesOf(now);
    current.replaceChildren(
      h('h4', {}, ctx.t('currentData')),
      facts([
        [ctx.t('fieldTitle'), nowValues.title],
        [ctx.t('fieldKind'), ctx.enumLabel('kind', now.kind)],
        [ctx.t('fieldTheme'), ctx.enumLabel('theme', now.theme)],
        [ctx.t('fieldStartsOn'), date(ctx.lang, now.startsOn)],
        [ctx.t('fieldEndsOn'), now.endsOn ? date(ctx.lang, now.endsOn) : null],
        [ctx.t('fieldTown'), now.town],
        [ctx.t('fieldParticipants'), now.participants ? count(ctx.lang, now.participants) : null],
        [ctx.t('fieldPresentedAt'), meetings.find((meeting) => meeting.id === now.presentedAt?.id)?.title ?? null],
        [ctx.t('fieldDescription'), nowValues.description || null],
        [ctx.t('colVersion'), String(now.version)],
      ]),
    );
    activity = now;
    version = now.version;
    summary.querySelector<HTMLElement>('.notice')?.setAttribute('tabindex', '-1');
    summary.querySelector<HTMLElement>('.notice')?.focus();
  };

  return form;
}

/**
 * The console's fields beyond pages/forms.ts's: dates, times and choices from a list, built the
 * same way (label above, hint, message beside the field, tied with aria-describedby).
 */
import { type Html, html } from '../pages/html.ts';
import type { FieldError } from '../pages/layout.ts';

interface Options {
  id: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
  name?: string;
}

function parts(options: Options) {
  const error = (options.errors ?? []).find((candidate) => candidate.field === options.id);
  const ids = [options.hint ? `${options.id}-hint` : '', error ? `${options.id}-error` : ''].filter(Boolean);
  const extra = html`${ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : ''}${
    error ? html` aria-invalid="true"` : ''
  }`;
  const above = html`<label for="${options.id}">${options.label}</label>${
    options.hint ? html`<p class="hint" id="${options.id}-hint">${options.hint}</p>` : ''
  }${error ? html`<p class="error-message" id="${options.id}-error">${error.message}</p>` : ''}`;
  return { error, extra, above };
}

/** A native date, time or number input: phones show their own pickers, nothing needs JavaScript. */
export function input(
  options: Options & { type: 'date' | 'time' | 'number' | 'text' | 'url'; value?: string; min?: string },
): Html {
  const { error, extra, above } = parts(options);
  return html`<div class="field field-${options.type}${error ? ' field-error' : ''}">
  ${above}
  <input id="${options.id}" name="${options.name ?? options.id}" type="${options.type}" value="${options.value ?? ''}"${
    options.min !== undefined ? html` min="${options.min}"` : ''
  }${options.type === 'number' ? html` inputmode="numeric"` : ''}${extra}>
</div>`;
}

export function select(
  options: Options & { choices: { value: string; label: string }[]; value?: string },
): Html {
  const { error, extra, above } = parts(options);
  return html`<div class="field${error ? ' field-error' : ''}">
  ${above}
  <select id="${options.id}" name="${options.name ?? options.id}"${extra}>${options.choices.map(
    (choice) =>
      html`<option value="${choice.value}"${choice.value === options.value ? html` selected` : ''}>${choice.label}</option>`,
  )}</select>
</div>`;
}

/** Fields that belong together (a start day and hour) side by side on a laptop, stacked on a phone. */
export function group(legend: string, content: Html): Html {
  return html`<fieldset class="group"><legend>${legend}</legend><div class="group-fields">${content}</div></fieldset>`;
}

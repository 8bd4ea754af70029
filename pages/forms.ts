/**
 * Form fields the GOV.UK way: the label above the field, a hint under the label, the error
 * message between them, tied to the field with `aria-describedby` so screen readers say it.
 */
import { type Html, html } from './html.ts';
import type { FieldError } from './layout.ts';

interface FieldOptions {
  id: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
}

const errorOf = (id: string, errors: FieldError[] = []) => errors.find((error) => error.field === id);

function describedBy(id: string, hint: string | undefined, error: FieldError | undefined): string | null {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : null;
}

function hintAndError(id: string, hint: string | undefined, error: FieldError | undefined): Html {
  return html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${
    error ? html`<p class="error-message" id="${id}-error">${error.message}</p>` : ''
  }`;
}

export function textField(
  options: FieldOptions & {
    name?: string;
    type?: 'text' | 'email' | 'number';
    value?: string;
    autocomplete?: string;
    inputmode?: string;
    maxlength?: number;
  },
): Html {
  const error = errorOf(options.id, options.errors);
  const described = describedBy(options.id, options.hint, error);
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${options.id}">${options.label}</label>
  ${hintAndError(options.id, options.hint, error)}
  <input id="${options.id}" name="${options.name ?? options.id}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${
    options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''
  }${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${
    options.maxlength ? html` maxlength="${options.maxlength}"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export function textArea(
  options: FieldOptions & { name?: string; value?: string; maxlength?: number; rows?: number },
): Html {
  const error = errorOf(options.id, options.errors);
  const described = describedBy(options.id, options.hint, error);
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${options.id}">${options.label}</label>
  ${hintAndError(options.id, options.hint, error)}
  <textarea id="${options.id}" name="${options.name ?? options.id}" rows="${options.rows ?? 4}"${
    options.maxlength ? html` maxlength="${options.maxlength}"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>${options.value ?? ''}</textarea>
</div>`;
}

/** One choice among a few, as a fieldset whose legend is the question. */
export function radios(
  options: FieldOptions & {
    name?: string;
    choices: { value: string; label: string; hint?: string }[];
    value?: string;
    inline?: boolean;
  },
): Html {
  const error = errorOf(options.id, options.errors);
  const described = describedBy(options.id, options.hint, error);
  const name = options.name ?? options.id;
  return html`<div class="field${error ? ' field-error' : ''}">
<fieldset id="${options.id}"${described ? html` aria-describedby="${described}"` : ''}>
  <legend>${options.label}</legend>
  ${hintAndError(options.id, options.hint, error)}
  <div class="choices${options.inline ? ' inline' : ''}">
  ${options.choices.map(
    (choice, index) => html`<div class="choice">
    <input type="radio" id="${options.id}-${index}" name="${name}" value="${choice.value}"${
      choice.value === options.value ? html` checked` : ''
    }${choice.hint ? html` aria-describedby="${options.id}-${index}-hint"` : ''}>
    <label for="${options.id}-${index}">${choice.label}</label>${
      choice.hint ? html`<p class="hint" id="${options.id}-${index}-hint">${choice.hint}</p>` : ''
    }
  </div>`,
  )}
  </div>
</fieldset>
</div>`;
}

export function fileField(options: FieldOptions & { name?: string; accept: string }): Html {
  const error = errorOf(options.id, options.errors);
  const described = describedBy(options.id, options.hint, error);
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${options.id}">${options.label}</label>
  ${hintAndError(options.id, options.hint, error)}
  <input id="${options.id}" name="${options.name ?? options.id}" type="file" accept="${options.accept}"${
    described ? html` aria-describedby="${described}"` : ''
  }${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

/** A form that posts back to the page it is on (POST then redirect): the link is its only secret. */
export function form(
  action: string,
  content: Html,
  options: { multipart?: boolean; className?: string } = {},
): Html {
  return html`<form method="post" action="${action}" novalidate${
    options.multipart ? html` enctype="multipart/form-data"` : ''
  }${options.className ? html` class="${options.className}"` : ''}>
${content}
</form>`;
}

export function button(
  label: string,
  options: { name?: string; value?: string; secondary?: boolean } = {},
): Html {
  return html`<button type="submit" class="button${options.secondary ? ' secondary' : ''}"${
    options.name ? html` name="${options.name}" value="${options.value ?? ''}"` : ''
  }>${label}</button>`;
}

/** Key facts (what, when, where) set apart as a list of terms and details. */
export function summaryList(rows: { key: string; value: Html | string }[]): Html {
  return html`<dl class="summary">${rows.map((row) => html`<div><dt>${row.key}</dt><dd>${row.value}</dd></div>`)}</dl>`;
}

export function panel(title: string, body: Html | string): Html {
  return html`<div class="panel" role="status"><h2>${title}</h2><div>${body}</div></div>`;
}

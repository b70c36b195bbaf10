/** A labelled input with an optional hint linked by `aria-describedby`. */
import type { InputHTMLAttributes } from "preact";

/** Props of {@link Field}: the label, the hint, and any `<input>` attribute. */
export type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: string;
};

/** `<label>` + `<input>` (+ hint). The label is the input's accessible name. */
export function Field({ id, label, hint, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} aria-describedby={hintId} {...input} />
      {hint && <p id={hintId} class="hint">{hint}</p>}
    </div>
  );
}

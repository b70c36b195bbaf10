/** Where a form or page reports a failure to the user. */
import { ApiError } from "../net/api.ts";

/**
 * A live `role="alert"` region. It is always rendered (empty when there is
 * no error) so that screen readers announce the text when it appears.
 */
export function ErrorAlert({ error }: { error: Error | null }) {
  return (
    <div role="alert" class="alert">
      {error && <strong>{error instanceof ApiError ? error.title : error.message}</strong>}
      {error instanceof ApiError && error.detail && <span>{` ${sentence(error.detail)}`}</span>}
    </div>
  );
}

/** Problem details are lower-case clauses; shown alone they read better as sentences. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * A modal dialog on the native `<dialog>`: focus moves in and is trapped,
 * Escape closes it, focus returns to the opener. Mount it to open it; it
 * calls `onClose` when dismissed (Escape, backdrop click, a Cancel button).
 */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
}

/** An open modal dialog labelled by its heading. */
export function Dialog({ title, onClose, children, class: className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(function openModal() {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => opener?.focus?.();
  }, []);

  function onClick(event: MouseEvent) {
    // A click on the dialog element itself (not its content) is the backdrop.
    if (event.target === ref.current) onClose();
  }

  return (
    <dialog
      ref={ref}
      class={className}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={onClick}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

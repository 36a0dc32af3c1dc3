/** How the desk's parts tell their page what was pressed. */

/** Fires a bubbling, composed `CustomEvent` from `host`, unless the host is disabled. */
export function fireUnlessDisabled<T>(host: HTMLElement & { disabled: boolean }, type: string, detail: T): void {
  if (host.disabled) return;
  host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}

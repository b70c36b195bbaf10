/**
 * Components loaded on first use with a dynamic `import()`, so their code
 * stays out of the app shell's initial bundle (the bundler splits each
 * `import()` into its own chunk).
 */
import { type ComponentType, h } from "preact";
import { useEffect, useState } from "preact/hooks";

/** A component that renders nothing until `load` resolves, then the loaded component. */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [, setReady] = useState(false);
    useEffect(function loadOnce() {
      if (loaded) return;
      let live = true;
      pending ??= load();
      pending.then((component) => {
        loaded = component;
        if (live) setReady(true);
      }).catch(() => {
        pending = null; // let a later render try again (e.g. once back online)
      });
      return () => {
        live = false;
      };
    }, []);
    return loaded ? h(loaded, props) : null;
  };
}

// #region readme
"use client";
import { useEffect, useRef, type ReactNode } from "react";
import "care-atlas"; // registers <care-atlas> in the browser; on the server it defines nothing
import type { CareAtlasElement } from "care-atlas";

export function Atlas({ highlight, onSelect, children }: { highlight: string[]; onSelect: (codes: string[]) => void; children: ReactNode }) {
  // React 19 does not attach `oncare-atlas-select` when it hydrates server-rendered
  // markup (react/react#35446), so the listener is added in an effect.
  const ref = useRef<CareAtlasElement>(null);
  useEffect(() => {
    const el = ref.current;
    const listener = (e: CustomEvent<{ codes: string[] }>) => onSelect(e.detail.codes);
    el?.addEventListener("care-atlas-select", listener);
    return () => el?.removeEventListener("care-atlas-select", listener);
  }, [onSelect]);
  // Attributes as strings, so the server renders them into the HTML.
  return (
    <care-atlas ref={ref} measure="cla_rate" highlight={highlight.join(",")}>
      {children /* rendered on the server; shown until the widget is ready, and if it cannot load */}
    </care-atlas>
  );
}
// #endregion

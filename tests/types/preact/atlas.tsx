// <care-atlas> in Preact JSX with every attribute and every event typed,
// after nothing but `import "care-atlas"`.
import "care-atlas";
import { useRef } from "preact/hooks";
import type { CareAtlasElement } from "care-atlas";

export function Every() {
  const ref = useRef<CareAtlasElement>(null);
  return (
    <care-atlas
      ref={ref}
      id="atlas"
      class="chart"
      style={{ maxWidth: 800 }}
      measure="cla_rate"
      year={2025}
      level="la"
      focus="E12000001"
      highlight={["E06000047", "E08000021"]}
      selected="E06000047"
      view="map+trend"
      theme="auto"
      palette="viridis"
      classes="40,60,80,100"
      base-year={2015}
      summary="show"
      height={480}
      data-src="/figures.csv"
      data-label="Foster carers"
      data-unit="per 10,000 children"
      data-source="North East councils"
      url-sync
      oncare-atlas-ready={(e) => e.detail.year?.toFixed()}
      oncare-atlas-error={(e) => e.detail.message.toUpperCase()}
      oncare-atlas-select={(e) => e.detail.codes.join()}
      oncare-atlas-yearchange={(e) => e.detail.toFixed()}
      onClick={(e) => e.currentTarget}
    >
      <a href="https://example.org/figures">The figures</a>
    </care-atlas>
  );
}

export function Refused() {
  return (
    <>
      {/* @ts-expect-error: not a measure */}
      <care-atlas measure="cla_rat" />
      {/* @ts-expect-error: not a view */}
      <care-atlas view="sideways" />
      {/* @ts-expect-error: not a theme */}
      <care-atlas theme="blue" />
      {/* @ts-expect-error: a year is a number or its digits */}
      <care-atlas year={[2025]} />
      {/* @ts-expect-error: the select event's detail has codes, not a year */}
      <care-atlas oncare-atlas-select={(e) => e.detail.toFixed()} />
      {/* @ts-expect-error: no such attribute */}
      <care-atlas colour="red" />
    </>
  );
}

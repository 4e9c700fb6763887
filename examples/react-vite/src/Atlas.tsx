// #region readme
import "care-atlas"; // registers <care-atlas>, and types it for JSX

export function Atlas({ highlight, onSelect }: { highlight: string[]; onSelect: (codes: string[]) => void }) {
  return (
    <care-atlas measure="cla_rate" highlight={highlight} oncare-atlas-select={(e) => onSelect(e.detail.codes)}>
      {/* Shown until the widget is ready, and if it cannot load: */}
      <a href="https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions">
        Children looked after in England: the figures
      </a>
    </care-atlas>
  );
}
// #endregion

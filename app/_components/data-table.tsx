import type { ReactNode } from 'react';

type Props = { caption: string; children: ReactNode };

/** A DSFR table whose horizontal scroll area a keyboard user can reach. */
export function DataTable({ caption, children }: Props) {
  return (
    <div className="fr-table fr-table--no-caption">
      <div className="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled with the keyboard (WCAG 2.1.1) */}
        <section className="fr-table__container" aria-label={caption} tabIndex={0}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}

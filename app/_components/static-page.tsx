import { getTranslations } from 'next-intl/server';

type Namespace = 'accessibility' | 'legal' | 'privacy';

type Props = {
  namespace: Namespace;
  /** [heading key, body key]; a null heading key's text is shown as a paragraph. */
  sections: [string, string | null][];
};

/** A page of headed paragraphs from one catalogue namespace (legal and policy pages). */
export async function StaticPage({ namespace, sections }: Props) {
  const t = await getTranslations(namespace);
  const text = (key: string) => t(key as Parameters<typeof t>[0]);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-9">
        <h1>{text('title')}</h1>
        {sections.map(([heading, body]) =>
          body === null ? (
            <p key={heading}>{text(heading)}</p>
          ) : (
            <section key={heading}>
              <h2 className="fr-h4">{text(heading)}</h2>
              <p>{text(body)}</p>
            </section>
          ),
        )}
      </div>
    </div>
  );
}

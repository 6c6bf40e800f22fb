'use client';

// Last resort when the root layout itself fails; kept bilingual without the catalogue.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="fr">
      <body>
        <main style={{ fontFamily: 'sans-serif', padding: '2rem' }}>
          <h1>Erreur inattendue</h1>
          <p lang="en">Unexpected error.</p>
          <button type="button" onClick={() => reset()}>
            Réessayer / <span lang="en">Try again</span>
          </button>
        </main>
      </body>
    </html>
  );
}

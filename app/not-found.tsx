// Reached only for paths the locale proxy does not handle (e.g. /api/unknown).
export default function GlobalNotFound() {
  return (
    <html lang="fr">
      <body>
        <main style={{ fontFamily: 'sans-serif', padding: '2rem' }}>
          <h1>Page non trouvée</h1>
          <p lang="en">Page not found.</p>
          <p>
            <a href="/fr">Accueil</a> ·{' '}
            <a href="/en" lang="en">
              Home
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}

// Trunk's initializer: drives the page's progress bar while the wasm module downloads.
// The app replaces the whole #orm-playground content when it mounts.
export default function loader() {
  const root = () => document.querySelector('#orm-playground .page-loading');
  return {
    onProgress({ current, total }) {
      const el = root();
      if (!el || !total) return;
      const percent = Math.min(100, Math.round((current / total) * 100));
      el.setAttribute('aria-valuenow', String(percent));
      const bar = el.querySelector('.bar span');
      if (bar) bar.style.width = `${percent}%`;
    },
    onFailure(error) {
      const el = root();
      if (!el) return;
      el.classList.add('failed');
      const text = el.querySelector('.page-loading-text');
      if (text) text.textContent = `The playground could not start: ${error}`;
    },
  };
}

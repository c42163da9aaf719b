// Minimal declarations for ReactDOM 18.3.1 (UMD global from assets/react-dom.production.min.js).

declare namespace ReactDOM {
  interface Root {
    render(element: React.ReactElement): void;
    unmount(): void;
  }
  function createRoot(container: Element): Root;
}

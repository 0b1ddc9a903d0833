import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches an error thrown while a screen renders, so the page shows `fallback` instead of going
 * blank. The server has no log endpoint for screens: the error goes to the console (the Electron
 * shell's and the browser's developer tools keep it).
 */
export class ErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('The screen stopped with an error:', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

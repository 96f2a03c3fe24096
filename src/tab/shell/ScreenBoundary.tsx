import { Component, type ReactNode } from 'react';
import { Button } from '@fluentui/react-components';

/**
 * A screen that could not load (its chunk failed to download after a deploy, say) or failed while
 * drawing: plain words and a way out, never a blank page or a stack trace.
 */
export class ScreenBoundary extends Component<{ readonly children: ReactNode }, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('A screen failed', error instanceof Error ? error.name : typeof error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <section aria-labelledby="screen-failed-heading">
        <h2 id="screen-failed-heading">This part of the app could not open</h2>
        <p>Reload the page to try again. If it keeps happening, tell your safeguarding admin.</p>
        <Button appearance="primary" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </section>
    );
  }
}

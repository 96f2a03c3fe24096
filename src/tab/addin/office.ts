// The part of Office.js the Outlook add-in's panes use, typed here (the package @types/office-js is
// not needed for so little), and how the page gets Office.js at all.
//
// Microsoft requires an add-in to load Office.js from its CDN (it may not be bundled). The pane loads
// it only when the page could be inside an Office host (framed, opened by a host, or in a host's web
// view): a plain browser never downloads it. A test injects a stub `window.Office` before the page
// loads (page.addInitScript), and then nothing is downloaded either.

/** Where Microsoft serves Office.js for add-ins (the URL its documentation gives). */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export interface AsyncResult<T> {
  readonly status: 'succeeded' | 'failed';
  readonly value: T;
  readonly error?: { readonly message: string } | undefined;
}

export interface OutlookItemApi {
  /** 'appointment' for a meeting, 'message' for an email. */
  readonly itemType: string;
  /** The item's EWS id (read mode). */
  readonly itemId?: string | undefined;
  readonly subject?: string | undefined;
  /** A meeting's start (read mode: a Date). */
  readonly start?: Date | undefined;
  /** A meeting's organiser (read mode). */
  readonly organizer?: { readonly emailAddress?: string | undefined } | undefined;
  readonly body?: { getAsync(coercionType: 'text', callback: (result: AsyncResult<string>) => void): void } | undefined;
  /**
   * Compose mode (Mailbox 1.8): the saved item's EWS id. The organiser's own meeting opens in compose mode
   * (the meetingDetailsOrganizer form), where `itemId` is absent; a meeting not yet saved answers `failed`.
   */
  getItemIdAsync?(callback: (result: AsyncResult<string>) => void): void;
}

export interface MailboxApi {
  readonly item: OutlookItemApi | null | undefined;
  convertToRestId(itemId: string, restVersion: string): string;
}

export interface OfficeApi {
  onReady(): Promise<{ readonly host: string | null; readonly platform: string | null }>;
  readonly context: { readonly mailbox?: MailboxApi | undefined; readonly requirements?: { isSetSupported(name: string, version?: string): boolean } | undefined };
  readonly MailboxEnums?: { readonly RestVersion?: { readonly v2_0: string } | undefined } | undefined;
}

export interface WindowWithOffice {
  readonly self: unknown;
  readonly parent: unknown;
  readonly opener: unknown;
  Office?: OfficeApi | undefined;
}

/**
 * Could this window be an Office add-in's pane? Outlook on the web and the new Outlook frame it;
 * classic Outlook on Windows hosts it in WebView2 (`chrome.webview`), Outlook on Mac and iOS in
 * WKWebView (`webkit.messageHandlers`), Outlook on Android injects a bridge. A plain tab has none of these.
 */
export function mightBeInOffice(win: WindowWithOffice): boolean {
  if (win.parent !== win.self) return true;
  if (win.opener !== null && win.opener !== undefined) return true;
  const w = win as { chrome?: { webview?: unknown }; webkit?: { messageHandlers?: unknown }; OfficeExtHostJSBridge?: unknown };
  return w.chrome?.webview !== undefined || w.webkit?.messageHandlers !== undefined || w.OfficeExtHostJSBridge !== undefined;
}

/** Adds the Office.js script tag and resolves when it has run. */
export type ScriptLoader = (url: string) => Promise<void>;

export const loadScript: ScriptLoader = (url) =>
  new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Office.js could not be loaded.'));
    document.head.appendChild(script);
  });

/**
 * Office.js, ready: the one already on the page (a test's stub, or a host that put it there), else
 * Microsoft's, loaded now when the page may be in Office; undefined in a plain browser.
 */
export async function loadOffice(win: WindowWithOffice, load: ScriptLoader = loadScript): Promise<OfficeApi | undefined> {
  if (!win.Office) {
    if (!mightBeInOffice(win)) return undefined;
    await load(OFFICE_JS_URL);
  }
  const office = win.Office;
  if (!office) return undefined;
  const info = await office.onReady();
  return info.host ? office : undefined;
}

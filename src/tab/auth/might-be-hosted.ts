// Cheap first check before loading TeamsJS at all: a top-level window with no opener and no native
// bridge cannot be inside Teams / Outlook / the Microsoft 365 app, so a plain browser skips the SDK
// download. (TeamsJS applies the same test and rejects app.initialize at once in that case.)

export interface WindowLike {
  readonly self: unknown;
  readonly parent: unknown;
  readonly opener: unknown;
}

export function mightBeHosted(win: WindowLike): boolean {
  const framed = win.parent !== win.self;
  const opened = win.opener !== null && win.opener !== undefined;
  // Teams mobile hosts tabs in a frameless web view and injects `nativeInterface`.
  const nativeBridge = 'nativeInterface' in win && (win as { nativeInterface?: unknown }).nativeInterface !== undefined;
  return framed || opened || nativeBridge;
}

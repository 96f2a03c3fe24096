/** The Fluent theme to use, from the host's theme name (TeamsJS `context.app.theme`: default | dark | contrast). */
export type ThemeName = 'light' | 'dark' | 'contrast';

export function themeNameFromHost(hostTheme: string | undefined): ThemeName {
  switch (hostTheme) {
    case 'dark':
      return 'dark';
    case 'contrast':
      return 'contrast';
    default:
      return 'light';
  }
}

import { webLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ThemeName } from '../auth/theme-name.js';

type TeamsThemes = typeof import('./teams-themes.js');

/**
 * The Fluent theme for the tab: the web light theme in a plain browser; inside a host, the Teams
 * theme matching the host's (light, dark, high contrast), loaded on demand to keep the bundle small.
 */
export function useFluentTheme(name: ThemeName, hosted: boolean): Theme {
  const [teamsThemes, setTeamsThemes] = useState<TeamsThemes | null>(null);
  useEffect(() => {
    if (!hosted || teamsThemes) return;
    let live = true;
    import('./teams-themes.js')
      .then((themes) => {
        if (live) setTeamsThemes(themes);
      })
      .catch(() => undefined); // keep the web theme if the chunk cannot load
    return () => {
      live = false;
    };
  }, [hosted, teamsThemes]);

  if (!hosted || !teamsThemes) return webLightTheme;
  if (name === 'dark') return teamsThemes.teamsDarkTheme;
  if (name === 'contrast') return teamsThemes.teamsHighContrastTheme;
  return teamsThemes.teamsLightTheme;
}

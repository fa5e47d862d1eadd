import type { WindowSettingsView } from '@kefu/contracts';

/**
 * A site's window settings as the server answers them for a site nobody configured (libs/domain's
 * DEFAULT_CHAT_SETTINGS.windows), with the given parts changed: for the widget's and the console's specs.
 */
export function windowSettings(
  invitation: Partial<WindowSettingsView['invitation']> = {},
  directChat: Partial<WindowSettingsView['directChat']> = {},
): WindowSettingsView {
  return {
    invitation: {
      position: 'center',
      floating: true,
      theme: 'blue',
      imageUrl: '',
      showTitle: true,
      showGreeting: true,
      accept: { text: '', width: 120, height: 36, imageUrl: '' },
      decline: { text: '', width: 120, height: 36, imageUrl: '' },
      ...invitation,
    },
    directChat: { width: 380, height: 560, position: 'bottom-right', ...directChat },
  };
}

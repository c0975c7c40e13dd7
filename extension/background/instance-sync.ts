// Keeps the run-time capture scripts in step with the Mastodon servers in the user's settings.
import { syncInstanceScripts } from "../capture/instance-scripts";
import { loadSettings, onSettingsChanged } from "../settings";

export function keepInstanceScriptsInSync(): void {
  let last = "";
  const sync = (hosts: string[]) => {
    const key = JSON.stringify(hosts);
    if (key === last) return;
    last = key;
    void syncInstanceScripts(hosts).catch(() => {
      last = "";
    });
  };
  void loadSettings().then((settings) => sync(settings.mastodonInstances));
  onSettingsChanged((settings) => sync(settings.mastodonInstances));
}

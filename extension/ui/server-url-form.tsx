// The ingest server's address: validated, and permission asked for any server that is not on this machine.
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { serverOriginPattern, updateSettings } from "../settings";
import { t } from "./i18n";

export function ServerUrlForm({ serverUrl }: { serverUrl: string }) {
  const [value, setValue] = useState(serverUrl);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  useEffect(() => setValue(serverUrl), [serverUrl]);
  const save = async (event: Event) => {
    event.preventDefault();
    let url: URL;
    try {
      url = new URL(value.trim());
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
    } catch {
      setMessage({ text: t("serverUrlInvalid"), error: true });
      return;
    }
    const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
    if (!local) {
      const granted = await browser.permissions.request({ origins: [serverOriginPattern(url.href)] });
      if (!granted) {
        setMessage({ text: t("serverUrlPermission"), error: true });
        return;
      }
    }
    await updateSettings({ serverUrl: url.origin });
    setMessage({ text: t("saved"), error: false });
  };
  return (
    // noValidate: our own check names the problem in words, where the browser's bubble would only block the submit.
    <form onSubmit={(e) => void save(e)} class="server-form" noValidate>
      <label class="field">
        <span>{t("serverUrlLabel")}</span>
        <span class="row">
          <input
            type="url"
            aria-label={t("serverUrlLabel")}
            aria-invalid={message?.error ?? false}
            data-testid="server-url"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          <button type="submit" data-testid="save-server-url">
            {t("save")}
          </button>
        </span>
      </label>
      {message && (
        <span
          role={message.error ? "alert" : "status"}
          class={message.error ? "error" : "muted"}
          data-testid="server-url-message"
        >
          {message.text}
        </span>
      )}
    </form>
  );
}

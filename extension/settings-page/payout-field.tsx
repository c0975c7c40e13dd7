// The payout address field (settings and onboarding): checked and checksummed before it is saved.
import { useEffect, useState } from "preact/hooks";
import { updateSettings } from "../settings";
import { t } from "../ui/i18n";
import { readPayoutAddress } from "./payout-address";

export function PayoutField({ payoutAddress }: { payoutAddress: string | null }) {
  const [value, setValue] = useState(payoutAddress ?? "");
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  useEffect(() => setValue(payoutAddress ?? ""), [payoutAddress]);
  const save = async (event: Event) => {
    event.preventDefault();
    const result = readPayoutAddress(value);
    if (!result.ok) {
      setMessage({ text: t(result.reason === "checksum" ? "payoutChecksum" : "payoutInvalid"), error: true });
      return;
    }
    await updateSettings({ payoutAddress: result.address });
    setValue(result.address ?? "");
    setMessage({ text: result.address ? t("payoutSaved") : t("payoutCleared"), error: false });
  };
  return (
    <form class="field" onSubmit={(e) => void save(e)}>
      <label for="payout-address">{t("payoutLabel")}</label>
      <div class="row">
        <input
          id="payout-address"
          type="text"
          spellcheck={false}
          autocomplete="off"
          placeholder="0x…"
          data-testid="payout-address"
          aria-invalid={message?.error ?? false}
          aria-describedby="payout-help"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" data-testid="save-payout">
          {t("save")}
        </button>
      </div>
      <p id="payout-help" class="muted small">
        {t("payoutHelp")}
      </p>
      {message && (
        <p
          role={message.error ? "alert" : "status"}
          class={message.error ? "error" : "muted"}
          data-testid="payout-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

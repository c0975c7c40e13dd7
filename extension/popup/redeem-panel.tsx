// The popup's redeem panel: amount, destination (the payout address from settings), confirmation, the payout's live
// status with its transaction hash, and the history of redemptions.
import { useEffect, useState } from "preact/hooks";
import { formatAmount, TOKEN_SYMBOL } from "../../shared/amounts";
import type { Redemption } from "../../shared/redemption";
import { contributorAccount } from "../identity/contributor-key";
import {
  fetchRedemption,
  fetchRedemptionHistory,
  isRedemptionOpen,
  type RedeemAmount,
  type RedemptionDeps,
  readRedeemAmount,
  registerPayoutAddress,
  requestRedemption,
  type ServerAnswer,
} from "../rewards/redemptions";
import { formatWhen, type MessageName, t } from "../ui/i18n";
import { openExtensionPage } from "../ui/open-page";

/** How often a payout on its way is asked about: a dev chain confirms in a second, a real one in tens. */
const FOLLOW_EVERY_MS = 1000;

export interface RedeemPanelProps {
  serverUrl: string;
  /** The contributor's own address (the extension's key). */
  address: string | undefined;
  payoutAddress: string | null;
  /** Spendable, in base units; undefined while unknown. */
  balance: string | undefined;
  /** The balance changed (a redemption debited it, or a failed payout refunded it). */
  onBalanceChange(): void;
}

type Step =
  | { name: "form" }
  | { name: "confirm"; amount: "all" | string; redemptionId: string }
  | { name: "sending"; amount: "all" | string; redemptionId: string };

const AMOUNT_PROBLEMS: Record<Extract<RedeemAmount, { ok: false }>["problem"], MessageName> = {
  format: "redeemAmountFormat",
  decimals: "redeemAmountDecimals",
  zero: "redeemAmountZero",
  "above-balance": "redeemAmountAboveBalance",
};

const STATUS_NAMES: Record<Redemption["status"], MessageName> = {
  pending: "redeemStatusPending",
  submitted: "redeemStatusSubmitted",
  confirmed: "redeemStatusConfirmed",
  failed: "redeemStatusFailed",
};

function failureMessage(answer: Exclude<ServerAnswer<unknown>, { ok: true }>): string {
  if (answer.kind === "refused") return answer.message;
  return answer.kind === "unreachable" ? t("redeemUnreachable") : t("redeemNotUnderstood");
}

export function RedeemPanel(props: RedeemPanelProps) {
  const { serverUrl, address, payoutAddress, balance, onBalanceChange } = props;
  const deps: RedemptionDeps = { serverUrl, fetch: (input, init) => fetch(input, init) };
  const [amountText, setAmountText] = useState("");
  const [step, setStep] = useState<Step>({ name: "form" });
  const [error, setError] = useState<string>();
  const [current, setCurrent] = useState<Redemption>();
  const [history, setHistory] = useState<Redemption[]>();

  const loadHistory = () => {
    if (!address) return;
    void fetchRedemptionHistory(deps, address).then((answer) => {
      if (answer.ok) setHistory(answer.value);
    });
  };
  useEffect(loadHistory, [serverUrl, address, current?.status]);

  // Follows the redemption just made, or one still on its way from an earlier visit, until it is settled.
  const followed = current ?? history?.find(isRedemptionOpen);
  const followedId = followed && isRedemptionOpen(followed) ? followed.id : undefined;
  useEffect(() => {
    if (!followedId) return;
    const timer = setInterval(() => {
      void fetchRedemption(deps, followedId).then((answer) => {
        if (!answer.ok) return;
        setCurrent(answer.value);
        if (!isRedemptionOpen(answer.value)) onBalanceChange();
      });
    }, FOLLOW_EVERY_MS);
    return () => clearInterval(timer);
  }, [serverUrl, followedId]);

  const review = (event: Event) => {
    event.preventDefault();
    const read = readRedeemAmount(amountText, balance);
    if (!read.ok) {
      setError(t(AMOUNT_PROBLEMS[read.problem]));
      return;
    }
    setError(undefined);
    setStep({ name: "confirm", amount: read.amount, redemptionId: crypto.randomUUID() });
  };

  const confirm = async () => {
    if (step.name !== "confirm" || !payoutAddress) return;
    setStep({ ...step, name: "sending" });
    setError(undefined);
    const account = await contributorAccount();
    // The server pays only the address registered with it: registering again is harmless and follows any change.
    const registered = await registerPayoutAddress(deps, account, payoutAddress);
    const answer = registered.ok
      ? await requestRedemption(deps, account, {
          redemptionId: step.redemptionId,
          amount: step.amount,
          destination: payoutAddress as `0x${string}`,
        })
      : registered;
    if (answer.ok) {
      setCurrent(answer.value);
      setAmountText("");
      setStep({ name: "form" });
      onBalanceChange();
      return;
    }
    setError(failureMessage(answer));
    // Refused: nothing was written, so the next try is a new request. Unanswered: the server may have it, so a retry
    // sends the same id and is answered with the first redemption rather than paid twice.
    setStep(answer.kind === "refused" ? { name: "form" } : { ...step, name: "confirm" });
  };

  const shownAmount = (amount: "all" | string) =>
    amount === "all" ? (balance === undefined ? t("redeemAll") : formatAmount(balance)) : formatAmount(amount);

  return (
    <div class="redeem" data-testid="redeem-panel">
      <h2 class="section-title">{t("redeemTitle")}</h2>
      {payoutAddress ? (
        <p class="small destination">
          {t("redeemDestination")} <code data-testid="redeem-destination">{payoutAddress}</code>{" "}
          <button type="button" class="link" onClick={() => void openExtensionPage("settings.html", true)}>
            {t("redeemChangeDestination")}
          </button>
        </p>
      ) : (
        <p class="notice small" data-testid="redeem-no-payout">
          {t("redeemNoPayoutAddress")}{" "}
          <button type="button" class="link" onClick={() => void openExtensionPage("settings.html", true)}>
            {t("redeemSetPayoutAddress")}
          </button>
        </p>
      )}

      {step.name === "form" && (
        <form class="redeem-form" onSubmit={review}>
          <label for="redeem-amount" class="small">
            {t("redeemAmountLabel", TOKEN_SYMBOL)}
          </label>
          <div class="row">
            <input
              id="redeem-amount"
              type="text"
              inputMode="decimal"
              autocomplete="off"
              placeholder="1.5"
              data-testid="redeem-amount"
              aria-invalid={error !== undefined}
              aria-describedby={error ? "redeem-error" : undefined}
              value={amountText}
              disabled={!payoutAddress}
              onInput={(e) => setAmountText(e.currentTarget.value)}
            />
            <button
              type="button"
              data-testid="redeem-all"
              disabled={!payoutAddress}
              onClick={() => setAmountText("all")}
            >
              {t("redeemAll")}
            </button>
            <button type="submit" class="primary" data-testid="redeem" disabled={!payoutAddress}>
              {t("redeemButton")}
            </button>
          </div>
        </form>
      )}

      {step.name !== "form" && payoutAddress && (
        <fieldset class="notice redeem-confirm">
          <legend class="small">{t("redeemConfirmLabel")}</legend>
          <p class="small" data-testid="redeem-confirm-text">
            {t("redeemConfirmText", shownAmount(step.amount), TOKEN_SYMBOL, payoutAddress)}
          </p>
          <div class="row">
            <button
              type="button"
              class="primary"
              data-testid="redeem-confirm"
              disabled={step.name === "sending"}
              onClick={() => void confirm()}
            >
              {step.name === "sending" ? t("redeemSending") : t("redeemConfirm")}
            </button>
            <button
              type="button"
              data-testid="redeem-cancel"
              disabled={step.name === "sending"}
              onClick={() => setStep({ name: "form" })}
            >
              {t("cancel")}
            </button>
          </div>
        </fieldset>
      )}

      {error && (
        <p id="redeem-error" class="error small" role="alert" data-testid="redeem-error">
          {error}
        </p>
      )}

      {followed && <RedemptionStatus redemption={followed} />}

      {history && history.length > 0 && (
        <section aria-label={t("redeemHistoryLabel")}>
          <h3 class="section-title">{t("redeemHistoryTitle")}</h3>
          <ul class="redeem-history" data-testid="redeem-history">
            {history.map((redemption) => (
              <li key={redemption.id} data-status={redemption.status} class="small">
                <span>
                  {formatAmount(redemption.amount)} {TOKEN_SYMBOL}
                </span>{" "}
                <span class={redemption.status === "failed" ? "error" : "muted"}>
                  {t(STATUS_NAMES[redemption.status])}
                </span>{" "}
                <span class="muted tiny">{formatWhen(Date.parse(redemption.createdAt))}</span>
                {redemption.txHash && (
                  <code class="tiny tx-hash" title={redemption.txHash}>
                    {shortHash(redemption.txHash)}
                  </code>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function shortHash(hash: string): string {
  return `${hash.slice(0, 10)}…${hash.slice(-8)}`;
}

/** The live status of one redemption, with its transaction hash (copyable) once it is sent. */
function RedemptionStatus({ redemption }: { redemption: Redemption }) {
  const [copied, setCopied] = useState<"yes" | "no">();
  const copy = async (hash: string) => {
    try {
      await navigator.clipboard.writeText(hash);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <div
      class="redeem-status"
      role="status"
      aria-live="polite"
      data-testid="redeem-status"
      data-status={redemption.status}
    >
      <p class="small">
        <strong>
          {formatAmount(redemption.amount)} {TOKEN_SYMBOL}
        </strong>{" "}
        <span class={redemption.status === "failed" ? "error" : undefined} data-testid="redeem-status-text">
          {t(STATUS_NAMES[redemption.status])}
        </span>
      </p>
      {redemption.status === "failed" && redemption.failure && (
        <p class="small muted">{t("redeemRefunded", redemption.failure)}</p>
      )}
      {redemption.txHash && (
        <div class="row tx-row">
          <label class="tiny muted" for="redeem-tx">
            {t("redeemTxHash")}
          </label>
          <input
            id="redeem-tx"
            type="text"
            class="tx-hash"
            readOnly
            value={redemption.txHash}
            data-testid="redeem-tx"
          />
          <button type="button" data-testid="redeem-copy" onClick={() => void copy(redemption.txHash ?? "")}>
            {t("redeemCopy")}
          </button>
        </div>
      )}
      {copied && (
        <p class="tiny muted" role="status">
          {copied === "yes" ? t("redeemCopied") : t("redeemCopyFailed")}
        </p>
      )}
    </div>
  );
}

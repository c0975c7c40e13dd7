// Check-digit algorithms shared by several detectors (payment cards, Canadian SIN, IBAN).

/** Luhn (mod 10) over a string of ASCII digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Remainder mod 97 of the number written by `text`, letters counting A=10 … Z=35 (ISO 7064, as IBANs use). */
export function mod97(text: string): number {
  let rest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      rest = (rest * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      rest = (rest * 100 + (code - 55)) % 97;
    } else {
      return -1;
    }
  }
  return rest;
}

/** Keeps the ASCII digits of a string. */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, "");
}

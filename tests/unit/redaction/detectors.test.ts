// Each entity type: real shapes are found whole and typed; look-alikes that fail the validator or the context are not.
import { describe, expect, it } from "vitest";
import { findPii, type PiiType, redactText } from "../../../shared/redaction/index";

/** The typed values `findPii` finds in `text`. */
function found(text: string): Array<[PiiType, string]> {
  return findPii(text).map((span) => [span.type, text.slice(span.start, span.end)]);
}

function typesIn(text: string): PiiType[] {
  return findPii(text).map((span) => span.type);
}

describe("EMAIL", () => {
  it("finds plain and scraper-dodging addresses", () => {
    expect(found("write to jane.doe+feeds@mail.example.co.uk today")).toEqual([
      ["EMAIL", "jane.doe+feeds@mail.example.co.uk"],
    ]);
    expect(found("jane [at] example (dot) com")).toEqual([["EMAIL", "jane [at] example (dot) com"]]);
  });

  it("leaves an at sign without an address alone", () => {
    expect(typesIn("meet @ 5pm, 2 apples @ $1")).toEqual([]);
  });
});

describe("PHONE", () => {
  it("finds international, North American and national numbers", () => {
    expect(found("call +44 20 7946 0958 now")).toEqual([["PHONE", "+44 20 7946 0958"]]);
    expect(found("text me (415) 555-2671")).toEqual([["PHONE", "(415) 555-2671"]]);
    expect(found("mein Handy: 0151 23456789")).toEqual([["PHONE", "0151 23456789"]]);
    expect(found("ring 01 42 68 53 00 ext. 12")).toEqual([["PHONE", "01 42 68 53 00 ext. 12"]]);
  });

  it("does not take prices, dates, counts, versions or tweet ids for phone numbers", () => {
    const decoys = [
      "only $1,299.99 this week",
      "dropped on 2024-03-15",
      "since 15/03/2024",
      "we hit 3,456,789 views",
      "update to v2.14.3 fixed it",
      "see tweet 1789012345678901234",
      "final score 3-1 at 21:45",
      "order 20231234 shipped",
    ];
    for (const text of decoys) expect(typesIn(text), text).toEqual([]);
  });
});

describe("CREDIT_CARD", () => {
  it("finds numbers with an issuer prefix, a card length and a valid Luhn digit", () => {
    expect(found("card 4111 1111 1111 1111 declined")).toEqual([["CREDIT_CARD", "4111 1111 1111 1111"]]);
    expect(found("amex 3782-822463-10005")).toEqual([["CREDIT_CARD", "3782-822463-10005"]]);
  });

  it("ignores the same digits when the Luhn check fails", () => {
    expect(typesIn("card 4111 1111 1111 1112 declined")).not.toContain("CREDIT_CARD");
  });
});

describe("IBAN", () => {
  it("finds IBANs of the country's length passing mod 97, grouped or not, in either case", () => {
    expect(found("IBAN DE89 3704 0044 0532 0130 00 pls")).toEqual([["IBAN", "DE89 3704 0044 0532 0130 00"]]);
    expect(found("to GB82WEST12345698765432.")).toEqual([["IBAN", "GB82WEST12345698765432"]]);
    expect(found("iban de89370400440532013000")).toEqual([["IBAN", "de89370400440532013000"]]);
  });

  it("ignores a wrong check digit", () => {
    expect(typesIn("IBAN DE88 3704 0044 0532 0130 00")).not.toContain("IBAN");
  });
});

describe("IP_ADDRESS", () => {
  it("finds IPv4 and IPv6 in full, compressed and mapped forms", () => {
    expect(found("from 192.168.10.20 and 2001:db8:85a3::8a2e:370:7334")).toEqual([
      ["IP_ADDRESS", "192.168.10.20"],
      ["IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"],
    ]);
    expect(found("mapped ::ffff:10.0.0.1 ok")).toEqual([["IP_ADDRESS", "::ffff:10.0.0.1"]]);
  });

  it("ignores octets over 255, version numbers and clock times", () => {
    expect(typesIn("256.1.1.1 and version 1.2.3.4 at 10:30:15")).toEqual([]);
  });
});

describe("CRYPTO_ADDRESS", () => {
  it("finds EVM accounts in lower case or with a valid EIP-55 checksum", () => {
    expect(typesIn("send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).toEqual(["CRYPTO_ADDRESS"]);
    expect(typesIn("send to 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toEqual(["CRYPTO_ADDRESS"]);
  });

  it("ignores a mixed-case EVM address whose checksum is wrong", () => {
    expect(typesIn("send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).not.toContain("CRYPTO_ADDRESS");
  });

  it("finds Bitcoin base58check and bech32 addresses, and refuses a broken checksum", () => {
    expect(typesIn("btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")).toEqual(["CRYPTO_ADDRESS"]);
    expect(typesIn("btc 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).toEqual(["CRYPTO_ADDRESS"]);
    expect(typesIn("btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")).toEqual(["CRYPTO_ADDRESS"]);
    expect(typesIn("btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")).not.toContain("CRYPTO_ADDRESS");
    expect(typesIn("btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp")).not.toContain("CRYPTO_ADDRESS");
  });
});

describe("NATIONAL_ID", () => {
  it("finds a dashed US SSN, and an undashed one next to a naming word", () => {
    expect(found("my SSN 536-90-4399")).toEqual([["NATIONAL_ID", "536-90-4399"]]);
    expect(found("social security no 536904399")).toEqual([["NATIONAL_ID", "536904399"]]);
  });

  it("refuses SSNs in the never-issued ranges", () => {
    for (const ssn of ["000-12-3456", "666-12-3456", "912-12-3456", "536-00-4399", "536-90-0000", "123-45-6789"]) {
      expect(typesIn(`SSN ${ssn}`), ssn).not.toContain("NATIONAL_ID");
    }
  });

  it("finds UK NINOs with a valid prefix, and refuses forbidden prefixes", () => {
    expect(found("NI number AB 12 34 56 C")).toEqual([["NATIONAL_ID", "AB 12 34 56 C"]]);
    expect(typesIn("NI number QQ 12 34 56 C")).not.toContain("NATIONAL_ID");
    expect(typesIn("NI number GB 12 34 56 A")).not.toContain("NATIONAL_ID");
  });

  it("finds Canadian SINs by Luhn next to a naming word, Spanish DNIs by their letter", () => {
    expect(found("my SIN is 130 692 544")).toEqual([["NATIONAL_ID", "130 692 544"]]);
    expect(typesIn("my SIN is 130 692 545")).not.toContain("NATIONAL_ID");
    expect(typesIn("my SIN is 046 454 286"), "SINs never start with 0").not.toContain("NATIONAL_ID");
    expect(found("DNI 12345678Z")).toEqual([["NATIONAL_ID", "12345678Z"]]);
    expect(typesIn("DNI 12345678A")).not.toContain("NATIONAL_ID");
  });
});

describe("STREET_ADDRESS", () => {
  it("finds English, Romance and Nordic street shapes with what follows", () => {
    expect(found("party at 14 Crown Street, Leeds LS1 4DY tonight")).toEqual([
      ["STREET_ADDRESS", "14 Crown Street, Leeds LS1 4DY"],
    ]);
    expect(found("moved to Rua do Arenque 1634")).toEqual([["STREET_ADDRESS", "Rua do Arenque 1634"]]);
    expect(found("new studio: Koskikatu 25")).toEqual([["STREET_ADDRESS", "Koskikatu 25"]]);
    expect(found("PO Box 4417 please")).toEqual([["STREET_ADDRESS", "PO Box 4417"]]);
  });

  it("leaves a street name without a number alone", () => {
    expect(typesIn("I love walking down Crown Street")).toEqual([]);
  });

  it("knows British street types and house numbers with a letter", () => {
    expect(found("send it to 14 Thornbury Gate, Leeds LS1 4AB please")).toEqual([
      ["STREET_ADDRESS", "14 Thornbury Gate, Leeds LS1 4AB"],
    ]);
    expect(found("new studio at Vondelpark 12b, come by")).toEqual([["STREET_ADDRESS", "Vondelpark 12b"]]);
  });

  it("leaves counts next to words that are also street types alone", () => {
    for (const text of ["we ran 5 miles to the park 12 times", "Park 12 is closed", "Level 5 Bank 2 was robbed"]) {
      expect(typesIn(text), text).toEqual([]);
    }
  });
});

describe("PERSON", () => {
  it("finds names after naming words, with titles, and from the given-name dictionary", () => {
    expect(found("Hi, my name is Rubija")).toEqual([["PERSON", "Rubija"]]);
    expect(found("Dr. Kyle Kuefer replied")).toEqual([["PERSON", "Kyle Kuefer"]]);
    expect(found("had coffee with Mathias Ruud")).toEqual([["PERSON", "Mathias Ruud"]]);
  });

  it("finds later mentions of a surname already found", () => {
    expect(found("Faina Yefremova won. Later Yefremova spoke.").filter(([type]) => type === "PERSON")).toEqual([
      ["PERSON", "Faina Yefremova"],
      ["PERSON", "Yefremova"],
    ]);
  });

  it("leaves sentence starts, weekdays, brands and hashtags alone", () => {
    expect(typesIn("Breaking: Monday the Apple Store opens. Big News #JaneDoe")).toEqual([]);
  });

  it("finds a lone surname from the surname dictionary, but not one that is also an English word", () => {
    expect(found("Unlike the Christiansen novel, it is short.")).toEqual([["PERSON", "Christiansen"]]);
    expect(typesIn("Brown bread is better than white.")).toEqual([]);
  });

  it("finds the other names of a list that holds a name already found", () => {
    expect(found("Usamov and Bowers were precision engineers.")).toEqual([
      ["PERSON", "Usamov"],
      ["PERSON", "Bowers"],
    ]);
    expect(found("Our founders: Morrison, Rogers & Torres built it.")).toEqual([
      ["PERSON", "Morrison"],
      ["PERSON", "Rogers"],
      ["PERSON", "Torres"],
    ]);
    expect(found("Maria and the team met the mayor.")).toEqual([["PERSON", "Maria"]]);
  });
});

describe("HANDLE", () => {
  it("finds @mentions, fediverse handles and Reddit users, but not communities", () => {
    expect(found("cc @jane_doe and @alice@mastodon.social")).toEqual([
      ["HANDLE", "@jane_doe"],
      ["HANDLE", "@alice@mastodon.social"],
    ]);
    expect(found("as u/spez_fan said in r/programming")).toEqual([["HANDLE", "u/spez_fan"]]);
  });
});

describe("URL", () => {
  it("keeps the host and redacts tokens, ids and profile names in paths and queries", () => {
    const text =
      "see https://x.com/janedoe/status/1789012345678901234 and https://shop.example/reset?token=a8F3kQ9zLm2Xp7Rt&lang=en";
    expect(redactText(text).text).toBe(
      "see https://x.com/[URL]/status/[URL] and https://shop.example/reset?token=[URL]&lang=en",
    );
  });

  it("keeps slugs and reserved paths", () => {
    expect(typesIn("great read https://blog.example.com/2024/my-first-post and https://x.com/explore")).toEqual([]);
  });
});

import { expect, test } from "vitest";
import { pbkdf2Hasher } from "./password.ts";

const hasher = pbkdf2Hasher(1000);

test("a hash verifies its password and no other", async () => {
  const stored = await hasher.hash("correct horse");
  expect(await hasher.verify("correct horse", stored)).toBe(true);
  expect(await hasher.verify("correct hors", stored)).toBe(false);
  expect(await hasher.verify("", stored)).toBe(false);
});

test("hashes are salted and record their scheme and iteration count", async () => {
  const a = await hasher.hash("same");
  const b = await hasher.hash("same");
  expect(a).not.toBe(b);
  expect(a).toMatch(/^pbkdf2-sha256\$1000\$[\w-]{22}\$[\w-]{43}$/);
});

test("a hash made at another iteration count still verifies (counts can be raised later)", async () => {
  const old = await pbkdf2Hasher(500).hash("pw");
  expect(await hasher.verify("pw", old)).toBe(true);
});

test("garbage stored hashes never verify", async () => {
  for (const stored of ["", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$0$a$b"]) {
    expect(await hasher.verify("pw", stored)).toBe(false);
  }
});

test("the default is OWASP's 600,000 iterations", async () => {
  expect(await pbkdf2Hasher().hash("pw")).toMatch(/^pbkdf2-sha256\$600000\$/);
});

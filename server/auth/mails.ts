/** The e-mails the app sends, in the recipient's language. */
import type { UserRecord } from "../store/port.ts";
import type { Mail } from "./mailer.ts";

const TEXT = {
  en: {
    subject: "Reset your password",
    body: (name: string, link: string, minutes: number) =>
      `Hi ${name},\n\nSomeone asked to reset the password of your account. ` +
      `To choose a new password, open this link within ${minutes} minutes:\n\n${link}\n\n` +
      `If it was not you, ignore this e-mail: your password stays the same.\n`,
  },
  ru: {
    subject: "Сброс пароля",
    body: (name: string, link: string, minutes: number) =>
      `Здравствуйте, ${name}!\n\nКто-то запросил сброс пароля вашей учётной записи. ` +
      `Чтобы задать новый пароль, откройте ссылку в течение ${minutes} минут:\n\n${link}\n\n` +
      `Если это были не вы, просто проигнорируйте письмо: пароль не изменится.\n`,
  },
};

/** The password-reset e-mail with its single-use link. */
export function resetMail(user: UserRecord, link: URL, minutes: number): Mail {
  const t = TEXT[user.locale] ?? TEXT.en;
  return { to: user.email, subject: t.subject, text: t.body(user.displayName, link.href, minutes) };
}

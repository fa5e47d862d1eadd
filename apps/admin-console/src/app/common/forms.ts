import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The server counts characters (code points), not UTF-16 units: an emoji is one character. */
export function charCount(value: string): number {
  return [...value].length;
}

/** `{ maxChars: { max, actual } }` when the trimmed value has more than `max` characters. */
export function maxChars(max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = typeof control.value === 'string' ? control.value.trim() : '';
    const actual = charCount(value);
    return actual > max ? { maxChars: { max, actual } } : null;
  };
}

/** Required after trimming: a value of spaces only is as empty as no value. */
export const requiredText: ValidatorFn = (control) => (typeof control.value === 'string' && control.value.trim() ? null : { required: true });

/** The same host-name rule as the server (libs/domain site.normaliseDomain): a leading `*.` and a port are accepted and dropped. */
const HOST = /^(?=.{1,253}$)(localhost|(\d{1,3}\.){3}\d{1,3}|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(:\d{1,5})?$/;

export function normaliseHost(value: string): string | null {
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^\*\./, '')
    .replace(/:\d{1,5}$/, '');
  return HOST.test(host) ? host : null;
}

export const WEB_ADDRESS = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

/** Spaces, dashes, dots and brackets people type inside phone numbers. */
export function compactPhone(value: string): string {
  return value.replace(/[\s\-().]/g, '');
}

/** The server's rule (libs/domain account.normalisePhone): a mainland mobile number, or + / 00 and 8–15 digits. */
const MAINLAND_PHONE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
const INTERNATIONAL_PHONE = /^(?:\+|00)[1-9]\d{7,14}$/;

export function isPhone(value: string): boolean {
  const phone = compactPhone(value.trim());
  return MAINLAND_PHONE.test(phone) || INTERNATIONAL_PHONE.test(phone);
}

export const phoneNumber: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : '';
  return !value || isPhone(value) ? null : { phone: true };
};

/** An e-mail address in the shape Angular's Validators.email and the server's class-validator both accept. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}
